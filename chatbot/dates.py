"""Parsing the dates and times staff type, and formatting the ones they read."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_MAX_INPUT = 64
_REIWA_EPOCH = 2018  # 令和元年 = 2019
# A year-less period whose start had to be pushed into the previous year to precede its end is
# far more likely typed backwards ("12/3 12/1") than a half-year absence.
_MAX_INFERRED_SPAN = timedelta(days=183)

_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_RELATIVE_DAYS = (
    dict.fromkeys(("今日", "本日", "きょう", "today"), 0)
    | dict.fromkeys(("明日", "あした", "あす", "tomorrow"), 1)
    | dict.fromkeys(("明後日", "あさって"), 2)
)

_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MD = re.compile(r"(\d{1,2})[-/](\d{1,2})")
_KANJI_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?")
_REIWA_DATE = re.compile(r"令和(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日?")
_HM = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_KANJI_TIME = re.compile(r"(\d{1,2})時(?:(\d{1,2})分|(半))?")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")
# Date then time, separated by blanks, a "T" between digits, or right after 日 ("12月1日9時").
_DATE_TIME = re.compile(r"(?P<d>.+?)(?:\s+|(?<=\d)T(?=\d)|(?<=日))(?P<t>\d.*)")
_RANGE_SEP = re.compile(r"[〜~]|から")
_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-", "ー": "-"})

_DATE_EXAMPLES = ("2026-12-01、12/1、12月1日", "2026-12-01, 12/1, 12月1日")
# kind -> (Japanese head, English head, Japanese example, English example)
_ERRORS = {
    "date": ("日付の形式が正しくありません", "Invalid date", *_DATE_EXAMPLES),
    "no_such_date": ("存在しない日付です", "No such date", *_DATE_EXAMPLES),
    "time": ("時刻の形式が正しくありません", "Invalid time", "9:00、17:15、9時30分", "9:00, 17:15"),
    "no_time": ("時刻が指定されていません", "The time is missing", "12/1 9:00", "12/1 9:00"),
    "datetime": (
        "日時の形式が正しくありません",
        "Invalid date and time",
        "2026-12-01 9:00、12/1 9:00、12月1日 9時",
        "2026-12-01 9:00, 12/1 9:00",
    ),
    "period": (
        "期間の形式が正しくありません",
        "Invalid period",
        "12/1 12/3、12/1 9:00 12/3 17:00、12/1〜12/3",
        "12/1 12/3, 12/1 9:00 12/3 17:00, 12/1~12/3",
    ),
    "order": (
        "終了が開始より後になっていません",
        "The end is not after the start",
        "12/1 12/3（12月1日から3日まで）",
        "12/1 12/3 (from 1 Dec to 3 Dec)",
    ),
}


class DateParseError(ValueError):
    """Typed text that is not a date/time we understand; the messages show the right form."""

    def __init__(self, kind: str, text: str) -> None:
        ja_head, en_head, ja_example, en_example = _ERRORS[kind]
        shown = text.strip()
        if len(shown) > _MAX_INPUT:
            shown = shown[:_MAX_INPUT] + "…"
        self.kind = kind
        self.message_ja = f"{ja_head}：『{shown}』。例：{ja_example}"
        self.message_en = f"{en_head}: '{shown}'. Example: {en_example}"
        super().__init__(self.message_en)

    def message(self, locale: str) -> str:
        """The message in the user's locale (Japanese unless the locale is English)."""
        return self.message_en if _is_english(locale) else self.message_ja


def _is_english(locale: str) -> bool:
    return locale.lower().startswith("en")


def _normalize(text: str, kind: str) -> str:
    """Full-width to half-width, one kind of dash, single spaces; rejects empty or huge input."""
    if len(text) > _MAX_INPUT * 4:
        raise DateParseError(kind, text)
    cleaned = unicodedata.normalize("NFKC", text).translate(_DASHES)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    if not cleaned or len(cleaned) > _MAX_INPUT:
        raise DateParseError(kind, text)
    return cleaned


def _aware_in(at: datetime, tz: ZoneInfo) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"an aware datetime is required, got {at!r}")
    return at.astimezone(tz)


