"""Normalisation views and the offset map back to the original caption."""

from __future__ import annotations

import unicodedata

import neologdn
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.policy.normalize import (
    _SPACED_LINE_RE,
    _STABLE_RUN_RE,
    _UNCHANGED_LINE_RE,
    _WIDE_RE,
    _WIDE_TO_ASCII,
    _drop_spaces,
    _invisible_chars,
    normalize,
)

PHONE = "090-1234-5678"


@pytest.mark.parametrize(
    "raw",
    [
        "０９０－１２３４－５６７８",
        "090ー1234ー5678",
        "090―1234−5678",
        "09\u200b0-12\u200d34-56\u2060\u00ad78",
        "\ufeff090‐1234‑5678",
    ],
)
def test_phone_evasions_become_plain_in_text(raw: str) -> None:
    nt = normalize(raw)
    assert nt.text == PHONE
    assert nt.compact == PHONE
    first_visible = len(raw) - len(raw.lstrip("\ufeff"))
    assert nt.to_original(0, len(nt.text)) == (first_visible, len(raw))


@pytest.mark.parametrize(
    "raw",
    ["0 9 0 - 1 2 3 4 - 5 6 7 8", "〇九〇ー一二三四ー五六七八", "〇九〇　一二三四　五六七八"],
)
def test_compact_view_catches_spaced_and_kanji_digits(raw: str) -> None:
    nt = normalize(raw)
    assert nt.compact.replace("-", "") == "09012345678"
    assert nt.compact_to_original(0, len(nt.compact)) == (0, len(raw))


def test_compact_span_maps_to_the_digits_in_the_original() -> None:
    raw = "お電話は　〇九〇ー一二三四ー五六七八　まで"
    nt = normalize(raw)
    start = nt.compact.index("090")
    s, e = nt.compact_to_original(start, start + len("090-1234-5678"))
    assert raw[s:e] == "〇九〇ー一二三四ー五六七八"


def test_long_vowel_between_katakana_is_kept_and_between_digits_replaced() -> None:
    nt = normalize("パーティー 10ー20")
    assert nt.text.startswith("パーティー")
    assert "10-20" in nt.text


def test_nfkc_expansion_maps_every_char_to_its_source() -> None:
    raw = "㈱テスト"
    nt = normalize(raw)
    assert nt.text == "(株)テスト"
    assert nt.to_original(0, 3) == (0, 1)
    assert nt.to_original(1, 2) == (0, 1)
    assert nt.to_original(3, 6) == (1, 4)


def test_half_width_voiced_kana_compose_and_map_to_both_chars() -> None:
    raw = "ｶﾞｲﾄﾞ"
    nt = normalize(raw)
    assert nt.text == "ガイド"
    assert nt.to_original(0, 1) == (0, 2)
    assert nt.to_original(2, 3) == (3, 5)


def test_neologdn_space_removal_and_repeat_collapse_keep_offsets() -> None:
    raw = "すごーーーーい　イベント  です"
    nt = normalize(raw)
    assert nt.text == "すごーいイベントです"
    s, e = nt.to_original(nt.text.index("イベント"), nt.text.index("イベント") + 4)
    assert raw[s:e] == "イベント"
    s, e = nt.to_original(nt.text.index("です"), len(nt.text))
    assert raw[s:e] == "です"


def test_tilde_ranges_survive_neologdn() -> None:
    nt = normalize("10:00～12:00")
    assert nt.text == "10:00~12:00"


def test_kana_view_is_hiragana_lower_case_and_same_length() -> None:
    nt = normalize("ヤマダ　タロウ ABC İx")
    assert len(nt.kana) == len(nt.text)
    assert nt.kana.startswith("やまだたろう")
    assert "abc" in nt.kana


def test_full_width_url_is_ascii_in_text() -> None:
    raw = "詳細はｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／ａ"
    nt = normalize(raw)
    i = nt.text.index("https://example.jp/a")
    s, e = nt.to_original(i, i + len("https://example.jp/a"))
    assert raw[s:e] == "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／ａ"


def test_empty_and_out_of_range_spans() -> None:
    nt = normalize("")
    assert nt.text == "" and nt.compact == ""
    assert nt.to_original(0, 0) == (0, 0)
    nt = normalize("abc")
    assert nt.to_original(5, 9) == (3, 3)
    assert nt.to_original(1, 1) == (1, 1)


