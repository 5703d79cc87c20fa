"""Helpers that make the policy engine faster must give what the slower code gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.policy.detectors.accuracy import _DATE_RE, _date_matches
from chatbot.policy.detectors.lexicon import fold_pattern, gate_open, gate_sets, pattern_gate
from chatbot.policy.detectors.limits import find_hashtags
from chatbot.policy.detectors.links import (
    _BARE_HOST_RE,
    _BARE_IPV4_RE,
    _host_starts,
    _ipv4_starts,
    _scan,
)
from chatbot.policy.detectors.pii import PiiConfig, detect_pii
from chatbot.policy.model.scorer import evident
from chatbot.policy.normalize import normalize
from chatbot.policy.stance import _FOLDED, _FOLDED_ACTS, cue_regex

_ALPHABET = list("はんざいですぼうしやめてくださいつうほうデマ。、!?\n ")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40))
def test_cue_regex_finds_the_first_cue_as_str_find_does(sentence: str) -> None:
    for cues in (_FOLDED, _FOLDED_ACTS):
        found = [at for cue in cues if (at := sentence.find(cue)) != -1]
        match = cue_regex(cues).search(sentence)
        assert (match.start() if match else None) == (min(found) if found else None)


def test_cue_regex_takes_the_leftmost_of_overlapping_cues() -> None:
    regex = cue_regex(("犯罪です", "は犯罪", "です"))
    match = regex.search("それは犯罪です")
    assert match is not None and match.start() == 2


def test_email_split_on_whitespace_of_the_original_only_where_it_has_some() -> None:
    cfg = PiiConfig()
    glued = detect_pii(normalize("連絡先 taro.yamada@example.com まで"), cfg)
    spaced = detect_pii(normalize("連絡先 t a r o @ e x a m p l e . c o m"), cfg)
    assert [h.detail for h in glued if h.kind == "email"] == ["taro.yamada@example.com"]
    assert [h.detail for h in spaced if h.kind == "email"] == ["taro@example.com"]


def test_gate_sets_open_exactly_where_the_literal_gate_does() -> None:
    gate = pattern_gate(fold_pattern("(?:販売|購入)[^。]{0,5}円"))
    sets = gate_sets(gate)
    for caption in ("本日販売します。500円", "購入は300円", "円だけ", "はんばい", ""):
        nt = normalize(caption)
        literal = all(
            any((g[:2] in nt.bigrams) if len(g) > 1 else (g in nt.kana) for g in alts)
            for alts in gate
        )
        assert gate_open(sets, nt.bigrams, nt.kana) is literal


_DATE_ALPHABET = [*"0123456789 年月日/()金土曜令和平成一二十〇五.-", "12月", "2026年", "(金)"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_DATE_ALPHABET), max_size=12).map("".join))
def test_date_candidates_find_what_every_run_start_finds(text: str) -> None:
    every_run = re.compile(r"\d+|[令平昭]|[〇一二三四五六七八九十]+")
    expected, end = [], 0
    for start in every_run.finditer(text):
        if start.start() < end:
            continue
        m = _DATE_RE.match(text, start.start())
        if m is not None and m.end() > m.start():
            expected.append(m.span())
            end = m.end()
    assert [m.span() for m in _date_matches(text)] == expected


_LINK_ALPHABET = [
    *"ab0.1-[](){}dot@#＃＠/:hx αж。あ_&１",
    "http://",
    "example.com",
    "[.]",
    "1.2.3.",
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_LINK_ALPHABET), max_size=12).map("".join))
def test_url_and_tag_scans_match_a_scan_of_every_position(text: str) -> None:
    hosts = [m.span() for m in _BARE_HOST_RE.finditer(text)]
    assert [m.span() for m in _scan(_BARE_HOST_RE, text, _host_starts(text))] == hosts
    ips = [m.span() for m in _BARE_IPV4_RE.finditer(text)]
    assert [m.span() for m in _scan(_BARE_IPV4_RE, text, _ipv4_starts(text))] == ips
    tags = re.compile(
        r"(?<![A-Za-z0-9\uff21-\uff3a\uff41-\uff5a\uff10-\uff19&])[#＃](?![0-9０-９]+(?!\w))\w+"
    )
    assert find_hashtags(text) == [m.span() for m in tags.finditer(text)]


def test_evidence_is_two_letters_as_str_isalnum_counts_them() -> None:
    for text in ("", "。", "a。", "a。b", "ん。", "す。", "12", "__a_b", "!!x!!", "あい"):
        assert evident(text) is (sum(map(str.isalnum, text)) >= 2)
