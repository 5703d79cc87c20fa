"""What is due: reminders and escalation in office time (pure, no storage, no clock)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chatbot.calendar import CalendarSpec, OfficeCalendar
from chatbot.scheduling.reminders import (
    Kind,
    ReminderPolicy,
    Waiting,
    add_office_time,
    escalation_deadline,
    plan,
    subtract_office_time,
)

JST = ZoneInfo("Asia/Tokyo")
CAL = OfficeCalendar(CalendarSpec())  # 8:30–17:15, weekends, holidays, 12/29–1/3 closed
OFFICER, DEPUTY = "slack:UOFF", "slack:UDEP"
DEFAULT = ReminderPolicy()


def jst(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JST)


def waiting(
    requested: datetime,
    wished: datetime | None = None,
    *,
    role: str = "officer",
    approver: str = OFFICER,
    deputy: str | None = DEPUTY,
    revision: int = 1,
) -> Waiting:
    return Waiting("d1", revision, approver, role, requested, wished, deputy)


def kinds(found: list) -> list[tuple[str, str, bool]]:  # type: ignore[type-arg]
    return [(d.kind.value, d.target, d.silent) for d in found]


# --- office time ----------------------------------------------------------------------------


def test_office_time_skips_nights_weekends_and_holidays() -> None:
    # Friday 4 Dec 16:15 + 2 h: 1 h on Friday, then Monday 7 Dec from 8:30
    assert add_office_time(CAL, jst(12, 4, 16, 15), timedelta(hours=2)) == jst(12, 7, 9, 30)
    assert subtract_office_time(CAL, jst(12, 7, 9, 30), timedelta(hours=2)) == jst(12, 4, 16, 15)
    # from the night, counting starts at the next opening
    assert add_office_time(CAL, jst(12, 5, 23), timedelta(hours=1)) == jst(12, 7, 9, 30)
    # 23 Nov 2026 is a national holiday (勤労感謝の日, Monday): Friday 20 Nov is the day before
    assert subtract_office_time(CAL, jst(11, 24, 9), timedelta(hours=1)) == jst(11, 20, 16, 45)


def test_office_time_before_a_time_outside_hours_counts_from_closing() -> None:
    assert subtract_office_time(CAL, jst(12, 1, 20), timedelta(hours=2)) == jst(12, 1, 15, 15)
    assert subtract_office_time(CAL, jst(12, 1, 20), timedelta(0)) == jst(12, 1, 17, 15)


def test_office_time_over_the_year_end_closure() -> None:
    # 28 Dec (Mon) 17:15 closes; 29 Dec – 3 Jan closed; 4 Jan 2027 (Mon) opens
    got = add_office_time(CAL, jst(12, 28, 16, 15), timedelta(hours=2))
    assert got == datetime(2027, 1, 4, 9, 30, tzinfo=JST)


@pytest.mark.parametrize("hours", [0.5, 1, 2, 8.75, 9, 20, 40])
def test_add_and_subtract_are_inverse(hours: float) -> None:
    start = jst(12, 2, 11, 20)
    end = add_office_time(CAL, start, timedelta(hours=hours))
    assert subtract_office_time(CAL, end, timedelta(hours=hours)) == start
    assert CAL.is_operating(end) or end == CAL.operating_window(end.date())[1]  # type: ignore[index]


# --- reminders ----------------------------------------------------------------------------


def test_reminded_two_office_hours_before_the_wished_time() -> None:
    item = waiting(jst(12, 1, 9), jst(12, 3, 14), deputy=None)
    done = {("opening", f"2026-12-03:{OFFICER}")}
    assert plan(item, CAL, DEFAULT, jst(12, 3, 11, 59), done) == []
    due = plan(item, CAL, DEFAULT, jst(12, 3, 12), done)
    assert [(d.kind, d.target, d.since, d.slot) for d in due] == [
        (Kind.BEFORE_WISHED, OFFICER, jst(12, 3, 12), "r1:" + OFFICER)
    ]


def test_opening_reminder_each_office_day_once() -> None:
    item = waiting(jst(12, 1, 15), None, deputy=None)
    policy = ReminderPolicy(escalate_after_hours=0)
    assert plan(item, CAL, policy, jst(12, 1, 16)) == []  # asked today after opening
    first = plan(item, CAL, policy, jst(12, 2, 8, 30))
    assert [(d.kind, d.slot) for d in first] == [(Kind.OPENING, f"2026-12-02:{OFFICER}")]
    done = {(first[0].kind.value, first[0].slot)}
    assert plan(item, CAL, policy, jst(12, 2, 15), done) == []  # at most once a day
    later = plan(item, CAL, policy, jst(12, 3, 9), done)
    assert [d.slot for d in later] == [f"2026-12-03:{OFFICER}"]


def test_nothing_outside_office_hours_or_on_closed_days() -> None:
    item = waiting(jst(12, 1, 9), jst(12, 8, 10))
    for now in (jst(12, 2, 8, 29), jst(12, 2, 17, 15), jst(12, 5, 10), jst(12, 6, 12)):
        assert plan(item, CAL, DEFAULT, now) == [], now


def test_wished_time_near_opening_reminds_the_evening_before() -> None:
    # wished Thursday 9:00: two office hours before is Wednesday 15:45
    item = waiting(jst(12, 1, 10), jst(12, 3, 9), deputy=None)
    assert (
        plan(item, CAL, DEFAULT, jst(12, 2, 15, 44), {("opening", f"2026-12-02:{OFFICER}")}) == []
    )
    due = plan(item, CAL, DEFAULT, jst(12, 2, 15, 45), {("opening", f"2026-12-02:{OFFICER}")})
    assert [d.kind for d in due] == [Kind.BEFORE_WISHED]
    # Thursday at opening the sharper notice is already recorded: only the opening one is left
    done = {(Kind.BEFORE_WISHED.value, f"r1:{OFFICER}")}
    assert kinds(plan(item, CAL, DEFAULT, jst(12, 3, 8, 30), done)) == [("opening", OFFICER, False)]


def test_both_due_at_once_sends_one_and_records_the_other() -> None:
    item = waiting(jst(12, 1, 10), jst(12, 2, 10, 30), deputy=None)  # 2 h before = 8:30 opening
    due = plan(item, CAL, DEFAULT, jst(12, 2, 8, 30))
    assert kinds(due) == [("before_wished", OFFICER, False), ("opening", OFFICER, True)]


def test_asked_close_to_the_wished_time_gets_no_extra_reminder() -> None:
    item = waiting(jst(12, 1, 13), jst(12, 1, 14), deputy=None)
    assert plan(item, CAL, DEFAULT, jst(12, 1, 13, 30)) == []


def test_nothing_after_the_wished_time() -> None:
    item = waiting(jst(12, 1, 9), jst(12, 2, 10))
    assert plan(item, CAL, DEFAULT, jst(12, 2, 10)) == []


def test_policy_can_turn_everything_off() -> None:
    off = ReminderPolicy(before_wished_hours=0, at_opening=False, escalate_after_hours=0)
    item = waiting(jst(12, 1, 9), jst(12, 4, 10))
    assert plan(item, CAL, off, jst(12, 4, 9, 30)) == []


def test_policy_refuses_negative_hours() -> None:
    with pytest.raises(ValueError, match="before_wished_hours"):
        ReminderPolicy(before_wished_hours=-1)


# --- escalation ---------------------------------------------------------------------------


def test_escalates_after_eight_office_hours() -> None:
    item = waiting(jst(12, 1, 10), None)
    # 10:00–17:15 is 7 h 15 min; the other 45 min run from 8:30 the next office day
    assert escalation_deadline(item, CAL, DEFAULT) == jst(12, 2, 9, 15)
    assert [d.kind for d in plan(item, CAL, DEFAULT, jst(12, 2, 9, 14))] == [Kind.OPENING]
    due = plan(item, CAL, DEFAULT, jst(12, 2, 9, 15), {("opening", f"2026-12-02:{OFFICER}")})
    assert [(d.kind, d.target, d.slot) for d in due] == [
        (Kind.ESCALATION, DEPUTY, "r1"),
        (Kind.OPENING, DEPUTY, f"2026-12-02:{DEPUTY}"),
    ]
    assert due[1].silent  # the escalation message already says it


def test_escalation_comes_before_the_wished_time() -> None:
    item = waiting(jst(12, 1, 10), jst(12, 1, 15))
    assert escalation_deadline(item, CAL, DEFAULT) == jst(12, 1, 14)


def test_no_time_left_escalates_at_once() -> None:
    item = waiting(jst(12, 1, 14, 30), jst(12, 1, 15))
    assert escalation_deadline(item, CAL, DEFAULT) == jst(12, 1, 14, 30)
    assert [d.kind for d in plan(item, CAL, DEFAULT, jst(12, 1, 14, 30))] == [Kind.ESCALATION]


def test_escalated_once_per_revision_then_both_are_reminded() -> None:
    item = waiting(jst(12, 1, 10), None)
    done = {("escalation", "r1")}
    due = plan(item, CAL, DEFAULT, jst(12, 3, 8, 30), done)
    assert kinds(due) == [("opening", OFFICER, False), ("opening", DEPUTY, False)]
    revised = waiting(jst(12, 3, 9), None, revision=2)
    assert plan(revised, CAL, DEFAULT, jst(12, 3, 10), done) == []


def test_deputy_acting_for_an_absent_officer_is_reminded_but_never_escalated() -> None:
    item = waiting(jst(12, 1, 10), None, role="deputy", approver=DEPUTY, deputy=None)
    due = plan(item, CAL, DEFAULT, jst(12, 4, 8, 30))
    assert kinds(due) == [("opening", DEPUTY, False)]


def test_no_deputy_available_means_no_escalation() -> None:
    item = waiting(jst(12, 1, 10), None, deputy=None)
    assert [d.kind for d in plan(item, CAL, DEFAULT, jst(12, 4, 10))] == [Kind.OPENING]


def test_every_day_calendar_counts_weekends() -> None:
    every = OfficeCalendar(CalendarSpec(kind="every-day"))
    start = jst(12, 4, 16, 15)  # Friday
    assert add_office_time(every, start, timedelta(hours=2)) == jst(12, 5, 9, 30)
    assert every.is_opening_day(date(2026, 12, 5))


def test_a_reroute_does_not_push_the_escalation_deadline_back() -> None:
    """Asked at 10:00 Tuesday, moved away and back at 14:00: escalation still counts from 10:00,
    while reminders count from when the current approver was asked (14:00)."""
    first = jst(12, 1, 10)
    item = replace(waiting(jst(12, 1, 14)), first_requested_at=first)
    assert escalation_deadline(item, CAL, DEFAULT) == jst(12, 2, 9, 15)
    assert escalation_deadline(waiting(jst(12, 1, 14)), CAL, DEFAULT) == jst(12, 2, 13, 15)
    due = plan(item, CAL, DEFAULT, jst(12, 2, 9, 15), {("opening", f"2026-12-02:{OFFICER}")})
    assert next((d.kind, d.since) for d in due) == (Kind.ESCALATION, jst(12, 2, 9, 15))
    # the opening reminder is about the current approver's request (14:00 the day before)
    assert [d.kind for d in plan(item, CAL, DEFAULT, jst(12, 2, 8, 30))] == [Kind.OPENING]
