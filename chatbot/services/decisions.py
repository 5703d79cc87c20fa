"""Approve, send back, decline, schedule and confirm: re-checked on the server for every click."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable
from datetime import datetime
from typing import TypeVar

from chatbot.domain import commands as cmd
from chatbot.domain.errors import (
    AlreadyDecided,
    ConcurrentUpdate,
    IllegalTransition,
    InvalidInput,
    NotPermitted,
    OutsideOperatingHours,
)
from chatbot.domain.model import Decision, Draft
from chatbot.domain.roles import Role, absent_at
from chatbot.domain.states import Action, next_state
from chatbot.ports import UnitOfWork
from chatbot.routing import Authority, decision_authority
from chatbot.services.context import Deps, audit
from chatbot.services.dates_at_slot import note_dates_past_at
from chatbot.services.reminders import is_escalated
from chatbot.text import clean_text

T = TypeVar("T")


async def _authority(draft: Draft, actor: str, uow: UnitOfWork, deps: Deps) -> Authority:
    account = deps.account(draft.account_id)
    roles = await deps.roles(uow, draft.account_id)
    absences = await uow.absences.list(draft.account_id, ending_after=deps.clock.now())
    escalated = actor == roles.deputy and await is_escalated(uow, draft)
    return decision_authority(
        account, roles, absences, draft.author, actor, deps.clock.now(), escalated=escalated
    )


async def _load_undecided(uow: UnitOfWork, deps: Deps, draft_id: str) -> Draft:
    draft = await deps.load(uow, draft_id)
    now = deps.clock.now()
    if draft.expire_if_due(now):
        await uow.drafts.save(draft)
        await audit(uow, deps, "shonin", "draft.expired", draft=draft)
        await uow.commit()
        raise IllegalTransition("error.expired", draft=draft.id)
    if not draft.is_waiting:
        # Decided already: say so (and by whom) before looking at who is asking.
        raise IllegalTransition(state=draft.state.value, action="approve", draft=draft.id)
    return draft


async def approve(command: cmd.Approve, uow: UnitOfWork, deps: Deps) -> Draft:
    draft = await _load_undecided(uow, deps, command.draft_id)
    who = await _authority(draft, command.actor, uow, deps)
    now = deps.clock.now()
    absences = await uow.absences.list(draft.account_id, ending_after=now)
    decision = draft.approve(
        command.actor,
        who.role,
        now,
        delegated=who.delegated,
        override_reason=clean_text(command.override_reason),
        acknowledged=command.acknowledged,
        revision=command.revision,
        while_absent=absent_at(absences, command.actor, now) is not None,
    )
    await audit(
        uow, deps, command.actor, "draft.approved", draft=draft, details=_gate(who, decision)
    )
    if draft.wished_at is not None:
        at = _slot(deps, draft.account_id, draft.wished_at)
        draft.schedule(command.actor, at, now)
        details = _at(at)
        if at != draft.wished_at:  # the check read the dates against the wished time
            details |= _past(await note_dates_past_at(draft, deps, command.actor, at))
        await audit(uow, deps, command.actor, "draft.scheduled", draft=draft, details=details)
    await uow.drafts.save(draft)
    await uow.commit()
    return draft


async def request_changes(command: cmd.RequestChanges, uow: UnitOfWork, deps: Deps) -> Draft:
    return await _send_back(command, uow, deps, final=False)


async def decline(command: cmd.Decline, uow: UnitOfWork, deps: Deps) -> Draft:
    return await _send_back(command, uow, deps, final=True)


async def _send_back(
    command: cmd.RequestChanges | cmd.Decline, uow: UnitOfWork, deps: Deps, *, final: bool
) -> Draft:
    """差し戻し (the author may revise) or 却下 (for good): both need a reason."""
    draft = await _load_undecided(uow, deps, command.draft_id)
    who = await _authority(draft, command.actor, uow, deps)
    clause = cited_clause(deps, draft.account_id, command.clause)
    decide = draft.decline if final else draft.request_changes
    reason = clean_text(command.reason)  # shown on cards and terminals: no escapes, no marks
    decide(
        command.actor, who.role, reason, deps.clock.now(), delegated=who.delegated, clause=clause
    )
    details = {**_role(who), "reason": reason.strip()}
    if clause[0]:
        details |= {"clause": clause[0], "clause_text": clause[1]}
    action = "draft.declined" if final else "draft.changes_requested"
    await audit(uow, deps, command.actor, action, draft=draft, details=details)
    await uow.drafts.save(draft)
    await uow.commit()
    return draft


def pack_clauses(deps: Deps, account_id: str) -> list[tuple[str, str]]:
    """(clause, text) of every clause the account's pack cites, in the guideline's order."""
    found = deps.checker.clauses(deps.account(account_id).policy_pack)
    return sorted(found.items(), key=lambda item: _clause_order(item[0]))


def cited_clause(deps: Deps, account_id: str, given: str) -> tuple[str, str]:
    """The clause a 差し戻し / 却下 cites, as the pack writes it, with its text; ("", "") if none.

    Written loosely is fine (``３（７）``, ``3 (7)``); a clause the pack does not have is refused
    with the list of those it has, before anything changes.
    """
    wanted = _clause_key(given)
    if not wanted:
        return "", ""
    clauses = pack_clauses(deps, account_id)
    for clause, text in clauses:
        if _clause_key(clause) == wanted:
            return clause, text
    known = ", ".join(clause for clause, _ in clauses) or "-"
    raise InvalidInput("error.unknown_clause", clause=clean_text(given)[:40], clauses=known)


def _clause_key(clause: str) -> str:
    return "".join(unicodedata.normalize("NFKC", clause).split()).lower()


def _clause_order(clause: str) -> tuple[tuple[int, str], ...]:
    """``3(2)`` before ``3(10)``: numbers compare as numbers."""
    parts = re.findall(r"\d+|\D+", _clause_key(clause))
    return tuple((int(p), "") if p.isdigit() else (1 << 30, p) for p in parts)


async def schedule(command: cmd.Schedule, uow: UnitOfWork, deps: Deps) -> Draft:
    draft = await deps.load(uow, command.draft_id)
    if next_state(draft.state, Action.SCHEDULE) is None:
        raise IllegalTransition(state=draft.state.value, action="schedule", draft=draft.id)
    who = await _scheduler_authority(draft, command.actor, uow, deps)
    now = deps.clock.now()
    if command.at is not None:
        if not deps.calendar(draft.account_id).is_operating(command.at):
            # a time both past and outside hours gets a suggestion still to come
            start = max(command.at, now)
            suggestion = deps.calendar(draft.account_id).next_operating(start)
            raise OutsideOperatingHours(at=command.at, suggestion=suggestion)
        at = command.at
    else:
        at = _slot(deps, draft.account_id, draft.wished_at or now)
    draft.schedule(command.actor, at, now)
    details = _at(at, who) | _past(await note_dates_past_at(draft, deps, command.actor, at))
    await audit(uow, deps, command.actor, "draft.scheduled", draft=draft, details=details)
    await uow.drafts.save(draft)
    await uow.commit()
    return draft


async def confirm(command: cmd.Confirm, uow: UnitOfWork, deps: Deps) -> Draft:
    draft = await deps.load(uow, command.draft_id)
    roles = await deps.roles(uow, draft.account_id)
    held = roles.roles_of(command.actor)
    if Role.OFFICER not in held and Role.DEPUTY not in held:
        raise NotPermitted("error.only_approver")
    role = "officer" if Role.OFFICER in held else "deputy"
    draft.confirm(command.actor, role, deps.clock.now())
    await audit(uow, deps, command.actor, "draft.confirmed", draft=draft, details={"role": role})
    await uow.drafts.save(draft)
    await uow.commit()
    return draft


async def _scheduler_authority(draft: Draft, actor: str, uow: UnitOfWork, deps: Deps) -> Authority:
    """Whoever approved may reschedule; so may the officer (or the deputy acting for them)."""
    approval = draft.last_decision("approve")
    if approval is not None and approval.actor == actor:
        return Authority(approval.role, approval.delegated)
    return await _authority(draft, actor, uow, deps)


def _slot(deps: Deps, account_id: str, wished: datetime) -> datetime:
    calendar = deps.calendar(account_id)
    now = deps.clock.now()
    candidate = max(wished, now)
    return candidate if calendar.is_operating(candidate) else calendar.next_operating(candidate)


def _past(dates: tuple[str, ...]) -> dict[str, object]:
    """The audit detail of dates past at the publish time (none: nothing added)."""
    return {"dates_past": list(dates)} if dates else {}


def _role(who: Authority) -> dict[str, object]:
    return {"role": who.role, "delegated": who.delegated}


def _gate(who: Authority, decision: Decision) -> dict[str, object]:
    details = _role(who)
    if decision.overridden:
        details["override"] = {
            "reason": decision.override_reason,
            "findings": list(decision.overridden),
        }
    if decision.acknowledged:
        details["acknowledged"] = list(decision.acknowledged)
    if decision.while_absent:
        details["while_absent"] = True
    return details


def _at(at: datetime, who: Authority | None = None) -> dict[str, object]:
    details: dict[str, object] = {"at": at.isoformat()}
    if who is not None:
        details.update(_role(who))
    return details


async def explain_conflict(deps: Deps, draft_id: str, error: Exception) -> Exception:
    """Turn a lost race into a message naming who decided and what the draft is now.

    A draft nobody has decided yet keeps the original error (e.g. scheduling before approval).
    """
    async with deps.uow() as uow:
        draft = await deps.load(uow, draft_id)
    decision = draft.last_decision()
    if decision is None or decision.revision != draft.current.number:
        return error
    return AlreadyDecided(
        draft=draft.id,
        state=draft.state.value,
        by=decision.actor if decision else "",
        cause=type(error).__name__,
    )


DECISIONS = (cmd.Approve, cmd.RequestChanges, cmd.Decline, cmd.Schedule, cmd.Confirm, cmd.Withdraw)


async def explained(command: cmd.Command, deps: Deps, attempt: Awaitable[T]) -> T:
    """Run a decision; a lost race or a stale click is told who decided (not a bare conflict)."""
    try:
        return await attempt
    except (ConcurrentUpdate, IllegalTransition) as error:
        if isinstance(command, DECISIONS) and error.key != "error.expired":
            better = await explain_conflict(deps, getattr(command, "draft_id", ""), error)
            if better is not error:
                raise better from error
        raise
