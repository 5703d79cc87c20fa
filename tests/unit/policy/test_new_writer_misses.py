"""scripts/new_writer_misses.py: what the rules and a model that never saw a writer both miss.

The fits themselves need the whole training corpus (minutes); here the tally that turns the
rules' and the model's flags into the per-category figures, which decides what is listed as a
miss, is checked on small arrays.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.script_module import load_script


@pytest.fixture(scope="module")
def script() -> ModuleType:
    pytest.importorskip("numpy")
    return load_script("new_writer_misses")


def test_a_label_is_missed_only_when_neither_the_rules_nor_the_model_catch_it(
    script: ModuleType,
) -> None:
    import numpy as np

    # Four captions, two categories: caption 0 caught by the rules, 1 by the model alone,
    # 2 by neither (a miss), 3 clean but flagged by the model in the first category.
    truth = np.array([[True, False], [True, False], [True, True], [False, False]])
    clean = ~truth.any(axis=1)
    rules = np.array([[True, False], [False, False], [False, False], [False, False]])
    model = np.array([[True, False], [True, False], [False, False], [True, False]])
    rows = script.tally(("a", "b"), truth, clean, rules, model)
    # labels, by the rules, by the model alone (not counted twice), missed, clean flagged
    assert rows == [("a", 3, 1, 1, 1, 1), ("b", 1, 0, 0, 1, 0)]


def test_a_clean_caption_flagged_by_the_rules_counts_once_in_its_category(
    script: ModuleType,
) -> None:
    import numpy as np

    truth = np.array([[False], [False]])
    clean = np.array([True, True])
    rules = np.array([[True], [False]])
    model = np.array([[True], [False]])
    assert script.tally(("a",), truth, clean, rules, model) == [("a", 0, 0, 0, 0, 1)]
