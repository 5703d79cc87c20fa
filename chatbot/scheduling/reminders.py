"""Pure planning of reminders and escalation: which notices about a waiting draft are due now.

Time here is *office time*: only the operating hours of opening days count (``chatbot.calendar``),
so "2 office hours before 9:00 on Monday" is Friday 16:15 when the office closes at 17:15 and
opens at 8:30. Nothing is ever due outside operating hours. Each notice has a key (draft, kind,
slot) that the service records before it sends, so it goes out at most once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from chatbot.calendar import OfficeCalendar

_SEARCH_LIMIT_DAYS = 732  # as chatbot.calendar: two closed years in a row is a misconfiguration


class Kind(StrEnum):
    BEFORE_WISHED = "before_wished"  # N office hours before the wished time
    OPENING = "opening"  # at opening, every office day the draft has been waiting since
    ESCALATION = "escalation"  # the officer has not decided by the deadline: the deputy is asked
    # Not a notice: when the revision was first sent for approval, kept when a reroute (an
    # absence, a change of roles) asks someone else, so the escalation clock is not restarted.
    REQUESTED = "requested"


@dataclass(frozen=True)
class ReminderPolicy:
    """When approvers are reminded and drafts escalate; hours are office hours (0 turns off)."""

    before_wished_hours: float = 2.0
    at_opening: bool = True
    escalate_after_hours: float = 8.0  # after the approval request (one office day)
    escalate_before_wished_hours: float = 1.0  # escalate at the latest this long before

    def __post_init__(self) -> None:
        for name in ("before_wished_hours", "escalate_after_hours", "escalate_before_wished_hours"):
            value = getattr(self, name)
            if not 0 <= value <= 24 * 30:
                raise ValueError(f"{name} must be between 0 and 720 office hours, not {value}")


@dataclass(frozen=True)
class Waiting:
    """What the planner knows about one draft waiting for a decision."""

    draft_id: str
    revision: int
    approver: str  # the acting approver the draft is with
    role: str  # officer | deputy
    requested_at: datetime  # when the current approver was asked (reminders count from here)
    wished_at: datetime | None
    deputy: str | None = None  # who it would escalate to; None when nobody can take it now
    # When the revision was first sent for approval (escalation counts from here); None: the
    # same as requested_at (the draft was never rerouted).
    first_requested_at: datetime | None = None

    @property
    def clock_start(self) -> datetime:
        return self.first_requested_at or self.requested_at


@dataclass(frozen=True)
class Due:
    """One notice to send now; ``(draft_id, kind, slot)`` is its at-most-once key."""

    draft_id: str
    kind: Kind
    slot: str
    target: str
    since: datetime  # when it became due
    silent: bool = False  # recorded but not sent: another notice of this pass says the same


def plan(
    waiting: Waiting,
    calendar: OfficeCalendar,
    policy: ReminderPolicy,
    now: datetime,
    done: Collection[tuple[str, str]] = (),
) -> list[Due]:
    """The notices due at ``now`` that are not in ``done`` (recorded (kind, slot) pairs)."""
    if not calendar.is_operating(now):
        return []
    if waiting.wished_at is not None and now >= waiting.wished_at:
        return []  # too late for anyone: the draft expires
    found: list[Due] = []
    escalation = _escalation(waiting, calendar, policy, now)
    if escalation is not None:
        found.append(escalation)
    escalated = escalation is not None or (Kind.ESCALATION.value, _rev(waiting)) in done
    targets = [waiting.approver]
    if escalated and waiting.deputy and waiting.deputy != waiting.approver:
        targets.append(waiting.deputy)
    for target in targets:
        found.extend(_reminders(waiting, calendar, policy, now, target))
    fresh = [d for d in found if (d.kind.value, d.slot) not in done]
    # the officer hears of an escalation in the same pass (an FYI copy)
    told = {waiting.approver} if escalation is not None and escalation in fresh else set()
    return _quiet_duplicates(fresh, told)


def _rev(waiting: Waiting) -> str:
    return f"r{waiting.revision}"


def _escalation(
    waiting: Waiting, calendar: OfficeCalendar, policy: ReminderPolicy, now: datetime
) -> Due | None:
    if waiting.role != "officer" or not waiting.deputy or not policy.escalate_after_hours:
        return None
    deadline = escalation_deadline(waiting, calendar, policy)
    if now < deadline:
        return None
    return Due(waiting.draft_id, Kind.ESCALATION, _rev(waiting), waiting.deputy, deadline)


def escalation_deadline(
    waiting: Waiting, calendar: OfficeCalendar, policy: ReminderPolicy
) -> datetime:
    """N office hours after the revision was first sent for approval, before the wished time.

    A reroute (the officer's absence and return, a change of roles) does not push it back.
    """
    after = timedelta(hours=policy.escalate_after_hours)
    deadline = add_office_time(calendar, waiting.clock_start, after)
    if waiting.wished_at is not None:
        margin = timedelta(hours=policy.escalate_before_wished_hours)
        deadline = min(deadline, subtract_office_time(calendar, waiting.wished_at, margin))
    return max(deadline, waiting.clock_start)


def _reminders(
    waiting: Waiting, calendar: OfficeCalendar, policy: ReminderPolicy, now: datetime, target: str
) -> list[Due]:
    found = []
    wished = waiting.wished_at
    if wished is not None and policy.before_wished_hours:
        at = subtract_office_time(calendar, wished, timedelta(hours=policy.before_wished_hours))
        # asked after that point: the request itself was the reminder
        if waiting.requested_at <= at <= now:
            slot = f"{_rev(waiting)}:{target}"
            found.append(Due(waiting.draft_id, Kind.BEFORE_WISHED, slot, target, at))
    if policy.at_opening:
        window = calendar.operating_window(now.astimezone(calendar.tz).date())
        if window is not None and waiting.requested_at < window[0] <= now:
            slot = f"{window[0].date().isoformat()}:{target}"
            found.append(Due(waiting.draft_id, Kind.OPENING, slot, target, window[0]))
    return found


def _quiet_duplicates(found: list[Due], told: set[str]) -> list[Due]:
    """One message a person per pass: an opening reminder beside a sharper one is only recorded."""
    louder = told | {d.target for d in found if d.kind is not Kind.OPENING}
    return [
        Due(d.draft_id, d.kind, d.slot, d.target, d.since, silent=True)
        if d.kind is Kind.OPENING and d.target in louder
        else d
        for d in found
    ]


# --- office time ----------------------------------------------------------------------------


def add_office_time(calendar: OfficeCalendar, start: datetime, amount: timedelta) -> datetime:
    """The instant at which ``amount`` of operating time has passed since ``start``."""
    at = calendar.next_operating(start)
    remaining = amount
    for _ in range(_SEARCH_LIMIT_DAYS):
        window = calendar.operating_window(at.date())
        if window is None:  # next_operating only returns instants inside a window
            raise ValueError(f"no operating window on {at.date()}")
        available = window[1] - at
        if remaining <= available:
            return at + remaining
        remaining -= available
        at = calendar.next_operating(window[1])
    raise ValueError(f"{amount} of office time does not fit in {_SEARCH_LIMIT_DAYS} days")


def subtract_office_time(calendar: OfficeCalendar, end: datetime, amount: timedelta) -> datetime:
    """The latest instant from which ``amount`` of operating time remains until ``end``."""
    local = end.astimezone(calendar.tz)
    day = local.date()
    remaining = amount
    limit: datetime | None = local
    for _ in range(_SEARCH_LIMIT_DAYS):
        window = calendar.operating_window(day)
        if window is not None:
            opens, closes = window
            top = closes if limit is None else min(limit, closes)
            if top > opens:
                if remaining <= top - opens:
                    return top - remaining
                remaining -= top - opens
        limit = None
        day -= timedelta(days=1)
    raise ValueError(f"{amount} of office time does not fit in {_SEARCH_LIMIT_DAYS} days")
