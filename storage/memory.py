"""An in-memory twin of the SQL storage that honours the same contract.

The store keeps the same rows as the database (built by ``storage.mappers``), so loading gives
fresh objects (copy-on-load) with the same UTC and JSON round trip. A unit of work reads the
committed rows plus its own staged writes and publishes them only on commit (read committed,
first committer wins on a draft's version, audit appenders serialised by a lock).
"""

from __future__ import annotations

import asyncio
import builtins
import copy
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chatbot.audit import GENESIS, AuditEntry, AuditRecord, entry_hash, not_before
from chatbot.domain.errors import ConcurrentUpdate
from chatbot.domain.model import Draft
from chatbot.domain.roles import Absence, Roles
from chatbot.domain.states import DraftState
from chatbot.ports import (
    AbsenceRepository,
    AccountStateRepository,
    AuditLog,
    CardRefRepository,
    CommitHook,
    ConversationRefRepository,
    DraftRepository,
    LeaseRepository,
    MessageRef,
    NotificationOutbox,
    ReminderLog,
    Suspension,
)
from storage import mappers
from storage.conversations import InMemoryConversationRefRepository
from storage.mappers import Row
from storage.outbox import InMemoryNotificationOutbox
from storage.reminders import InMemoryReminderLog, Key

_DELETED: Row = {}


@dataclass
class DraftRows:
    """One draft as its rows: what the store keeps instead of live objects."""

    draft: Row
    revisions: list[Row]
    decisions: list[Row]

    @classmethod
    def of(cls, draft: Draft, version: int) -> DraftRows:
        return cls(
            mappers.draft_to_row(draft) | {"version": version},
            [mappers.revision_to_row(draft.id, r) for r in draft.revisions],
            [mappers.decision_to_row(draft.id, i, d) for i, d in enumerate(draft.decisions, 1)],
        )

    def load(self) -> Draft:
        rows = copy.deepcopy(self)
        return mappers.draft_from_rows(rows.draft, rows.revisions, rows.decisions)


@dataclass
class InMemoryStore:
    """Committed state, shared by the units of work made from it."""

    drafts: dict[str, DraftRows] = field(default_factory=dict)
    roles: dict[str, Row] = field(default_factory=dict)
    suspensions: dict[str, Row] = field(default_factory=dict)
    absences: dict[int, Row] = field(default_factory=dict)
    audit: list[Row] = field(default_factory=list)
    cards: list[Row] = field(default_factory=list)
    outbox: dict[int, Row] = field(default_factory=dict)
    reminders: dict[Key, Row] = field(default_factory=dict)
    reminder_reservations: set[Key] = field(default_factory=set)
    conversations: dict[tuple[str, str], Row] = field(default_factory=dict)
    leases: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    next_absence_id: int = 1
    next_outbox_id: int = 1
    audit_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # drafts read with ``get(lock=True)`` or ``due(lock=True)``: held until that unit of work
    # ends, as FOR UPDATE is (``due`` passes by those another holds, as SKIP LOCKED does)
    row_locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    # accounts taken by ``lock_accounts`` -> the unit of work holding them (until it ends)
    account_locks: dict[str, object] = field(default_factory=dict)

    def unit_of_work(self) -> InMemoryUnitOfWork:
        """A ``UnitOfWorkFactory``: pass ``store.unit_of_work`` to the services."""
        return InMemoryUnitOfWork(self)


@dataclass
class _Staged:
    drafts: dict[str, tuple[int | None, DraftRows]] = field(default_factory=dict)
    roles: dict[str, Row] = field(default_factory=dict)
    suspensions: dict[str, Row] = field(default_factory=dict)
    absences: dict[int, Row] = field(default_factory=dict)
    audit: list[Row] = field(default_factory=list)
    cards: list[Row] = field(default_factory=list)
    outbox: dict[int, Row] = field(default_factory=dict)
    conversations: dict[tuple[str, str], Row] = field(default_factory=dict)


