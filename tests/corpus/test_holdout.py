"""Honest figures: the engine on a corpus written blind and never used to tune the packs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CATEGORIES, CheckResult
from tests.corpus.corpus_loader import Case, load_cases

HOLDOUT = Path(__file__).with_name("holdout.yml")
MAX_FALSE_BLOCK_RATE = 0.10
MIN_MACRO_RECALL = 0.5

Judged = list[tuple[Case, CheckResult]]


@pytest.fixture(scope="module")
def judged() -> Judged:
    engine = PolicyEngine()
    return [
        (case, engine.check(case.pack, case.caption, case.media)) for case in load_cases(HOLDOUT)
    ]


def flagged(result: CheckResult) -> set[str]:
    """Categories the engine raises to a person's attention (an info note alone does not count)."""
    return {f.category for f in result.findings if f.severity != "info"}


def test_clean_holdout_captions_are_rarely_blocked(judged: Judged) -> None:
    clean = [(case, result) for case, result in judged if not case.labels]
    blocked = [
        (case.id, [(f.rule, f.excerpt) for f in result.findings if f.severity == "block"])
        for case, result in clean
        if result.verdict == "block"
    ]
    assert clean, "the held-out corpus has no clean captions"
    assert len(blocked) / len(clean) <= MAX_FALSE_BLOCK_RATE, blocked


def test_macro_recall_over_categories(judged: Judged) -> None:
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed: dict[str, list[str]] = {}
    for case, result in judged:
        found = flagged(result)
        for label in case.labels:
            total[label] += 1
            if label in found:
                caught[label] += 1
            else:
                missed.setdefault(label, []).append(case.id)
    # A category with no positives would silently drop out of the mean; every one must be there.
    assert set(total) == set(CATEGORIES), set(CATEGORIES) - set(total)
    macro = sum(caught[c] / total[c] for c in CATEGORIES) / len(CATEGORIES)
    assert macro >= MIN_MACRO_RECALL, f"macro recall {macro:.2f}; missed {missed}"
