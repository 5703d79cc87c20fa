"""SQL implementations of the persistence ports, on one AsyncSession owned by the unit of work."""

from __future__ import annotations

import builtins
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    Select,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from chatbot.audit import GENESIS, AuditEntry, AuditRecord, entry_hash, not_before
from chatbot.domain.errors import ConcurrentUpdate
from chatbot.domain.model import Draft
from chatbot.domain.roles import Absence, Roles
from chatbot.domain.states import DraftState
from chatbot.ports import MessageRef, Suspension
from storage import mappers
from storage import tables as t
from storage.lists import in_list

_UNKNOWN = object()
_LIMIT_LOCK = "shonin.limit:"
# Each account's claim lock, taken where free: a claim passes by the accounts another holds (as
# SKIP LOCKED does rows) instead of waiting for them; never waiting, two claims cannot deadlock.
_TRY_LOCK_ACCOUNTS = text(
    "SELECT k FROM unnest(CAST(:keys AS text[])) AS k WHERE pg_try_advisory_xact_lock(hashtext(k))"
)

# Statements built once with bound parameters: SQLAlchemy then skips building the statement and
# its cache key at every execution (a published post runs a dozen of these).
_DRAFT_BY_ID = select(t.drafts).where(t.drafts.c.id == bindparam("draft_id"))
_LOCK_DRAFT = select(t.drafts.c.id).where(t.drafts.c.id == bindparam("draft_id")).with_for_update()
_DRAFTS_BY_IDS = select(t.drafts).where(in_list(t.drafts.c.id, "ids"))
_CHILDREN = {
    table.name: select(table)
    .where(in_list(table.c.draft_id, "ids"))
    .order_by(table.c.draft_id, order)
    for table, order in ((t.revisions, t.revisions.c.number), (t.decisions, t.decisions.c.seq))
}
_ACCOUNTS_WITH = select(t.drafts.c.account_id).where(in_list(t.drafts.c.state, "states")).distinct()
_ROLES = select(t.account_roles).where(in_list(t.account_roles.c.account_id, "ids"))


def _other_accounts(
    seen: IdentityMap | None, account_id: str, known: Mapping[str, Any]
) -> list[str]:
    """The other accounts whose drafts a unit of work holds, not read yet (read with the first)."""
    if seen is None:
        return []
    others = {d.account_id for d in seen.drafts.values()}
    return sorted(a for a in others if a != account_id and a not in known)


# A batch's drafts locked, with what is stored of them (see save_current, record_progress_many).
_LOCK_VERSIONS = (
    select(t.drafts.c.id, t.drafts.c.version).where(in_list(t.drafts.c.id, "ids")).with_for_update()
)
_LOCK_LEASED = (
    select(t.drafts.c.id)
    .where(
        in_list(t.drafts.c.id, "ids"),
        t.drafts.c.state == DraftState.PUBLISHING.value,
        t.drafts.c.lease_owner == bindparam("owner"),
        t.drafts.c.lease_until > bindparam("now"),
    )
    .with_for_update()
)

_CARDS = (
    select(t.card_refs).where(in_list(t.card_refs.c.draft_id, "ids")).order_by(t.card_refs.c.id)
)
_LOCK_HEAD = (
    select(t.audit_head.c.count, t.audit_head.c.last_hash)
    .where(t.audit_head.c.id == t.AUDIT_HEAD_ID)
    .with_for_update()
)
_TIME_OF = select(t.audit_entries.c.at_iso).where(t.audit_entries.c.seq == bindparam("seq"))
_MOVE_HEAD = (
    update(t.audit_head)
    .where(t.audit_head.c.id == t.AUDIT_HEAD_ID)
    .values(count=bindparam("count"), last_hash=bindparam("last_hash"))
)
_saves: dict[tuple[str, ...], Any] = {}
_progress: dict[tuple[str, ...], Any] = {}


def _save_statement(columns: tuple[str, ...]) -> Any:
    """UPDATE drafts SET <columns>, version = version + 1 WHERE id = :k_id AND version = :k_v."""
    found = _saves.get(columns)
    if found is None:
        found = _saves[columns] = (
            update(t.drafts)
            .where(t.drafts.c.id == bindparam("k_id"), t.drafts.c.version == bindparam("k_v"))
            .values({c: bindparam(f"v_{c}") for c in columns} | {"version": t.drafts.c.version + 1})
        )
    return found


