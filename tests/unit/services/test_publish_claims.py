"""Two workers claiming at once divide the accounts between them: neither waits for the other's
claim, neither takes (or reads the limit of) an account the other is claiming, and each post goes
out once. Where claims run one at a time (SQLite), a claim's Graph call keeps no writer waiting."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.model import Draft
from chatbot.domain.roles import Account, Roles
from chatbot.ports import PublishRequest, Quota
from chatbot.services.context import CoreConfig, Ports, PublishingConfig
from chatbot.services.publishing import RunReport, drain_publishing
from chatbot.services.wiring import Core, build_core, seed_roles
from tests.conftest import Backend
from tests.fakes import FakeChecker, InMemoryMediaStore, RecordingNotifier
from tests.fakes.images import photo
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, OFFICER, SEED, STAFF, jst
from tests.unit.services.test_publish_recovery import LEASE, CrashingPublisher, Office

OTHER = "kokuraminami"  # sorts before ACCOUNT: a claim of the first posts due takes it first
GUARD = 10  # seconds: only so that a broken claim fails instead of hanging (nothing is timed)


class GatedInstagram(CrashingPublisher):
    """Holds the limit reading of one account until released (the claim that asked for it is
    then in the middle of its work); counts every reading by account."""

    def __init__(self, gated: str) -> None:
        super().__init__()
        self.gated = gated
        self.asked: list[str] = []
        self.reached = asyncio.Event()
        self.gate = asyncio.Event()
        self.went_live = asyncio.Event()

    async def publish_container(self, request: PublishRequest, container_id: str) -> str:
        media_id = await super().publish_container(request, container_id)
        self.went_live.set()
        return media_id

    async def quota(self, account: Account) -> Quota | None:
        self.asked.append(account.id)
        if account.id == self.gated and not self.gate.is_set():
            self.reached.set()
            await asyncio.wait_for(self.gate.wait(), GUARD)
        return Quota(0, 100)


def make_office(backend: Backend, gated: str) -> Office:
    return Office(
        backend.make_uow,
        ManualClock(jst(12, 1, 10)),
        GatedInstagram(gated),
        InMemoryMediaStore(),
        RecordingNotifier("console"),
    )


async def post(office: Office, core: Core, account: str, n: int) -> Draft:
    draft: Draft = await core.handle(
        cmd.SubmitDraft(
            STAFF, account, f"お知らせ その{n}", media=(photo(),), wished_at=jst(12, 1, 11)
        )
    )
    approved: Draft = await core.handle(cmd.Approve(OFFICER, draft.id))
    return approved


async def run(core: Core, limit: int) -> RunReport:
    report: RunReport = await core.handle(cmd.RunDue("shonin", limit=limit))
    return report


@pytest.fixture
def parallel(db_backend: Backend) -> Backend:
    if db_backend.name == "sqlite":
        pytest.skip("SQLite runs one claim at a time (see the writer test below)")
    return db_backend


async def test_two_claims_at_once_take_different_accounts_without_waiting(
    parallel: Backend,
) -> None:
    office = make_office(parallel, OTHER)
    first, second = await office.worker("w1"), await office.worker("w2")
    mine = [(await post(office, first, OTHER, n)).id for n in range(2)]
    theirs = [(await post(office, first, ACCOUNT, n)).id for n in range(2)]
    office.clock.set(jst(12, 1, 11))
    held = asyncio.create_task(run(first, 2))  # takes OTHER's two posts; stops in its claim
    await asyncio.wait_for(office.publisher.reached.wait(), GUARD)

    # The first claim is still open: the second takes the other account at once.
    report = await asyncio.wait_for(run(second, 10), GUARD)
    assert sorted(report.published) == sorted(theirs)
    assert not held.done()

    publisher = office.publisher
    assert isinstance(publisher, GatedInstagram)
    publisher.gate.set()
    first_report = await asyncio.wait_for(held, GUARD)
    assert sorted(first_report.published) == sorted(mine)
    # each account's limit read once, by the worker that claimed it
    assert sorted(publisher.asked) == sorted([OTHER, ACCOUNT])
    assert sorted(publisher.live) == sorted(mine + theirs)


async def test_a_claim_passes_by_the_account_another_is_claiming(parallel: Backend) -> None:
    office = make_office(parallel, ACCOUNT)
    first, second = await office.worker("w1"), await office.worker("w2")
    ids = [(await post(office, first, ACCOUNT, n)).id for n in range(3)]
    office.clock.set(jst(12, 1, 11))
    held = asyncio.create_task(run(first, 2))  # two of the account's three posts
    await asyncio.wait_for(office.publisher.reached.wait(), GUARD)

    # The third post is due too, but its account is the first claim's: passed by, not waited for.
    report = await asyncio.wait_for(run(second, 10), GUARD)
    assert report.published == [] and report.passed_by and report.more
    publisher = office.publisher
    assert isinstance(publisher, GatedInstagram)
    assert publisher.asked == [ACCOUNT]  # its limit not read a second time meanwhile

    publisher.gate.set()
    first_report = await asyncio.wait_for(held, GUARD)
    assert len(first_report.published) == 2
    rest = await run(second, 10)  # the first claim is over: the third post is free
    assert len(rest.published) == 1
    assert sorted(first_report.published + rest.published) == sorted(ids)
    assert sorted(publisher.live) == sorted(ids)  # each once


async def test_a_claims_graph_call_keeps_no_writer_waiting(db_backend: Backend) -> None:
    """SQLite has no SKIP LOCKED: its claims run one at a time under the writer lock, so the
    limits are read before the claim, never while it holds the lock."""
    office = make_office(db_backend, ACCOUNT)
    core = await office.worker("w1")
    ids = [(await post(office, core, ACCOUNT, n)).id for n in range(2)]
    office.clock.set(jst(12, 1, 11))
    held = asyncio.create_task(run(core, 10))
    await asyncio.wait_for(office.publisher.reached.wait(), GUARD)

    async def write() -> None:  # an unrelated write while the limit is being read
        async with office.uow() as uow:
            await uow.accounts.set_roles(OTHER, Roles(officer=OFFICER))
            await uow.commit()

    await asyncio.wait_for(write(), GUARD)
    office.publisher.gate.set()  # type: ignore[attr-defined]
    report = await asyncio.wait_for(held, GUARD)
    assert sorted(report.published) == sorted(ids)


async def batched_worker(office: Office, claim_batch: int) -> Core:
    """A worker whose background passes claim ``claim_batch`` posts per claim."""
    counter = itertools.count(1)
    ports = Ports(office.uow, office.clock, FakeChecker(), office.media, office.publisher)
    publishing = PublishingConfig(lease=LEASE, worker_id="w1", claim_batch=claim_batch)
    config = CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}", publishing=publishing)
    core = build_core(ports, config, {"console": office.notifier})
    await seed_roles(core.deps, {ACCOUNT: SEED, OTHER: SEED})
    return core


async def test_one_workers_claims_run_side_by_side_each_with_whole_accounts(
    parallel: Backend,
) -> None:
    """A background pass with more due than one claim takes runs several claims at once: the
    second does not wait for the first's limit reading, and each takes whole accounts."""
    office = make_office(parallel, OTHER)
    core = await batched_worker(office, claim_batch=2)
    mine = [(await post(office, core, OTHER, n)).id for n in range(2)]
    theirs = [(await post(office, core, ACCOUNT, n)).id for n in range(2)]
    office.clock.set(jst(12, 1, 11))
    publisher = office.publisher
    assert isinstance(publisher, GatedInstagram)
    run = cmd.RunDue("shonin", limit=2, background=True)
    held = asyncio.create_task(core.handle(run))
    await asyncio.wait_for(publisher.reached.wait(), GUARD)  # the first claim reads OTHER's limit

    async def published(ids: list[str]) -> None:
        while not set(ids) <= set(publisher.live):
            publisher.went_live.clear()
            await publisher.went_live.wait()

    # Meanwhile the second claim of the same pass took ACCOUNT's posts, and they went out.
    await asyncio.wait_for(published(theirs), GUARD)
    assert not held.done() and not set(mine) & set(publisher.live)

    publisher.gate.set()
    report: RunReport = await asyncio.wait_for(held, GUARD)
    assert not report.passed_by and not report.more  # whole accounts; all due taken
    await asyncio.wait_for(published(mine), GUARD)
    await drain_publishing(core.deps, within=5)
    assert sorted(publisher.live) == sorted(mine + theirs)  # each once
    assert sorted(publisher.asked) == sorted([OTHER, ACCOUNT])  # each limit read once


class CountingMedia(InMemoryMediaStore):
    def __init__(self) -> None:
        super().__init__()
        self.reads: list[str] = []

    async def get(self, key: str) -> bytes:
        self.reads.append(key)
        return await super().get(key)


async def test_a_claim_reads_an_image_its_posts_share_once(db_backend: Backend) -> None:
    """The claim re-checks every post's images as stored, reading each image once per claim
    (and again at the next claim)."""
    office = make_office(db_backend, "")
    office.media = CountingMedia()
    core = await office.worker("w1")
    ids = [(await post(office, core, ACCOUNT, n)).id for n in range(4)]
    office.clock.set(jst(12, 1, 11))
    media = office.media
    assert isinstance(media, CountingMedia)
    media.reads.clear()
    first = await run(core, 3)
    assert len(first.published) == 3
    assert len(media.reads) == 1  # the same photo for all three, read once by the claim
    second = await run(core, 3)
    assert sorted(first.published + second.published) == sorted(ids)
    assert len(media.reads) == 2  # read again by the next claim
