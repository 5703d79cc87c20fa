"""Notifications: one channel card per draft, every copy updated, threads, DMs, and outages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput
from chatbot.domain.states import DraftState
from chatbot.ports import MessageRef, Text
from tests.fakes import RecordingNotifier
from tests.unit.services.conftest import CHANNEL, OFFICER, STAFF, START, World, jst, make_world


async def refs(world: World, draft_id: str) -> list[MessageRef]:
    async with world.deps.uow() as uow:
        return await uow.cards.list(draft_id)


async def test_card_is_posted_once_and_every_copy_is_updated(world: World) -> None:
    draft = await world.submit()
    stored = await refs(world, draft.id)
    assert sorted(r.kind for r in stored) == ["card", "dm_card"]
    channel_card = next(r for r in stored if r.kind == "card")
    dm_card = next(r for r in stored if r.kind == "dm_card")
    assert channel_card.channel == CHANNEL

    world.notifier.clear()
    await world.handle(cmd.Approve(OFFICER, draft.id))
    assert world.notifier.of("post_card") == []
    updated = world.notifier.of("update_card")
    assert {c.target for c in updated} == {channel_card.message_id, dm_card.message_id}
    assert all(c.card.state == "approved" for c in updated)
    assert all(c.card.buttons == ("schedule", "withdraw") for c in updated)
    threads = world.notifier.of("post_text")
    assert [(c.target, c.thread_id) for c in threads] == [(CHANNEL, channel_card.message_id)]
    assert threads[0].text == Text("note.approved", {"actor": OFFICER, "role": "officer"})


async def test_a_revision_keeps_the_same_channel_card(world: World) -> None:
    draft = await world.submit()
    await world.handle(cmd.RequestChanges(OFFICER, draft.id, "直してください"))
    await world.handle(cmd.ReviseDraft(STAFF, draft.id, "直しました"))
    assert len(world.notifier.of("post_card")) == 1
    last = world.notifier.of("update_card")[-1].card
    assert (last.revision, last.state, last.caption) == (2, "awaiting_approval", "直しました")


async def test_publish_asks_the_approver_to_confirm_with_a_card(world: World) -> None:
    draft = await world.submit(wished_at=jst(12, 1, 11, 0))
    await world.handle(cmd.Approve(OFFICER, draft.id))
    world.at(jst(12, 1, 11, 0))
    world.notifier.clear()
    await world.handle(cmd.RunDue("shonin"))
    confirm = [c for c in world.notifier.of("send_direct") if c.target == OFFICER]
    assert [c.text.key for c in confirm if c.text] == ["note.confirm_request"]
    assert confirm[0].card is not None
    assert confirm[0].card.buttons == ("confirm", "report_problem")  # 確認しました / 問題あり
    assert [r.kind for r in await refs(world, draft.id)].count("dm_card") == 2


async def test_users_on_other_platforms_are_skipped_quietly(world: World) -> None:
    from chatbot.domain.roles import Roles

    roles = Roles(officer="slack:UOFF", deputy="slack:UDEP", staff=frozenset({STAFF}))
    await world.set_roles("kumamoto", roles)
    draft = await world.submit()
    assert draft.approver == "slack:UOFF"
    assert [c.kind for c in world.notifier.calls] == ["post_card"]  # no Slack notifier here


class BrokenNotifier(RecordingNotifier):
    async def post_text(self, channel: str, text: Text, thread_id: str = "") -> MessageRef:
        raise ConnectionError("chat is down")

    async def send_direct(self, user: str, text: Text, card: object = None) -> MessageRef:
        raise ConnectionError("chat is down")


async def test_a_chat_outage_does_not_undo_a_decision() -> None:
    broken = BrokenNotifier()
    world = await make_world(notifiers={"console": broken})
    draft = await world.submit()
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.state is DraftState.APPROVED
    assert (await world.draft(draft.id)).state is DraftState.APPROVED
    assert [c.kind for c in broken.calls].count("post_card") == 1


async def test_events_of_a_refused_command_are_not_announced(world: World) -> None:
    draft = await world.submit(wished_at=START + timedelta(days=1))
    world.notifier.clear()
    with pytest.raises(InvalidInput):
        await world.handle(cmd.Decline(OFFICER, draft.id, ""))
    assert world.notifier.calls == []
