"""DraftCard and Text as Adaptive Cards 1.5 (Teams renders 1.5 and below).

The buttons come from the one action table (``chatbot.actions``): an action that needs nothing is
an ``Action.Execute`` whose verb is the action id; one that needs a reason, a confirm or a
date-time opens an ``Action.ShowCard`` form whose ``Action.Execute`` sends the inputs with it.
``refresh.userIds`` names the people who may act, so each of them sees the live card.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatbot import actions
from chatbot.actions import Need, Style
from chatbot.cards import DraftCard
from chatbot.i18n import label, t
from chatbot.policy.types import Finding

Json = dict[str, Any]
CARD_VERSION = "1.5"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
REFRESH_VERB = "refresh"
MAX_REFRESH_USERS = 60  # Teams refreshes automatically for at most 60 users
MAX_REASON = 500
CITES_CLAUSE = ("request_changes", "decline")  # their reason form offers the pack's clauses
MAX_CHOICE = 80  # characters of a clause's text in its choice
_STYLE = {Style.PRIMARY: "positive", Style.DANGER: "destructive", Style.DEFAULT: "default"}


def attachment(card: Json) -> Json:
    return {"contentType": CONTENT_TYPE, "content": card}


def _block(text: str, **extra: Any) -> Json:
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


def _card(body: list[Json], actions_: list[Json] | None = None) -> Json:
    card: Json = {"type": "AdaptiveCard", "version": CARD_VERSION, "body": body}
    if actions_:
        card["actions"] = actions_
    return card


def text_card(text: str) -> Json:
    """A plain message (a finding, a reminder, a notice) as a card."""
    return _card([_block(text)])


def notice_block(text: str) -> Json:
    return _block(text, color="attention", weight="bolder")


def draft_card(
    card: DraftCard,
    locale: str,
    *,
    may_act: Sequence[str] = (),
    show_actions: bool = True,
    only: Collection[str] | None = None,
    notice: str = "",
    now: datetime | None = None,
    clauses: Sequence[tuple[str, str]] = (),
) -> Json:
    """The approval card; ``may_act`` are the Teams user ids (``29:…``) for ``refresh``.

    ``only`` keeps the buttons of one viewer (the action ids they may use); None keeps them all.
    ``clauses`` (clause, text) of the account's pack are offered in the 差し戻し / 却下 forms.
    """
    body = ([notice_block(notice)] if notice else []) + _body(card, locale, now)
    shown = [a for a in card.buttons if only is None or a in only] if show_actions else []
    buttons = [_button(card, action, locale, clauses) for action in shown]
    result = _card(body, buttons)
    if card.buttons and may_act:
        result["refresh"] = {
            "action": _execute(REFRESH_VERB, card, ""),
            "userIds": list(dict.fromkeys(may_act))[:MAX_REFRESH_USERS],
        }
    return result


def _body(card: DraftCard, locale: str, now: datetime | None) -> list[Json]:
    tz = ZoneInfo(card.timezone)

    def say(key: str, **args: object) -> str:
        return t(key, locale, tz=tz, now=now, **args)

    title = say("card.title", draft=card.draft_id, revision=card.revision)
    lines = [say("card.state", state=card.state)]
    lines += [say(key, **args) for key, args in card.facts()]
    blocks = [_block(title, size="medium", weight="bolder"), _block("\n\n".join(lines))]
    blocks.append(_block(card.caption or "—", separator=True))
    if card.verdict:
        verdict = label("verdict", card.verdict, locale)
        check = say("card.check", verdict=verdict, pack=card.pack_name, version=card.pack_version)
        blocks.append(_block(check, separator=True, weight="bolder"))
        blocks.extend(_finding(f, severity, locale) for severity, fs in card.findings_by_severity()
                      for f in fs)  # fmt: skip
    blocks.extend(_block(line, isSubtle=True) for line in _decision_lines(card, locale, say))
    return blocks


def _finding(finding: Finding, severity: str, locale: str) -> Json:
    text = t(
        "card.finding",
        locale,
        severity=label("severity", severity, locale),
        clause=finding.clause,
        message=finding.message(locale),
    )
    if finding.excerpt and finding.media_index is None:
        text += "\n\n" + t("card.finding_excerpt", locale, excerpt=finding.excerpt[:60])
    if finding.suggestion(locale):
        text += "\n\n" + t("card.finding_suggestion", locale, suggestion=finding.suggestion(locale))
    color = {"block": "attention", "warn": "warning"}.get(severity, "default")
    return _block(text, color=color)


def _decision_lines(card: DraftCard, locale: str, say: Any) -> list[str]:
    lines: list[str] = [say(key, **args) for key, args in card.decision_facts()]
    decision = card.last_decision
    if card.overridden:
        actor = decision.actor if decision else ""
        findings = ", ".join(card.overridden)
        lines.append(say("gate.overridden", actor=actor, reason=card.override_reason,
                         findings=findings))  # fmt: skip
    if card.acknowledged:
        lines.append(say("gate.acknowledged", findings=", ".join(card.acknowledged)))
    if card.approved_while_absent:
        lines.append(say("gate.approved_while_absent"))
    return lines


def _execute(verb: str, card: DraftCard, title: str, style: str = "") -> Json:
    action: Json = {
        "type": "Action.Execute",
        "verb": verb,
        "data": {"draft": card.draft_id, "revision": card.revision},
    }
    if title:
        action["title"] = title
    if style and style != "default":
        action["style"] = style
    return action


def _button(
    card: DraftCard, action_id: str, locale: str, clauses: Sequence[tuple[str, str]]
) -> Json:
    spec = actions.spec(action_id)
    title, style = label("button", action_id, locale), _STYLE[spec.style]
    need = spec.needs(card)
    if need is Need.NOTHING:
        return _execute(action_id, card, title, style)
    submit = _execute(action_id, card, t("teams.submit", locale), style)
    inputs = _inputs(action_id, need, locale)
    if action_id in CITES_CLAUSE and clauses:
        inputs.append(_clause_choice(action_id, locale, clauses))
    form = _card(inputs, [submit])
    return {"type": "Action.ShowCard", "title": title, "card": form}


def _clause_choice(action_id: str, locale: str, clauses: Sequence[tuple[str, str]]) -> Json:
    """The optional clause of a 差し戻し / 却下, one of the pack's (the server re-checks it)."""
    choices = []
    for clause, text in clauses:
        title = " ".join(f"{clause} {text}".split())
        if len(title) > MAX_CHOICE:
            title = title[: MAX_CHOICE - 1] + "…"
        choices.append({"title": title, "value": clause})
    return {
        "type": "Input.ChoiceSet",
        "id": f"{action_id}.clause",
        "label": t("teams.input.clause", locale),
        "placeholder": t("teams.input.clause_none", locale),
        "style": "compact",
        "isRequired": False,
        "choices": choices,
    }


