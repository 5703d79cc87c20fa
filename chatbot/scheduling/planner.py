"""Pure scheduling decisions: whether a due post may go out now, and when to retry."""

from __future__ import annotations

from datetime import datetime, timedelta

from chatbot.calendar import OfficeCalendar

RETRY_BASE = timedelta(minutes=5)
RETRY_CAP = timedelta(hours=2)


def hold_reason(calendar: OfficeCalendar, now: datetime, suspended: bool) -> str:
    """Why a due post must wait (empty when it may be published now)."""
    if suspended:
        return "suspended"
    if not calendar.is_operating(now):
        return "outside_hours"
    return ""


def retry_at(calendar: OfficeCalendar, now: datetime, attempts: int) -> datetime:
    """Exponential backoff from 5 minutes, capped at 2 hours, moved into operating hours."""
    delay = min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_CAP)
    candidate = now + delay
    return candidate if calendar.is_operating(candidate) else calendar.next_operating(candidate)
