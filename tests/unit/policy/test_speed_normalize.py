"""Normalisation made faster must give what the plain code gave."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chatbot.policy.normalize import _KATA_TO_HIRA, _to_kana_view

_KANA_ALPHABET = st.sampled_from(
    [*"アイウエオカガキャッヴヵヶーァヷヺ・ヽあいうABCİß漢字 \n", "イベント", "センター" * 7]
)


def _plain_kana_view(text: str) -> str:
    folded = text.translate(_KATA_TO_HIRA)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


@settings(max_examples=1000, deadline=None)
@example("ア" * 100)
@given(st.lists(_KANA_ALPHABET, max_size=20).map("".join))
def test_kana_view_is_the_plain_fold(text: str) -> None:
    assert _to_kana_view(text) == _plain_kana_view(text)
    assert _to_kana_view(text) == _plain_kana_view(text)  # again, from the remembered runs
