"""The SQL unit of work: one session, one transaction, the repositories that share it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from chatbot.ports import (
    AbsenceRepository,
    AccountStateRepository,
    AuditLog,
    CardRefRepository,
    CommitHook,
    ConversationRefRepository,
    DraftRepository,
    LeaseRepository,
    NotificationOutbox,
    ReminderLog,
)
from storage.conversations import SqlConversationRefRepository
from storage.outbox import SqlNotificationOutbox
from storage.reminders import SqlReminderLog
from storage.repositories import (
    IdentityMap,
    SqlAbsenceRepository,
    SqlAccountStateRepository,
    SqlAuditLog,
    SqlCardRefRepository,
    SqlDraftRepository,
    SqlLeaseRepository,
)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded values after commit (the services read them afterwards)."""
    return async_sessionmaker(engine, expire_on_commit=False)


class SqlUnitOfWork:
    """``async with uow:`` opens a transaction; leaving without ``commit()`` rolls it back."""

    # Typed as the ports: the protocol's attributes are mutable, hence invariant.
    drafts: DraftRepository
    absences: AbsenceRepository
    accounts: AccountStateRepository
    audit: AuditLog
    cards: CardRefRepository
    notifications: NotificationOutbox
    reminders: ReminderLog
    conversations: ConversationRefRepository
    leases: LeaseRepository

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.before_commit: CommitHook | None = None
        self._sessions = sessions
        self._session: AsyncSession | None = None
        self._seen = IdentityMap()
        self._committed: list[Any] = []
        self._raised_here: list[Any] = []  # events about no single draft

    async def __aenter__(self) -> SqlUnitOfWork:
        if self._session is not None:
            raise RuntimeError("a unit of work is entered once")
        session = self._sessions()
        self._session = session
        self._seen = IdentityMap()
        self.drafts = SqlDraftRepository(session, self._seen)
        self.absences = SqlAbsenceRepository(session, self._seen)
        self.accounts = SqlAccountStateRepository(session, self._seen)
        self._audit = SqlAuditLog(session)
        self.audit = self._audit
        self.cards = SqlCardRefRepository(session, self._seen)
        self._outbox = SqlNotificationOutbox(session)
        self.notifications = self._outbox
        self.reminders = SqlReminderLog(session)
        self.conversations = SqlConversationRefRepository(session)
        self.leases = SqlLeaseRepository(session)
        return self

    async def __aexit__(self, *exc: object) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            await session.rollback()
        finally:
            await session.close()

    async def commit(self) -> None:
        session = self._require()
        raised = self._raised()
        if self.before_commit is not None and raised:
            await self.before_commit(self, raised)
        await self._outbox.flush()  # the transaction's notifications, in one statement
        # The audit entries go last: the chain's head stays locked only for them and the commit.
        await self._audit.flush()
        await session.commit()
        self._committed.extend(self.collect_events())

    async def rollback(self) -> None:
        await self._require().rollback()
        self._outbox.discard()
        self._audit.discard()
        self.collect_events()

    def committed_events(self) -> list[Any]:
        events, self._committed = self._committed, []
        return events

    def raise_event(self, event: Any) -> None:
        self._raised_here.append(event)

    def _raised(self) -> list[Any]:
        drafts = [event for draft in self._seen.drafts.values() for event in draft.events]
        return drafts + self._raised_here

    def collect_events(self) -> list[Any]:
        events: list[Any] = []
        for draft in self._seen.drafts.values():
            events.extend(draft.events)
            draft.events.clear()
        events.extend(self._raised_here)
        self._raised_here = []
        return events

    def _require(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("use the unit of work inside 'async with'")
        return self._session


class SqlUnitOfWorkFactory:
    """The ``UnitOfWorkFactory`` the bootstrap hands to the services."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = session_factory(engine)

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions)
