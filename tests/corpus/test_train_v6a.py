"""The v6a training corpus is well formed: unique ids, known labels, both packs, enough of each.

Only its shape is checked here. It is a training corpus: no accuracy is measured on it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from chatbot.policy.types import CATEGORIES
from tests.corpus.corpus_loader import load_cases

V6A = Path(__file__).with_name("train_v6a.yml")
PACKS = {"kumamoto-artistspot", "kokuraminami"}
ID = re.compile(r"tv6a-([a-z_]+)-\d{3}")
CLAUSE = re.compile(r"\b00[01] \d")
CONTRAST = re.compile(r"contrast ([a-z_]+):")
# The categories this corpus was asked to weight, with the fewest slips each must have.
WEIGHTED = {
    "commercial": 30,
    "confidential": 30,
    "undecided": 30,
    "political": 30,
    "obscenity": 30,
    "defamation": 30,
    "illegal": 30,
    "personal_opinion": 30,
    "religious": 18,
    "discrimination": 18,
    "misinformation": 18,
    "public_order": 18,
    "pii": 25,
}


def test_train_v6a_is_well_formed() -> None:
    cases = load_cases(V6A)
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    assert len(cases) >= 600
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
    # About 55 % slips, 45 % clean.
    assert 0.50 <= len(slips) / len(cases) <= 0.60
    per_label = Counter(label for c in slips for label in c.labels)
    assert {k: per_label[k] for k in WEIGHTED if per_label[k] < WEIGHTED[k]} == {}
    # Both packs carry slips and clean captions.
    shape = Counter((c.pack, bool(c.labels)) for c in cases)
    assert all(shape[(pack, flag)] > 0 for pack in PACKS for flag in (True, False))
    # No caption is written twice.
    assert len({c.caption for c in cases}) == len(cases)


def test_train_v6a_notes_cite_a_clause_and_name_the_contrast() -> None:
    entries = yaml.safe_load(V6A.read_text(encoding="utf-8"))
    notes = {str(e["id"]): str(e.get("note", "")) for e in entries}
    assert len(notes) == len(entries)
    assert [i for i, note in notes.items() if not CLAUSE.search(note)] == []
    # Every weighted category has contrastive clean captions, each naming a real category.
    contrasts = Counter(
        m.group(1)
        for e in entries
        if not e.get("labels") and (m := CONTRAST.search(str(e.get("note", "")))) is not None
    )
    assert set(contrasts) <= set(CATEGORIES)
    assert {k: contrasts[k] for k in WEIGHTED if contrasts[k] < 10} == {}
