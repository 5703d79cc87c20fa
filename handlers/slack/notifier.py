"""The Slack ChatNotifier: cards, texts and updates as Block Kit through the Web API.

Any exception means "not delivered" and the delivery worker retries; Slack's 429s are retried
by the client itself (Retry-After). ``not_in_channel`` / ``channel_not_found`` raise an error
that says how to invite the bot, which is what `/shonin queue` and the audit log then show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from chatbot.actions import copy_buttons
from chatbot.cards import DraftCard
from chatbot.ports import MessageKind, MessageRef, Text
from chatbot.services.delivery import ChannelUnreachable
from handlers.people import Shown
from handlers.slack import blocks as kit
from handlers.slack.ids import PLATFORM
from handlers.slack.locale import Locales
from handlers.slack.render import text as render_text

CHANNEL_PROBLEMS = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


class SlackDeliveryError(Exception):
    """A Web API error worth explaining to whoever reads the failure (never holds a token)."""

    def __init__(self, method: str, error: str, channel: str = "") -> None:
        Exception.__init__(self, _describe(method, error, channel))
        self.method = method
        self.error = error
        self.channel = channel


class SlackChannelError(SlackDeliveryError, ChannelUnreachable):
    """The bot may not post in ``channel``: the delivery worker tells the account's admins."""

    def __init__(self, method: str, error: str, channel: str) -> None:
        SlackDeliveryError.__init__(self, method, error, channel)
        self.code = error
        self.text_key = "slack.channel_unreachable"


def _describe(method: str, error: str, channel: str) -> str:
    hint = ""
    if error in CHANNEL_PROBLEMS and channel:
        hint = f"; invite the bot: /invite @shonin in <#{channel}>"
    return f"{method}: {error}{hint}"


def delivery_error(method: str, error: str, channel: str) -> SlackDeliveryError:
    if error in CHANNEL_PROBLEMS and channel and not channel.startswith("D"):
        return SlackChannelError(method, error, channel)
    return SlackDeliveryError(method, error, channel)


def slack_user(user: str) -> str:
    return user.removeprefix("slack:")


class SlackNotifier:
    platform = PLATFORM

    def __init__(
        self,
        client: AsyncWebClient,
        locales: Locales,
        default_locale: str,
        now: Callable[[], datetime],
        tz: ZoneInfo | None = None,
    ) -> None:
        self.client = client
        self.locales = locales
        self.default_locale = default_locale
        self.now = now
        self.tz = tz or ZoneInfo("Asia/Tokyo")
        # Called after each direct message (the component re-publishes that person's App Home).
        self.on_direct: Callable[[str], None] | None = None
        # People of other platforms (Teams) shown by name (set once the core exists).
        self.shown: Shown | None = None

    async def named(self, card: DraftCard) -> DraftCard:
        """The card with people of other platforms shown by their recorded name."""
        return await self.shown.card(card) if self.shown is not None else card

    async def named_texts(self, texts: Sequence[Text]) -> list[Text]:
        """The texts with people of other platforms shown by their recorded name."""
        if self.shown is None:
            return list(texts)
        return [await self.shown.text(value) for value in texts]

    async def post_card(self, channel: str, card: DraftCard, thread_id: str = "") -> MessageRef:
        locale = self.default_locale
        card = await self.named(card)
        response = await self._call(
            "chat.postMessage",
            channel,
            channel=channel,
            text=kit.fallback(card, locale),
            blocks=kit.card_blocks(card, locale, self.now()),
            thread_ts=thread_id or None,
            unfurl_links=False,
        )
        ts = str(response["ts"])
        return MessageRef(
            PLATFORM, str(response.get("channel") or channel), ts, thread_id, MessageKind.CARD
        )

    async def update_card(self, ref: MessageRef, card: DraftCard) -> None:
        if ref.kind not in (MessageKind.CARD, MessageKind.DM_CARD):
            return
        viewer = ref.handle if ref.kind is MessageKind.DM_CARD else ""
        locale = await self.locales.of(viewer) if viewer else self.default_locale
        # A DM copy keeps decision buttons only for whoever must decide now (an FYI otherwise).
        deciding = not viewer or card.may_decide(viewer)
        if viewer:
            card = replace(card, buttons=copy_buttons(card, viewer))
        card = await self.named(card)
        await self._call(
            "chat.update",
            ref.channel,
            channel=ref.channel,
            ts=ref.message_id,
            text=kit.fallback(card, locale),
            blocks=kit.card_blocks(card, locale, self.now(), decision_buttons=deciding),
        )

    async def post_text(self, channel: str, text: Text, thread_id: str = "") -> MessageRef:
        locale = self.default_locale
        [text] = await self.named_texts([text])
        response = await self._call(
            "chat.postMessage",
            channel,
            channel=channel,
            text=render_text(text, locale, self.tz, self.now())[:3000],
            blocks=kit.text_blocks(text, locale, self.tz, self.now()),
            thread_ts=thread_id or None,
            unfurl_links=False,
        )
        return MessageRef(PLATFORM, channel, str(response["ts"]), thread_id, MessageKind.TEXT)

    async def send_direct(self, user: str, text: Text, card: DraftCard | None = None) -> MessageRef:
        locale = await self.locales.of(user)
        channel = await self.open_dm(user)
        [text] = await self.named_texts([text])
        body = kit.text_blocks(text, locale, self.tz, self.now())
        if card is not None:
            deciding = card.may_decide(user)
            card = await self.named(replace(card, buttons=copy_buttons(card, user)))
            body = kit.card_blocks(card, locale, self.now(), decision_buttons=deciding, note=text)
        response = await self._call(
            "chat.postMessage",
            channel,
            channel=channel,
            text=render_text(text, locale, self.tz, self.now())[:3000],
            blocks=body,
            unfurl_links=False,
        )
        if self.on_direct is not None:
            self.on_direct(user)
        return MessageRef(PLATFORM, channel, str(response["ts"]), kind=MessageKind.DM, handle=user)

    async def open_dm(self, user: str) -> str:
        response = await self._call("conversations.open", "", users=slack_user(user))
        return str(response["channel"]["id"])

    async def _call(self, method: str, where: str, **params: object) -> dict[str, Any]:
        arguments = {k: v for k, v in params.items() if v is not None}
        try:
            response = await self.client.api_call(method, json=arguments)
        except SlackApiError as error:
            raise delivery_error(method, str(error.response.get("error", "error")), where) from None
        return dict(response.data) if isinstance(response.data, dict) else {}
