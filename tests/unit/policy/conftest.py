"""The policy engine the policy tests share: one per test module, built once for it."""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine()
