"""Periods staff type for `/shonin absent`: "12/1 12/3", "12/1 9:00 12/3 17:00", "12/1〜12/3"."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chatbot.dates_errors import DateParseError
from chatbot.dates_parse import compact, date_parts, is_time, normalize, parse_time, relative_date
from chatbot.dates_resolve import (
    aware_in,
    make_date,
    parse_date,
    parse_iso,
    resolve,
    split_date_time,
)

# A year-less period whose start had to be pushed into the previous year to precede its end is
# far more likely typed backwards ("12/3 12/1") than a half-year absence.
_MAX_INFERRED_SPAN = timedelta(days=183)
_RANGE_SEP = re.compile(r"[〜~]|から")


@dataclass
class _End:
    """One end of a typed period: a date with an optional time, or a full ISO instant."""

    date_text: str = ""
    time_text: str | None = None
    at: datetime | None = None

    def has_typed_year(self) -> bool:
        if self.at is not None:
            return True
        with contextlib.suppress(DateParseError):
            parts = date_parts(compact(self.date_text, "date"))
            return parts is not None and parts.year is not None
        return False


def _lexical_when(part: str, tz: ZoneInfo) -> bool:
    """Whether ``part`` is written like a date, a time or both (its values are checked later)."""
    try:
        s = compact(part, "date")
    except DateParseError:
        return False
    if parse_iso(part, tz) is not None or is_time(part):
        return True
    if date_parts(s) is not None or relative_date(s, date(2000, 1, 3)) is not None:
        return True
    split = split_date_time(normalize(part, "date"))
    return split is not None and split[1] is not None and is_time(split[1])


def _split_dash_range(piece: str, tz: ZoneInfo) -> list[str]:
    """Splits "12/1-12/3" at the dash whose both sides are written like a date or time."""
    if "-" not in piece or _lexical_when(piece, tz):
        return [piece]
    for index, char in enumerate(piece):
        if (
            char == "-"
            and _lexical_when(piece[:index], tz)
            and _lexical_when(piece[index + 1 :], tz)
        ):
            return [piece[:index], piece[index + 1 :]]
    return [piece]


def _period_ends(tokens: list[str], tz: ZoneInfo, shown: str) -> list[_End]:
    ends: list[_End] = []
    for token in tokens:
        for chunk in normalize(token, "period").split(" "):
            for ranged in _RANGE_SEP.split(chunk.removesuffix("まで")):
                if not ranged:
                    raise DateParseError("period", shown)
                for piece in _split_dash_range(ranged, tz):
                    _add_piece(ends, piece, tz, shown)
    if not 1 <= len(ends) <= 2:
        raise DateParseError("period", shown)
    return ends


def _add_piece(ends: list[_End], piece: str, tz: ZoneInfo, shown: str) -> None:
    iso = parse_iso(piece, tz)
    if iso is not None:
        ends.append(_End(at=iso))
    elif is_time(piece):  # checked later by parse_time
        if not ends or ends[-1].time_text is not None or ends[-1].at is not None:
            raise DateParseError("period", shown)
        ends[-1].time_text = piece
    else:
        split = split_date_time(piece)
        ends.append(_End(split[0], split[1]) if split else _End(piece))


def _until(end: _End, today: date, tz: ZoneInfo) -> datetime:
    if end.at is not None:
        return end.at
    day = parse_date(end.date_text, today=today)
    if end.time_text is None:
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return datetime.combine(day, parse_time(end.time_text), tzinfo=tz)


def _from(
    end: _End, until: datetime, today: date, tz: ZoneInfo, *, end_year_typed: bool
) -> tuple[datetime, bool]:
    """The start, and whether its year was inferred from the end.

    A year-less start takes the latest reading not after the end's day when the end's year was
    itself inferred; when the end names its year ("12/1 2099-12-31"), the start is read from
    today (the reading nearest to today), never given the end's year.
    """
    if end.at is not None:
        return end.at, False
    start_time = parse_time(end.time_text) if end.time_text is not None else time(0)
    parts = date_parts(compact(end.date_text, "date"))
    if parts is None or parts.year is not None:
        day = parse_date(end.date_text, today=today, allow_past=True)
        return datetime.combine(day, start_time, tzinfo=tz), False
    if end_year_typed:
        readings = [
            found
            for year in (today.year - 1, today.year, today.year + 1)
            if (found := make_date(year, parts.month, parts.day)) is not None
        ]
        if not readings:
            raise DateParseError("no_such_date", end.date_text)
        nearest = min(readings, key=lambda d: abs(d - today))
        checked = resolve(parts, nearest, end.date_text)  # the weekday, if one was typed
        return datetime.combine(checked, start_time, tzinfo=tz), False
    last_day = (until - timedelta(microseconds=1)).astimezone(tz).date()
    for year in (last_day.year, last_day.year - 1):
        found = make_date(year, parts.month, parts.day)
        if found is not None and found <= last_day:
            checked = resolve(parts, found, end.date_text)
            return datetime.combine(checked, start_time, tzinfo=tz), True
    raise DateParseError("no_such_date", end.date_text)


def parse_period(tokens: list[str], *, now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """A half-open [from, until) period, e.g. for `/shonin absent <from> <until>`.

    A date alone starts at 00:00, or as the end covers its whole day ("12/1 12/3" is Dec 1-3).
    The end resolves like `parse_date` (a just-passed year-less end is refused with both
    readings); a year-less start takes the end's year (or the one before) unless the end typed
    its own year. A single date means that one day.
    """
    shown = " ".join(tokens)
    today = aware_in(now, tz).date()
    ends = _period_ends(tokens, tz, shown)
    if len(ends) == 1:
        only = ends[0]
        if only.at is not None or only.time_text is not None:
            raise DateParseError("period", shown)
        day = parse_date(only.date_text, today=today)
        start = datetime.combine(day, time(0), tzinfo=tz)
        return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    until = _until(ends[1], today, tz)
    typed = ends[1].has_typed_year()
    start, inferred = _from(ends[0], until, today, tz, end_year_typed=typed)
    if until <= start or (inferred and until - start > _MAX_INFERRED_SPAN):
        raise DateParseError("order", shown)
    return start, until
