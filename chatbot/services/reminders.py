"""The reminder pass: remind approvers of waiting drafts and escalate overdue ones to the deputy.

It runs after each publishing pass (``shonin serve``'s scheduler loop, ``shonin run-due``, the
console's ``run-due``). What is due is decided by ``chatbot.scheduling.reminders`` (pure); each
notice is recorded in the reminder log in the same transaction as its outbox rows and audit
entry, before anything is sent, so a restart or a second replica never sends it twice.

An escalation does not take the draft from the officer: the deputy is asked too (the card with
its buttons), may decide it in the deputy's name (``decision_authority(escalated=True)``), and
the officer gets an FYI copy.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from chatbot.cards import DraftCard
from chatbot.domain import commands as cmd
from chatbot.domain import events as ev
from chatbot.domain.model import Draft
from chatbot.domain.roles import Absence, Roles, absent_at
from chatbot.domain.states import DraftState
from chatbot.outbox import Notification
from chatbot.ports import ReminderRecord, Transactions, UnitOfWork
from chatbot.scheduling.reminders import Due, Kind, ReminderPolicy, Waiting, plan
from chatbot.services.context import Deps, audit

SYSTEM = "shonin"


@dataclass
class ReminderReport:
    reminded: list[tuple[str, str]] = field(default_factory=list)  # (draft, person)
    escalated: list[str] = field(default_factory=list)
    already: int = 0  # recorded by another pass (a second replica) in the meantime


@dataclass(frozen=True)
class _Planned:
    draft_id: str
    revision: int
    approver: str
    dues: tuple[Due, ...]


# Notices that ask for a decision: true only while the draft waits, at that revision, with that
# approver. Delivered later than planned (a retry, a busy worker), they are checked again then.
ASKS = frozenset(
    {
        "note.reminder",
        "note.reminder_before_wished",
        "note.escalated",
        "note.escalated_fyi",
        "note.escalated_thread",
    }
)


def asked_about(draft: Draft) -> dict[str, str | int]:
    """What an ask was about, kept with it: the revision and the approver it waited for."""
    return {"revision": draft.current.number, "waiting_for": draft.approver or ""}


def outdated(row: Notification, card: DraftCard) -> bool:
    """Whether an ask (a reminder, an escalation) no longer holds for the draft as it stands:
    decided, revised or moved since it was planned. Such a row is never sent."""
    if row.text_key not in ASKS or not row.draft_id:
        return False
    args = row.text_args
    return (
        card.state != DraftState.AWAITING_APPROVAL.value
        or card.revision != args.get("revision", card.revision)
        or (card.approver or "") != args.get("waiting_for", card.approver or "")
    )


def policy_for(deps: Deps, account_id: str) -> ReminderPolicy:
    return deps.config.reminders.get(account_id, deps.config.default_reminders)


async def is_escalated(uow: UnitOfWork, draft: Draft) -> bool:
    """Whether the draft's current revision was escalated to the deputy."""
    slot = f"r{draft.current.number}"
    return any(
        r.kind == Kind.ESCALATION.value and r.slot == slot
        for r in await uow.reminders.list(draft.id)
    )


async def run_reminders(command: cmd.RunReminders, tx: Transactions, deps: Deps) -> ReminderReport:
    """One pass over the accounts with drafts awaiting approval (found in one read: an account
    with none has nothing to remind of, and reading its roles, absences and drafts in a
    transaction of its own, every 15 s, cost most of an idle scheduler's database work); each
    draft's notices in their own transaction."""
    report = ReminderReport()
    now = deps.clock.now()
    waiting = await tx.run(_waiting_accounts)
    for account_id in sorted(a for a in deps.accounts if a in waiting):
        planned = await tx.run(_planner(deps, account_id, now))
        for item in planned:
            await tx.run(_sender(deps, item, now, report))
    return report


async def _waiting_accounts(uow: UnitOfWork) -> set[str]:
    return await uow.drafts.accounts_with((DraftState.AWAITING_APPROVAL,))


def _planner(
    deps: Deps, account_id: str, now: datetime
) -> Callable[[UnitOfWork], Awaitable[list[_Planned]]]:
    async def work(uow: UnitOfWork) -> list[_Planned]:
        return await _plan_account(uow, deps, account_id, now)

    return work


