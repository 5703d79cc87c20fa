"""The lexicon's faster search must find exactly what the plain search found."""

from __future__ import annotations

import re
import string
from functools import cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chatbot.policy.detectors.lexicon import (
    _ASCII_FOLDS,
    FLAGS,
    LazyPattern,
    Lexicon,
    LexiconMatch,
    _confirmed,
    first_chars_regex,
    gate_open,
    gate_sets,
    pattern_gate,
    scan,
)
from chatbot.policy.engine import PolicyEngine
from chatbot.policy.normalize import NormalizedText, normalize

_PACKS = ("kumamoto-artistspot", "kokuraminami")


@cache
def _lexicons() -> tuple[Lexicon, ...]:
    engine = PolicyEngine()
    return tuple(engine._compiled(pack).lexicon for pack in _PACKS)


def _literal_runs(pattern: str) -> list[str]:
    """Runs of literal characters of a pattern (what its matches are made of)."""
    return [run for run in re.split(r"[\\\[\](){}|?*+^$.!<=:]+", pattern) if run]


@cache
def _fragments() -> tuple[str, ...]:
    found: set[str] = set()
    for lexicon in _lexicons():
        for _, pattern, _, _ in lexicon._patterns:
            found.update(_literal_runs(pattern.pattern))
        for phrase in lexicon._owners:
            found.add(phrase)
        for rule in lexicon._compiled:
            found.update(rule.requires_any + rule.unless_any + rule.exclude)
    found.update([*"0123456789 ,.:=%\n。、はがのとっAPLGBTİıKſ", "pass", "PW", "Id: "])
    return tuple(sorted(found))


_TEXTS = st.lists(st.sampled_from(_fragments()), max_size=12).map("".join)
_LETTERS = st.text(alphabet=st.sampled_from(list("とって思うpwasPWS:= ")), max_size=30)


def test_ascii_folds_are_every_character_ignorecase_matches() -> None:
    letters = re.compile("[a-z]", re.IGNORECASE)
    matched: dict[str, set[str]] = {c: set() for c in string.ascii_lowercase}
    for code in range(0x110000):
        ch = chr(code)
        if letters.fullmatch(ch):
            for low in string.ascii_lowercase:
                if re.fullmatch(low, ch, re.IGNORECASE):
                    matched[low].add(ch)
    for low, chars in matched.items():
        assert chars == {low, low.upper(), *_ASCII_FOLDS.get(low, "")}


def test_patterns_that_need_it_get_a_regex_of_their_beginnings() -> None:
    assert first_chars_regex("(?<!たら)(?:と|って)思う") is not None
    assert first_chars_regex("(?:外国人|lgbt)は") is not None
    # The engine already skips ahead to a literal prefix or an uncased first character.
    assert first_chars_regex("円で(?:販売|購入)") is None
    assert first_chars_regex("(?:山|川)に") is None
    # Unknown first characters, or a pattern that can match nothing: no class.
    assert first_chars_regex(r"(?<!\d)\d+円") is None
    assert first_chars_regex("(?<!a)(?:x|)") is None
    starts = first_chars_regex("(?<![a-z])(?:pw|pass)")
    assert starts is not None
    assert {"pw", "PW", "Pa", "pA"} <= {
        m.group() for m in map(starts.match, ["pw", "PW", "Pa", "pA"]) if m
    }
    assert starts.search("p") is None  # two characters are looked for
    # Case variants of ASCII letters include what IGNORECASE matches beyond them (İ, ı).
    starts = first_chars_regex("(?<!x)id")
    assert starts is not None and all(starts.fullmatch(h) for h in ("id", "ID", "İd", "ıD"))
    # A one-character alternative followed by a negated class: its first character alone, and
    # the longer alternative's first two characters.
    starts = first_chars_regex("(?:曲|bgm)[^。]{0,3}使")
    assert starts is not None and starts.pattern == "BG|Bg|bG|bg|曲"
    # What follows a beginning is unknown (a negated class, \d, ., a back-reference): the
    # beginning read so far is looked for; unknown from the first character: no regex.
    starts = first_chars_regex("(?<!q)(?:猫|ねこ|からす)[^。]{0,12}(?:いじめ|蹴)")
    assert starts is not None and starts.pattern == "から|ねこ|猫"
    starts = first_chars_regex(r"(?<!\d)1\d歳|高校生")
    assert starts is not None and starts.pattern == "高校|1"
    assert first_chars_regex(r"(?<!q)(?:\d|ab)c") is None
    assert first_chars_regex(r"(?<!q)(?:a|)[^x]") is None  # a match may begin with the unknown


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_scan_finds_what_finditer_finds(text: str) -> None:
    for lexicon in _lexicons():
        for _, pattern, _, starts in lexicon._patterns:
            expected = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
            assert [m.span() for m in scan(pattern, starts, text)] == expected, pattern.pattern


