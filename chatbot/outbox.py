"""The notification outbox: what the core decided to tell people, kept until it is delivered.

Rows are written in the same transaction as the change they announce (a commit hook), and a
delivery worker (``chatbot.services.delivery``) sends them through each platform's notifier with
retry and back-off. Cards are built at delivery time from the draft as it then stands, so a late
delivery never shows a stale state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class NotifyOp(StrEnum):
    POST_CARD = "post_card"  # the draft's card in the account channel (target: channel)
    UPDATE_CARDS = "update_cards"  # every copy of the card on this platform
    THREAD_TEXT = "thread_text"  # a text in the thread of the channel card
    DIRECT = "direct"  # a DM to one person (target: user), with the card if ``with_card``


class DeliveryState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # gave up after the platform's attempts: shown in /shonin queue, audited
    SKIPPED = "skipped"  # no longer true when its turn came (a reminder about a decided draft)


@dataclass(frozen=True)
class Notification:
    account_id: str
    draft_id: str
    platform: str
    op: NotifyOp
    target: str = ""
    text_key: str = ""
    text_args: dict[str, Any] = field(default_factory=dict)
    with_card: bool = False
    state: DeliveryState = DeliveryState.PENDING
    attempts: int = 0
    next_at: datetime | None = None  # None: as soon as possible (the row's created_at)
    last_error: str = ""
    created_at: datetime | None = None
    delivered_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class Backlog:
    """The rows of one platform still waiting to be delivered, and since when."""

    platform: str
    pending: int
    oldest: datetime  # created_at of the oldest pending row


# A row pending longer than this is not a retry in progress: nobody may be delivering its
# platform (no `shonin serve` with that platform running); /shonin queue and /healthz say so.
STUCK_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class RetryPolicy:
    """Back-off for one platform: first_delay, then doubling, at most max_delay, then give up."""

    max_attempts: int = 6
    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(minutes=30)
    lease: timedelta = timedelta(minutes=2)  # a claimed row is not claimed again before this

    def delay(self, attempts: int) -> timedelta:
        return min(self.first_delay * (1 << max(attempts - 1, 0)), self.max_delay)
