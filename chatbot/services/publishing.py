"""The due-post pass: expire what was never approved, follow absences, publish what is due.

Publishing is exactly-once across crashes and replicas: a worker *claims* a due post by taking a
lease on it (a version-checked update; on PostgreSQL the candidate rows are also locked with
``SKIP LOCKED`` so replicas do not collide), then runs the resumable steps of
``chatbot.services.publish_steps``, committing each step's result. A post whose worker died is
found again by ``DraftRepository.due`` once the lease has expired, and resumed where it stopped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from chatbot.domain import commands as cmd
from chatbot.domain.errors import ConcurrentUpdate, DomainError
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.gate import hard_limit_findings, labels
from chatbot.policy.types import Finding, MediaBlob
from chatbot.ports import Quota, Transactions, UnitOfWork
from chatbot.scheduling.planner import hold_reason, limit_frees_at
from chatbot.services.absence import reroute_waiting
from chatbot.services.context import Deps, audit
from chatbot.services.publish_steps import SYSTEM, Outcome, advance, override_given

__all__ = ["SYSTEM", "RunReport", "run_due"]


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


async def run_due(command: cmd.RunDue, tx: Transactions, deps: Deps) -> RunReport:
    """One pass, each step in its own transaction (a slow publish holds no lock)."""
    report = RunReport()
    now = deps.clock.now()
    if command.maintain:
        report.expired = await tx.run(lambda uow: _expire(uow, deps, now))
        for account_id in deps.accounts:
            report.rerouted += await tx.run(_rerouter(deps, account_id, now))
    candidates = await tx.run(lambda uow: uow.drafts.due(now, command.limit))
    if not candidates:
        return report
    report.more = len(candidates) >= command.limit
    quotas = await _quotas(deps, {d.account_id for d in candidates})
    claimed = await tx.run(lambda uow: _claim_due(uow, deps, command.limit, quotas, report))
    await _publish_all(claimed, tx, deps, report)
    return report


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


async def _quotas(deps: Deps, account_ids: set[str]) -> dict[str, Quota]:
    """Each account's rolling 24-hour limit as Instagram reports it (absent: none known)."""

    async def one(account_id: str) -> tuple[str, Quota | None]:
        try:
            return account_id, await deps.publisher.quota(deps.account(account_id))
        except Exception:  # the limit check must not stop publishing; Instagram enforces it
            return account_id, None

    found = await asyncio.gather(*(one(a) for a in sorted(account_ids) if a in deps.accounts))
    return {account_id: quota for account_id, quota in found if quota is not None}


async def _claim_due(
    uow: UnitOfWork, deps: Deps, limit: int, quotas: dict[str, Quota], report: RunReport
) -> list[tuple[str, str]]:
    """Take a lease on every due post that may go out now; (draft id, lease owner) pairs."""
    now = deps.clock.now()
    until = now + deps.publishing.lease
    owner = deps.publishing.worker_id
    claimed: list[tuple[str, str]] = []
    taken: dict[str, int] = {}
    due = [d for d in await uow.drafts.due(now, limit, lock=True) if d.account_id in deps.accounts]
    # The image checks (decoding every image) run before the first audit entry is appended:
    # appending locks the audit chain's head until commit, and every replica waits on it.
    broken_of = {d.id: await _hard_limits(d, deps) for d in due if d.state is DraftState.SCHEDULED}
    for draft in due:
        if draft.account_id not in deps.accounts:
            continue
        if await _hold(uow, deps, draft, now, report):
            continue
        if draft.state is DraftState.PUBLISHING:
            draft.take_lease(owner, until)
            await uow.drafts.save(draft)
            await audit(uow, deps, SYSTEM, "draft.publish_resumed", draft=draft)
            report.resumed.append(draft.id)
            claimed.append((draft.id, owner))
            continue
        if not await _within_limit(uow, deps, draft, now, quotas, taken, report):
            continue
        draft.start_publishing(now)
        broken = broken_of.get(draft.id, ())
        if broken:
            await _refuse(uow, deps, draft, broken, report)
            continue
        draft.take_lease(owner, until)
        await uow.drafts.save(draft)
        await audit(uow, deps, SYSTEM, "draft.publishing", draft=draft)
        claimed.append((draft.id, owner))
    await uow.commit()
    return claimed


async def _hold(
    uow: UnitOfWork, deps: Deps, draft: Draft, now: datetime, report: RunReport
) -> bool:
    suspended = await uow.accounts.get_suspension(draft.account_id) is not None
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
    quotas: dict[str, Quota],
    taken: dict[str, int],
    report: RunReport,
) -> bool:
    """Count the post against the account's rolling 24-hour limit, or defer it until it frees."""
    quota = quotas.get(draft.account_id)
    used = taken.get(draft.account_id, 0)
    if quota is None or used < quota.remaining:
        taken[draft.account_id] = used + 1
        return True
    recent = await uow.drafts.list(
        draft.account_id, states=(DraftState.PUBLISHED, DraftState.CONFIRMED), limit=200
    )
    # the posts claimed earlier in this pass go out now: they count from now
    published = [d.published_at for d in recent if d.published_at] + [now] * used
    calendar = deps.calendar(draft.account_id)
    at = limit_frees_at(calendar, now, quota.used + used, quota.total, published)
    draft.defer(at, "limit", now)
    await uow.drafts.save(draft)
    details = {"until": at.isoformat(), "used": quota.used, "total": quota.total}
    await audit(uow, deps, SYSTEM, "draft.publish_waiting", draft=draft, details=details)
    report.waiting_for_limit.append(draft.id)
    return False


async def _hard_limits(draft: Draft, deps: Deps) -> tuple[Finding, ...]:
    """Re-check the exact revision about to go out against Instagram's own limits."""
    revision = draft.current
    blobs = []
    for ref in revision.media:
        try:
            data = await deps.media.get(ref.key)
        except DomainError:
            data = b""  # missing from the store: reported as unreadable
        blobs.append(MediaBlob(ref.filename, data))
    return hard_limit_findings(revision.caption, blobs)


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
    claimed: list[tuple[str, str]], tx: Transactions, deps: Deps, report: RunReport
) -> None:
    gate = asyncio.Semaphore(max(deps.publishing.concurrency, 1))

    async def one(draft_id: str) -> None:
        async with gate:
            try:
                outcome = await advance(draft_id, tx, deps)
            except ConcurrentUpdate:
                return  # another worker took the post over (our lease had expired)
        if outcome is Outcome.PUBLISHED:
            report.published.append(draft_id)
        elif outcome is Outcome.FAILED:
            report.failed.append(draft_id)

    await asyncio.gather(*(one(draft_id) for draft_id, _ in claimed))
