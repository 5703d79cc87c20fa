"""Posting, revising and withdrawing drafts; every revision is checked and routed."""

from __future__ import annotations

import asyncio
import functools
from datetime import datetime

from chatbot.domain import commands as cmd
from chatbot.domain import events as ev
from chatbot.domain.errors import InvalidInput, NotPermitted
from chatbot.domain.model import Draft, MediaRef
from chatbot.gate import hard_limit_findings, with_hard_limits
from chatbot.media_prep import prepare
from chatbot.policy.types import MediaBlob
from chatbot.ports import UnitOfWork
from chatbot.routing import acting_approver
from chatbot.services.context import Deps, audit
from chatbot.text import clean_text

MAX_MEDIA_BYTES = 30 * 1024 * 1024  # upload bound; the checker reports Instagram's 8 MB limit


async def submit(command: cmd.SubmitDraft, uow: UnitOfWork, deps: Deps) -> Draft:
    account = deps.account(command.account_id)
    now = deps.clock.now()
    roles = await deps.roles(uow, account.id)
    if not roles.may_post(command.actor):
        raise NotPermitted("error.not_staff")
    if command.draft_id:
        made = await uow.drafts.get(command.draft_id)
        if made is not None:  # the same chat message again: the draft it made, unchanged
            if (made.author, made.account_id) != (command.actor, account.id):
                raise NotPermitted("error.not_staff")
            return made
    _check_wished_at(command.wished_at, now)
    uploads = await _prepare(command.media, command.strip_location)
    media = await _store_media(uploads, deps)
    caption = clean_text(command.caption)
    draft = Draft.submit(
        command.draft_id or deps.new_id(),
        account.id,
        command.actor,
        caption,
        media,
        command.wished_at,
        now,
    )
    await audit(uow, deps, command.actor, "draft.submitted", draft=draft)
    await check_and_route(draft, uow, deps, uploads)
    _note_outside_hours(draft, deps)
    await uow.drafts.add(draft)
    await uow.commit()
    return draft


async def revise(command: cmd.ReviseDraft, uow: UnitOfWork, deps: Deps) -> Draft:
    draft = await deps.load(uow, command.draft_id)
    now = deps.clock.now()
    wished = draft.wished_at if command.keep_wished_at else command.wished_at
    _check_wished_at(wished, now)
    uploads: tuple[cmd.MediaUpload, ...] | None = None
    if command.media is None:
        media = draft.current.media
    else:
        uploads = await _prepare(command.media, command.strip_location)
        media = await _store_media(uploads, deps)
    previous_wish = draft.wished_at
    draft.revise(command.actor, clean_text(command.caption), media, wished, now)
    await audit(uow, deps, command.actor, "draft.revised", draft=draft)
    await check_and_route(draft, uow, deps, uploads)
    if wished != previous_wish:
        _note_outside_hours(draft, deps)
    await uow.drafts.save(draft)
    await uow.commit()
    return draft


async def withdraw(command: cmd.Withdraw, uow: UnitOfWork, deps: Deps) -> Draft:
    draft = await deps.load(uow, command.draft_id)
    draft.withdraw(command.actor, deps.clock.now())
    await uow.drafts.save(draft)
    await audit(uow, deps, command.actor, "draft.withdrawn", draft=draft)
    await uow.commit()
    return draft


async def check_and_route(
    draft: Draft,
    uow: UnitOfWork,
    deps: Deps,
    uploads: tuple[cmd.MediaUpload, ...] | None,
) -> None:
    """Run the policy check on the current revision, then point it at the acting approver.

    A checker that fails leaves the draft submitted and unchecked (never routed, so never
    approvable) and says so in the audit log: an internal error is never a verdict.
    """
    account = deps.account(draft.account_id)
    blobs = await _blobs(draft, deps, uploads)
    publish_at = draft.wished_at or deps.clock.now()
    try:
        result = await asyncio.to_thread(
            functools.partial(deps.checker.check, publish_at=publish_at),
            account.policy_pack,
            draft.current.caption,
            blobs,
        )
    except Exception as exc:  # any checker failure leaves the draft unchecked
        details = {"error": type(exc).__name__}
        await audit(uow, deps, "shonin", "draft.check_failed", draft=draft, details=details)
        return
    result = with_hard_limits(result, hard_limit_findings(draft.current.caption, blobs))
    now = deps.clock.now()
    draft.record_check(result, now)
    await audit(
        uow, deps, "shonin", "draft.checked", draft=draft, details={"verdict": result.verdict}
    )
    await route(draft, uow, deps, now)


async def route(draft: Draft, uow: UnitOfWork, deps: Deps, now: datetime) -> bool:
    roles = await deps.roles(uow, draft.account_id)
    absences = await uow.absences.list(draft.account_id, ending_after=now)
    decision = acting_approver(roles, absences, draft.author, now)
    changed = draft.route_to(decision.approver, decision.role, decision.reason, now)
    if changed:
        details = {"approver": decision.approver, "role": decision.role, "reason": decision.reason}
        await audit(uow, deps, "shonin", "draft.routed", draft=draft, details=details)
    return changed


def _note_outside_hours(draft: Draft, deps: Deps) -> None:
    """A wished time outside operating hours is told to the author now, not only at approval."""
    wished = draft.wished_at
    calendar = deps.calendar(draft.account_id)
    if wished is None or calendar.is_operating(wished):
        return
    at = calendar.next_operating(wished)
    draft.events.append(ev.WishedTimeMoved(draft.id, draft.author, wished, at))


def _check_wished_at(wished_at: datetime | None, now: datetime) -> None:
    if wished_at is not None and wished_at <= now:
        raise InvalidInput("error.wished_in_past")


async def _prepare(
    uploads: tuple[cmd.MediaUpload, ...], strip: bool
) -> tuple[cmd.MediaUpload, ...]:
    """Bound the size, then convert still images to JPEG (and strip location if asked)."""
    for upload in uploads:
        if len(upload.data) > MAX_MEDIA_BYTES:
            raise InvalidInput("error.media_too_large", file=upload.filename)
    prepared = []
    for upload in uploads:
        ready = await asyncio.to_thread(prepare, upload.filename, upload.data, strip=strip)
        prepared.append(cmd.MediaUpload(ready.filename, ready.data, ready.content_type))
    return tuple(prepared)


async def _store_media(uploads: tuple[cmd.MediaUpload, ...], deps: Deps) -> tuple[MediaRef, ...]:
    refs = []
    for upload in uploads:
        if len(upload.data) > MAX_MEDIA_BYTES:
            raise InvalidInput("error.media_too_large", file=upload.filename)
        refs.append(await deps.media.put(upload.filename, upload.data, upload.content_type))
    return tuple(refs)


async def _blobs(
    draft: Draft, deps: Deps, uploads: tuple[cmd.MediaUpload, ...] | None
) -> list[MediaBlob]:
    if uploads is not None:
        return [MediaBlob(u.filename, u.data) for u in uploads]
    return [MediaBlob(m.filename, await deps.media.get(m.key)) for m in draft.current.media]
