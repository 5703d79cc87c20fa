"""The due-post pass: expire what was never approved, follow absences, publish what is due."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.gate import hard_limit_findings, labels
from chatbot.policy.types import Finding, MediaBlob
from chatbot.ports import PublishError, PublishRequest, PublishResult, Transactions, UnitOfWork
from chatbot.scheduling.planner import hold_reason, retry_at
from chatbot.services.absence import reroute_waiting
from chatbot.services.context import Deps, audit

SYSTEM = "shonin"


@dataclass
class RunReport:
    expired: list[str] = field(default_factory=list)
    rerouted: int = 0
    published: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    held: dict[str, str] = field(default_factory=dict)  # draft id -> reason
    refused: dict[str, str] = field(default_factory=dict)  # draft id -> broken hard limits


async def run_due(command: cmd.RunDue, tx: Transactions, deps: Deps) -> RunReport:
    """One pass, each step in its own transaction (a slow publish holds no lock)."""
    report = RunReport()
    now = deps.clock.now()
    report.expired = await tx.run(lambda uow: _expire(uow, deps, now))
    for account_id in deps.accounts:
        report.rerouted += await tx.run(_rerouter(deps, account_id, now))
    due = await tx.run(lambda uow: uow.drafts.due(now, command.limit))
    for draft in due:
        await _publish_one(draft.id, tx, deps, report)
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


async def _publish_one(draft_id: str, tx: Transactions, deps: Deps, report: RunReport) -> None:
    request = await tx.run(lambda uow: _claim(uow, deps, draft_id, report))
    if request is None:
        return
    try:
        result: PublishResult | PublishError = await deps.publisher.publish(request)
    except PublishError as error:
        result = error
    await tx.run(lambda uow: _settle(uow, deps, draft_id, result, report))


async def _claim(
    uow: UnitOfWork, deps: Deps, draft_id: str, report: RunReport
) -> PublishRequest | None:
    draft = await deps.load(uow, draft_id)
    now = deps.clock.now()
    if (
        draft.state is not DraftState.SCHEDULED
        or not draft.scheduled_at
        or draft.scheduled_at > now
    ):
        return None
    suspended = await uow.accounts.get_suspension(draft.account_id) is not None
    reason = hold_reason(deps.calendar(draft.account_id), now, suspended)
    if reason:
        report.held[draft.id] = reason
        return None
    draft.start_publishing(now)
    broken = await _hard_limits(draft, deps)
    if broken:
        await _refuse(uow, deps, draft, broken, report)
        return None
    await uow.drafts.save(draft)
    await audit(uow, deps, SYSTEM, "draft.publishing", draft=draft)
    await uow.commit()
    return _request(draft, deps)


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
    await uow.commit()
    report.refused[draft.id] = error
    report.failed.append(draft.id)


def _request(draft: Draft, deps: Deps) -> PublishRequest:
    revision = draft.current
    return PublishRequest(
        draft.id, revision.number, deps.account(draft.account_id), revision.caption, revision.media
    )


async def _settle(
    uow: UnitOfWork,
    deps: Deps,
    draft_id: str,
    result: PublishResult | PublishError,
    report: RunReport,
) -> None:
    draft = await deps.load(uow, draft_id)
    now = deps.clock.now()
    if isinstance(result, PublishResult):
        draft.mark_published(result.media_id, result.permalink, now)
        details = {"media_id": result.media_id, "permalink": result.permalink}
        await audit(uow, deps, SYSTEM, "draft.published", draft=draft, details=details)
        report.published.append(draft.id)
    else:
        draft.mark_failed(str(result), now)
        retry = result.retryable and draft.attempts < deps.max_publish_attempts
        failure = {"error": draft.last_error, "attempt": draft.attempts, "retry": retry}
        await audit(uow, deps, SYSTEM, "draft.publish_failed", draft=draft, details=failure)
        if retry:
            draft.schedule(
                SYSTEM, retry_at(deps.calendar(draft.account_id), now, draft.attempts), now
            )
        report.failed.append(draft.id)
    await uow.drafts.save(draft)
    await uow.commit()
