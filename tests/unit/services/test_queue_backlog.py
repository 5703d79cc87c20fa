"""`/shonin queue` says when notifications for a platform wait longer than any retry would:
nobody may be delivering that platform."""

from __future__ import annotations

import itertools
from datetime import timedelta

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.roles import Roles
from chatbot.i18n import t
from chatbot.services import queries
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.wiring import build_core, seed_roles
from storage.memory import InMemoryStore
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, DEPUTY, JST, OFFICER, SEED, START

SLACK_ADMIN = "slack:U0ADMIN"


async def test_queue_tells_of_notifications_nobody_delivers() -> None:
    store, clock = InMemoryStore(), ManualClock(START)
    ports = Ports(store.unit_of_work, clock, FakeChecker(), InMemoryMediaStore(), FakePublisher())
    counter = itertools.count(1)
    config = CoreConfig(
        ACCOUNTS,
        new_id=lambda: f"d{next(counter)}",
        platforms=frozenset({"console", "slack"}),  # slack is configured, not running here
    )
    core = build_core(ports, config, {"console": RecordingNotifier("console")})
    roles = Roles(OFFICER, DEPUTY, admins=frozenset({SLACK_ADMIN}), staff=SEED.staff)
    await seed_roles(core.deps, {ACCOUNT: roles})
    await core.handle(cmd.SetAbsence(OFFICER, ACCOUNT, OFFICER, START, START + timedelta(days=1)))

    clock.advance(timedelta(minutes=9))  # a retry may still be under way: not yet a warning
    assert [x.key for x in await queries.queue(core.deps, ACCOUNT)] == ["reply.queue_empty"]

    clock.advance(timedelta(minutes=1))
    lines = await queries.queue(core.deps, ACCOUNT)
    assert [x.key for x in lines] == ["reply.queue_stuck", "reply.queue_empty"]
    assert lines[0].args == {"platform": "slack", "count": 1, "since": START}
    ja = t(lines[0].key, "ja", tz=JST, now=START, **lines[0].args)
    assert ja.startswith("⚠ slack への通知 1 件が 12月1日(火) 10:00 から届いていません")
    en = t(lines[0].key, "en", tz=JST, now=START, **lines[0].args)
    assert "shonin serve that delivers slack" in en
    # another account's backlog is not this account's business
    assert [x.key for x in await queries.queue(core.deps, "kokuraminami")] == ["reply.queue_empty"]
