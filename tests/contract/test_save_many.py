"""``DraftRepository.save_many``: the claim's leases written together, with the same guarantee as
one ``save`` each — a draft someone else changed since it was read fails the unit of work."""

from __future__ import annotations

from collections.abc import Mapping
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


async def _publishing(make_uow: MakeUow, owners: dict[str, str]) -> None:
    async with make_uow() as uow:
        for draft_id, owner in owners.items():
            draft = scheduled(draft_id, T0)
            draft.start_publishing(T0)
            draft.take_lease(owner, UNTIL)
            await uow.drafts.add(draft)
        await uow.commit()


async def test_progress_of_several_posts_is_written_only_where_the_lease_is_ours(
    make_uow: MakeUow,
) -> None:
    await _publishing(make_uow, {"d1": "w1", "d2": "w2", "d3": "w1", "d4": "w1"})
    later, until = T0 + timedelta(minutes=1), T0 + timedelta(minutes=5)
    steps: list[tuple[str, Mapping[str, object]]] = [
        ("d1", {"container_id": "c1", "container_at": later}),
        ("d2", {"container_id": "c2", "container_at": later}),  # w2's
        ("d3", {"carousel_items": ["i1"], "carousel_items_at": later}),
        ("d4", {}),  # only the lease extended
    ]
    async with make_uow() as uow:
        written = await uow.drafts.record_progress_many("w1", later, until, steps)
        await uow.commit()
    assert written == {"d1", "d3", "d4"}
    async with make_uow() as uow:
        found = {d.id: d for d in await uow.drafts.get_many(["d1", "d2", "d3", "d4"])}
    assert (found["d1"].container_id, found["d1"].lease_until) == ("c1", until)
    assert (found["d2"].container_id, found["d2"].lease_until) == ("", UNTIL)
    assert found["d3"].carousel_items == ["i1"] and found["d4"].lease_until == until
    assert [found[i].version for i in ("d1", "d2", "d3", "d4")] == [1, 0, 1, 1]
    async with make_uow() as uow:  # once the lease has lapsed, nothing is written
        lapsed = await uow.drafts.record_progress_many("w1", until, until, steps)
    assert lapsed == set()


async def test_save_current_saves_the_drafts_as_read_and_returns_the_stale(
    make_uow: MakeUow,
) -> None:
    await _publishing(make_uow, {"d1": "w1", "d2": "w1", "d3": "w1"})
    async with make_uow() as uow:
        held = await uow.drafts.get_many(["d1", "d2", "d3"])
    async with make_uow() as other:  # d2 moves on meanwhile (another step of it committed)
        assert await other.drafts.record_progress("d2", "w1", T0, UNTIL, {"container_id": "x"})
        await other.commit()
    async with make_uow() as uow:
        for draft in held:
            assert await uow.drafts.adopt(draft) is draft
            draft.mark_published(f"m-{draft.id}", f"https://instagram.test/{draft.id}", T0)
        stale = await uow.drafts.save_current(held)
        await uow.commit()
    assert [d.id for d in stale] == ["d2"]
    async with make_uow() as uow:
        found = {d.id: d for d in await uow.drafts.get_many(["d1", "d2", "d3"])}
    assert found["d1"].state is found["d3"].state is DraftState.PUBLISHED
    assert found["d3"].published_media_id == "m-d3"
    assert found["d2"].state is DraftState.PUBLISHING and found["d2"].container_id == "x"
