"""One process publishes many posts at once: an account's posts go out together as far as its
rolling 24-hour limit allows (exactly), and background passes keep at most ``concurrency``
publishes in flight, refilling the slots as publishes end."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.states import DraftState
from chatbot.ports import PublishRequest
from chatbot.services.context import CoreConfig, Ports, PublishingConfig
from chatbot.services.publishing import RunReport, drain_publishing
from chatbot.services.wiring import Core, build_core, seed_roles
from tests.conftest import Backend
from tests.fakes import FakeChecker, InMemoryMediaStore, RecordingNotifier
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, SEED, jst
from tests.unit.services.test_publish_limit import LimitedInstagram
from tests.unit.services.test_publish_recovery import LEASE, Office

S = DraftState


class SlowInstagram(LimitedInstagram):
    """Counts the publishes in flight at once (a container takes a moment to make); with
    ``together`` set, container creation waits until that many are being made at once."""

    def __init__(self, used: int, total: int, together: int = 0) -> None:
        super().__init__(used, total, readers=1)
        self.now = 0
        self.most = 0
        self.together = together
        self._all_in = asyncio.Event()

    async def create_container(self, request: PublishRequest) -> str:
        self.now += 1
        self.most = max(self.most, self.now)
        try:
            if self.together:
                if self.now >= self.together:
                    self._all_in.set()
                await asyncio.wait_for(self._all_in.wait(), 5)
            else:
                await asyncio.sleep(0.01)
            return await super().create_container(request)
        finally:
            self.now -= 1


def office_with(backend: Backend, instagram: SlowInstagram) -> Office:
    return Office(
        backend.make_uow,
        ManualClock(jst(12, 1, 10)),
        instagram,
        InMemoryMediaStore(),
        RecordingNotifier("console"),
    )


async def worker(office: Office, concurrency: int, claim_batch: int) -> Core:
    counter = itertools.count(1)
    ports = Ports(office.uow, office.clock, FakeChecker(), office.media, office.publisher)
    publishing = PublishingConfig(
        lease=LEASE, worker_id="w1", concurrency=concurrency, claim_batch=claim_batch
    )
    config = CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}", publishing=publishing)
    core = build_core(ports, config, {"console": office.notifier})
    await seed_roles(core.deps, {ACCOUNT: SEED, "kokuraminami": SEED})
    return core


@pytest.mark.parametrize("left", [3, 5])
async def test_an_accounts_posts_go_out_together_up_to_its_limit_exactly(
    db_backend: Backend, left: int
) -> None:
    """Five posts of one account due at once, ``left`` posts left in its 24 hours: that many are
    claimed in one pass and published at the same time, the rest wait for the limit."""
    instagram = SlowInstagram(used=100 - left, total=100, together=left)
    office = office_with(db_backend, instagram)
    core = await worker(office, concurrency=100, claim_batch=100)
    ids = [(await office.scheduled(core, jst(12, 1, 11), f"お知らせ {n}")).id for n in range(5)]
    office.clock.set(jst(12, 1, 11))
    report: RunReport = await core.handle(cmd.RunDue("shonin", limit=100))
    assert instagram.most == left  # all of them in flight at once
    assert len(report.published) == left == len(instagram.live)
    assert sorted(report.published + report.waiting_for_limit) == sorted(ids)
    for draft_id in report.waiting_for_limit:
        assert (await office.draft(core, draft_id)).state is S.SCHEDULED
    again: RunReport = await core.handle(cmd.RunDue("shonin", limit=100))
    assert again.published == [] and len(instagram.live) == left  # never over the limit


async def test_background_passes_keep_at_most_concurrency_in_flight_and_refill(
    db_backend: Backend,
) -> None:
    """Batches of two, three slots: the first pass fills two, the next the third while the first
    two still wait (container creation waits until three are in flight), and so on."""
    instagram = SlowInstagram(used=0, total=100, together=3)
    office = office_with(db_backend, instagram)
    core = await worker(office, concurrency=3, claim_batch=2)
    ids = [(await office.scheduled(core, jst(12, 1, 11), f"お知らせ {n}")).id for n in range(8)]
    office.clock.set(jst(12, 1, 11))
    for _ in range(200):
        run = cmd.RunDue("shonin", limit=core.deps.publishing.claim_batch, background=True)
        await core.handle(run)
        if len(instagram.live) == len(ids):
            break
        await asyncio.sleep(0.005)
    await drain_publishing(core.deps, within=5)
    assert sorted(instagram.live) == sorted(ids)  # each once
    assert instagram.most == 3  # the slots were refilled, and never overfilled
    for draft_id in ids:
        assert (await office.draft(core, draft_id)).state is S.PUBLISHED
