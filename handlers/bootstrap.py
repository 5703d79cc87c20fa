"""The composition root: the only place that builds engines, clients, notifiers and the core."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chatbot.adapters.clock import ManualClock, SystemClock
from chatbot.adapters.media_store import LocalMediaStore
from chatbot.adapters.outbox import OutboxPublisher
from chatbot.audit import AuditEntry
from chatbot.audit_content import content_problems
from chatbot.domain.roles import PLATFORMS, platform_of
from chatbot.messagebus import MessageBus
from chatbot.outbox import RetryPolicy
from chatbot.policy.engine import PolicyEngine
from chatbot.ports import ChatNotifier, Clock, InstagramPublisher
from chatbot.services.context import CoreConfig, Deps, Ports
from chatbot.services.wiring import Core, build_core, seed_roles
from handlers.console.notifier import ConsoleNotifier
from handlers.console.repl import ConsoleSession
from handlers.settings import Settings
from storage.chat_ledger import SqlChatLedger
from storage.database import create_engine, describe_failure, probe_writable, redact, upgrade
from storage.unit_of_work import SqlUnitOfWorkFactory

__all__ = [
    "App",
    "ConsoleApp",
    "build_app",
    "build_console",
    "describe_failure",
    "redact",
    "upgrade_database",
]


async def upgrade_database(url: str) -> None:
    """`shonin db upgrade`: apply the migrations, nothing else."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def configured_users(settings: Settings) -> frozenset[str]:
    """Every user the configuration names, in a role of any account or under [users]."""
    named: set[str] = set(settings.user_locales)
    for roles in settings.roles.values():
        named.update(u for u in (roles.officer, roles.deputy) if u)
        named.update(roles.admins | roles.staff)
    return frozenset(named)


def configured_platforms(settings: Settings) -> frozenset[str]:
    """The chat platforms the configuration uses: accounts' channels and named users."""
    used = {p for a in settings.accounts for p, channel in a.channels.items() if channel}
    used.update(platform_of(user) for user in configured_users(settings))
    return frozenset(p for p in used if p in PLATFORMS)


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    core: Core

    @property
    def deps(self) -> Deps:
        return self.core.deps

    @property
    def bus(self) -> MessageBus:
        return self.core.bus

    @property
    def notifiers(self) -> Mapping[str, ChatNotifier]:
        return self.core.notifiers

    async def audit_entries(
        self,
    ) -> tuple[list[AuditEntry], tuple[int, str] | None, list[str]]:
        """The whole audit log, its recorded head and the drafts whose content no longer matches."""
        async with self.core.deps.uow() as uow:
            entries = await uow.audit.entries()
            content = await content_problems(entries, uow, self.core.deps.media)
            return entries, await uow.audit.head(), content

    def chat_ledger(self) -> SqlChatLedger:
        """Chat adapters' memory: deliveries already handled, the message each draft came from."""
        return SqlChatLedger(self.engine)

    async def ping(self) -> bool:
        """True when the database answers (for `GET /healthz`)."""
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    async def close(self) -> None:
        await self.engine.dispose()


async def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    notifiers: Mapping[str, ChatNotifier] | None = None,
    publisher: InstagramPublisher | None = None,
    migrate: bool = True,
    deliver_inline: bool = True,
    retry: Mapping[str, RetryPolicy] | None = None,
) -> App:
    """Wire storage, policy, media, publishing and chat into one core.

    A server passes ``deliver_inline=False`` and runs ``app.core.delivery.run(stop)`` beside it.
    """
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    try:
        if migrate:
            await upgrade(engine)
        await probe_writable(engine)
    except BaseException:
        await engine.dispose()  # no driver thread may outlive a failed start
        raise
    media = LocalMediaStore(settings.media_dir)
    ports = Ports(
        uow=SqlUnitOfWorkFactory(engine),
        clock=clock,
        checker=PolicyEngine(settings.policy_pack_dirs),
        media=media,
        publisher=publisher or OutboxPublisher(settings.outbox_dir, media, clock),
    )
    config = CoreConfig(
        accounts={account.id: account for account in settings.accounts},
        reminders=settings.reminders,
        default_reminders=settings.default_reminders,
        known_users=configured_users(settings),
        platforms=configured_platforms(settings),
    )
    core = build_core(ports, config, notifiers, retry=retry, deliver_inline=deliver_inline)
    await seed_roles(core.deps, settings.roles)
    return App(settings, engine, core)


@dataclass
class ConsoleApp:
    app: App
    session: ConsoleSession


async def build_console(settings: Settings, stdout: TextIO, *, sandbox: bool = False) -> ConsoleApp:
    """The console chat, the terminal as the only chat platform.

    Only a sandbox (a throw-away database, see handlers/sandbox.py) gets a clock the session may
    move; a real database always runs on the system clock.
    """
    clock: Clock = ManualClock(SystemClock().now()) if sandbox else SystemClock()
    holder: list[ConsoleSession] = []
    locale: Callable[[], str] = lambda: holder[0].locale if holder else settings.locale  # noqa: E731
    notifier = ConsoleNotifier(stdout, locale=locale, now=clock.now)
    app = await build_app(settings, clock=clock, notifiers={"console": notifier})
    session = ConsoleSession(app.core, clock, stdout, locale=settings.locale, sandbox=sandbox)
    holder.append(session)
    return ConsoleApp(app, session)