def _progress_statement(columns: tuple[str, ...]) -> Any:
    """The conditional progress update: only while ``owner`` holds the publishing lease."""
    found = _progress.get(columns)
    if found is None:
        row = t.drafts.c
        found = _progress[columns] = (
            update(t.drafts)
            .where(
                row.id == bindparam("k_id"),
                row.state == DraftState.PUBLISHING.value,
                row.lease_owner == bindparam("k_owner"),
                row.lease_until > bindparam("k_now"),
            )
            .values(
                {c: bindparam(f"v_{c}") for c in columns}
                | {"lease_until": bindparam("v_lease_until"), "version": row.version + 1}
            )
        )
    return found


class IdentityMap:
    """Drafts loaded or added in one unit of work, in order: one object per id."""

    def __init__(self) -> None:
        self.drafts: dict[str, Draft] = {}
        # what is stored of each draft's children: (revisions, decisions, the last check object)
        self.stored: dict[str, tuple[int, int, object]] = {}
        # drafts read with their rows locked (FOR UPDATE) by this transaction: nobody else can
        # have changed them since, until it ends
        self.locked: set[str] = set()

    def remember(self, draft: Draft) -> Draft:
        return self.drafts.setdefault(draft.id, draft)

    def mark_stored(self, draft: Draft) -> None:
        last = draft.revisions[-1].check if draft.revisions else None
        self.stored[draft.id] = (len(draft.revisions), len(draft.decisions), last)


