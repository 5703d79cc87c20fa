"""People's display names on Teams cards and texts instead of raw ``teams:<object id>`` ids.

The names are the ones the bot has seen (an activity's sender, a mention, a conversation member),
kept with the person's conversation reference in the database. A Teams id without a known name
is shortened (``teams:0f3c6a2e…``); Slack and console ids are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from chatbot.cards import DraftCard
from chatbot.ports import Text
from handlers.teams.references import PLATFORM, ReferenceBook

_ID = re.compile(rf"{PLATFORM}:[0-9A-Za-z][0-9A-Za-z-]*")
_SHORT = 8  # characters of an object id kept when no name is known
MAX_NAME = 80


def short(user: str) -> str:
    """``teams:0f3c6a2e-5b1d-…`` as ``teams:0f3c6a2e…``; short ids stay whole."""
    head, _, rest = user.partition(":")
    return f"{head}:{rest[:_SHORT]}…" if len(rest) > _SHORT + 4 else user


def clean(name: str) -> str:
    """A display name as it may be shown: one line, no markup, bounded."""
    text = re.sub(r"<[^>]{0,200}>", " ", name)
    return " ".join(re.sub(r"[<>\x00-\x1f\x7f]", " ", text).split())[:MAX_NAME]


class Names:
    """Looks names up in the reference book (one read per person per rendering)."""

    def __init__(self, book: ReferenceBook) -> None:
        self.book = book

    async def of(self, users: Iterable[str]) -> dict[str, str]:
        """Each Teams id in ``users`` -> what to show for it."""
        shown: dict[str, str] = {}
        for user in users:
            if user in shown or not user.startswith(f"{PLATFORM}:"):
                continue
            ref = await self.book.get(user)
            name = clean(ref.name) if ref is not None else ""
            shown[user] = name or short(user)
        return shown

    async def in_args(self, args: Mapping[str, object]) -> dict[str, object]:
        """A text's arguments with every Teams id in a string argument replaced by its name."""
        found = [m for v in args.values() if isinstance(v, str) for m in _ID.findall(v)]
        if not found:
            return dict(args)
        shown = await self.of(found)
        return {
            key: _ID.sub(lambda m: shown.get(m.group(0), m.group(0)), value)
            if isinstance(value, str)
            else value
            for key, value in args.items()
        }

    async def text(self, text: Text) -> Text:
        return Text(text.key, await self.in_args(text.args))

    async def card(self, card: DraftCard) -> DraftCard:
        """The card with its author, approver and decider shown by name."""
        decision = card.last_decision
        people = [card.author, card.approver or "", decision.actor if decision else ""]
        shown = await self.of(p for p in people if p)
        if not shown:
            return card
        named = replace(
            card,
            author=shown.get(card.author, card.author),
            approver=shown.get(card.approver, card.approver) if card.approver else card.approver,
        )
        if decision is not None:
            actor = shown.get(decision.actor, decision.actor)
            named = replace(named, last_decision=replace(decision, actor=actor))
        return named
