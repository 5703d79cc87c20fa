"""What people do about publishing: publish at once outside hours (with a written reason), retry
a failed post, and report a problem with the live post (問題あり)."""

from __future__ import annotations

from chatbot.domain import commands as cmd
from chatbot.domain import events as ev
from chatbot.domain.errors import IllegalTransition, InvalidInput, NotPermitted
from chatbot.domain.model import Decision, Draft
from chatbot.domain.roles import Role
from chatbot.domain.states import DraftState
from chatbot.ports import UnitOfWork
from chatbot.routing import decision_authority
from chatbot.services.context import Deps, audit
from chatbot.text import clean_text

MAX_REASON = 1000


async def _role(draft: Draft, actor: str, uow: UnitOfWork, deps: Deps) -> str:
    """The officer, or the deputy acting for them (re-checked on the server at every click)."""
    account = deps.account(draft.account_id)
    roles = await deps.roles(uow, draft.account_id)
    now = deps.clock.now()
    absences = await uow.absences.list(draft.account_id, ending_after=now)
    if actor == draft.author and actor == roles.officer:
        return "officer"  # publishing their own approved post at once is still the officer's call
    return decision_authority(account, roles, absences, draft.author, actor, now).role


def _reason(text: str) -> str:
    reason = clean_text(text).strip() if text else ""
    if not reason:
        raise InvalidInput("error.reason_required")
    return reason[:MAX_REASON]


async def publish_now(command: cmd.PublishNow, uow: UnitOfWork, deps: Deps) -> Draft:
    """Publish an approved post at the next pass even outside operating hours (disaster and
    emergency notices); the written reason is on the draft and in the audit log."""
    draft = await deps.load(uow, command.draft_id)
    if draft.state not in (DraftState.APPROVED, DraftState.SCHEDULED, DraftState.FAILED):
        raise IllegalTransition(state=draft.state.value, action="publish_now", draft=draft.id)
    reason = _reason(command.reason)
    role = await _role(draft, command.actor, uow, deps)
    now = deps.clock.now()
    draft.decisions.append(
        Decision("publish_now", command.actor, role, draft.current.number, now, reason)
    )
    draft.schedule(command.actor, now, now)
    outside = not deps.calendar(draft.account_id).is_operating(now)
    details = {"reason": reason, "role": role, "outside_hours": outside}
    await audit(uow, deps, command.actor, "draft.publish_now", draft=draft, details=details)
    await uow.drafts.save(draft)
    await uow.commit()
    return draft


async def retry_publish(command: cmd.RetryPublish, uow: UnitOfWork, deps: Deps) -> Draft:
    """The officer tries a failed post again: it is scheduled for the next operating slot."""
    draft = await deps.load(uow, command.draft_id)
    if draft.state is not DraftState.FAILED:
        raise IllegalTransition(state=draft.state.value, action="retry_publish", draft=draft.id)
    role = await _role(draft, command.actor, uow, deps)
    now = deps.clock.now()
    calendar = deps.calendar(draft.account_id)
    at = now if calendar.is_operating(now) else calendar.next_operating(now)
    draft.attempts = 0
    draft.schedule(command.actor, at, now)
    details = {"role": role, "at": at.isoformat(), "previous_error": draft.last_error}
    await audit(uow, deps, command.actor, "draft.publish_retried", draft=draft, details=details)
    await uow.drafts.save(draft)
    await uow.commit()
    return draft


async def report_problem(command: cmd.ReportProblem, uow: UnitOfWork, deps: Deps) -> Draft:
    """問題あり: the officer found a problem with the live post; the admins are alerted."""
    draft = await deps.load(uow, command.draft_id)
    if draft.state not in (DraftState.PUBLISHED, DraftState.CONFIRMED):
        raise IllegalTransition(state=draft.state.value, action="report_problem", draft=draft.id)
    roles = await deps.roles(uow, draft.account_id)
    held = roles.roles_of(command.actor)
    if Role.OFFICER not in held and Role.DEPUTY not in held:
        raise NotPermitted("error.only_approver")
    reason = _reason(command.reason)
    draft.events.append(ev.ProblemReported(draft.id, command.actor, reason))
    details = {"reason": reason, "permalink": draft.permalink}
    await audit(uow, deps, command.actor, "draft.problem_reported", draft=draft, details=details)
    await uow.drafts.save(draft)
    await uow.commit()
    return draft
