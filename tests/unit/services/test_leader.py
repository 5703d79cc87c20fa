"""The passes over every account run on one replica at a time: the ``scheduler`` lease."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.services.context import CoreConfig, Deps, Ports, PublishingConfig
from chatbot.services.leader import LEASE, RENEW_AFTER, RETRY_AFTER, leads, step_down
from tests.conftest import Backend
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore
from tests.unit.services.conftest import ACCOUNTS, jst


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