class InMemoryUnitOfWork:
    """The in-memory ``UnitOfWork``; nothing reaches the store before ``commit()``."""

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self.staged = _Staged()
        self.seen: dict[str, Draft] = {}
        self.holds_audit_lock = False
        self.held_rows: list[str] = []
        self._committed: list[Any] = []
        self._raised_here: list[Any] = []  # events about no single draft
        self.drafts: DraftRepository = InMemoryDraftRepository(self)
        self.absences: AbsenceRepository = InMemoryAbsenceRepository(self)
        self.accounts: AccountStateRepository = InMemoryAccountStateRepository(self)
        self._audit = InMemoryAuditLog(self)
        self.audit: AuditLog = self._audit
        self.cards: CardRefRepository = InMemoryCardRefRepository(self)
        self.notifications: NotificationOutbox = InMemoryNotificationOutbox(self)
        self._reminders = InMemoryReminderLog(self)
        self.reminders: ReminderLog = self._reminders
        self.conversations: ConversationRefRepository = InMemoryConversationRefRepository(self)
        self.leases: LeaseRepository = InMemoryLeaseRepository(self)
        self.before_commit: CommitHook | None = None

    async def __aenter__(self) -> InMemoryUnitOfWork:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.rollback()

    async def commit(self) -> None:
        raised = [event for draft in self.seen.values() for event in draft.events]
        raised += self._raised_here
        if self.before_commit is not None and raised:
            await self.before_commit(self, raised)
        await self._audit.flush()  # last, as on SQL: the lock is held only from here
        store, staged = self.store, self.staged
        for draft_id, (base, _rows) in staged.drafts.items():
            stored = store.drafts.get(draft_id)
            stored_version = None if stored is None else int(stored.draft["version"])
            if stored_version != base:
                raise ConcurrentUpdate(draft=draft_id)
        store.drafts.update({draft_id: rows for draft_id, (_b, rows) in staged.drafts.items()})
        _apply(store.roles, staged.roles)
        _apply(store.suspensions, staged.suspensions)
        _apply(store.absences, staged.absences)
        store.audit.extend(staged.audit)
        store.cards.extend(staged.cards)
        store.outbox.update(staged.outbox)
        self._reminders.commit()
        store.conversations.update(staged.conversations)
        self._committed.extend(self.collect_events())
        await self.rollback()

    async def rollback(self) -> None:
        self.collect_events()
        self.staged = _Staged()
        self._audit.discard()
        self._reminders.release()
        if self.holds_audit_lock:
            self.holds_audit_lock = False
            self.store.audit_lock.release()
        for draft_id in self.held_rows:
            self.store.row_locks[draft_id].release()
        self.held_rows = []
        for account_id in [a for a, u in self.store.account_locks.items() if u is self]:
            del self.store.account_locks[account_id]

    async def hold_row(self, draft_id: str) -> None:
        """Lock the draft's row until this unit of work ends (``get(lock=True)``)."""
        if draft_id not in self.held_rows:
            await self.store.row_locks.setdefault(draft_id, asyncio.Lock()).acquire()
            self.held_rows.append(draft_id)

    async def wait_for_row(self, draft_id: str) -> None:
        """A save waits while another unit of work holds the draft's row, as an UPDATE does."""
        lock = self.store.row_locks.get(draft_id)
        if lock is not None and lock.locked() and draft_id not in self.held_rows:
            async with lock:
                pass

    def raise_event(self, event: Any) -> None:
        self._raised_here.append(event)

    def collect_events(self) -> list[Any]:
        events: list[Any] = []
        for draft in self.seen.values():
            events.extend(draft.events)
            draft.events.clear()
        events.extend(self._raised_here)
        self._raised_here = []
        return events

    def committed_events(self) -> list[Any]:
        events, self._committed = self._committed, []
        return events

    def rows(self, draft_id: str) -> DraftRows | None:
        if draft_id in self.staged.drafts:
            return self.staged.drafts[draft_id][1]
        return self.store.drafts.get(draft_id)

    def load(self, draft_id: str) -> Draft | None:
        if draft_id in self.seen:
            return self.seen[draft_id]
        rows = self.rows(draft_id)
        if rows is None:
            return None
        return self.seen.setdefault(draft_id, rows.load())


def _apply(target: dict[Any, Row], changes: dict[Any, Row]) -> None:
    for key, row in changes.items():
        if row is _DELETED:
            target.pop(key, None)
        else:
            target[key] = row


