"""Outbound calls to the Bot Connector service through the Agents SDK's connector client.

Tokens come from the SDK's connection manager (MSAL with credentials; anonymous in development).
A 429 is retried here after its ``Retry-After`` (bounded); whatever still fails is raised as a
:class:`DeliveryError` whose text explains it, for the outbox to retry with back-off and, in the
end, audit: never swallowed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import aiohttp
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    Attachment,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
)
from microsoft_agents.hosting.core import (
    AuthenticationConstants,
    ChannelServiceClientFactoryBase,
    ClaimsIdentity,
    ConnectorClientBase,
)

from chatbot.i18n import t

log = logging.getLogger(__name__)
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
MAX_RETRY_AFTER = 30.0  # seconds we wait in-process; longer waits go back to the outbox
THROTTLE_ATTEMPTS = 3


class DeliveryError(Exception):
    """The Bot Connector refused; the message (English, for logs and the outbox) says why."""

    def __init__(self, key: str, status: int = 0, **args: Any) -> None:
        super().__init__(t(key, "en", **args))
        self.key, self.status, self.args_map = key, status, args


class Connector:
    """One place that talks to the Bot Connector: send, reply, update, create, look up members."""

    def __init__(
        self,
        factory: ChannelServiceClientFactoryBase,
        app_id: str,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.factory = factory
        self.app_id = app_id
        self.sleep = sleep

    def _identity(self, service_url: str) -> ClaimsIdentity:
        if not self.app_id:
            return ClaimsIdentity()  # anonymous: development without credentials
        claims = {
            AuthenticationConstants.AUDIENCE_CLAIM: self.app_id,
            AuthenticationConstants.APP_ID_CLAIM: self.app_id,
            AuthenticationConstants.SERVICE_URL_CLAIM: service_url,
        }
        return ClaimsIdentity(claims, authentication_type="proactive")

    @asynccontextmanager
    async def _client(self, service_url: str) -> AsyncIterator[ConnectorClientBase]:
        identity = self._identity(service_url)
        client = await self.factory.create_connector_client(
            None,
            identity,
            service_url,
            AuthenticationConstants.AGENTS_SDK_SCOPE,
            use_anonymous=identity.allow_anonymous,
        )
        try:
            yield client
        finally:
            await client.close()

    async def _call(
        self, service_url: str, conversation: str, work: Callable[[Any], Awaitable[T]]
    ) -> T:
        for attempt in range(1, THROTTLE_ATTEMPTS + 1):
            try:
                async with self._client(service_url) as client:
                    return await work(client)
            except aiohttp.ClientResponseError as error:
                if error.status == 429:
                    after = _retry_after(error)
                    if attempt < THROTTLE_ATTEMPTS and after <= MAX_RETRY_AFTER:
                        log.info("Bot Connector throttled; retrying in %.1f s", after)
                        await self.sleep(after)
                        continue
                    raise DeliveryError("teams.delivery.throttled", 429, after=after) from None
                if error.status == 403:
                    raise DeliveryError(
                        "teams.delivery.forbidden", 403, conversation=conversation
                    ) from None
                raise DeliveryError(
                    "raw", error.status, ja=f"Bot Connector {error.status}",
                    en=f"Bot Connector answered {error.status}",
                ) from None  # fmt: skip
        raise AssertionError("unreachable")

    async def send(self, service_url: str, conversation: str, attachment: dict[str, Any]) -> str:
        """A new message in the conversation; returns its activity id."""
        activity = _message(conversation, attachment)

        async def work(client: Any) -> str:
            sent = await client.conversations.send_to_conversation(conversation, activity)
            return str(sent.id or "")

        return await self._call(service_url, conversation, work)

    async def reply(
        self, service_url: str, conversation: str, activity_id: str, attachment: dict[str, Any]
    ) -> str:
        """A reply in the thread of a channel message."""
        activity = _message(conversation, attachment)
        activity.reply_to_id = activity_id

        async def work(client: Any) -> str:
            sent = await client.conversations.reply_to_activity(conversation, activity_id, activity)
            return str(sent.id or "")

        return await self._call(service_url, conversation, work)

    async def update(
        self, service_url: str, conversation: str, activity_id: str, attachment: dict[str, Any]
    ) -> None:
        activity = _message(conversation, attachment)
        activity.id = activity_id

        async def work(client: Any) -> None:
            await client.conversations.update_activity(conversation, activity_id, activity)

        await self._call(service_url, conversation, work)

    async def create_personal(self, service_url: str, tenant_id: str, user_mri: str) -> str:
        """Open (or find) the 1:1 chat between the bot and a person; returns its conversation id."""
        fields: dict[str, Any] = {
            "is_group": False,
            "bot": ChannelAccount(id=f"28:{self.app_id}" if self.app_id else "shonin"),
            "members": [ChannelAccount(id=user_mri)],
        }
        if tenant_id:
            fields["tenant_id"] = tenant_id
        parameters = ConversationParameters(**fields)

        async def work(client: Any) -> str:
            created = await client.conversations.create_conversation(parameters)
            return str(created.id)

        return await self._call(service_url, user_mri, work)

    async def member(self, service_url: str, conversation: str, user_mri: str) -> tuple[str, str]:
        """A conversation member's AAD object id and display name (to resolve a mention)."""

        async def work(client: Any) -> tuple[str, str]:
            member = await client.conversations.get_conversation_member(conversation, user_mri)
            aad = str(getattr(member, "aad_object_id", "") or "")
            return aad, str(getattr(member, "name", "") or "")

        return await self._call(service_url, conversation, work)


def _message(conversation: str, attachment: dict[str, Any]) -> Activity:
    return Activity(
        type=ActivityTypes.message,
        conversation=ConversationAccount(id=conversation),
        attachments=[Attachment.model_validate(attachment)],
    )


def _retry_after(error: aiohttp.ClientResponseError) -> float:
    value = error.headers.get("Retry-After", "") if error.headers is not None else ""
    try:
        return max(0.0, float(value))
    except ValueError:
        return 5.0
