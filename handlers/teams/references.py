"""Conversation references for Teams: what the bot learns from each activity, kept in the database.

A person is keyed by their core user id (``teams:<AAD object id>``) and remembered with their
Teams id (``29:…``), the service URL, the tenant and, once they talk to the bot in a personal
chat, that conversation; a channel is keyed ``channel:<channel id>``. ``send_direct`` and channel
posts read them back, so proactive messages work after a restart and from any replica.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from chatbot.ports import ConversationRef, UnitOfWorkFactory
from handlers.people import Directory

PLATFORM = "teams"


@dataclass(frozen=True)
class Reference:
    service_url: str
    tenant_id: str = ""
    conversation_id: str = ""  # the personal chat (people) or the channel (channels)
    user_mri: str = ""  # the person's Teams id, 29:…
    name: str = ""
    locale: str = ""  # the person's Teams client language when last heard from (ja / en)

    def encode(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def decode(cls, text: str) -> Reference:
        data: dict[str, Any] = json.loads(text)
        known = {k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def user_key(aad_object_id: str) -> str:
    return f"{PLATFORM}:{aad_object_id}"


def channel_key(channel_id: str) -> str:
    return f"channel:{channel_id}"


class ReferenceBook:
    """Reads and writes references through the unit of work; skips writes that change nothing."""

    def __init__(self, uow: UnitOfWorkFactory, now: Callable[[], datetime]) -> None:
        self.uow = uow
        self.now = now
        self._written: dict[str, str] = {}
        # the names learnt here, for the other platforms' cards (handlers.people)
        self.directory = Directory(uow, now)

    async def get(self, key: str) -> Reference | None:
        async with self.uow() as uow:
            found = await uow.conversations.get(PLATFORM, key)
        return Reference.decode(found.reference) if found is not None else None

    async def remember(self, key: str, seen: Reference, *, weak_name: bool = False) -> Reference:
        """Merge what was just seen into what is stored (a personal chat is never forgotten).

        A ``weak_name`` (a mention's text) names the person only while no other name is known.
        """
        stored = await self.get(key)
        merged = seen
        if stored is not None:
            name = (stored.name or seen.name) if weak_name else (seen.name or stored.name)
            merged = replace(
                seen,
                conversation_id=seen.conversation_id or stored.conversation_id,
                user_mri=seen.user_mri or stored.user_mri,
                tenant_id=seen.tenant_id or stored.tenant_id,
                name=name,
                locale=seen.locale or stored.locale,
            )
        encoded = merged.encode()
        if key.startswith(f"{PLATFORM}:") and merged.name:
            await self.directory.remember(key, merged.name)
        if self._written.get(key) == encoded and stored is not None:
            return merged
        async with self.uow() as uow:
            await uow.conversations.save(ConversationRef(PLATFORM, key, encoded, self.now()))
            await uow.commit()
        self._written[key] = encoded
        return merged
