"""The checks the per-version policy tests share, written once.

Each factory returns a test function parametrised over one version's cases; the version's module
keeps its cases and binds the function to its own test name, for example::

    test_allowed_senses_are_not_flagged_by_the_rules = no_rule_finding(NOT_FLAGGED)

pytest collects a test under the name it is bound to in the module, so node ids stay the
module's (``test_policy_kinds_v9.py::test_allowed_senses_are_not_flagged_by_the_rules[...]``),
and the ``engine`` fixture is the module's own (``conftest.py``). ``conftest.py`` registers this
module for pytest's assertion rewriting, so a failure shows the values as in a test module.

Only the rules are judged unless a factory says otherwise (``rules_only``): findings of the
learned model are always warnings and have their own tests.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import Rule, load_pack
from chatbot.policy.types import CheckResult
from tests.unit.policy.rules_only import pii_found, pii_rules, rule_categories, rule_findings

PACKS = ("kumamoto-artistspot", "kokuraminami")

TestFunction = Callable[..., None]
Cases = Sequence[Any]


def blocked_in(result: CheckResult, category: str) -> bool:
    """A finding of the category blocks (any finding: a model's finding never blocks)."""
    return any(f.category == category and f.severity == "block" for f in result.findings)


def pack_rules(pack: str) -> dict[str, Rule]:
    """The pack's rules by id."""
    return {r.id: r for r in load_pack(pack).rules}


# ---- what the rules find on (pack, caption) cases -------------------------------------------


def no_rule_finding(cases: Cases) -> TestFunction:
    """(pack, caption): the rules neither warn nor block."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        assert rule_findings(engine.check(pack, caption)) == []

    return test


def caught_in_category(cases: Cases) -> TestFunction:
    """(pack, caption, category): the rules warn or block in the category."""

    @pytest.mark.parametrize(("pack", "caption", "category"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str, category: str) -> None:
        assert category in rule_categories(engine.check(pack, caption))

    return test


def caught_in(category: str, cases: Cases) -> TestFunction:
    """(pack, caption): the rules warn or block in the one category given."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        assert category in rule_categories(engine.check(pack, caption))

    return test


def caught_in_category_by_a_non_model_finding(cases: Cases) -> TestFunction:
    """(pack, caption, category): a finding that is not the model's (an ``info`` tip counts)
    is in the category."""

    @pytest.mark.parametrize(("pack", "caption", "category"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str, category: str) -> None:
        result = engine.check(pack, caption)
        found = {f.category for f in result.findings if not f.rule.startswith("model.")}
        assert category in found, rule_findings(result)

    return test


def not_blocked(cases: Cases) -> TestFunction:
    """(pack, caption): the verdict is no block."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        result = engine.check(pack, caption)
        assert result.verdict != "block", rule_findings(result)

    return test


def not_blocked_and_clean_where_marked(cases: Cases) -> TestFunction:
    """(pack, caption, clean): the verdict is no block; where ``clean``, no rule finding."""

    @pytest.mark.parametrize(("pack", "caption", "clean"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str, clean: bool) -> None:
        result = engine.check(pack, caption)
        assert result.verdict != "block", rule_findings(result)
        if clean:
            assert rule_findings(result) == []

    return test


def blocked_in_category(category: str, cases: Cases) -> TestFunction:
    """(pack, caption): a finding of the category blocks."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        result = engine.check(pack, caption)
        assert blocked_in(result, category), rule_findings(result)

    return test


def warns_only(cases: Cases) -> TestFunction:
    """(pack, caption): the rules find something, and every finding is a warning."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        findings = rule_findings(engine.check(pack, caption))
        assert findings
        assert all(severity == "warn" for _, severity, _ in findings)

    return test


def new_rules_never_block(cases: Cases, new_rules: Collection[str]) -> TestFunction:
    """(pack, caption, category): the findings of the version's new rules are warnings."""

    @pytest.mark.parametrize(("pack", "caption", "category"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str, category: str) -> None:
        findings = engine.check(pack, caption).findings
        assert all(f.severity == "warn" for f in findings if f.rule in new_rules)

    return test


# ---- the case lists and the packs' new rules --------------------------------------------------


def assert_unique_cases_for_both_packs(cases: Sequence[tuple[str, str]], at_least: int) -> None:
    """No (pack, caption) case twice, and at least ``at_least`` cases for each pack."""
    assert len(set(cases)) == len(cases)
    for pack in PACKS:
        assert sum(p == pack for p, _ in cases) >= at_least


def new_rules_cite_a_clause_in_both_languages(
    new_rules: Collection[str], *, warn: bool
) -> TestFunction:
    """Every pack has each new rule with a clause, and a message and a suggestion in Japanese
    and English; with ``warn``, the rule's severity is a warning."""

    def test() -> None:
        for name in PACKS:
            rules = pack_rules(name)
            for rule_id in new_rules:
                rule = rules[rule_id]
                if warn:
                    assert rule.severity == "warn", (name, rule_id)
                assert rule.clause and rule.clause_text, (name, rule_id)
                assert rule.message.ja and rule.message.en, (name, rule_id)
                assert rule.suggestion.ja and rule.suggestion.en, (name, rule_id)

    return test


# ---- personal information: what the rules' PII findings are -------------------------------------


def no_pii_found(cases: Cases) -> TestFunction:
    """(pack, caption): no PII warning or block by the rules."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        assert pii_found(engine, pack, caption) == []

    return test


def pii_found_somewhere(cases: Cases) -> TestFunction:
    """(pack, caption): the rules warn or block on PII."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        assert pii_found(engine, pack, caption), caption

    return test


def pii_warnings_only(cases: Cases) -> TestFunction:
    """(pack, caption): the rules find PII, and only warn (a person looks; never certain)."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        found = pii_found(engine, pack, caption)
        assert found, caption
        assert all(severity == "warn" for _, severity, _ in found), caption

    return test


def pii_rule_found(rule: str, cases: Cases) -> TestFunction:
    """(pack, caption): the PII rule warns or blocks."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        assert rule in pii_rules(engine, pack, caption)

    return test


def pii_or_accuracy(engine: PolicyEngine, pack: str, caption: str) -> list[tuple[str, str, str]]:
    """The rules' PII and accuracy warnings and blocks on the caption."""
    return [
        f
        for f in rule_findings(engine.check(pack, caption))
        if f[0].startswith(("pii.", "accuracy."))
    ]


def no_pii_or_accuracy_finding(cases: Cases) -> TestFunction:
    """(pack, caption): no PII or accuracy warning or block by the rules."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        assert pii_or_accuracy(engine, pack, caption) == []

    return test


def rule_blocks(engine: PolicyEngine, pack: str, caption: str) -> set[str]:
    """The ids of the rules that blocked the caption."""
    return {rule for rule, sev, _ in rule_findings(engine.check(pack, caption)) if sev == "block"}


def blocked_by(rule: str, cases: Cases) -> TestFunction:
    """(pack, caption): the rule blocks."""

    @pytest.mark.parametrize(("pack", "caption"), cases)
    def test(engine: PolicyEngine, pack: str, caption: str) -> None:
        assert rule in rule_blocks(engine, pack, caption)

    return test
