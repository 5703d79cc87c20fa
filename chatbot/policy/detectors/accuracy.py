"""Accuracy checks no other tool makes: weekdays, past event dates, impossible dates and phones.

Dates are read from the normalised text (full-width digits are ASCII there, kanji numerals are
not dates). A date without a year takes the year of the reference time (the scheduled publish
time), or the next year when that would put it more than ``_LOOKBACK`` before the reference, as
an office writes "1月10日" in December for next January. Without a reference time, a date with
no year is only checked for being impossible.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from chatbot.i18n import t
from chatbot.policy.detectors.hits import Hit, hit_from_text
from chatbot.policy.detectors.pii import (
    is_dummy_number,
    is_example_number,
    is_japanese_phone,
    is_labelled_number,
    is_placeholder_number,
)
from chatbot.policy.detectors.tense import announces_future
from chatbot.policy.normalize import NormalizedText

_WEEKDAYS = "月火水木金土日"
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_LOOKBACK = timedelta(days=60)
# A written weekday may pick the neighbouring year only this close to the reference.
_NEAR_DAYS = 300
_YEAR = r"(?:(?P<year>(?:19|20)\d{2})\s*年|(?P<era>令和|平成|昭和)\s*(?P<eyear>\d{1,2}|元)\s*年)?"
_KANJI_DATE = rf"{_YEAR}\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日"
_SLASH_DATE = r"(?P<syear>(?:19|20)\d{2}/)?(?P<smonth>\d{1,2})/(?P<sday>\d{1,2})"
# 十二月五日, 二月三十日: month and day in kanji numerals (bounded alternations, no backtracking).
_KANJI_NUMERAL_DATE = (
    r"(?<![一二三四五六七八九十〇])(?P<kmonth>十[一二]?|[一二三四五六七八九])月"
    r"(?P<kday>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日"
)
_HOLIDAY = r"(?:\s*[・･]\s*(?:祝|休|祭)日?)?"
# (金), （金曜日）, (金・祝) or, without brackets, 金曜日 / 金曜.
_WEEKDAY = (
    rf"(?:\s*[(（]\s*(?P<wd>[月火水木金土日])(?:曜日?)?{_HOLIDAY}\s*[)）]"
    r"|\s?(?P<wd2>[月火水木金土日])曜日?)?"
)
_DATE_RE = re.compile(
    rf"(?<![\d/.\-])(?:{_KANJI_DATE}|{_SLASH_DATE}(?![\d/])|{_KANJI_NUMERAL_DATE})" + _WEEKDAY
)
# The end of a range in the same month: 12月5日(土)～7日(月).
_RANGE_END_RE = re.compile(
    r"\s*[〜～~\-–－]\s*(?P<day>\d{1,2})\s*日\s*[(（]\s*(?P<wd>[月火水木金土日])(?:曜日?)?"
    rf"{_HOLIDAY}\s*[)）]"
)
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_PHONE_SHAPE_RE = re.compile(r"0(?<![\d\-+]0)\d{1,4}-\d{1,4}-\d{3,5}(?![\d\-])")


@dataclass(frozen=True)
class AccuracyHit:
    """A hit plus a note for the reader in both languages (the correct weekday, the reason)."""

    hit: Hit
    note_ja: str
    note_en: str


def _note(key: str, ja: dict[str, str] | None = None, **args: str) -> tuple[str, str]:
    """The note in both languages; ``ja`` overrides arguments for the Japanese text."""
    ja_args: dict[str, Any] = {**args, **(ja or {})}
    en_args: dict[str, Any] = dict(args)
    return t(key, "ja", **ja_args), t(key, "en", **en_args)


def _explicit_year(m: re.Match[str]) -> int | None:
    if m.group("year"):
        return int(m.group("year"))
    if m.group("syear"):
        return int(m.group("syear")[:4])
    if m.group("era"):
        n = m.group("eyear")
        return _ERAS[m.group("era")] + (1 if n == "元" else int(n))
    return None


def _kanji_number(numeral: str) -> int:
    """十二 -> 12, 三十一 -> 31, 五 -> 5 (the forms _KANJI_NUMERAL_DATE accepts)."""
    tens, _, units = numeral.rpartition("十")
    if "十" not in numeral:
        return _KANJI_DIGITS[numeral]
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[units] if units else 0)


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    if m.group("month"):
        return int(m.group("month")), int(m.group("day"))
    if m.group("kmonth"):
        return _kanji_number(m.group("kmonth")), _kanji_number(m.group("kday"))
    return int(m.group("smonth")), int(m.group("sday"))


@dataclass(frozen=True)
class _Written:
    """One written date: where it is, what it says, and the weekday written beside it."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    weekday: str | None
    slash: bool
    relative: int | None = None  # 昨年 -1, 今年 0, 来年 +1: the year told in words before it


