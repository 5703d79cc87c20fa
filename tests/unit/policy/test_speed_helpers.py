"""Helpers that make the policy engine faster must give what the slower code gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.policy.detectors.pii import PiiConfig, detect_pii
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
