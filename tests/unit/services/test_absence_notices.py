"""Absence notices (to the officer, the deputy and the admins) and the cards that follow an absence,
planned by the core on in-memory storage."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.errors import NotPermitted
from chatbot.domain.roles import Roles
from chatbot.i18n import t
from chatbot.ports import Text
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.wiring import build_core, seed_roles
from storage.memory import InMemoryStore
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.unit.services.conftest import (
    ACCOUNT,
    ACCOUNTS,
    ADMIN,
    DEPUTY,
    JST,
    KNOWN_USERS,
    OFFICER,
    SEED,
    STAFF,
    START,
    World,
    jst,
)

DAY = timedelta(days=1)
NOTICES = ("note.absence_set_", "note.absence_cleared_")


def notices(world: World, user: str) -> list[Text]:
    return [text for text in world.notifier.directs(user) if text.key.startswith(NOTICES)]


def cards_to(world: World, user: str) -> list[tuple[str, bool]]:
    """(text key, with a card) of each direct message to ``user``."""
    return [
        (call.text.key, call.card is not None)
        for call in world.notifier.of("send_direct")
        if call.target == user and call.text is not None
    ]


async def test_officer_deputy_and_admins_are_each_told_once(world: World) -> None:
    waiting = [await world.submit(), await world.submit("二つ目の投稿案です")]
    world.notifier.clear()
    await world.handle(cmd.SetAbsence(DEPUTY, ACCOUNT, OFFICER, START, START + DAY, "出張"))
    for person in (OFFICER, DEPUTY, ADMIN):
        [notice] = notices(world, person)
        assert notice.key == "note.absence_set_deputy"
        assert notice.args == {
            "user": OFFICER,
            "role": "officer",
            "count": len(waiting),
            "start": START,
            "end": START + DAY,
            "reason": "出張",
            "by": DEPUTY,
            "approver": DEPUTY,
        }
    assert notices(world, STAFF) == []
    # rendered like the rest of the product: dates in the account's timezone, roles by name
    [notice] = notices(world, ADMIN)
    ja = t(notice.key, "ja", tz=JST, now=START, **notice.args)
    assert "console:officer（運用責任者）は 12月1日(火) 10:00 から 12月2日(水) 10:00 まで" in ja
    assert "理由：出張／登録：console:deputy" in ja
    assert "運用責任者補佐（console:deputy）が行います" in ja and "2件" in ja
    en = t(notice.key, "en", tz=JST, now=START, **notice.args)
    assert "console:officer (officer) is absent from" in en
    assert "Meanwhile approvals go to the deputy (console:deputy)" in en
    assert "re-sent: 2" in en


async def test_waiting_cards_go_to_the_deputy_and_the_officer_keeps_a_copy(world: World) -> None:
    draft = await world.submit()
    world.notifier.clear()
    await world.absent(OFFICER, START, START + DAY)
    assert cards_to(world, DEPUTY) == [
        ("note.approval_delegated", True),
        ("note.absence_set_deputy", False),
    ]
    assert cards_to(world, OFFICER) == [
        ("note.fyi_moved_copy", True),
        ("note.absence_set_deputy", False),
    ]
    [delegated] = [c for c in world.notifier.of("send_direct") if c.target == DEPUTY and c.card]
    assert delegated.text is not None
    assert delegated.text.args["until"] == START + DAY
    assert delegated.text.args["previous"] == OFFICER
    # the copy is the card as it stands: the deputy decides now, not the officer
    [copy] = [c for c in world.notifier.of("send_direct") if c.target == OFFICER and c.card]
    assert copy.card.approver == DEPUTY and copy.card.draft_id == draft.id


async def test_cleared_absence_returns_approvals_to_the_officer(world: World) -> None:
    draft = await world.submit()
    await world.absent(OFFICER, START, START + DAY)
    world.notifier.clear()
    await world.handle(cmd.ClearAbsence(OFFICER, ACCOUNT, OFFICER))
    assert (await world.draft(draft.id)).approver == OFFICER
    for person in (OFFICER, DEPUTY, ADMIN):
        [notice] = notices(world, person)
        assert notice.key == "note.absence_cleared_officer"
        assert notice.args["approver"] == OFFICER and notice.args["count"] == 1
        assert notice.args["by"] == OFFICER
    assert "承認は運用責任者（console:officer）に戻ります" in t(notice.key, "ja", **notice.args)
    assert "Approvals return to the officer" in t(notice.key, "en", **notice.args)
    assert cards_to(world, OFFICER)[0] == ("note.approval_returned", True)
    assert cards_to(world, DEPUTY)[0] == ("note.fyi_returned", False)
    # every copy of the card (the deputy's included) is redrawn for the new approver
    assert world.notifier.of("update_card")


async def test_deputy_absent_keeps_approvals_with_the_officer(world: World) -> None:
    await world.submit()
    world.notifier.clear()
    await world.absent(DEPUTY, START + DAY, START + 2 * DAY)
    [notice] = notices(world, OFFICER)
    assert notice.key == "note.absence_set_officer"
    assert (notice.args["approver"], notice.args["count"], notice.args["role"]) == (
        OFFICER,
        0,
        "deputy",
    )
    assert notice.args["reason"] == "—"  # none given
    assert [c for c in cards_to(world, OFFICER) if c[1]] == []  # nothing moved


async def test_both_absent_says_nobody_can_approve(world: World) -> None:
    await world.absent(DEPUTY, START, START + DAY)
    world.notifier.clear()
    await world.absent(OFFICER, START, START + DAY)
    [notice] = notices(world, ADMIN)
    assert notice.key == "note.absence_set_nobody"
    assert "承認できる人がいない" in t(notice.key, "ja", **notice.args)


async def test_a_refused_absence_tells_nobody(world: World) -> None:
    world.notifier.clear()
    with pytest.raises(NotPermitted):
        await world.handle(cmd.SetAbsence(STAFF, ACCOUNT, OFFICER, START, START + DAY))
    assert world.notifier.calls == []
    async with world.deps.uow() as uow:
        assert await uow.notifications.due(START + DAY) == []


async def test_people_on_other_platforms_get_rows_for_their_platform() -> None:
    """Each person on the platform of their id; a platform with no notifier here keeps the row
    pending for the process that has one (`shonin serve`)."""
    console = RecordingNotifier("console")
    world = await _world_with(InMemoryStore(), console)
    await world.handle(cmd.SetAbsence(OFFICER, ACCOUNT, OFFICER, START, START + DAY))
    async with world.deps.uow() as uow:
        rows = await uow.notifications.due(START + DAY, platforms=["slack", "teams"])
    assert sorted((r.platform, r.target, r.text_key, r.draft_id) for r in rows) == [
        ("slack", "slack:UADMIN", "note.absence_set_deputy", ""),
        ("teams", "teams:00000000-0000-0000-0000-00000000000d", "note.absence_set_deputy", ""),
    ]
    assert [c.target for c in console.of("send_direct")] == [OFFICER]


async def test_an_absence_that_ends_by_time_brings_the_cards_back(world: World) -> None:
    draft = await world.submit()
    await world.absent(OFFICER, START, jst(12, 1, 15))
    assert (await world.draft(draft.id)).approver == DEPUTY
    world.notifier.clear()
    world.at(jst(12, 1, 14, 59))
    assert (await world.handle(cmd.RunDue("shonin"))).rerouted == 0
    world.at(jst(12, 1, 15))
    assert (await world.handle(cmd.RunDue("shonin"))).rerouted == 1
    back = await world.draft(draft.id)
    assert (back.approver, back.approver_role) == (OFFICER, "officer")
    assert cards_to(world, OFFICER) == [("note.approval_returned", True)]
    assert cards_to(world, DEPUTY) == [("note.fyi_returned", False)]
    redrawn = world.notifier.of("update_card")
    assert redrawn and all(call.card.approver == OFFICER for call in redrawn)
    # the officer decides again; the deputy no longer may
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.state.value == "approved"


async def _world_with(store: InMemoryStore, console: RecordingNotifier) -> World:
    clock = ManualClock(START)
    checker, publisher = FakeChecker(), FakePublisher()
    ports = Ports(store.unit_of_work, clock, checker, InMemoryMediaStore(), publisher)
    config = CoreConfig(
        ACCOUNTS, known_users=KNOWN_USERS, platforms=frozenset({"console", "slack", "teams"})
    )
    core = build_core(ports, config, {"console": console})
    roles = Roles(
        officer=OFFICER,
        deputy="teams:00000000-0000-0000-0000-00000000000d",
        admins=frozenset({"slack:UADMIN"}),
        staff=SEED.staff,
    )
    await seed_roles(core.deps, {ACCOUNT: roles})
    return World(store, clock, checker, publisher, console, core.deps, core)