@settings(max_examples=1000, deadline=None)
@example("とと思う", "(?<!たい)(?:と|って)思う")
@example("っと思う", "(?<!たい)(?:と|って)思う")
@example("Ppw=", r"(?<![a-z])(?:pw|pass)\s*[:=]")
@given(_LETTERS, st.sampled_from([r"(?<![a-z])(?:pw|pass)\s*[:=]", "(?<!たい)(?:と|って)思う"]))
def test_scan_with_letters_in_any_case(text: str, source: str) -> None:
    pattern = re.compile(source, re.IGNORECASE)
    starts = first_chars_regex(source)
    assert starts is not None
    expected = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in scan(pattern, starts, text)] == expected


def test_scan_tries_the_next_candidate_after_a_failed_one() -> None:
    pattern = re.compile("(?<!たい)(?:と|って)思う", re.IGNORECASE)
    starts = first_chars_regex(pattern.pattern)
    assert [m.span() for m in scan(pattern, starts, "とと思う、って思う")] == [(1, 4), (5, 9)]


def _reference_find(lexicon: Lexicon, nt: NormalizedText) -> list[LexiconMatch]:
    """The search as it was written before the speed work: every phrase of a present bucket,
    every pattern whose gate is open, every match of ``finditer``."""
    kana, bigrams = nt.kana, nt.bigrams
    spans: list[tuple[int, int, int]] = []
    phrases = [p for key in lexicon._bucket_keys & bigrams for p, _ in lexicon._buckets[key]]
    phrases += [p for p in lexicon._singles if p in kana]
    for phrase in phrases:
        at = kana.find(phrase)
        while at != -1:
            spans += [
                (at, at + len(phrase), i)
                for i in lexicon._owners[phrase]
                if lexicon.phrase_fits(nt, phrase, i, at)
            ]
            at = kana.find(phrase, at + 1)
    for index, rule in enumerate(lexicon._compiled):
        for pattern, gate in rule.patterns:
            if gate_open(gate, bigrams, kana):
                spans += [
                    (m.start(), m.end(), index)
                    for m in pattern.finditer(kana)
                    if m.end() > m.start()
                ]
    counts: dict[int, int] = {}
    out: list[LexiconMatch] = []
    for start, end, index in sorted(spans):
        rule = lexicon._compiled[index]
        if counts.get(index, 0) >= 5 or not _confirmed(kana, start, end, rule):
            continue
        counts[index] = counts.get(index, 0) + 1
        o_start, o_end = nt.to_original(start, end)
        out.append(LexiconMatch(rule.id, o_start, o_end, nt.original[o_start:o_end], start, end))
    return out


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_find_gives_what_the_plain_search_gave(text: str) -> None:
    nt = normalize(text)
    for lexicon in _lexicons():
        assert lexicon.find(nt) == _reference_find(lexicon, nt)


# Shapes of pattern the beginnings are worked out for: repeats, optional parts, short and empty
# alternatives, classes, look-behinds and letters in any case.
_SHAPES = [
    "(?<!q)(?:ab|c)d",
    "(?<!q)a?bc",
    "(?<!q)(?:ab)+c",
    "(?<!q)x*yz",
    "(?<!q)(?:a|bc){2}d",
    "(?<!q)[ab]c",
    "(?<!q)(?:a|)b",
    "(?<!q)(?:A|b)(?:c|D)e",
    "(?<!q)(?:ab|c)?d?e",
    "(?<=a)b+?c",
    "(?<!q)(?:(?:a|b)c|d)+x",
    "(?<!q)k(?:i|s)",
    # beginnings cut short where what follows is unknown
    "(?<!q)(?:ab|c)[^d]e",
    "(?<!q)a\\d+b",
    "(?<!q)(?:ab.|c)x",
    "(?<!q)(?:a|bc)\\w?d",
    "(?<!q)(a)b?\\1",
    "(?<!q)(?:x[^a]|yz){2}",
]
_SHAPE_TEXT = st.text(alphabet=st.sampled_from(list("abcdexyzqABCDEKkſıİ12")), max_size=30)


