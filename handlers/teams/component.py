"""The Teams component of `shonin serve`: POST /api/messages through the Microsoft 365 Agents SDK.

It runs when Teams is configured (an app id or password, a Teams channel on an account, or the
development flag). With credentials, every incoming activity's JWT is validated by the SDK's
validator; without them the endpoint refuses to start unless SHONIN_TEAMS_DEV_NO_AUTH=1.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiohttp import web
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AccessTokenProviderBase,
    AgentAuthConfiguration,
    AuthenticationConstants,
    ClaimsIdentity,
    ConnectionManager,
    RestChannelServiceClientFactory,
)

from chatbot.i18n import t
from chatbot.services.wiring import Core
from handlers.settings import Settings
from handlers.teams.bot import BotConfig, ShoninBot, channel_accounts, may_act
from handlers.teams.connector import Connector, Sleep
from handlers.teams.credentials import (
    TeamsStartupError,
    TokenValidator,
    auth_configuration,
    check_credentials,
    msal_provider,
)
from handlers.teams.media import MediaFetcher
from handlers.teams.notifier import TeamsNotifier
from handlers.teams.references import ReferenceBook

log = logging.getLogger(__name__)
ROUTE = "/api/messages"
MAX_BODY = 256 * 1024  # an activity is a few KB; images come as links, not bodies


class _App(Protocol):
    @property
    def core(self) -> Core: ...


class _Context(Protocol):
    """What ``attach`` uses of ``handlers.serve.ServerContext`` (not importable from here)."""

    http: web.Application
    tasks: list[Any]

    @property
    def app(self) -> _App: ...


def configured(settings: Settings, dev_no_auth: bool) -> bool:
    teams = settings.teams
    channels = any(a.channels.get("teams") for a in settings.accounts)
    credentials = teams.app_id or teams.app_password or teams.cert_pfx_file
    return bool(credentials or channels or dev_no_auth)


TokenProviders = Callable[[AgentAuthConfiguration], AccessTokenProviderBase]
__all__ = ["ROUTE", "TeamsComponent", "TeamsStartupError", "teams_component"]


class TeamsComponent:
    """``keys_url`` and ``token_providers`` are for tests only: a local JWKS for the incoming
    tokens' signatures and a local token provider for outgoing calls (default: Microsoft's
    endpoints and MSAL)."""

    name = "teams"

    def __init__(
        self,
        settings: Settings,
        *,
        dev_no_auth: bool,
        sleep: Sleep | None = None,
        keys_url: str | None = None,
        token_providers: TokenProviders | None = None,
    ):
        self.settings = settings
        self.config = auth_configuration(settings.teams, dev_no_auth=dev_no_auth)
        self.auth_on = not self.config.ANONYMOUS_ALLOWED
        self.validator = TokenValidator(self.config, keys_url)
        connections = ConnectionManager(
            provider_factory=token_providers or msal_provider(settings.teams),
            connections_configurations={"SERVICE_CONNECTION": self.config},
        )
        self.connections = connections
        self.adapter = CloudAdapter(connection_manager=connections)
        self.adapter.on_turn_error = self._on_turn_error
        factory = RestChannelServiceClientFactory(connections)
        app_id = settings.teams.app_id if self.auth_on else ""
        self.connector = Connector(factory, app_id, **({"sleep": sleep} if sleep else {}))
        token = self._token(connections) if self.auth_on else None
        self.media = MediaFetcher(token, allow_http=not self.auth_on)
        self._notifier = TeamsNotifier(
            self.connector, settings.locale, settings.user_locales, settings.teams.service_url
        )
        self.bot: ShoninBot | None = None

    @property
    def notifier(self) -> TeamsNotifier:
        return self._notifier

    @staticmethod
    def _token(connections: ConnectionManager) -> Callable[[], Awaitable[str]]:
        async def token() -> str:
            provider = connections.get_default_connection()
            scope = f"{AuthenticationConstants.AGENTS_SDK_SCOPE}/.default"
            return str(await provider.get_access_token(AuthenticationConstants.AGENTS_SDK_SCOPE,
                                                       [scope]))  # fmt: skip

        return token

    async def attach(self, ctx: _Context) -> None:
        core = ctx.app.core
        book = ReferenceBook(core.deps.uow, core.deps.clock.now)

        async def actors(card: Any) -> set[str]:
            return await may_act(core, card)

        self._notifier.bind(book, actors)
        accounts = self.settings.accounts
        config = BotConfig(
            locale=self.settings.locale,
            user_locales=self.settings.user_locales,
            channels=channel_accounts(accounts),
            default_account=accounts[0].id if accounts else "",
        )
        self.bot = ShoninBot(core, config, book, self.connector, self._notifier, self.media)
        ctx.http.router.add_post(ROUTE, self.handle)
        if not self.auth_on:
            log.warning(t("teams.dev_no_auth", self.settings.locale))

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """POST /api/messages: authenticate, then let the SDK run the bot."""
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.json_response({"error": "activity too large"}, status=413)
        identity = await self._authorize(request.headers.get("Authorization", ""))
        if identity is None:
            return web.json_response({"error": "unauthorized"}, status=401)
        with warnings.catch_warnings():  # the SDK's request adapter reads this plain key
            warnings.simplefilter("ignore", web.NotAppKeyWarning)
            request["claims_identity"] = identity
        assert self.bot is not None
        try:
            response = await self.adapter.process(request, self.bot)
        except Exception:
            log.exception("Teams activity could not be processed")
            return web.json_response({"error": "bad activity"}, status=400)
        return response if response is not None else web.Response(status=202)

    async def _authorize(self, header: str) -> ClaimsIdentity | None:
        """The SDK's JWT validation; any failure (missing, unsigned, forged, expired) is 401."""
        if not self.auth_on:
            return ClaimsIdentity()
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        try:
            identity: ClaimsIdentity = await self.validator.validate_token(token.strip())
        except Exception as error:
            log.warning("Teams activity refused: %s", type(error).__name__)
            return None
        return identity

    async def _on_turn_error(self, context: Any, error: Exception) -> None:
        log.error("Teams turn failed: %s", type(error).__name__, exc_info=error)

    async def close(self) -> None:
        return None


def teams_component(
    settings: Settings,
    *,
    dev_no_auth: bool,
    sleep: Sleep | None = None,
    keys_url: str | None = None,
    token_providers: TokenProviders | None = None,
) -> TeamsComponent | None:
    """The component, None when Teams is not configured, or TeamsStartupError."""
    dev = dev_no_auth or settings.teams.dev_no_auth
    if not configured(settings, dev):
        return None
    if not dev or settings.teams.has_credentials:
        check_credentials(settings.teams)  # what is missing or unusable, in one line
    return TeamsComponent(
        settings, dev_no_auth=dev, sleep=sleep, keys_url=keys_url, token_providers=token_providers
    )
