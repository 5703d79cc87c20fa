"""The hand-written training corpus v6b is well formed: unique ids, known labels, both packs, counts.

train_v6b.yml is TRAINING data for the policy model and rules (issue 9), never an evaluation set:
only its shape is checked here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from chatbot.policy.types import CATEGORIES
from tests.corpus.corpus_loader import load_cases

V6B = Path(__file__).with_name("train_v6b.yml")
PACKS = {"kumamoto-artistspot", "kokuraminami"}
ID = re.compile(r"tv6b-([a-z_]+)-\d{3}")
CLAUSE = re.compile(r"\b00[01] \d")
CONTRAST = re.compile(r"^clean, (?:contrasts with ([a-z_]+):|ordinary post:)")
# The categories the brief weighted, and the least each must carry as the id's category.
WEIGHTED = {
    "commercial": 35,
    "confidential": 35,
    "undecided": 35,
    "political": 35,
    "obscenity": 35,
    "defamation": 35,
    "illegal": 35,
    "personal_opinion": 35,
    "religious": 20,
    "discrimination": 20,
    "misinformation": 20,
    "public_order": 20,
    "pii": 30,
}


def test_train_v6b_is_well_formed() -> None:
    cases = load_cases(V6B)
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    assert {c.pack for c in cases} == PACKS
    kinds: Counter[str] = Counter()
    for case in cases:
        assert case.caption.strip(), case.id
        assert case.labels <= set(CATEGORIES), case.id
        kind = ID.fullmatch(case.id)
        assert kind is not None, case.id
        kinds[kind.group(1)] += 1
        if case.labels:
            assert kind.group(1) in case.labels, case.id
        else:
            assert kind.group(1) == "clean", case.id
    assert len(cases) >= 600
    assert {k: n for k, n in WEIGHTED.items() if kinds[k] < n} == {}
    slips = len(cases) - kinds["clean"]
    # About 55 % slips and 45 % clean captions.
    assert 0.50 <= slips / len(cases) <= 0.60
    # Both packs carry slips and clean captions.
    shape = Counter((c.pack, bool(c.labels)) for c in cases)
    assert all(shape[(pack, flag)] > 0 for pack in PACKS for flag in (True, False))
    # No caption is written twice.
    assert [t for t, n in Counter(c.caption for c in cases).items() if n > 1] == []


def test_train_v6b_notes_cite_a_clause_and_say_what_clean_contrasts_with() -> None:
    entries = yaml.safe_load(V6B.read_text(encoding="utf-8"))
    notes = {str(e["id"]): str(e.get("note", "")) for e in entries}
    assert len(notes) == len(entries)
    assert [i for i, note in notes.items() if not CLAUSE.search(note)] == []
    contrasted: Counter[str] = Counter()
    for entry in entries:
        if entry["labels"]:
            continue
        match = CONTRAST.match(str(entry["note"]))
        assert match is not None, entry["id"]
        if match.group(1):
            assert match.group(1) in CATEGORIES, entry["id"]
            contrasted[match.group(1)] += 1
    # Every category the corpus teaches has clean captions using its words in an allowed sense.
    assert {k for k in WEIGHTED if contrasted[k] < 12} == set()


def test_train_v6b_says_it_is_training_data() -> None:
    head = V6B.read_text(encoding="utf-8").split("\n- id:", 1)[0]
    assert "TRAINING" in head
    assert "never an evaluation set" in head
