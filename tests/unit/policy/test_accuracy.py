"""Accuracy checks: wrong weekdays, past event dates, impossible dates and phone numbers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from chatbot.policy.engine import PolicyEngine

JST = ZoneInfo("Asia/Tokyo")
REF = datetime(2026, 12, 10, 9, 0, tzinfo=JST)


def rules(engine: PolicyEngine, caption: str, ref: datetime | None = REF) -> list[tuple[str, str]]:
    result = engine.check("kumamoto-artistspot", caption, publish_at=ref)
    return [(f.rule, f.excerpt) for f in result.findings]


def test_a_wrong_weekday_names_the_right_one(engine: PolicyEngine) -> None:
    result = engine.check(
        "kumamoto-artistspot", "12月19日(金)にライブを開催します。", publish_at=REF
    )
    [finding] = result.findings
    assert (finding.rule, finding.severity, finding.clause) == ("accuracy.weekday", "warn", "2(6)")
    assert "土曜日" in finding.message_ja and "Saturday" in finding.message_en
    assert finding.excerpt == "12月19日(金)"


@pytest.mark.parametrize(
    "caption",
    [
        "12月19日(土)にライブを開催します。",
        "2026年12月19日（土曜日）開催",
        "令和8年12月19日(土・祝)",
        "１２月１９日（土）開催します",
    ],
)
def test_right_weekdays_pass(engine: PolicyEngine, caption: str) -> None:
    assert rules(engine, caption) == []


def test_a_weekday_that_fits_the_previous_year_is_not_a_mismatch(engine: PolicyEngine) -> None:
    # April 2026 (fiscal year 2026) read in December: the weekdays fit 2026, the period is past.
    found = rules(engine, "4月1日(水)～4月30日(木)まで募集します")
    assert [r for r, _ in found] == ["accuracy.past_date", "accuracy.past_date"]


def test_an_event_already_past_at_publish_time_is_a_warning(engine: PolicyEngine) -> None:
    caption = "12月5日(土)に花畑広場でライブを開催します。"
    assert rules(engine, caption) == [("accuracy.past_date", "12月5日(土)")]
    assert rules(engine, caption, datetime(2026, 12, 1, tzinfo=JST)) == []
    assert rules(engine, caption, None) == []  # no reference time: nothing to compare with


def test_a_report_of_a_past_event_is_not_flagged(engine: PolicyEngine) -> None:
    assert rules(engine, "12月5日に開催したライブの様子です。ありがとうございました！") == []


def test_a_date_long_before_publish_time_means_next_year(engine: PolicyEngine) -> None:
    assert rules(engine, "1月10日(日)に新春ライブを開催します。") == []  # 2027-01-10 is a Sunday


@pytest.mark.parametrize("caption", ["2月30日に開催します", "4月31日(土)開催", "2027年2月29日"])
def test_impossible_dates(engine: PolicyEngine, caption: str) -> None:
    assert [r for r, _ in rules(engine, caption, None)] == ["accuracy.impossible_date"]


def test_leap_day_is_possible(engine: PolicyEngine) -> None:
    assert rules(engine, "2028年2月29日(火)に開催します", None) == []


# 000-0000-0000 was here: a number of zeros is a placeholder, not a typo (test_pii_context_v6).
@pytest.mark.parametrize("number", ["010-1234-5678", "096-123-45678", "090-1234-567"])
def test_phone_numbers_that_cannot_exist(engine: PolicyEngine, number: str) -> None:
    found = rules(engine, f"お問合せ TEL {number}", None)
    assert ("accuracy.phone", number) in found


def test_the_office_number_is_a_possible_phone(engine: PolicyEngine) -> None:
    assert rules(engine, "お問合せ TEL 096-328-2039", None) == []
