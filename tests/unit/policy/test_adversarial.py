"""Long adversarial inputs: every family is checked to the end without an error.

Timing is measured by benchmarks/policy_bench.py (ms per 1,000 characters and the time ratio of 10k vs 20k); this test
only proves there is no crash and that a verdict is still reached.
"""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime

import pytest

from chatbot.policy.detectors import names
from chatbot.policy.engine import PolicyEngine

FAMILIES = {
    "digits": "1",
    "kanji_numerals": "一",
    "honorifics": "さん",
    "names_with_honorifics": "山田さん",
    "dash_digits": "1-",
    "place_kanji": "町",
    "at_signs": "a@",
    "zero_width_digits": "\u200b1",
    "zero_width": "\u200b",
    "addresses": "熊本市中央区手取本町1番1号（会場）",
    "urls": "https://example.com/a?b=c ",
    "emoji": "😀👍🏽",
    "kanji_dates": "十二月五日(金)",
    "ages": "山田花子さん（34）",
    "brackets_phone": "(0",
    "spelled_zeros": "ぜろ",
    "kanji_zeros_no": "〇の",
    "mixed": "山田さん090-1234-5678熊本市中央区1-1 http://a.jp 😀\u200b一二三 #a @b 12月5日(金)",
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_20000_characters_get_a_verdict(engine: PolicyEngine, family: str) -> None:
    unit = FAMILIES[family]
    caption = (unit * (20_000 // len(unit) + 1))[:20_000]
    result = engine.check("kumamoto-artistspot", caption)
    # Over 2,200 characters: Instagram's limit blocks it, whatever else is found.
    assert result.verdict == "block"
    assert "platform.caption_length" in {f.rule for f in result.findings}


def test_sudachi_gets_pieces_it_accepts() -> None:
    text = "山田さん" * 5_000
    pieces = names._windows(text)
    assert pieces and all(e - s <= names.MAX_CHUNK_CHARS for s, e in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(b[0] < a[1] for a, b in itertools.pairwise(pieces))  # overlapping


@pytest.mark.parametrize("n", [19_999, 20_001, 48_000])
def test_honorifics_over_sudachi_s_limit_are_checked_in_pieces(
    engine: PolicyEngine, n: int
) -> None:
    caption = ("様さん" * n)[:n]  # no whitespace and no sentence end: one run for Sudachi
    result = engine.check("kokuraminami", caption)
    assert result.verdict == "block" and result.findings


_PIECES = list(
    "0123456789-（）()〒市区町丁目番地号の会場館月日年(金)土〜~二十一〇令和平成さん様歳: @.\n"
)
_PIECES += ["熊本市中央区", "096-328-2039", "12月5日(金)", "2月29日", "十二月", "山田太郎さん"]
_PIECES += ["（34）", "生まれの方", "https://x.jp", "info@a.jp", "見つからない", "禁止されて", "😀"]


def test_random_mixtures_of_trigger_pieces_never_raise(engine: PolicyEngine) -> None:
    rng = random.Random(9)
    for _ in range(300):
        caption = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 60)))
        when = datetime(2026, 12, rng.randint(1, 31), 9, 0, tzinfo=UTC)
        pack = rng.choice(["kumamoto-artistspot", "kokuraminami"])
        result = engine.check(pack, caption, publish_at=when)
        assert result.verdict in {"pass", "warn", "block"}
