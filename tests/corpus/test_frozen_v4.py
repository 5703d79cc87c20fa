"""The fourth frozen split is well formed: unique ids, known labels, both packs, enough of each.

Only its shape is checked here; its accuracy is printed by benchmarks/policy_bench.py.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from chatbot.policy.types import CATEGORIES
from tests.corpus.corpus_loader import load_cases

V4 = Path(__file__).with_name("frozen_v4.yml")
PACKS = {"kumamoto-artistspot", "kokuraminami"}


def test_frozen_v4_is_well_formed() -> None:
    cases = load_cases(V4)
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    assert {c.pack for c in cases} == PACKS
    for case in cases:
        assert case.caption.strip(), case.id
        assert case.labels <= set(CATEGORIES), case.id
        kind = re.fullmatch(r"v4-([a-z_]+)-\d{3}", case.id)
        assert kind is not None, case.id
        if case.labels:
            assert kind.group(1) in case.labels, case.id
        else:
            assert kind.group(1) == "clean", case.id
    positives = [c for c in cases if c.labels]
    assert len(positives) >= 180
    assert len(cases) - len(positives) >= 100
    # Both packs carry positives and clean captions.
    shape = Counter((c.pack, bool(c.labels)) for c in cases)
    assert all(shape[(pack, flag)] > 0 for pack in PACKS for flag in (True, False))


def test_frozen_v4_notes_cite_a_clause() -> None:
    entries = yaml.safe_load(V4.read_text(encoding="utf-8"))
    notes = {str(e["id"]): str(e.get("note", "")) for e in entries}
    assert notes
    assert [i for i, note in notes.items() if not re.search(r"\b00[01] \d", note)] == []
