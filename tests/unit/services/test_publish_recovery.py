"""A worker that dies at any step of a publish: its successor resumes the post, exactly once."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.ports import ContainerStatus, LiveSearch, PublishRequest, Quota, UnitOfWork
from chatbot.services.context import CoreConfig, Ports, PublishingConfig
from chatbot.services.publishing import RunReport
from chatbot.services.wiring import Core, build_core, seed_roles
from tests.conftest import Backend
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.fakes.images import photo
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, OFFICER, SEED, STAFF, jst

S = DraftState
LEASE = timedelta(seconds=60)


class Crash(BaseException):
    """The process dies: nothing after this point runs, nothing uncommitted is kept."""


class CrashingPublisher(FakePublisher):
    """The shared 'Instagram': dies once at the named step (after Instagram did the work)."""

    def __init__(self) -> None:
        super().__init__()
        self.crash_at = ""
        self.polls = 0

    def _maybe_crash(self, step: str) -> None:
        if self.crash_at == step:
            self.crash_at = ""
            raise Crash(step)

    async def create_container(self, request: PublishRequest) -> str:
        container_id = await super().create_container(request)
        self._maybe_crash("after_create")
        return container_id

    async def container_status(self, request: PublishRequest, container_id: str) -> ContainerStatus:
        self.polls += 1
        self._maybe_crash("during_poll")
        return await super().container_status(request, container_id)

    async def publish_container(self, request: PublishRequest, container_id: str) -> str:
        media_id = await super().publish_container(request, container_id)
        self._maybe_crash("after_publish")
        return media_id

    async def permalink(self, request: PublishRequest, media_id: str) -> str:
        self._maybe_crash("before_settle")
        return await super().permalink(request, media_id)


@dataclass
class Office:
    uow: Callable[[], UnitOfWork]
    clock: ManualClock
    publisher: CrashingPublisher
    media: InMemoryMediaStore
    notifier: RecordingNotifier

    async def worker(self, name: str) -> Core:
        """A fresh process on the same database and the same Instagram."""
        counter = itertools.count(1)
        ports = Ports(self.uow, self.clock, FakeChecker(), self.media, self.publisher)
        publishing = PublishingConfig(lease=LEASE, worker_id=name, sleep=self._sleep)
        config = CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}", publishing=publishing)
        core = build_core(ports, config, {"console": self.notifier})
        await seed_roles(core.deps, {ACCOUNT: SEED, "kokuraminami": SEED})
        return core

    async def _sleep(self, seconds: float) -> None:
        self.clock.advance(timedelta(seconds=seconds))

    async def scheduled(self, core: Core, at: datetime, caption: str = "展示のお知らせ") -> Draft:
        draft: Draft = await core.handle(
            cmd.SubmitDraft(STAFF, ACCOUNT, caption, media=(photo(),), wished_at=at)
        )
        approved: Draft = await core.handle(cmd.Approve(OFFICER, draft.id))
        return approved

    async def draft(self, core: Core, draft_id: str) -> Draft:
        async with core.deps.uow() as uow:
            return await core.deps.load(uow, draft_id)


@pytest.fixture
async def office(db_backend: Backend) -> Office:
    return Office(
        db_backend.make_uow,
        ManualClock(jst(12, 1, 10)),
        CrashingPublisher(),
        InMemoryMediaStore(),
        RecordingNotifier("console"),
    )


async def run(core: Core) -> RunReport:
    report: RunReport = await core.handle(cmd.RunDue("shonin"))
    return report


@pytest.mark.parametrize("step", ["after_create", "during_poll", "after_publish", "before_settle"])
async def test_a_crash_at_any_step_is_resumed_and_published_once(office: Office, step: str) -> None:
    first = await office.worker("w1")
    draft = await office.scheduled(first, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    office.publisher.crash_at = step
    with pytest.raises(Crash):
        await run(first)
    stuck = await office.draft(first, draft.id)
    assert stuck.state is S.PUBLISHING and stuck.lease_owner == "w1"

    second = await office.worker("w2")
    assert (await run(second)).published == []  # the lease still holds: nobody steps in
    office.clock.advance(LEASE + timedelta(seconds=1))
    report = await run(second)
    assert report.resumed == [draft.id]
    assert report.published == [draft.id]
    assert office.publisher.live == [draft.id]  # live exactly once
    done = await office.draft(second, draft.id)
    assert done.state is S.PUBLISHED
    assert done.published_media_id == "media-1"
    assert (done.lease_owner, done.lease_until) == ("", None)
    assert (await run(second)).published == []


async def test_after_publish_the_recorded_container_is_asked_not_published_again(
    office: Office,
) -> None:
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    office.publisher.crash_at = "after_publish"
    with pytest.raises(Crash):
        await run(core)
    office.clock.advance(LEASE * 2)
    calls_before = len(office.publisher.requests)
    await run(await office.worker("w2"))
    assert len(office.publisher.requests) == calls_before  # media_publish not called again
    assert (await office.draft(core, draft.id)).state is S.PUBLISHED


async def test_a_live_post_whose_response_failed_is_recorded_not_retried(office: Office) -> None:
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    office.publisher.outcomes = ["live_then_error"]
    report = await run(core)
    assert report.published == [draft.id]
    assert office.publisher.live == [draft.id]


async def test_an_expired_container_is_replaced(office: Office) -> None:
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    office.publisher.outcomes = ["new_container"]
    assert (await run(core)).published == [draft.id]
    assert len(office.publisher.containers) == 2
    assert office.publisher.live == [draft.id]


async def test_a_worker_that_lost_its_lease_does_not_settle(office: Office) -> None:
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    office.publisher.crash_at = "after_create"
    with pytest.raises(Crash):
        await run(core)
    office.clock.advance(LEASE * 2)
    other = await office.worker("w2")
    assert (await run(other)).published == [draft.id]
    # the first worker comes back to life with its stale view: it cannot touch the post
    from chatbot.services.publish_steps import Outcome, advance

    assert await advance(draft.id, _Tx(core), core.deps) is Outcome.LOST
    assert office.publisher.live == [draft.id]


class _Tx:
    def __init__(self, core: Core) -> None:
        self.core = core

    async def run(self, work):  # type: ignore[no-untyped-def]
        return await self.core.bus.run(work)


async def test_the_limit_defers_the_post_and_says_so(office: Office) -> None:
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.publisher.quotas[ACCOUNT] = Quota(used=100, total=100)
    office.clock.set(jst(12, 1, 11))
    office.notifier.clear()
    report = await run(core)
    assert report.waiting_for_limit == [draft.id]
    waiting = await office.draft(core, draft.id)
    assert waiting.state is S.SCHEDULED
    assert waiting.scheduled_at == jst(12, 1, 12)  # posts made elsewhere: an hour later
    assert "note.publish_waiting_limit" in office.notifier.thread_keys()
    assert office.publisher.live == []
    office.publisher.quotas[ACCOUNT] = Quota(used=99, total=100)
    office.clock.set(jst(12, 1, 12))
    assert (await run(core)).published == [draft.id]


async def test_two_workers_at_once_publish_each_post_once(office: Office) -> None:
    first, second = await office.worker("w1"), await office.worker("w2")
    ids = []
    for n in range(12):
        draft = await office.scheduled(first, jst(12, 1, 11), f"お知らせ その{n}")
        ids.append(draft.id)
    office.clock.set(jst(12, 1, 11))
    one, two = await asyncio.gather(run(first), run(second))
    assert sorted(one.published + two.published) == sorted(ids)
    assert sorted(office.publisher.live) == sorted(ids)


async def test_a_post_given_up_after_media_publish_keeps_its_container_for_the_retry(
    office: Office,
) -> None:
    """media_publish was called: the container may be live, so even giving up keeps it and the
    officer's retry asks Instagram about it before making anything new."""
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    office.publisher.outcomes = ["permanent"]
    assert (await run(core)).failed == [draft.id]
    failed = await office.draft(core, draft.id)
    assert failed.state is S.FAILED and failed.container_id == "c1"
    await core.handle(cmd.RetryPublish(OFFICER, draft.id))
    assert (await run(core)).published == [draft.id]
    assert list(office.publisher.containers) == ["c1"]  # no second container
    assert office.publisher.live == [draft.id]


