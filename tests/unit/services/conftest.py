"""A whole core on in-memory storage: bus, services, notifications and fakes, on a manual clock."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.audit import AuditEntry
from chatbot.calendar import CalendarSpec
from chatbot.domain import commands as cmd
from chatbot.domain.model import Draft
from chatbot.domain.roles import Account, Roles
from chatbot.ports import ChatNotifier, PolicyChecker, UnitOfWork
from chatbot.services.context import CoreConfig, Deps, Ports
from chatbot.services.wiring import Core, build_core, seed_roles
from storage.memory import InMemoryStore
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.fakes.images import photo

JST = ZoneInfo("Asia/Tokyo")
OFFICER, DEPUTY = "console:officer", "console:deputy"
STAFF, ADMIN = "console:staff", "console:admin"
ACCOUNT = "kumamoto"
CHANNEL = "drafts-kumamoto"


def count_units_of_work(store: InMemoryStore) -> list[int]:
    """A list that grows by one each time ``store`` opens a unit of work (a transaction)."""
    opened: list[int] = []
    make = store.unit_of_work

    def counting() -> UnitOfWork:
        opened.append(1)
        return make()

    store.unit_of_work = counting  # type: ignore[method-assign]
    return opened


def jst(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JST)


START = jst(12, 1, 10)  # Tuesday 1 December 2026, 10:00: an opening day, inside hours

ACCOUNTS = {
    ACCOUNT: Account(
        ACCOUNT,
        "熊本市アーティストスポット",
        policy_pack="kumamoto-artistspot",
        calendar=CalendarSpec(),
        channels={"console": CHANNEL},
    ),
    "kokuraminami": Account(
        "kokuraminami",
        "小倉南区役所",
        policy_pack="kokuraminami",
        calendar=CalendarSpec(),
        channels={"console": "drafts-kokuraminami"},
        deputy_may_approve_when_officer_present=True,
    ),
}
SEED = Roles(
    officer=OFFICER,
    deputy=DEPUTY,
    admins=frozenset({ADMIN}),
    staff=frozenset({STAFF}),
)
# The users the configuration names (shonin.toml): only they may be given a console role.
KNOWN_USERS = frozenset({OFFICER, DEPUTY, ADMIN, STAFF, "console:newboss"})


@dataclass
class World:
    """Everything a service test touches, with shortcuts for the common steps."""

    store: InMemoryStore
    clock: ManualClock
    checker: FakeChecker
    publisher: FakePublisher
    notifier: RecordingNotifier
    deps: Deps
    bus: Core
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    seeded: int = 0  # audit entries written by the seeding of roles, before the test began

    async def handle(self, command: cmd.Command) -> Any:
        return await self.bus.handle(command)

    async def submit(
        self, caption: str = "12月の展示のお知らせです", *, actor: str = STAFF, **kw: Any
    ) -> Draft:
        account = kw.pop("account_id", ACCOUNT)
        kw.setdefault("media", (photo(),))  # an Instagram post needs an image
        draft: Draft = await self.handle(cmd.SubmitDraft(actor, account, caption, **kw))
        return draft

    async def draft(self, draft_id: str) -> Draft:
        async with self.deps.uow() as uow:
            return await self.deps.load(uow, draft_id)

    async def audit(self) -> list[AuditEntry]:
        """What the test did: the audit log after the roles were seeded."""
        async with self.deps.uow() as uow:
            return await uow.audit.entries(after_seq=self.seeded)

    async def actions(self, draft_id: str | None = None) -> list[str]:
        entries = await self.audit()
        return [e.record.action for e in entries if draft_id in (None, e.record.draft_id)]

    async def set_roles(self, account_id: str, roles: Roles) -> None:
        async with self.deps.uow() as uow:
            await uow.accounts.set_roles(account_id, roles)
            await uow.commit()

    async def absent(self, user: str, start: datetime, end: datetime, actor: str = "") -> None:
        await self.handle(cmd.SetAbsence(actor or user, ACCOUNT, user, start, end))

    def at(self, when: datetime) -> None:
        self.clock.set(when)

    def advance(self, **delta: float) -> None:
        self.clock.advance(timedelta(**delta))


async def make_world(
    store: InMemoryStore | None = None,
    notifiers: dict[str, ChatNotifier] | None = None,
    checker: PolicyChecker | None = None,
) -> World:
    """A core on in-memory storage; pass the same store again to "restart" on the same data.

    ``checker`` replaces the fake checker (e.g. the real policy engine); ``World.checker`` is
    then a fake nobody calls.
    """
    store = store or InMemoryStore()
    clock = ManualClock(START)
    fake, publisher, notifier = FakeChecker(), FakePublisher(), RecordingNotifier("console")
    counter = itertools.count(1)
    ports = Ports(store.unit_of_work, clock, checker or fake, InMemoryMediaStore(), publisher)
    config = CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}", known_users=KNOWN_USERS)
    core = build_core(ports, config, {"console": notifier} if notifiers is None else notifiers)
    await seed_roles(core.deps, {ACCOUNT: SEED, "kokuraminami": SEED})
    async with core.deps.uow() as uow:
        head = await uow.audit.head()
    world = World(store, clock, fake, publisher, notifier, core.deps, core)
    world.seeded = head[0] if head else 0
    return world


@pytest.fixture
async def world() -> World:
    return await make_world()
