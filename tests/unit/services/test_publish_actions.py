"""Publish at once outside hours (with a reason), retry a failed post, report a problem."""

from __future__ import annotations

import pytest

from chatbot import actions
from chatbot.cards import build_card
from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError, NotPermitted
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.services.publishing import RunReport
from tests.unit.services.conftest import ACCOUNT, ADMIN, DEPUTY, OFFICER, STAFF, World, jst

S = DraftState


async def scheduled(world: World, at=None) -> Draft:  # type: ignore[no-untyped-def]
    draft = await world.submit("避難所開設のお知らせ", wished_at=at or jst(12, 2, 10))
    approved: Draft = await world.handle(cmd.Approve(OFFICER, draft.id))
    return approved


async def run(world: World) -> RunReport:
    report: RunReport = await world.handle(cmd.RunDue("shonin"))
    return report


async def test_outside_hours_the_officer_publishes_at_once_with_a_reason(world: World) -> None:
    draft = await scheduled(world)
    world.at(jst(12, 1, 21, 30))  # evening: outside operating hours
    with pytest.raises(DomainError):
        await world.handle(cmd.PublishNow(OFFICER, draft.id, "  "))
    await world.handle(cmd.PublishNow(OFFICER, draft.id, "大雨警報による避難所開設"))
    report = await run(world)
    assert report.published == [draft.id]
    entries = [e.record for e in await world.audit() if e.record.action == "draft.publish_now"]
    assert entries[0].details["reason"] == "大雨警報による避難所開設"
    assert entries[0].details["outside_hours"] is True
    assert entries[0].actor == OFFICER


async def test_without_the_override_it_waits_for_operating_hours(world: World) -> None:
    draft = await scheduled(world, jst(12, 1, 17, 0))
    world.at(jst(12, 1, 21, 30))
    assert (await run(world)).held == {draft.id: "outside_hours"}
    assert world.publisher.requests == []


async def test_the_override_does_not_beat_a_suspension(world: World) -> None:
    draft = await scheduled(world)
    await world.handle(cmd.Suspend(OFFICER, ACCOUNT, "災害対応のため"))
    world.at(jst(12, 1, 21, 30))
    await world.handle(cmd.PublishNow(OFFICER, draft.id, "緊急"))
    assert (await run(world)).held == {draft.id: "suspended"}


async def test_staff_cannot_publish_at_once(world: World) -> None:
    draft = await scheduled(world)
    with pytest.raises(NotPermitted):
        await world.handle(cmd.PublishNow(STAFF, draft.id, "急ぎ"))


async def test_a_failed_post_has_a_retry_button_for_the_officer(world: World) -> None:
    world.publisher.default = "permanent"
    draft = await scheduled(world, jst(12, 1, 11))
    world.at(jst(12, 1, 11))
    await run(world)
    failed = await world.draft(draft.id)
    assert failed.state is S.FAILED
    card = build_card(failed, world.deps.account(ACCOUNT))
    assert "retry_publish" in actions.buttons(card)
    world.publisher.default = "ok"
    command = actions.to_command("retry_publish", OFFICER, draft.id, actions.ActionInput())
    retried: Draft = await world.handle(command)
    assert (retried.state, retried.scheduled_at, retried.attempts) == (
        S.SCHEDULED,
        jst(12, 1, 11),
        0,
    )
    assert (await run(world)).published == [draft.id]


async def test_problem_with_the_live_post_alerts_the_admins(world: World) -> None:
    draft = await scheduled(world, jst(12, 1, 11))
    world.at(jst(12, 1, 11))
    await run(world)
    live = await world.draft(draft.id)
    card = build_card(live, world.deps.account(ACCOUNT))
    assert {"confirm", "report_problem"} <= set(actions.buttons(card))
    assert actions.spec("report_problem").needs(card) is actions.Need.REASON
    world.notifier.clear()
    given = actions.ActionInput(reason="日付が誤っています（12月8日が正）")
    await world.handle(actions.to_command("report_problem", OFFICER, draft.id, given))
    [alert] = world.notifier.directs(ADMIN)
    assert alert.key == "note.problem_reported_admins"
    assert alert.args["reason"] == "日付が誤っています（12月8日が正）"
    assert "note.problem_reported" in world.notifier.thread_keys()
    assert "draft.problem_reported" in await world.actions(draft.id)
    with pytest.raises(NotPermitted):
        await world.handle(cmd.ReportProblem(STAFF, draft.id, "x"))
    # the officer may still confirm once it is dealt with
    await world.handle(cmd.Confirm(DEPUTY, draft.id))
    assert (await world.draft(draft.id)).state is S.CONFIRMED