@pytest.mark.parametrize(
    ("search", "said"),
    [
        (LiveSearch(("m1", "m2")), "ambiguous"),
        (LiveSearch(("m1",), complete=False), "ambiguous"),
    ],
)
async def test_a_live_post_that_cannot_be_told_for_sure_is_left_to_a_person(
    office: Office, search: LiveSearch, said: str
) -> None:
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    office.publisher.outcomes = ["live_then_error"]
    office.publisher.matches["c1"] = search
    assert (await run(core)).published == [draft.id]
    done = await office.draft(core, draft.id)
    assert (done.state, done.published_media_id) == (S.PUBLISHED, "")
    assert office.publisher.live == [draft.id]  # never posted again
    assert f"note.published_{said}" in office.notifier.thread_keys()


class CarouselCrash(CrashingPublisher):
    """Dies while Instagram makes the carousel's third item (after the item was made)."""

    async def create_carousel_item(self, request: PublishRequest, index: int) -> str:
        item = await super().create_carousel_item(request, index)
        if index == 2:
            self._maybe_crash("third_item")
        return item


@pytest.mark.parametrize(("later", "reused"), [(timedelta(minutes=5), 2), (timedelta(hours=23), 0)])
async def test_a_crash_mid_carousel_resumes_with_the_items_already_made(
    db_backend: Backend, later: timedelta, reused: int
) -> None:
    office = Office(
        db_backend.make_uow,
        ManualClock(jst(12, 1, 10)),
        CarouselCrash(),
        InMemoryMediaStore(),
        RecordingNotifier("console"),
    )
    first = await office.worker("w1")
    media = tuple(photo(f"p{n}.jpg") for n in range(3))
    draft: Draft = await first.handle(
        cmd.SubmitDraft(STAFF, ACCOUNT, "写真で振り返る展示", media=media, wished_at=jst(12, 1, 11))
    )
    await first.handle(cmd.Approve(OFFICER, draft.id))
    office.clock.set(jst(12, 1, 11))
    office.publisher.crash_at = "third_item"
    with pytest.raises(Crash):
        await run(first)
    stuck = await office.draft(first, draft.id)
    assert stuck.carousel_items == ["i1", "i2"]  # each committed as it was made
    office.clock.advance(max(later, LEASE + timedelta(seconds=1)))
    second = await office.worker("w2")
    assert (await run(second)).published == [draft.id]
    [(container, items)] = office.publisher.carousels.items()
    assert items[:reused] == ("i1", "i2")[:reused]  # young items reused, old ones made again
    assert len(office.publisher.items) == 3 + (3 - reused)
    assert office.publisher.live == [draft.id]
    done = await office.draft(second, draft.id)
    assert done.carousel_items == [] or done.container_id == container


