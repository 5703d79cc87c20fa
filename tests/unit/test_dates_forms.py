"""Dates staff really type (issue 7): just-passed dates, 午前/午後, the bot's own format, eras."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.dates import (
    JUST_PASSED,
    DateParseError,
    format_date,
    format_datetime,
    looks_like_date,
    parse_date,
    parse_datetime,
    parse_period,
    parse_time,
)

JST = ZoneInfo("Asia/Tokyo")
DEC2 = date(2026, 12, 2)  # a Wednesday; 12/1 was yesterday
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=JST)


def jst(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=JST)


def refused(call: object, *args: object, **kwargs: object) -> DateParseError:
    assert callable(call)
    with pytest.raises(DateParseError) as info:
        call(*args, **kwargs)
    return info.value


# --- a year-less date that has just passed ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "typed_ja", "typed_en"),
    [
        ("12/1", "2026/12/1、2027/12/1", "2026/12/1 or 2027/12/1"),
        ("12-1", "2026/12/1、2027/12/1", "2026/12/1 or 2027/12/1"),
        ("12月1日", "2026年12月1日、2027年12月1日", "2026年12月1日 or 2027年12月1日"),
        ("１２月１日", "2026年12月1日、2027年12月1日", "2026年12月1日 or 2027年12月1日"),
        ("1 Dec", "1 Dec 2026、1 Dec 2027", "1 Dec 2026 or 1 Dec 2027"),
    ],
)
def test_a_date_just_passed_is_refused_with_both_readings(
    text: str, typed_ja: str, typed_en: str
) -> None:
    error = refused(parse_date, text, today=DEC2)
    assert error.kind == "ambiguous_year"
    assert "2026年12月1日(火)" in error.message_ja and "2027年12月1日(水)" in error.message_ja
    assert "Tue 1 Dec 2026" in error.message_en and "Wed 1 Dec 2027" in error.message_en
    assert f"例：{typed_ja}" in error.message_ja  # the readings, written as the user wrote
    assert f"Example: {typed_en}" in error.message_en


def test_wished_times_and_absences_alike_refuse_a_just_passed_date() -> None:
    assert refused(parse_datetime, "12/1 10:00", now=NOW, tz=JST).kind == "ambiguous_year"
    assert refused(parse_datetime, "12月1日 午後3時", now=NOW, tz=JST).kind == "ambiguous_year"
    assert refused(parse_period, ["12/1"], now=NOW, tz=JST).kind == "ambiguous_year"
    assert refused(parse_period, ["11/20", "12/1"], now=NOW, tz=JST).kind == "ambiguous_year"


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (DEC2, "12/2", date(2026, 12, 2)),  # today is never "passed"
        (DEC2, "12/3", date(2026, 12, 3)),
        (DEC2, "1/5", date(2027, 1, 5)),  # long passed this year: next year, no question
        (DEC2, "8/31", date(2027, 8, 31)),  # 93 days ago
        (date(2027, 1, 3), "1/4", date(2027, 1, 4)),
        (date(2027, 1, 3), "9/1", date(2027, 9, 1)),  # last September is long gone
    ],
)
def test_dates_that_are_not_ambiguous(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today=today) == expected


def test_a_date_just_passed_last_year_is_refused_too() -> None:
    # 12/28 typed on 3 January: six days ago, or almost a year away?
    error = refused(parse_date, "12/28", today=date(2027, 1, 3))
    assert error.kind == "ambiguous_year"
    assert "2026/12/28、2027/12/28" in error.message_ja


def test_the_just_passed_window_is_a_quarter() -> None:
    last = DEC2 - JUST_PASSED
    inside = f"{last.month}/{last.day}"
    assert refused(parse_date, inside, today=DEC2).kind == "ambiguous_year"
    before = last - timedelta(days=1)
    assert parse_date(f"{before.month}/{before.day}", today=DEC2) == before.replace(year=2027)


def test_a_typed_weekday_chooses_between_the_two_readings() -> None:
    assert parse_date("12/1(火)", today=DEC2) == date(2026, 12, 1)  # then refused as past
    assert parse_date("12/1(水)", today=DEC2) == date(2027, 12, 1)
    with pytest.raises(DateParseError):
        parse_date("12/1(金)", today=DEC2)


def test_a_period_whose_start_passed_but_end_is_to_come_still_reads() -> None:
    # an absence that started yesterday: the start takes the end's year
    assert parse_period(["12/1", "12/3"], now=NOW, tz=JST) == (jst(2026, 12, 1), jst(2026, 12, 4))


@pytest.mark.parametrize(
    ("tokens", "start", "until"),
    [
        (["12/3", "2099-12-31"], jst(2026, 12, 3), jst(2100, 1, 1)),
        (["12/1", "2099-12-31"], jst(2026, 12, 1), jst(2100, 1, 1)),
        (["1/5", "2027-03-31"], jst(2027, 1, 5), jst(2027, 4, 1)),
        (["12/28", "2027-01-04"], jst(2026, 12, 28), jst(2027, 1, 5)),
        (["12月3日", "令和9年1月4日"], jst(2026, 12, 3), jst(2027, 1, 5)),
    ],
)
def test_a_year_less_start_never_takes_a_typed_end_year(
    tokens: list[str], start: datetime, until: datetime
) -> None:
    assert parse_period(tokens, now=NOW, tz=JST) == (start, until)


# --- 午前/午後 and bare kanji hours -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("午後3時", time(15)),
        ("午後3時半", time(15, 30)),
        ("午後3時15分", time(15, 15)),
        ("午前9時", time(9)),
        ("午前0時", time(0)),
        ("午後0時", time(12)),
        ("午後11時59分", time(23, 59)),
        ("午後 3時", time(15)),
        ("午後3:00", time(15)),
        ("午前11:30", time(11, 30)),
        ("3pm", time(15)),
        ("3 PM", time(15)),
        ("3:30pm", time(15, 30)),
        ("9am", time(9)),
        ("12am", None),
        ("p.m.3:00", time(15)),
        ("正午", time(12)),
        ("noon", time(12)),
        ("8時", time(8)),
        ("9時", time(9)),
        ("12時", time(12)),
        ("0時", time(0)),
        ("15時", time(15)),
        ("3:00", time(3)),  # a colon is 24-hour: 3:00 is 3:00 (and moved into hours with a note)
        ("０３：００", time(3)),
    ],
)
def test_am_pm(text: str, expected: time | None) -> None:
    if expected is None:
        assert refused(parse_time, text).kind == "time"
    else:
        assert parse_time(text) == expected


@pytest.mark.parametrize("hour", range(1, 8))
def test_a_bare_early_kanji_hour_is_refused_with_both_readings(hour: int) -> None:
    for text in (f"{hour}時", f"{hour}時半", f"{hour}時15分", f"{hour}時".translate(_FULL)):
        error = refused(parse_time, text)
        assert error.kind == "ambiguous_hour"
        assert f"午前{hour}時" in error.message_ja and f"午後{hour}時" in error.message_ja
        assert f"{hour + 12}:00" in error.message_ja
        assert f"{hour + 12}:00" in error.message_en
    assert refused(parse_datetime, f"12/8 {hour}時", now=NOW, tz=JST).kind == "ambiguous_hour"


_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


# --- the bot's own format, typed back ---------------------------------------------------------


@pytest.mark.parametrize(
    "at", [jst(2026, 12, 8, 9), jst(2026, 12, 31, 17, 5), jst(2027, 2, 1, 15, 30)]
)
@pytest.mark.parametrize("locale", ["ja", "en"])
@pytest.mark.parametrize("with_now", [True, False])
def test_every_time_the_bot_shows_parses_back(at: datetime, locale: str, with_now: bool) -> None:
    shown = format_datetime(at, tz=JST, locale=locale, now=NOW if with_now else None)
    assert parse_datetime(shown, now=NOW, tz=JST) == at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12月8日(火) 9:00", jst(2026, 12, 8, 9)),
        ("12月8日(火)9:00", jst(2026, 12, 8, 9)),
        ("12月8日（火） 9:00", jst(2026, 12, 8, 9)),
        ("12月8日(火曜) 9:00", jst(2026, 12, 8, 9)),
        ("12月8日(火曜日) 午後3時", jst(2026, 12, 8, 15)),
        ("12/8(火) 10:00", jst(2026, 12, 8, 10)),
        ("2026/12/8(Tue) 10:00", jst(2026, 12, 8, 10)),
        ("2026年12月8日(火) 9:00", jst(2026, 12, 8, 9)),
        ("Tue 8 Dec 2026 09:00", jst(2026, 12, 8, 9)),
        ("Tue 8 Dec 09:00", jst(2026, 12, 8, 9)),
        ("8 Dec 3pm", jst(2026, 12, 8, 15)),
        ("Dec 8 9:00", jst(2026, 12, 8, 9)),
        ("Tuesday, 8 December 2026 9:00", jst(2026, 12, 8, 9)),
    ],
)
def test_typed_back_forms(text: str, expected: datetime) -> None:
    assert parse_datetime(text, now=NOW, tz=JST) == expected


@pytest.mark.parametrize(
    ("text", "right_ja", "right_en", "example"),
    [
        ("12月8日(水) 9:00", "火", "Tuesday", "12月8日(火)"),
        ("12/8(月)", "火", "Tuesday", "12/8(火)"),
        ("12/8（月曜日）", "火", "Tuesday", "12/8(火)"),
        ("2026年12月13日(土)", "日", "Sunday", "2026年12月13日(日)"),
        ("Mon 8 Dec 2026 09:00", "火", "Tuesday", "Tue 8 Dec 2026"),
        ("2026/12/8(Wed) 10:00", "火", "Tuesday", "2026/12/8(Tue)"),
    ],
)
def test_a_wrong_weekday_is_refused_naming_the_right_one(
    text: str, right_ja: str, right_en: str, example: str
) -> None:
    error = refused(parse_datetime, text, now=NOW, tz=JST, default_time=time(9))
    assert error.kind == "weekday_mismatch"
    assert f"{right_ja}曜日です" in error.message_ja
    assert f"is a {right_en}" in error.message_en
    # the example is what was typed, with the right weekday
    assert error.message_ja.endswith(f"例：{example}")
    assert error.message_en.endswith(f"Example: {example}")


def test_a_wrong_weekday_in_an_absence_is_refused() -> None:
    error = refused(parse_period, ["12/8(水)", "12/10"], now=NOW, tz=JST)
    assert error.kind == "weekday_mismatch"
    assert "火曜日" in error.message_ja


# --- eras and relative weeks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R8.12.8", date(2026, 12, 8)),
        ("r8.12.8", date(2026, 12, 8)),
        ("R8/12/8", date(2026, 12, 8)),
        ("R8-12-8", date(2026, 12, 8)),
        ("Ｒ８．１２．８", date(2026, 12, 8)),
        ("R9.1.5", date(2027, 1, 5)),
        ("令和8.12.8", date(2026, 12, 8)),
        ("令和8年12月8日", date(2026, 12, 8)),
        ("令和8年12月8日(火)", date(2026, 12, 8)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("来週月曜", date(2026, 12, 7)),
        ("来週の月曜日", date(2026, 12, 7)),
        ("来週金曜", date(2026, 12, 11)),
        ("今週金曜", date(2026, 12, 4)),
        ("今週水曜", DEC2),
        ("再来週月曜", date(2026, 12, 14)),
    ],
)
def test_eras_and_weeks(text: str, expected: date) -> None:
    assert parse_date(text, today=DEC2) == expected


def test_a_week_day_already_gone_is_refused_but_may_start_an_absence() -> None:
    error = refused(parse_date, "今週月曜", today=DEC2)
    assert error.kind == "past"
    assert "11月30日" in error.message_ja and "30 Nov" in error.message_en
    assert parse_period(["今週月曜", "今週金曜"], now=NOW, tz=JST) == (
        jst(2026, 11, 30),
        jst(2026, 12, 5),
    )


def test_next_week_from_a_sunday_is_the_coming_monday() -> None:
    sunday = date(2026, 12, 6)
    assert parse_date("来週月曜", today=sunday) == date(2026, 12, 7)


@pytest.mark.parametrize(
    "word",
    [
        "12/1",
        "令和8年12月1日",
        "R8.12.1",
        "来週月曜",
        "今週金曜",
        "明日",
        "あした",
        "today",
        "8Dec",
    ],
)
def test_words_that_start_a_date(word: str) -> None:
    assert looks_like_date(word)


@pytest.mark.parametrize("word", ["officer", "console:officer", "Reiwa", "出張", "", "r"])
def test_words_that_do_not(word: str) -> None:
    assert not looks_like_date(word)


# --- error examples follow the form typed -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "example_ja"),
    [
        ("12月32日", "12月1日、2026年12月1日"),
        ("12/32", "12/1、2026/12/1"),
        ("2026-12-32", "2026-12-01"),
        ("令和8年13月1日", "令和8年12月1日、R8.12.1"),
        ("R8.13.1", "令和8年12月1日、R8.12.1"),
    ],
)
def test_date_examples_follow_the_form_typed(text: str, example_ja: str) -> None:
    error = refused(parse_date, text, today=DEC2)
    assert error.message_ja.endswith(f"例：{example_ja}")


@pytest.mark.parametrize(
    ("text", "example_ja"),
    [
        ("12月8日 25時", "9時、9時30分、午後3時"),
        ("12/8 25:00", "9:00、17:15"),
        ("12月8日 ほげ", "12月1日 9時、12月1日(火) 午後3時"),
        ("12/8 ほげ", "12/1 9:00、12/1(火) 15:00"),
        ("2026-12-08 ほげ", "2026-12-01 9:00、2026-12-01T09:00"),
    ],
)
def test_datetime_examples_follow_the_form_typed(text: str, example_ja: str) -> None:
    error = refused(parse_datetime, text, now=NOW, tz=JST)
    assert error.message_ja.endswith(f"例：{example_ja}"), error.message_ja


# --- properties -------------------------------------------------------------------------------

_DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=_DAYS, today=_DAYS, locale=st.sampled_from(["ja", "en"]))
def test_a_date_shown_with_its_year_always_reads_back(day: date, today: date, locale: str) -> None:
    assert parse_date(format_date(day, locale=locale), today=today) == day


@settings(max_examples=300, deadline=None)
@given(day=_DAYS, today=_DAYS)
def test_a_year_less_date_is_never_silently_in_the_past_nor_far_off(day: date, today: date) -> None:
    try:
        found = parse_date(f"{day.month}/{day.day}", today=today)
    except DateParseError as error:
        assert error.kind in ("ambiguous_year", "no_such_date", "past")
        return
    assert today <= found <= today + timedelta(days=366)
    assert (found.month, found.day) == (day.month, day.day)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30), today=_DAYS)
def test_any_text_is_a_date_or_a_bilingual_refusal(text: str, today: date) -> None:
    try:
        parse_date(text, today=today)
    except DateParseError as error:
        assert error.message_ja and error.message_en
        assert error.message("en") == error.message_en


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="0123456789/:-年月日時分半午前後()火水 amp.R令和来週今", max_size=24))
def test_any_date_like_text_is_a_datetime_or_a_refusal(text: str) -> None:
    try:
        at = parse_datetime(text, now=NOW, tz=JST)
    except DateParseError as error:
        assert error.message_ja and error.message_en
    else:
        assert at.tzinfo is not None


@pytest.mark.parametrize(
    ("tokens", "start", "until"),
    [
        (["来週月曜から来週金曜まで"], jst(2026, 12, 7), jst(2026, 12, 12)),
        (["R8.12.3〜R8.12.4"], jst(2026, 12, 3), jst(2026, 12, 5)),
        (["12月3日(木)〜12月4日(金)"], jst(2026, 12, 3), jst(2026, 12, 5)),
        (["12/3(木)-12/4(金)"], jst(2026, 12, 3), jst(2026, 12, 5)),
        (
            ["来週月曜", "午後1時", "来週火曜", "午前11時"],
            jst(2026, 12, 7, 13),
            jst(2026, 12, 8, 11),
        ),
        (["令和8年12月3日", "令和8年12月4日"], jst(2026, 12, 3), jst(2026, 12, 5)),
    ],
)
def test_periods_in_every_form(tokens: list[str], start: datetime, until: datetime) -> None:
    assert parse_period(tokens, now=NOW, tz=JST) == (start, until)
