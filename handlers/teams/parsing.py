"""Teams activities into the core's words: the typed line, mentions, the card's inputs."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatbot import actions, mentions
from chatbot.actions import ActionInput, Need
from chatbot.dates import parse_datetime
from chatbot.domain.errors import InvalidInput
from handlers.teams.cards import MAX_REASON

MAX_TEXT = 10_000
_TAG = re.compile(r"<[^>]{0,200}>")
_AT = re.compile(r"<at>(.{0,200}?)</at>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Mention:
    text: str  # as it appears in the message: <at>Name</at>
    mri: str  # the person's Teams id, 29:…
    aad_object_id: str  # empty when the entity does not carry it
    name: str = ""  # the name Teams shows in the mention


def mentions_of(activity: Any) -> list[Mention]:
    found = []
    for entity in activity.entities or []:
        data = entity.model_dump(by_alias=True) if hasattr(entity, "model_dump") else entity
        if not isinstance(data, Mapping) or data.get("type") != "mention":
            continue
        who = data.get("mentioned") or {}
        found.append(
            Mention(
                str(data.get("text") or ""),
                str(who.get("id") or ""),
                str(who.get("aadObjectId") or ""),
                str(who.get("name") or ""),
            )
        )
    return found


def command_line(text: str, bot_id: str, people: Mapping[str, str], found: list[Mention]) -> str:
    """The typed line: the bot's own mention removed, people's mentions as ``teams:<id>``.

    ``people`` maps a Teams id (29:…) to the AAD object id the core knows the person by.
    """
    text = text[:MAX_TEXT]
    marks: dict[str, str] = {}
    for index, mention in enumerate(found):
        if not mention.text:
            continue
        if mention.mri == bot_id:
            text = text.replace(mention.text, " ")
            continue
        aad = mention.aad_object_id or people.get(mention.mri, "")
        if aad:
            mark = f"@@mention{index}"
            marks[mark] = f"teams:{aad}"
            text = text.replace(mention.text, f" {mark} ")
    text = _AT.sub(lambda m: m.group(1), text)  # a mention we could not resolve: its name
    text = html.unescape(_TAG.sub(" ", text.replace("<br>", "\n").replace("</p>", "\n")))
    text = "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()
    return mentions.normalise(text, marks.get)


def channel_of(activity: Any) -> str:
    """The channel id of a channel conversation (without the thread's ;messageid=…), else ''."""
    conversation = activity.conversation
    if conversation is None or (conversation.conversation_type or "") != "channel":
        return ""
    data = activity.channel_data
    if isinstance(data, Mapping):
        channel = data.get("channel") or {}
        if isinstance(channel, Mapping) and channel.get("id"):
            return str(channel["id"])
    return str(conversation.id).split(";", 1)[0]


def is_personal(activity: Any) -> bool:
    conversation = activity.conversation
    return conversation is not None and (conversation.conversation_type or "") == "personal"


def action_input(
    action_id: str, need: Need, data: Mapping[str, Any], tz: ZoneInfo, now: datetime
) -> ActionInput:
    """What the card's form sent, checked like every other front end's input."""
    reason = str(data.get(f"{action_id}.reason") or "").strip()[:MAX_REASON]
    if need is Need.REASON and not reason:
        raise InvalidInput("teams.input.reason_missing")
    confirmed = str(data.get(f"{action_id}.confirm") or "").lower() == "true"
    if need is Need.CONFIRM and not confirmed:
        raise InvalidInput("teams.input.confirm_missing")
    at = None
    day = str(data.get(f"{action_id}.date") or "").strip()[:20]
    hour = str(data.get(f"{action_id}.time") or "").strip()[:10]
    if need is Need.DATETIME and day:
        at = parse_datetime(f"{day} {hour or '09:00'}", now=now, tz=tz)
    revision = data.get("revision")
    clause = str(data.get(f"{action_id}.clause") or "").strip()[:100]
    return ActionInput(
        reason=reason,
        at=at,
        confirmed=confirmed,
        clause=clause,
        revision=revision if isinstance(revision, int) and action_id == "approve" else None,
    )


def verb_of(verb: str) -> str:
    """The action id of a card's verb, or InvalidInput (a forged or stale card)."""
    return actions.spec(verb).id