async def test_grouped_step_commits_fail_only_the_step_whose_lease_was_lost(
    office: Office,
) -> None:
    """Steps of several posts share one transaction; a post another worker took over fails alone
    (LeaseLost), the others are committed, and each extends only its own lease."""
    from chatbot.services.publish_steps import LeaseLost, StepCommits, post_of

    core = await office.worker("w1")
    drafts = [await office.scheduled(core, jst(12, 1, 11), f"お知らせ {n}") for n in range(3)]
    office.clock.set(jst(12, 1, 11))
    async with core.deps.uow() as uow:
        claimed = []
        for draft in await uow.drafts.get_many([d.id for d in drafts]):
            draft.start_publishing(office.clock.now())
            draft.take_lease("w1", office.clock.now() + LEASE)
            await uow.drafts.save(draft)
            claimed.append(draft)
        await uow.commit()
    posts = [post_of(draft, core.deps) for draft in claimed]
    async with core.deps.uow() as uow:  # another worker took the second post over
        stolen = await uow.drafts.get(posts[1].draft_id)
        assert stolen is not None
        stolen.take_lease("w2", office.clock.now() + LEASE)
        await uow.drafts.save(stolen)
        await uow.commit()
    commits = StepCommits(_Tx(core), core.deps)
    office.clock.advance(timedelta(seconds=5))
    outcomes = await asyncio.gather(
        *(commits.commit(p, None, {}, {"container_id": f"c-{p.draft_id}"}) for p in posts),
        return_exceptions=True,
    )
    assert [type(o).__name__ for o in outcomes] == ["NoneType", "LeaseLost", "NoneType"]
    assert isinstance(outcomes[1], LeaseLost)
    stored = [await office.draft(core, p.draft_id) for p in posts]
    assert [d.container_id for d in stored] == [
        f"c-{posts[0].draft_id}",
        "",
        f"c-{posts[2].draft_id}",
    ]
    assert [d.lease_owner for d in stored] == ["w1", "w2", "w1"]
    assert stored[0].lease_until == office.clock.now() + LEASE
