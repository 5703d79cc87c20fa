"""Reminders and escalation through the bus, on a manual clock: at most once, audited."""

from __future__ import annotations

import asyncio

import pytest

from chatbot.domain import commands as cmd
from chatbot.domain.errors import NotPermitted
from chatbot.domain.states import DraftState
from chatbot.scheduling.reminders import ReminderPolicy
from chatbot.services.home import home_view
from chatbot.services.reminders import ReminderReport
from storage.memory import InMemoryStore
from tests.unit.services.conftest import (
    ACCOUNT,
    DEPUTY,
    OFFICER,
    STAFF,
    World,
    count_units_of_work,
    jst,
    make_world,
)


async def run(world: World) -> ReminderReport:
    report: ReminderReport = await world.handle(cmd.RunReminders("shonin"))
    return report


async def test_opening_reminder_once_a_day(world: World) -> None:
    draft = await world.submit(wished_at=jst(12, 4, 15))
    world.notifier.clear()
    world.at(jst(12, 1, 16))
    assert (await run(world)).reminded == []  # asked today: nothing yet
    world.at(jst(12, 2, 8, 30))
    report = await run(world)
    assert report.reminded == [(draft.id, OFFICER)]
    [text] = world.notifier.directs(OFFICER)
    assert text.key == "note.reminder" and text.args["draft"] == draft.id
    world.at(jst(12, 2, 8, 31))
    assert (await run(world)).reminded == []
    assert world.notifier.direct_keys(OFFICER) == ["note.reminder"]
    entries = [e.record for e in await world.audit() if e.record.action == "draft.reminded"]
    assert [(e.actor, e.details["to"], e.details["kind"]) for e in entries] == [
        ("shonin", OFFICER, "opening")
    ]


async def test_nothing_outside_office_hours(world: World) -> None:
    await world.submit()
    world.notifier.clear()
    for when in (jst(12, 1, 20), jst(12, 2, 7), jst(12, 5, 10)):  # night, early, Saturday
        world.at(when)
        report = await run(world)
        assert report.reminded == [] and report.escalated == [], when
    assert world.notifier.calls == []


async def test_before_the_wished_time(world: World) -> None:
    draft = await world.submit(wished_at=jst(12, 1, 16, 30))
    world.notifier.clear()
    world.at(jst(12, 1, 14, 29))
    assert (await run(world)).reminded == []
    world.at(jst(12, 1, 14, 30))
    assert (await run(world)).reminded == [(draft.id, OFFICER)]
    [text] = world.notifier.directs(OFFICER)
    assert text.key == "note.reminder_before_wished" and text.args["at"] == jst(12, 1, 16, 30)


async def test_escalation_to_the_deputy_who_may_then_decide(world: World) -> None:
    draft = await world.submit()  # Tuesday 10:00, no wished time
    with pytest.raises(NotPermitted):
        await world.handle(cmd.Approve(DEPUTY, draft.id))
    world.notifier.clear()
    world.at(jst(12, 2, 9, 15))  # 8 office hours later
    report = await run(world)
    assert report.escalated == [draft.id]
    assert world.notifier.direct_keys(DEPUTY) == ["note.escalated"]
    deputy_dm = [c for c in world.notifier.of("send_direct") if c.target == DEPUTY]
    assert deputy_dm[0].card is not None and deputy_dm[0].card.buttons  # buttons to decide
    officer_dm = [c for c in world.notifier.of("send_direct") if c.target == OFFICER]
    assert [c.text.key for c in officer_dm if c.text] == ["note.escalated_fyi"]
    assert officer_dm[0].card is None  # an FYI copy without buttons
    assert "note.escalated_thread" in world.notifier.thread_keys()
    assert [d.draft_id for d in (await home_view(world.deps, DEPUTY)).waiting] == [draft.id]
    # at most once, also across a restart on the same data
    again = await make_world(world.store)
    again.at(jst(12, 2, 9, 30))
    assert (await run(again)).escalated == []
    assert again.notifier.calls == []
    approved = await world.handle(cmd.Approve(DEPUTY, draft.id))
    decision = approved.last_decision("approve")
    assert approved.state is DraftState.APPROVED
    assert decision is not None and (decision.role, decision.delegated) == ("deputy", True)
    actions = await world.actions(draft.id)
    assert "draft.escalated" in actions and actions[-1] == "draft.approved"


async def test_absent_officer_deputy_is_reminded_never_escalated(world: World) -> None:
    await world.absent(OFFICER, jst(12, 1, 9), jst(12, 10, 9))
    draft = await world.submit()
    assert (await world.draft(draft.id)).approver == DEPUTY
    world.notifier.clear()
    world.at(jst(12, 3, 8, 30))
    report = await run(world)
    assert report.escalated == [] and report.reminded == [(draft.id, DEPUTY)]
    assert world.notifier.direct_keys(OFFICER) == []