class SqlDraftRepository:
    """Drafts with their revisions and decisions; optimistic concurrency on ``version``."""

    def __init__(self, session: AsyncSession, seen: IdentityMap) -> None:
        self._session = session
        self._seen = seen

    async def add(self, draft: Draft) -> None:
        row = mappers.draft_to_row(draft) | {"version": draft.version}
        await self._session.execute(insert(t.drafts).values(row))
        await self._insert_children(draft, revisions_from=0, decisions_from=0)
        self._seen.remember(draft)
        self._seen.mark_stored(draft)

    async def get(self, draft_id: str, *, lock: bool = False) -> Draft | None:
        if lock and self._session.get_bind().dialect.name == "postgresql":
            await self._session.execute(_LOCK_DRAFT, {"draft_id": draft_id})
        if draft_id in self._seen.drafts:
            return self._seen.drafts[draft_id]
        found = await self._load(_DRAFT_BY_ID, {"draft_id": draft_id})
        return found[0] if found else None

    async def get_many(self, draft_ids: Sequence[str]) -> builtins.list[Draft]:
        wanted = [i for i in dict.fromkeys(draft_ids) if i not in self._seen.drafts]
        if wanted:
            await self._load(_DRAFTS_BY_IDS, {"ids": wanted})
        return [self._seen.drafts[i] for i in dict.fromkeys(draft_ids) if i in self._seen.drafts]

    async def adopt(self, draft: Draft) -> Draft:
        if draft.id in self._seen.drafts:
            return self._seen.drafts[draft.id]
        self._seen.remember(draft)
        self._seen.mark_stored(draft)  # the children as last saved (the version proves it)
        return draft

    async def record_progress(
        self,
        draft_id: str,
        owner: str,
        now: datetime,
        until: datetime,
        progress: Mapping[str, object],
    ) -> bool:
        values = mappers.progress_to_row(progress)
        values.pop("lease_until", None)
        params = {f"v_{c}": v for c, v in values.items()}
        params |= {"k_id": draft_id, "k_owner": owner, "k_now": mappers.utc(now)}
        params["v_lease_until"] = mappers.utc(until)
        statement = _progress_statement(tuple(values))
        result = await self._session.execute(statement, params)
        # A copy loaded earlier in this unit of work is stale now: the next get reads it again.
        self._seen.drafts.pop(draft_id, None)
        self._seen.stored.pop(draft_id, None)
        return cast(CursorResult[Any], result).rowcount == 1

    async def save(self, draft: Draft) -> None:
        row = mappers.draft_to_row(draft)
        del row["id"]
        params = {f"v_{c}": v for c, v in row.items()} | {"k_id": draft.id, "k_v": draft.version}
        result = await self._session.execute(_save_statement(tuple(row)), params)
        if cast(CursorResult[Any], result).rowcount != 1:
            raise ConcurrentUpdate(draft=draft.id)
        await self._saved(draft)

    async def save_many(self, drafts: Sequence[Draft]) -> None:
        """The rows in one batched UPDATE (executemany) where its outcome can be told: SQLite
        counts the rows a batch changed (a stale version makes the count short), and on
        PostgreSQL (whose driver does not count a batch) a draft read locked by this
        transaction cannot have changed since. Any other draft is saved on its own."""
        sqlite = self._session.get_bind().dialect.name == "sqlite"
        batch: builtins.list[Draft] = []
        for draft in drafts:
            if draft.id in self._seen.stored and (sqlite or draft.id in self._seen.locked):
                batch.append(draft)
            else:
                await self.save(draft)
        by_columns: dict[tuple[str, ...], builtins.list[tuple[Draft, dict[str, Any]]]] = {}
        for draft in batch:
            row = mappers.draft_to_row(draft)
            del row["id"]
            params = {f"v_{c}": v for c, v in row.items()}
            params |= {"k_id": draft.id, "k_v": draft.version}
            by_columns.setdefault(tuple(row), []).append((draft, params))
        for columns, group in by_columns.items():
            if len(group) == 1:
                await self.save(group[0][0])
                continue
            result = await self._session.execute(_save_statement(columns), [p for _, p in group])
            if sqlite and cast(CursorResult[Any], result).rowcount != len(group):
                raise ConcurrentUpdate(draft=group[0][0].id)
            for draft, _params in group:
                await self._saved(draft)

    async def save_current(self, drafts: Sequence[Draft]) -> builtins.list[Draft]:
        """On PostgreSQL: the stored versions of the drafts not read locked are read and locked
        in one statement; those still as read are saved in one batch, the rest returned. On
        SQLite: one version-checked save each."""
        if self._session.get_bind().dialect.name != "postgresql":
            stale = []
            for draft in drafts:
                try:
                    await self.save(draft)
                except ConcurrentUpdate:
                    stale.append(draft)
            return stale
        unlocked = [d.id for d in drafts if d.id not in self._seen.locked]
        if unlocked:
            rows = await self._session.execute(_LOCK_VERSIONS, {"ids": unlocked})
            stored = {str(r[0]): int(r[1]) for r in rows}
            for draft in drafts:
                if draft.id in stored and stored[draft.id] == draft.version:
                    self._seen.locked.add(draft.id)  # as read, and now locked until the end
        current = [d for d in drafts if d.id in self._seen.locked and d.id in self._seen.stored]
        await self.save_many(current)
        saved = {d.id for d in current}
        return [d for d in drafts if d.id not in saved]

    async def record_progress_many(
        self,
        owner: str,
        now: datetime,
        until: datetime,
        steps: Sequence[tuple[str, Mapping[str, object]]],
    ) -> set[str]:
        """On PostgreSQL: the posts whose lease ``owner`` holds are found and locked in one
        statement, then the updates go in one batch per set of columns (their condition cannot
        change under the lock). Elsewhere: one conditional update each."""
        if self._session.get_bind().dialect.name != "postgresql" or len(steps) < 2:
            return {
                draft_id
                for draft_id, progress in steps
                if await self.record_progress(draft_id, owner, now, until, progress)
            }
        at = mappers.utc(now)
        ids = [draft_id for draft_id, _progress in steps]
        found = await self._session.execute(_LOCK_LEASED, {"ids": ids, "owner": owner, "now": at})
        held = {str(r[0]) for r in found}
        batches: dict[tuple[str, ...], builtins.list[dict[str, Any]]] = {}
        for draft_id, progress in steps:
            if draft_id not in held:
                continue
            values = mappers.progress_to_row(progress)
            values.pop("lease_until", None)
            params = {f"v_{c}": v for c, v in values.items()}
            params |= {"k_id": draft_id, "k_owner": owner, "k_now": at}
            params["v_lease_until"] = mappers.utc(until)
            batches.setdefault(tuple(values), []).append(params)
            self._seen.drafts.pop(draft_id, None)  # stale now: the next get reads it again
            self._seen.stored.pop(draft_id, None)
        for columns, params_list in batches.items():
            await self._session.execute(_progress_statement(columns), params_list)
        return held

    async def _saved(self, draft: Draft) -> None:
        """After a draft's row was updated: its new children, its version, the identity map."""
        # The row lock is ours now, so the stored children cannot move under us; those this
        # unit of work loaded or wrote are known (the version check proved them unchanged).
        known = self._seen.stored.get(draft.id)
        if known is not None:
            stored_revisions, stored_decisions, check = known
        else:
            stored_revisions = await self._scalar(
                select(func.count()).where(t.revisions.c.draft_id == draft.id)
            )
            stored_decisions = await self._scalar(
                select(func.count()).where(t.decisions.c.draft_id == draft.id)
            )
            check = _UNKNOWN
        if 0 < stored_revisions <= len(draft.revisions):
            # Only the revision that was current when loaded can have a new check since.
            last = draft.revisions[stored_revisions - 1]
            if last.check is not check or stored_revisions < len(draft.revisions):
                await self._session.execute(
                    update(t.revisions)
                    .where(t.revisions.c.draft_id == draft.id, t.revisions.c.number == last.number)
                    .values(check_result=mappers.check_to_json(last.check))
                )
        await self._insert_children(draft, stored_revisions, stored_decisions)
        draft.version += 1
        self._seen.remember(draft)
        self._seen.mark_stored(draft)

    async def list(
        self,
        account_id: str | None = None,
        states: Collection[DraftState] | None = None,
        author: str | None = None,
        limit: int = 200,
    ) -> builtins.list[Draft]:
        query = select(t.drafts)
        if account_id is not None:
            query = query.where(t.drafts.c.account_id == account_id)
        if states is not None:
            query = query.where(t.drafts.c.state.in_([s.value for s in states]))
        if author is not None:
            query = query.where(t.drafts.c.author == author)
        query = query.order_by(t.drafts.c.created_at.desc(), t.drafts.c.id.desc()).limit(limit)
        return await self._load(query)

    async def due(
        self, now: datetime, limit: int = 50, *, lock: bool = False
    ) -> builtins.list[Draft]:
        query = self._due(select(t.drafts), now, limit)
        if lock and self._session.get_bind().dialect.name == "postgresql":
            # Replicas claiming at once each get rows the others have not locked.
            query = query.with_for_update(skip_locked=True, of=t.drafts)
            return await self._load(query, locked=True)
        return await self._load(query)

    async def publishing_load(
        self, account_ids: Collection[str], published_after: datetime
    ) -> builtins.list[tuple[str, datetime | None]]:
        wanted = sorted(set(account_ids))
        if not wanted:
            return []
        query = select(t.drafts.c.account_id, t.drafts.c.state, t.drafts.c.published_at).where(
            in_list(t.drafts.c.account_id, "accounts"),
            or_(
                t.drafts.c.state == DraftState.PUBLISHING.value,
                t.drafts.c.published_at >= mappers.utc(published_after),
            ),
        )
        return [
            (str(row[0]), None if row[1] == DraftState.PUBLISHING.value else row[2])
            for row in await self._session.execute(query, {"accounts": wanted})
        ]

    async def lock_accounts(self, account_ids: Collection[str]) -> set[str]:
        wanted = sorted(set(account_ids))
        if not wanted or not self.parallel_claims:
            return set(wanted)
        keys = [_LIMIT_LOCK + a for a in wanted]
        rows = await self._session.execute(_TRY_LOCK_ACCOUNTS, {"keys": keys})
        return {str(r[0])[len(_LIMIT_LOCK) :] for r in rows}

    @property
    def parallel_claims(self) -> bool:
        return self._session.get_bind().dialect.name == "postgresql"

    async def due_accounts(self, now: datetime, limit: int = 50) -> builtins.list[str]:
        query = self._due(select(t.drafts.c.account_id), now, limit)
        return [str(r[0]) for r in await self._session.execute(query)]

    async def accounts_with(self, states: Collection[DraftState]) -> set[str]:
        rows = await self._session.execute(_ACCOUNTS_WITH, {"states": [s.value for s in states]})
        return {str(r[0]) for r in rows}

    @staticmethod
    def _due(query: Select[Any], now: datetime, limit: int) -> Select[Any]:
        at = mappers.utc(now)
        return (
            query.where(
                or_(
                    and_(
                        t.drafts.c.state == DraftState.SCHEDULED.value,
                        t.drafts.c.scheduled_at <= at,
                    ),
                    and_(
                        t.drafts.c.state == DraftState.PUBLISHING.value,
                        or_(t.drafts.c.lease_until.is_(None), t.drafts.c.lease_until <= at),
                    ),
                )
            )
            # An account's posts due together stay together: one claim takes them all, and
            # another worker's claim takes other accounts (see ``lock_accounts``).
            .order_by(t.drafts.c.scheduled_at, t.drafts.c.account_id, t.drafts.c.id)
            .limit(limit)
        )

    async def expirable(self, now: datetime, limit: int = 200) -> builtins.list[Draft]:
        query = (
            select(t.drafts)
            .where(
                t.drafts.c.state.in_([s.value for s in mappers.EXPIRABLE_STATES]),
                t.drafts.c.wished_at <= mappers.utc(now),
            )
            .order_by(t.drafts.c.wished_at, t.drafts.c.id)
            .limit(limit)
        )
        return await self._load(query)

    async def _scalar(self, query: Select[int]) -> int:
        return int((await self._session.execute(query)).scalar_one())

    async def _insert_children(
        self, draft: Draft, revisions_from: int, decisions_from: int
    ) -> None:
        # Only the new ones are mapped: a revision's row carries its check result (a JSON round
        # trip) and its content hash, which every save of the draft would otherwise redo.
        new_revisions = [
            mappers.revision_to_row(draft.id, r) for r in draft.revisions[revisions_from:]
        ]
        if new_revisions:
            await self._session.execute(insert(t.revisions), new_revisions)
        new_decisions = [
            mappers.decision_to_row(draft.id, seq, d)
            for seq, d in enumerate(draft.decisions[decisions_from:], start=decisions_from + 1)
        ]
        if new_decisions:
            await self._session.execute(insert(t.decisions), new_decisions)

    async def _load(
        self, query: Select[Any], params: dict[str, Any] | None = None, *, locked: bool = False
    ) -> builtins.list[Draft]:
        rows = (await self._session.execute(query, params)).mappings().all()
        ids = [str(r["id"]) for r in rows if r["id"] not in self._seen.drafts]
        revisions = await self._children(t.revisions.c.number, ids)
        decisions = await self._children(t.decisions.c.seq, ids)
        loaded: builtins.list[Draft] = []
        for row in rows:
            draft_id = str(row["id"])
            if draft_id in self._seen.drafts:
                loaded.append(self._seen.drafts[draft_id])
                continue
            draft = mappers.draft_from_rows(
                row, revisions.get(draft_id, []), decisions.get(draft_id, [])
            )
            loaded.append(self._seen.remember(draft))
            self._seen.mark_stored(draft)
            if locked:  # read now, with its row locked: as stored until this transaction ends
                self._seen.locked.add(draft_id)
        return loaded

    async def _children(
        self, order: Any, ids: Sequence[str]
    ) -> dict[str, builtins.list[Mapping[Any, Any]]]:
        grouped: dict[str, builtins.list[Mapping[Any, Any]]] = {}
        if not ids:
            return grouped
        query = _CHILDREN[order.table.name]
        for row in (await self._session.execute(query, {"ids": list(ids)})).mappings():
            grouped.setdefault(str(row["draft_id"]), []).append(row)
        return grouped


