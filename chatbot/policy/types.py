"""The policy check's public result: what every chat renderer and the audit log consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Category = Literal[
    "pii",
    "confidential",
    "undecided",
    "political",
    "religious",
    "commercial",
    "discrimination",
    "defamation",
    "obscenity",
    "public_order",
    "illegal",
    "misinformation",
    "ip_rights",
    "impersonation",
    "links",
    "security",
    "personal_opinion",
    "off_topic",
    "platform_limits",
    "media",
]
CATEGORIES: tuple[str, ...] = get_args(Category)

Severity = Literal["block", "warn", "info"]
SEVERITIES: tuple[str, ...] = get_args(Severity)
Verdict = Literal["pass", "warn", "block"]


@dataclass(frozen=True)
class MediaBlob:
    """One image handed to the checker: its file name and raw bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Finding:
    """One rule that the draft breaks, located in the ORIGINAL caption.

    For media findings ``start``/``end`` are 0 and ``media_index`` names the image.
    """

    category: str
    rule: str
    severity: str
    clause: str
    start: int
    end: int
    excerpt: str
    message_ja: str
    message_en: str
    suggestion_ja: str = ""
    suggestion_en: str = ""
    clause_text: str = ""
    media_index: int | None = None
    kind: str = ""  # the detector's hit kind (caption_too_long, disguised, ...); "" for lexicon

    def message(self, locale: str = "ja") -> str:
        return self.message_en if locale == "en" else self.message_ja

    def suggestion(self, locale: str = "ja") -> str:
        return self.suggestion_en if locale == "en" else self.suggestion_ja

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "rule": self.rule,
            "severity": self.severity,
            "clause": self.clause,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message_ja": self.message_ja,
            "message_en": self.message_en,
            "suggestion_ja": self.suggestion_ja,
            "suggestion_en": self.suggestion_en,
            "clause_text": self.clause_text,
            "media_index": self.media_index,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            category=str(data["category"]),
            rule=str(data["rule"]),
            severity=str(data["severity"]),
            clause=str(data["clause"]),
            start=int(data["start"]),
            end=int(data["end"]),
            excerpt=str(data["excerpt"]),
            message_ja=str(data["message_ja"]),
            message_en=str(data["message_en"]),
            suggestion_ja=str(data.get("suggestion_ja", "")),
            suggestion_en=str(data.get("suggestion_en", "")),
            clause_text=str(data.get("clause_text", "")),
            media_index=data.get("media_index"),
            kind=str(data.get("kind", "")),
        )


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one check: the worst severity found, and the pack that judged it."""

    verdict: str
    pack_name: str
    pack_version: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @staticmethod
    def verdict_of(findings: tuple[Finding, ...] | list[Finding]) -> str:
        severities = {f.severity for f in findings}
        if "block" in severities:
            return "block"
        if "warn" in severities:
            return "warn"
        return "pass"

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "pack": {"name": self.pack_name, "version": self.pack_version},
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckResult:
        return cls(
            verdict=str(data["verdict"]),
            pack_name=str(data["pack"]["name"]),
            pack_version=str(data["pack"]["version"]),
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", [])),
        )
