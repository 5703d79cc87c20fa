"""The composition root: the only place that builds engines, clients, notifiers and the bus."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from chatbot.adapters.clock import SystemClock
from chatbot.adapters.media_store import LocalMediaStore
from chatbot.adapters.outbox import OutboxPublisher
from chatbot.audit import AuditRecord
from chatbot.messagebus import MessageBus
from chatbot.policy.engine import PolicyEngine
from chatbot.ports import ChatNotifier, Clock, InstagramPublisher
from chatbot.services.context import Deps
from chatbot.services.notifications import Notifications
from handlers.settings import Settings
from storage.database import create_engine, upgrade
from storage.unit_of_work import SqlUnitOfWorkFactory


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    deps: Deps
    bus: MessageBus
    notifiers: dict[str, ChatNotifier] = field(default_factory=dict)

    async def close(self) -> None:
        await self.engine.dispose()


async def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    notifiers: Mapping[str, ChatNotifier] | None = None,
    publisher: InstagramPublisher | None = None,
    migrate: bool = True,
) -> App:
    """Wire storage, policy, media, publishing and chat into one message bus."""
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    if migrate:
        await upgrade(engine)
    media = LocalMediaStore(settings.media_dir)
    deps = Deps(
        uow=SqlUnitOfWorkFactory(engine),
        clock=clock,
        accounts={account.id: account for account in settings.accounts},
        seed_roles=settings.roles,
        checker=PolicyEngine(settings.policy_pack_dirs),
        media=media,
        publisher=publisher or OutboxPublisher(settings.outbox_dir, media, clock),
    )
    bus = MessageBus(deps)
    chat = dict(notifiers or {})
    Notifications(deps, chat).subscribe(bus)
    await seed_roles(deps)
    return App(settings, engine, deps, bus, chat)


async def seed_roles(deps: Deps) -> None:
    """Config seeds the roles once; after that they change at run time (and are audited)."""
    async with deps.uow() as uow:
        for account_id, roles in deps.seed_roles.items():
            if account_id not in deps.accounts or await uow.accounts.get_roles(account_id):
                continue
            await uow.accounts.set_roles(account_id, roles)
            details = {
                "officer": roles.officer,
                "deputy": roles.deputy,
                "admins": sorted(roles.admins),
                "staff": sorted(roles.staff),
            }
            record = AuditRecord(
                deps.clock.now(), "shonin", "roles.seeded", account_id=account_id, details=details
            )
            await uow.audit.append(record)
        await uow.commit()
