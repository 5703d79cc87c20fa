"""What people are told about a change, decided inside the change's own transaction.

A commit hook: for each event the transaction raised, notifications are written to the outbox
(``chatbot.outbox``) in the same transaction, and delivered afterwards by the delivery worker
(``chatbot.services.delivery``). Every copy of a draft's card (in the drafts channel and in DMs)
is updated on each change, so a button that is no longer valid disappears everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from typing import Any

from chatbot.cards import cited_clause
from chatbot.confirmer import confirmer, failure_audience
from chatbot.domain import events as ev
from chatbot.domain.model import Draft
from chatbot.domain.roles import Roles, absent_at, platform_of
from chatbot.outbox import Notification, NotifyOp
from chatbot.ports import MessageKind, Text, UnitOfWork
from chatbot.routing import acting_approver
from chatbot.services.context import Deps
from chatbot.services.reminders import asked_about

log = logging.getLogger(__name__)


class Notifications:
    """The ``CommitHook`` that plans notifications for the platforms that have a notifier."""

    def __init__(self, deps: Deps, platforms: Collection[str]) -> None:
        self.deps = deps
        self.platforms = frozenset(platforms)
        self._handlers: dict[type[ev.Event], Callable[[_Plan, Any], Awaitable[None]]] = {
            ev.ApprovalRequested: self.on_approval_requested,
            ev.ApproverUnavailable: self.on_approver_unavailable,
            ev.Approved: self.on_approved,
            ev.PostIdentified: self.on_post_identified,
            ev.ChangesRequested: self.on_changes_requested,
            ev.Declined: self.on_declined,
            ev.Revised: self.on_revised,
            ev.Scheduled: self.on_scheduled,
            ev.PublishingStarted: self.on_refresh,
            ev.Published: self.on_published,
            ev.PublishFailed: self.on_publish_failed,
            ev.PublishWaiting: self.on_publish_waiting,
            ev.Confirmed: self.on_confirmed,
            ev.ProblemReported: self.on_problem_reported,
            ev.Withdrawn: self.on_withdrawn,
            ev.Expired: self.on_expired,
            ev.ReminderDue: self.on_reminder,
            ev.Escalated: self.on_escalated,
            ev.WishedTimeMoved: self.on_wished_time_moved,
            ev.DatesPastAtSlot: self.on_dates_past_at_slot,
        }

    async def __call__(self, uow: UnitOfWork, events: Sequence[Any]) -> None:
        about = [e.draft_id for e in events if type(e) in self._handlers]
        pending = _PendingCards(uow, about)  # one outbox read for all, if one is needed
        for event in events:
            if isinstance(event, ev.AccountEvent):
                await self.on_account_event(uow, event)
                continue
            handler = self._handlers.get(type(event))
            if handler is None:
                continue
            draft = await uow.drafts.get(event.draft_id)
            if draft is not None:
                await handler(await _Plan.start(self, uow, draft, pending), event)

    # --- handlers -------------------------------------------------------------------------------

    # --- about an account (absences): direct messages, no draft ---------------------------------

    async def on_account_event(self, uow: UnitOfWork, event: ev.AccountEvent) -> None:
        if isinstance(event, ev.AbsenceSet | ev.AbsenceCleared):
            text = await absence_notice(uow, self.deps, event)
            roles = await self.deps.roles(uow, event.account_id)
            for person in absence_audience(roles, event.user):
                await self.direct(uow, event.account_id, person, text)

    async def direct(self, uow: UnitOfWork, account_id: str, user: str, text: Text) -> None:
        """A direct message about the account (no draft, so no card)."""
        platform = platform_of(user)
        if platform not in self.platforms:
            log.info("no notifier for %s; direct message skipped", platform)
            return
        row = Notification(
            account_id,
            "",
            platform,
            NotifyOp.DIRECT,
            user,
            created_at=self.deps.clock.now(),
            text_key=text.key,
            text_args=text.args,
        )
        await uow.notifications.add(row)

    # --- about a draft --------------------------------------------------------------------------

    async def on_approval_requested(self, plan: _Plan, event: ev.ApprovalRequested) -> None:
        await plan.ensure_channel_card()
        previous = event.previous_approver
        if previous in (None, event.approver):
            ask = {"approver": event.approver, "draft": plan.draft.id, "role": event.role}
            await plan.direct(event.approver, Text("note.approval_requested", ask), card=True)
            return
        assert previous is not None
        args: dict[str, Any] = {"previous": previous, "approver": event.approver}
        args["role"] = event.role
        await plan.thread(Text("note.approver_changed", dict(args)))
        args["draft"] = plan.draft.id
        now = self.deps.clock.now()
        absences = await plan.uow.absences.list(plan.draft.account_id, ending_after=now)
        away = absent_at(absences, previous, now)
        roles = await self.deps.roles(plan.uow, plan.draft.account_id)
        if away is not None:
            # the previous approver is absent: the new one decides with a note, they keep a copy
            note = Text("note.approval_delegated", {**args, "until": away.end})
            await plan.direct(event.approver, note, card=True)
            await plan.direct(previous, Text("note.fyi_moved_copy", args), card=True)
        elif event.role == "officer" and previous == roles.deputy:
            # back from an absence: the deputy's copies lose their buttons (update_all above)
            await plan.direct(event.approver, Text("note.approval_returned", args), card=True)
            await plan.direct(previous, Text("note.fyi_returned", args))
        else:
            await plan.direct(event.approver, Text("note.approval_requested", args), card=True)
            await plan.direct(previous, Text("note.fyi_moved", args))

    async def on_approver_unavailable(self, plan: _Plan, event: ev.ApproverUnavailable) -> None:
        await plan.ensure_channel_card()
        args = {"draft": plan.draft.id, "reason_code": event.reason}
        await plan.thread(Text("note.approver_unavailable", args))
        roles = await self.deps.roles(plan.uow, plan.draft.account_id)
        for admin in sorted(roles.admins):
            await plan.direct(admin, Text("note.admins_waiting", args))

    async def on_approved(self, plan: _Plan, event: ev.Approved) -> None:
        key = "note.approved_delegated" if event.role == "deputy" else "note.approved"
        await plan.update_and_say(Text(key, {"actor": event.actor, "role": event.role}))

    async def on_changes_requested(self, plan: _Plan, event: ev.ChangesRequested) -> None:
        cited = cited_clause(event.clause, event.clause_text)
        said = "note.changes_requested" + ("_clause" if cited else "")
        await plan.update_and_say(Text(said, {"reason": event.reason, **cited}))
        args = {"draft": plan.draft.id, "reason": event.reason, **cited}
        told = "note.sent_back_author" + ("_clause" if cited else "")
        await plan.direct(plan.draft.author, Text(told, args))

    async def on_declined(self, plan: _Plan, event: ev.Declined) -> None:
        cited = cited_clause(event.clause, event.clause_text)
        said = "note.declined" + ("_clause" if cited else "")
        await plan.update_and_say(Text(said, {"reason": event.reason, **cited}))
        args = {"draft": plan.draft.id, "reason": event.reason, **cited}
        told = "note.declined_author" + ("_clause" if cited else "")
        await plan.direct(plan.draft.author, Text(told, args))

    async def on_revised(self, plan: _Plan, event: ev.Revised) -> None:
        await plan.update_and_say(Text("note.revised", {"revision": event.revision}))

    async def on_scheduled(self, plan: _Plan, event: ev.Scheduled) -> None:
        await plan.update_and_say(Text("note.scheduled", {"at": event.at}))

    async def on_refresh(self, plan: _Plan, event: ev.Event) -> None:
        await plan.update_all()

    async def on_published(self, plan: _Plan, event: ev.Published) -> None:
        roles = await self.deps.roles(plan.uow, plan.draft.account_id)
        now = self.deps.clock.now()
        absences = await plan.uow.absences.list(plan.draft.account_id, ending_after=now)
        person = confirmer(roles, absences, now) or ""
        args = {"permalink": event.permalink, "confirmer": person}
        said = f"note.published_{event.unidentified}" if event.unidentified else "note.published"
        await plan.update_and_say(Text(said, args))
        if person:
            ask = {"draft": plan.draft.id, "permalink": event.permalink}
            key = "note.confirm_unidentified" if event.unidentified else "note.confirm_request"
            await plan.direct(person, Text(key, ask), card=True)

    async def on_publish_failed(self, plan: _Plan, event: ev.PublishFailed) -> None:
        """Told after the first failure and on giving up, with the reason; silent in between."""
        args = {**event.args, "error": event.error, "attempt": event.attempt}
        if event.final:
            key = "note.publish_gave_up" if event.attempt > 1 else "note.publish_failed"
        elif event.attempt == 1:
            key = "note.publish_failed_retrying"
        else:
            await plan.update_all()
            return
        failed = Text(key, args)
        await plan.update_and_say(failed)
        approval = plan.draft.last_decision("approve")
        roles = await self.deps.roles(plan.uow, plan.draft.account_id)
        audience = failure_audience(roles, plan.draft.author, approval.actor if approval else None)
        for user in audience:
            await plan.direct(user, failed)

    async def on_publish_waiting(self, plan: _Plan, event: ev.PublishWaiting) -> None:
        await plan.update_and_say(Text("note.publish_waiting_limit", {"at": event.until}))

    async def on_problem_reported(self, plan: _Plan, event: ev.ProblemReported) -> None:
        args = {"actor": event.actor, "reason": event.reason, "draft": plan.draft.id}
        args["permalink"] = plan.draft.permalink
        await plan.update_and_say(Text("note.problem_reported", args))
        roles = await self.deps.roles(plan.uow, plan.draft.account_id)
        for admin in sorted(roles.admins):
            await plan.direct(admin, Text("note.problem_reported_admins", args))

    async def on_post_identified(self, plan: _Plan, event: ev.PostIdentified) -> None:
        link = event.permalink or event.media_id
        await plan.update_and_say(
            Text("note.post_identified", {"actor": event.actor, "post": link})
        )

    async def on_confirmed(self, plan: _Plan, event: ev.Confirmed) -> None:
        await plan.update_and_say(Text("note.confirmed", {"actor": event.actor}))

    async def on_withdrawn(self, plan: _Plan, event: ev.Withdrawn) -> None:
        await plan.update_and_say(Text("note.withdrawn", {"actor": event.actor}))

    async def on_expired(self, plan: _Plan, event: ev.Expired) -> None:
        await plan.update_and_say(Text("note.expired", {"at": event.wished_at}))
        args = {"draft": plan.draft.id, "at": event.wished_at}
        await plan.direct(plan.draft.author, Text("note.expired_author", args))

    async def on_reminder(self, plan: _Plan, event: ev.ReminderDue) -> None:
        key = "note.reminder_before_wished" if event.kind == "before_wished" else "note.reminder"
        args: dict[str, Any] = {"approver": event.approver, "draft": plan.draft.id}
        args |= {"role": event.role, **asked_about(plan.draft)}
        await plan.direct(event.approver, Text(key, {**args, "at": event.wished_at or "-"}))

    async def on_escalated(self, plan: _Plan, event: ev.Escalated) -> None:
        args: dict[str, Any] = {"draft": plan.draft.id, "officer": event.officer}
        args |= {"deputy": event.deputy, **asked_about(plan.draft)}
        await plan.thread(Text("note.escalated_thread", args))
        await plan.direct(event.deputy, Text("note.escalated", args), card=True)
        await plan.direct(event.officer, Text("note.escalated_fyi", args))

    async def on_wished_time_moved(self, plan: _Plan, event: ev.WishedTimeMoved) -> None:
        args = {"draft": plan.draft.id, "wished": event.wished_at, "at": event.at}
        await plan.thread(Text("note.wished_moved", args))
        await plan.direct(event.author, Text("note.wished_moved_author", args))

    async def on_dates_past_at_slot(self, plan: _Plan, event: ev.DatesPastAtSlot) -> None:
        args = {"draft": plan.draft.id, "at": event.at, "dates": "、".join(event.dates)}
        await plan.thread(Text("note.dates_past_at_slot", args))


# who decides meanwhile (the routing role; "" nobody) -> the notice
_ABSENCE_SET = {
    "officer": "note.absence_set_officer",
    "deputy": "note.absence_set_deputy",
    "": "note.absence_set_nobody",
}
_ABSENCE_CLEARED = {
    "officer": "note.absence_cleared_officer",
    "deputy": "note.absence_cleared_deputy",
    "": "note.absence_cleared_nobody",
}


async def absence_notice(
    uow: UnitOfWork, deps: Deps, event: ev.AbsenceSet | ev.AbsenceCleared
) -> Text:
    """The notice of an absence set or cleared: who, when, why, by whom, who decides meanwhile."""
    roles = await deps.roles(uow, event.account_id)
    now = deps.clock.now()
    absences = await uow.absences.list(event.account_id, ending_after=now)
    args: dict[str, Any] = {"user": event.user, "role": event.role, "count": event.rerouted}
    if isinstance(event, ev.AbsenceSet):
        # who decides while it lasts: routing as at its start (no author excluded)
        during = acting_approver(roles, absences, "", max(event.start, now))
        reason = event.reason or "—"
        args |= {"start": event.start, "end": event.end, "reason": reason, "by": event.set_by}
        keys = _ABSENCE_SET
    else:
        during = acting_approver(roles, absences, "", now)
        args["by"] = event.cleared_by
        keys = _ABSENCE_CLEARED
    args["approver"] = during.approver or ""
    return Text(keys[during.role or ""], args)


def absence_audience(roles: Roles, user: str) -> list[str]:
    """The officer, the deputy, the admins and the absent person, each once, in that order."""
    people = [roles.officer, roles.deputy, *sorted(roles.admins), user]
    return list(dict.fromkeys(p for p in people if p))


class _PendingCards:
    """The platforms where a draft's channel card is on its way (a pending POST_CARD row), for
    the drafts of one commit's events: read for all of them together when first needed (one
    query for a batch of published posts, not one each), and kept current with the cards the
    same commit plans afterwards."""

    def __init__(self, uow: UnitOfWork, draft_ids: Sequence[str]) -> None:
        self.uow = uow
        self.draft_ids = list(dict.fromkeys(draft_ids))
        self._found: dict[str, set[str]] = {}
        self._read: set[str] = set()

    async def of(self, draft_id: str) -> set[str]:
        if draft_id not in self._read:
            wanted = [d for d in [draft_id, *self.draft_ids] if d not in self._read]
            rows = await self.uow.notifications.pending_many(wanted)
            for found_id, found in rows.items():
                cards = {r.platform for r in found if r.op is NotifyOp.POST_CARD}
                self._found[found_id] = self._found.get(found_id, set()) | cards
            self._read.update(wanted)
        return self._found.setdefault(draft_id, set())

    def planned(self, draft_id: str, platform: str) -> None:
        """A POST_CARD row this commit has just added (a later read would find it too)."""
        self._found.setdefault(draft_id, set()).add(platform)


class _Plan:
    """The notifications about one draft within one transaction."""

    def __init__(
        self, owner: Notifications, uow: UnitOfWork, draft: Draft, pending: _PendingCards
    ) -> None:
        self.owner, self.uow, self.draft = owner, uow, draft
        self.card_platforms: set[str] = set()  # a channel card exists or is on its way
        self.copy_platforms: set[str] = set()  # some copy of the card exists
        self._pending = pending
        self._pending_read = False

    @classmethod
    async def start(
        cls, owner: Notifications, uow: UnitOfWork, draft: Draft, pending: _PendingCards
    ) -> _Plan:
        plan = cls(owner, uow, draft, pending)
        for ref in await uow.cards.list(draft.id):
            plan.copy_platforms.add(ref.platform)
            if ref.kind is MessageKind.CARD:
                plan.card_platforms.add(ref.platform)
        return plan

    async def cards(self) -> set[str]:
        """The platforms with a channel card, posted or on its way (the outbox is read only
        when a handler needs it: a card refresh does not)."""
        if not self._pending_read:
            self._pending_read = True
            self.card_platforms |= await self._pending.of(self.draft.id)
        return self.card_platforms

    async def _add(self, platform: str, op: NotifyOp, target: str = "", **kw: Any) -> None:
        now = self.owner.deps.clock.now()
        row = Notification(
            self.draft.account_id, self.draft.id, platform, op, target, created_at=now, **kw
        )
        await self.uow.notifications.add(row)
        if op is NotifyOp.POST_CARD:
            self._pending.planned(self.draft.id, platform)

    async def ensure_channel_card(self) -> None:
        platform = platform_of(self.draft.author)
        channel = self.owner.deps.account(self.draft.account_id).channels.get(platform, "")
        if platform in await self.cards() or platform not in self.owner.platforms or not channel:
            await self.update_all()
            return
        await self.update_all()
        await self._add(platform, NotifyOp.POST_CARD, channel)
        self.card_platforms.add(platform)

    async def update_all(self) -> None:
        for platform in sorted(self.copy_platforms & self.owner.platforms):
            await self._add(platform, NotifyOp.UPDATE_CARDS)

    async def thread(self, text: Text) -> None:
        for platform in sorted(await self.cards() & self.owner.platforms):
            await self._add(platform, NotifyOp.THREAD_TEXT, text_key=text.key, text_args=text.args)

    async def update_and_say(self, text: Text) -> None:
        await self.update_all()
        await self.thread(text)

    async def direct(self, user: str, text: Text, *, card: bool = False) -> None:
        platform = platform_of(user)
        if platform not in self.owner.platforms:
            log.info("no notifier for %s; direct message skipped", platform)
            return
        await self._add(
            platform,
            NotifyOp.DIRECT,
            user,
            text_key=text.key,
            text_args=text.args,
            with_card=card,
        )
        if card:
            self.copy_platforms.add(platform)