def _merged(committed: dict[Any, Row], staged: dict[Any, Row]) -> dict[Any, Row]:
    merged = committed | staged
    return {key: row for key, row in merged.items() if row is not _DELETED}


class InMemoryDraftRepository:
    """Version-checked like the SQL one: a stale save or commit raises ConcurrentUpdate."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    async def add(self, draft: Draft) -> None:
        if self._uow.rows(draft.id) is not None:
            raise ValueError(f"draft {draft.id} exists already")
        self._uow.staged.drafts[draft.id] = (None, DraftRows.of(draft, draft.version))
        self._uow.seen.setdefault(draft.id, draft)

    async def get(self, draft_id: str, *, lock: bool = False) -> Draft | None:
        if lock:
            await self._uow.hold_row(draft_id)
        return self._uow.load(draft_id)

    async def get_many(self, draft_ids: Sequence[str]) -> builtins.list[Draft]:
        found = (self._uow.load(draft_id) for draft_id in dict.fromkeys(draft_ids))
        return [draft for draft in found if draft is not None]

    async def adopt(self, draft: Draft) -> Draft:
        return self._uow.seen.setdefault(draft.id, draft)

    async def record_progress(
        self,
        draft_id: str,
        owner: str,
        now: datetime,
        until: datetime,
        progress: Mapping[str, object],
    ) -> bool:
        values = mappers.progress_to_row(progress)
        rows = self._uow.rows(draft_id)
        if rows is None:
            return False
        row = rows.draft
        lease = row["lease_until"]
        if not (
            row["state"] == DraftState.PUBLISHING.value
            and row["lease_owner"] == owner
            and lease is not None
            and lease > mappers.utc(now)
        ):
            return False
        version = int(row["version"])
        base = self._uow.staged.drafts.get(draft_id, (version, rows))[0]
        changed = copy.deepcopy(rows)
        changed.draft.update(values, lease_until=mappers.utc(until), version=version + 1)
        self._uow.staged.drafts[draft_id] = (base, changed)
        self._uow.seen.pop(draft_id, None)
        return True

    async def save(self, draft: Draft) -> None:
        await self._uow.wait_for_row(draft.id)
        rows = self._uow.rows(draft.id)
        if rows is None or int(rows.draft["version"]) != draft.version:
            raise ConcurrentUpdate(draft=draft.id)
        base = self._uow.staged.drafts.get(draft.id, (draft.version, rows))[0]
        self._uow.staged.drafts[draft.id] = (base, DraftRows.of(draft, draft.version + 1))
        draft.version += 1
        self._uow.seen.setdefault(draft.id, draft)

    async def save_many(self, drafts: Sequence[Draft]) -> None:
        for draft in drafts:
            await self.save(draft)

    async def save_current(self, drafts: Sequence[Draft]) -> builtins.list[Draft]:
        stale = []
        for draft in drafts:
            try:
                await self.save(draft)
            except ConcurrentUpdate:
                stale.append(draft)
        return stale

    async def record_progress_many(
        self,
        owner: str,
        now: datetime,
        until: datetime,
        steps: Sequence[tuple[str, Mapping[str, object]]],
    ) -> set[str]:
        return {
            draft_id
            for draft_id, progress in steps
            if await self.record_progress(draft_id, owner, now, until, progress)
        }

    async def list(
        self,
        account_id: str | None = None,
        states: Collection[DraftState] | None = None,
        author: str | None = None,
        limit: int = 200,
    ) -> builtins.list[Draft]:
        wanted = None if states is None else {s.value for s in states}

        def keep(row: Row) -> bool:
            return (
                (account_id is None or row["account_id"] == account_id)
                and (wanted is None or row["state"] in wanted)
                and (author is None or row["author"] == author)
            )

        return self._select(keep, lambda r: (r["created_at"], r["id"]), True, limit)

    async def due(
        self, now: datetime, limit: int = 50, *, lock: bool = False
    ) -> builtins.list[Draft]:
        now = mappers.utc(now)

        def keep(row: Row) -> bool:
            if row["state"] == DraftState.PUBLISHING.value:
                lease = row["lease_until"]
                return lease is None or lease <= now
            at = row["scheduled_at"]
            return row["state"] == DraftState.SCHEDULED.value and at is not None and at <= now

        if not lock:
            return self._select(keep, _due_order, False, limit)
        locks, mine = self._uow.store.row_locks, self._uow.held_rows

        def free(row: Row) -> bool:  # SKIP LOCKED
            held = locks.get(str(row["id"]))
            return keep(row) and (held is None or not held.locked() or str(row["id"]) in mine)

        found = self._select(free, _due_order, False, limit)
        for draft in found:
            await self._uow.hold_row(draft.id)  # free (or ours): taken without waiting
        return found

    async def publishing_load(
        self, account_ids: Collection[str], published_after: datetime
    ) -> builtins.list[tuple[str, datetime | None]]:
        after = mappers.utc(published_after)
        wanted = set(account_ids)
        found: builtins.list[tuple[str, datetime | None]] = []
        for draft_id in set(self._uow.store.drafts) | set(self._uow.staged.drafts):
            rows = self._uow.rows(draft_id)
            if rows is None or rows.draft["account_id"] not in wanted:
                continue
            row = rows.draft
            if row["state"] == DraftState.PUBLISHING.value:
                found.append((str(row["account_id"]), None))
            elif row["published_at"] is not None and row["published_at"] >= after:
                found.append((str(row["account_id"]), row["published_at"]))
        return found

    async def lock_accounts(self, account_ids: Collection[str]) -> set[str]:
        held = self._uow.store.account_locks
        taken = {a for a in account_ids if held.get(a, self._uow) is self._uow}
        held.update(dict.fromkeys(taken, self._uow))
        return taken

    @property
    def parallel_claims(self) -> bool:
        return True  # units of work on one store interleave (as PostgreSQL's claims do)

    async def due_accounts(self, now: datetime, limit: int = 50) -> builtins.list[str]:
        return [draft.account_id for draft in await self.due(now, limit)]

    async def accounts_with(self, states: Collection[DraftState]) -> set[str]:
        wanted, found = {s.value for s in states}, set()
        for draft_id in set(self._uow.store.drafts) | set(self._uow.staged.drafts):
            rows = self._uow.rows(draft_id)
            if rows is not None and rows.draft["state"] in wanted:
                found.add(str(rows.draft["account_id"]))
        return found

    async def expirable(self, now: datetime, limit: int = 200) -> builtins.list[Draft]:
        now, states = mappers.utc(now), {s.value for s in mappers.EXPIRABLE_STATES}

        def keep(row: Row) -> bool:
            at = row["wished_at"]
            return row["state"] in states and at is not None and at <= now

        return self._select(keep, lambda r: (r["wished_at"], r["id"]), False, limit)

    def _select(
        self, keep: Callable[[Row], bool], key: Callable[[Row], Any], newest: bool, limit: int
    ) -> builtins.list[Draft]:
        ids = set(self._uow.store.drafts) | set(self._uow.staged.drafts)
        rows = [r.draft for i in ids if (r := self._uow.rows(i)) is not None and keep(r.draft)]
        rows.sort(key=key, reverse=newest)
        found = (self._uow.load(str(r["id"])) for r in rows[:limit])
        return [d for d in found if d is not None]


def _due_order(row: Row) -> tuple[Any, ...]:
    return (row["scheduled_at"], row["account_id"], row["id"])


class InMemoryAccountStateRepository:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    async def get_roles(self, account_id: str) -> Roles | None:
        row = _merged(self._uow.store.roles, self._uow.staged.roles).get(account_id)
        return None if row is None else mappers.roles_from_row(copy.deepcopy(row))

    async def set_roles(self, account_id: str, roles: Roles) -> None:
        self._uow.staged.roles[account_id] = mappers.roles_to_row(account_id, roles)

    async def get_suspension(self, account_id: str) -> Suspension | None:
        row = _merged(self._uow.store.suspensions, self._uow.staged.suspensions).get(account_id)
        return None if row is None else mappers.suspension_from_row(row)

    async def suspensions(self) -> dict[str, Suspension]:
        merged = _merged(self._uow.store.suspensions, self._uow.staged.suspensions)
        return {key: mappers.suspension_from_row(row) for key, row in merged.items()}

    async def set_suspension(self, account_id: str, suspension: Suspension | None) -> None:
        self._uow.staged.suspensions[account_id] = (
            _DELETED if suspension is None else mappers.suspension_to_row(account_id, suspension)
        )


class InMemoryAbsenceRepository:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    async def list(
        self, account_id: str, ending_after: datetime | None = None
    ) -> builtins.list[Absence]:
        after = None if ending_after is None else mappers.utc(ending_after)
        rows = [
            r
            for r in _merged(self._uow.store.absences, self._uow.staged.absences).values()
            if r["account_id"] == account_id and (after is None or r["end_at"] > after)
        ]
        rows.sort(key=lambda r: (r["start_at"], r["id"]))
        return [mappers.absence_from_row(r) for r in rows]

    async def add(self, absence: Absence) -> Absence:
        # Like a database sequence, an id handed out is not reused even after a rollback.
        new_id = self._uow.store.next_absence_id
        self._uow.store.next_absence_id += 1
        row = mappers.absence_to_row(absence) | {"id": new_id}
        self._uow.staged.absences[new_id] = row
        return mappers.absence_from_row(row)

    async def remove(self, absence_id: int) -> None:
        self._uow.staged.absences[absence_id] = _DELETED


class InMemoryAuditLog:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow
        self._staged: builtins.list[AuditRecord] = []

    def stage(self, record: AuditRecord) -> None:
        self._staged.append(record)

    async def flush(self) -> None:
        staged, self._staged = self._staged, []
        for record in staged:
            await self._append(record)

    def discard(self) -> None:
        self._staged = []

    async def append(self, record: AuditRecord) -> AuditEntry:
        await self.flush()
        return await self._append(record)

    async def _append(self, record: AuditRecord) -> AuditEntry:
        # Held until commit or rollback, as PostgreSQL holds the head row lock.
        if not self._uow.holds_audit_lock:
            await self._uow.store.audit_lock.acquire()
            self._uow.holds_audit_lock = True
        head = await self.head()
        count, last_hash = head if head is not None else (0, GENESIS)
        rows = self._all()
        record = not_before(
            record, datetime.fromisoformat(str(rows[-1]["at_iso"])) if rows else None
        )
        seq = count + 1
        entry = AuditEntry(seq, record, last_hash, entry_hash(seq, last_hash, record))
        self._uow.staged.audit.append(mappers.audit_to_row(entry))
        return entry

    async def entries(
        self, after_seq: int = 0, limit: int | None = None
    ) -> builtins.list[AuditEntry]:
        await self.flush()
        rows = [r for r in self._all() if r["seq"] > after_seq]
        rows = rows if limit is None else rows[:limit]
        return [mappers.audit_from_row(copy.deepcopy(r)) for r in rows]

    async def head(self) -> tuple[int, str] | None:
        await self.flush()
        rows = self._all()
        return (int(rows[-1]["seq"]), str(rows[-1]["hash"])) if rows else None

    def _all(self) -> builtins.list[Row]:
        return self._uow.store.audit + self._uow.staged.audit


class InMemoryCardRefRepository:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    async def add(self, draft_id: str, ref: MessageRef) -> None:
        self._uow.staged.cards.append(mappers.card_to_row(draft_id, ref))

    async def list(self, draft_id: str) -> builtins.list[MessageRef]:
        rows = self._uow.store.cards + self._uow.staged.cards
        return [mappers.card_from_row(r) for r in rows if r["draft_id"] == draft_id]


class InMemoryLeaseRepository:
    """Written straight to the store (one event loop: each take is atomic already)."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    async def take(self, name: str, owner: str, now: datetime, until: datetime) -> bool:
        held = self._uow.store.leases.get(name)
        if held is not None and held[0] != owner and held[1] > now:
            return False
        self._uow.store.leases[name] = (owner, until)
        return True

    async def release(self, name: str, owner: str) -> None:
        held = self._uow.store.leases.get(name)
        if held is not None and held[0] == owner:
            del self._uow.store.leases[name]
