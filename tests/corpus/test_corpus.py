"""Recall per category and false blocks on clean captions, measured on the labelled corpus."""

from __future__ import annotations

from collections import Counter

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CATEGORIES, CheckResult
from tests.corpus.corpus_loader import CORPUS, Case, load_cases

MIN_RECALL = 0.8
MAX_FALSE_BLOCK_RATE = 0.02
MIN_CAPTIONS, MIN_POSITIVES, MIN_CLEAN = 200, 8, 80

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not written yet")


@pytest.fixture(scope="module")
def judged() -> list[tuple[Case, CheckResult]]:
    engine = PolicyEngine()
    return [(case, engine.check(case.pack, case.caption, case.media)) for case in load_cases()]


def test_corpus_meets_the_issue_s_size_rules(judged: list[tuple[Case, CheckResult]]) -> None:
    positives = Counter(label for case, _ in judged for label in case.labels)
    assert len(judged) >= MIN_CAPTIONS
    assert sum(1 for case, _ in judged if not case.labels) >= MIN_CLEAN
    short = {c: positives[c] for c in CATEGORIES if positives[c] < MIN_POSITIVES}
    assert not short, f"categories with fewer than {MIN_POSITIVES} positives: {short}"
    assert {label for case, _ in judged for label in case.labels} <= set(CATEGORIES)
    assert len({case.id for case, _ in judged}) == len(judged), "duplicate ids"


def test_recall_per_category(judged: list[tuple[Case, CheckResult]]) -> None:
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed: dict[str, list[str]] = {}
    for case, result in judged:
        found = {f.category for f in result.findings}
        for label in case.labels:
            total[label] += 1
            if label in found:
                caught[label] += 1
            else:
                missed.setdefault(label, []).append(case.id)
    low = {
        c: f"{caught[c]}/{total[c]} missed {missed.get(c)}"
        for c in total
        if caught[c] / total[c] < MIN_RECALL
    }
    assert not low, f"recall below {MIN_RECALL}: {low}"


def test_clean_captions_are_not_blocked(judged: list[tuple[Case, CheckResult]]) -> None:
    clean = [(case, result) for case, result in judged if not case.labels]
    blocked = [
        (case.id, [(f.rule, f.excerpt) for f in result.findings if f.severity == "block"])
        for case, result in clean
        if result.verdict == "block"
    ]
    assert clean
    assert len(blocked) / len(clean) <= MAX_FALSE_BLOCK_RATE, blocked
