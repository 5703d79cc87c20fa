"""Submitting, revising and withdrawing drafts through the message bus."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chatbot.audit import verify_chain
from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput, NotFound, NotPermitted
from chatbot.domain.states import DraftState
from tests.fakes import finding
from tests.unit.services.conftest import (
    ADMIN,
    CHANNEL,
    DEPUTY,
    OFFICER,
    STAFF,
    START,
    World,
)

S = DraftState


async def test_submit_checks_routes_and_tells_people(world: World) -> None:
    draft = await world.submit("12月の展示のお知らせです")
    assert draft.state is S.AWAITING_APPROVAL
    assert (draft.approver, draft.approver_role) == (OFFICER, "officer")
    [(pack, caption, blobs)] = world.checker.calls
    assert (pack, caption, [b.filename for b in blobs]) == (
        "kumamoto-artistspot",
        "12月の展示のお知らせです",
        ["photo.jpg"],
    )

    stored = await world.draft(draft.id)
    assert stored.state is S.AWAITING_APPROVAL and stored.current.check is not None
    assert stored.current.check.pack_version == "9.9.9-test"

    entries = await world.audit()
    assert [e.record.action for e in entries] == [
        "draft.submitted",
        "draft.checked",
        "draft.routed",
    ]
    assert all(e.record.revision_hash == stored.current.content_hash for e in entries)
    assert entries[1].record.pack_version == "9.9.9-test"
    assert entries[2].record.details == {"approver": OFFICER, "role": "officer", "reason": ""}
    assert entries[0].record.actor == STAFF
    async with world.deps.uow() as uow:  # the whole chain, the seeding of roles included
        chain, head = await uow.audit.entries(), await uow.audit.head()
    assert verify_chain(chain, head).ok and chain[-3:] == entries

    posted = world.notifier.of("post_card")
    assert [c.target for c in posted] == [CHANNEL]
    assert posted[0].card.draft_id == draft.id and posted[0].card.state == "awaiting_approval"
    dm = world.notifier.of("send_direct")
    assert [(c.target, c.text.key if c.text else "") for c in dm] == [
        (OFFICER, "note.approval_requested")
    ]
    assert dm[0].card is not None and "approve" in dm[0].card.buttons


async def test_findings_reach_the_card(world: World) -> None:
    world.checker.by_word["住所"] = (finding("block", clause="5(3)"),)
    await world.submit("住所は熊本市中央区です")
    card = world.notifier.of("post_card")[0].card
    assert card.verdict == "block"
    assert [f.clause for f in card.findings] == ["5(3)"]


async def test_media_are_stored_and_checked(world: World) -> None:
    upload = cmd.MediaUpload("poster.jpg", b"\xff\xd8\xff" + b"x" * 50, "image/jpeg")
    draft = await world.submit("展示のポスター", media=(upload,))
    assert len(draft.current.media) == 1
    ref = draft.current.media[0]
    assert await world.deps.media.get(ref.key) == upload.data
    _, _, blobs = world.checker.calls[0]
    assert [(b.filename, b.data) for b in blobs] == [("poster.jpg", upload.data)]


async def test_wished_time_is_kept(world: World) -> None:
    wished = START + timedelta(days=2)
    draft = await world.submit(wished_at=wished)
    assert (await world.draft(draft.id)).wished_at == wished


async def test_wished_time_in_the_past_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput) as raised:
        await world.submit(wished_at=START - timedelta(minutes=1))
    assert raised.value.key == "error.wished_in_past"
    assert await world.audit() == []


async def test_stranger_may_not_post(world: World) -> None:
    with pytest.raises(NotPermitted) as raised:
        await world.submit(actor="console:visitor")
    assert raised.value.key == "error.not_staff"
    assert world.notifier.calls == []


async def test_unknown_account(world: World) -> None:
    with pytest.raises(NotFound) as raised:
        await world.submit(account_id="nowhere")
    assert raised.value.key == "error.unknown_account"


async def test_empty_draft_is_refused_and_nothing_is_stored(world: World) -> None:
    with pytest.raises(InvalidInput):
        await world.submit("   ", media=())
    async with world.deps.uow() as uow:
        assert await uow.drafts.list() == []


async def test_officer_absent_routes_to_deputy(world: World) -> None:
    await world.absent(OFFICER, START, START + timedelta(days=1))
    world.notifier.clear()  # the absence notices (test_absence_notices.py)
    draft = await world.submit()
    assert (draft.approver, draft.approver_role) == (DEPUTY, "deputy")
    assert world.notifier.direct_keys(DEPUTY) == ["note.approval_requested"]
    assert world.notifier.direct_keys(OFFICER) == []


async def test_officers_own_draft_goes_to_the_deputy(world: World) -> None:
    draft = await world.submit(actor=OFFICER)
    assert (draft.approver, draft.approver_role) == (DEPUTY, "deputy")


async def test_nobody_eligible_waits_and_admins_are_told(world: World) -> None:
    await world.absent(OFFICER, START, START + timedelta(days=1))
    world.notifier.clear()  # the absence notices (test_absence_notices.py)
    draft = await world.submit(actor=DEPUTY)
    assert draft.state is S.AWAITING_APPROVER
    assert draft.waiting_reason == "officer_absent_deputy_is_author"
    assert world.notifier.direct_keys(ADMIN) == ["note.admins_waiting"]
    assert world.notifier.directs(ADMIN)[0].args["reason_code"] == draft.waiting_reason
    assert world.notifier.thread_keys() == ["note.approver_unavailable"]
    routed = [e for e in await world.audit() if e.record.action == "draft.routed"]
    assert routed[-1].record.details["reason"] == "officer_absent_deputy_is_author"


async def test_revise_after_changes_requested(world: World) -> None:
    draft = await world.submit("12月8日に展示")
    await world.handle(cmd.RequestChanges(OFFICER, draft.id, "日付が違います"))
    world.notifier.clear()
    revised = await world.handle(cmd.ReviseDraft(STAFF, draft.id, "12月7日に展示"))
    assert revised.state is S.AWAITING_APPROVAL
    assert revised.current.number == 2
    assert world.checker.calls[-1][1] == "12月7日に展示"
    assert "draft.revised" in await world.actions(draft.id)
    assert "note.revised" in world.notifier.thread_keys()
    assert world.notifier.direct_keys(OFFICER) == ["note.approval_requested"]


async def test_revise_keeps_stored_images_for_the_check(world: World) -> None:
    upload = cmd.MediaUpload("a.png", b"\x89PNG\r\n\x1a\n" + b"p" * 20, "image/png")
    draft = await world.submit("画像つき", media=(upload,))
    await world.handle(cmd.ReviseDraft(STAFF, draft.id, "画像つき（修正）"))
    _, caption, blobs = world.checker.calls[-1]
    assert caption == "画像つき（修正）"
    assert [b.data for b in blobs] == [upload.data]


async def test_revise_after_approval_needs_new_approval(world: World) -> None:
    draft = await world.submit(wished_at=START + timedelta(days=1))
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.state is S.SCHEDULED
    revised = await world.handle(cmd.ReviseDraft(STAFF, draft.id, "承認後に修正"))
    assert revised.state is S.AWAITING_APPROVAL
    assert revised.scheduled_at is None
    async with world.deps.uow() as uow:
        assert await uow.drafts.due(START + timedelta(days=2)) == []


async def test_only_the_author_revises(world: World) -> None:
    draft = await world.submit()
    with pytest.raises(NotPermitted):
        await world.handle(cmd.ReviseDraft(OFFICER, draft.id, "書き換え"))
    assert (await world.draft(draft.id)).current.number == 1


async def test_withdraw(world: World) -> None:
    draft = await world.submit()
    with pytest.raises(NotPermitted):
        await world.handle(cmd.Withdraw(OFFICER, draft.id))
    withdrawn = await world.handle(cmd.Withdraw(STAFF, draft.id))
    assert withdrawn.state is S.WITHDRAWN
    assert (await world.draft(draft.id)).state is S.WITHDRAWN
    assert (await world.actions(draft.id))[-1] == "draft.withdrawn"
    assert "note.withdrawn" in world.notifier.thread_keys()


async def test_unknown_draft(world: World) -> None:
    with pytest.raises(NotFound) as raised:
        await world.handle(cmd.Approve(OFFICER, "dnothere"))
    assert raised.value.key == "error.unknown_draft"


async def test_draft_ids_are_case_insensitive(world: World) -> None:
    draft = await world.submit()
    approved = await world.handle(cmd.Approve(OFFICER, f" {draft.id.upper()} "))
    assert approved.id == draft.id and approved.state is S.APPROVED


async def test_second_account_uses_its_own_pack(world: World) -> None:
    await world.submit(account_id="kokuraminami")
    assert world.checker.calls[-1][0] == "kokuraminami"
    assert world.notifier.of("post_card")[0].target == "drafts-kokuraminami"


def _dm_keys(world: World, user: str) -> list[str]:
    return [c.text.key for c in world.notifier.of("send_direct") if c.target == user and c.text]


@pytest.mark.parametrize(
    ("wished", "slot"),
    [
        (START.replace(hour=18), START.replace(day=2, hour=8, minute=30)),
        (START.replace(day=2, hour=3), START.replace(day=2, hour=8, minute=30)),
        (START.replace(day=5, hour=10), START.replace(day=7, hour=8, minute=30)),  # Saturday
    ],
)
async def test_a_wished_time_outside_hours_is_told_to_the_author_at_posting(
    world: World, wished: datetime, slot: datetime
) -> None:
    draft = await world.submit(wished_at=wished)
    [note] = [c.text for c in world.notifier.of("send_direct") if c.target == STAFF and c.text]
    assert note.key == "note.wished_moved_author"
    assert note.args == {"draft": draft.id, "wished": wished, "at": slot}
    assert "note.wished_moved" in world.notifier.thread_keys()  # the approver sees it too
    # and approval then schedules exactly the slot the author was told
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.scheduled_at == slot


async def test_a_wished_time_inside_hours_brings_no_note(world: World) -> None:
    await world.submit(wished_at=START.replace(day=2, hour=9))
    await world.submit()
    assert "note.wished_moved_author" not in _dm_keys(world, STAFF)
    assert "note.wished_moved" not in world.notifier.thread_keys()


async def test_revising_to_a_time_outside_hours_is_told_once(world: World) -> None:
    draft = await world.submit(wished_at=START.replace(day=2, hour=9))
    await world.handle(cmd.RequestChanges(OFFICER, draft.id, "日時を変えてください"))
    late = START.replace(day=2, hour=20)
    await world.handle(cmd.ReviseDraft(STAFF, draft.id, "12月の展示", None, late, False))
    assert _dm_keys(world, STAFF).count("note.wished_moved_author") == 1
    await world.handle(cmd.ReviseDraft(STAFF, draft.id, "12月の展示です", None, late, False))
    assert _dm_keys(world, STAFF).count("note.wished_moved_author") == 1  # unchanged: not again