def _date_parts(s: str) -> tuple[int | None, int, int] | None:
    """(year or None when not typed, month, day) from a normalized date, or None if no form fits."""
    if m := _YMD.fullmatch(s):
        return int(m[1]), int(m[2]), int(m[3])
    if m := _KANJI_DATE.fullmatch(s):
        return (int(m[1]) if m[1] else None), int(m[2]), int(m[3])
    if m := _REIWA_DATE.fullmatch(s):
        era_year = 1 if m[1] == "元" else int(m[1])
        return (_REIWA_EPOCH + era_year if era_year > 0 else 0), int(m[2]), int(m[3])
    if m := _MD.fullmatch(s):
        return None, int(m[1]), int(m[2])
    return None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, *, today: date) -> date:
    """A date from what staff typed. Without a year: this year, or next year if already passed."""
    s = _normalize(text, "date").replace(" ", "").lower()
    if s in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[s])
    parts = _date_parts(s)
    if parts is None:
        raise DateParseError("date", text)
    year, month, day = parts
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise DateParseError("date", text)
    years = [year] if year is not None else [today.year, today.year + 1]
    for candidate_year in years:
        found = _make_date(candidate_year, month, day) if candidate_year >= 1 else None
        if found is not None and (year is not None or found >= today):
            return found
    raise DateParseError("no_such_date", text)


def parse_time(text: str) -> time:
    """A wall-clock time: 9:00, 09:00, 9:00:00, 9時, 9時30分, 9時半 (full-width digits too)."""
    s = _normalize(text, "time").replace(" ", "")
    if m := _HM.fullmatch(s):
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    elif m := _KANJI_TIME.fullmatch(s):
        hour, minute, second = int(m[1]), 30 if m[3] else int(m[2] or 0), 0
    else:
        raise DateParseError("time", text)
    if hour > 23 or minute > 59 or second > 59:
        raise DateParseError("time", text)
    return time(hour, minute, second)


def _parse_iso(s: str, tz: ZoneInfo) -> datetime | None:
    if not _ISO.fullmatch(s):
        return None
    try:
        parsed = datetime.fromisoformat(s)
    except ValueError:
        return None
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed.astimezone(tz)


def _split_date_time(s: str) -> tuple[str, str] | None:
    m = _DATE_TIME.fullmatch(s)
    return (m["d"], m["t"]) if m else None


def parse_datetime(
    text: str, *, now: datetime, tz: ZoneInfo, default_time: time | None = None
) -> datetime:
    """An aware datetime in `tz` from ISO 8601 (naive = `tz`) or a date, a blank and a time.

    A bare date takes `default_time`, or is an error when there is none.
    """
    s = _normalize(text, "datetime")
    today = _aware_in(now, tz).date()
    iso = _parse_iso(s, tz)
    if iso is not None:
        return iso
    split = _split_date_time(s)
    date_text, time_text = split if split else (s, None)
    try:
        day = parse_date(date_text, today=today)
    except DateParseError as exc:
        raise DateParseError("datetime", text) if exc.kind == "date" else exc from None
    if time_text is None:
        if default_time is None:
            raise DateParseError("no_time", text)
        return datetime.combine(day, default_time, tzinfo=tz)
    return datetime.combine(day, parse_time(time_text), tzinfo=tz)


@dataclass
class _End:
    """One end of a typed period: a date with an optional time, or a full ISO instant."""

    date_text: str = ""
    time_text: str | None = None
    at: datetime | None = None


def _succeeds(attempt: Callable[[], object]) -> bool:
    with contextlib.suppress(DateParseError):
        attempt()
        return True
    return False


def _split_dash_range(piece: str, today: date, tz: ZoneInfo) -> list[str]:
    """Splits "12/1-12/3" at the dash whose both sides read as a date or time."""

    def readable(part: str) -> bool:
        return (
            _parse_iso(part, tz) is not None
            or _succeeds(lambda: parse_date(part, today=today))
            or _succeeds(lambda: parse_time(part))
            or _succeeds(lambda: parse_datetime(part, now=_noon(today, tz), tz=tz))
        )

    if "-" not in piece or readable(piece):
        return [piece]
    for index, char in enumerate(piece):
        if char == "-" and readable(piece[:index]) and readable(piece[index + 1 :]):
            return [piece[:index], piece[index + 1 :]]
    return [piece]


def _noon(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(12), tzinfo=tz)


