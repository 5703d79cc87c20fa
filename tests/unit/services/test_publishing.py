"""The due-post pass: expiry, publishing inside operating hours, suspension, retries."""

from __future__ import annotations

from datetime import datetime, timedelta

from chatbot.domain import commands as cmd
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.services.publishing import RunReport
from tests.fakes import FakePublisher
from tests.unit.services.conftest import ACCOUNT, ADMIN, OFFICER, STAFF, START, World, jst

S = DraftState


async def scheduled(world: World, at: datetime, caption: str = "展示のお知らせ") -> Draft:
    draft = await world.submit(caption, wished_at=at)
    approved: Draft = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.scheduled_at == at
    return approved


async def run(world: World) -> RunReport:
    report: RunReport = await world.handle(cmd.RunDue("shonin"))
    return report


async def test_publishes_when_due_and_asks_the_approver_to_confirm(world: World) -> None:
    draft = await scheduled(world, jst(12, 1, 14, 0), "12月7日に展示を開催します")
    world.at(jst(12, 1, 13, 59))
    assert (await run(world)).published == []
    assert world.publisher.requests == []

    world.at(jst(12, 1, 14, 0))
    world.notifier.clear()
    report = await run(world)
    assert report.published == [draft.id]
    request = world.publisher.requests[0]
    assert (request.caption, request.revision, request.account.id) == (
        "12月7日に展示を開催します",
        1,
        ACCOUNT,
    )
    assert request.idempotency_key == f"{draft.id}:r1"
    done = await world.draft(draft.id)
    assert done.state is S.PUBLISHED
    assert done.permalink == f"https://instagram.example/p/{draft.id}"
    assert done.published_at == jst(12, 1, 14, 0)
    assert (await world.actions(draft.id))[-2:] == ["draft.publishing", "draft.published"]
    assert world.notifier.direct_keys(OFFICER) == ["note.confirm_request"]
    assert "note.published" in world.notifier.thread_keys()
    assert (await run(world)).published == []  # nothing twice


async def test_due_post_waits_outside_operating_hours(world: World) -> None:
    draft = await scheduled(world, jst(12, 1, 17, 0))
    world.at(jst(12, 1, 17, 15))
    report = await run(world)
    assert report.held == {draft.id: "outside_hours"}
    assert world.publisher.requests == []
    assert (await world.draft(draft.id)).state is S.SCHEDULED
    world.at(jst(12, 2, 8, 29))
    assert (await run(world)).held == {draft.id: "outside_hours"}
    world.at(jst(12, 2, 8, 30))
    assert (await run(world)).published == [draft.id]


async def test_nothing_publishes_while_suspended(world: World) -> None:
    draft = await scheduled(world, jst(12, 1, 11, 0))
    await world.handle(cmd.Suspend(OFFICER, ACCOUNT, "災害対応のため"))
    world.at(jst(12, 1, 11, 30))
    assert (await run(world)).held == {draft.id: "suspended"}
    assert world.publisher.requests == []
    await world.handle(cmd.Resume(OFFICER, ACCOUNT))
    assert (await run(world)).published == [draft.id]


async def test_suspension_of_one_account_does_not_hold_another(world: World) -> None:
    other = await world.submit(wished_at=jst(12, 1, 11, 0), account_id="kokuraminami")
    await world.handle(cmd.Approve(OFFICER, other.id))
    await world.handle(cmd.Suspend(OFFICER, ACCOUNT, "点検"))
    world.at(jst(12, 1, 11, 0))
    assert (await run(world)).published == [other.id]


