"""Conversation references (how a chat platform reaches someone proactively), SQL and in memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from chatbot.ports import ConversationRef
from storage import tables as t
from storage.mappers import Row, utc

if TYPE_CHECKING:
    from storage.memory import InMemoryUnitOfWork

_T = t.conversation_refs


def to_row(ref: ConversationRef) -> Row:
    return {
        "platform": ref.platform,
        "key": ref.key,
        "reference": ref.reference,
        "updated_at": utc(ref.updated_at),
    }


def from_row(row: Any) -> ConversationRef:
    return ConversationRef(
        platform=str(row["platform"]),
        key=str(row["key"]),
        reference=str(row["reference"]),
        updated_at=utc(row["updated_at"]),
    )


class SqlConversationRefRepository:
    """One row per (platform, key); a later sighting replaces the reference (an upsert)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, ref: ConversationRef) -> None:
        row = to_row(ref)
        changes = {"reference": row["reference"], "updated_at": row["updated_at"]}
        dialect = self._session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (
            insert(_T)
            .values(row)
            .on_conflict_do_update(index_elements=[_T.c.platform, _T.c.key], set_=changes)
        )
        await self._session.execute(statement)

    async def get(self, platform: str, key: str) -> ConversationRef | None:
        query = select(_T).where(_T.c.platform == platform, _T.c.key == key)
        row = (await self._session.execute(query)).mappings().first()
        return from_row(row) if row is not None else None


class InMemoryConversationRefRepository:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    async def save(self, ref: ConversationRef) -> None:
        self._uow.staged.conversations[(ref.platform, ref.key)] = to_row(ref)

    async def get(self, platform: str, key: str) -> ConversationRef | None:
        staged = self._uow.staged.conversations.get((platform, key))
        row = staged if staged is not None else self._uow.store.conversations.get((platform, key))
        return from_row(row) if row is not None else None
