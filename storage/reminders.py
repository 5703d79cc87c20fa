"""The reminder log on SQL and its in-memory twin: each reminder is recorded at most once."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, Insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from chatbot.ports import ReminderRecord
from storage import tables as t
from storage.mappers import Row, utc

if TYPE_CHECKING:
    from storage.memory import InMemoryUnitOfWork

_T = t.reminders_sent
Key = tuple[str, str, str]


def to_row(record: ReminderRecord) -> Row:
    return {
        "account_id": record.account_id,
        "draft_id": record.draft_id,
        "kind": record.kind,
        "slot": record.slot,
        "target": record.target,
        "at": utc(record.at),
    }


def from_row(row: Any) -> ReminderRecord:
    return ReminderRecord(
        draft_id=str(row["draft_id"]),
        kind=str(row["kind"]),
        slot=str(row["slot"]),
        target=str(row["target"]),
        at=utc(row["at"]),
        account_id=str(row["account_id"]),
    )


def key_of(record: ReminderRecord) -> Key:
    return (record.draft_id, record.kind, record.slot)


class SqlReminderLog:
    """``INSERT … ON CONFLICT DO NOTHING``: a concurrent writer of one key waits, then loses."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _insert(self) -> Insert:
        dialect = self._session.get_bind().dialect.name
        if dialect == "postgresql":
            return postgresql_insert(_T).on_conflict_do_nothing(
                index_elements=["draft_id", "kind", "slot"]
            )
        if dialect == "sqlite":
            return sqlite_insert(_T).on_conflict_do_nothing(
                index_elements=["draft_id", "kind", "slot"]
            )
        raise NotImplementedError(f"reminder log on {dialect}")

    async def record(self, record: ReminderRecord) -> bool:
        query = self._insert().values(to_row(record))
        result = cast(CursorResult[Any], await self._session.execute(query))
        return result.rowcount == 1

    async def list(self, draft_id: str) -> builtins.list[ReminderRecord]:
        query = select(_T).where(_T.c.draft_id == draft_id).order_by(_T.c.id)
        return [from_row(r) for r in (await self._session.execute(query)).mappings().all()]


class InMemoryReminderLog:
    """Staged until commit; a key is reserved store-wide as soon as it is recorded, so two
    concurrent units of work cannot both record it (released again on rollback)."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow
        self._staged: dict[Key, Row] = {}

    async def record(self, record: ReminderRecord) -> bool:
        store, key = self._uow.store, key_of(record)
        if key in store.reminders or key in store.reminder_reservations:
            return False
        store.reminder_reservations.add(key)
        self._staged[key] = to_row(record)
        return True

    async def list(self, draft_id: str) -> builtins.list[ReminderRecord]:
        rows = [*self._uow.store.reminders.values(), *self._staged.values()]
        return [from_row(r) for r in rows if r["draft_id"] == draft_id]

    def commit(self) -> None:
        self._uow.store.reminders.update(self._staged)
        self.release()

    def release(self) -> None:
        self._uow.store.reminder_reservations.difference_update(self._staged)
        self._staged = {}
