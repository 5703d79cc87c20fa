"""Event handlers that tell people: the channel card and its thread, and direct messages.

Every copy of a draft's card (in the drafts channel and in DMs) is updated on each change, so a
button that is no longer valid disappears everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import Any

from chatbot.cards import DraftCard, build_card
from chatbot.confirmer import confirmer, failure_audience
from chatbot.domain import events as ev
from chatbot.domain.model import Draft
from chatbot.domain.roles import Account, platform_of
from chatbot.messagebus import MessageBus
from chatbot.ports import ChatNotifier, MessageRef, Text
from chatbot.services.context import Deps

log = logging.getLogger(__name__)


class Notifications:
    def __init__(self, deps: Deps, notifiers: Mapping[str, ChatNotifier]) -> None:
        self.deps = deps
        self.notifiers = notifiers

    def subscribe(self, bus: MessageBus) -> None:
        handlers: dict[type[ev.Event], Callable[[Any], Awaitable[None]]] = {
            ev.ApprovalRequested: self.on_approval_requested,
            ev.ApproverUnavailable: self.on_approver_unavailable,
            ev.Approved: self.on_approved,
            ev.ChangesRequested: self.on_changes_requested,
            ev.Declined: self.on_declined,
            ev.Revised: self.on_revised,
            ev.Scheduled: self.on_scheduled,
            ev.PublishingStarted: self.on_refresh,
            ev.Published: self.on_published,
            ev.PublishFailed: self.on_publish_failed,
            ev.Confirmed: self.on_confirmed,
            ev.Withdrawn: self.on_withdrawn,
            ev.Expired: self.on_expired,
        }
        for kind, handler in handlers.items():
            bus.subscribe(kind, handler)

    # --- handlers -------------------------------------------------------------------------------

    async def on_approval_requested(self, event: ev.ApprovalRequested) -> None:
        draft, account, refs = await self._load(event.draft_id)
        card = build_card(draft, account)
        refs = await self._ensure_channel_card(draft, account, card, refs)
        moved = event.previous_approver not in (None, event.approver)
        if moved:
            args = {"previous": event.previous_approver, "approver": event.approver}
            await self._thread(
                account, refs, Text("note.approver_changed", {**args, "role": event.role})
            )
        ask = Text(
            "note.approval_requested",
            {"approver": event.approver, "draft": draft.id, "role": event.role},
        )
        await self._direct(event.approver, ask, card, draft.id)
        if moved and event.previous_approver:
            fyi = {"draft": draft.id, "approver": event.approver, "role": event.role}
            await self._direct(event.previous_approver, Text("note.fyi_moved", fyi))

    async def on_approver_unavailable(self, event: ev.ApproverUnavailable) -> None:
        draft, account, refs = await self._load(event.draft_id)
        refs = await self._ensure_channel_card(draft, account, build_card(draft, account), refs)
        args = {"draft": draft.id, "reason_code": event.reason}
        await self._thread(account, refs, Text("note.approver_unavailable", args))
        async with self.deps.uow() as uow:
            roles = await self.deps.roles(uow, draft.account_id)
        for admin in sorted(roles.admins):
            await self._direct(admin, Text("note.admins_waiting", args))

    async def on_approved(self, event: ev.Approved) -> None:
        key = "note.approved_delegated" if event.role == "deputy" else "note.approved"
        await self._update_and_say(
            event.draft_id, Text(key, {"actor": event.actor, "role": event.role})
        )

    async def on_changes_requested(self, event: ev.ChangesRequested) -> None:
        draft = await self._update_and_say(
            event.draft_id, Text("note.changes_requested", {"reason": event.reason})
        )
        args = {"draft": draft.id, "reason": event.reason}
        await self._direct(draft.author, Text("note.sent_back_author", args))

    async def on_declined(self, event: ev.Declined) -> None:
        draft = await self._update_and_say(
            event.draft_id, Text("note.declined", {"reason": event.reason})
        )
        args = {"draft": draft.id, "reason": event.reason}
        await self._direct(draft.author, Text("note.declined_author", args))

    async def on_revised(self, event: ev.Revised) -> None:
        await self._update_and_say(
            event.draft_id, Text("note.revised", {"revision": event.revision})
        )

    async def on_scheduled(self, event: ev.Scheduled) -> None:
        await self._update_and_say(event.draft_id, Text("note.scheduled", {"at": event.at}))

    async def on_refresh(self, event: ev.Event) -> None:
        draft, account, refs = await self._load(event.draft_id)
        await self._update_all(refs, build_card(draft, account))

    async def on_published(self, event: ev.Published) -> None:
        draft, account, _ = await self._load(event.draft_id)
        async with self.deps.uow() as uow:
            roles = await self.deps.roles(uow, draft.account_id)
            now = self.deps.clock.now()
            absences = await uow.absences.list(draft.account_id, ending_after=now)
        person = confirmer(roles, absences, now) or ""
        args = {"permalink": event.permalink, "confirmer": person}
        await self._update_and_say(event.draft_id, Text("note.published", args))
        if person:
            ask = Text("note.confirm_request", {"draft": draft.id, "permalink": event.permalink})
            await self._direct(person, ask, build_card(draft, account), draft.id)

    async def on_publish_failed(self, event: ev.PublishFailed) -> None:
        draft = await self._update_and_say(
            event.draft_id, Text("note.publish_failed", {"error": event.error})
        )
        approval = draft.last_decision("approve")
        async with self.deps.uow() as uow:
            roles = await self.deps.roles(uow, draft.account_id)
        audience = failure_audience(roles, draft.author, approval.actor if approval else None)
        for user in audience:
            await self._direct(user, Text("note.publish_failed", {"error": event.error}))

    async def on_confirmed(self, event: ev.Confirmed) -> None:
        await self._update_and_say(event.draft_id, Text("note.confirmed", {"actor": event.actor}))

    async def on_withdrawn(self, event: ev.Withdrawn) -> None:
        await self._update_and_say(event.draft_id, Text("note.withdrawn", {"actor": event.actor}))

    async def on_expired(self, event: ev.Expired) -> None:
        draft = await self._update_and_say(
            event.draft_id, Text("note.expired", {"at": event.wished_at})
        )
        args = {"draft": draft.id, "at": event.wished_at}
        await self._direct(draft.author, Text("note.expired_author", args))

    # --- plumbing -----------------------------------------------------------------------------

    async def _load(self, draft_id: str) -> tuple[Draft, Account, list[MessageRef]]:
        async with self.deps.uow() as uow:
            draft = await self.deps.load(uow, draft_id)
            refs = await uow.cards.list(draft_id)
        return draft, self.deps.account(draft.account_id), refs

    async def _update_and_say(self, draft_id: str, text: Text) -> Draft:
        draft, account, refs = await self._load(draft_id)
        await self._update_all(refs, build_card(draft, account))
        await self._thread(account, refs, text)
        return draft

    async def _ensure_channel_card(
        self, draft: Draft, account: Account, card: DraftCard, refs: list[MessageRef]
    ) -> list[MessageRef]:
        if any(ref.kind == "card" for ref in refs):
            await self._update_all(refs, card)
            return refs
        platform = platform_of(draft.author)
        notifier, channel = self.notifiers.get(platform), account.channels.get(platform, "")
        if notifier is None or not channel:
            await self._update_all(refs, card)
            return refs
        ref = await notifier.post_card(channel, card)
        await self._remember(draft.id, ref)
        return [ref, *refs]

    async def _update_all(self, refs: list[MessageRef], card: DraftCard) -> None:
        for ref in refs:
            notifier = self.notifiers.get(ref.platform)
            if notifier is None:
                continue
            try:
                await notifier.update_card(ref, card)
            except Exception:
                log.exception("could not update a card on %s", ref.platform)

    async def _thread(self, account: Account, refs: list[MessageRef], text: Text) -> None:
        for ref in refs:
            notifier = self.notifiers.get(ref.platform)
            if ref.kind == "card" and notifier is not None:
                await notifier.post_text(ref.channel, text, thread_id=ref.message_id)

    async def _direct(
        self, user: str, text: Text, card: DraftCard | None = None, draft_id: str = ""
    ) -> None:
        notifier = self.notifiers.get(platform_of(user))
        if notifier is None:
            log.info("no notifier for %s; direct message skipped", platform_of(user))
            return
        ref = await notifier.send_direct(user, text, card)
        if card is not None and draft_id:
            await self._remember(draft_id, replace(ref, kind="dm_card"))

    async def _remember(self, draft_id: str, ref: MessageRef) -> None:
        async with self.deps.uow() as uow:
            await uow.cards.add(draft_id, ref)
            await uow.commit()
