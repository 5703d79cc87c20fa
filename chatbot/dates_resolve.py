"""Turning a typed date into one day: the year of a year-less date, weekdays, relative days.

A year-less date is this year's while it has not passed, next year's once it is long past, and
refused with both readings when it has only just passed (``12/1`` typed on 12/2 is more likely a
slip than next December). A weekday in brackets must match the date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chatbot.dates_errors import DateParseError, Form, form_of, is_english
from chatbot.dates_parse import (
    MONTHS_EN,
    REIWA_EPOCH,
    WEEKDAY_NAMES_EN,
    WEEKDAYS_EN,
    WEEKDAYS_JA,
    DateParts,
    compact,
    date_parts,
    normalize,
    parse_time,
    relative_date,
)

# How long after a year-less date has passed it is still read as "just passed" (and refused).
JUST_PASSED = timedelta(days=92)

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")
_TIME_START = r"(?:\d|午前|午後|正午|noon|[ap]\.?m\.?\s*\d)"
# Date then time, separated by blanks, a "T" between digits, or right after 日 or a bracket.
_DATE_TIME = re.compile(rf"(?P<d>.+?)(?:\s+|(?<=\d)T(?=\d)|(?<=日)|(?<=\)))(?P<t>{_TIME_START}.*)")
_EN_DATE_TIME = re.compile(
    r"(?i)(?P<d>(?:[a-z]{3,9}\.?,?\s)?(?:\d{1,2}\s[a-z]{3,9}\.?|[a-z]{3,9}\.?\s\d{1,2})"
    r"(?:,?\s\d{4})?)(?:,?\s(?P<t>.+))?"
)


def aware_in(at: datetime, tz: ZoneInfo) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"an aware datetime is required, got {at!r}")
    return at.astimezone(tz)


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def written(day: date, form: Form) -> tuple[str, str]:
    """``day`` with its year, in the form the user typed (Japanese text, English text)."""
    if form == "iso":
        text = day.isoformat()
    elif form == "kanji":
        text = f"{day.year}年{day.month}月{day.day}日"
    elif form == "era":
        text = f"R{day.year - REIWA_EPOCH}.{day.month}.{day.day}"
    elif form == "english":
        text = f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    else:
        text = f"{day.year}/{day.month}/{day.day}"
    return text, text


def _day_args(day: date, prefix: str = "day") -> dict[str, str]:
    return {
        f"{prefix}_ja": format_date(day, locale="ja"),
        f"{prefix}_en": format_date(day, locale="en"),
    }


def _check_weekday(parts: DateParts, day: date, text: str) -> date:
    if parts.weekday is None or parts.weekday == day.weekday():
        return day
    right = day.weekday()
    corrected = _with_weekday(text.strip(), right)
    raise DateParseError(
        "weekday_mismatch",
        text,
        example=(corrected, corrected),
        args={
            "day_ja": f"{day.year}年{day.month}月{day.day}日",
            "day_en": f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
            "weekday_ja": WEEKDAYS_JA[right],
            "weekday_en": WEEKDAY_NAMES_EN[right],
        },
    )


def _with_weekday(text: str, weekday: int) -> str:
    """``text`` with its typed weekday replaced by ``weekday`` (in the same language)."""
    ja, en = WEEKDAYS_JA[weekday], WEEKDAYS_EN[weekday]

    def bracket(m: re.Match[str]) -> str:
        inner = m[2]
        return f"{m[1]}{ja if inner[0] in WEEKDAYS_JA else en}{m[3]}"

    fixed, count = re.subn(r"([(（])([^)）]+)([)）])", bracket, text, count=1)
    if count:
        return fixed
    return re.sub(r"(?i)^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?", en, text, count=1)


def resolve(parts: DateParts, today: date, text: str) -> date:
    """The one day ``parts`` means, typed on ``today``; the errors name what to type instead."""
    month, day = parts.month, parts.day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise DateParseError("date", text)
    if parts.year is not None:
        found = make_date(parts.year, month, day) if parts.year >= 1 else None
        if found is None:
            raise DateParseError("no_such_date", text)
        return _check_weekday(parts, found, text)
    readings = [
        found
        for year in (today.year - 1, today.year, today.year + 1)
        if (found := make_date(year, month, day)) is not None
    ]
    future = next((d for d in readings if d >= today), None)
    past = max((d for d in readings if d < today), default=None)
    just_passed = past is not None and today - past <= JUST_PASSED
    if future is None:
        if past is not None and just_passed:  # 2/29 of a leap year, just gone
            raise DateParseError("past", text, args=_day_args(past))
        raise DateParseError("no_such_date", text)
    if past is not None and just_passed:
        matching = [d for d in (past, future) if d.weekday() == parts.weekday]
        if len(matching) == 1:
            return matching[0]
        raise ambiguous_year(text, past, future)
    return _check_weekday(parts, future, text)


def ambiguous_year(text: str, past: date, future: date) -> DateParseError:
    form = form_of(text)
    past_ja, past_en = written(past, form)
    future_ja, future_en = written(future, form)
    return DateParseError(
        "ambiguous_year",
        text,
        example=(f"{past_ja}、{future_ja}", f"{past_en} or {future_en}"),
        args={**_day_args(past, "past"), **_day_args(future, "future")},
    )


def parse_date(text: str, *, today: date, allow_past: bool = False) -> date:
    """A date from what staff typed (see the module docstring for year-less dates).

    ``今週月曜`` that has gone is refused unless ``allow_past`` (the start of an absence).
    """
    s = compact(text, "date")
    relative = relative_date(s, today)
    if relative is not None:
        day, _ = relative
        if day < today and not allow_past:
            raise DateParseError("past", text, args=_day_args(day))
        return day
    parts = date_parts(s)
    if parts is None:
        raise DateParseError("date", text)
    return resolve(parts, today, text)


def parse_iso(s: str, tz: ZoneInfo) -> datetime | None:
    if not _ISO.fullmatch(s):
        return None
    try:
        parsed = datetime.fromisoformat(s)
    except ValueError:
        return None
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed.astimezone(tz)


def split_date_time(s: str) -> tuple[str, str | None] | None:
    """(date text, time text) of "12月1日(火) 9:00", "Tue 1 Dec 2026 09:00", "12/1 午後3時"…"""
    if m := _EN_DATE_TIME.fullmatch(s):
        return m["d"], m["t"]
    m = _DATE_TIME.fullmatch(s)
    return (m["d"], m["t"]) if m else None


def parse_datetime(
    text: str, *, now: datetime, tz: ZoneInfo, default_time: time | None = None
) -> datetime:
    """An aware datetime in `tz` from ISO 8601 (naive = `tz`) or a date, a blank and a time.

    A bare date takes `default_time`, or is an error when there is none.
    """
    s = normalize(text, "datetime")
    today = aware_in(now, tz).date()
    iso = parse_iso(s, tz)
    if iso is not None:
        return iso
    split = split_date_time(s)
    date_text, time_text = split if split else (s, None)
    try:
        day = parse_date(date_text, today=today)
    except DateParseError as exc:
        if exc.kind != "date":
            raise
        raise DateParseError("datetime", text) from None
    if time_text is None:
        if default_time is None:
            raise DateParseError("no_time", text)
        return datetime.combine(day, default_time, tzinfo=tz)
    return datetime.combine(day, parse_time(time_text), tzinfo=tz)


def format_date(day: date, *, locale: str, today: date | None = None) -> str:
    """ja "2026年12月7日(月)", en "Mon 7 Dec 2026"; the year is left out within `today`'s year."""
    with_year = today is None or today.year != day.year
    if is_english(locale):
        text = f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]}"
        return f"{text} {day.year}" if with_year else text
    text = f"{day.month}月{day.day}日({WEEKDAYS_JA[day.weekday()]})"
    return f"{day.year}年{text}" if with_year else text


def format_datetime(at: datetime, *, tz: ZoneInfo, locale: str, now: datetime | None = None) -> str:
    """ja "2026年12月7日(月) 9:00", en "Mon 7 Dec 2026 09:00", shown in `tz`.

    The year is left out when `at` falls in the same year as `now` (both seen in `tz`).
    """
    local = aware_in(at, tz)
    today = aware_in(now, tz).date() if now is not None else None
    day_text = format_date(local.date(), locale=locale, today=today)
    hour = f"{local.hour:02d}" if is_english(locale) else str(local.hour)
    return f"{day_text} {hour}:{local.minute:02d}"
