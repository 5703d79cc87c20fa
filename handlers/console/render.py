"""Plain-text rendering of cards, findings and messages for the terminal."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from chatbot.cards import DraftCard
from chatbot.i18n import label, t
from chatbot.policy.types import CheckResult, Finding
from chatbot.ports import Text

WIDTH = 72
_BUTTON_WORD = {"request_changes": "reject"}  # console verbs follow the issue: click reject …


def render_text(text: Text, locale: str, tz: ZoneInfo, now: datetime | None = None) -> str:
    return t(text.key, locale, tz=tz, now=now, **text.args)


def render_card(card: DraftCard, locale: str, now: datetime | None = None) -> str:
    tz = ZoneInfo(card.timezone)

    def say(key: str, **args: object) -> str:
        return t(key, locale, tz=tz, now=now, **args)

    title = say("card.title", draft=card.draft_id, revision=card.revision)
    lines = [f"┌─ {title} ─ {label('state', card.state, locale)}"]
    body = [f"[draft {card.draft_id}] state={card.state}"]
    body += [say(key, **args) for key, args in card.facts()]
    body.extend(_caption(card.caption))
    if card.verdict:
        verdict = label("verdict", card.verdict, locale)
        body.append(
            say("card.check", verdict=verdict, pack=card.pack_name, version=card.pack_version)
        )
        body.extend(render_findings(card, locale))
    body.extend(_decision_lines(card, locale, tz, now))
    body.extend(gate_lines(card, locale))
    if card.buttons:
        body.append(say("card.buttons", buttons=_buttons(card, locale)))
    lines.extend(f"│ {line}" for line in body)
    lines.append("└" + "─" * 40)
    return "\n".join(lines)


def render_findings(card: DraftCard | CheckResult, locale: str) -> list[str]:
    groups = (
        card.findings_by_severity()
        if isinstance(card, DraftCard)
        else DraftCard.findings_by_severity(_as_card(card))
    )
    lines = []
    for severity, findings in groups:
        for finding in findings:
            lines.extend(_finding(finding, severity, locale))
    return lines


def render_check(result: CheckResult, locale: str) -> str:
    head = t(
        "console.check_head",
        locale,
        verdict=result.verdict,  # labelled by t
        pack=result.pack_name,
        version=result.pack_version,
    )
    return "\n".join([head, *(f"  {line}" for line in render_findings(result, locale))])


def _finding(finding: Finding, severity: str, locale: str) -> list[str]:
    head = t(
        "card.finding",
        locale,
        severity=label("severity", severity, locale),
        clause=finding.clause,
        message=finding.message(locale),
    )
    lines = [f"  {head}"]
    if finding.media_index is not None:
        lines.append("    " + t("card.finding_media", locale, index=finding.media_index + 1))
    elif finding.excerpt:
        lines.append("    " + t("card.finding_excerpt", locale, excerpt=finding.excerpt[:60]))
    if finding.suggestion(locale):
        lines.append(
            "    " + t("card.finding_suggestion", locale, suggestion=finding.suggestion(locale))
        )
    return lines


def _caption(caption: str) -> list[str]:
    shown = caption.splitlines()[:12] or [""]
    lines = ["  " + line[:WIDTH] for line in shown]
    if len(caption.splitlines()) > 12:
        lines.append("  …")
    return lines


def _decision_lines(card: DraftCard, locale: str, tz: ZoneInfo, now: datetime | None) -> list[str]:
    return [t(key, locale, tz=tz, now=now, **args) for key, args in card.decision_facts()]


def gate_lines(card: DraftCard, locale: str) -> list[str]:
    """What the approval let through (override, acknowledged, absent), or what approving needs."""
    lines = []
    decision = card.last_decision
    actor = decision.actor if decision else ""
    if card.overridden:
        findings = ", ".join(card.overridden)
        reason = card.override_reason
        lines.append(t("gate.overridden", locale, actor=actor, reason=reason, findings=findings))
    if card.acknowledged:
        lines.append(t("gate.acknowledged", locale, findings=", ".join(card.acknowledged)))
    if card.approved_while_absent:
        lines.append(t("gate.approved_while_absent", locale))
    if "approve" in card.buttons or not card.requirements.approvable:
        needs = [
            t(f"gate.requires.{kind}", locale)
            for kind, needed in (
                ("hard", not card.requirements.approvable),
                ("override", card.requirements.needs_override),
                ("ack", card.requirements.needs_acknowledgement),
            )
            if needed
        ]
        if needs and card.state in ("awaiting_approval", "awaiting_approver"):
            lines.append(t("gate.requires", locale, items="、".join(needs) if locale == "ja"
                           else "; ".join(needs)))  # fmt: skip
    return lines


def _buttons(card: DraftCard, locale: str) -> str:
    return "  ".join(
        f"[{label('button', b, locale)}: click {_BUTTON_WORD.get(b, b)} {card.draft_id}]"
        for b in card.buttons
    )


def _as_card(result: CheckResult) -> DraftCard:
    return DraftCard(
        "", "", "", "Asia/Tokyo", "", 0, "", "", 0, None, None, None, None, "",
        result.verdict, result.pack_name, result.pack_version, result.findings, (), None, "", "",
    )  # fmt: skip
