from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from chatbot.calendar import CalendarSpec, OfficeCalendar, OperatingHours

JST = ZoneInfo("Asia/Tokyo")


def jst(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=JST)


@pytest.fixture
def cal() -> OfficeCalendar:
    return OfficeCalendar(CalendarSpec())


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 5, 6), "振替休日"),
        (date(2026, 9, 22), "国民の休日"),
        (date(2024, 2, 12), "振替休日"),
        (date(2026, 1, 12), "成人の日"),
        (date(2020, 7, 23), "海の日"),  # moved for the 2020 Olympics
        (date(2020, 7, 24), "スポーツの日"),
        (date(2020, 8, 10), "山の日"),
        (date(2026, 5, 6), "振替休日"),
        (date(2025, 11, 24), "振替休日"),
    ],
)
def test_national_holidays_are_closed_with_their_name(
    cal: OfficeCalendar, day: date, name: str
) -> None:
    assert day.weekday() < 5
    assert cal.closure_reason(day) == f"holiday:{name}"
    assert not cal.is_opening_day(day)
    assert cal.operating_window(day) is None


@pytest.mark.parametrize(
    "day",
    [
        date(2020, 7, 20),  # Marine Day's usual Monday, not a holiday in the Olympic year
        date(2020, 10, 12),  # Sports Day's usual Monday, moved to 7/24 in 2020
        date(2020, 8, 11),  # Mountain Day's usual date, moved to 8/10 in 2020
        date(2026, 9, 24),
        date(2025, 5, 7),
        date(2026, 12, 28),
        date(2027, 1, 4),
    ],
)
def test_ordinary_weekdays_are_opening_days(cal: OfficeCalendar, day: date) -> None:
    assert day.weekday() < 5
    assert cal.closure_reason(day) is None
    assert cal.is_opening_day(day)


def test_holiday_name_in_english(cal: OfficeCalendar) -> None:
    assert cal.holiday_name(date(2026, 1, 12), locale="en") == "Coming of Age Day"
    assert cal.holiday_name(date(2026, 1, 13), locale="en") is None


@pytest.mark.parametrize("day", [date(2026, 11, 28), date(2026, 11, 29)])
def test_weekends_are_closed(cal: OfficeCalendar, day: date) -> None:
    assert cal.closure_reason(day) == "weekend"


@pytest.mark.parametrize(
    "day",
    [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2026, 1, 2)],
)
def test_year_end_closure(cal: OfficeCalendar, day: date) -> None:
    assert not cal.is_opening_day(day)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2025, 12, 29), "year_end"),
        (date(2025, 12, 31), "year_end"),
        (date(2026, 1, 2), "year_end"),
        (date(2025, 1, 3), "year_end"),
        (date(2026, 1, 1), "holiday:元日"),
    ],
)
def test_year_end_closure_reason(cal: OfficeCalendar, day: date, reason: str) -> None:
    assert cal.closure_reason(day) == reason


def test_year_end_closure_off() -> None:
    cal = OfficeCalendar(CalendarSpec(year_end_closure=None))
    assert cal.is_opening_day(date(2025, 12, 29))
    assert cal.is_opening_day(date(2026, 1, 2))
    assert not cal.is_opening_day(date(2026, 1, 1))  # still a national holiday


def test_year_end_closure_changed_without_wrap() -> None:
    cal = OfficeCalendar(CalendarSpec(year_end_closure=((12, 26), (12, 31))))
    assert cal.closure_reason(date(2025, 12, 26)) == "year_end"
    assert cal.is_opening_day(date(2025, 12, 25))
    assert cal.is_opening_day(date(2026, 1, 2))


def test_national_holidays_off() -> None:
    cal = OfficeCalendar(CalendarSpec(national_holidays=False))
    assert cal.is_opening_day(date(2025, 5, 6))
    assert cal.closure_reason(date(2025, 5, 3)) == "weekend"


def test_extra_closed_and_extra_open() -> None:
    cal = OfficeCalendar(
        CalendarSpec(
            extra_closed=frozenset({date(2026, 12, 1)}),
            extra_open=frozenset({date(2026, 11, 28), date(2025, 5, 6), date(2025, 12, 30)}),
        )
    )
    assert cal.closure_reason(date(2026, 12, 1)) == "closed"
    assert cal.is_opening_day(date(2026, 11, 28))  # a Saturday event day
    assert cal.is_opening_day(date(2025, 5, 6))
    assert cal.is_opening_day(date(2025, 12, 30))


