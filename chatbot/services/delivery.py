"""The delivery worker: sends the outbox through each platform's notifier, with retry.

Each row is claimed (so two workers never send the same row), sent, and settled in its own
transaction: delivered (card posts record their MessageRef then, so later updates find every
copy), or back to pending with a later time, or - after the platform's last attempt - failed,
audited, and shown in `/shonin queue`. Platforms are delivered side by side; within a platform,
rows go in the order they were written, and one failing row never holds back the others.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from chatbot.cards import DraftCard
from chatbot.domain.roles import platform_of
from chatbot.outbox import DeliveryState, Notification, NotifyOp, RetryPolicy
from chatbot.ports import ChatNotifier, MessageKind, MessageRef, ReminderRecord, Text, UnitOfWork
from chatbot.services.context import Deps, audit
from chatbot.services.queries import card_of
from chatbot.services.reminders import outdated

log = logging.getLogger(__name__)


class NotYet(Exception):
    """The row depends on one not delivered yet (a thread reply before its channel card)."""


class Outdated(Exception):
    """The row asks for something that no longer holds (``reminders.outdated``): never sent."""


class ChannelUnreachable(Exception):
    """A notifier's word that the bot may not post in a channel (not a member, no such channel).

    The row is retried as any other, and the account's admins are told by direct message - which
    needs no channel membership - which channel it is and how to fix it (``text_key``, a text the
    platform writes with arguments ``channel`` and ``code``), at most once per channel a day.
    """

    def __init__(self, message: str, channel: str, code: str, text_key: str) -> None:
        super().__init__(message)
        self.channel = channel
        self.code = code
        self.text_key = text_key


ALERT_KIND = "channel_alert"  # the reminder log's kind for "admins were told about a channel"


@dataclass
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    failed: list[int] = field(default_factory=list)
    skipped: int = 0  # outdated asks, never sent


class DeliveryWorker:
    def __init__(
        self,
        deps: Deps,
        notifiers: Mapping[str, ChatNotifier],
        policies: Mapping[str, RetryPolicy] | None = None,
    ) -> None:
        self.deps = deps
        self.notifiers = notifiers
        self.policies = dict(policies or {})
        self._wake = asyncio.Event()

    def policy(self, platform: str) -> RetryPolicy:
        return self.policies.get(platform, RetryPolicy())

    async def deliver_due(self, limit: int = 200) -> DeliveryReport:
        """One pass over what is due now; returns what happened."""
        now = self.deps.clock.now()
        if not self.notifiers:
            return DeliveryReport()  # e.g. a cron `shonin run-due`: `shonin serve` delivers
        async with self.deps.uow() as uow:
            due = await uow.notifications.due(now, limit, platforms=self.notifiers.keys())
        by_platform: dict[str, list[Notification]] = {}
        for row in due:
            by_platform.setdefault(row.platform, []).append(row)
        report = DeliveryReport()
        await asyncio.gather(*(self._platform(rows, report) for rows in by_platform.values()))
        return report

    async def run(self, stop: asyncio.Event, interval: float = 5.0) -> None:
        """Deliver until ``stop`` is set; ``kick()`` wakes it early after a commit."""
        while not stop.is_set():
            try:
                await self.deliver_due()
            except Exception:
                log.exception("notification delivery pass failed")
            self._wake.clear()
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
            await asyncio.wait(waiters, timeout=interval, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()

    def kick(self) -> None:
        self._wake.set()

    async def _platform(self, rows: list[Notification], report: DeliveryReport) -> None:
        for row in rows:
            await self._one(row, report)

    async def _one(self, row: Notification, report: DeliveryReport) -> None:
        assert row.id is not None
        now, policy = self.deps.clock.now(), self.policy(row.platform)
        async with self.deps.uow() as uow:
            claimed = await uow.notifications.claim(row.id, now, now + policy.lease)
            await uow.commit()
        if not claimed:
            return
        try:
            refs = await self._send(row)
        except Outdated:
            await self._skipped(row, report)
            return
        except Exception as error:
            await self._failed(row, error, report)
            return
        async with self.deps.uow() as uow:
            for ref in refs:
                await uow.cards.add(row.draft_id, ref)
            settled = self.deps.clock.now()
            await uow.notifications.settle(
                row.id, DeliveryState.DELIVERED, row.attempts + 1, settled, "", settled
            )
            await uow.commit()
        report.delivered += 1

    async def _skipped(self, row: Notification, report: DeliveryReport) -> None:
        assert row.id is not None
        now = self.deps.clock.now()
        async with self.deps.uow() as uow:
            await uow.notifications.settle(row.id, DeliveryState.SKIPPED, row.attempts, now)
            await uow.commit()
        log.info("%s about %s not sent: the draft changed since", row.text_key, row.draft_id)
        report.skipped += 1

    async def _failed(self, row: Notification, error: Exception, report: DeliveryReport) -> None:
        assert row.id is not None
        attempts, now = row.attempts + 1, self.deps.clock.now()
        policy = self.policy(row.platform)
        reason = f"{type(error).__name__}: {error}"[:300]
        give_up = attempts >= policy.max_attempts
        state = DeliveryState.FAILED if give_up else DeliveryState.PENDING
        async with self.deps.uow() as uow:
            await uow.notifications.settle(
                row.id, state, attempts, now + policy.delay(attempts), reason
            )
            if give_up:
                await self._audit_failure(uow, row, attempts, reason)
            if isinstance(error, ChannelUnreachable):
                await self._tell_admins(uow, row, error)
            await uow.commit()
        if give_up:
            log.warning("could not notify %s on %s (%s)", row.target, row.platform, reason)
            report.failed.append(row.id)
        else:
            report.retried += 1

    async def _tell_admins(
        self, uow: UnitOfWork, row: Notification, error: ChannelUnreachable
    ) -> None:
        """A DM to each admin of the account on their platform, once per channel and office day.

        "Once" is recorded in the reminder log (in this transaction), so it holds across
        restarts and between workers.
        """
        now = self.deps.clock.now()
        day = now.astimezone(self.deps.calendar(row.account_id).tz).date().isoformat()
        record = ReminderRecord(
            "", ALERT_KIND, f"{row.platform}:{error.channel}:{day}", "", now, row.account_id
        )
        if not await uow.reminders.record(record):
            return
        roles = await self.deps.roles(uow, row.account_id)
        args = {"channel": error.channel, "code": error.code, "account": row.account_id}
        told = 0
        for admin in sorted(roles.admins):
            platform = platform_of(admin)
            if platform not in self.notifiers:
                continue  # nothing here delivers there
            alert = Notification(
                row.account_id,
                "",
                platform,
                NotifyOp.DIRECT,
                admin,
                text_key=error.text_key,
                text_args=args,
                created_at=now,
            )
            await uow.notifications.add(alert)
            told += 1
        if not told:
            log.warning(
                "%s channel %s is unreachable (%s) and no admin can be told here",
                row.platform,
                error.channel,
                error.code,
            )

    async def _audit_failure(
        self, uow: UnitOfWork, row: Notification, attempts: int, reason: str
    ) -> None:
        details = {
            "platform": row.platform,
            "op": row.op.value,
            "target": row.target,
            "text": row.text_key,
            "attempts": attempts,
            "error": reason,
        }
        draft = await uow.drafts.get(row.draft_id)
        await audit(
            uow,
            self.deps,
            "shonin",
            "notification.undeliverable",
            draft=draft,
            account_id=row.account_id,
            details=details,
        )

    async def _send(self, row: Notification) -> list[MessageRef]:
        """Send one row; returns the card refs to remember."""
        notifier = self.notifiers.get(row.platform)
        if notifier is None:
            raise LookupError(f"no notifier for {row.platform}")
        text = Text(row.text_key, row.text_args)
        if not row.draft_id and row.op is NotifyOp.DIRECT:
            # about the account, not a draft (e.g. its Instagram token is about to expire)
            await notifier.send_direct(row.target, text)
            return []
        card, refs = await self._card_and_refs(row)
        if outdated(row, card):
            raise Outdated(row.text_key)
        if row.op is NotifyOp.POST_CARD:
            return [await notifier.post_card(row.target, card)]
        if row.op is NotifyOp.UPDATE_CARDS:
            for ref in refs:
                await notifier.update_card(ref, card)
            return []
        if row.op is NotifyOp.THREAD_TEXT:
            channel_cards = [r for r in refs if r.kind is MessageKind.CARD]
            if not channel_cards:
                raise NotYet("the channel card is not posted yet")
            for ref in channel_cards:
                await notifier.post_text(ref.channel, text, thread_id=ref.message_id)
            return []
        sent = await notifier.send_direct(row.target, text, card if row.with_card else None)
        return [replace(sent, kind=MessageKind.DM_CARD)] if row.with_card else []

    async def _card_and_refs(self, row: Notification) -> tuple[DraftCard, list[MessageRef]]:
        async with self.deps.uow() as uow:
            draft = await self.deps.load(uow, row.draft_id)
            refs = [r for r in await uow.cards.list(row.draft_id) if r.platform == row.platform]
            return await card_of(uow, self.deps, draft), refs
