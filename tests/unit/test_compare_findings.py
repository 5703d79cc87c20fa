"""scripts/compare_findings.py: which cases differ between two engines' rows."""

from __future__ import annotations

from types import ModuleType

from tests.script_module import load_script


def _script() -> ModuleType:
    return load_script("compare_findings")


FINDING = ("pii.phone", "pii", "block", 3, 16, None, "phone")


def test_cases_with_the_same_findings_do_not_differ() -> None:
    rows = [("a", ("block", (FINDING,)), ("block", (FINDING,))), ("b", ("pass", ()), None)]
    assert _script().differing(rows, list(reversed(rows))) == []


def test_a_span_a_severity_a_verdict_or_a_missing_case_differs() -> None:
    moved = (*FINDING[:3], 4, *FINDING[4:])
    softer = (*FINDING[:2], "warn", *FINDING[3:])
    ours = [
        ("a", ("block", (FINDING,)), None),
        ("b", ("block", (FINDING,)), None),
        ("c", ("block", (FINDING,)), ("block", (FINDING,))),
        ("d", ("pass", ()), None),
    ]
    theirs = [
        ("a", ("block", (moved,)), None),
        ("b", ("warn", (softer,)), None),
        ("c", ("block", (FINDING,)), ("pass", ())),  # differs only with a publish time
        ("e", ("pass", ()), None),
    ]
    assert _script().differing(ours, theirs) == ["a", "b", "c", "d", "e"]
