"""The outbox writes a transaction's notifications together, and reads them for many drafts
at once; what the transaction reads sees what it added, and a failed write keeps nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from chatbot.outbox import Notification, NotifyOp
from tests.conftest import Backend
from tests.contract.builders import scheduled

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def note(draft_id: str, op: NotifyOp = NotifyOp.THREAD_TEXT, target: Any = "") -> Notification:
    return Notification("kumamoto", draft_id, "console", op, target, created_at=T0)


@contextmanager
def outbox_inserts(engine: AsyncEngine | None) -> Iterator[list[str]]:
    """The INSERT statements sent for the outbox while inside."""
    seen: list[str] = []

    def listen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO NOTIFICATION_OUTBOX"):
            seen.append(statement)

    if engine is None:
        yield seen
        return
    event.listen(engine.sync_engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", listen)


async def test_a_transactions_rows_are_written_in_one_statement_at_the_commit(
    db_backend: Backend,
) -> None:
    with outbox_inserts(db_backend.engine) as inserts:
        async with db_backend.make_uow() as uow:
            for n in range(5):
                await uow.notifications.add(note(f"d{n}"))
            async with db_backend.make_uow() as other:  # not visible before the commit
                assert await other.notifications.due(T0) == []
            await uow.commit()
    if db_backend.engine is not None:
        assert len(inserts) == 1  # one multi-row INSERT, not one per notification
    async with db_backend.make_uow() as uow:
        rows = await uow.notifications.due(T0)
    assert [r.draft_id for r in rows] == [f"d{n}" for n in range(5)]  # in the order added


async def test_reads_in_the_same_transaction_see_the_rows_added(db_backend: Backend) -> None:
    async with db_backend.make_uow() as uow:
        await uow.notifications.add(note("d1", NotifyOp.POST_CARD, "C1"))
        await uow.notifications.add(note("d1"))
        await uow.notifications.add(note("d2"))
        found = await uow.notifications.pending_many(["d1", "d2", "d3"])
        assert {d: [r.op for r in rows] for d, rows in found.items()} == {
            "d1": [NotifyOp.POST_CARD, NotifyOp.THREAD_TEXT],
            "d2": [NotifyOp.THREAD_TEXT],
            "d3": [],
        }
        assert [r.op for r in await uow.notifications.pending("d1")] == [
            NotifyOp.POST_CARD,
            NotifyOp.THREAD_TEXT,
        ]
        await uow.notifications.add(note("d2", NotifyOp.DIRECT, "console:x"))  # after a read
        assert len(await uow.notifications.due(T0)) == 4
        [backlog] = await uow.notifications.backlog()
        assert backlog.pending == 4
        await uow.commit()
    async with db_backend.make_uow() as uow:
        assert len(await uow.notifications.due(T0)) == 4  # each written once


async def test_rows_of_a_transaction_left_without_commit_are_never_written(
    db_backend: Backend,
) -> None:
    async with db_backend.make_uow() as uow:
        await uow.notifications.add(note("d1"))
    async with db_backend.make_uow() as uow:
        await uow.notifications.add(note("d2"))
        await uow.rollback()
        await uow.commit()  # nothing left to write
    async with db_backend.make_uow() as uow:
        assert await uow.notifications.due(T0 + timedelta(days=1)) == []


async def test_a_failed_write_at_the_commit_keeps_nothing_of_the_transaction(
    sql_backend: Backend,
) -> None:
    """A row the database refuses (here a NULL target) fails the commit itself: the draft
    written in the same transaction is not kept either, and the next transaction is clean."""
    async with sql_backend.make_uow() as uow:
        await uow.drafts.add(scheduled("kept-out", T0))
        await uow.notifications.add(note("kept-out"))
        await uow.notifications.add(note("kept-out", NotifyOp.DIRECT, target=None))
        with pytest.raises(Exception) as raised:
            await uow.commit()
    assert "target" in str(raised.value).lower() or "null" in str(raised.value).lower()
    async with sql_backend.make_uow() as uow:
        assert await uow.drafts.get("kept-out") is None
        assert await uow.notifications.due(T0 + timedelta(days=1)) == []
        await uow.notifications.add(note("d2"))
        await uow.commit()
    async with sql_backend.make_uow() as uow:
        assert [r.draft_id for r in await uow.notifications.due(T0)] == ["d2"]