def test_every_day_kind_opens_weekends_and_holidays_but_keeps_hours() -> None:
    cal = OfficeCalendar(
        CalendarSpec(kind="every-day", extra_closed=frozenset({date(2026, 12, 2)}))
    )
    for day in (date(2026, 11, 28), date(2026, 1, 1), date(2025, 12, 30)):
        assert cal.is_opening_day(day)
    assert cal.closure_reason(date(2026, 12, 2)) == "closed"
    assert cal.is_operating(jst(2026, 11, 29, 9))
    assert not cal.is_operating(jst(2026, 11, 29, 18))
    assert cal.next_operating(jst(2026, 11, 28, 18)) == jst(2026, 11, 29, 8, 30)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (jst(2026, 12, 1, 8, 29, 59), False),
        (jst(2026, 12, 1, 8, 30), True),
        (jst(2026, 12, 1, 12), True),
        (jst(2026, 12, 1, 17, 14, 59), True),
        (jst(2026, 12, 1, 17, 15), False),
        (jst(2026, 11, 28, 10), False),  # Saturday
        (jst(2026, 11, 23, 10), False),  # 勤労感謝の日
        (datetime(2026, 12, 1, 8, 14, 59, tzinfo=UTC), True),  # 17:14:59 JST
        (datetime(2026, 12, 1, 8, 15, tzinfo=UTC), False),  # 17:15 JST
        (datetime(2026, 11, 30, 23, 30, tzinfo=UTC), True),  # Tue 08:30 JST
        (datetime(2026, 12, 1, 3, 0, tzinfo=timezone(timedelta(hours=-5))), True),  # 17:00 JST
    ],
)
def test_is_operating(cal: OfficeCalendar, at: datetime, expected: bool) -> None:
    assert cal.is_operating(at) is expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (jst(2026, 12, 1, 10, 5), jst(2026, 12, 1, 10, 5)),  # already inside: unchanged
        (jst(2026, 12, 1, 6), jst(2026, 12, 1, 8, 30)),
        (jst(2026, 12, 1, 17, 14, 59), jst(2026, 12, 1, 17, 14, 59)),
        (jst(2026, 12, 1, 17, 15), jst(2026, 12, 2, 8, 30)),
        (jst(2026, 12, 4, 18), jst(2026, 12, 7, 8, 30)),  # Friday evening -> Monday
        (jst(2026, 1, 9, 18), jst(2026, 1, 13, 8, 30)),  # Monday 1/12 is 成人の日
        (jst(2025, 12, 26, 18), jst(2026, 1, 5, 8, 30)),  # 1/4/2026 is a Sunday
        (jst(2026, 12, 28, 18), jst(2027, 1, 4, 8, 30)),  # 1/4/2027 is a Monday
        (jst(2027, 12, 28, 18), jst(2028, 1, 4, 8, 30)),  # 1/4/2028 is a Tuesday
        (jst(2025, 5, 2, 18), jst(2025, 5, 7, 8, 30)),  # Golden Week + 振替休日
        (jst(2026, 9, 18, 18), jst(2026, 9, 24, 8, 30)),  # Silver Week with 国民の休日
        (datetime(2026, 12, 4, 9, 0, tzinfo=UTC), jst(2026, 12, 7, 8, 30)),  # Fri 18:00 JST
        (datetime(2026, 12, 1, 0, 0, tzinfo=UTC), jst(2026, 12, 1, 9, 0)),
    ],
)
def test_next_operating(cal: OfficeCalendar, at: datetime, expected: datetime) -> None:
    got = cal.next_operating(at)
    assert got == expected
    assert got.tzinfo == JST
    assert cal.is_operating(got)


def test_next_operating_keeps_subsecond_precision(cal: OfficeCalendar) -> None:
    at = jst(2026, 12, 1, 10).replace(microsecond=123)
    assert cal.next_operating(at) == at


def test_operating_window(cal: OfficeCalendar) -> None:
    assert cal.operating_window(date(2026, 12, 1)) == (
        jst(2026, 12, 1, 8, 30),
        jst(2026, 12, 1, 17, 15),
    )
    assert cal.operating_window(date(2026, 12, 5)) is None


def test_custom_hours() -> None:
    cal = OfficeCalendar(CalendarSpec(hours=OperatingHours(time(9), time(17))))
    assert cal.operating_window(date(2026, 12, 1)) == (jst(2026, 12, 1, 9), jst(2026, 12, 1, 17))
    assert cal.next_operating(jst(2026, 12, 1, 17)) == jst(2026, 12, 2, 9)


def test_other_timezone() -> None:
    cal = OfficeCalendar(CalendarSpec(kind="every-day", timezone="UTC"))
    assert cal.tz == ZoneInfo("UTC")
    assert cal.is_operating(jst(2026, 12, 1, 18))  # 09:00 UTC
    assert not cal.is_operating(jst(2026, 12, 1, 10))  # 01:00 UTC


@pytest.mark.parametrize("method", ["is_operating", "next_operating"])
def test_naive_datetime_is_rejected(cal: OfficeCalendar, method: str) -> None:
    with pytest.raises(ValueError, match="naive"):
        getattr(cal, method)(datetime(2026, 12, 1, 10))


def test_everything_closed_raises_instead_of_looping() -> None:
    start = date(2026, 12, 1)
    closed = frozenset(start + timedelta(days=i) for i in range(800))
    cal = OfficeCalendar(CalendarSpec(kind="every-day", extra_closed=closed))
    with pytest.raises(ValueError, match="no operating hours"):
        cal.next_operating(jst(2026, 12, 1))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"timezone": "Mars/Olympus"},
        {"year_end_closure": ((13, 1), (1, 3))},
        {"year_end_closure": ((12, 29), (2, 30))},
        {
            "extra_open": frozenset({date(2026, 12, 1)}),
            "extra_closed": frozenset({date(2026, 12, 1)}),
        },
        {"kind": "weekdays"},
    ],
)
def test_bad_spec_is_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        OfficeCalendar(CalendarSpec(**kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize(("opens", "closes"), [(time(17), time(9)), (time(9), time(9))])
def test_bad_hours_are_rejected(opens: time, closes: time) -> None:
    with pytest.raises(ValueError):
        OperatingHours(opens, closes)
