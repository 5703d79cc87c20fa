"""The approval gate: what a revision needs before anyone may approve or publish it.

Pure functions over a check result, read by the domain (``Draft.approve``), the publishing pass
and every chat front end (which buttons and confirm steps to show):

- *hard* findings are Instagram's own limits (caption length, hashtag and mention counts, media
  count and type, file size, a post without media). Nobody can override them: Instagram would
  refuse the post anyway.
- *overridable* findings are the other 要修正 (block) findings. Only the acting approver lets
  them through, with a written reason that is audited and shown on the card.
- *warns* are 要確認 findings. Approving them needs an explicit acknowledgement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from chatbot.domain.errors import DomainError
from chatbot.i18n import t
from chatbot.policy.detectors.limits import find_hashtags, find_mentions
from chatbot.policy.detectors.media import MediaConfig, detect_media
from chatbot.policy.types import CheckResult, Finding, MediaBlob

# Instagram Content Publishing API limits for a feed post (image or carousel).
IG_MAX_CAPTION = 2200
IG_MAX_HASHTAGS = 30
IG_MAX_MENTIONS = 20
IG_MAX_MEDIA = 10
IG_MEDIA = MediaConfig(max_items=IG_MAX_MEDIA)

CAPTION_KINDS = ("caption_too_long", "too_many_hashtags", "too_many_mentions")
MEDIA_KINDS = ("no_media", "too_many_items", "unreadable", "disguised", "animated", "too_large")
# A non-JPEG image is converted on upload; one that is still not JPEG cannot be published.
HARD_KINDS = frozenset((*CAPTION_KINDS, *MEDIA_KINDS, "not_jpeg", "not_checked"))
MAX_OVERRIDE_REASON = 1_000


class GateRefused(DomainError):
    """Approval or publishing refused by the gate; ``findings`` names the rules involved."""

    key = "error.gate_hard_limit"


@dataclass(frozen=True)
class ApprovalRequirements:
    """What approving the current revision takes."""

    hard: tuple[Finding, ...] = ()
    overridable: tuple[Finding, ...] = ()
    warns: tuple[Finding, ...] = ()

    @property
    def approvable(self) -> bool:
        """False when an Instagram limit is broken: no override can help."""
        return not self.hard

    @property
    def needs_override(self) -> bool:
        return bool(self.overridable)

    @property
    def needs_acknowledgement(self) -> bool:
        return bool(self.warns)


def is_hard(finding: Finding) -> bool:
    return finding.kind in HARD_KINDS


def approval_requirements(check: CheckResult | None) -> ApprovalRequirements:
    """Split a revision's findings into hard limits, overridable blocks and warns to acknowledge."""
    if check is None:
        return ApprovalRequirements(hard=(_finding("not_checked"),))
    hard = tuple(f for f in check.findings if is_hard(f))
    rest = [f for f in check.findings if not is_hard(f)]
    return ApprovalRequirements(
        hard=hard,
        overridable=tuple(f for f in rest if f.severity == "block"),
        warns=tuple(f for f in rest if f.severity == "warn"),
    )


def finding_label(finding: Finding) -> str:
    """A short, language-neutral name for a finding: rule, clause and where it is."""
    where = f" #{finding.media_index + 1}" if finding.media_index is not None else ""
    return f"{finding.rule} [{finding.clause}]{where}"


def labels(findings: Sequence[Finding]) -> str:
    return ", ".join(finding_label(f) for f in findings)


def enforce(
    requirements: ApprovalRequirements, override_reason: str, acknowledged: bool
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Refuse what the gate does not allow; return (reason, overridden, acknowledged) to record."""
    if requirements.hard:
        raise GateRefused("error.gate_hard_limit", findings=labels(requirements.hard))
    reason = override_reason.strip()
    if requirements.overridable and not reason:
        raise GateRefused("error.gate_override_required", findings=labels(requirements.overridable))
    if len(reason) > MAX_OVERRIDE_REASON:
        raise GateRefused("error.reason_too_long", limit=MAX_OVERRIDE_REASON)
    if requirements.warns and not acknowledged:
        raise GateRefused("error.gate_ack_required", findings=labels(requirements.warns))
    overridden = tuple(finding_label(f) for f in requirements.overridable)
    acked = tuple(finding_label(f) for f in requirements.warns)
    return (reason if overridden else ""), overridden, acked


# --- Instagram's hard limits, independent of any policy pack --------------------------------


def hard_limit_findings(caption: str, media: Sequence[MediaBlob]) -> tuple[Finding, ...]:
    """Every Instagram limit the caption and images break, whatever the account's pack says."""
    found: list[Finding] = []
    length = len(caption)
    if length > IG_MAX_CAPTION:
        found.append(_finding("caption_too_long", excerpt=str(length), start=IG_MAX_CAPTION))
    for kind, count, limit in (
        ("too_many_hashtags", len(find_hashtags(caption)), IG_MAX_HASHTAGS),
        ("too_many_mentions", len(find_mentions(caption)), IG_MAX_MENTIONS),
    ):
        if count > limit:
            found.append(_finding(kind, excerpt=str(count)))
    if not media:
        found.append(_finding("no_media"))
    for hit in detect_media(media, IG_MEDIA):
        if hit.kind in HARD_KINDS:
            name = media[hit.index].filename if hit.index is not None else ""
            excerpt = f"{name} ({hit.detail})" if name else hit.detail
            found.append(_finding(hit.kind, excerpt=excerpt, index=hit.index))
    return tuple(found)


def with_hard_limits(result: CheckResult, hard: Sequence[Finding]) -> CheckResult:
    """The pack's result with Instagram's limits made binding: always 要修正, never missing."""
    findings = [replace(f, severity="block") if is_hard(f) else f for f in result.findings]
    present = {(f.kind, f.media_index) for f in findings if is_hard(f)}
    findings += [f for f in hard if (f.kind, f.media_index) not in present]
    kept = tuple(findings)
    return replace(result, verdict=CheckResult.verdict_of(kept), findings=kept)


def _finding(kind: str, *, excerpt: str = "", start: int = 0, index: int | None = None) -> Finding:
    key = f"gate.limit.{kind}"
    return Finding(
        category="media" if kind in MEDIA_KINDS or kind == "not_jpeg" else "platform_limits",
        rule=f"instagram.{kind}",
        severity="block",
        clause="Instagram",
        start=start,
        end=start,
        excerpt=excerpt,
        message_ja=t(key, "ja"),
        message_en=t(key, "en"),
        media_index=index,
        kind=kind,
    )