class SqlAccountStateRepository:
    """Roles and suspension per account; writing replaces the row."""

    def __init__(self, session: AsyncSession, seen: IdentityMap | None = None) -> None:
        self._session = session
        self._seen = seen
        # Read once per unit of work, with those of every account whose drafts it holds: the
        # notifications of a group of settled posts (many accounts) ask per post.
        self._roles: dict[str, Roles | None] = {}

    async def get_roles(self, account_id: str) -> Roles | None:
        if account_id not in self._roles:
            wanted = [account_id, *_other_accounts(self._seen, account_id, self._roles)]
            for wanted_id in wanted:
                self._roles[wanted_id] = None
            rows = (await self._session.execute(_ROLES, {"ids": wanted})).mappings()
            for row in rows:
                self._roles[str(row["account_id"])] = mappers.roles_from_row(row)
        return self._roles[account_id]

    async def set_roles(self, account_id: str, roles: Roles) -> None:
        self._roles[account_id] = roles
        await self._session.execute(
            delete(t.account_roles).where(t.account_roles.c.account_id == account_id)
        )
        await self._session.execute(
            insert(t.account_roles).values(mappers.roles_to_row(account_id, roles))
        )

    async def get_suspension(self, account_id: str) -> Suspension | None:
        query = select(t.suspensions).where(t.suspensions.c.account_id == account_id)
        row = (await self._session.execute(query)).mappings().first()
        return None if row is None else mappers.suspension_from_row(row)

    async def suspensions(self) -> dict[str, Suspension]:
        rows = (await self._session.execute(select(t.suspensions))).mappings().all()
        return {str(r["account_id"]): mappers.suspension_from_row(r) for r in rows}

    async def set_suspension(self, account_id: str, suspension: Suspension | None) -> None:
        await self._session.execute(
            delete(t.suspensions).where(t.suspensions.c.account_id == account_id)
        )
        if suspension is not None:
            row = mappers.suspension_to_row(account_id, suspension)
            await self._session.execute(insert(t.suspensions).values(row))


