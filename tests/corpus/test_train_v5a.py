"""Shape of the hand-written training set v5a (tests/corpus/train_v5a.yml); never an evaluation set."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from chatbot.policy.types import CATEGORIES
from tests.corpus.corpus_loader import Case, load_cases

PATH = Path(__file__).with_name("train_v5a.yml")
ID = re.compile(r"tv5a-([a-z_]+)-\d{3}")
SEMANTIC = (
    "political",
    "religious",
    "commercial",
    "discrimination",
    "defamation",
    "obscenity",
    "illegal",
    "misinformation",
    "confidential",
    "undecided",
    "personal_opinion",
)
PACKS = {"kumamoto-artistspot", "kokuraminami"}


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return load_cases(PATH)


def test_ids_are_unique_and_name_their_kind(cases: list[Case]) -> None:
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    for case in cases:
        match = ID.fullmatch(case.id)
        assert match is not None, case.id
        kind = match.group(1)
        if kind == "clean":
            assert case.labels == frozenset(), case.id
        else:
            assert kind in SEMANTIC, case.id
            assert kind in case.labels, case.id


def test_labels_are_known_categories(cases: list[Case]) -> None:
    for case in cases:
        assert case.labels <= set(CATEGORIES), case.id
        assert case.caption.strip(), case.id
        assert not case.media, case.id


def test_both_packs_and_enough_of_each_kind(cases: list[Case]) -> None:
    packs = Counter(c.pack for c in cases)
    assert set(packs) == PACKS
    assert min(packs.values()) >= len(cases) // 3
    slips = [c for c in cases if c.labels]
    clean = [c for c in cases if not c.labels]
    assert len(slips) >= 280
    assert len(clean) >= 280
    per_label = Counter(label for c in slips for label in c.labels)
    for label in SEMANTIC:
        assert per_label[label] >= 20, label


def test_no_caption_is_repeated(cases: list[Case]) -> None:
    seen: dict[str, str] = {}
    for case in cases:
        key = re.sub(r"\s+", "", case.caption)
        assert key not in seen, (case.id, seen.get(key))
        seen[key] = case.id
