"""The hand-written splits are well formed: one table of what each file promises, one set of checks.

Held-out splits (``frozen_v*``) and training corpora (``train_v*``) alike: unique ids that name
their kind (``<prefix>-<category>-NNN``, ``<prefix>-clean[-<category>]-NNN``), known labels, a caption each,
both packs carrying slips and clean captions, enough of each and of every category the writer
was asked for, no caption twice, notes that cite a clause, and for training files a header that
says so and clean captions that say what they contrast with. Only the shape is checked here;
accuracy on the held-out splits is printed by ``benchmarks/policy_bench.py``, never asserted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from chatbot.policy.types import CATEGORIES
from tests.corpus.corpus_loader import load_cases

HERE = Path(__file__).parent
PACKS = {"kumamoto-artistspot", "kokuraminami"}
CLAUSE = re.compile(r"\b00[01] \d")
WEIGHTED = ("commercial", "confidential", "undecided", "political", "obscenity", "defamation")
WEIGHTED += ("illegal", "personal_opinion")
OTHERS = ("religious", "discrimination", "misinformation", "public_order")
SEMANTIC = (*WEIGHTED, *OTHERS[:3])


def _each(names: tuple[str, ...], least: int) -> dict[str, int]:
    return dict.fromkeys(names, least)


@dataclass(frozen=True)
class Shape:
    prefix: str  # ids are <prefix>-<kind>-NNN
    slips: int  # at least this many captions with labels
    clean: int  # and this many without
    per_category: dict[str, int] = field(default_factory=dict)  # slips per label, at least
    notes: bool = True  # every note cites a clause
    training: bool = False  # the header says TRAINING, never an evaluation set
    slip_share: tuple[float, float] | None = None  # the share of slips, within
    pack_share: float = 0.0  # each pack holds at least this share of the captions
    contrast: re.Pattern[str] | None = None  # a clean caption's note names what it contrasts
    contrasts: int = 0  # clean captions contrasting with each weighted category, at least
    every_clean_says: bool = False  # every clean caption's note matches ``contrast``


def _blind_7_december(prefix: str) -> Shape:
    """The blind writers of 7 December (two each day, four days) were given the same counts."""
    return Shape(
        prefix,
        slips=228,
        clean=152,
        per_category={"pii": 30} | _each((*WEIGHTED, *OTHERS), 16),
        pack_share=0.4,
    )


def _v7_training(prefix: str) -> Shape:
    """The six training writers of 7 December were given the same counts (the weak categories
    first) and the same note form."""
    return Shape(
        prefix,
        slips=400,
        clean=280,
        per_category=_each(("public_order", "misinformation", "personal_opinion", "illegal"), 35)
        | _each(("discrimination", "defamation", "political", "undecided", "pii"), 30)
        | _each(("religious", "commercial", "confidential", "obscenity"), 25),
        training=True,
        slip_share=(0.52, 0.62),
        pack_share=0.4,
        contrast=re.compile(r"^(?:contrast ([a-z_]+):|ordinary post:)"),
        contrasts=12,
        every_clean_says=True,
    )


def _v8_training(prefix: str) -> Shape:
    """The training writers of the second day of 7 December: the v7 form, more of the categories
    the blind splits missed most (PII, defamation, confidential, misinformation, public_order) and
    thirteen contrasts per category."""
    return replace(
        _v7_training(prefix),
        per_category=_each(("pii", "defamation", "confidential", "misinformation"), 35)
        | _each(("public_order",), 35)
        | _each(("personal_opinion", "illegal", "discrimination", "undecided", "political"), 30)
        | _each(("religious", "commercial", "obscenity"), 25),
        contrasts=13,
    )


def _v9_training(prefix: str) -> Shape:
    """The training writers of the third and fourth days of 7 December: the v8 form with more PII
    and more of the categories the blind splits still missed (defamation, illegal,
    personal_opinion, public_order, misinformation)."""
    return replace(
        _v8_training(prefix),
        per_category={"pii": 38}
        | _each(("defamation", "illegal", "personal_opinion", "public_order"), 35)
        | _each(("misinformation",), 35)
        | _each(("confidential", "discrimination", "undecided", "political"), 30)
        | _each(("religious", "commercial", "obscenity"), 25),
    )


def _v12_training(prefix: str) -> Shape:
    """The training writers of the seventh and eighth days of 7 December: the v9 form with more of what the
    rules and a model that never saw the writer both missed most on the newest writers
    (discrimination, public_order, misinformation, illegal; scripts/new_writer_misses.py) and
    fourteen contrasts per category."""
    return replace(
        _v9_training(prefix),
        slips=405,
        clean=285,
        per_category={"pii": 35}
        | _each(("discrimination", "public_order", "misinformation", "illegal"), 38)
        | _each(("obscenity", "defamation", "confidential", "personal_opinion"), 32)
        | _each(("political", "commercial", "religious", "undecided"), 25),
        contrasts=14,
    )


SHAPES = {
    "frozen_v4.yml": Shape("v4", slips=180, clean=100),
    "frozen_v5.yml": Shape("v5", slips=210, clean=130),
    "frozen_v6.yml": Shape(
        "v6",
        slips=225,
        clean=145,
        per_category={"pii": 30} | _each((*WEIGHTED, *OTHERS), 15),
    ),
    "frozen_v7.yml": _blind_7_december("v7"),
    "frozen_v8.yml": _blind_7_december("v8"),
    "frozen_v9.yml": _blind_7_december("v9"),
    "frozen_v10.yml": _blind_7_december("v10"),
    "frozen_v11.yml": _blind_7_december("v11"),
    "frozen_v12.yml": _blind_7_december("v12"),
    "frozen_v13.yml": _blind_7_december("v13"),
    "frozen_v14.yml": _blind_7_december("v14"),
    "frozen_v15.yml": _blind_7_december("v15"),
    "frozen_v16.yml": _blind_7_december("v16"),
    "frozen_v17.yml": _blind_7_december("v17"),
    "frozen_v18.yml": _blind_7_december("v18"),
    "frozen_v19.yml": _blind_7_december("v19"),
    "frozen_v20.yml": _blind_7_december("v20"),
    "frozen_v21.yml": _blind_7_december("v21"),
    "frozen_v22.yml": _blind_7_december("v22"),
    "frozen_v23.yml": _blind_7_december("v23"),
    "frozen_v24.yml": _blind_7_december("v24"),
    "train_v4.yml": Shape(
        "tv4", slips=500, clean=300, per_category=_each(SEMANTIC, 30), notes=False, pack_share=0.45
    ),
    "train_v5a.yml": Shape(
        "tv5a",
        slips=280,
        clean=280,
        per_category=_each(SEMANTIC, 20),
        notes=False,
        pack_share=1 / 3,
    ),
    "train_v5b.yml": Shape(
        "tv5b", slips=280, clean=280, notes=False, training=True, pack_share=0.35
    ),
    "train_v6a.yml": Shape(
        "tv6a",
        slips=330,
        clean=270,
        per_category={"pii": 25} | _each(WEIGHTED, 30) | _each(OTHERS, 18),
        slip_share=(0.50, 0.60),
        contrast=re.compile(r"contrast ([a-z_]+):"),
        contrasts=10,
    ),
    "train_v6b.yml": Shape(
        "tv6b",
        slips=330,
        clean=270,
        per_category={"pii": 30} | _each(WEIGHTED, 35) | _each(OTHERS, 20),
        training=True,
        slip_share=(0.50, 0.60),
        contrast=re.compile(r"^clean, (?:contrasts with ([a-z_]+):|ordinary post:)"),
        contrasts=12,
        every_clean_says=True,
    ),
    "train_v6c.yml": Shape(
        "tv6c",
        slips=300,
        clean=250,
        per_category={"pii": 25} | _each(WEIGHTED, 28) | _each(OTHERS, 16),
        training=True,
        contrast=re.compile(r"contrast ([a-z_]+):"),
        contrasts=10,
    ),
    "train_v6d.yml": Shape(
        "tv6d",
        slips=300,
        clean=250,
        per_category={"pii": 25} | _each(WEIGHTED, 28) | _each(OTHERS, 16),
        training=True,
        contrast=re.compile(r"contrast ([a-z_]+):"),
        contrasts=10,
    ),
    "train_v7a.yml": _v7_training("tv7a"),
    "train_v7b.yml": _v7_training("tv7b"),
    "train_v7c.yml": _v7_training("tv7c"),
    "train_v7d.yml": _v7_training("tv7d"),
    "train_v7e.yml": _v7_training("tv7e"),
    "train_v7f.yml": _v7_training("tv7f"),
    "train_v8a.yml": _v8_training("tv8a"),
    "train_v8b.yml": _v8_training("tv8b"),
    "train_v8c.yml": _v8_training("tv8c"),
    "train_v8d.yml": _v8_training("tv8d"),
    "train_v8e.yml": _v8_training("tv8e"),
    "train_v9a.yml": _v9_training("tv9a"),
    "train_v9b.yml": _v9_training("tv9b"),
    "train_v9c.yml": _v9_training("tv9c"),
    "train_v10a.yml": _v9_training("tv10a"),
    "train_v10b.yml": _v9_training("tv10b"),
    "train_v10c.yml": _v9_training("tv10c"),
    "train_v11a.yml": _v9_training("tv11a"),
    "train_v11b.yml": _v9_training("tv11b"),
    "train_v11c.yml": _v9_training("tv11c"),
    "train_v12a.yml": _v12_training("tv12a"),
    "train_v12b.yml": _v12_training("tv12b"),
    "train_v12c.yml": _v12_training("tv12c"),
    "train_v12d.yml": _v12_training("tv12d"),
    "train_v12e.yml": _v12_training("tv12e"),
    "train_v12f.yml": _v12_training("tv12f"),
    "train_v12g.yml": _v12_training("tv12g"),
    "train_v12h.yml": _v12_training("tv12h"),
    "train_v13a.yml": _v12_training("tv13a"),
    "train_v13b.yml": _v12_training("tv13b"),
    "train_v13c.yml": _v12_training("tv13c"),
    "train_v13d.yml": _v12_training("tv13d"),
    "train_v13e.yml": _v12_training("tv13e"),
    "train_v13f.yml": _v12_training("tv13f"),
    "train_v13g.yml": _v12_training("tv13g"),
    "train_v13h.yml": _v12_training("tv13h"),
    "train_v13i.yml": _v12_training("tv13i"),
    "train_v13j.yml": _v12_training("tv13j"),
    "train_v13k.yml": _v12_training("tv13k"),
    "train_v13l.yml": _v12_training("tv13l"),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_ids_labels_and_captions(name: str) -> None:
    shape, cases = SHAPES[name], load_cases(HERE / name)
    ids = [c.id for c in cases]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    # a clean caption may name what it contrasts with: tv4-clean-confidential-030
    pattern = re.compile(rf"{re.escape(shape.prefix)}-([a-z_]+)(?:-[a-z_]+)?-\d{{3}}")
    for case in cases:
        assert case.caption.strip(), case.id
        assert case.labels <= set(CATEGORIES), case.id
        kind = pattern.fullmatch(case.id)
        assert kind is not None, case.id
        if case.labels:
            assert kind.group(1) in case.labels, case.id
        else:
            assert kind.group(1) == "clean", case.id
    repeated = Counter(re.sub(r"\s+", "", c.caption) for c in cases)
    assert [caption for caption, n in repeated.items() if n > 1] == []


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_enough_of_each_in_both_packs(name: str) -> None:
    shape, cases = SHAPES[name], load_cases(HERE / name)
    slips = [c for c in cases if c.labels]
    assert len(slips) >= shape.slips
    assert len(cases) - len(slips) >= shape.clean
    both = Counter((c.pack, bool(c.labels)) for c in cases)
    assert {
        (pack, flag) for pack in PACKS for flag in (True, False) if not both[(pack, flag)]
    } == set()
    packs = Counter(c.pack for c in cases)
    assert set(packs) == PACKS and min(packs.values()) >= shape.pack_share * len(cases)
    per_label = Counter(label for c in slips for label in c.labels)
    assert {
        k: per_label[k] for k, least in shape.per_category.items() if per_label[k] < least
    } == {}
    if shape.slip_share is not None:
        low, high = shape.slip_share
        assert low <= len(slips) / len(cases) <= high


def _entries(name: str) -> list[dict[str, Any]]:
    entries = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    assert isinstance(entries, list) and entries
    return entries


@pytest.mark.parametrize("name", sorted(n for n, s in SHAPES.items() if s.notes))
def test_notes_cite_a_clause(name: str) -> None:
    uncited = [e["id"] for e in _entries(name) if not CLAUSE.search(str(e.get("note", "")))]
    assert uncited == []


@pytest.mark.parametrize("name", sorted(n for n, s in SHAPES.items() if s.contrast))
def test_clean_captions_say_what_they_contrast_with(name: str) -> None:
    shape = SHAPES[name]
    assert shape.contrast is not None
    contrasted: Counter[str] = Counter()
    for entry in _entries(name):
        if entry.get("labels"):
            continue
        found = shape.contrast.search(str(entry.get("note", "")))
        assert found is not None or not shape.every_clean_says, entry["id"]
        if found is not None and found.group(1):
            assert found.group(1) in CATEGORIES, entry["id"]
            contrasted[found.group(1)] += 1
    assert {k: contrasted[k] for k in WEIGHTED if contrasted[k] < shape.contrasts} == {}


@pytest.mark.parametrize("name", sorted(n for n, s in SHAPES.items() if s.training))
def test_training_files_say_they_are_training_data(name: str) -> None:
    header = (HERE / name).read_text(encoding="utf-8").split("\n- id:", 1)[0]
    head = " ".join(line.lstrip("#").strip() for line in header.splitlines())  # across line ends
    assert "TRAINING" in head and "never an evaluation set" in head


def test_every_hand_written_split_has_a_shape() -> None:
    # frozen_v2 and frozen_v3 came before these rules (ids of their own form).
    written = {p.name for p in HERE.glob("*_v[0-9]*.yml")} - {"frozen_v2.yml", "frozen_v3.yml"}
    assert written == set(SHAPES)
