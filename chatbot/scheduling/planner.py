"""Pure scheduling decisions: whether a due post may go out now, when to retry, and when the
rolling 24-hour publishing limit lets the next post through."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from chatbot.calendar import OfficeCalendar

RETRY_BASE = timedelta(minutes=5)
RETRY_CAP = timedelta(hours=2)
LIMIT_WINDOW = timedelta(hours=24)
UNKNOWN_LIMIT_WAIT = timedelta(hours=1)  # the limit is used up by posts shonin did not make


def hold_reason(
    calendar: OfficeCalendar, now: datetime, suspended: bool, *, override: bool = False
) -> str:
    """Why a due post must wait (empty when it may be published now).

    ``override``: the officer ordered it out at once with a written reason (disaster and
    emergency notices): operating hours no longer hold it, a suspension still does.
    """
    if suspended:
        return "suspended"
    if not override and not calendar.is_operating(now):
        return "outside_hours"
    return ""


def retry_at(calendar: OfficeCalendar, now: datetime, attempts: int) -> datetime:
    """Exponential backoff from 5 minutes, capped at 2 hours, moved into operating hours."""
    delay = min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_CAP)
    return _in_hours(calendar, now + delay)


def limit_frees_at(
    calendar: OfficeCalendar,
    now: datetime,
    used: int,
    total: int,
    published: Iterable[datetime],
) -> datetime:
    """When the rolling 24-hour limit next lets a post through, inside operating hours.

    ``published``: when this account's posts went out (those older than 24 hours are ignored).
    A post leaves the window 24 hours after it was published; ``used - total + 1`` must leave.
    """
    if used < total:
        return now
    window = sorted(at for at in published if now - LIMIT_WINDOW < at <= now)
    leaving = used - total + 1
    if len(window) >= leaving:
        return _in_hours(calendar, max(window[leaving - 1] + LIMIT_WINDOW, now))
    return _in_hours(calendar, now + UNKNOWN_LIMIT_WAIT)


def _in_hours(calendar: OfficeCalendar, at: datetime) -> datetime:
    return at if calendar.is_operating(at) else calendar.next_operating(at)
