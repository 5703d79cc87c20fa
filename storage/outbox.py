"""The notification outbox on SQL, its in-memory twin, and the row mapping both share."""

from __future__ import annotations

import builtins
import copy
from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chatbot.outbox import Backlog, DeliveryState, Notification, NotifyOp
from storage import tables as t
from storage.lists import in_list
from storage.mappers import Row, json_shaped, utc

if TYPE_CHECKING:
    from storage.memory import InMemoryUnitOfWork

_T = t.notification_outbox
_DATETIME = "$datetime"  # text arguments are JSON: datetimes travel tagged


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {_DATETIME: utc(value).isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {_DATETIME}:
        return datetime.fromisoformat(value[_DATETIME])
    return value


def to_row(n: Notification) -> Row:
    if n.created_at is None:
        raise ValueError("a notification needs its created_at")
    created = utc(n.created_at)
    return {
        "account_id": n.account_id,
        "draft_id": n.draft_id,
        "platform": n.platform,
        "op": n.op.value,
        "target": n.target,
        "text_key": n.text_key,
        "text_args": json_shaped({k: _encode(v) for k, v in n.text_args.items()}),
        "with_card": n.with_card,
        "state": n.state.value,
        "attempts": n.attempts,
        "next_at": utc(n.next_at or created),
        "last_error": n.last_error[:500],
        "created_at": created,
        "delivered_at": n.delivered_at,
    }


def from_row(row: Any) -> Notification:
    return Notification(
        account_id=str(row["account_id"]),
        draft_id=str(row["draft_id"]),
        platform=str(row["platform"]),
        op=NotifyOp(str(row["op"])),
        target=str(row["target"]),
        text_key=str(row["text_key"]),
        text_args={k: _decode(v) for k, v in dict(row["text_args"]).items()},
        with_card=bool(row["with_card"]),
        state=DeliveryState(str(row["state"])),
        attempts=int(row["attempts"]),
        next_at=utc(row["next_at"]),
        last_error=str(row["last_error"]),
        created_at=utc(row["created_at"]),
        delivered_at=utc(row["delivered_at"]) if row["delivered_at"] else None,
        id=int(row["id"]),
    )


def _settled(
    state: DeliveryState, attempts: int, next_at: datetime, error: str, at: datetime | None
) -> Row:
    return {
        "state": state.value,
        "attempts": attempts,
        "next_at": utc(next_at),
        "last_error": error[:500],
        "delivered_at": at,
    }


_INSERT = insert(_T)
_PENDING_OF = (
    select(_T)
    .where(
        in_list(_T.c.draft_id, "ids"),
        _T.c.state == DeliveryState.PENDING.value,
    )
    .order_by(_T.c.id)
)


class SqlNotificationOutbox:
    """Rows added are written together: at the commit (``flush``: one multi-row INSERT for a
    transaction's notifications) or before anything in the transaction reads the outbox."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._staged: builtins.list[Row] = []

    async def add(self, notification: Notification) -> None:
        self._staged.append(to_row(notification))  # checked now: a bad row fails its caller

    async def flush(self) -> None:
        """Write the rows added so far (the unit of work calls this before it commits)."""
        rows, self._staged = self._staged, []
        if rows:
            await self._session.execute(_INSERT, rows)

    def discard(self) -> None:
        """Forget the rows added and not written (the transaction is rolled back)."""
        self._staged = []

    async def due(
        self, now: datetime, limit: int = 100, *, platforms: Collection[str] | None = None
    ) -> builtins.list[Notification]:
        await self.flush()
        query = select(_T).where(
            _T.c.state == DeliveryState.PENDING.value, _T.c.next_at <= utc(now)
        )
        if platforms is not None:
            query = query.where(_T.c.platform.in_(sorted(platforms)))
        query = query.order_by(_T.c.id).limit(limit)
        return [from_row(r) for r in (await self._session.execute(query)).mappings().all()]

    async def claim(self, notification_id: int, now: datetime, until: datetime) -> bool:
        await self.flush()
        query = (
            update(_T)
            .where(
                _T.c.id == notification_id,
                _T.c.state == DeliveryState.PENDING.value,
                _T.c.next_at <= utc(now),
            )
            .values(next_at=utc(until))
        )
        result = cast(CursorResult[Any], await self._session.execute(query))
        return result.rowcount == 1

    async def settle(
        self,
        notification_id: int,
        state: DeliveryState,
        attempts: int,
        next_at: datetime,
        error: str = "",
        delivered_at: datetime | None = None,
    ) -> None:
        await self.flush()
        values = _settled(state, attempts, next_at, error, delivered_at)
        await self._session.execute(update(_T).where(_T.c.id == notification_id).values(values))

    async def pending(self, draft_id: str) -> builtins.list[Notification]:
        return (await self.pending_many([draft_id]))[draft_id]

    async def pending_many(
        self, draft_ids: Collection[str]
    ) -> dict[str, builtins.list[Notification]]:
        await self.flush()
        found: dict[str, builtins.list[Notification]] = {d: [] for d in draft_ids}
        if found:
            rows = await self._session.execute(_PENDING_OF, {"ids": sorted(found)})
            for row in rows.mappings():
                found[str(row["draft_id"])].append(from_row(row))
        return found

    async def backlog(self, account_id: str | None = None) -> builtins.list[Backlog]:
        await self.flush()
        query = (
            select(_T.c.platform, func.count(), func.min(_T.c.created_at))
            .where(_T.c.state == DeliveryState.PENDING.value)
            .group_by(_T.c.platform)
            .order_by(_T.c.platform)
        )
        if account_id is not None:
            query = query.where(_T.c.account_id == account_id)
        rows = (await self._session.execute(query)).all()
        return [Backlog(str(p), int(n), utc(oldest)) for p, n, oldest in rows]

    async def failed(self, account_id: str, since: datetime) -> builtins.list[Notification]:
        await self.flush()
        query = select(_T).where(
            _T.c.account_id == account_id,
            _T.c.state == DeliveryState.FAILED.value,
            _T.c.created_at >= utc(since),
        )
        rows = (await self._session.execute(query.order_by(_T.c.id))).mappings().all()
        return [from_row(r) for r in rows]


class InMemoryNotificationOutbox:
    """Staged like the other in-memory repositories; a claim is its own atomic step."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    def _rows(self) -> dict[int, Row]:
        return self._uow.store.outbox | self._uow.staged.outbox

    async def add(self, notification: Notification) -> None:
        store = self._uow.store
        new_id, store.next_outbox_id = store.next_outbox_id, store.next_outbox_id + 1
        self._uow.staged.outbox[new_id] = to_row(notification) | {"id": new_id}

    async def due(
        self, now: datetime, limit: int = 100, *, platforms: Collection[str] | None = None
    ) -> builtins.list[Notification]:
        rows = [
            r
            for r in self._rows().values()
            if r["state"] == DeliveryState.PENDING.value
            and r["next_at"] <= utc(now)
            and (platforms is None or r["platform"] in platforms)
        ]
        return [from_row(r) for r in sorted(rows, key=lambda r: int(r["id"]))[:limit]]

    async def claim(self, notification_id: int, now: datetime, until: datetime) -> bool:
        row = self._uow.store.outbox.get(notification_id)
        if row is None or row["state"] != DeliveryState.PENDING.value or row["next_at"] > utc(now):
            return False
        self._uow.store.outbox[notification_id] = row | {"next_at": utc(until)}
        return True

    async def settle(
        self,
        notification_id: int,
        state: DeliveryState,
        attempts: int,
        next_at: datetime,
        error: str = "",
        delivered_at: datetime | None = None,
    ) -> None:
        row = copy.deepcopy(self._rows()[notification_id])
        values = _settled(state, attempts, next_at, error, delivered_at)
        self._uow.staged.outbox[notification_id] = row | values

    async def pending_many(
        self, draft_ids: Collection[str]
    ) -> dict[str, builtins.list[Notification]]:
        return {draft_id: await self.pending(draft_id) for draft_id in draft_ids}

    async def pending(self, draft_id: str) -> builtins.list[Notification]:
        rows = self._rows().values()
        found = [
            r for r in rows if r["draft_id"] == draft_id and r["state"] == DeliveryState.PENDING
        ]
        return [from_row(r) for r in sorted(found, key=lambda r: int(r["id"]))]

    async def backlog(self, account_id: str | None = None) -> builtins.list[Backlog]:
        found: dict[str, list[datetime]] = {}
        for row in self._rows().values():
            if row["state"] != DeliveryState.PENDING.value:
                continue
            if account_id is None or row["account_id"] == account_id:
                found.setdefault(row["platform"], []).append(row["created_at"])
        return [Backlog(p, len(at), utc(min(at))) for p, at in sorted(found.items())]

    async def failed(self, account_id: str, since: datetime) -> builtins.list[Notification]:
        rows = self._rows().values()
        found = [
            r
            for r in rows
            if r["account_id"] == account_id
            and r["state"] == DeliveryState.FAILED
            and r["created_at"] >= utc(since)
        ]
        return [from_row(r) for r in sorted(found, key=lambda r: int(r["id"]))]
