"""The due-post pass: expire what was never approved, follow absences, publish what is due.

Publishing is exactly-once across crashes and replicas: a worker *claims* a due post by taking a
lease on it (a version-checked update; on PostgreSQL the candidate rows are also locked with
``SKIP LOCKED`` so replicas do not collide), then runs the resumable steps of
``chatbot.services.publish_steps``, committing each step's result. A post whose worker died is
found again by ``DraftRepository.due`` once the lease has expired, and resumed where it stopped.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import weakref
from asyncio import FIRST_COMPLETED
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from chatbot.domain import commands as cmd
from chatbot.domain.errors import ConcurrentUpdate, DomainError
from chatbot.domain.model import Draft
from chatbot.domain.states import WAITING, DraftState
from chatbot.gate import hard_limit_findings, labels
from chatbot.policy.types import Finding, MediaBlob
from chatbot.ports import Transactions, UnitOfWork
from chatbot.scheduling.planner import hold_reason, limit_frees_at
from chatbot.services.absence import reroute_waiting
from chatbot.services.context import Deps, audit
from chatbot.services.dates_at_slot import note_dates_past_at
from chatbot.services.publish_quota import Reading, quota_book
from chatbot.services.publish_steps import (
    SYSTEM,
    Outcome,
    StepCommits,
    advance_post,
    override_given,
    post_of,
)

__all__ = ["SYSTEM", "RunReport", "drain_publishing", "run_due"]
log = logging.getLogger(__name__)


@dataclass
class RunReport:
    expired: list[str] = field(default_factory=list)
    rerouted: int = 0
    published: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    held: dict[str, str] = field(default_factory=dict)  # draft id -> reason
    refused: dict[str, str] = field(default_factory=dict)  # draft id -> broken hard limits
    waiting_for_limit: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    more: bool = False  # the batch was full: more may be due at once
    passed_by: bool = False  # due posts left to the other worker claiming their account


async def run_due(command: cmd.RunDue, tx: Transactions, deps: Deps) -> RunReport:
    """One pass, each step in its own transaction (a slow publish holds no lock).

    ``background``: the claimed posts join the process's publishes in flight and the pass
    returns at once; it claims only as many as there are free slots (waiting a moment for one
    when all are taken), so a slow post never holds up the next claims.
    """
    report = RunReport()
    now = deps.clock.now()
    if command.maintain:
        report.expired = await tx.run(lambda uow: _expire(uow, deps, now))
        # Only the accounts with drafts waiting for a decision can have one to re-route (found
        # in one read instead of one transaction per account).
        waiting = await tx.run(lambda uow: uow.drafts.accounts_with(WAITING))
        for account_id in deps.accounts:
            if account_id in waiting:
                report.rerouted += await tx.run(_rerouter(deps, account_id, now))
    limit = command.limit
    flight = in_flight(deps, tx) if command.background else None
    # A background pass may run a few claims side by side (where claims run in parallel: see
    # below), each of up to ``limit`` posts: the peek looks that far.
    wide = limit * CLAIMS_AT_ONCE if flight is not None else limit
    if flight is not None:
        wide = min(wide, await flight.free_slots(SLOT_WAIT, limit))
        if wide <= 0:
            report.more = True  # all slots busy: come back (the wait above paces the loop)
            return report
        limit = min(limit, wide)
        now = deps.clock.now()
    candidates, parallel = await tx.run(lambda uow: _peek(uow, now, wide))
    if not candidates:
        return report
    # Claims of ``limit`` posts, together at most ``wide`` (the free slots); one where claims
    # take turns.
    sizes = [min(limit, wide - n) for n in range(0, min(len(candidates), wide), limit)]
    sizes = sizes if parallel else sizes[:1]
    candidates = candidates[: sum(sizes)]
    report.more = sum(sizes) == (wide if parallel else limit)  # as many as it could take
    # Where claims run one at a time (SQLite's writer lock), the limits are read before the claim
    # so that the lock is held briefly; where they run side by side, by the claim itself for the
    # accounts it took (another worker's accounts are not read again here).
    quotas = {} if parallel else await quota_book(deps).readings(deps, set(candidates), now)
    claimed = await _claims(sizes, quotas, tx, deps, report, flight)
    if report.passed_by and not claimed:
        # Every due account is another worker's claim right now: look again in a moment.
        report.more = True
        await asyncio.sleep(PASSED_BY_PAUSE)
    if flight is None:
        await _publish_all(claimed, tx, deps, report)
    return report


async def _claims(
    sizes: list[int],
    quotas: dict[str, Reading],
    tx: Transactions,
    deps: Deps,
    report: RunReport,
    flight: InFlight | None,
) -> list[Draft]:
    """Claims of up to ``sizes`` posts, side by side: most of a claim's time is waiting (for
    Instagram's limit readings of the accounts it took, for PostgreSQL), so one worker's claims
    overlap instead of following one another. Each starts once the one before it
    holds its rows (their ``SKIP LOCKED`` reads would otherwise interleave row by row and split
    accounts between them); a claim's posts join the publishes in flight as soon as it commits.
    A claim that fails leaves the others' posts to go out."""
    claimed: list[Draft] = []
    before: asyncio.Event | None = None

    async def claim(limit: int, after: asyncio.Event | None, rows_held: asyncio.Event) -> None:
        try:
            if after is not None:
                await after.wait()
            taken = await tx.run(
                lambda uow: _claim_due(uow, deps, limit, quotas, report, rows_held)
            )
        finally:
            rows_held.set()
        claimed.extend(taken)
        if flight is not None:
            flight.start(taken)

    runs = []
    for size in sizes:
        rows_held = asyncio.Event()
        runs.append(claim(size, before, rows_held))
        before = rows_held
    outcomes = await asyncio.gather(*runs, return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return claimed


SLOT_WAIT = 1.0  # seconds a background pass waits for a free slot before going round
CLAIMS_AT_ONCE = 4  # claims of one background pass side by side (where claims run in parallel)
PASSED_BY_PAUSE = 0.05  # seconds before looking again at accounts another claim held


async def _peek(uow: UnitOfWork, now: datetime, limit: int) -> tuple[list[str], bool]:
    return await uow.drafts.due_accounts(now, limit), uow.drafts.parallel_claims


class InFlight:
    """One process's publishes in flight (background passes): bounded by the publishing
    concurrency, their step commits grouped in one ``StepCommits``."""

    def __init__(self, tx: Transactions, deps: Deps) -> None:
        self.deps = deps
        self.tx = tx
        self.commits = StepCommits(tx, deps)
        self.tasks: set[asyncio.Task[None]] = set()

    @property
    def size(self) -> int:
        return max(self.deps.publishing.concurrency, 1)

    async def free_slots(self, wait: float, batch: int) -> int:
        """Slots free now. When fewer than a batch are (or than a quarter of them, if less),
        wait up to ``wait`` seconds for more to free: a claim costs a quota read and a
        transaction, so it is worth a batch."""
        enough = max(min(batch, self.size // 4), 1)
        deadline = asyncio.get_running_loop().time() + wait
        while self.tasks and self.size - len(self.tasks) < enough:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                break
            await asyncio.wait(set(self.tasks), timeout=left, return_when=FIRST_COMPLETED)
        return self.size - len(self.tasks)

    def start(self, claimed: list[Draft]) -> None:
        for draft in claimed:
            task = asyncio.create_task(self._one(draft))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _one(self, draft: Draft) -> None:
        try:
            await advance_post(post_of(draft, self.deps), self.tx, self.deps, self.commits)
        except ConcurrentUpdate:
            pass  # another worker took the post over (our lease had expired)
        except Exception:
            log.exception("publishing %s failed; its lease lapses and it is resumed", draft.id)

    async def drain(self, within: float) -> None:
        """Let the publishes in flight finish (at shutdown); those that do not in time are
        cancelled and resumed by another worker once their lease lapses."""
        if not self.tasks:
            return
        _done, pending = await asyncio.wait(set(self.tasks), timeout=within)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


_flights: weakref.WeakKeyDictionary[Deps, InFlight] = weakref.WeakKeyDictionary()


def in_flight(deps: Deps, tx: Transactions) -> InFlight:
    """The process's publishes in flight (made on first use)."""
    found = _flights.get(deps)
    if found is None:
        found = _flights[deps] = InFlight(tx, deps)
    return found


async def drain_publishing(deps: Deps, within: float) -> None:
    """At shutdown: wait for the background publishes (see ``InFlight.drain``)."""
    found = _flights.get(deps)
    if found is not None:
        await found.drain(within)


async def _expire(uow: UnitOfWork, deps: Deps, now: datetime) -> list[str]:
    expired = []
    for draft in await uow.drafts.expirable(now):
        if draft.expire_if_due(now):
            await uow.drafts.save(draft)
            await audit(uow, deps, SYSTEM, "draft.expired", draft=draft)
            expired.append(draft.id)
    await uow.commit()
    return expired


def _rerouter(deps: Deps, account_id: str, now: datetime) -> Callable[[UnitOfWork], Awaitable[int]]:
    async def work(uow: UnitOfWork) -> int:
        moved = await reroute_waiting(uow, deps, account_id, now)
        await uow.commit()
        return moved

    return work


@dataclass
class _LimitLoad:
    """Per account, what counts against the limit on top of a reading: posts in flight (any
    worker's) and posts published since the reading was asked."""

    in_flight: dict[str, int] = field(default_factory=dict)
    since_reading: dict[str, int] = field(default_factory=dict)


async def _limit_load(
    uow: UnitOfWork, quotas: dict[str, Reading], account_ids: set[str]
) -> _LimitLoad:
    """Read under the accounts' claim locks (``lock_accounts``): a claim counts the posts every
    earlier claim for these accounts put in flight."""
    load = _LimitLoad()
    wanted = {a for a in account_ids if a in quotas}
    if not wanted:
        return load
    earliest = min(quotas[a].at for a in wanted)
    for account_id, published_at in await uow.drafts.publishing_load(wanted, earliest):
        if published_at is None:
            load.in_flight[account_id] = load.in_flight.get(account_id, 0) + 1
        elif published_at >= quotas[account_id].at:
            load.since_reading[account_id] = load.since_reading.get(account_id, 0) + 1
    return load


async def _claim_due(
    uow: UnitOfWork,
    deps: Deps,
    limit: int,
    quotas: dict[str, Reading],
    report: RunReport,
    rows_held: asyncio.Event | None = None,
) -> list[Draft]:
    """Take a lease on every due post that may go out now (one transaction for the batch; the
    audit entries are appended at its commit, the leases written together); the drafts
    claimed. ``rows_held`` is set once the claim holds its rows and accounts."""
    now = deps.clock.now()
    until = now + deps.publishing.lease
    owner = deps.publishing.worker_id
    claimed: list[Draft] = []
    taken: dict[str, int] = {}
    try:
        due = await _due_here(uow, deps, now, limit, report)
    finally:
        if rows_held is not None:
            rows_held.set()
    fresh_drafts = [d for d in due if d.state is DraftState.SCHEDULED]
    fresh = {d.account_id for d in fresh_drafts}
    # Each check reads the post's images from the store: all at once, not one after another,
    # and beside the limits of the accounts taken (where not read before the claim).
    reads: dict[str, asyncio.Future[tuple[bytes, bytes]]] = {}
    checks, quotas = await asyncio.gather(
        asyncio.gather(*(_hard_limits(d, deps, reads) for d in fresh_drafts)),
        _readings(uow, deps, quotas, fresh, now),
    )
    broken_of = {d.id: broken for d, broken in zip(fresh_drafts, checks, strict=True)}
    suspended = await uow.accounts.suspensions() if due else {}
    load = await _limit_load(uow, quotas, fresh)
    for draft in due:
        if _hold(deps, draft, now, draft.account_id in suspended, report):
            continue
        if draft.state is DraftState.PUBLISHING:
            draft.take_lease(owner, until)
            await audit(uow, deps, SYSTEM, "draft.publish_resumed", draft=draft)
            report.resumed.append(draft.id)
            claimed.append(draft)
            continue
        if not await _within_limit(
            uow, deps, draft, now, quotas.get(draft.account_id), load, taken, report
        ):
            continue
        draft.start_publishing(now)
        broken = broken_of.get(draft.id, ())
        if broken:
            await _refuse(uow, deps, draft, broken, report)
            continue
        draft.take_lease(owner, until)
        await audit(uow, deps, SYSTEM, "draft.publishing", draft=draft)
        claimed.append(draft)
    # The leases are written together (one batched UPDATE where the store can: the rows are
    # locked by ``due`` on PostgreSQL), committed with their audit entries.
    await uow.drafts.save_many(claimed)
    await uow.commit()
    return claimed


async def _due_here(
    uow: UnitOfWork, deps: Deps, now: datetime, limit: int, report: RunReport
) -> list[Draft]:
    """The due posts this claim takes: their rows locked (others' passed by), and only those of
    the accounts whose claim lock it got; the others' are left to the claim that holds them."""
    due = [d for d in await uow.drafts.due(now, limit, lock=True) if d.account_id in deps.accounts]
    wanted = {d.account_id for d in due}
    taken = await uow.drafts.lock_accounts(wanted)
    if len(taken) < len(wanted):
        report.passed_by = True
    return [d for d in due if d.account_id in taken]


async def _readings(
    uow: UnitOfWork, deps: Deps, quotas: dict[str, Reading], accounts: set[str], now: datetime
) -> dict[str, Reading]:
    if not uow.drafts.parallel_claims or not accounts:
        return quotas
    return quotas | await quota_book(deps).readings(deps, accounts, now)


def _hold(deps: Deps, draft: Draft, now: datetime, suspended: bool, report: RunReport) -> bool:
    # A post already on its way (resumed) is finished outside hours: it was started inside them.
    resuming = draft.state is DraftState.PUBLISHING
    override = resuming or override_given(draft)
    reason = hold_reason(deps.calendar(draft.account_id), now, suspended, override=override)
    if reason:
        report.held[draft.id] = reason
    return bool(reason)


async def _within_limit(
    uow: UnitOfWork,
    deps: Deps,
    draft: Draft,
    now: datetime,
    reading: Reading | None,
    load: _LimitLoad,
    taken: dict[str, int],
    report: RunReport,
) -> bool:
    """Count the post against the account's rolling 24-hour limit: the reading, plus the posts
    in flight and published since it, plus those claimed earlier in this pass. Over the limit by
    the reading alone (and this pass): deferred until it frees, the thread told. Over it only
    because of posts still in flight or just published: left due for the next pass, which asks
    Instagram again (they may yet fail, or be counted by then)."""
    account_id = draft.account_id
    used = taken.get(account_id, 0)
    if reading is None:
        taken[account_id] = used + 1
        return True
    quota = reading.quota
    others = load.in_flight.get(account_id, 0) + load.since_reading.get(account_id, 0)
    if quota.used + others + used < quota.total:
        taken[account_id] = used + 1
        return True
    if quota.used + used < quota.total:
        report.held[draft.id] = "limit_in_flight"
        quota_book(deps).forget(account_id)  # asked again at the next pass
        return False
    recent = await uow.drafts.list(
        account_id, states=(DraftState.PUBLISHED, DraftState.CONFIRMED), limit=200
    )
    # the posts claimed earlier in this pass go out now: they count from now
    published = [d.published_at for d in recent if d.published_at] + [now] * used
    calendar = deps.calendar(account_id)
    at = limit_frees_at(calendar, now, quota.used + used, quota.total, published)
    draft.defer(at, "limit", now)
    # a later slot may fall after a date the caption announces: told in the thread, not refused
    past = await note_dates_past_at(draft, deps, SYSTEM, at)
    await uow.drafts.save(draft)
    details: dict[str, object] = {"until": at.isoformat(), "used": quota.used, "total": quota.total}
    if past:
        details["dates_past"] = list(past)
    await audit(uow, deps, SYSTEM, "draft.publish_waiting", draft=draft, details=details)
    report.waiting_for_limit.append(draft.id)
    return False


async def _hard_limits(
    draft: Draft, deps: Deps, reads: dict[str, asyncio.Future[tuple[bytes, bytes]]] | None = None
) -> tuple[Finding, ...]:
    """Re-check the exact revision about to go out against Instagram's own limits.

    The images' part depends only on their bytes and names: it is kept per process by the
    bytes' hash (decoding the images is most of the cost; a batch of posts often shares them).
    The bytes are read from the store at every claim (what goes out is what is checked), once
    per image and claim (``reads``: the claim's reads and their hashes by key; the store is
    content-addressed, so posts sharing a key share its bytes).
    """
    revision = draft.current
    caption_part = tuple(
        f for f in hard_limit_findings(revision.caption, ()) if f.rule != _NO_MEDIA
    )
    reads = {} if reads is None else reads
    blobs, key = [], []
    for ref in revision.media:
        read = reads.get(ref.key)
        if read is None:
            read = reads[ref.key] = asyncio.ensure_future(_media_bytes(deps, ref.key))
        data, digest = await asyncio.shield(read)
        blobs.append(MediaBlob(ref.filename, data))
        key.append((ref.filename, digest))
    media_part = _media_limits.get(tuple(key))
    if media_part is None:
        media_part = hard_limit_findings("", blobs)
        if len(_media_limits) >= _MEDIA_LIMITS_KEPT:
            _media_limits.clear()
        _media_limits[tuple(key)] = media_part
    return caption_part + media_part


async def _media_bytes(deps: Deps, key: str) -> tuple[bytes, bytes]:
    """An image's bytes as stored and their SHA-256."""
    try:
        data = await deps.media.get(key)
    except DomainError:
        data = b""  # missing from the store: reported as unreadable
    return data, hashlib.sha256(data).digest()


_NO_MEDIA = "instagram.no_media"
_MEDIA_LIMITS_KEPT = 1024
_media_limits: dict[tuple[tuple[str, bytes], ...], tuple[Finding, ...]] = {}


async def _refuse(
    uow: UnitOfWork, deps: Deps, draft: Draft, broken: tuple[Finding, ...], report: RunReport
) -> None:
    """Refuse visibly: the draft fails for good, the audit and everyone on the card are told."""
    now = deps.clock.now()
    error = "Instagram: " + labels(broken)
    draft.mark_failed(error, now)
    details = {"findings": [f.rule for f in broken], "error": draft.last_error}
    await audit(uow, deps, SYSTEM, "draft.publish_refused", draft=draft, details=details)
    await uow.drafts.save(draft)
    report.refused[draft.id] = error
    report.failed.append(draft.id)


async def _publish_all(
    claimed: list[Draft], tx: Transactions, deps: Deps, report: RunReport
) -> None:
    """Publish the claimed posts concurrently (bounded); their step commits are grouped."""
    gate = asyncio.Semaphore(max(deps.publishing.concurrency, 1))
    commits = StepCommits(tx, deps)

    async def one(draft: Draft) -> None:
        async with gate:
            try:
                outcome = await advance_post(post_of(draft, deps), tx, deps, commits)
            except ConcurrentUpdate:
                return  # another worker took the post over (our lease had expired)
        if outcome is Outcome.PUBLISHED:
            report.published.append(draft.id)
        elif outcome is Outcome.FAILED:
            report.failed.append(draft.id)

    await asyncio.gather(*(one(draft) for draft in claimed))