def _period_ends(tokens: list[str], today: date, tz: ZoneInfo, shown: str) -> list[_End]:
    ends: list[_End] = []
    for token in tokens:
        for chunk in _normalize(token, "period").split(" "):
            for ranged in _RANGE_SEP.split(chunk.removesuffix("まで")):
                if not ranged:
                    raise DateParseError("period", shown)
                for piece in _split_dash_range(ranged, today, tz):
                    _add_piece(ends, piece, tz, shown)
    if not 1 <= len(ends) <= 2:
        raise DateParseError("period", shown)
    return ends


def _add_piece(ends: list[_End], piece: str, tz: ZoneInfo, shown: str) -> None:
    iso = _parse_iso(piece, tz)
    if iso is not None:
        ends.append(_End(at=iso))
    elif _HM.fullmatch(piece) or _KANJI_TIME.fullmatch(piece):  # checked later by parse_time
        if not ends or ends[-1].time_text is not None or ends[-1].at is not None:
            raise DateParseError("period", shown)
        ends[-1].time_text = piece
    else:
        split = _split_date_time(piece)
        ends.append(_End(split[0], split[1]) if split else _End(piece))


def _until(end: _End, today: date, tz: ZoneInfo) -> datetime:
    if end.at is not None:
        return end.at
    day = parse_date(end.date_text, today=today)
    if end.time_text is None:
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return datetime.combine(day, parse_time(end.time_text), tzinfo=tz)


def _from(end: _End, until: datetime, today: date, tz: ZoneInfo) -> tuple[datetime, bool]:
    """The start, and whether its year was inferred (the latest one not after the end's day)."""
    if end.at is not None:
        return end.at, False
    start_time = parse_time(end.time_text) if end.time_text is not None else time(0)
    parts = _date_parts(_normalize(end.date_text, "date").replace(" ", ""))
    if parts is None or parts[0] is not None:
        day = parse_date(end.date_text, today=today)
        return datetime.combine(day, start_time, tzinfo=tz), False
    last_day = (until - timedelta(microseconds=1)).astimezone(tz).date()
    for year in (last_day.year, last_day.year - 1):
        found = _make_date(year, parts[1], parts[2])
        if found is not None and found <= last_day:
            return datetime.combine(found, start_time, tzinfo=tz), True
    raise DateParseError("no_such_date", end.date_text)


def parse_period(tokens: list[str], *, now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """A half-open [from, until) period, e.g. for `/shonin absent <from> <until>`.

    A date alone starts at 00:00, or as the end covers its whole day ("12/1 12/3" is Dec 1-3).
    The end resolves like `parse_date`; a year-less start takes the end's year (or the one before).
    A single date means that one day.
    """
    shown = " ".join(tokens)
    today = _aware_in(now, tz).date()
    ends = _period_ends(tokens, today, tz, shown)
    if len(ends) == 1:
        only = ends[0]
        if only.at is not None or only.time_text is not None:
            raise DateParseError("period", shown)
        day = parse_date(only.date_text, today=today)
        start = datetime.combine(day, time(0), tzinfo=tz)
        return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    until = _until(ends[1], today, tz)
    start, inferred = _from(ends[0], until, today, tz)
    if until <= start or (inferred and until - start > _MAX_INFERRED_SPAN):
        raise DateParseError("order", shown)
    return start, until


def format_date(day: date, *, locale: str, today: date | None = None) -> str:
    """ja "2026年12月7日(月)", en "Mon 7 Dec 2026"; the year is left out within `today`'s year."""
    with_year = today is None or today.year != day.year
    if _is_english(locale):
        text = f"{_WEEKDAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]}"
        return f"{text} {day.year}" if with_year else text
    text = f"{day.month}月{day.day}日({_WEEKDAYS_JA[day.weekday()]})"
    return f"{day.year}年{text}" if with_year else text


def format_datetime(at: datetime, *, tz: ZoneInfo, locale: str, now: datetime | None = None) -> str:
    """ja "2026年12月7日(月) 9:00", en "Mon 7 Dec 2026 09:00", shown in `tz`.

    The year is left out when `at` falls in the same year as `now` (both seen in `tz`).
    """
    local = _aware_in(at, tz)
    today = _aware_in(now, tz).date() if now is not None else None
    day_text = format_date(local.date(), locale=locale, today=today)
    hour = f"{local.hour:02d}" if _is_english(locale) else str(local.hour)
    return f"{day_text} {hour}:{local.minute:02d}"
