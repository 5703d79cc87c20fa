"""The rolling 24-hour limit with posts in flight: two workers claiming for one account at once
count each other's claims, so the limit is never overrun (SQLite and PostgreSQL). On SQLite both
read the limit before their claims (which then run one after the other); on PostgreSQL the second
claim passes by the account while the first holds it, and takes what is left once it is over."""

from __future__ import annotations

import asyncio

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.roles import Account
from chatbot.domain.states import DraftState
from chatbot.ports import Quota
from chatbot.services.publishing import RunReport
from chatbot.services.wiring import Core
from tests.conftest import Backend
from tests.fakes import InMemoryMediaStore, RecordingNotifier
from tests.unit.services.conftest import jst
from tests.unit.services.test_publish_recovery import CrashingPublisher, Office

S = DraftState


class LimitedInstagram(CrashingPublisher):
    """Counts its own posts against a limit; ``quota`` answers only once ``readers`` workers
    have asked (so that both read the same remaining quota before either claims)."""

    def __init__(self, used: int, total: int, readers: int) -> None:
        super().__init__()
        self.used, self.total = used, total
        self.asked = 0
        self.readers = readers
        self.all_asked = asyncio.Event()

    async def quota(self, account: Account) -> Quota | None:
        self.asked += 1
        if self.asked >= self.readers:
            self.all_asked.set()
        await asyncio.wait_for(self.all_asked.wait(), 10)
        return Quota(self.used + len(self.live), self.total)


@pytest.fixture
async def office(sql_backend: Backend) -> Office:
    return Office(
        sql_backend.make_uow,
        ManualClock(jst(12, 1, 10)),
        # SQLite: both workers read the limit before claiming; PostgreSQL: in the claim that took it
        LimitedInstagram(used=99, total=100, readers=2 if sql_backend.name == "sqlite" else 1),
        InMemoryMediaStore(),
        RecordingNotifier("console"),
    )


async def run(core: Core, limit: int) -> RunReport:
    report: RunReport = await core.handle(cmd.RunDue("shonin", limit=limit))
    return report


async def test_two_workers_with_one_post_left_publish_one_and_the_others_wait(
    office: Office,
) -> None:
    first, second = await office.worker("w1"), await office.worker("w2")
    ids = [
        (await office.scheduled(first, jst(12, 1, 11), f"お知らせ その{n}")).id for n in range(3)
    ]
    office.clock.set(jst(12, 1, 11))
    office.notifier.clear()
    # Each worker takes a batch of two: their batches overlap on the account, not on the posts
    # (PostgreSQL skips the rows and the account the other locked; SQLite serialises the claims).
    reports = list(await asyncio.gather(run(first, 2), run(second, 2)))
    assert isinstance(office.publisher, LimitedInstagram)
    if office.publisher.readers == 2:
        assert office.publisher.asked == 2  # both read "1 left" before either claimed
    assert len(office.publisher.live) == 1
    for _ in range(3):  # the next passes read the limit again: used up, so the rest wait
        reports += [await run(first, 2), await run(second, 2)]
    assert len(office.publisher.live) == 1
    published = [d for r in reports for d in r.published]
    waiting = [d for r in reports for d in r.waiting_for_limit]
    assert published == office.publisher.live
    assert sorted(published + waiting) == sorted(ids)
    for draft_id in waiting:
        deferred = await office.draft(first, draft_id)
        assert deferred.state is S.SCHEDULED
        assert deferred.scheduled_at is not None and deferred.scheduled_at > jst(12, 1, 11)
    assert office.notifier.thread_keys().count("note.publish_waiting_limit") == 2


async def test_a_reading_is_reused_across_claims_and_counts_what_went_out_since(
    office: Office,
) -> None:
    """One quota read serves the next claims (once per account, not once per post); what was
    published since it is counted from the database."""
    office.publisher = LimitedInstagram(used=0, total=12, readers=1)
    core = await office.worker("w1")
    ids = [
        (await office.scheduled(core, jst(12, 1, 11), f"お知らせ その{n}")).id for n in range(14)
    ]
    office.clock.set(jst(12, 1, 11))
    published: list[str] = []
    waiting: list[str] = []
    for _ in range(8):
        report = await run(core, 2)
        published += report.published
        waiting += report.waiting_for_limit
    assert len(published) == 12 and len(office.publisher.live) == 12
    assert isinstance(office.publisher, LimitedInstagram)
    assert sorted(published + waiting) == sorted(ids)
    # read at the first claim; again only once near the limit (10 or fewer left)
    assert office.publisher.asked < len(published)