async def test_retryable_failure_backs_off_then_gives_up(world: World) -> None:
    world.publisher.outcomes = ["retryable", "retryable", "retryable"]
    draft = await scheduled(world, jst(12, 1, 11, 0))

    world.at(jst(12, 1, 11, 0))
    world.notifier.clear()
    assert (await run(world)).failed == [draft.id]
    first = await world.draft(draft.id)
    assert (first.state, first.attempts) == (S.SCHEDULED, 1)
    assert first.scheduled_at == jst(12, 1, 11, 5)
    assert first.last_error == "publish.error.rate_limited"
    assert set(world.notifier.direct_keys(STAFF)) == {"note.publish_failed_retrying"}
    assert set(world.notifier.direct_keys(OFFICER)) == {"note.publish_failed_retrying"}
    assert set(world.notifier.direct_keys(ADMIN)) == {"note.publish_failed_retrying"}

    world.notifier.clear()
    world.at(jst(12, 1, 11, 5))
    await run(world)
    second = await world.draft(draft.id)
    assert (second.state, second.scheduled_at) == (S.SCHEDULED, jst(12, 1, 11, 15))
    assert world.notifier.direct_keys(OFFICER) == []  # not told again while it retries

    world.at(jst(12, 1, 11, 15))
    await run(world)
    last = await world.draft(draft.id)
    assert (last.state, last.attempts) == (S.FAILED, 3)
    assert world.notifier.direct_keys(OFFICER) == ["note.publish_gave_up"]
    assert world.notifier.direct_keys(ADMIN) == ["note.publish_gave_up"]
    failures = [e.record.details for e in await world.audit() if e.record.action.endswith("failed")]
    assert [f["retry"] for f in failures] == [True, True, False]


async def test_retry_lands_inside_operating_hours(world: World) -> None:
    world.publisher.outcomes = ["retryable"]
    draft = await scheduled(world, jst(12, 4, 17, 12))  # Friday
    world.at(jst(12, 4, 17, 12))
    await run(world)
    assert (await world.draft(draft.id)).scheduled_at == jst(12, 7, 8, 30)  # Monday


async def test_permanent_failure_stops(world: World) -> None:
    world.deps.publisher = FakePublisher("permanent")
    draft = await scheduled(world, jst(12, 1, 11, 0))
    world.at(jst(12, 1, 11, 0))
    assert (await run(world)).failed == [draft.id]
    failed = await world.draft(draft.id)
    assert (failed.state, failed.last_error) == (S.FAILED, "publish.error.media_format")
    world.at(jst(12, 1, 12, 0))
    await run(world)
    assert len(world.deps.publisher.requests) == 1  # type: ignore[attr-defined]
    # the officer may try again by scheduling it anew
    again = await world.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 1, 13, 0)))
    assert again.state is S.SCHEDULED


async def test_unapproved_draft_expires_at_its_wished_time(world: World) -> None:
    waiting = await world.submit(wished_at=jst(12, 1, 15, 0))
    approved = await scheduled(world, jst(12, 1, 16, 0))
    world.at(jst(12, 1, 14, 59))
    assert (await run(world)).expired == []
    world.at(jst(12, 1, 15, 0))
    world.notifier.clear()
    report = await run(world)
    assert report.expired == [waiting.id]
    assert (await world.draft(waiting.id)).state is S.EXPIRED
    assert (await world.draft(approved.id)).state is S.SCHEDULED
    assert world.notifier.direct_keys(STAFF) == ["note.expired_author"]
    assert "note.expired" in world.notifier.thread_keys()
    assert (await world.actions(waiting.id))[-1] == "draft.expired"


async def test_waiting_for_an_approver_expires_too(world: World) -> None:
    await world.absent(OFFICER, START, START + timedelta(days=2))
    await world.absent("console:deputy", START, START + timedelta(days=2))
    draft = await world.submit(wished_at=jst(12, 1, 15, 0))
    assert draft.state is S.AWAITING_APPROVER
    world.at(jst(12, 1, 15, 30))
    assert (await run(world)).expired == [draft.id]


async def test_publisher_is_not_called_for_a_withdrawn_draft(world: World) -> None:
    draft = await scheduled(world, jst(12, 1, 11, 0))
    await world.handle(cmd.Withdraw(STAFF, draft.id))
    world.at(jst(12, 1, 11, 0))
    report = await run(world)
    assert report.published == [] and world.publisher.requests == []