# Every date begins with a run of digits followed by 年, 月 or "/", an era's first character or
# a run of kanji numerals followed by 月. Runs are read once (from their first character, which
# the look-behinds after it check; possessive); opening with a character class lets the regex
# engine skip ahead to one.
_K = "[〇一二三四五六七八九十]"
_DATE_START_RE = re.compile(
    rf"\d(?<!\d\d)\d*+(?=\s*[年月]|/)|[令平昭]|{_K}(?<!{_K}{_K}){_K}*+(?=月)"
)


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """Leftmost non-overlapping matches of ``_DATE_RE``, tried only where a date can begin.

    ``_DATE_RE`` opens with a look-behind, which stops the regex engine from skipping ahead to a
    likely first character; trying it at the start of each run of digits (a date never begins
    inside one) is about four times faster on a long caption and finds the same dates.
    """
    end = 0
    for start in _DATE_START_RE.finditer(text):
        if start.start() < end:
            continue
        m = _DATE_RE.match(text, start.start())
        if m is not None and m.end() > m.start():
            yield m
            end = m.end()


def _written_dates(text: str) -> list[_Written]:
    """Every date in the text, plus the end of a range written with only its day (～7日(月))."""
    out = []
    for m in _date_matches(text):
        month, day = _month_day(m)
        year = _explicit_year(m)
        weekday = m.group("wd") or m.group("wd2")
        relative = _relative_year(text, m.start()) if year is None else None
        out.append(
            _Written(
                m.start(),
                m.end(),
                year,
                month,
                day,
                weekday,
                m.group("smonth") is not None,
                relative,
            )
        )
        tail = _RANGE_END_RE.match(text, m.end())
        if tail is not None:
            end_day = int(tail.group("day"))
            out.append(
                _Written(
                    tail.start("day"), tail.end(), year, month, end_day, tail.group("wd"), False
                )
            )
    return out


# 昨年12月6日(土), 来年1月9日: the year said in words right before a date without one.
_RELATIVE_YEARS = (
    ("一昨年", -2), ("昨年", -1), ("去年", -1), ("前年", -1), ("今年", 0), ("本年", 0),
    ("来年", 1), ("翌年", 1),
)  # fmt: skip


def _relative_year(text: str, start: int) -> int | None:
    before = text[max(0, start - 4) : start].rstrip(" の")
    for word, offset in _RELATIVE_YEARS:
        if before.endswith(word):
            return offset
    return None


def _infer_year(month: int, day: int, reference: date, weekday: str | None) -> int:
    """The year a date without one means; a written weekday that fits a neighbouring year wins
    (a notice posted in December about "4月1日(水)" of the current fiscal year)."""
    year = reference.year
    try:
        # 2月29日 is compared as 2月28日: it may fall in a year that has none.
        if date(year, month, min(day, 28) if month == 2 else day) < reference - _LOOKBACK:
            year += 1
    except ValueError:
        return year
    for candidate in (year, year - 1, year + 1):
        try:
            when = date(candidate, month, day)
        except ValueError:
            continue
        near = abs((when - reference).days) <= _NEAR_DAYS
        if weekday and near and _WEEKDAYS[when.weekday()] == weekday:
            return candidate
    return year


def _is_possible(month: int, day: int, year: int | None) -> bool:
    try:
        date(year if year is not None else 2024, month, day)  # 2024: a leap year allows 2/29
    except ValueError:
        return False
    return True


