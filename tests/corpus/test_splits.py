"""The held-out splits stay held out: no training source holds one of their captions."""

from __future__ import annotations

import re
from pathlib import Path

from tests.corpus.corpus_loader import TRAINING, load_cases

HERE = Path(__file__).parent
HELD_OUT = (
    "frozen.yml",
    "frozen_v2.yml",
    "frozen_v3.yml",
    "frozen_v4.yml",
    "frozen_v5.yml",
    "frozen_v6.yml",
    "frozen_v7.yml",
    "frozen_v8.yml",
    "frozen_v9.yml",
    "frozen_v10.yml",
    "frozen_v11.yml",
    "frozen_v12.yml",
    "frozen_v13.yml",
    "frozen_v14.yml",
    "frozen_v15.yml",
    "frozen_v16.yml",
    "frozen_v17.yml",
    "frozen_v18.yml",
    "frozen_v19.yml",
    "frozen_v20.yml",
    "frozen_v21.yml",
    "frozen_v22.yml",
    "frozen_v23.yml",
    "frozen_v24.yml",
    "holdout.yml",
)
SCRIPT = HERE.parents[1] / "scripts" / "train_policy_model.py"


def _key(caption: str) -> str:
    return re.sub(r"\s+", "", caption)


def test_no_held_out_caption_is_in_a_training_source() -> None:
    held = {_key(c.caption): (name, c.id) for name in HELD_OUT for c in load_cases(HERE / name)}
    leaked = [
        (name, c.id, held[_key(c.caption)])
        for name in TRAINING
        for c in load_cases(HERE / name)
        if c.caption and _key(c.caption) in held
    ]
    assert leaked == []


def test_the_training_script_reads_only_training_sources() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    assert all(name in source for name in TRAINING)
    # The script imports scikit-learn (the train extra); read its SOURCES without running it.
    sources = re.search(r"SOURCES = \((.*?)\n\)", source, re.S)
    assert sources is not None
    named = set(re.findall(r'"tests/corpus/([\w.]+)"', sources.group(1)))
    assert named == set(TRAINING)
    assert not named & set(HELD_OUT)
