"""The reminder log's at-most-once record on every backend, including concurrent writers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from chatbot.ports import ReminderRecord
from tests.conftest import Backend

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
WRITERS = 12


def record(slot: str = "r1", kind: str = "escalation", draft: str = "d1") -> ReminderRecord:
    return ReminderRecord(draft, kind, slot, "slack:UDEP", T0, account_id="kumamoto")


async def test_recorded_once_and_listed(db_backend: Backend) -> None:
    async with db_backend.make_uow() as uow:
        assert await uow.reminders.record(record())
        assert not await uow.reminders.record(record())  # same key in the same transaction
        assert await uow.reminders.record(record("2026-12-02:slack:UOFF", "opening"))
        await uow.commit()
    async with db_backend.make_uow() as uow:
        assert not await uow.reminders.record(record())
        assert await uow.reminders.record(record(draft="d2"))
        listed = await uow.reminders.list("d1")
    assert sorted((r.kind, r.slot) for r in listed) == [
        ("escalation", "r1"),
        ("opening", "2026-12-02:slack:UOFF"),
    ]
    assert all(r.at == T0 and r.account_id == "kumamoto" for r in listed)
    async with db_backend.make_uow() as uow:
        assert await uow.reminders.list("d2") == []  # the last unit of work never committed


async def test_rollback_leaves_the_key_free(db_backend: Backend) -> None:
    async with db_backend.make_uow() as uow:
        assert await uow.reminders.record(record())
        await uow.rollback()
    async with db_backend.make_uow() as uow:
        assert await uow.reminders.record(record())
        await uow.commit()
    async with db_backend.make_uow() as uow:
        assert len(await uow.reminders.list("d1")) == 1


async def _writer(backend: Backend, n: int) -> bool:
    async with backend.make_uow() as uow:
        await asyncio.sleep(0)
        won = await uow.reminders.record(record() if n % 3 else record("r1"))
        await asyncio.sleep(0.01 if n % 2 else 0)  # hold the key while others try
        await uow.commit()
        return won


async def test_concurrent_writers_record_exactly_one(db_backend: Backend) -> None:
    outcomes = await asyncio.gather(*(_writer(db_backend, n) for n in range(WRITERS)))
    assert outcomes.count(True) == 1
    async with db_backend.make_uow() as uow:
        assert len(await uow.reminders.list("d1")) == 1


async def test_a_loser_after_the_winner_rolled_back_may_record(db_backend: Backend) -> None:
    first = db_backend.make_uow()
    async with first:
        assert await first.reminders.record(record())
        await first.rollback()
    later = T0 + timedelta(minutes=1)
    async with db_backend.make_uow() as uow:
        again = ReminderRecord("d1", "escalation", "r1", "slack:UDEP", later, "kumamoto")
        assert await uow.reminders.record(again)
        await uow.commit()
    async with db_backend.make_uow() as uow:
        assert [r.at for r in await uow.reminders.list("d1")] == [later]
