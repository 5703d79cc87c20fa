"""Absence, delegation, roles and suspension: who decides, and whether anything publishes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chatbot.domain import commands as cmd
from chatbot.domain import events as ev
from chatbot.domain.errors import InvalidInput, NotPermitted
from chatbot.domain.roles import Absence, Role, Roles, is_user_id, merge_absences
from chatbot.domain.states import WAITING, DraftState
from chatbot.mentions import role_holder_problem
from chatbot.ports import Suspension, UnitOfWork
from chatbot.services.context import Deps, audit
from chatbot.services.drafts import route
from chatbot.services.reminders import keep_request_time
from chatbot.text import clean_text

MAX_ABSENCE_DAYS = 366


async def set_absence(command: cmd.SetAbsence, uow: UnitOfWork, deps: Deps) -> Absence:
    account = deps.account(command.account_id)
    now = deps.clock.now()
    roles = await deps.roles(uow, account.id)
    _may_set_absence(roles, command.actor, command.user)
    if command.end <= command.start:
        raise InvalidInput("error.absence_order")
    if command.end <= now:
        raise InvalidInput("error.absence_in_past")
    if (command.end - command.start).days > MAX_ABSENCE_DAYS:
        raise InvalidInput("error.absence_too_long", days=MAX_ABSENCE_DAYS)
    start = max(command.start, now) if command.start < now else command.start
    reason = clean_text(command.reason).strip()  # shown on cards and terminals
    new = Absence(account.id, command.user, start, command.end, reason, command.actor)
    existing = await uow.absences.list(account.id, ending_after=now)
    merged, swallowed = merge_absences(existing, new)
    for old in swallowed:
        if old.id is not None:
            await uow.absences.remove(old.id)
    stored = await uow.absences.add(replace(merged, id=None))
    details = {
        "user": command.user,
        "from": stored.start.isoformat(),
        "until": stored.end.isoformat(),
        "reason": reason,
        "merged": len(swallowed),
    }
    await audit(uow, deps, command.actor, "absence.set", account_id=account.id, details=details)
    moved = await reroute_waiting(uow, deps, account.id, now)
    role = _role_of(roles, command.user)
    uow.raise_event(
        ev.AbsenceSet(
            account.id, command.user, role, stored.start, stored.end, reason, command.actor, moved
        )
    )
    await uow.commit()
    return stored


async def clear_absence(command: cmd.ClearAbsence, uow: UnitOfWork, deps: Deps) -> int:
    """End the user's current and future absences now; returns how many were ended."""
    account = deps.account(command.account_id)
    now = deps.clock.now()
    roles = await deps.roles(uow, account.id)
    _may_set_absence(roles, command.actor, command.user)
    ended = 0
    for period in await uow.absences.list(account.id, ending_after=now):
        if period.user != command.user or period.id is None:
            continue
        await uow.absences.remove(period.id)
        ended += 1
    if not ended:
        raise InvalidInput("error.no_absence", user=command.user)
    details = {"user": command.user, "ended": ended}
    await audit(uow, deps, command.actor, "absence.cleared", account_id=account.id, details=details)
    moved = await reroute_waiting(uow, deps, account.id, now)
    role = _role_of(roles, command.user)
    uow.raise_event(ev.AbsenceCleared(account.id, command.user, role, command.actor, moved))
    await uow.commit()
    return ended


def _role_of(roles: Roles, user: str) -> str:
    return "officer" if user == roles.officer else "deputy"


def _may_set_absence(roles: Roles, actor: str, user: str) -> None:
    """The officer sets their own; the deputy or an admin may set it on the officer's behalf."""
    if user not in (roles.officer, roles.deputy):
        raise InvalidInput("error.absence_not_approver", user=user)
    if actor == user or actor in roles.admins:
        return
    if actor == roles.deputy and user == roles.officer:
        return
    if actor == roles.officer and user == roles.deputy:
        return
    raise NotPermitted("error.absence_not_permitted")


async def reroute_waiting(uow: UnitOfWork, deps: Deps, account_id: str, now: datetime) -> int:
    """Move drafts still waiting to whoever decides now; returns how many moved.

    A move does not restart the escalation clock: the time the revision was first sent for
    approval is kept in the reminder log before the move overwrites it (see ``reminders``).
    """
    moved = 0
    for draft in await uow.drafts.list(account_id=account_id, states=WAITING):
        asked = draft.updated_at if draft.state is DraftState.AWAITING_APPROVAL else None
        whom = draft.approver or ""
        if await route(draft, uow, deps, now):
            if asked is not None:
                await keep_request_time(uow, draft, asked, whom)
            await uow.drafts.save(draft)
            moved += 1
    return moved


async def set_role(command: cmd.SetRole, uow: UnitOfWork, deps: Deps) -> Roles:
    account = deps.account(command.account_id)
    roles = await deps.roles(uow, account.id)
    if not roles.may_manage(command.actor):
        raise NotPermitted("error.only_manager")
    try:
        role = Role(command.role)
    except ValueError:
        raise InvalidInput("error.unknown_role", role=command.role) from None
    if not is_user_id(command.user):
        raise InvalidInput("error.bad_user", user=command.user)
    problem = role_holder_problem(command.user, deps.config.known_users)
    if problem is not None and not command.remove:
        raise InvalidInput(problem.key, **problem.args)
    changed = (
        roles.without_role(role, command.user)
        if command.remove
        else roles.with_role(role, command.user)
    )
    await uow.accounts.set_roles(account.id, changed)
    details = {"role": role.value, "user": command.user, "removed": command.remove}
    await audit(uow, deps, command.actor, "roles.changed", account_id=account.id, details=details)
    await reroute_waiting(uow, deps, account.id, deps.clock.now())
    await uow.commit()
    return changed


async def suspend(command: cmd.Suspend, uow: UnitOfWork, deps: Deps) -> Suspension:
    account = deps.account(command.account_id)
    await _only_officer(uow, deps, account.id, command.actor)
    reason = clean_text(command.reason).strip()
    if not reason:
        raise InvalidInput("error.reason_required")
    suspension = Suspension(reason[:1000], command.actor, deps.clock.now())
    await uow.accounts.set_suspension(account.id, suspension)
    details = {"reason": suspension.reason}
    await audit(
        uow, deps, command.actor, "account.suspended", account_id=account.id, details=details
    )
    await uow.commit()
    return suspension


async def resume(command: cmd.Resume, uow: UnitOfWork, deps: Deps) -> list[str]:
    """Lift the suspension; the posts that waited for it (now due), to report to the officer."""
    account = deps.account(command.account_id)
    await _only_officer(uow, deps, account.id, command.actor)
    if await uow.accounts.get_suspension(account.id) is None:
        raise InvalidInput("error.not_suspended")
    await uow.accounts.set_suspension(account.id, None)
    now = deps.clock.now()
    waiting = [d.id for d in await uow.drafts.due(now, 200) if d.account_id == account.id]
    details = {"waiting": waiting}
    await audit(uow, deps, command.actor, "account.resumed", account_id=account.id, details=details)
    await uow.commit()
    return waiting


async def _only_officer(uow: UnitOfWork, deps: Deps, account_id: str, actor: str) -> None:
    roles = await deps.roles(uow, account_id)
    if actor != roles.officer:
        raise NotPermitted("error.only_officer")