class SqlAbsenceRepository:
    """Absence periods; ids come from the database."""

    def __init__(self, session: AsyncSession, seen: IdentityMap | None = None) -> None:
        self._session = session
        self._seen = seen
        # account -> (read with this ending_after, what was read): later reads in the unit of
        # work with a later ending_after filter it (the notifications ask per post, each "now").
        # Read with those of every account whose drafts the unit of work holds (as roles).
        self._read: dict[str, tuple[datetime | None, builtins.list[Absence]]] = {}

    async def list(
        self, account_id: str, ending_after: datetime | None = None
    ) -> builtins.list[Absence]:
        known = self._read.get(account_id)
        if known is not None and (
            known[0] is None or (ending_after is not None and ending_after >= known[0])
        ):
            return [a for a in known[1] if ending_after is None or a.end > ending_after]
        wanted = [account_id]
        if ending_after is not None:
            wanted += _other_accounts(self._seen, account_id, self._read)
        query = select(t.absences).where(in_list(t.absences.c.account_id, "accounts"))
        if ending_after is not None:
            query = query.where(t.absences.c.end_at > mappers.utc(ending_after))
        query = query.order_by(t.absences.c.start_at, t.absences.c.id)
        rows = (await self._session.execute(query, {"accounts": wanted})).mappings().all()
        found: dict[str, builtins.list[Absence]] = {a: [] for a in wanted}
        for row in rows:
            found[str(row["account_id"])].append(mappers.absence_from_row(row))
        for wanted_id, periods in found.items():
            self._read[wanted_id] = (ending_after, periods)
        return list(found[account_id])

    async def add(self, absence: Absence) -> Absence:
        self._read.clear()
        result = await self._session.execute(
            insert(t.absences).values(mappers.absence_to_row(absence)).returning(t.absences.c.id)
        )
        new_id = int(result.scalar_one())
        query = select(t.absences).where(t.absences.c.id == new_id)
        return mappers.absence_from_row((await self._session.execute(query)).mappings().one())

    async def remove(self, absence_id: int) -> None:
        self._read.clear()
        await self._session.execute(delete(t.absences).where(t.absences.c.id == absence_id))


