"""A reminder or escalation is re-checked when its turn to be delivered comes: one about a draft
decided, revised or moved since it was planned is never sent (state ``skipped``)."""

from __future__ import annotations

import itertools

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.outbox import DeliveryState, Notification, NotifyOp
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.reminders import outdated
from chatbot.services.wiring import build_core, seed_roles
from storage.memory import InMemoryStore
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.fakes.images import photo
from tests.unit.services.conftest import (
    ACCOUNT,
    ACCOUNTS,
    DEPUTY,
    KNOWN_USERS,
    OFFICER,
    SEED,
    STAFF,
    START,
    World,
    jst,
)

ASKS = {"note.reminder", "note.escalated", "note.escalated_fyi", "note.escalated_thread"}


async def queued_world() -> World:
    """A core whose outbox is delivered only when the test says so (like `shonin serve`)."""
    store, clock, notifier = InMemoryStore(), ManualClock(START), RecordingNotifier("console")
    checker, publisher = FakeChecker(), FakePublisher()
    counter = itertools.count(1)
    ports = Ports(store.unit_of_work, clock, checker, InMemoryMediaStore(), publisher)
    config = CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}", known_users=KNOWN_USERS)
    core = build_core(ports, config, {"console": notifier}, deliver_inline=False)
    await seed_roles(core.deps, {ACCOUNT: SEED})
    return World(store, clock, checker, publisher, notifier, core.deps, core)


async def rows(world: World) -> dict[str, DeliveryState]:
    return {
        row["text_key"]: DeliveryState(row["state"])
        for row in world.store.outbox.values()
        if row["text_key"] in ASKS
    }


async def _draft(world: World) -> str:
    draft = await world.handle(cmd.SubmitDraft(STAFF, ACCOUNT, "12月の展示です", media=(photo(),)))
    await world.bus.delivery.deliver_due()
    world.notifier.clear()
    return str(draft.id)


def _sent(world: World) -> set[str]:
    return {c.text.key for c in world.notifier.calls if c.text is not None}


async def test_a_reminder_for_a_draft_decided_since_is_never_sent() -> None:
    world = await queued_world()
    draft = await _draft(world)
    world.at(jst(12, 2, 8, 30))
    report = await world.handle(cmd.RunReminders("shonin"))
    assert report.reminded == [(draft, OFFICER)]  # planned and recorded, not yet delivered
    await world.handle(cmd.Approve(OFFICER, draft))  # decided before the delivery worker ran
    delivery = await world.bus.delivery.deliver_due()
    assert delivery.skipped == 1
    assert "note.reminder" not in _sent(world) and "note.approved" in _sent(world)
    assert (await rows(world))["note.reminder"] is DeliveryState.SKIPPED
    again = await world.bus.delivery.deliver_due()  # a skipped row is settled for good
    assert again.delivered == again.skipped == 0


async def test_an_escalation_overtaken_by_a_revision_is_never_sent() -> None:
    world = await queued_world()
    draft = await _draft(world)
    world.at(jst(12, 2, 9, 15))
    assert (await world.handle(cmd.RunReminders("shonin"))).escalated == [draft]
    await world.handle(cmd.ReviseDraft(STAFF, draft, "12月の展示です（修正）"))
    await world.bus.delivery.deliver_due()
    sent = _sent(world)
    assert not {"note.escalated", "note.escalated_fyi", "note.escalated_thread"} & sent
    assert "note.revised" in sent
    states = await rows(world)
    assert {states[k] for k in ("note.escalated", "note.escalated_fyi")} == {DeliveryState.SKIPPED}
    # no copy of a card that asks the deputy to decide revision 1 exists anywhere
    assert not [c for c in world.notifier.of("send_direct") if c.target == DEPUTY]


async def test_a_reminder_to_an_approver_who_handed_over_is_never_sent() -> None:
    world = await queued_world()
    await _draft(world)
    world.at(jst(12, 2, 8, 30))
    await world.handle(cmd.RunReminders("shonin"))
    await world.handle(cmd.SetAbsence(OFFICER, ACCOUNT, OFFICER, jst(12, 2, 8, 30), jst(12, 3)))
    await world.bus.delivery.deliver_due()
    assert [c.text.key for c in world.notifier.of("send_direct") if c.target == OFFICER] == [
        "note.fyi_moved_copy",
        "note.absence_set_deputy",
    ]


async def test_a_reminder_still_true_is_sent() -> None:
    world = await queued_world()
    draft = await _draft(world)
    world.at(jst(12, 2, 8, 30))
    await world.handle(cmd.RunReminders("shonin"))
    report = await world.bus.delivery.deliver_due()
    assert report.skipped == 0
    [reminder] = [c.text for c in world.notifier.of("send_direct") if c.text]
    assert reminder.key == "note.reminder"
    assert (reminder.args["draft"], reminder.args["revision"]) == (draft, 1)
    assert reminder.args["waiting_for"] == OFFICER


def test_only_asks_are_checked() -> None:
    from chatbot.cards import build_card
    from chatbot.domain.model import Draft

    draft = Draft.submit("d1", ACCOUNT, STAFF, "本文", (), None, START)
    card = build_card(draft, ACCOUNTS[ACCOUNT])  # submitted, not awaiting approval

    def row(key: str, **args: object) -> Notification:
        return Notification(ACCOUNT, "d1", "console", NotifyOp.DIRECT, OFFICER, key, dict(args))

    assert outdated(row("note.reminder", revision=1, waiting_for=OFFICER), card)
    assert not outdated(row("note.approved"), card)  # not an ask: always told
    assert not outdated(
        Notification(ACCOUNT, "", "console", NotifyOp.DIRECT, OFFICER, "note.reminder"), card
    )
