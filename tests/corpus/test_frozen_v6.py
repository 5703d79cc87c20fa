"""The sixth frozen split is well formed: unique ids, known labels, both packs, enough of each.

frozen_v6.yml is a blind held-out split written by an independent writer: never train or tune on
it. Only its shape is checked here, never its accuracy.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from chatbot.policy.types import CATEGORIES
from tests.corpus.corpus_loader import load_cases

V6 = Path(__file__).with_name("frozen_v6.yml")
PACKS = {"kumamoto-artistspot", "kokuraminami"}
ID = re.compile(r"v6-([a-z_]+)-\d{3}")
CLAUSE = re.compile(r"\b00[01] \d")
# The least number of slips each category must carry (pii is the largest family).
MIN_PER_CATEGORY = {"pii": 30} | {
    c: 15
    for c in (
        "confidential",
        "undecided",
        "political",
        "religious",
        "commercial",
        "discrimination",
        "defamation",
        "obscenity",
        "public_order",
        "illegal",
        "misinformation",
        "personal_opinion",
    )
}


def test_frozen_v6_is_well_formed() -> None:
    cases = load_cases(V6)
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    assert {c.pack for c in cases} == PACKS
    for case in cases:
        assert case.caption.strip(), case.id
        assert case.labels <= set(CATEGORIES), case.id
        kind = ID.fullmatch(case.id)
        assert kind is not None, case.id
        if case.labels:
            assert kind.group(1) in case.labels, case.id
        else:
            assert kind.group(1) == "clean", case.id
    slips = [c for c in cases if c.labels]
    assert len(slips) >= 225
    assert len(cases) - len(slips) >= 145
    # Both packs carry slips and clean captions.
    shape = Counter((c.pack, bool(c.labels)) for c in cases)
    assert all(shape[(pack, flag)] > 0 for pack in PACKS for flag in (True, False))
    per_category = Counter(label for c in cases for label in c.labels)
    short = {c: per_category[c] for c, least in MIN_PER_CATEGORY.items() if per_category[c] < least}
    assert short == {}


def test_frozen_v6_notes_cite_a_clause() -> None:
    entries = yaml.safe_load(V6.read_text(encoding="utf-8"))
    notes = {str(e["id"]): str(e.get("note", "")) for e in entries}
    assert len(notes) == len(entries)
    assert [i for i, note in notes.items() if not CLAUSE.search(note)] == []
