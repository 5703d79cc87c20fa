"""Block Kit for the draft card, check results and texts, built with slack_sdk's models.

The models check Slack's limits when serialised (3,000 characters a section, 150 a header,
2,000 a button value ...); this module keeps within them by design, cutting long captions and
long lists of findings with a note saying so, and never returns more than 50 blocks.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from chatbot import actions
from chatbot.cards import DraftCard
from chatbot.i18n import DEFAULT_TZ, label
from chatbot.policy.types import CheckResult, Finding
from chatbot.ports import Text
from handlers.slack.render import clip, escape, person, plain, say, text

MAX_BLOCKS = 50
SECTION = 3000
CAPTION_SHOWN = 2000
FINDINGS_SHOWN = 12  # per card; the rest is counted in a note
DECISION_BUTTONS = frozenset({"approve", "request_changes", "decline"})

Blocks = list[dict[str, Any]]


def button_value(card: DraftCard) -> str:
    return json.dumps({"d": card.draft_id, "r": card.revision}, separators=(",", ":"))


def serialise(blocks: list[Block]) -> Blocks:
    """Validated dicts (slack_sdk raises on a broken limit), at most 50 blocks."""
    out = [block.to_dict() for block in blocks]
    if len(out) > MAX_BLOCKS:
        raise ValueError(f"{len(out)} blocks: Slack accepts at most {MAX_BLOCKS}")
    return out


def card_blocks(
    card: DraftCard,
    locale: str,
    now: datetime | None = None,
    *,
    decision_buttons: bool = True,
    note: Text | None = None,
) -> Blocks:
    """The card; ``decision_buttons`` False for an FYI copy (no approve / send back / decline)."""
    tz = ZoneInfo(card.timezone)
    blocks: list[Block] = []
    if note is not None:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=clip(text(note, locale, tz, now), SECTION)))
        )
    state = label("state", card.state, locale)
    title = plain("card.title", locale, draft=card.draft_id, revision=card.revision)
    blocks.append(HeaderBlock(text=PlainTextObject(text=clip(f"{title} — {state}", 150))))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=_facts(card, locale, tz, now))))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=_caption(card.caption, locale))))
    if card.verdict:
        blocks.extend(findings_blocks(card, locale))
    lines = _decision_lines(card, locale, tz, now) + _gate_lines(card, locale)
    if lines:
        body = clip("\n".join(lines), SECTION)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=body)]))
    shown = [b for b in card.buttons if decision_buttons or b not in DECISION_BUTTONS]
    if shown:
        blocks.append(
            ActionsBlock(
                block_id="card_actions", elements=[_button(card, b, locale) for b in shown]
            )
        )
    return serialise(blocks)


def fallback(card: DraftCard, locale: str) -> str:
    """The notification text (and what screen readers and old clients show)."""
    state = label("state", card.state, locale)
    return plain("card.title", locale, draft=card.draft_id, revision=card.revision) + f" — {state}"


def _facts(card: DraftCard, locale: str, tz: ZoneInfo, now: datetime | None) -> str:
    lines = [say(key, locale, tz=tz, now=now, **args) for key, args in card.facts()]
    return clip("\n".join(lines), SECTION)


def _caption(caption: str, locale: str) -> str:
    shown = caption if len(caption) <= CAPTION_SHOWN else caption[:CAPTION_SHOWN]
    quoted = "\n".join("> " + escape(line) for line in (shown.splitlines() or [""]))
    if len(caption) > CAPTION_SHOWN:
        quoted += "\n" + say("slack.caption_cut", locale, shown=CAPTION_SHOWN, total=len(caption))
    return clip(quoted, SECTION)


def findings_blocks(source: DraftCard | CheckResult, locale: str) -> list[Block]:
    """Verdict, then the findings grouped by severity (clause, excerpt, what to fix)."""
    verdict = label("verdict", source.verdict, locale)
    head = say(
        "card.check", locale, verdict=verdict, pack=source.pack_name, version=source.pack_version
    )
    blocks: list[Block] = [
        DividerBlock(),
        SectionBlock(text=MarkdownTextObject(text=clip(head, SECTION))),
    ]
    groups = _groups(source)
    budget = FINDINGS_SHOWN
    hidden = 0
    for severity, findings in groups:
        shown, rest = findings[:budget], findings[budget:]
        budget -= len(shown)
        hidden += len(rest)
        if not shown:
            continue
        body = "\n".join(_finding(f, severity, locale) for f in shown)
        heading = f"*{label('severity', severity, locale)}*"
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=clip(f"{heading}\n{body}", SECTION)))
        )
    if hidden:
        note = say("slack.findings_cut", locale, shown=FINDINGS_SHOWN, hidden=hidden)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    return blocks


def _groups(source: DraftCard | CheckResult) -> list[tuple[str, list[Finding]]]:
    if isinstance(source, DraftCard):
        return source.findings_by_severity()
    order = ("block", "warn", "info")
    return [
        (severity, [f for f in source.findings if f.severity == severity])
        for severity in order
        if any(f.severity == severity for f in source.findings)
    ]


def _finding(finding: Finding, severity: str, locale: str) -> str:
    head = say(
        "card.finding",
        locale,
        severity=label("severity", severity, locale),
        clause=finding.clause,
        message=clip(finding.message(locale), 300),
    )
    lines = [f"• {head}"]
    if finding.media_index is not None:
        lines.append("    " + say("card.finding_media", locale, index=finding.media_index + 1))
    elif finding.excerpt:
        lines.append(
            "    " + say("card.finding_excerpt", locale, excerpt=clip(finding.excerpt, 60))
        )
    if finding.suggestion(locale):
        lines.append(
            "    "
            + say(
                "card.finding_suggestion", locale, suggestion=clip(finding.suggestion(locale), 300)
            )
        )
    return clip("\n".join(lines), 900)


_CLIPPED = {"reason": 1000, "error": 500}  # a decision's own words, shortened for a section


def _decision_lines(card: DraftCard, locale: str, tz: ZoneInfo, now: datetime | None) -> list[str]:
    lines = []
    for key, args in card.decision_facts():
        shown = {
            name: clip(value, _CLIPPED[name])
            if name in _CLIPPED and isinstance(value, str)
            else value
            for name, value in args.items()
        }
        lines.append(say(key, locale, tz=tz, now=now, **shown))
    return lines


def _gate_lines(card: DraftCard, locale: str) -> list[str]:
    lines = []
    decision = card.last_decision
    if card.overridden:
        actor = decision.actor if decision else ""
        lines.append(
            say(
                "gate.overridden",
                locale,
                actor=actor,
                reason=clip(card.override_reason, 500),
                findings=", ".join(card.overridden),
            )
        )
    if card.acknowledged:
        lines.append(say("gate.acknowledged", locale, findings=", ".join(card.acknowledged)))
    if card.approved_while_absent:
        lines.append(say("gate.approved_while_absent", locale))
    waiting = card.state in ("awaiting_approval", "awaiting_approver")
    if waiting and not card.requirements.approvable:
        lines.append(say("slack.gate_hard", locale))
    elif waiting and card.requirements.needs_override:
        lines.append(say("slack.gate_override", locale))
    return lines


def _button(card: DraftCard, action_id: str, locale: str) -> ButtonElement:
    spec = actions.ACTIONS[action_id]
    style = None if spec.style is actions.Style.DEFAULT else spec.style.value
    confirm = _confirm(card, action_id, locale)
    return ButtonElement(
        text=clip(label("button", action_id, locale), 75),
        action_id=action_id,
        value=button_value(card),
        style=style,
        confirm=confirm,
    )


def _confirm(card: DraftCard, action_id: str, locale: str) -> ConfirmObject | None:
    """Approve asks first (listing the findings to check); so do withdraw and confirm-published."""
    need = actions.ACTIONS[action_id].needs(card)
    if action_id == "approve" and need is actions.Need.REASON:
        return None  # the override modal is the confirm step
    if action_id not in ("approve", "withdraw"):
        return None
    warn = [f for f in card.findings if f.severity == "warn"]
    body = say(f"slack.confirm.{action_id}", locale, draft=card.draft_id)
    if action_id == "approve" and warn:
        listed = "\n".join(f"• {escape(clip(f.message(locale), 120))}" for f in warn[:5])
        body += "\n" + say("slack.confirm.warn", locale, count=len(warn)) + "\n" + listed
    return ConfirmObject(
        title=clip(plain(f"slack.confirm.{action_id}.title", locale), 100),
        text=MarkdownTextObject(text=clip(body, 300)),
        confirm=clip(plain("slack.confirm.yes", locale), 30),
        deny=clip(plain("slack.confirm.no", locale), 30),
        style="danger" if action_id == "withdraw" else "primary",
    )


def text_blocks(
    value: Text, locale: str, tz: ZoneInfo = DEFAULT_TZ, now: datetime | None = None
) -> Blocks:
    return serialise(
        [SectionBlock(text=MarkdownTextObject(text=clip(text(value, locale, tz, now), SECTION)))]
    )


def check_blocks(result: CheckResult, locale: str, intro: Text | None = None) -> Blocks:
    """A check result on its own (the draft's thread, `/shonin check`)."""
    blocks: list[Block] = []
    if intro is not None:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=clip(text(intro, locale), SECTION)))
        )
    blocks.extend(findings_blocks(result, locale))
    return serialise(blocks)


def mention(user: str) -> str:
    return person(user)


def texts_blocks(
    values: list[Text], locale: str, tz: ZoneInfo = DEFAULT_TZ, now: datetime | None = None
) -> Blocks:
    """Many short texts (a queue, a status) packed into as few sections as fit."""
    sections: list[str] = []
    for value in values:
        line = clip(text(value, locale, tz, now), SECTION)
        if sections and len(sections[-1]) + 1 + len(line) <= SECTION:
            sections[-1] += "\n" + line
        else:
            sections.append(line)
    if len(sections) > MAX_BLOCKS - 1:
        hidden = len(sections) - (MAX_BLOCKS - 1)
        sections = [*sections[: MAX_BLOCKS - 1], say("slack.more_hidden", locale, hidden=hidden)]
    return serialise([SectionBlock(text=MarkdownTextObject(text=s)) for s in sections])
