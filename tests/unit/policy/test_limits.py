"""Instagram limits: caption length, hashtags, mentions."""

from __future__ import annotations

from chatbot.policy.detectors.limits import (
    LimitsConfig,
    detect_limits,
    find_hashtags,
    find_mentions,
)
from chatbot.policy.normalize import normalize


def kinds(text: str, cfg: LimitsConfig | None = None) -> list[str]:
    return [h.kind for h in detect_limits(normalize(text), cfg or LimitsConfig())]


def test_ordinary_post_has_no_limit_hits() -> None:
    text = "12/7(土)10:00～ 市役所で開催！ #熊本市 ＃イベント @kumamoto_city までお問い合わせを"
    assert kinds(text) == []
    assert kinds(text, LimitsConfig(allow_mentions=frozenset({"kumamoto_city"}))) == []


def test_caption_of_exactly_the_limit_passes_and_one_more_fails() -> None:
    assert kinds("あ" * 2200) == []
    hits = detect_limits(normalize("あ" * 2201), LimitsConfig())
    assert [h.kind for h in hits] == ["caption_too_long"]
    assert (hits[0].start, hits[0].end, hits[0].detail) == (2200, 2201, "2201")


def test_length_counts_the_original_not_the_normalised_text() -> None:
    # neologdn would collapse these spaces; Instagram still counts them.
    text = "a" + " " * 2200
    assert kinds(text) == ["caption_too_long"]


def test_hashtags_full_width_and_japanese_are_counted_each_occurrence() -> None:
    text = "#熊本 ＃イベント #熊本 熊本#祭り"
    spans = find_hashtags(text)
    assert [text[s:e] for s, e in spans] == ["#熊本", "＃イベント", "#熊本", "#祭り"]


def test_not_hashtags() -> None:
    assert find_hashtags("C#言語 &#9; #1 #2026 番号#5") == []
    assert [m for m in find_hashtags("#2026年")] == [(0, 6)]


def test_thirty_one_hashtags_is_too_many_and_points_at_the_extra() -> None:
    tags = " ".join(f"#tag{i}" for i in range(31))
    assert kinds(tags.replace("#tag30", "")) == []
    hits = detect_limits(normalize(tags), LimitsConfig())
    assert [h.kind for h in hits] == ["too_many_hashtags"]
    assert hits[0].excerpt == "#tag30"
    assert hits[0].detail == "31"


def test_mentions_limit_and_email_is_not_a_mention() -> None:
    text = " ".join(f"@user{i}" for i in range(21)) + " info@city.kumamoto.lg.jp"
    hits = detect_limits(normalize(text), LimitsConfig())
    assert [h.kind for h in hits] == ["too_many_mentions"]
    assert hits[0].detail == "21"
    assert hits[0].excerpt == "@user20"


def test_mention_allow_list_flags_only_unknown_accounts_with_offsets() -> None:
    text = "協力：＠ＫＵＭＡＭＯＴＯ_city、@someone.else. さん"
    mentions = find_mentions(text)
    assert [m[2] for m in mentions] == ["kumamoto_city", "someone.else"]
    cfg = LimitsConfig(allow_mentions=frozenset({"kumamoto_city"}))
    hits = detect_limits(normalize(text), cfg)
    assert [(h.kind, h.excerpt, h.detail) for h in hits] == [
        ("mention_not_allowed", "@someone.else", "someone.else")
    ]
    assert text[hits[0].start : hits[0].end] == "@someone.else"
