"""What the rules found, leaving the learned model out.

The model's findings (always warnings, ``model.*`` rules) are judged by its own tests and the
benchmark; the rule tests by kind judge the rules alone. ``info`` tips never count as a flag.
"""

from __future__ import annotations

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CheckResult, Finding


def _by_rules(result: CheckResult) -> list[Finding]:
    return [f for f in result.findings if f.severity != "info" and not f.rule.startswith("model.")]


def rule_findings(result: CheckResult) -> list[tuple[str, str, str]]:
    """(rule, severity, excerpt) of every warning or block the rules made."""
    return [(f.rule, f.severity, f.excerpt) for f in _by_rules(result)]


def rule_ids(engine: PolicyEngine, pack: str, caption: str, prefix: str) -> list[str]:
    """The ids of the rules (not the model) that warned or blocked, starting with ``prefix``."""
    found = rule_findings(engine.check(pack, caption))
    return [rule for rule, _, _ in found if rule.startswith(prefix)]


def rule_categories(result: CheckResult) -> set[str]:
    """The categories the rules warned about or blocked."""
    return {f.category for f in _by_rules(result)}


def pii_found(engine: PolicyEngine, pack: str, caption: str) -> list[tuple[str, str, str]]:
    """(rule, severity, excerpt) of the rules' PII warnings and blocks on the caption."""
    return [f for f in rule_findings(engine.check(pack, caption)) if f[0].startswith("pii.")]


def pii_rules(engine: PolicyEngine, pack: str, caption: str) -> set[str]:
    """The ids of the PII rules that warned or blocked on the caption."""
    return {rule for rule, _, _ in pii_found(engine, pack, caption)}
