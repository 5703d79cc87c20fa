"""Absences, delegation, role changes and suspension through the message bus."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput, NotPermitted
from chatbot.domain.states import DraftState
from storage.memory import InMemoryStore
from tests.unit.services.conftest import (
    ACCOUNT,
    ADMIN,
    DEPUTY,
    OFFICER,
    SEED,
    STAFF,
    START,
    World,
    count_units_of_work,
    make_world,
)

S = DraftState
DAY = timedelta(days=1)


async def absences(world: World) -> list[tuple[str, object, object]]:
    async with world.deps.uow() as uow:
        found = await uow.absences.list(ACCOUNT)
    return [(a.user, a.start, a.end) for a in found]


async def test_absence_moves_waiting_drafts_to_the_deputy_now(world: World) -> None:
    draft = await world.submit()
    world.notifier.clear()
    await world.absent(OFFICER, START, START + DAY)
    moved = await world.draft(draft.id)
    assert (moved.approver, moved.approver_role) == (DEPUTY, "deputy")
    assert world.notifier.direct_keys(DEPUTY) == [
        "note.approval_delegated",
        "note.absence_set_deputy",
    ]
    assert world.notifier.direct_keys(OFFICER) == ["note.fyi_moved_copy", "note.absence_set_deputy"]
    assert "note.approver_changed" in world.notifier.thread_keys()
    actions = await world.actions()
    assert actions[-2:] == ["absence.set", "draft.routed"]


async def test_absence_starting_later_reroutes_when_it_starts(world: World) -> None:
    await world.absent(OFFICER, START + DAY, START + 2 * DAY)
    draft = await world.submit()
    assert draft.approver == OFFICER
    world.notifier.clear()

    world.at(START + DAY - timedelta(minutes=1))
    assert (await world.handle(cmd.RunDue("shonin"))).rerouted == 0
    assert (await world.draft(draft.id)).approver == OFFICER

    world.at(START + DAY)
    report = await world.handle(cmd.RunDue("shonin"))
    assert report.rerouted == 1
    assert (await world.draft(draft.id)).approver == DEPUTY
    assert world.notifier.direct_keys(OFFICER) == ["note.fyi_moved_copy"]
    assert world.notifier.direct_keys(DEPUTY) == ["note.approval_delegated"]

    world.at(START + 2 * DAY)
    world.notifier.clear()
    report = await world.handle(cmd.RunDue("shonin"))
    assert report.rerouted == 1
    back = await world.draft(draft.id)
    assert (back.approver, back.approver_role) == (OFFICER, "officer")
    assert world.notifier.direct_keys(OFFICER) == ["note.approval_returned"]
    assert world.notifier.direct_keys(DEPUTY) == ["note.fyi_returned"]


async def test_run_due_twice_moves_nothing_more(world: World) -> None:
    await world.absent(OFFICER, START + DAY, START + 2 * DAY)
    await world.submit()
    world.at(START + DAY)
    assert (await world.handle(cmd.RunDue("shonin"))).rerouted == 1
    assert (await world.handle(cmd.RunDue("shonin"))).rerouted == 0


async def test_clearing_the_absence_brings_drafts_back(world: World) -> None:
    await world.absent(OFFICER, START, START + 3 * DAY)
    draft = await world.submit()
    assert draft.approver == DEPUTY
    ended = await world.handle(cmd.ClearAbsence(OFFICER, ACCOUNT, OFFICER))
    assert ended == 1
    assert (await world.draft(draft.id)).approver == OFFICER
    assert await absences(world) == []
    assert "absence.cleared" in await world.actions()


async def test_clearing_without_an_absence_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput) as raised:
        await world.handle(cmd.ClearAbsence(OFFICER, ACCOUNT, OFFICER))
    assert raised.value.key == "error.no_absence"


async def test_overlapping_absences_merge(world: World) -> None:
    await world.absent(OFFICER, START + DAY, START + 3 * DAY)
    await world.absent(OFFICER, START + 2 * DAY, START + 5 * DAY)
    await world.absent(OFFICER, START + 5 * DAY, START + 6 * DAY)  # touching
    await world.absent(OFFICER, START + 8 * DAY, START + 9 * DAY)  # apart
    assert await absences(world) == [
        (OFFICER, START + DAY, START + 6 * DAY),
        (OFFICER, START + 8 * DAY, START + 9 * DAY),
    ]


async def test_absence_already_begun_starts_now(world: World) -> None:
    await world.absent(OFFICER, START - DAY, START + DAY)
    assert await absences(world) == [(OFFICER, START, START + DAY)]


@pytest.mark.parametrize(
    ("start", "end", "key"),
    [
        (START - 2 * DAY, START - DAY, "error.absence_in_past"),
        (START + DAY, START + DAY, "error.absence_order"),
        (START + 2 * DAY, START + DAY, "error.absence_order"),
        (START, START + 400 * DAY, "error.absence_too_long"),
    ],
)
async def test_bad_periods_are_refused(world: World, start: object, end: object, key: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        await world.absent(OFFICER, start, end)  # type: ignore[arg-type]
    assert raised.value.key == key
    assert await absences(world) == []


async def test_deputy_or_admin_may_set_the_officers_absence(world: World) -> None:
    await world.absent(OFFICER, START, START + DAY, actor=DEPUTY)
    await world.absent(OFFICER, START + 2 * DAY, START + 3 * DAY, actor=ADMIN)
    assert len(await absences(world)) == 2
    set_by = [e.record.actor for e in await world.audit() if e.record.action == "absence.set"]
    assert set_by == [DEPUTY, ADMIN]


async def test_staff_may_not_set_someone_elses_absence(world: World) -> None:
    with pytest.raises(NotPermitted) as raised:
        await world.absent(OFFICER, START, START + DAY, actor=STAFF)
    assert raised.value.key == "error.absence_not_permitted"


async def test_absence_only_for_officer_or_deputy(world: World) -> None:
    with pytest.raises(InvalidInput) as raised:
        await world.absent(STAFF, START, START + DAY)
    assert raised.value.key == "error.absence_not_approver"


async def test_waiting_draft_keeps_waiting_when_the_reason_changes(world: World) -> None:
    await world.absent(OFFICER, START, START + DAY)
    await world.absent(DEPUTY, START, START + DAY)
    draft = await world.submit()
    assert (draft.state, draft.waiting_reason) == (S.AWAITING_APPROVER, "both_absent")
    await world.handle(cmd.SetRole(ADMIN, ACCOUNT, "deputy", DEPUTY, remove=True))
    waiting = await world.draft(draft.id)
    assert (waiting.state, waiting.waiting_reason) == (
        S.AWAITING_APPROVER,
        "officer_absent_no_deputy",
    )
    world.at(START + DAY)
    await world.handle(cmd.RunDue("shonin"))
    back = await world.draft(draft.id)
    assert (back.state, back.approver) == (S.AWAITING_APPROVAL, OFFICER)


async def test_waiting_draft_goes_to_the_returning_deputy(world: World) -> None:
    await world.absent(OFFICER, START, START + 3 * DAY)
    await world.absent(DEPUTY, START, START + DAY)
    draft = await world.submit()
    assert draft.state is S.AWAITING_APPROVER
    world.at(START + DAY)
    report = await world.handle(cmd.RunDue("shonin"))
    assert report.rerouted == 1
    assert (await world.draft(draft.id)).approver == DEPUTY


# --- roles --------------------------------------------------------------------------------------


async def test_new_officer_takes_over_waiting_drafts(world: World) -> None:
    draft = await world.submit()
    roles = await world.handle(cmd.SetRole(ADMIN, ACCOUNT, "officer", "console:newboss"))
    assert roles.officer == "console:newboss"
    assert (await world.draft(draft.id)).approver == "console:newboss"
    entry = next(e for e in await world.audit() if e.record.action == "roles.changed")
    assert entry.record.details == {
        "role": "officer",
        "user": "console:newboss",
        "removed": False,
    }
    assert entry.record.actor == ADMIN


@pytest.mark.parametrize(
    ("actor", "role", "user", "error", "key"),
    [
        (STAFF, "officer", "console:x", NotPermitted, "error.only_manager"),
        (DEPUTY, "admin", "console:x", NotPermitted, "error.only_manager"),
        (ADMIN, "boss", "console:x", InvalidInput, "error.unknown_role"),
        (ADMIN, "staff", "nobody", InvalidInput, "error.bad_user"),
    ],
)
async def test_role_changes_refused(
    world: World, actor: str, role: str, user: str, error: type[Exception], key: str
) -> None:
    with pytest.raises(error) as raised:
        await world.handle(cmd.SetRole(actor, ACCOUNT, role, user))
    assert raised.value.key == key  # type: ignore[attr-defined]
    async with world.deps.uow() as uow:
        assert await uow.accounts.get_roles(ACCOUNT) == SEED  # unchanged since seeding


# --- suspension ---------------------------------------------------------------------------------


async def test_suspend_and_resume_by_the_officer(world: World) -> None:
    suspension = await world.handle(cmd.Suspend(OFFICER, ACCOUNT, "  災害対応のため "))
    assert (suspension.reason, suspension.by, suspension.at) == ("災害対応のため", OFFICER, START)
    async with world.deps.uow() as uow:
        assert await uow.accounts.get_suspension(ACCOUNT) == suspension
    await world.handle(cmd.Resume(OFFICER, ACCOUNT))
    async with world.deps.uow() as uow:
        assert await uow.accounts.get_suspension(ACCOUNT) is None
    assert (await world.actions())[-2:] == ["account.suspended", "account.resumed"]


@pytest.mark.parametrize("actor", [DEPUTY, ADMIN, STAFF])
async def test_only_the_officer_suspends(world: World, actor: str) -> None:
    with pytest.raises(NotPermitted) as raised:
        await world.handle(cmd.Suspend(actor, ACCOUNT, "理由"))
    assert raised.value.key == "error.only_officer"


async def test_suspend_needs_a_reason_and_resume_a_suspension(world: World) -> None:
    with pytest.raises(InvalidInput) as raised:
        await world.handle(cmd.Suspend(OFFICER, ACCOUNT, "  "))
    assert raised.value.key == "error.reason_required"
    with pytest.raises(InvalidInput) as raised:
        await world.handle(cmd.Resume(OFFICER, ACCOUNT))
    assert raised.value.key == "error.not_suspended"


async def test_the_maintenance_pass_reads_only_accounts_with_drafts_waiting() -> None:
    """Re-routing looks only at the accounts with drafts waiting for a decision (found in one
    read); it opened a transaction for every account at every pass before."""
    store = InMemoryStore()
    opened = count_units_of_work(store)
    world = await make_world(store)
    opened.clear()
    report = await world.handle(cmd.RunDue("shonin"))
    assert (report.expired, report.rerouted, report.published) == ([], 0, [])
    # expiry, the one read of the accounts waiting (none), the peek at what is due, and the
    # outbox delivery after the command; before, one transaction per account as well (two here)
    assert len(opened) == 4
    draft = await world.submit()
    await world.absent(OFFICER, START + DAY, START + 2 * DAY)
    world.advance(days=1)
    assert (await world.handle(cmd.RunDue("shonin"))).rerouted == 1  # its account is read
    assert (await world.draft(draft.id)).approver == DEPUTY
