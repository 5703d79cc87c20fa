"""A PolicyChecker whose findings are configured by the test."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from chatbot.policy.types import CheckResult, Finding, MediaBlob


def finding(severity: str = "warn", rule: str = "fake.rule", clause: str = "5(1)") -> Finding:
    return Finding(
        category="pii",
        rule=rule,
        severity=severity,
        clause=clause,
        start=0,
        end=1,
        excerpt="x",
        message_ja="テストの指摘",
        message_en="test finding",
    )


@dataclass
class FakeChecker:
    """Returns ``findings`` for every caption, plus those configured for a word it contains."""

    version: str = "9.9.9-test"
    findings: tuple[Finding, ...] = ()
    by_word: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    calls: list[tuple[str, str, tuple[MediaBlob, ...]]] = field(default_factory=list)

    fail_with: Exception | None = None
    clause_texts: dict[str, str] = field(
        default_factory=lambda: {"5(1)": "個人情報に関する条項", "5(3)": "政治活動に関する条項"}
    )

    def check(
        self,
        pack: str,
        caption: str,
        media: Sequence[MediaBlob] = (),
        *,
        publish_at: datetime | None = None,
    ) -> CheckResult:
        self.calls.append((pack, caption, tuple(media)))
        if self.fail_with is not None:
            raise self.fail_with
        found = list(self.findings)
        for word, extra in self.by_word.items():
            if word in caption:
                found.extend(extra)
        return CheckResult(CheckResult.verdict_of(found), pack, self.version, tuple(found))

    def pack_version(self, pack: str) -> str:
        return self.version

    def clauses(self, pack: str) -> dict[str, str]:
        return dict(self.clause_texts)
