"""A publish step's progress is one conditional update: written only while the worker holds the
post's lease, never loading the draft (every backend)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.domain.states import DraftState
from chatbot.ports import UnitOfWork
from tests.contract.builders import T0, scheduled
from tests.contract.test_audit import MakeUow

LATER = T0 + timedelta(minutes=1)


async def publishing(make_uow: MakeUow) -> None:
    draft = scheduled("d1", T0)
    draft.start_publishing(T0)
    draft.take_lease("w1", T0 + timedelta(minutes=2))
    async with make_uow() as uow:
        await uow.drafts.add(draft)
        await uow.commit()


async def stored(make_uow: MakeUow) -> tuple[str, list[str], int, object]:
    async with make_uow() as uow:
        draft = await uow.drafts.get("d1")
    assert draft is not None
    return draft.container_id, draft.carousel_items, draft.version, draft.lease_until


async def record(uow: UnitOfWork, owner: str, at: object, **progress: object) -> bool:
    until = T0 + timedelta(minutes=5)
    return await uow.drafts.record_progress("d1", owner, at, until, progress)  # type: ignore[arg-type]


async def test_progress_is_written_while_the_lease_holds(make_uow: MakeUow) -> None:
    await publishing(make_uow)
    async with make_uow() as uow:
        assert await record(uow, "w1", LATER, container_id="c1", container_at=LATER)
        assert await record(uow, "w1", LATER, carousel_items=["i1", "i2"], carousel_items_at=T0)
        await uow.commit()
    container, items, version, lease = await stored(make_uow)
    assert (container, items, version, lease) == ("c1", ["i1", "i2"], 2, T0 + timedelta(minutes=5))
    async with make_uow() as uow:
        assert (await uow.drafts.get("d1")).state is DraftState.PUBLISHING  # type: ignore[union-attr]


async def test_another_owner_or_a_lapsed_lease_writes_nothing(make_uow: MakeUow) -> None:
    await publishing(make_uow)
    async with make_uow() as uow:
        assert not await record(uow, "w2", LATER, container_id="c9")
        assert not await record(uow, "w1", T0 + timedelta(minutes=3), container_id="c9")
        await uow.commit()
    assert (await stored(make_uow))[:3] == ("", [], 0)


async def test_only_progress_fields_are_accepted(make_uow: MakeUow) -> None:
    await publishing(make_uow)
    async with make_uow() as uow:
        with pytest.raises(ValueError):
            await record(uow, "w1", LATER, state="published")
        with pytest.raises(ValueError):
            await record(uow, "w1", LATER, container_at="yesterday")
