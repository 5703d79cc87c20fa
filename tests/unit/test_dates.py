from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from chatbot.dates import (
    DateParseError,
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
    parse_period,
    parse_time,
)

JST = ZoneInfo("Asia/Tokyo")
TODAY = date(2026, 11, 20)  # a Friday
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=JST)


def jst(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=JST)


def assert_bilingual(exc: DateParseError, shown: str) -> None:
    assert f"『{shown}』" in exc.message_ja
    assert "例：" in exc.message_ja
    assert f"'{shown}'" in exc.message_en
    assert "Example:" in exc.message_en
    assert exc.message("ja") == exc.message_ja
    assert exc.message("en-US") == exc.message_en
    assert str(exc) == exc.message_en


# --- parse_date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2026/12/1", date(2026, 12, 1)),
        ("2026.12.01", date(2026, 12, 1)),
        ("2025-12-01", date(2025, 12, 1)),  # an explicit year is kept even when past
        ("12/1", date(2026, 12, 1)),
        ("12-1", date(2026, 12, 1)),
        ("12月1日", date(2026, 12, 1)),
        ("12月1", date(2026, 12, 1)),
        ("2026年12月1日", date(2026, 12, 1)),
        ("2027年1月5日", date(2027, 1, 5)),
        ("令和8年12月1日", date(2026, 12, 1)),
        ("令和9年1月5日", date(2027, 1, 5)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("今日", TODAY),
        ("本日", TODAY),
        ("明日", date(2026, 11, 21)),
        ("明後日", date(2026, 11, 22)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 21)),
        ("１２月１日", date(2026, 12, 1)),
        ("１２／１", date(2026, 12, 1)),
        ("２０２６－１２－０１", date(2026, 12, 1)),
        ("  12/1 ", date(2026, 12, 1)),
        ("11/20", TODAY),  # today itself stays this year
        ("8/19", date(2027, 8, 19)),  # long passed (93 days): next year
        ("1/3", date(2027, 1, 3)),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("8/1", date(2026, 12, 20), date(2027, 8, 1)),
        ("1/5", date(2026, 12, 31), date(2027, 1, 5)),
        ("明日", date(2026, 12, 31), date(2027, 1, 1)),
        ("2/29", date(2027, 3, 1), date(2028, 2, 29)),
        ("2/29", date(2028, 1, 10), date(2028, 2, 29)),
    ],
)
def test_parse_date_year_rollover(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today=today) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("12/32", "date"),
        ("13/1", "date"),
        ("0/5", "date"),
        ("2/30", "no_such_date"),
        ("2026-02-29", "no_such_date"),
        ("2/29", "no_such_date"),  # neither 2026 nor 2027 is a leap year
        ("令和0年1月1日", "no_such_date"),
        ("foo", "date"),
        ("12", "date"),
        ("12/1/5", "date"),
        ("9:00", "date"),
        ("昨日", "date"),
        ("", "date"),
        ("   ", "date"),
        ("1" * 100, "date"),
    ],
)
def test_parse_date_rejects(text: str, kind: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text, today=TODAY)
    assert info.value.kind == kind
    assert_bilingual(info.value, text.strip()[:64] + ("…" if len(text.strip()) > 64 else ""))
    assert any(ex in info.value.message_ja for ex in ("12/1", "12月1日", "2026-12-01"))
    assert any(ex in info.value.message_en for ex in ("12/1", "12月1日", "2026-12-01"))


def test_date_error_message_matches_house_style() -> None:
    with pytest.raises(DateParseError) as info:
        parse_date("12/32", today=TODAY)
    assert info.value.message_ja == "日付の形式が正しくありません：『12/32』。例：12/1、2026/12/1"
    assert info.value.message_en == "Invalid date: '12/32'. Example: 12/1, 2026/12/1"
    with pytest.raises(DateParseError) as info:
        parse_date("foo", today=TODAY)
    assert info.value.message_en == "Invalid date: 'foo'. Example: 2026-12-01, 12/1, 12月1日"


