"""The passes over every account run on one replica at a time: the ``scheduler`` lease."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.services.context import CoreConfig, Deps, Ports, PublishingConfig
from chatbot.services.leader import LEASE, RETRY_AFTER, leads, renew_after, retry_after, step_down
from tests.conftest import Backend
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore
from tests.unit.services.conftest import ACCOUNTS, jst

RENEW_AFTER = renew_after(LEASE)


@pytest.fixture
def replicas(db_backend: Backend) -> tuple[Deps, Deps, ManualClock]:
    clock = ManualClock(jst(12, 1, 10))

    def replica(name: str) -> Deps:
        ports = Ports(
            db_backend.make_uow, clock, FakeChecker(), InMemoryMediaStore(), FakePublisher()
        )
        return Deps(ports, CoreConfig(ACCOUNTS, publishing=PublishingConfig(worker_id=name)))

    return replica("w1"), replica("w2"), clock


async def test_one_replica_leads_and_a_dead_leader_is_replaced(
    replicas: tuple[Deps, Deps, ManualClock],
) -> None:
    first, second, clock = replicas
    assert await leads(first)
    assert not await leads(second)
    for _ in range(6):  # the leader renews its lease; the other keeps trying, in vain
        clock.advance(RENEW_AFTER)
        assert await leads(first)
        assert not await leads(second)
    clock.advance(LEASE + RETRY_AFTER)  # the leader died: its lease lapses
    assert await leads(second)
    assert not await leads(first)  # back from a stall: it sees the lease taken
    clock.advance(RENEW_AFTER)
    assert await leads(second)


async def test_a_leader_that_steps_down_is_replaced_at_once(
    replicas: tuple[Deps, Deps, ManualClock],
) -> None:
    first, second, clock = replicas
    assert await leads(first)
    assert not await leads(second)
    await step_down(first)
    clock.advance(RETRY_AFTER)
    assert await leads(second)
    clock.advance(timedelta(seconds=1))
    assert not await leads(first)


async def test_a_short_configured_lease_is_renewed_and_taken_over_at_its_own_pace(
    db_backend: Backend,
) -> None:
    clock = ManualClock(jst(12, 1, 10))
    lease = timedelta(seconds=3)
    assert (renew_after(lease), retry_after(lease)) == (timedelta(seconds=1),) * 2
    assert retry_after(LEASE) == RETRY_AFTER  # the default keeps trying every 5 s

    def replica(name: str) -> Deps:
        ports = Ports(
            db_backend.make_uow, clock, FakeChecker(), InMemoryMediaStore(), FakePublisher()
        )
        config = PublishingConfig(worker_id=name, leader_lease=lease)
        return Deps(ports, CoreConfig(ACCOUNTS, publishing=config))

    first, second = replica("w1"), replica("w2")
    assert await leads(first)
    for _ in range(5):  # renewed every second: never lapses while the leader lives
        clock.advance(timedelta(seconds=1))
        assert await leads(first)
        assert not await leads(second)
    clock.advance(lease + timedelta(seconds=1))  # the leader died
    assert await leads(second)
    assert not await leads(first)
