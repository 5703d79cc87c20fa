"""The lexicon detector: phrases on the kana view, patterns, context rules and offsets."""

from __future__ import annotations

from chatbot.policy.detectors.lexicon import Lexicon, LexiconRule, fold
from chatbot.policy.normalize import normalize


def _find(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(m.rule_id, m.excerpt) for m in lexicon.find(normalize(text))]


def test_phrases_match_across_katakana_hiragana_and_width() -> None:
    lexicon = Lexicon([LexiconRule(id="c", phrases=("クーポン",))])
    assert _find(lexicon, "くーぽんを配布") == [("c", "くーぽん")]
    assert _find(lexicon, "ｸｰﾎﾟﾝを配布") == [("c", "ｸｰﾎﾟﾝ")]
    assert _find(lexicon, "お知らせです") == []


def test_offsets_point_into_the_original_caption_despite_invisible_characters() -> None:
    lexicon = Lexicon([LexiconRule(id="s", phrases=("部外秘",))])
    caption = "資料は\u200b部\u200b外秘です"
    [match] = lexicon.find(normalize(caption))
    assert caption[match.start : match.end] == match.excerpt
    assert match.excerpt.replace("\u200b", "") == "部外秘"


def test_shorter_phrase_of_another_rule_at_the_same_position_is_still_found() -> None:
    lexicon = Lexicon(
        [
            LexiconRule(id="long", phrases=("投票してください",)),
            LexiconRule(id="short", phrases=("投票",)),
        ]
    )
    assert sorted(_find(lexicon, "投票してください")) == [
        ("long", "投票してください"),
        ("short", "投票"),
    ]


def test_requires_any_needs_a_context_word_nearby() -> None:
    rule = LexiconRule(id="u", phrases=("検討中",), requires_any=("移転",), window=10)
    lexicon = Lexicon([rule])
    assert _find(lexicon, "庁舎の移転を検討中です") == [("u", "検討中")]
    assert _find(lexicon, "新メニューを検討中です") == []
    far = "庁舎の移転" + "。" * 30 + "検討中"
    assert _find(lexicon, far) == []


def test_unless_any_cancels_and_exclude_covers_the_match() -> None:
    lexicon = Lexicon(
        [
            LexiconRule(id="v", phrases=("投票してください",), unless_any=("選挙管理委員会",)),
            LexiconRule(id="r", phrases=("らしい",), exclude=("素晴らしい",)),
        ]
    )
    assert _find(lexicon, "選挙管理委員会より: 投票してください") == []
    assert _find(lexicon, "素晴らしい演奏") == []
    assert _find(lexicon, "中止らしい") == [("r", "らしい")]


def test_patterns_run_on_the_kana_view_case_insensitively() -> None:
    lexicon = Lexicon([LexiconRule(id="p", patterns=(r"\d+\s*%\s*オフ", r"\.exe(?![a-z0-9])"))])
    assert _find(lexicon, "今なら２０％ＯＦＦ") == []
    assert _find(lexicon, "今なら２０％オフ") == [("p", "２０％オフ")]
    assert _find(lexicon, "SETUP.EXE をダウンロード") == [("p", ".EXE")]


def test_at_most_five_matches_per_rule_are_reported() -> None:
    lexicon = Lexicon([LexiconRule(id="x", phrases=("噂",))])
    assert len(lexicon.find(normalize("噂、" * 20))) == 5


def test_fold_matches_the_normalised_kana_view() -> None:
    assert fold("カタカナＡＢＣ") == "かたかなabc"
