"""The Teams ChatNotifier: cards and messages as Adaptive Cards, sent proactively.

Every post's ``MessageRef.handle`` holds the service URL and conversation id needed to update it
later (from any replica). Channels and people are reached through the stored conversation
references (``references.py``); a person the bot has only seen in a channel gets a personal chat
created for them.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import replace

from chatbot.actions import copy_buttons
from chatbot.cards import DraftCard
from chatbot.domain.roles import UserId
from chatbot.i18n import t
from chatbot.ports import MessageKind, MessageRef, Text
from handlers.teams.cards import attachment, draft_card, text_card
from handlers.teams.connector import Connector, DeliveryError
from handlers.teams.names import Names
from handlers.teams.references import PLATFORM, Reference, ReferenceBook, channel_key

# Who may act on a card now (core user ids), given the card: the bot asks the core's roles.
Actors = Callable[[DraftCard], Awaitable[Collection[UserId]]]
# The clauses (clause, text) of an account's pack, offered when sending back or declining.
Clauses = Callable[[str], Sequence[tuple[str, str]]]


class TeamsNotifier:
    platform = PLATFORM

    def __init__(
        self,
        connector: Connector,
        locale: str,
        user_locales: Mapping[str, str],
        default_service_url: str,
    ) -> None:
        self.connector = connector
        self.locale = locale
        self.user_locales = user_locales
        self.default_service_url = default_service_url
        self.book: ReferenceBook | None = None
        self.actors: Actors | None = None
        self._names: Names | None = None
        self.clauses: Clauses = lambda account_id: ()

    def bind(self, book: ReferenceBook, actors: Actors, clauses: Clauses | None = None) -> None:
        """Given once the core exists (the notifier is built before it)."""
        self.book, self.actors = book, actors
        self._names = Names(book)
        if clauses is not None:
            self.clauses = clauses

    @property
    def names(self) -> Names:
        if self._names is None:
            raise RuntimeError("the Teams notifier is used before the server attached it")
        return self._names

    def _book(self) -> ReferenceBook:
        if self.book is None:
            raise RuntimeError("the Teams notifier is used before the server attached it")
        return self.book

    async def mris(self, users: Collection[UserId]) -> list[str]:
        """The Teams ids (29:…) of the people the bot has met, for ``refresh.userIds``."""
        found = []
        for user in sorted(users):
            if not user.startswith(f"{PLATFORM}:"):
                continue
            ref = await self._book().get(user)
            if ref is not None and ref.user_mri:
                found.append(ref.user_mri)
        return found

    async def render(self, card: DraftCard, locale: str, viewer: str = "") -> dict[str, object]:
        """The card; a person's own copy (``viewer``) shows only the buttons they may use."""
        people = await self.actors(card) if self.actors is not None else ()
        only = copy_buttons(card, viewer) if viewer else None
        named = await self.names.card(card)
        return draft_card(
            named,
            locale,
            may_act=await self.mris(people),
            only=only,
            clauses=self.clauses(card.account_id),
        )

    async def _channel(self, channel: str) -> Reference:
        ref = await self._book().get(channel_key(channel))
        if ref is not None:
            return replace_conversation(ref, channel)
        if not self.default_service_url:
            raise DeliveryError("teams.delivery.no_reference", target=channel)
        return Reference(self.default_service_url, conversation_id=channel)

    async def post_card(self, channel: str, card: DraftCard, thread_id: str = "") -> MessageRef:
        ref = await self._channel(channel)
        content = attachment(await self.render(card, self.locale))
        if thread_id:
            sent = await self.connector.reply(ref.service_url, channel, thread_id, content)
        else:
            sent = await self.connector.send(ref.service_url, channel, content)
        return MessageRef(PLATFORM, channel, sent, thread_id, handle=_handle(ref, channel))

    async def update_card(self, ref: MessageRef, card: DraftCard) -> None:
        handle = json.loads(ref.handle) if ref.handle else {}
        service_url = str(handle.get("service_url") or self.default_service_url)
        conversation = str(handle.get("conversation_id") or ref.channel)
        locale, viewer = self.locale, ""
        if ref.kind is MessageKind.DM_CARD:
            viewer = str(handle.get("user", ""))
            locale = self.locale_of(viewer, await self._book().get(viewer))
        content = attachment(await self.render(card, locale, viewer))
        await self.connector.update(service_url, conversation, ref.message_id, content)

    async def post_text(self, channel: str, text: Text, thread_id: str = "") -> MessageRef:
        ref = await self._channel(channel)
        text = await self.names.text(text)
        content = attachment(text_card(t(text.key, self.locale, **text.args)))
        if thread_id:
            sent = await self.connector.reply(ref.service_url, channel, thread_id, content)
        else:
            sent = await self.connector.send(ref.service_url, channel, content)
        handle = _handle(ref, channel)
        return MessageRef(PLATFORM, channel, sent, thread_id, MessageKind.TEXT, handle)

    async def send_direct(
        self, user: UserId, text: Text, card: DraftCard | None = None
    ) -> MessageRef:
        ref = await self._personal(user)
        locale = self.locale_of(user, ref)
        text = await self.names.text(text)
        message = t(text.key, locale, **text.args)
        if card is None:
            content = attachment(text_card(message))
        else:
            rendered = await self.render(card, locale, user)
            body = rendered["body"]
            assert isinstance(body, list)
            rendered["body"] = [{"type": "TextBlock", "text": message, "wrap": True}, *body]
            content = attachment(rendered)
        sent = await self.connector.send(ref.service_url, ref.conversation_id, content)
        handle = _handle(ref, ref.conversation_id, user=user)
        return MessageRef(PLATFORM, ref.conversation_id, sent, kind=MessageKind.DM, handle=handle)

    def locale_of(self, user: UserId, ref: Reference | None) -> str:
        """The person's configured language, else their Teams client's when last heard from (a
        reminder or a card sent days later still reads in it), else the default."""
        if user in self.user_locales:
            return self.user_locales[user]
        return (ref.locale if ref is not None else "") or self.locale

    async def _personal(self, user: UserId) -> Reference:
        book = self._book()
        ref = await book.get(user)
        if ref is None or not (ref.conversation_id or ref.user_mri):
            raise DeliveryError("teams.delivery.no_reference", target=user)
        if ref.conversation_id:
            return ref
        conversation = await self.connector.create_personal(
            ref.service_url, ref.tenant_id, ref.user_mri
        )
        return await book.remember(user, Reference(ref.service_url, conversation_id=conversation))


def replace_conversation(ref: Reference, conversation: str) -> Reference:
    return replace(ref, conversation_id=conversation)


def _handle(ref: Reference, conversation: str, user: str = "") -> str:
    data = {"service_url": ref.service_url, "conversation_id": conversation}
    if user:
        data["user"] = user
    return json.dumps(data, sort_keys=True)