def _date_hits(nt: NormalizedText, reference: datetime | None) -> list[AccuracyHit]:
    out: list[AccuracyHit] = []
    dated: list[tuple[_Written, date]] = []
    for w in _written_dates(nt.text):
        month, day, year = w.month, w.day, w.year
        if w.slash and not w.weekday and year is None:
            continue  # "3/4" alone may be a fraction or a score
        hit = _LazyHit(nt, w.start, w.end)
        if not 1 <= month <= 12 or not _is_possible(month, day, year):
            ja, en = _note("policy.accuracy.impossible_date", month=str(month), day=str(day))
            out.append(AccuracyHit(_kind(hit, "impossible_date"), ja, en))
            continue
        if year is None and reference is None:
            continue
        written = w.weekday
        if year is None:
            assert reference is not None
            if w.relative is not None:
                year = reference.year + w.relative
            else:
                year = _infer_year(month, day, reference.date(), written)
            if not _is_possible(month, day, year):  # 2月29日 in a year that is not a leap year
                ja, en = _note("policy.accuracy.not_leap", year=str(year))
                out.append(AccuracyHit(_kind(hit, "impossible_date"), ja, en))
                continue
        actual = date(year, month, day)
        if written and _WEEKDAYS[actual.weekday()] != written:
            ja, en = _note(
                "policy.accuracy.weekday",
                date=actual.isoformat(),
                written=written,
                ja={"weekday": _WEEKDAYS[actual.weekday()]},
                weekday=actual.strftime("%A"),
            )
            out.append(AccuracyHit(_kind(hit, "weekday_mismatch"), ja, en))
        dated.append((w, actual))
    if reference is not None:
        out += _past_hits(nt, dated, reference.date())
    return out


# Between the two ends of a period (11月28日(土)〜12月20日(日), 11月28日から12月20日まで).
_PERIOD_GAP_RE = re.compile(r"[^。！!？?\n]{0,16}?(?:[〜～~\-－]|から|より)[^。！!？?\n]{0,8}")


# The end of a period written as a day of the same month (12月4日から10日は, 11月28日～30日).
_DAY_END_RE = re.compile(r"\s*(?:[〜～~\-－]|から)\s*(?P<day>\d{1,2})\s*日(?![\d(（])")


def _runs_on(text: str, dated: list[tuple[_Written, date]], i: int, reference: date) -> bool:
    """True if dated[i] starts a period that has not ended at ``reference``."""
    w, actual = dated[i]
    following = dated[i + 1] if i + 1 < len(dated) else None
    if following is not None and _PERIOD_GAP_RE.fullmatch(text, w.end, following[0].start):
        return following[1] >= reference
    day_end = _DAY_END_RE.match(text, w.end)
    if day_end is None:
        return False
    try:
        last = actual.replace(day=int(day_end.group("day")))
    except ValueError:
        return False
    return last >= reference


def _past_hits(
    nt: NormalizedText, dated: list[tuple[_Written, date]], reference: date
) -> list[AccuracyHit]:
    """Dates already past at ``reference`` that the caption announces as to come; not the start
    of a period still running (11月28日(土)〜12月20日(日) read on 12月7日)."""
    out = []
    for i, (w, actual) in enumerate(dated):
        if actual >= reference:
            continue
        if _runs_on(nt.text, dated, i, reference):
            continue
        if announces_future(nt.text, w.start, w.end):
            hit = _LazyHit(nt, w.start, w.end)
            ja, en = _note(
                "policy.accuracy.past", date=actual.isoformat(), ref=reference.isoformat()
            )
            out.append(AccuracyHit(_kind(hit, "past_date"), ja, en))
    return out


@dataclass(frozen=True)
class _LazyHit:
    """A date's span, mapped back to the original caption only if it becomes a finding."""

    nt: NormalizedText
    start: int
    end: int


def _kind(hit: _LazyHit, kind: str) -> Hit:
    return hit_from_text(hit.nt, kind, hit.start, hit.end)


def _phone_hits(nt: NormalizedText) -> list[AccuracyHit]:
    out = []
    for m in _PHONE_SHAPE_RE.finditer(nt.text):
        digits = m.group().replace("-", "")
        if is_japanese_phone(digits):
            continue
        # 096-000-4455, 090-0000-0000, 例：…: a made-up or example number, not a typo of one.
        raw = m.group()
        if is_dummy_number(raw) or is_placeholder_number(raw):
            continue
        if is_example_number(nt.text, m.start()) or is_labelled_number(nt.text, m.start()):
            continue
        ja, en = _note("policy.accuracy.phone", number=m.group(), digits=str(len(digits)))
        hit = hit_from_text(nt, "impossible_phone", m.start(), m.end(), detail=digits)
        out.append(AccuracyHit(hit, ja, en))
    return out


def detect_accuracy(nt: NormalizedText, reference: datetime | None) -> list[AccuracyHit]:
    """Wrong weekdays, dates already past at ``reference``, impossible dates and phones."""
    return _date_hits(nt, reference) + _phone_hits(nt)