# --- parse_time -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:00", time(9)),
        ("09:00", time(9)),
        ("0:00", time(0)),
        ("23:59", time(23, 59)),
        ("17:15", time(17, 15)),
        ("9:05:30", time(9, 5, 30)),
        ("9時", time(9)),
        ("9時30分", time(9, 30)),
        ("9時5分", time(9, 5)),
        ("9時半", time(9, 30)),
        ("９：００", time(9)),
        ("１７時１５分", time(17, 15)),
        (" 9:00 ", time(9)),
    ],
)
def test_parse_time_accepts(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "25:00",
        "24:00",
        "9:75",
        "9:5",
        "9時60分",
        "25時",
        "9",
        "nine",
        "9:00:60",
        "",
        "13:00pm",
        "午後13時",
        "午後12時",
        "午前",
        "pm",
    ],
)
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_time(text)
    assert info.value.kind == "time"
    assert_bilingual(info.value, text.strip())
    # the example follows the form typed: 時 for 時, a colon for a colon
    kanji = "時" in text or "午" in text
    assert ("9時30分" if kanji else "17:15") in info.value.message_ja


# --- parse_datetime -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01T09:00", jst(2026, 12, 1, 9)),
        ("2026-12-01T09:00:00", jst(2026, 12, 1, 9)),
        ("2026-12-01T09:00+09:00", jst(2026, 12, 1, 9)),
        ("2026-12-01T00:00Z", jst(2026, 12, 1, 9)),
        ("2026-12-01T00:00:00+00:00", jst(2026, 12, 1, 9)),
        ("2026-11-30T19:00-05:00", jst(2026, 12, 1, 9)),
        ("2026-12-01 09:00", jst(2026, 12, 1, 9)),
        ("2026-12-01 9:00", jst(2026, 12, 1, 9)),
        ("2026/12/1 9:00", jst(2026, 12, 1, 9)),
        ("12/1 9:00", jst(2026, 12, 1, 9)),
        ("12/1  17:14", jst(2026, 12, 1, 17, 14)),
        ("12/1T9:00", jst(2026, 12, 1, 9)),
        ("12月1日 9時", jst(2026, 12, 1, 9)),
        ("12月1日9時30分", jst(2026, 12, 1, 9, 30)),
        ("令和8年12月1日 9時", jst(2026, 12, 1, 9)),
        ("明日 9:00", jst(2026, 11, 21, 9)),
        ("明日9時", jst(2026, 11, 21, 9)),
        ("tomorrow 9:00", jst(2026, 11, 21, 9)),
        ("１２／１　９：００", jst(2026, 12, 1, 9)),
        ("8/19 9:00", jst(2027, 8, 19, 9)),
    ],
)
def test_parse_datetime_accepts(text: str, expected: datetime) -> None:
    got = parse_datetime(text, now=NOW, tz=JST)
    assert got == expected
    assert got.tzinfo == JST


def test_parse_datetime_uses_today_in_the_account_tz() -> None:
    # 2026-11-30 20:00 UTC is already 12/1 in Tokyo: "12/1" is today, not next year.
    now = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)
    assert parse_datetime("12/1 9:00", now=now, tz=JST) == jst(2026, 12, 1, 9)
    assert parse_datetime("今日 10:00", now=now, tz=JST) == jst(2026, 12, 1, 10)