def _inputs(action_id: str, need: Need, locale: str) -> list[Json]:
    if need is Need.REASON:
        key = "teams.input.override" if action_id == "approve" else "teams.input.reason"
        return [
            {
                "type": "Input.Text",
                "id": f"{action_id}.reason",
                "label": t(key, locale),
                "placeholder": t("teams.input.reason_placeholder", locale),
                "isMultiline": True,
                "isRequired": True,
                "maxLength": MAX_REASON,
                "errorMessage": t("teams.input.reason_missing", locale),
            }
        ]
    if need is Need.CONFIRM:
        return [
            {
                "type": "Input.Toggle",
                "id": f"{action_id}.confirm",
                "title": t("teams.input.confirm", locale),
                "valueOn": "true",
                "valueOff": "false",
                "isRequired": True,
                "errorMessage": t("teams.input.confirm_missing", locale),
            }
        ]
    if need is Need.DATETIME:
        return [
            {
                "type": "Input.Date",
                "id": f"{action_id}.date",
                "label": t("teams.input.date", locale),
            },
            {
                "type": "Input.Time",
                "id": f"{action_id}.time",
                "label": t("teams.input.time", locale),
            },
        ]
    return [
        {
            "type": "Input.Text",
            "id": f"{action_id}.clause",
            "label": t("teams.input.clause", locale),
            "maxLength": 100,
        }
    ]
