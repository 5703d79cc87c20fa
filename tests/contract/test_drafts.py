"""DraftRepository and UnitOfWork contract: the same tests on memory, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from chatbot.domain import events as ev
from chatbot.domain.errors import ConcurrentUpdate
from chatbot.domain.states import DraftState
from chatbot.ports import UnitOfWork
from tests.contract.builders import (
    AUTHOR,
    OFFICER,
    T0,
    awaiting,
    check,
    rich,
    scheduled,
    submitted,
)

MakeUow = Callable[[], UnitOfWork]


async def test_round_trip_of_a_rich_draft(make_uow: MakeUow) -> None:
    draft = rich()
    async with make_uow() as uow:
        await uow.drafts.add(draft)
        await uow.commit()
    async with make_uow() as uow:
        loaded = await uow.drafts.get("rich")
    assert loaded is not None and loaded is not draft
    assert loaded == draft
    assert len(loaded.revisions) == 2 and len(loaded.decisions) == 2
    assert loaded.revisions[0].check == check() and loaded.revisions[1].check == check("pass")
    assert [m.filename for m in loaded.revisions[0].media] == ["a.jpg", "b.jpg"]
    assert loaded.decisions[-1].delegated and loaded.decisions[0].reason == "日付を確認してください"
    assert [r.content_hash for r in loaded.revisions] == [r.content_hash for r in draft.revisions]
    assert loaded.wished_at == T0 + timedelta(days=4)
    assert loaded.state is DraftState.APPROVED


async def test_get_unknown_is_none(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        assert await uow.drafts.get("nope") is None


async def test_save_appends_revisions_decisions_and_check(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(submitted("d1"))
        await uow.commit()
    async with make_uow() as uow:
        draft = await uow.drafts.get("d1")
        assert draft is not None and draft.version == 0
        draft.record_check(check(), T0)
        draft.route_to(OFFICER, "officer", "", T0)
        draft.request_changes(OFFICER, "officer", "写真を差し替えてください", T0)
        draft.revise(AUTHOR, "新しい本文", (), T0 + timedelta(days=1), T0)
        draft.record_check(check("pass"), T0)
        await uow.drafts.save(draft)
        assert draft.version == 1
        await uow.commit()
    async with make_uow() as uow:
        again = await uow.drafts.get("d1")
    assert again == draft and again is not None
    assert again.version == 1
    assert again.current.check == check("pass") and again.revisions[0].check == check()
    assert [d.kind for d in again.decisions] == ["request_changes"]


async def test_stale_save_raises_concurrent_update(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(awaiting("d1"))
        await uow.commit()
    async with make_uow() as uow:
        stale = await uow.drafts.get("d1")
    async with make_uow() as uow:
        fresh = await uow.drafts.get("d1")
        assert fresh is not None
        fresh.approve(OFFICER, "officer", T0, acknowledged=True)
        await uow.drafts.save(fresh)
        await uow.commit()
    assert stale is not None
    stale.decline(OFFICER, "officer", "不要", T0)
    with pytest.raises(ConcurrentUpdate):
        async with make_uow() as uow:
            await uow.drafts.save(stale)
            await uow.commit()
    async with make_uow() as uow:
        stored = await uow.drafts.get("d1")
    assert stored is not None and stored.state is DraftState.APPROVED
    assert [d.kind for d in stored.decisions] == ["approve"] and stored.version == 1


async def test_get_returns_one_object_per_id_in_a_unit_of_work(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(submitted("d1"))
        await uow.commit()
    async with make_uow() as uow:
        first = await uow.drafts.get("d1")
        listed = await uow.drafts.list()
        assert first is not None and listed == [first] and listed[0] is first
        assert await uow.drafts.get("d1") is first


async def test_list_filters_and_orders_newest_first(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(submitted("a1", "art", "slack:U1", T0))
        await uow.drafts.add(awaiting("a2", "art", "slack:U2", T0 + timedelta(minutes=1)))
        await uow.drafts.add(submitted("b1", "kokura", "slack:U1", T0 + timedelta(minutes=2)))
        await uow.commit()
    async with make_uow() as uow:
        assert [d.id for d in await uow.drafts.list()] == ["b1", "a2", "a1"]
        assert [d.id for d in await uow.drafts.list(account_id="art")] == ["a2", "a1"]
        assert [d.id for d in await uow.drafts.list(author="slack:U1")] == ["b1", "a1"]
        waiting = await uow.drafts.list(states={DraftState.AWAITING_APPROVAL})
        assert [d.id for d in waiting] == ["a2"]
        both = await uow.drafts.list(account_id="art", states=[DraftState.SUBMITTED])
        assert [d.id for d in both] == ["a1"]
        assert [d.id for d in await uow.drafts.list(limit=1)] == ["b1"]
        assert await uow.drafts.list(account_id="none") == []


async def test_due_returns_scheduled_drafts_whose_time_has_come(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(scheduled("late", T0 + timedelta(hours=3)))
        await uow.drafts.add(scheduled("early", T0 + timedelta(hours=1)))
        await uow.drafts.add(scheduled("future", T0 + timedelta(days=2)))
        await uow.drafts.add(awaiting("waiting"))
        await uow.commit()
    async with make_uow() as uow:
        now = T0 + timedelta(hours=3)
        assert [d.id for d in await uow.drafts.due(now)] == ["early", "late"]
        assert [d.id for d in await uow.drafts.due(now, limit=1)] == ["early"]
        assert await uow.drafts.due(T0) == []


async def test_expirable_finds_unapproved_drafts_past_their_wished_time(
    make_uow: MakeUow,
) -> None:
    wished = T0 + timedelta(hours=2)
    approved = awaiting("approved", wished_at=wished)
    approved.approve(OFFICER, "officer", T0, acknowledged=True)
    async with make_uow() as uow:
        await uow.drafts.add(awaiting("waiting", wished_at=wished))
        await uow.drafts.add(submitted("fresh", wished_at=T0 + timedelta(hours=1)))
        await uow.drafts.add(awaiting("later", wished_at=T0 + timedelta(days=1)))
        await uow.drafts.add(awaiting("no-wish"))
        await uow.drafts.add(approved)
        await uow.commit()
    async with make_uow() as uow:
        found = await uow.drafts.expirable(wished)
        assert [d.id for d in found] == ["fresh", "waiting"]
        assert [d.id for d in await uow.drafts.expirable(wished, limit=1)] == ["fresh"]
        assert all(d.expire_if_due(wished) for d in found)


async def test_expirable_follows_the_current_revision(make_uow: MakeUow) -> None:
    draft = awaiting("d1", wished_at=T0 + timedelta(hours=1))
    async with make_uow() as uow:
        await uow.drafts.add(draft)
        await uow.commit()
    async with make_uow() as uow:
        loaded = await uow.drafts.get("d1")
        assert loaded is not None
        loaded.revise(AUTHOR, "延期します", (), T0 + timedelta(days=5), T0)
        await uow.drafts.save(loaded)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.drafts.expirable(T0 + timedelta(hours=2)) == []
        assert [d.id for d in await uow.drafts.expirable(T0 + timedelta(days=5))] == ["d1"]


async def test_leaving_without_commit_rolls_back(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(submitted("d1"))
    with pytest.raises(RuntimeError, match="boom"):
        async with make_uow() as uow:
            await uow.drafts.add(submitted("d2"))
            raise RuntimeError("boom")
    async with make_uow() as uow:
        await uow.drafts.add(submitted("d3"))
        await uow.rollback()
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.drafts.list() == []


async def test_rollback_discards_a_save(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(awaiting("d1"))
        await uow.commit()
    async with make_uow() as uow:
        draft = await uow.drafts.get("d1")
        assert draft is not None
        draft.approve(OFFICER, "officer", T0, acknowledged=True)
        await uow.drafts.save(draft)
    async with make_uow() as uow:
        stored = await uow.drafts.get("d1")
    assert stored is not None
    assert stored.state is DraftState.AWAITING_APPROVAL and stored.decisions == []
    assert stored.version == 0


async def test_collect_events_returns_and_clears_in_order(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(submitted("d1"))
        await uow.drafts.add(awaiting("d2"))
        events = uow.collect_events()
        assert [type(e) for e in events] == [
            ev.DraftSubmitted,
            ev.DraftSubmitted,
            ev.DraftChecked,
            ev.ApprovalRequested,
        ]
        assert [e.draft_id for e in events] == ["d1", "d2", "d2", "d2"]
        assert uow.collect_events() == []
        await uow.commit()
    async with make_uow() as uow:
        draft = await uow.drafts.get("d2")
        assert draft is not None and draft.events == []
        draft.approve(OFFICER, "officer", T0, acknowledged=True)
        await uow.drafts.save(draft)
        await uow.commit()
        assert uow.committed_events() == [ev.Approved("d2", OFFICER, "officer", 1)]
        assert uow.committed_events() == []


async def test_a_rollback_discards_its_events(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.drafts.add(awaiting("d1"))
        await uow.commit()
    async with make_uow() as uow:
        draft = await uow.drafts.get("d1")
        assert draft is not None
        draft.approve(OFFICER, "officer", T0, acknowledged=True)
        await uow.drafts.save(draft)
        await uow.rollback()
        assert uow.committed_events() == [] and uow.collect_events() == []


async def test_naive_datetimes_are_refused(make_uow: MakeUow) -> None:
    draft = submitted("d1")
    draft.created_at = draft.created_at.replace(tzinfo=None)
    async with make_uow() as uow:
        with pytest.raises(ValueError, match="naive"):
            await uow.drafts.add(draft)