def test_parse_datetime_default_time() -> None:
    got = parse_datetime("12/1", now=NOW, tz=JST, default_time=time(10))
    assert got == jst(2026, 12, 1, 10)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("12/1", "no_time"),
        ("foo", "datetime"),
        ("9:00", "datetime"),
        ("12/32 9:00", "datetime"),
        ("2/30 9:00", "no_such_date"),
        ("12/1 25:00", "time"),
        ("12/1 9:75", "time"),
        ("2026-12-01T25:00", "time"),
        ("", "datetime"),
    ],
)
def test_parse_datetime_rejects(text: str, kind: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_datetime(text, now=NOW, tz=JST)
    assert info.value.kind == kind
    assert info.value.message_ja.startswith(
        {
            "no_time": "時刻が指定されていません",
            "datetime": "日時の形式が正しくありません",
            "no_such_date": "存在しない日付です",
            "time": "時刻の形式が正しくありません",
        }[kind]
    )
    assert "Example:" in info.value.message_en


def test_parse_datetime_rejects_naive_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_datetime("12/1 9:00", now=datetime(2026, 11, 20, 10), tz=JST)


# --- parse_period ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "start", "until"),
    [
        (["12/1", "12/3"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["12/1", "9:00", "12/3", "17:00"], jst(2026, 12, 1, 9), jst(2026, 12, 3, 17)),
        (["12/1 13:00", "12/3"], jst(2026, 12, 1, 13), jst(2026, 12, 4)),
        (["12/1", "12/3 12:00"], jst(2026, 12, 1), jst(2026, 12, 3, 12)),
        (["2026-12-01T09:00", "2026-12-03T17:00"], jst(2026, 12, 1, 9), jst(2026, 12, 3, 17)),
        (["2026-12-01T00:00Z", "2026-12-01T08:00Z"], jst(2026, 12, 1, 9), jst(2026, 12, 1, 17)),
        (["12/1〜12/3"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["12/1~12/3"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["12/1-12/3"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["12/1から12/3まで"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["2026-12-01-2026-12-03"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["12月1日", "12月3日"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["１２／１〜１２／３"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["12/1 12/3"], jst(2026, 12, 1), jst(2026, 12, 4)),
        (["12/1", "12/1"], jst(2026, 12, 1), jst(2026, 12, 2)),
        (["12/1"], jst(2026, 12, 1), jst(2026, 12, 2)),
        (["今日", "明日"], jst(2026, 11, 20), jst(2026, 11, 22)),
        (["12/28", "1/4"], jst(2026, 12, 28), jst(2027, 1, 5)),
        (["2026-12-28", "1/4"], jst(2026, 12, 28), jst(2027, 1, 5)),
        (["11/19", "11/25"], jst(2026, 11, 19), jst(2026, 11, 26)),  # already running
    ],
)
def test_parse_period_accepts(tokens: list[str], start: datetime, until: datetime) -> None:
    assert parse_period(tokens, now=NOW, tz=JST) == (start, until)


def test_parse_period_year_end_typed_in_december() -> None:
    now = jst(2026, 12, 20, 9)
    assert parse_period(["12/28", "1/3"], now=now, tz=JST) == (jst(2026, 12, 28), jst(2027, 1, 4))
    assert parse_period(["8/1", "8/3"], now=now, tz=JST) == (jst(2027, 8, 1), jst(2027, 8, 4))
    with pytest.raises(DateParseError) as info:  # 12/3 has only just passed: which year?
        parse_period(["12/1", "12/3"], now=now, tz=JST)
    assert info.value.kind == "ambiguous_year"


@pytest.mark.parametrize(
    ("tokens", "kind"),
    [
        (["12/3", "12/1"], "order"),
        (["12/1 13:00", "12/1 12:00"], "order"),
        (["12/1", "9:00", "12/1", "9:00"], "order"),
        (["2026-12-03T09:00", "2026-12-01T09:00"], "order"),
        (["9:00", "12/1"], "period"),
        (["12/1", "9:00", "10:00"], "period"),
        (["12/1", "12/2", "12/3"], "period"),
        (["12/1 9:00"], "period"),
        (["12/1〜"], "period"),
        (["〜12/3"], "period"),
        ([], "period"),
        (["foo", "12/3"], "date"),
        (["12/1", "12/32"], "date"),
        (["12/1", "12/3", "25:00"], "time"),
        (["12/1 25:00", "12/3"], "time"),
    ],
)
def test_parse_period_rejects(tokens: list[str], kind: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_period(tokens, now=NOW, tz=JST)
    assert info.value.kind == kind
    assert info.value.message_ja and info.value.message_en
    assert "例：" in info.value.message_ja
    assert "Example:" in info.value.message_en


def test_period_order_error_names_what_was_typed() -> None:
    with pytest.raises(DateParseError) as info:
        parse_period(["12/3", "12/1"], now=NOW, tz=JST)
    assert_bilingual(info.value, "12/3 12/1")
    assert info.value.message_ja.startswith("終了が開始より後になっていません")


# --- formatting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "locale", "now", "expected"),
    [
        (jst(2026, 12, 7, 10), "ja", None, "2026年12月7日(月) 10:00"),
        (jst(2026, 12, 7, 10), "ja", NOW, "12月7日(月) 10:00"),
        (jst(2027, 1, 5, 9, 5), "ja", NOW, "2027年1月5日(火) 9:05"),
        (jst(2026, 12, 7, 10), "en", None, "Mon 7 Dec 2026 10:00"),
        (jst(2026, 12, 7, 10), "en", NOW, "Mon 7 Dec 10:00"),
        (jst(2027, 1, 5, 9, 5), "en-US", NOW, "Tue 5 Jan 2027 09:05"),
        (datetime(2026, 12, 7, 1, 0, tzinfo=UTC), "ja", NOW, "12月7日(月) 10:00"),
        # 2026-12-31 20:00 UTC is already New Year's Day in Tokyo
        (datetime(2026, 12, 31, 20, 0, tzinfo=UTC), "ja", NOW, "2027年1月1日(金) 5:00"),
        (jst(2026, 12, 13, 17, 15), "ja", NOW, "12月13日(日) 17:15"),
        (jst(2026, 12, 12, 0, 0), "en", NOW, "Sat 12 Dec 00:00"),
    ],
)
def test_format_datetime(at: datetime, locale: str, now: datetime | None, expected: str) -> None:
    assert format_datetime(at, tz=JST, locale=locale, now=now) == expected


def test_format_datetime_judges_the_year_in_the_account_tz() -> None:
    now = datetime(2026, 12, 31, 16, 0, tzinfo=UTC)  # already 2027-01-01 01:00 in Tokyo
    assert format_datetime(jst(2027, 1, 4, 9), tz=JST, locale="ja", now=now) == "1月4日(月) 9:00"


def test_format_datetime_in_another_tz() -> None:
    utc = ZoneInfo("UTC")
    assert format_datetime(jst(2026, 12, 7, 10), tz=utc, locale="en") == "Mon 7 Dec 2026 01:00"
    minus5 = timezone(timedelta(hours=-5))
    at = datetime(2026, 12, 6, 20, 0, tzinfo=minus5)
    assert format_datetime(at, tz=JST, locale="ja") == "2026年12月7日(月) 10:00"


def test_format_datetime_rejects_naive() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_datetime(datetime(2026, 12, 7, 10), tz=JST, locale="ja")


@pytest.mark.parametrize(
    ("day", "locale", "today", "expected"),
    [
        (date(2026, 12, 7), "ja", None, "2026年12月7日(月)"),
        (date(2026, 12, 7), "ja", TODAY, "12月7日(月)"),
        (date(2026, 12, 8), "ja", TODAY, "12月8日(火)"),
        (date(2026, 12, 9), "ja", TODAY, "12月9日(水)"),
        (date(2026, 12, 10), "ja", TODAY, "12月10日(木)"),
        (date(2026, 12, 11), "ja", TODAY, "12月11日(金)"),
        (date(2026, 12, 12), "ja", TODAY, "12月12日(土)"),
        (date(2026, 12, 13), "ja", TODAY, "12月13日(日)"),
        (date(2027, 1, 4), "ja", TODAY, "2027年1月4日(月)"),
        (date(2026, 12, 7), "en", None, "Mon 7 Dec 2026"),
        (date(2026, 12, 7), "en", TODAY, "Mon 7 Dec"),
        (date(2027, 2, 28), "en", TODAY, "Sun 28 Feb 2027"),
        (date(2026, 12, 7), "fr", TODAY, "12月7日(月)"),  # unknown locales fall back to Japanese
    ],
)
def test_format_date(day: date, locale: str, today: date | None, expected: str) -> None:
    assert format_date(day, locale=locale, today=today) == expected


def test_formatted_datetime_parses_back() -> None:
    at = jst(2026, 12, 7, 10)
    text = format_datetime(at, tz=JST, locale="ja")
    assert parse_datetime(text.replace("(月)", ""), now=NOW, tz=JST) == at
