"""The training script's operating point: thresholds spend the engine's clean-flag budget.

The script needs the ``train`` extra (scikit-learn, NumPy, SciPy), which the ``test`` extra
includes; installed without it, these tests skip.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "train_policy_model.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location("train_policy_model", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _validation(script: ModuleType, writer: list[int], truth: list[list[bool]]) -> object:
    import numpy as np

    n = len(writer)
    t = np.zeros((n, len(script.CATEGORIES)), dtype=bool)
    t[:, : len(truth[0])] = np.array(truth, dtype=bool)
    return script.Validation(
        ids=[str(i) for i in range(n)],
        packs=[""] * n,
        captions=[""] * n,
        writer=np.array(writer),
        truth=t,
        clean=~t.any(axis=1),
        sentence_x=None,
        unit_caption=np.zeros(0, dtype=np.int64),
        unit_a=np.zeros(0, dtype=np.int64),
        unit_b=np.zeros(0, dtype=np.int64),
        skip=np.zeros((0, len(script.CATEGORIES)), dtype=bool),
    )


def test_thresholds_keep_the_engine_within_its_clean_flag_budget(script: ModuleType) -> None:
    import numpy as np

    # Two writers, ten clean captions and ten positives (category 0) each. The model's scores
    # for the positives are 0.9 down to 0.55; on the clean captions, one scores 0.8 and one 0.6.
    writer = [0] * 20 + [1] * 20
    truth = ([[False]] * 10 + [[True]] * 10) * 2
    val = _validation(script, writer, truth)
    probs = np.zeros((40, len(script.CATEGORIES)))
    for w in (0, 20):
        probs[w + 10 : w + 20, 0] = np.linspace(0.9, 0.55, 10)
        probs[w, 0], probs[w + 1, 0] = 0.8, 0.6
    s = replace(script.SETTINGS, floor=0.5, min_precision=0.5, median_budget=0.1, worst_budget=0.1)
    # Alone, the model may flag one clean caption per writer: the cut goes down to just above 0.6.
    cuts = script._thresholds(probs, val, s)
    assert cuts[0] == pytest.approx(0.625)
    # A category without positives never votes.
    assert cuts[1:] == [1.0] * (len(cuts) - 1)
    hit = probs[:, 0] >= cuts[0]
    assert [int((hit & val.clean & (val.writer == w)).sum()) for w in (0, 1)] == [1, 1]
    # The rules already flag the clean captions scoring 0.8: the model flagging them too costs
    # nothing, and the cut is the same.
    ruled = np.zeros(40, dtype=bool)
    ruled[[0, 20]] = True
    assert script._thresholds(probs, val, s, ruled)[0] == pytest.approx(0.625)
    # The rules flag another clean caption of each writer: that is the whole budget, and the
    # model may flag no clean caption at all (0.8 is one).
    ruled[:] = False
    ruled[[2, 22]] = True
    assert script._thresholds(probs, val, s, ruled)[0] == pytest.approx(0.825)
    # Never below the lowest cut whose out-of-fold precision reaches min_precision
    # (at 0.8: 4 right, 1 wrong per writer).
    precise = replace(s, min_precision=0.95)
    assert script._thresholds(probs, val, precise)[0] == pytest.approx(0.825)
    # The median writer's budget binds as well as the worst's.
    median = replace(s, median_budget=0.0, worst_budget=0.5)
    assert script._thresholds(probs, val, median)[0] == pytest.approx(0.825)
