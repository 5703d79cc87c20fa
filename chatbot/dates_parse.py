"""Reading the forms of a date or a time staff type, before any year or week is resolved.

Dates: 2026-12-01, 2026/12/1, 12/1, 12-1, 12月1日, 2026年12月1日, 令和8年12月1日, R8.12.1,
the bot's own "12月1日(火)" and "Tue 1 Dec 2026" (a weekday in brackets is kept for checking),
今日/明日/明後日 and 今週・来週・再来週 + a weekday. Times: 9:00, 9時, 9時半, 午前/午後, 3pm, 正午.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta

from chatbot.dates_errors import MAX_INPUT, DateParseError

REIWA_EPOCH = 2018  # 令和元年 = 2019
WEEKDAYS_JA = "月火水木金土日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

RELATIVE_DAYS = (
    dict.fromkeys(("今日", "本日", "きょう", "today"), 0)
    | dict.fromkeys(("明日", "あした", "あす", "tomorrow"), 1)
    | dict.fromkeys(("明後日", "あさって"), 2)
)
_WEEK_OFFSETS = {"今週": 0, "来週": 1, "再来週": 2}

_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MD = re.compile(r"(\d{1,2})[-/](\d{1,2})")
_KANJI_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?")
_ERA_DATE = re.compile(
    r"(?:令和|r)(\d{1,2}|元)(?:年(\d{1,2})月(\d{1,2})日?|[-/.](\d{1,2})[-/.](\d{1,2}))"
)
_EN_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_EN_WEEKDAY = r"(?:(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)"
_EN_DMY = re.compile(rf"{_EN_WEEKDAY}?(\d{{1,2}}){_EN_MONTH},?(\d{{4}})?")
_EN_MDY = re.compile(rf"{_EN_WEEKDAY}?{_EN_MONTH}(\d{{1,2}})(?:,?(\d{{4}}))?")
_BRACKET_WEEKDAY = re.compile(
    r"(?P<date>.+?)\((?:(?P<ja>[月火水木金土日])(?:曜日?)?|(?P<en>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)\)"
)
_RELATIVE_WEEK = re.compile(r"(今週|来週|再来週)の?([月火水木金土日])(?:曜日?)?")

_HM = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_KANJI_TIME = re.compile(r"(\d{1,2})時(?:(\d{1,2})分|(半))?")
_MERIDIEM_JA = re.compile(r"(午前|午後)(.+)")
_MERIDIEM_EN = re.compile(r"(.+?)(a\.?m\.?|p\.?m\.?)|(a\.?m\.?|p\.?m\.?)(.+)")
_NOON = ("正午", "noon")
# A bare kanji hour in these is morning or afternoon as likely: 3時 is rarely 03:00.
AMBIGUOUS_KANJI_HOURS = range(1, 8)
_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-", "ー": "-"})


@dataclass(frozen=True)
class DateParts:
    """A typed date before its year is resolved: ``year`` is None when it was not typed."""

    year: int | None
    month: int
    day: int
    weekday: int | None = None  # 0 = Monday, from a weekday in brackets


def normalize(text: str, kind: str) -> str:
    """Full-width to half-width, one kind of dash, single spaces; rejects empty or huge input."""
    if len(text) > MAX_INPUT * 4:
        raise DateParseError(kind, text)
    cleaned = unicodedata.normalize("NFKC", text).translate(_DASHES)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    if not cleaned or len(cleaned) > MAX_INPUT:
        raise DateParseError(kind, text)
    return cleaned


def compact(text: str, kind: str) -> str:
    """The normalized text without blanks, in lower case (how dates are matched)."""
    return normalize(text, kind).replace(" ", "").lower()


def _era_year(typed: str) -> int:
    era_year = 1 if typed == "元" else int(typed)
    return REIWA_EPOCH + era_year if era_year > 0 else 0


def _plain_parts(s: str) -> tuple[int | None, int, int] | None:
    if m := _YMD.fullmatch(s):
        return int(m[1]), int(m[2]), int(m[3])
    if m := _KANJI_DATE.fullmatch(s):
        return (int(m[1]) if m[1] else None), int(m[2]), int(m[3])
    if m := _ERA_DATE.fullmatch(s):
        month, day = (m[2], m[3]) if m[2] else (m[4], m[5])
        return _era_year(m[1]), int(month), int(day)
    if m := _MD.fullmatch(s):
        return None, int(m[1]), int(m[2])
    return None


def _english_parts(s: str) -> DateParts | None:
    if m := _EN_DMY.fullmatch(s):
        weekday, day, month, year = m[1], m[2], m[3], m[4]
    elif m := _EN_MDY.fullmatch(s):
        weekday, month, day, year = m[1], m[2], m[3], m[4]
    else:
        return None
    typed_weekday = _en_weekday(weekday) if weekday else None
    month_number = [name.lower() for name in MONTHS_EN].index(month) + 1
    return DateParts(int(year) if year else None, month_number, int(day), typed_weekday)


def _en_weekday(word: str) -> int:
    return [name.lower() for name in WEEKDAYS_EN].index(word[:3])


def date_parts(s: str) -> DateParts | None:
    """The parts of a compact date (see `compact`), or None if no form fits."""
    weekday = None
    if m := _BRACKET_WEEKDAY.fullmatch(s):
        s = m["date"]
        weekday = WEEKDAYS_JA.index(m["ja"]) if m["ja"] else _en_weekday(m["en"])
    plain = _plain_parts(s)
    if plain is not None:
        return DateParts(*plain, weekday=weekday)
    english = _english_parts(s)
    if english is not None and weekday is None:
        return english
    return None


def relative_date(s: str, today: date) -> tuple[date, bool] | None:
    """今日・明日… or 今週/来週/再来週 + a weekday (weeks start on Monday), as (date, is_week).

    None when ``s`` is neither.
    """
    if s in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[s]), False
    if m := _RELATIVE_WEEK.fullmatch(s):
        monday = today - timedelta(days=today.weekday())
        offset = _WEEK_OFFSETS[m[1]] * 7 + WEEKDAYS_JA.index(m[2])
        return monday + timedelta(days=offset), True
    return None


def looks_like_date(word: str) -> bool:
    """Whether a word starts a date (so `/shonin absent <word>` is a date, not a user)."""
    s = unicodedata.normalize("NFKC", word).strip().lower()
    if not s:
        return False
    if s[0].isdigit() or s in RELATIVE_DAYS:
        return True
    if s.startswith(("令和", "今週", "来週", "再来週", "明日", "今日", "本日", "明後日")):
        return True
    return bool(re.match(r"r\d", s) or re.match(rf"{_EN_WEEKDAY}?\d{{1,2}}{_EN_MONTH}$", s))


def is_time(piece: str) -> bool:
    """Whether a piece of a period is a time of day (checked properly by `parse_time`)."""
    s = piece.replace(" ", "").lower()
    return bool(
        _HM.fullmatch(s)
        or _KANJI_TIME.fullmatch(s)
        or _MERIDIEM_JA.fullmatch(s)
        or s in _NOON
        or re.fullmatch(r"\d{1,2}(?::\d{2})?(?:a\.?m\.?|p\.?m\.?)", s)
        or re.fullmatch(r"(?:a\.?m\.?|p\.?m\.?)\d{1,2}(?::\d{2})?", s)
    )


def parse_time(text: str) -> time:
    """A wall-clock time: 9:00, 09:00, 9:00:00, 9時, 9時30分, 9時半, 午後3時, 3pm, 正午.

    A bare 1時–7時 is refused with both readings: staff mean 15:00 by 3時 as often as 3:00.
    """
    s = normalize(text, "time").replace(" ", "").lower()
    if s in _NOON:
        return time(12)
    meridiem: str | None = None
    if m := _MERIDIEM_JA.fullmatch(s):
        meridiem, s = ("am" if m[1] == "午前" else "pm"), m[2]
    elif m := _MERIDIEM_EN.fullmatch(s):
        marker, s = (m[2], m[1]) if m[1] else (m[3], m[4])
        meridiem = "am" if marker.startswith("a") else "pm"
    hour, minute, second, kanji = _clock(s, text, bare=meridiem is not None)
    if meridiem is not None:
        if hour > 11:  # 午後12時 is noon to some and midnight to others: 正午 or 12:00 says it
            raise DateParseError("time", text)
        hour += 12 if meridiem == "pm" else 0
    elif kanji and hour in AMBIGUOUS_KANJI_HOURS:
        raise DateParseError("ambiguous_hour", text, args={"hour": hour, "pm": hour + 12})
    if hour > 23 or minute > 59 or second > 59:
        raise DateParseError("time", text)
    return time(hour, minute, second)


def _clock(s: str, text: str, *, bare: bool) -> tuple[int, int, int, bool]:
    """(hour, minute, second, written with 時) of a time without 午前/午後; a bare hour if asked."""
    if m := _HM.fullmatch(s):
        return int(m[1]), int(m[2]), int(m[3] or 0), False
    if m := _KANJI_TIME.fullmatch(s):
        return int(m[1]), 30 if m[3] else int(m[2] or 0), 0, True
    if bare and re.fullmatch(r"\d{1,2}", s):
        return int(s), 0, 0, False  # "3pm"; a bare "9" alone is refused
    raise DateParseError("time", text)
