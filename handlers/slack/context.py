"""What every Slack listener shares, and the few things they all do: say, tell privately, find."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from chatbot.domain.roles import Account
from chatbot.i18n import DEFAULT_TZ
from chatbot.ports import Text
from chatbot.services.wiring import Core
from handlers.metrics import Metrics
from handlers.slack import blocks as kit
from handlers.slack.files import FileFetcher
from handlers.slack.ids import PLATFORM
from handlers.slack.locale import Locales
from handlers.slack.notifier import SlackNotifier, slack_user
from handlers.slack.render import text as render_text

log = logging.getLogger(__name__)
WORKERS = 4
YIELD_TO_ACKS = 0.25  # seconds a piece of work may wait for a gap between requests


class ChatLedger(Protocol):
    """Deliveries claimed and done, and the message each draft was posted as (storage)."""

    async def claim(self, platform: str, event_id: str, now: datetime) -> bool: ...

    async def done(self, platform: str, event_id: str, now: datetime) -> None: ...

    async def release(self, platform: str, event_id: str) -> None: ...

    async def prune(self, now: datetime) -> int: ...

    async def reserve_post(
        self, platform: str, channel: str, message_id: str, draft_id: str, now: datetime
    ) -> str: ...

    async def unlink_post(
        self, platform: str, channel: str, message_id: str, draft_id: str
    ) -> None: ...

    async def draft_for(self, platform: str, channel: str, message_id: str) -> str | None: ...


@dataclass
class SlackContext:
    core: Core
    client: AsyncWebClient
    notifier: SlackNotifier
    locales: Locales
    ledger: ChatLedger
    fetcher: FileFetcher
    metrics: Metrics
    default_locale: str
    pack_dirs: tuple[Path, ...] = ()
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    workers: asyncio.Semaphore | None = None
    inflight: int = 0  # requests between arrival and ack (counted by the events route)

    def spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Slow work after the ack; kept referenced until done, its crash logged.

        At most ``WORKERS`` pieces run at once, so that a burst of work never stands between
        the event loop and the next request's ack (Slack's 3 seconds).
        """
        task = asyncio.ensure_future(self._bounded(work))
        self.tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    async def _bounded(self, work: Coroutine[Any, Any, Any]) -> Any:
        if self.workers is None:
            self.workers = asyncio.Semaphore(WORKERS)
        async with self.workers:
            # Requests being acked go first; the work waits for a gap, but never for long.
            waited = 0.0
            while self.inflight and waited < YIELD_TO_ACKS:
                await asyncio.sleep(0.002)
                waited += 0.002
            return await work

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("Slack background work failed", exc_info=task.exception())

    async def drain(self) -> None:
        """Wait for the work started after acks (tests; shutdown)."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)

    @property
    def accounts(self) -> Mapping[str, Account]:
        return self.core.deps.accounts

    def now(self) -> datetime:
        return self.core.deps.clock.now()

    def account_for_channel(self, channel: str) -> Account | None:
        for account in self.accounts.values():
            if channel and account.channels.get(PLATFORM) == channel:
                return account
        return None

    def responder(self, response_url: str) -> Callable[..., Awaitable[None]]:
        """Replies to a slash command through its ``response_url``, on the pooled session."""

        async def respond(**message: Any) -> None:
            if not response_url:
                raise ValueError("the command came without a response_url")
            client = AsyncWebhookClient(url=response_url, session=self.client.session)
            answer = await client.send_dict(message)
            if answer.status_code >= 400:
                log.warning("a slash command reply was refused (%s)", answer.status_code)

        return respond

    async def tell(
        self,
        user: str,
        channel: str,
        texts: list[Text],
        extra: list[dict[str, Any]] | None = None,
        thread_ts: str = "",
    ) -> None:
        """Only ``user`` sees it: ephemeral in the channel, else a direct message."""
        locale = await self.locales.of(user)
        texts = await self.notifier.named_texts(texts)
        body = [
            b for value in texts for b in kit.text_blocks(value, locale, DEFAULT_TZ, self.now())
        ]
        body = (body + (extra or []))[: kit.MAX_BLOCKS]
        fallback = (
            "\n".join(render_text(v, locale, now=self.now()) for v in texts)[:3000] or "shonin"
        )
        if channel:
            try:
                await self.client.chat_postEphemeral(
                    channel=channel,
                    user=slack_user(user),
                    text=fallback,
                    blocks=body,
                    thread_ts=thread_ts or None,
                )
                return
            except SlackApiError as error:
                log.info("ephemeral reply failed (%s); sending a DM", error.response.get("error"))
        try:
            dm = await self.notifier.open_dm(user)
            await self.client.chat_postMessage(channel=dm, text=fallback, blocks=body)
        except Exception:
            log.exception("could not reach a Slack user with a private reply")

    async def post(
        self,
        channel: str,
        body: list[dict[str, Any]],
        fallback: str,
        thread_ts: str = "",
        user: str = "",
    ) -> None:
        """Post in a channel or thread; a failure is told to ``user`` (never swallowed)."""
        try:
            await self.client.chat_postMessage(
                channel=channel,
                text=fallback[:3000],
                blocks=body,
                thread_ts=thread_ts or None,
                unfurl_links=False,
            )
        except SlackApiError as error:
            reason = str(error.response.get("error", "error"))
            log.warning("posting in a channel failed: %s", reason)
            if user:
                text = Text("slack.post_failed", {"error": reason, "channel": channel})
                await self.tell(user, channel, [text])