_ALPHABET = st.sampled_from(
    list(
        "abcXYZ019 　\t\n-－ー―~～〜ｰｱｶﾞﾟ㈱①㍻あアｱ漢字"
        "\u200b\u200d\ufeff\u00ad\u0301\u3099ｗ！？@＠.．"
    )
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offset_map_is_in_bounds_and_monotonic(raw: str) -> None:
    nt = normalize(raw)
    assert len(nt.kana) == len(nt.text)
    previous = (0, 0)
    for i in range(len(nt.text)):
        s, e = nt.to_original(i, i + 1)
        assert 0 <= s < e <= len(raw)
        assert s >= previous[0] and e >= previous[1]
        previous = (s, e)
    for i in range(len(nt.compact)):
        s, e = nt.compact_to_original(i, i + 1)
        assert 0 <= s < e <= len(raw)
    whole = nt.to_original(0, len(nt.text))
    assert whole[0] >= 0 and whole[1] <= len(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_normalises_with_a_valid_map(raw: str) -> None:
    nt = normalize(raw)
    assert len(nt.kana) == len(nt.text)
    for i in range(len(nt.text)):
        s, e = nt.to_original(i, i + 1)
        assert 0 <= s < e <= len(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_visible_ascii_letters_map_back_to_themselves(raw: str) -> None:
    nt = normalize(raw)
    for i, ch in enumerate(nt.text):
        if ch.isascii() and ch.isalnum():
            s, e = nt.to_original(i, i + 1)
            # The source is the same letter, possibly full-width or decorated (NFKC).
            assert ch in unicodedata.normalize("NFKC", raw[s:e])


def test_a_long_caption_normalises_as_its_repeated_parts() -> None:
    # Speed is a benchmark figure (benchmarks/policy_bench.py, "normalise 2,200 characters");
    # here only the behaviour: a caption made of one line repeated normalises to that line's
    # normal form repeated, and every span maps back inside the original.
    line = (
        "イベントのお知らせ　12/7(土)10:00～12:00　市役所１階ロビーにて開催します。"
        "お問い合わせは０９６－３２８－２０３９まで。#熊本 #イベント\n"
    )
    one = normalize(line)
    many = normalize(line * 30)
    assert many.text == one.text * 30
    assert many.compact == one.compact * 30
    size = len(line)
    for k in (0, 7, 29):
        start = k * len(one.text)
        assert many.to_original(start, start + len(one.text)) == (k * size, (k + 1) * size)


_LINE_ALPHABET = list(
    "あいうアイウ漢字々AZaz09!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}。、「」『』【】・…😀☀✨ー-~ 　"
    "※○→□×〒ｱｰ\u2010\u301c\uff5e"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_LINE_ALPHABET), max_size=14))
def test_lines_kept_without_neologdn_are_ones_it_would_not_change(line: str) -> None:
    # normalize() skips neologdn for lines its _UNCHANGED_LINE_RE accepts; that must be safe.
    if _UNCHANGED_LINE_RE.fullmatch(line):
        assert neologdn.normalize(line, tilde="normalize") == line


def test_lines_are_normalised_one_by_one_and_map_back() -> None:
    raw = "ワークショップ  のお知らせ\nパーティーーー  開催\n熊本市 文化政策課"
    nt = normalize(raw)
    assert nt.text.split("\n") == [normalize(line).text for line in raw.split("\n")]
    line = nt.text.split("\n")[1]
    start = nt.text.index(line)
    s, e = nt.to_original(start, start + len(line))
    assert raw[s:e] == "パーティーーー  開催"


def test_stable_run_characters_are_their_own_nfkc_and_never_compose() -> None:
    # _strip_and_nfkc copies runs of these as they are, so each must be NFKC-stable, visible
    # and unable to combine with what precedes it.
    stable = [chr(c) for c in range(0x20000) if _STABLE_RUN_RE.fullmatch(chr(c))]
    assert "※" in stable and "✨" in stable and "・" in stable
    for ch in stable:
        assert unicodedata.normalize("NFKC", ch) == ch, hex(ord(ch))
        assert ch not in _invisible_chars(), hex(ord(ch))
        assert unicodedata.combining(ch) == 0, hex(ord(ch))
        assert unicodedata.category(ch) not in ("Mn", "Mc", "Me", "Cf", "Cn"), hex(ord(ch))


def test_wide_forms_are_swapped_one_for_one_as_nfkc_would() -> None:
    wide = [chr(c) for c in range(0x20000) if _WIDE_RE.fullmatch(chr(c))]
    assert len(wide) == 95
    for ch in wide:
        assert ch.translate(_WIDE_TO_ASCII) == unicodedata.normalize("NFKC", ch)
    raw = "ＴＥＬ：０９６（３２８）\u3000ｶﾞｲﾄﾞ"
    nt = normalize(raw)
    assert nt.text == "TEL:096(328)ガイド"
    assert nt.to_original(4, 7) == (4, 7)
    assert nt.to_original(12, 13) == (13, 15)


_SPACED_ALPHABET = list("あアヶ漢々〆〇。、「」『』【】・ー*-~ a1#(@.   …😀※〜ｱ\u3000")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SPACED_ALPHABET), max_size=20))
def test_spaced_lines_are_what_neologdn_makes_of_them(line: str) -> None:
    # normalize() drops the spaces of lines _SPACED_LINE_RE accepts itself, without neologdn.
    if _SPACED_LINE_RE.fullmatch(line):
        result, index = _drop_spaces(line, 5)
        assert result == neologdn.normalize(line, tilde="normalize")
        if index is None:
            assert result == line
        else:
            assert [line[i - 5] for i in index] == list(result)


def test_spaces_between_ascii_stay_and_the_others_go_with_their_offsets() -> None:
    raw = "会場 熊本城ホール Tel 096 #熊本 #イベント"
    nt = normalize(raw)
    assert nt.text == "会場熊本城ホールTel 096 #熊本#イベント"
    start = nt.text.index("096")
    assert raw[slice(*nt.to_original(start, start + 3))] == "096"
    start = nt.text.index("#イベント")
    assert raw[slice(*nt.to_original(start, start + 5))] == "#イベント"
