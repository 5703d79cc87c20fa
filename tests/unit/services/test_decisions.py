"""Approving, sending back, declining, scheduling and confirming through the message bus."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from chatbot.domain import commands as cmd
from chatbot.domain.errors import (
    AlreadyDecided,
    IllegalTransition,
    InvalidInput,
    NotPermitted,
    OutsideOperatingHours,
)
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from tests.unit.services.conftest import ADMIN, DEPUTY, OFFICER, STAFF, START, World, jst

S = DraftState


async def approved_and_published(world: World) -> Draft:
    draft = await world.submit(wished_at=START + timedelta(hours=1))
    await world.handle(cmd.Approve(OFFICER, draft.id))
    world.advance(hours=1)
    await world.handle(cmd.RunDue("shonin"))
    return await world.draft(draft.id)


async def test_approve_without_wished_time(world: World) -> None:
    draft = await world.submit()
    world.advance(minutes=5)
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.state is S.APPROVED and approved.scheduled_at is None
    decision = approved.last_decision("approve")
    assert decision is not None
    assert (decision.actor, decision.role, decision.revision, decision.delegated) == (
        OFFICER,
        "officer",
        1,
        False,
    )
    assert decision.at == START + timedelta(minutes=5)
    entries = await world.audit()
    assert entries[-1].record.action == "draft.approved"
    assert entries[-1].record.details == {"role": "officer", "delegated": False}
    assert "note.approved" in world.notifier.thread_keys()


async def test_approve_schedules_at_the_wished_time(world: World) -> None:
    wished = jst(12, 3, 14, 0)
    draft = await world.submit(wished_at=wished)
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.state is S.SCHEDULED
    assert approved.scheduled_at == wished
    assert (await world.actions(draft.id))[-2:] == ["draft.approved", "draft.scheduled"]
    assert "note.scheduled" in world.notifier.thread_keys()


@pytest.mark.parametrize(
    ("wished", "slot"),
    [
        (jst(12, 1, 18, 0), jst(12, 2, 8, 30)),  # after hours: next morning
        (jst(12, 1, 17, 15), jst(12, 2, 8, 30)),  # 17:15 itself is outside
        (jst(12, 5, 10, 0), jst(12, 7, 8, 30)),  # Saturday: Monday
        (jst(12, 29, 10, 0), jst(1, 4, 8, 30, year=2027)),  # year-end closure
    ],
)
async def test_wished_time_outside_hours_moves_into_them(
    world: World, wished: object, slot: object
) -> None:
    draft = await world.submit(wished_at=wished)
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.scheduled_at == slot


async def test_schedule_outside_hours_is_refused_with_a_suggestion(world: World) -> None:
    draft = await world.submit()
    await world.handle(cmd.Approve(OFFICER, draft.id))
    with pytest.raises(OutsideOperatingHours) as raised:
        await world.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 6, 11, 0)))  # Sunday
    assert raised.value.args_map["suggestion"] == jst(12, 7, 8, 30)
    assert raised.value.args_map["at"] == jst(12, 6, 11, 0)
    assert (await world.draft(draft.id)).state is S.APPROVED


async def test_schedule_inside_hours_and_reschedule(world: World) -> None:
    draft = await world.submit()
    await world.handle(cmd.Approve(OFFICER, draft.id))
    first = await world.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 2, 9, 0)))
    assert (first.state, first.scheduled_at) == (S.SCHEDULED, jst(12, 2, 9, 0))
    second = await world.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 3, 9, 0)))
    assert second.scheduled_at == jst(12, 3, 9, 0)


async def test_schedule_without_a_time_takes_the_next_slot(world: World) -> None:
    draft = await world.submit()
    await world.handle(cmd.Approve(OFFICER, draft.id))
    scheduled = await world.handle(cmd.Schedule(OFFICER, draft.id))
    assert (scheduled.state, scheduled.scheduled_at) == (S.SCHEDULED, START)
    world.at(jst(12, 1, 20, 0))
    again = await world.handle(cmd.Schedule(OFFICER, draft.id))
    assert again.scheduled_at == jst(12, 2, 8, 30)


async def test_schedule_in_the_past_is_refused(world: World) -> None:
    draft = await world.submit()
    await world.handle(cmd.Approve(OFFICER, draft.id))
    world.at(jst(12, 2, 10, 0))
    with pytest.raises(InvalidInput) as raised:
        await world.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 2, 9, 0)))
    assert raised.value.key == "error.schedule_in_past"


async def test_staff_may_not_schedule(world: World) -> None:
    draft = await world.submit(actor=ADMIN)
    await world.handle(cmd.Approve(OFFICER, draft.id))
    with pytest.raises(NotPermitted):
        await world.handle(cmd.Schedule(STAFF, draft.id, jst(12, 2, 9, 0)))


async def test_deputy_refused_while_officer_present(world: World) -> None:
    draft = await world.submit()
    with pytest.raises(NotPermitted) as raised:
        await world.handle(cmd.Approve(DEPUTY, draft.id))
    assert raised.value.key == "error.deputy_while_officer_present"
    assert (await world.draft(draft.id)).state is S.AWAITING_APPROVAL
    assert "draft.approved" not in await world.actions()


async def test_deputy_allowed_where_the_account_permits(world: World) -> None:
    draft = await world.submit(account_id="kokuraminami")
    approved = await world.handle(cmd.Approve(DEPUTY, draft.id))
    decision = approved.last_decision("approve")
    assert decision is not None and (decision.role, decision.delegated) == ("deputy", False)


async def test_deputy_decides_on_delegation_while_officer_absent(world: World) -> None:
    await world.absent(OFFICER, START, START + timedelta(days=2))
    draft = await world.submit()
    approved = await world.handle(cmd.Approve(DEPUTY, draft.id))
    decision = approved.last_decision("approve")
    assert decision is not None and (decision.role, decision.delegated) == ("deputy", True)
    assert "note.approved_delegated" in world.notifier.thread_keys()
    details = (await world.audit())[-1].record.details
    assert details == {"role": "deputy", "delegated": True}


@pytest.mark.parametrize("actor", [STAFF, ADMIN, "console:visitor"])
async def test_others_may_not_approve(world: World, actor: str) -> None:
    draft = await world.submit(actor=OFFICER)
    with pytest.raises(NotPermitted) as raised:
        await world.handle(cmd.Approve(actor, draft.id))
    assert raised.value.key == "error.only_approver"


async def test_officer_cannot_approve_own_draft(world: World) -> None:
    draft = await world.submit(actor=OFFICER)
    with pytest.raises(NotPermitted) as raised:
        await world.handle(cmd.Approve(OFFICER, draft.id))
    assert raised.value.key == "error.own_draft"


async def test_second_approval_names_who_decided(world: World) -> None:
    draft = await world.submit(actor=ADMIN)
    await world.handle(cmd.Approve(OFFICER, draft.id))
    with pytest.raises(AlreadyDecided) as raised:
        await world.handle(cmd.Approve(OFFICER, draft.id))
    assert raised.value.args_map["by"] == OFFICER
    assert raised.value.args_map["state"] == "approved"
    assert [d.kind for d in (await world.draft(draft.id)).decisions] == ["approve"]


async def test_decline_after_approval_names_who_decided(world: World) -> None:
    draft = await world.submit(account_id="kokuraminami")
    await world.handle(cmd.Approve(DEPUTY, draft.id))
    with pytest.raises(AlreadyDecided) as raised:
        await world.handle(cmd.Decline(OFFICER, draft.id, "不可"))
    assert raised.value.args_map["by"] == DEPUTY


async def test_concurrent_approvals_one_wins(world: World) -> None:
    draft = await world.submit(account_id="kokuraminami")
    results = await asyncio.gather(
        *(world.handle(cmd.Approve(who, draft.id)) for who in [OFFICER, DEPUTY] * 5),
        return_exceptions=True,
    )
    wins = [r for r in results if isinstance(r, Draft)]
    refusals = [r for r in results if isinstance(r, AlreadyDecided)]
    assert len(wins) == 1 and len(refusals) == 9
    winner = wins[0].last_decision("approve")
    assert winner is not None
    assert {r.args_map["by"] for r in refusals} == {winner.actor}
    assert (await world.actions(draft.id)).count("draft.approved") == 1


@pytest.mark.parametrize("reason", ["", "   "])
async def test_decline_and_send_back_need_a_reason(world: World, reason: str) -> None:
    draft = await world.submit()
    for command in (
        cmd.Decline(OFFICER, draft.id, reason),
        cmd.RequestChanges(OFFICER, draft.id, reason),
    ):
        with pytest.raises(InvalidInput) as raised:
            await world.handle(command)
        assert raised.value.key == "error.reason_required"
    assert (await world.draft(draft.id)).state is S.AWAITING_APPROVAL


async def test_send_back_tells_the_author(world: World) -> None:
    draft = await world.submit()
    sent_back = await world.handle(cmd.RequestChanges(OFFICER, draft.id, "日付を直してください"))
    assert sent_back.state is S.CHANGES_REQUESTED
    assert world.notifier.direct_keys(STAFF) == ["note.sent_back_author"]
    assert world.notifier.directs(STAFF)[0].args["reason"] == "日付を直してください"
    audit = (await world.audit())[-1].record
    assert (audit.action, audit.details["reason"]) == (
        "draft.changes_requested",
        "日付を直してください",
    )


async def test_decline_tells_the_author(world: World) -> None:
    draft = await world.submit()
    declined = await world.handle(cmd.Decline(OFFICER, draft.id, "方針に反します"))
    assert declined.state is S.REJECTED
    assert world.notifier.direct_keys(STAFF) == ["note.declined_author"]


async def test_approving_after_the_wished_time_expires_the_draft(world: World) -> None:
    wished = START + timedelta(hours=2)
    draft = await world.submit(wished_at=wished)
    world.at(wished + timedelta(minutes=1))
    with pytest.raises(IllegalTransition) as raised:
        await world.handle(cmd.Approve(OFFICER, draft.id))
    assert raised.value.key == "error.expired"
    assert (await world.draft(draft.id)).state is S.EXPIRED
    assert (await world.actions(draft.id))[-1] == "draft.expired"
    assert world.notifier.direct_keys(STAFF) == ["note.expired_author"]


async def test_confirm_after_publishing(world: World) -> None:
    draft = await approved_and_published(world)
    assert draft.state is S.PUBLISHED
    with pytest.raises(NotPermitted):
        await world.handle(cmd.Confirm(STAFF, draft.id))
    confirmed = await world.handle(cmd.Confirm(OFFICER, draft.id))
    assert confirmed.state is S.CONFIRMED
    decision = confirmed.last_decision()
    assert decision is not None and (decision.kind, decision.role) == ("confirm", "officer")
    assert (await world.actions(draft.id))[-1] == "draft.confirmed"


async def test_confirm_before_publishing_is_refused(world: World) -> None:
    draft = await world.submit(wished_at=START + timedelta(hours=1))
    await world.handle(cmd.Approve(OFFICER, draft.id))
    with pytest.raises(AlreadyDecided):
        await world.handle(cmd.Confirm(OFFICER, draft.id))
    assert (await world.draft(draft.id)).state is S.SCHEDULED


async def test_deputy_clicking_a_decided_draft_is_told_who_decided(world: World) -> None:
    """Whether the draft is still open is said before whether the clicker may decide it."""
    draft = await world.submit()
    await world.handle(cmd.Approve(OFFICER, draft.id))
    with pytest.raises(AlreadyDecided) as raised:
        await world.handle(cmd.Approve(DEPUTY, draft.id))
    assert raised.value.args_map["by"] == OFFICER


async def test_a_time_both_past_and_outside_hours_is_offered_a_slot_to_come(world: World) -> None:
    # Tuesday 1 Dec 10:00; 7:00 this morning is past and outside hours: the suggestion must not
    # be 8:30 this morning (already past) but the next slot from now
    draft = await world.submit()
    await world.handle(cmd.Approve(OFFICER, draft.id))
    with pytest.raises(OutsideOperatingHours) as raised:
        await world.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 1, 7, 0)))
    assert raised.value.args_map["suggestion"] == world.clock.now()
    with pytest.raises(OutsideOperatingHours) as raised:
        await world.handle(cmd.Schedule(OFFICER, draft.id, jst(11, 28, 11, 0)))  # last Saturday
    assert raised.value.args_map["suggestion"] >= world.clock.now()
    world.clock.set(jst(12, 1, 17, 30))  # after hours: the next slot is tomorrow morning
    with pytest.raises(OutsideOperatingHours) as raised:
        await world.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 1, 7, 0)))
    assert raised.value.args_map["suggestion"] == jst(12, 2, 8, 30)
    assert (await world.draft(draft.id)).state is S.APPROVED
