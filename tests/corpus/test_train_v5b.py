"""Well-formedness of the v5b training corpus (tests/corpus/train_v5b.yml, issue 9)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from chatbot.policy.types import CATEGORIES
from tests.corpus.corpus_loader import Case, load_cases

CORPUS = Path(__file__).with_name("train_v5b.yml")
ID_RE = re.compile(r"tv5b-([a-z_]+)-(\d{3})")
PACKS = {"kumamoto-artistspot", "kokuraminami"}


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return load_cases(CORPUS)


def test_header_says_training_only() -> None:
    head = CORPUS.read_text(encoding="utf-8").split("\n- id:", 1)[0]
    assert "TRAINING" in head
    assert "never an evaluation set" in head


def test_ids_unique_and_match_their_labels(cases: list[Case]) -> None:
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    for case in cases:
        m = ID_RE.fullmatch(case.id)
        assert m is not None, case.id
        kind = m.group(1)
        if kind == "clean":
            assert case.labels == frozenset(), case.id
        else:
            assert kind in CATEGORIES, case.id
            assert kind in case.labels, case.id


def test_labels_are_known_categories(cases: list[Case]) -> None:
    for case in cases:
        assert case.labels <= set(CATEGORIES), (case.id, case.labels)


def test_both_packs_roughly_half(cases: list[Case]) -> None:
    packs = Counter(c.pack for c in cases)
    assert set(packs) == PACKS
    assert min(packs.values()) >= 0.35 * len(cases)


def test_enough_slips_and_clean(cases: list[Case]) -> None:
    slips = [c for c in cases if c.labels]
    clean = [c for c in cases if not c.labels]
    assert len(slips) >= 280
    assert len(clean) >= 280


def test_no_caption_repeated(cases: list[Case]) -> None:
    seen: dict[str, str] = {}
    for case in cases:
        assert case.caption.strip(), case.id
        key = re.sub(r"\s+", "", case.caption)
        assert key not in seen, (case.id, seen.get(key))
        seen[key] = case.id
