"""Slack as a `shonin serve` component: the notifier, POST /slack/events or Socket Mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Protocol

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from chatbot.services.wiring import Core
from handlers.metrics import Metrics
from handlers.people import Directory, Shown
from handlers.settings import Settings, SlackSettings
from handlers.slack import home
from handlers.slack.app import build_bolt, events_route
from handlers.slack.context import ChatLedger, SlackContext
from handlers.slack.files import FileFetcher, allowed_hosts
from handlers.slack.ids import PLATFORM
from handlers.slack.locale import Locales
from handlers.slack.notifier import SlackNotifier

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
PRUNE_EVERY = 3600.0
CLOSE_GRACE = 5.0


def build_client(token: str, api_url: str) -> AsyncWebClient:
    """Every Web API call goes to ``api_url``; 429s are retried after Retry-After."""
    client = AsyncWebClient(token=token, base_url=api_url, timeout=15)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=3))
    return client


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SlackStartupError(Exception):
    """Slack is configured but cannot start: one line in each language, never a secret."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en


# What the component needs from `shonin serve` (handlers.serve's ServeOptions / ServerContext),
# as protocols: the Slack package imports neither the server nor, through it, the storage.
class Options(Protocol):
    @property
    def socket_mode(self) -> bool: ...


class AppLike(Protocol):
    @property
    def core(self) -> Core: ...

    def chat_ledger(self) -> ChatLedger: ...


class ServerLike(Protocol):
    @property
    def app(self) -> AppLike: ...

    @property
    def http(self) -> web.Application: ...

    @property
    def metrics(self) -> Metrics: ...

    @property
    def tasks(self) -> list[Callable[[asyncio.Event], Awaitable[None]]]: ...


def _missing(name: str) -> SlackStartupError:
    return SlackStartupError(
        f"Slack を使うには環境変数 {name} を設定してください",
        f"Slack needs the environment variable {name}",
    )


class SlackComponent:
    name = "slack"

    def __init__(self, settings: Settings, options: Options, slack: SlackSettings) -> None:
        if slack.bot_token is None:
            raise _missing(slack.bot_token_env)
        if options.socket_mode and slack.app_token is None:
            raise _missing(slack.app_token_env)
        if not options.socket_mode and slack.signing_secret is None:
            raise _missing(slack.signing_secret_env)
        self.settings = settings
        self.options = options
        self.slack = slack
        self.client = build_client(slack.bot_token.reveal(), slack.api_url)
        self.locales = Locales(self.client, settings.user_locales, settings.locale)
        self._clock_now: Callable[[], datetime] = _utc_now
        self._notifier = SlackNotifier(self.client, self.locales, settings.locale, self._now)
        self.session: aiohttp.ClientSession | None = None
        self.context: SlackContext | None = None
        self.bolt: AsyncApp | None = None

    def _now(self) -> datetime:
        return self._clock_now()

    @property
    def notifier(self) -> SlackNotifier:
        return self._notifier

    async def attach(self, ctx: ServerLike) -> None:
        assert self.slack.bot_token is not None
        core = ctx.app.core
        self._clock_now = core.deps.clock.now
        # Slack display names recorded for Teams cards; Teams people named on Slack cards.
        directory = Directory(core.deps.uow, core.deps.clock.now)
        self.locales.directory = directory
        self._notifier.shown = Shown(directory, own=PLATFORM)
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        # One pooled session for every Web API call (slack_sdk opens a connection per call
        # otherwise); Bolt's per-request clients and the slash commands' replies reuse it.
        self.client.session = self.session
        fetcher = FileFetcher(
            self.session, self.slack.bot_token.reveal(), allowed_hosts(self.slack.api_url)
        )
        self.context = SlackContext(
            core=core,
            client=self.client,
            notifier=self._notifier,
            locales=self.locales,
            ledger=ctx.app.chat_ledger(),
            fetcher=fetcher,
            metrics=ctx.metrics,
            default_locale=self.settings.locale,
            pack_dirs=self.settings.policy_pack_dirs,
        )
        context = self.context
        self._notifier.on_direct = lambda user: home.refresh(context, user)
        secret = None if self.options.socket_mode else self.slack.signing_secret
        self.bolt = build_bolt(self.context, self.client)
        if secret is not None:
            ctx.http.router.add_post(
                EVENTS_PATH, events_route(self.bolt, secret.reveal(), self.context)
            )
        else:
            ctx.tasks.append(self._socket_mode)
        ctx.tasks.append(self._prune)

    async def _socket_mode(self, stop: asyncio.Event) -> None:
        assert self.bolt is not None and self.slack.app_token is not None
        handler = AsyncSocketModeHandler(
            self.bolt, self.slack.app_token.reveal(), web_client=self.client
        )
        await handler.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack Socket Mode connected")
        try:
            await stop.wait()
        finally:
            await handler.close_async()  # type: ignore[no-untyped-call]

    async def _prune(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            if self.context is not None:
                try:
                    await self.context.ledger.prune(self.context.now())
                except Exception:
                    log.warning("pruning handled Slack events failed", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), PRUNE_EVERY)

    async def close(self) -> None:
        """Let the work started after acks finish (briefly), then stop it, then the sessions."""
        if self.context is not None and self.context.tasks:
            pending = set(self.context.tasks)
            _, pending = await asyncio.wait(pending, timeout=CLOSE_GRACE)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=CLOSE_GRACE)
        if self.session is not None:
            await self.session.close()


def slack_component(
    settings: Settings, options: Options, env: Mapping[str, str]
) -> SlackComponent | None:
    """Slack runs when an account has a Slack channel, a Slack secret is set, or Socket Mode."""
    slack = settings.slack
    secrets = (slack.bot_token, slack.signing_secret, slack.app_token)
    wanted = (
        options.socket_mode
        or any(secret is not None for secret in secrets)
        or any(a.channels.get(PLATFORM) for a in settings.accounts)
    )
    return SlackComponent(settings, options, slack) if wanted else None
