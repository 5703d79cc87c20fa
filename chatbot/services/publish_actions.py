"""What people do about publishing: publish at once outside hours (with a written reason), retry
a failed post, report a problem with the live post (問題あり), and say which Instagram post a
live but unidentified draft is."""

from __future__ import annotations

import re

from chatbot.domain import commands as cmd
from chatbot.domain import events as ev
from chatbot.domain.errors import IllegalTransition, InvalidInput, NotPermitted
from chatbot.domain.model import Decision, Draft
from chatbot.domain.roles import Role
from chatbot.domain.states import DraftState
from chatbot.ports import PublishError, UnitOfWork
from chatbot.routing import decision_authority
from chatbot.services.context import Deps, audit
from chatbot.services.dates_at_slot import note_dates_past_at
from chatbot.services.publish_steps import request_of
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
    past = await note_dates_past_at(draft, deps, command.actor, now)
    if past:
        details["dates_past"] = list(past)
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
    details: dict[str, object] = {
        "role": role,
        "at": at.isoformat(),
        "previous_error": draft.last_error,
    }
    past = await note_dates_past_at(draft, deps, command.actor, at)
    if past:
        details["dates_past"] = list(past)
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


# https://www.instagram.com/p/<shortcode>/ (also /reel/, /tv/, without www, with a query)
_PERMALINK = re.compile(
    r"https://(?:www\.)?instagram\.com/(?:[A-Za-z0-9_.]+/)?(?:p|reel|tv)/([A-Za-z0-9_-]{5,40})/?(?:\?\S*)?"
)
_MEDIA_ID = re.compile(r"[0-9]{5,30}")


def post_ref(text: str) -> tuple[str, str]:
    """``(media id, permalink)`` from what the officer typed: a post's URL or its media id."""
    given = clean_text(text or "").strip()
    if _MEDIA_ID.fullmatch(given):
        return given, ""
    found = _PERMALINK.fullmatch(given)
    if found is None:
        raise InvalidInput("error.bad_post_ref")
    return "", f"https://www.instagram.com/p/{found.group(1)}/"


async def identify_post(command: cmd.IdentifyPost, uow: UnitOfWork, deps: Deps) -> Draft:
    """A post settled as live but unidentified (several or no matching posts on Instagram): the
    officer (or the deputy acting) records which post it is, by its URL or media id. A media id
    is looked up for its permalink. Recorded on the draft and in the audit log."""
    draft = await deps.load(uow, command.draft_id)
    if draft.state not in (DraftState.PUBLISHED, DraftState.CONFIRMED):
        raise IllegalTransition(state=draft.state.value, action="identify_post", draft=draft.id)
    if draft.published_media_id or draft.permalink:
        raise IllegalTransition(state="identified", action="identify_post", draft=draft.id)
    roles = await deps.roles(uow, draft.account_id)
    held = roles.roles_of(command.actor)
    if Role.OFFICER not in held and Role.DEPUTY not in held:
        raise NotPermitted("error.only_approver")
    media_id, permalink = post_ref(command.post)
    if media_id:
        try:
            permalink = await deps.publisher.permalink(request_of(draft, deps), media_id)
        except PublishError:
            permalink = ""  # recorded by its id; the link is not known
    draft.published_media_id, draft.permalink = media_id, permalink
    draft.updated_at = deps.clock.now()
    draft.events.append(ev.PostIdentified(draft.id, command.actor, permalink, media_id))
    details = {"media_id": media_id, "permalink": permalink, "given": command.post[:300]}
    await audit(uow, deps, command.actor, "draft.post_identified", draft=draft, details=details)
    await uow.drafts.save(draft)
    await uow.commit()
    return draft
