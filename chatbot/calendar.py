"""Office opening days (開庁日) and operating hours (運用時間) for one account."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

CalendarKind = Literal["jp-government", "every-day"]
MonthDay = tuple[int, int]
ClosureRange = tuple[MonthDay, MonthDay]

# Two years of closed days in a row can only be a misconfiguration; stop there instead of looping.
_SEARCH_LIMIT_DAYS = 732
_SATURDAY = 5


@dataclass(frozen=True)
class OperatingHours:
    """Daily operating hours as a half-open interval: `closes` itself is outside."""

    opens: time = time(8, 30)
    closes: time = time(17, 15)

    def __post_init__(self) -> None:
        if self.opens.tzinfo is not None or self.closes.tzinfo is not None:
            raise ValueError("operating hours are wall-clock times and must be naive")
        if self.opens >= self.closes:
            raise ValueError(f"opens ({self.opens}) must be before closes ({self.closes})")


def _valid_month_day(month_day: MonthDay) -> bool:
    month, day = month_day
    try:
        date(2000, month, day)  # a leap year, so 2/29 is accepted
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class CalendarSpec:
    """How an account's office decides its opening days and hours.

    `year_end_closure` is an inclusive (month, day) range that may wrap the new year; None turns
    it off. `extra_open` wins over every closure (e.g. a Saturday event day).
    """

    kind: CalendarKind = "jp-government"
    timezone: str = "Asia/Tokyo"
    hours: OperatingHours = field(default_factory=OperatingHours)
    national_holidays: bool = True
    year_end_closure: ClosureRange | None = ((12, 29), (1, 3))
    extra_closed: frozenset[date] = frozenset()
    extra_open: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if self.kind not in ("jp-government", "every-day"):
            raise ValueError(f"unknown calendar kind: {self.kind!r}")
        if self.year_end_closure is not None and not all(
            _valid_month_day(md) for md in self.year_end_closure
        ):
            raise ValueError(f"invalid year_end_closure: {self.year_end_closure!r}")
        both = self.extra_closed & self.extra_open
        if both:
            listed = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"dates both in extra_closed and extra_open: {listed}")


def _in_closure(day: date, closure: ClosureRange) -> bool:
    start, end = closure
    key = (day.month, day.day)
    if start <= end:
        return start <= key <= end
    return key >= start or key <= end


class OfficeCalendar:
    """Answers whether the office is open on a day or at an instant, and when it next opens."""

    def __init__(self, spec: CalendarSpec) -> None:
        self.spec = spec
        try:
            self.tz = ZoneInfo(spec.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone: {spec.timezone!r}") from exc
        self._holidays: dict[tuple[int, str], dict[date, str]] = {}

    def _holidays_of(self, year: int, language: str) -> dict[date, str]:
        key = (year, language)
        cached = self._holidays.get(key)
        if cached is None:
            found = holidays.country_holidays("JP", years=year, language=language)
            cached = {d: str(name) for d, name in found.items()}
            self._holidays[key] = cached
        return cached

    def holiday_name(self, day: date, *, locale: str = "ja") -> str | None:
        """The national holiday's name (祝日名) in the locale, or None on an ordinary day."""
        language = "en_US" if locale.lower().startswith("en") else "ja"
        return self._holidays_of(day.year, language).get(day)

    def closure_reason(self, day: date) -> str | None:
        """Why the office is closed on `day`, or None on an opening day.

        One of "closed" (extra_closed), "weekend", "holiday:<祝日名>", "year_end".
        """
        spec = self.spec
        if day in spec.extra_open:
            return None
        if day in spec.extra_closed:
            return "closed"
        if spec.kind == "every-day":
            return None
        if day.weekday() >= _SATURDAY:
            return "weekend"
        if spec.national_holidays:
            name = self.holiday_name(day)
            if name is not None:
                return f"holiday:{name}"
        if spec.year_end_closure is not None and _in_closure(day, spec.year_end_closure):
            return "year_end"
        return None

    def is_opening_day(self, day: date) -> bool:
        """True on an office opening day (開庁日)."""
        return self.closure_reason(day) is None

    def operating_window(self, day: date) -> tuple[datetime, datetime] | None:
        """The aware [opens, closes) instants of `day` in the account tz, or None if closed."""
        if not self.is_opening_day(day):
            return None
        hours = self.spec.hours
        return (
            datetime.combine(day, hours.opens, tzinfo=self.tz),
            datetime.combine(day, hours.closes, tzinfo=self.tz),
        )

    def _local(self, at: datetime) -> datetime:
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError(f"naive datetime given to the office calendar: {at!r}")
        return at.astimezone(self.tz)

    def is_operating(self, at: datetime) -> bool:
        """True when the aware instant `at` falls inside operating hours of an opening day."""
        local = self._local(at)
        window = self.operating_window(local.date())
        return window is not None and window[0] <= local < window[1]

    def next_operating(self, at: datetime) -> datetime:
        """The earliest instant >= `at` inside operating hours, as an aware datetime in the tz."""
        local = self._local(at)
        day = local.date()
        for _ in range(_SEARCH_LIMIT_DAYS):
            window = self.operating_window(day)
            if window is not None and local < window[1]:
                return max(local, window[0])
            day += timedelta(days=1)
        raise ValueError(f"no operating hours within {_SEARCH_LIMIT_DAYS} days after {at}")
