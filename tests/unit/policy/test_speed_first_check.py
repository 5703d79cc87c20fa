"""The first check's shortcuts (pack patterns parsed once, phrases folded without the full
normalisation, invisibles asked one character at a time) must give what the plain code gave."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chatbot.policy.detectors.lexicon import (
    first_chars_regex,
    fold_pattern,
    gate_sets,
    pattern_gate,
    pattern_parts,
)
from chatbot.policy.normalize import _invisible_chars, _is_invisible, fold_kana, normalize
from chatbot.policy.packs import builtin_names, lint_pack, load_pack

_PHRASE_ALPHABET = st.sampled_from(
    [
        *"あいうアイウヴヵーァ漢字々〆〇ABCabcİßẞ019-~!?。、「」・…※→■✨😀 \t\n\u3000\u200b",
        *"ＡＢ０１－‐ー―ｶﾞｰ～〜",
        "センター",
        "ーー",
        "1-2",
    ]
)


@settings(max_examples=1000, deadline=None)
@example("バカ")
@example("ｶﾞｰﾃﾞﾝ")
@example("a b")
@example("あ い")
@example("ぱーてぃーー")
@example("０９０−１２３４")
@given(st.lists(_PHRASE_ALPHABET, max_size=12).map("".join))
def test_fold_kana_is_the_kana_view_of_normalize(text: str) -> None:
    assert fold_kana(text) == normalize(text).kana


def test_every_phrase_of_the_packs_folds_as_normalize_folds_it() -> None:
    for name in builtin_names():
        for rule in load_pack(name).rules:
            for key in ("phrases", "requires_any", "unless_any", "unless_next", "exclude"):
                for phrase in rule.strings(key):
                    assert fold_kana(phrase) == normalize(phrase).kana, phrase


def test_invisible_is_the_table_for_every_code_point() -> None:
    table = _invisible_chars()
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue  # surrogates: no caption holds one
        ch = chr(code)
        assert _is_invisible(ch) == (ch in table), hex(code)
    assert _is_invisible("\u200b") and _is_invisible("\ufe0f") and not _is_invisible("あ")
    assert unicodedata.category("\U000e0001") == "Cf" and _is_invisible("\U000e0001")


def _plain_parts(pattern: str) -> tuple[str, object, str | None]:
    folded = fold_pattern(pattern)
    starts = first_chars_regex(folded)
    return folded, gate_sets(pattern_gate(folded)), None if starts is None else starts.pattern


def test_pattern_parts_are_the_parts_each_step_gives_for_every_pack_pattern() -> None:
    for name in builtin_names():
        for rule in load_pack(name).rules:
            for pattern in rule.strings("patterns"):
                assert pattern_parts(pattern) == _plain_parts(pattern), pattern


@pytest.mark.parametrize(
    "pattern",
    [
        "(unclosed",
        "[ア-",
        "a{2,1}",
        r"\p",
        "(?<=あ+)い",  # a look-behind of variable width
        "(?<!(?:あ|いう))え",
        "(?:x(?<=a|bc)y)",  # nested in a group
        "x|(?<!a*)y",  # in a branch
        "(?:z(?<=ab?))+",  # in a repeat
        "(?>(?<!a{1,2})b)",  # in an atomic group
        "(a)?(?(1)(?<=x+)|b)",  # in a conditional
    ],
)
def test_pattern_parts_refuses_what_re_compile_refuses(pattern: str) -> None:
    with pytest.raises(re.error):
        re.compile(pattern)
    pattern_parts.cache_clear()
    with pytest.raises(re.error):
        pattern_parts(pattern)


@pytest.mark.parametrize(
    "pattern",
    ["(?<=ab)c", "(?<!\\d)1\\d歳", "(?<![a-z])xで", "(?:(?<!ご)迷惑|うるさ)", "a(?<=a|b)"],
)
def test_pattern_parts_accepts_fixed_width_look_behinds(pattern: str) -> None:
    re.compile(pattern)
    assert pattern_parts(pattern)[0] == fold_pattern(pattern)


def test_lint_reports_a_variable_width_look_behind(tmp_path: Path) -> None:
    path = tmp_path / "behind.yml"
    path.write_text(
        "name: behind\nextends: kokuraminami\nrules:\n  - id: x.behind\n    category: political\n"
        "    severity: warn\n    clause: '1'\n    clause_text: t\n    detector: lexicon\n"
        "    patterns: ['(?<=選挙+)へ']\n    message: {ja: あ, en: a}\n"
        "    suggestion: {ja: い, en: e}\n",
        "utf-8",
    )
    [issue] = lint_pack(str(path))
    assert (issue.line, issue.key) == (10, "rules[x.behind].patterns")
    assert "look-behind requires fixed-width pattern" in issue.message
