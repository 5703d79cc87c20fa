"""``DraftRepository.save_many``: the claim's leases written together, with the same guarantee as
one ``save`` each — a draft someone else changed since it was read fails the unit of work."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.domain.errors import ConcurrentUpdate
from chatbot.domain.states import DraftState
from tests.contract.builders import T0, scheduled
from tests.contract.test_audit import MakeUow

UNTIL = T0 + timedelta(minutes=2)


async def _scheduled(make_uow: MakeUow, count: int) -> list[str]:
    ids = [f"d{n}" for n in range(count)]
    async with make_uow() as uow:
        for draft_id in ids:
            await uow.drafts.add(scheduled(draft_id, T0))
        await uow.commit()
    return ids


async def test_claimed_drafts_are_saved_together(make_uow: MakeUow) -> None:
    ids = await _scheduled(make_uow, 5)
    async with make_uow() as uow:
        due = await uow.drafts.due(T0, 10, lock=True)
        assert sorted(d.id for d in due) == ids
        for draft in due:
            draft.start_publishing(T0)
            draft.take_lease("w1", UNTIL)
        await uow.drafts.save_many(due)
        assert {d.version for d in due} == {1}
        await uow.commit()
    async with make_uow() as uow:
        stored = await uow.drafts.get_many(ids)
    assert [(d.state, d.lease_owner, d.lease_until, d.version) for d in stored] == [
        (DraftState.PUBLISHING, "w1", UNTIL, 1)
    ] * 5


async def test_a_draft_changed_by_someone_else_since_fails_the_batch(make_uow: MakeUow) -> None:
    ids = await _scheduled(make_uow, 3)
    async with make_uow() as uow:
        stale = await uow.drafts.get_many(ids)  # read without a lock
    async with make_uow() as other:
        moved = await other.drafts.get("d1")
        assert moved is not None
        moved.start_publishing(T0)
        moved.take_lease("w2", UNTIL)
        await other.drafts.save(moved)
        await other.commit()
    async with make_uow() as uow:
        for draft in stale:
            assert await uow.drafts.adopt(draft) is draft
            draft.start_publishing(T0)
            draft.take_lease("w1", UNTIL)
        with pytest.raises(ConcurrentUpdate):
            await uow.drafts.save_many(stale)
    async with make_uow() as uow:
        d1 = await uow.drafts.get("d1")
        others = await uow.drafts.get_many(["d0", "d2"])
    assert d1 is not None and d1.lease_owner == "w2"
    assert all(d.state is DraftState.SCHEDULED for d in others)  # nothing of the batch was kept
