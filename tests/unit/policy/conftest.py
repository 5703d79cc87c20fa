"""The policy engine the policy tests share: one per test module, built once for it."""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine

# The checks the per-version test modules share (case_checks.py): rewrite their asserts as a test
# module's are, so that a failure shows the values compared. It must run before they are imported.
pytest.register_assert_rewrite("tests.unit.policy.case_checks")


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine()