@settings(max_examples=1000, deadline=None)
@given(_SHAPE_TEXT, st.sampled_from(_SHAPES), st.booleans())
def test_scan_finds_what_finditer_finds_for_every_shape(
    text: str, source: str, cased: bool
) -> None:
    flags = 0 if cased else re.IGNORECASE
    pattern = re.compile(source, flags)
    starts = first_chars_regex(source, flags)
    expected = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    assert [m.span() for m in scan(pattern, starts, text)] == expected


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_a_pattern_whose_gate_is_shut_finds_nothing(text: str) -> None:
    nt = normalize(text)
    for lexicon in _lexicons():
        for _, pattern, gate, _ in lexicon._patterns:
            if not gate_open(gate, nt.bigrams, nt.kana):
                assert not any(m.end() > m.start() for m in pattern.finditer(nt.kana)), (
                    pattern.pattern
                )


def test_a_branch_gates_on_literals_after_a_look_behind_or_a_group() -> None:
    assert pattern_gate("(?:(?<!ご)迷惑|うるさ)") == (("うるさ", "迷惑"),)
    assert pattern_gate("(?:(?:引っ越して|よそから)来た人|よそ者)") == (
        ("よそから", "よそ者", "引っ越して"),
    )
    assert pattern_gate("(?:(?:よそ|他所)から来た人|よそ者)") == (("から来た人", "よそ者"),)
    # Each alternative gives its most selective set: 口だけ, not で|の.
    assert pattern_gate("(?:口だけ(?:で|の)|怠慢)") == (("口だけ", "怠慢"),)
    # An alternative with no literal it always holds: the branch gives no set.
    assert pattern_gate(r"(?:\d+|迷惑)うるさい") == (("うるさい",),)


def test_the_gate_asks_for_longer_literals_whole() -> None:
    gate = gate_sets(pattern_gate("(?:外国人|よそ者)[^。]{0,5}(?:うるさ|騒が)"))
    for caption, expected in (
        ("外国人はうるさい", True),
        ("よそ者が騒がしい", True),
        ("外国の方がうるさい", False),  # 外国 is there, 外国人 is not
        ("よそ者", False),
        ("よそでうるさい", False),
    ):
        nt = normalize(caption)
        assert gate_open(gate, nt.bigrams, nt.kana) is expected, caption
    # A literal a letter of another form can match (ı for i under IGNORECASE) is asked for by
    # its first two characters only.
    gate = gate_sets(pattern_gate("lgbti"))
    nt = normalize("lgbtı")
    assert re.search("lgbti", nt.kana, re.IGNORECASE) and gate_open(gate, nt.bigrams, nt.kana)


def test_a_pack_parses_each_pattern_once_for_what_the_string_helpers_give() -> None:
    assert re.compile("x", re.IGNORECASE).flags == FLAGS
    for lexicon in _lexicons():
        for _, pattern, gate, starts in lexicon._patterns:
            assert gate == gate_sets(pattern_gate(pattern.pattern)), pattern.pattern
            expected = first_chars_regex(pattern.pattern, FLAGS)
            assert (None if starts is None else starts.pattern) == (
                None if expected is None else expected.pattern
            ), pattern.pattern


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_the_regex_does() -> None:
    lazy = LazyPattern("(?<!ご)迷惑|うるさ", FLAGS)
    assert lazy._compiled is None
    text = "ご迷惑、うるさい迷惑"
    regex = re.compile(lazy.pattern, FLAGS)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in regex.finditer(text)]
    assert lazy.get() is lazy.get() and lazy.get().flags == regex.flags
    assert lazy.match(text, 4) is not None and lazy.match(text) is None
    found = lazy.search(text, 5)
    assert found is not None and found.span() == (8, 10)
