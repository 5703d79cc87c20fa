"""Token warnings are given once a day per deployment, not per process: two scheduler processes
(two cores, each with its own TokenWatch, on one database) warn the admins once between them.
The Instagram-Login host has no debug endpoint, so the expiry comes from the account's config."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from datetime import timedelta

from chatbot.adapters.clock import ManualClock
from chatbot.ports import TokenHealth
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.token_health import TokenWatch
from chatbot.services.wiring import Core, build_core, seed_roles
from tests.conftest import Backend
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, ADMIN, SEED, START

EXPIRES = START + timedelta(days=5)
# Only the account under test: the other one has no configured expiry and no health.
CONFIGURED = {ACCOUNT: dataclasses.replace(ACCOUNTS[ACCOUNT], token_expires_at=EXPIRES)}


async def process(backend: Backend, clock: ManualClock, publisher: FakePublisher) -> Core:
    """One scheduler process: its own core, notifier and TokenWatch state, the shared database."""
    ids = itertools.count(1)
    ports = Ports(backend.make_uow, clock, FakeChecker(), InMemoryMediaStore(), publisher)
    config = CoreConfig(CONFIGURED, new_id=lambda: f"d{next(ids)}")
    core = build_core(ports, config, {"console": RecordingNotifier("console")})
    await seed_roles(core.deps, {ACCOUNT: SEED})
    return core


async def warnings(core: Core) -> tuple[list[str], int]:
    """(the admins' pending token messages, the audit entries that record a warning)."""
    async with core.deps.uow() as uow:
        rows = await uow.notifications.pending("")
        entries = await uow.audit.entries()
    keys = [row.text_key for row in rows if row.target == ADMIN]
    return keys, sum(e.record.action == "account.token_warning" for e in entries)


async def test_two_processes_warn_once_a_day_from_the_configured_expiry(
    db_backend: Backend,
) -> None:
    clock = ManualClock(START)
    publisher = FakePublisher()  # no debug endpoint: token_health answers None
    first = await process(db_backend, clock, publisher)
    second = await process(db_backend, clock, publisher)
    watches = (TokenWatch(every=timedelta(hours=6)), TokenWatch(every=timedelta(hours=6)))

    first_watch, second_watch = watches
    told = await asyncio.gather(first_watch.run(first.deps), second_watch.run(second.deps))
    assert sorted(told) == [[], [ACCOUNT]]  # exactly one of the two processes told them
    assert await warnings(first) == (["note.token_expiring"], 1)

    clock.advance(timedelta(hours=7))  # both check again the same day: nothing new
    assert await second_watch.run(first.deps) == [] and await first_watch.run(second.deps) == []
    assert await warnings(second) == (["note.token_expiring"], 1)

    clock.advance(timedelta(days=1))  # the next day: told again, once
    assert await second_watch.run(first.deps) == [ACCOUNT]
    assert await first_watch.run(second.deps) == []
    assert await warnings(first) == (["note.token_expiring"] * 2, 2)


async def test_a_valid_token_far_from_its_configured_expiry_is_not_warned(
    db_backend: Backend,
) -> None:
    clock = ManualClock(EXPIRES - timedelta(days=8))
    publisher = FakePublisher()
    publisher.health[ACCOUNT] = TokenHealth(valid=True)  # validity only, no expiry (IG Login)
    core = await process(db_backend, clock, publisher)
    assert await TokenWatch().run(core.deps) == []
    clock.advance(timedelta(days=1, hours=1))  # now within 7 days of the configured expiry
    assert await TokenWatch().run(core.deps) == [ACCOUNT]
    publisher.health[ACCOUNT] = TokenHealth(valid=False)  # revoked: said at once, whatever
    assert await TokenWatch().run(core.deps) == [ACCOUNT]
    keys, audited = await warnings(core)
    assert keys == ["note.token_expiring", "note.token_invalid"] and audited == 2