def _sender(
    deps: Deps, item: _Planned, now: datetime, report: ReminderReport
) -> Callable[[UnitOfWork], Awaitable[None]]:
    async def work(uow: UnitOfWork) -> None:
        await _send(uow, deps, item, now, report)

    return work


async def _plan_account(
    uow: UnitOfWork, deps: Deps, account_id: str, now: datetime
) -> list[_Planned]:
    calendar = deps.calendar(account_id)
    if not calendar.is_operating(now):
        return []
    policy = policy_for(deps, account_id)
    roles = await deps.roles(uow, account_id)
    absences = await uow.absences.list(account_id, ending_after=now)
    found = []
    states = (DraftState.AWAITING_APPROVAL,)
    for draft in await uow.drafts.list(account_id=account_id, states=states):
        if not draft.approver:
            continue
        waiting = Waiting(
            draft.id,
            draft.current.number,
            draft.approver,
            draft.approver_role or "",
            draft.updated_at,  # the last move into "awaiting approval": the request
            draft.wished_at,
            _deputy(roles, absences, draft, now),
        )
        records = await uow.reminders.list(draft.id)
        done = {(r.kind, r.slot) for r in records}
        first = [r.at for r in records if (r.kind, r.slot) == _request_key(draft)]
        waiting = replace(waiting, first_requested_at=first[0] if first else None)
        dues = plan(waiting, calendar, policy, now, done)
        if dues:
            found.append(_Planned(draft.id, draft.current.number, draft.approver, tuple(dues)))
    return found


def _request_key(draft: Draft) -> tuple[str, str]:
    return (Kind.REQUESTED.value, f"r{draft.current.number}")


async def keep_request_time(uow: UnitOfWork, draft: Draft, asked: datetime, whom: str) -> None:
    """Remember when (and whom) the current revision was first sent for approval, as a reroute
    asks someone else: once, so the first move keeps the original time and later ones find it."""
    kind, slot = _request_key(draft)
    record = ReminderRecord(draft.id, kind, slot, whom, asked, draft.account_id)
    await uow.reminders.record(record)


def _deputy(roles: Roles, absences: list[Absence], draft: Draft, now: datetime) -> str | None:
    """Whom the draft could escalate to now: a present deputy who is neither author nor approver."""
    deputy = roles.deputy
    if not deputy or deputy in (draft.author, draft.approver):
        return None
    return None if absent_at(absences, deputy, now) else deputy


async def _send(
    uow: UnitOfWork, deps: Deps, item: _Planned, now: datetime, report: ReminderReport
) -> None:
    # Locked: a decision committed between this read and the commit would leave an audit entry
    # saying an approver was reminded of a draft already decided.
    draft = await uow.drafts.get(item.draft_id, lock=True)
    if (
        draft is None
        or draft.state is not DraftState.AWAITING_APPROVAL
        or draft.current.number != item.revision
        or draft.approver != item.approver
    ):
        return  # decided, revised or moved since it was planned
    for due in item.dues:
        record = ReminderRecord(
            draft.id, due.kind.value, due.slot, due.target, now, draft.account_id
        )
        if not await uow.reminders.record(record):
            report.already += 1
            continue
        if due.kind is Kind.ESCALATION:
            await _escalate(uow, deps, draft, due, report)
        else:
            await _remind(uow, deps, draft, due, report)
    await uow.commit()


async def _escalate(
    uow: UnitOfWork, deps: Deps, draft: Draft, due: Due, report: ReminderReport
) -> None:
    officer = draft.approver or ""
    draft.events.append(ev.Escalated(draft.id, officer, due.target, due.since))
    details = {"officer": officer, "deputy": due.target, "deadline": due.since.isoformat()}
    await audit(uow, deps, SYSTEM, "draft.escalated", draft=draft, details=details)
    report.escalated.append(draft.id)


async def _remind(
    uow: UnitOfWork, deps: Deps, draft: Draft, due: Due, report: ReminderReport
) -> None:
    role = (draft.approver_role or "") if due.target == draft.approver else "deputy"
    if not due.silent:
        reminder = ev.ReminderDue(draft.id, due.target, role, due.kind.value, draft.wished_at)
        draft.events.append(reminder)
        report.reminded.append((draft.id, due.target))
    details = {"to": due.target, "kind": due.kind.value, "slot": due.slot, "silent": due.silent}
    await audit(uow, deps, SYSTEM, "draft.reminded", draft=draft, details=details)
