"""The training script's operating point: thresholds spend the engine's clean-flag budget.

The script needs the ``train`` extra (scikit-learn, NumPy, SciPy), which the ``test`` extra
includes; installed without it, these tests skip.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from tests.script_module import load_script


@pytest.fixture(scope="module")
def script() -> ModuleType:
    pytest.importorskip("sklearn")
    return load_script("train_policy_model")


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


def test_a_caption_scores_its_best_sentence_or_pair_not_warning_against_the_category(
    script: ModuleType,
) -> None:
    import numpy as np
    from scipy import sparse

    # Two captions: the first of three sentences, the second of one. Units: each sentence, and
    # each pair of neighbours within a caption (never across captions).
    k = len(script.CATEGORIES)
    val = replace(
        _validation(script, [0, 1], [[True], [False]]),
        sentence_x=sparse.csr_matrix(np.eye(4)),
        unit_caption=np.array([0, 0, 0, 0, 0, 1]),
        unit_a=np.array([0, 0, 1, 1, 2, 3]),
        unit_b=np.array([-1, 1, -1, 2, -1, -1]),
        skip=np.zeros((4, k), dtype=bool),
    )
    scores = np.array([1.0, -0.5, 2.0, -3.0])
    bias = np.array([0.25, -1.0])
    # The pair (1, 2) scores 1.5, sentence 2 alone 2.0: the best is 2.0, plus the caption's bias.
    assert script._caption_logits(val, scores, bias, 0).tolist() == [2.25, -4.0]
    # Sentence 2 warns against category 0: it and the pairs holding it are left out.
    skip = val.skip.copy()
    skip[2, 0] = True
    warned = replace(val, skip=skip)
    assert script._caption_logits(warned, scores, bias, 0).tolist() == [1.25, -4.0]
    # Without pairs, only single sentences count; a caption whose every unit is left out is -inf.
    skip[3, 0] = True
    assert (
        script._caption_logits(replace(val, skip=skip), scores, bias, 0, pairs=False)[1] == -np.inf
    )
    # Every sentence is its caption's writer's.
    assert script._sentence_writer(val).tolist() == [0, 0, 0, 1]


def test_cached_fits_are_used_only_for_the_data_and_settings_they_were_made_from(
    script: ModuleType, tmp_path: Path
) -> None:
    import numpy as np

    fits = script.Fits(
        "abc",
        oof_scores=np.arange(12.0).reshape(2, 2, 3),
        oof_bias=np.ones((2, 2, 4)),
        final_coef=np.zeros((2, 2, 5)),
        final_bias=np.array([[0.5, 0.25], [1.0, -1.0]]),
    )
    path = tmp_path / "deep" / "fits.npz"
    fits.save(path)
    back = script.Fits.load(path, "abc")
    assert back.fingerprint == "abc"
    for name in ("oof_scores", "oof_bias", "final_coef", "final_bias"):
        assert np.array_equal(getattr(back, name), getattr(fits, name))
    # Made from other data or settings: refused, never used.
    with pytest.raises(SystemExit, match="other training data or settings"):
        script.Fits.load(path, "abd")
    with pytest.raises(SystemExit, match="no cached fits"):
        script.Fits.load(tmp_path / "missing.npz", "abc")


def test_the_fingerprint_changes_with_the_data_and_the_fitting_settings(
    script: ModuleType,
) -> None:
    import numpy as np

    example = script.Example("g1", "テキスト", frozenset({"political"}), 1.0, True, 2)
    val = replace(
        _validation(script, [2], [[True]]), ids=["g1"], captions=["テキスト"], packs=["p"]
    )
    prepared = script.Prepared(
        examples=[example],
        x=None,
        vocab=np.array(["テ", "キ"]),
        presence=np.zeros((1, 2)),
        val=val,
    )
    base = script.fingerprint(prepared, script.SETTINGS)
    assert base == script.fingerprint(prepared, script.SETTINGS)
    relabelled = replace(prepared, examples=[replace(example, labels=frozenset({"religious"}))])
    assert script.fingerprint(relabelled, script.SETTINGS) != base
    reweighted = replace(prepared, examples=[replace(example, weight=0.5)])
    assert script.fingerprint(reweighted, script.SETTINGS) != base
    assert script.fingerprint(replace(prepared, vocab=np.array(["テ"])), script.SETTINGS) != base
    other_c = replace(script.SETTINGS, c_grid=(0.1,))
    assert script.fingerprint(prepared, other_c) != base
    # What is applied after the fits does not invalidate them.
    budgets = replace(script.SETTINGS, median_budget=0.08, worst_budget=0.2, floor=0.5)
    assert script.fingerprint(prepared, budgets) == base
    # Writers left out in folds are other fits; left out one at a time (0) they are the same.
    assert script.fingerprint(prepared, replace(script.SETTINGS, folds=8)) != base
    assert script.fingerprint(prepared, replace(script.SETTINGS, folds=0)) == base


def test_folds_leave_every_writer_out_exactly_once(script: ModuleType) -> None:
    writers = [0, 2, 3, 5, 6, 7, 9, 2, 3]  # validated writers (1, the generated file, never is)
    alone = script.fold_groups(writers, 0)
    assert alone == [[0], [2], [3], [5], [6], [7], [9]]
    assert script.fold_groups(writers, 7) == alone == script.fold_groups(writers, 20)
    three = script.fold_groups(writers, 3)
    assert three == [[0, 5, 9], [2, 6], [3, 7]]
    assert sorted(w for group in three for w in group) == sorted(set(writers))


def test_a_fold_counts_none_of_its_writers_for_the_features(script: ModuleType) -> None:
    import numpy as np

    presence = np.array([[1, 1, 0], [1, 0, 1], [0, 0, 1]])  # writers x features
    everyone = replace(script.SETTINGS, min_writers=1)
    assert script._allowed(presence, None, everyone).tolist() == [True, True, True]
    assert script._allowed(presence, 0, everyone).tolist() == [True, False, True]
    assert script._allowed(presence, [0, 2], everyone).tolist() == [True, False, True]
    assert script._allowed(presence, [1, 2], everyone).tolist() == [True, True, False]
    two = replace(script.SETTINGS, min_writers=2)
    assert script._allowed(presence, [], two).tolist() == [True, False, True]
    assert script._allowed(presence, [2], two).tolist() == [True, False, False]
