"""People's display names across chat platforms: a Slack card names a Teams officer, and back.

Each chat adapter records the display names it learns (Teams: an activity's sender, a mention, a
conversation member; Slack: ``users.info``) under the person's core user id, in the database
(conversation references of the platform ``people``), so every replica and every platform's
notifier can read them. A platform shows its own people its own way (Slack: a mention); people
of another platform are shown by the name recorded for them, else by their id (a long id
shortened: ``teams:0f3c6a2e…``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from chatbot.cards import DraftCard
from chatbot.ports import ConversationRef, Text, UnitOfWorkFactory

PLATFORM = "people"
MAX_NAME = 80
CACHE_SIZE = 2000
_SHORT = 8  # characters of a long id kept when no name is known
# A core user id of a chat platform inside a text: slack:U0123ABCD, teams:<object id>.
_ID = re.compile(r"(?<![\w:])(?:slack|teams):[0-9A-Za-z][0-9A-Za-z-]*")


def clean(name: str) -> str:
    """A display name as it may be shown: one line, no markup, bounded."""
    text = re.sub(r"<[^>]{0,200}>", " ", name)
    return " ".join(re.sub(r"[<>\x00-\x1f\x7f]", " ", text).split())[:MAX_NAME]


def short(user: str) -> str:
    """``teams:0f3c6a2e-5b1d-…`` as ``teams:0f3c6a2e…``; short ids stay whole."""
    head, _, rest = user.partition(":")
    return f"{head}:{rest[:_SHORT]}…" if len(rest) > _SHORT + 4 else user


class Directory:
    """The recorded names, read and written through the unit of work (cached per process)."""

    def __init__(self, uow: UnitOfWorkFactory, now: Callable[[], datetime]) -> None:
        self.uow = uow
        self.now = now
        self._known: dict[str, str] = {}

    async def remember(self, user: str, name: str) -> None:
        """Record ``user``'s display name (a blank name records nothing)."""
        shown = clean(name)
        if not shown or not user or self._known.get(user) == shown:
            return
        encoded = json.dumps({"name": shown}, ensure_ascii=False)
        async with self.uow() as uow:
            await uow.conversations.save(ConversationRef(PLATFORM, user, encoded, self.now()))
            await uow.commit()
        self._keep(user, shown)

    async def name(self, user: str) -> str:
        """The recorded name of ``user``, or ""."""
        if user in self._known:
            return self._known[user]
        async with self.uow() as uow:
            found = await uow.conversations.get(PLATFORM, user)
        name = ""
        if found is not None:
            try:
                name = clean(str(json.loads(found.reference).get("name") or ""))
            except (ValueError, AttributeError):
                name = ""
        if name:  # a miss is asked again: the other platform may learn the name any moment
            self._keep(user, name)
        return name

    def _keep(self, user: str, name: str) -> None:
        if len(self._known) >= CACHE_SIZE:
            self._known.clear()
        self._known[user] = name


class Shown:
    """What one platform shows for people: its own as they are, others by their recorded name.

    ``own`` is the platform whose ids are left alone (its renderer shows them its own way; ""
    names everyone). A platform that knows some names better overrides ``name``.
    """

    def __init__(self, directory: Directory, own: str = "") -> None:
        self.directory = directory
        self.own = own

    async def name(self, user: str) -> str:
        """The name to show for ``user``, or "" when none is known."""
        return await self.directory.name(user)

    async def of(self, users: Iterable[str]) -> dict[str, str]:
        """Each id of another platform in ``users`` -> what to show for it."""
        shown: dict[str, str] = {}
        for user in users:
            theirs = bool(self.own) and user.startswith(f"{self.own}:")
            if user in shown or theirs or not _ID.fullmatch(user):
                continue
            shown[user] = await self.name(user) or short(user)
        return shown

    async def in_args(self, args: Mapping[str, object]) -> dict[str, object]:
        """A text's arguments with every other platform's id in a string replaced by its name."""
        found = [m for v in args.values() if isinstance(v, str) for m in _ID.findall(v)]
        shown = await self.of(found) if found else {}
        if not shown:
            return dict(args)
        return {
            key: _ID.sub(lambda m: shown.get(m.group(0), m.group(0)), value)
            if isinstance(value, str)
            else value
            for key, value in args.items()
        }

    async def text(self, text: Text) -> Text:
        return Text(text.key, await self.in_args(text.args))

    async def card(self, card: DraftCard) -> DraftCard:
        """The card with its author, approver and decider of other platforms shown by name."""
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