class SqlAuditLog:
    """The hash-chained log; the head row is the lock that serialises appenders.

    Records are usually *staged* and appended by ``flush`` as the transaction's last writes (the
    unit of work calls it after the commit hook): the head row is then locked for four
    statements and the commit, whatever the transaction did before, and once for all of them.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._staged: builtins.list[AuditRecord] = []

    async def append(self, record: AuditRecord) -> AuditEntry:
        await self.flush()
        [entry] = await self._append([record])
        return entry

    def stage(self, record: AuditRecord) -> None:
        self._staged.append(record)

    async def flush(self) -> None:
        """Append what was staged, in order."""
        staged, self._staged = self._staged, []
        if staged:
            await self._append(staged)

    def discard(self) -> None:
        self._staged = []

    async def _append(self, records: builtins.list[AuditRecord]) -> builtins.list[AuditEntry]:
        count, last_hash = await self._lock_head()
        previous = await self._time_of(count)
        entries: builtins.list[AuditEntry] = []
        for record in records:
            record = not_before(record, previous)
            seq = count + 1
            entry = AuditEntry(seq, record, last_hash, entry_hash(seq, last_hash, record))
            entries.append(entry)
            count, last_hash, previous = seq, entry.hash, record.at
        await self._session.execute(
            insert(t.audit_entries), [mappers.audit_to_row(entry) for entry in entries]
        )
        params = {"count": count, "last_hash": last_hash}
        await self._session.execute(_MOVE_HEAD, params)
        return entries

    async def entries(
        self, after_seq: int = 0, limit: int | None = None
    ) -> builtins.list[AuditEntry]:
        await self.flush()
        query = (
            select(t.audit_entries)
            .where(t.audit_entries.c.seq > after_seq)
            .order_by(t.audit_entries.c.seq)
        )
        if limit is not None:
            query = query.limit(limit)
        rows = (await self._session.execute(query)).mappings().all()
        return [mappers.audit_from_row(r) for r in rows]

    async def head(self) -> tuple[int, str] | None:
        await self.flush()
        query = select(t.audit_head.c.count, t.audit_head.c.last_hash).where(
            t.audit_head.c.id == t.AUDIT_HEAD_ID
        )
        row = (await self._session.execute(query)).first()
        if row is None or row[0] == 0:
            return None
        return int(row[0]), str(row[1])

    async def _time_of(self, seq: int) -> datetime | None:
        """When entry ``seq`` was stamped (None before the first entry)."""
        if seq == 0:
            return None
        found = (await self._session.execute(_TIME_OF, {"seq": seq})).scalar_one_or_none()
        return None if found is None else datetime.fromisoformat(str(found))

    async def _lock_head(self) -> tuple[int, str]:
        # FOR UPDATE holds PostgreSQL appenders here until we commit; on SQLite it is not
        # rendered, and the BEGIN IMMEDIATE transaction already holds the write lock.
        row = (await self._session.execute(_LOCK_HEAD)).first()
        if row is None:
            # Migration 0001 seeds the head; a schema made another way starts empty here.
            await self._session.execute(
                insert(t.audit_head).values(id=t.AUDIT_HEAD_ID, count=0, last_hash=GENESIS)
            )
            return 0, GENESIS
        return int(row[0]), str(row[1])


class SqlCardRefRepository:
    """Where each draft's cards were posted, in posting order."""

    def __init__(self, session: AsyncSession, seen: IdentityMap | None = None) -> None:
        self._session = session
        self._seen = seen
        self._read: dict[str, builtins.list[MessageRef]] = {}

    async def add(self, draft_id: str, ref: MessageRef) -> None:
        await self._session.execute(insert(t.card_refs).values(mappers.card_to_row(draft_id, ref)))
        if draft_id in self._read:
            self._read[draft_id].append(ref)

    async def list(self, draft_id: str) -> builtins.list[MessageRef]:
        if draft_id not in self._read:
            # One read for every draft this unit of work holds: a batch of posts settled in
            # one transaction has each one's cards looked up by its notifications.
            held = self._seen.drafts if self._seen is not None else {}
            wanted = [draft_id, *(i for i in held if i != draft_id and i not in self._read)]
            for wanted_id in wanted:
                self._read[wanted_id] = []
            for row in (await self._session.execute(_CARDS, {"ids": wanted})).mappings():
                self._read[str(row["draft_id"])].append(mappers.card_from_row(row))
        return list(self._read[draft_id])


class SqlLeaseRepository:
    """Named leases, each one row taken with a conditional write (storage.tables.leases)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def take(self, name: str, owner: str, now: datetime, until: datetime) -> bool:
        row = t.leases.c
        taken = await self._session.execute(
            update(t.leases)
            .where(row.name == name, or_(row.owner == owner, row.until <= mappers.utc(now)))
            .values(owner=owner, until=mappers.utc(until))
        )
        if cast(CursorResult[Any], taken).rowcount == 1:
            return True
        dialect = self._session.get_bind().dialect.name
        build = pg_insert if dialect == "postgresql" else sqlite_insert
        made = await self._session.execute(
            build(t.leases)
            .values(name=name, owner=owner, until=mappers.utc(until))
            .on_conflict_do_nothing(index_elements=[row.name])
        )
        return cast(CursorResult[Any], made).rowcount == 1

    async def release(self, name: str, owner: str) -> None:
        await self._session.execute(
            delete(t.leases).where(t.leases.c.name == name, t.leases.c.owner == owner)
        )