async def test_decided_drafts_are_left_alone(world: World) -> None:
    draft = await world.submit()
    await world.handle(cmd.RequestChanges(OFFICER, draft.id, "写真を差し替えてください"))
    world.notifier.clear()
    world.at(jst(12, 3, 10))
    report = await run(world)
    assert report.reminded == [] and report.escalated == [] and world.notifier.calls == []


async def test_a_revision_starts_over(world: World) -> None:
    draft = await world.submit()
    world.at(jst(12, 2, 9, 15))
    assert (await run(world)).escalated == [draft.id]
    await world.handle(cmd.ReviseDraft(STAFF, draft.id, "12月の展示のお知らせです（修正）"))
    with pytest.raises(NotPermitted):  # the escalation was for revision 1
        await world.handle(cmd.Approve(DEPUTY, draft.id))
    world.at(jst(12, 3, 9, 0))  # 8 office hours after the revision was asked for
    assert (await run(world)).escalated == [draft.id]


async def test_two_concurrent_passes_send_once(world: World) -> None:
    draft = await world.submit()
    world.notifier.clear()
    world.at(jst(12, 2, 9, 15))
    reports = await asyncio.gather(run(world), run(world))
    assert sorted(len(r.escalated) for r in reports) == [0, 1]
    assert world.notifier.direct_keys(DEPUTY) == ["note.escalated"]
    assert world.notifier.direct_keys(OFFICER) == ["note.escalated_fyi"]
    assert (await world.actions(draft.id)).count("draft.escalated") == 1


async def test_policy_per_account_from_the_config() -> None:
    world = await make_world()
    quiet = ReminderPolicy(before_wished_hours=0, at_opening=False, escalate_after_hours=0)
    world.deps.config.reminders[ACCOUNT] = quiet  # type: ignore[index]
    await world.submit(wished_at=jst(12, 2, 11))
    world.notifier.clear()
    world.at(jst(12, 2, 10))
    report = await run(world)
    assert report.reminded == [] and report.escalated == []
    other = await world.submit(account_id="kokuraminami", wished_at=jst(12, 2, 11))
    world.at(jst(12, 2, 10, 1))
    # the other account keeps the defaults: an hour before the wished time is past, escalate
    assert (await run(world)).escalated == [other.id]


async def test_an_absence_reroute_does_not_restart_the_escalation_clock(world: World) -> None:
    """Asked Tuesday 10:00; the officer is away 11:00–12:00 (the draft goes to the deputy and
    back): the deadline stays 8 office hours after 10:00, not after 12:00."""
    draft = await world.submit()  # Tuesday 1 December, 10:00
    await world.absent(OFFICER, jst(12, 1, 11), jst(12, 1, 12))
    for hour in (11, 12):
        world.at(jst(12, 1, hour))
        assert (await world.handle(cmd.RunDue("shonin"))).rerouted == 1
    assert (await world.draft(draft.id)).approver == OFFICER
    world.notifier.clear()
    world.at(jst(12, 2, 9, 15))
    assert (await run(world)).escalated == [draft.id]
    assert world.notifier.direct_keys(DEPUTY) == ["note.escalated"]


async def test_clearing_an_absence_by_hand_keeps_the_clock_too(world: World) -> None:
    draft = await world.submit()
    world.at(jst(12, 1, 15))
    await world.absent(OFFICER, jst(12, 1, 15), jst(12, 3, 9))
    world.at(jst(12, 1, 16))
    await world.handle(cmd.ClearAbsence(OFFICER, ACCOUNT, OFFICER))
    assert (await world.draft(draft.id)).approver == OFFICER
    world.at(jst(12, 2, 9, 14))
    assert (await run(world)).escalated == []
    world.at(jst(12, 2, 9, 15))
    assert (await run(world)).escalated == [draft.id]


async def test_a_pass_plans_only_the_accounts_with_drafts_awaiting_approval() -> None:
    """An account with nothing awaiting approval is not read at all (it was read in a
    transaction of its own at every pass, every 15 s, whatever it held)."""
    store = InMemoryStore()
    opened = count_units_of_work(store)
    world = await make_world(store)
    world.at(jst(12, 2, 10))  # an opening day, inside hours, for both accounts
    opened.clear()
    assert (await run(world)) == ReminderReport()
    # the one read of the accounts with drafts awaiting (none), and the outbox delivery after the
    # command; before, one transaction per account as well (this world has two)
    assert len(opened) == 2
    draft = await world.submit(wished_at=jst(12, 4, 15))
    world.at(jst(12, 3, 8, 30))
    assert (await run(world)).reminded == [(draft.id, OFFICER)]  # its account is read
