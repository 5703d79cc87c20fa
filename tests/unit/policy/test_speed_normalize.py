"""Normalisation made faster must give what the plain code gave."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chatbot.policy.normalize import (
    _KATA_TO_HIRA,
    _SPACED_LINE_RE,
    _UNCHANGED_LINE_RE,
    _drop_spaces,
    _neologdn_line,
    _neologdn_with_map,
    _to_kana_view,
)
from chatbot.policy.stance import _next_sentence, _sentence

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


def _plain_sentence(kana: str, start: int, end: int) -> str:
    lo = max(0, start - 60)
    hi = min(len(kana), end + 60)
    left = max((kana.rfind(c, lo, start) for c in "。！!？?\n"), default=-1)
    rights = [i for c in "。！!？?\n" if (i := kana.find(c, end, hi)) != -1]
    return kana[max(lo, left + 1) : min(rights) if rights else hi]


@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("あい。！!？?\nはデマ")), max_size=150),
    st.integers(0, 160),
    st.integers(0, 40),
)
def test_stance_sentence_is_the_plain_one(kana: str, start: int, width: int) -> None:
    end = start + width
    assert _sentence(kana, start, end) == _plain_sentence(kana, start, end)
    following = _next_sentence(kana, end)
    hi = min(len(kana), end + 60)
    rights = [i for c in "。！!？?\n" if (i := kana.find(c, end, hi)) != -1]
    after = min(rights) + 1 if rights else None
    # a run of sentence ends ("。\n", "！！") closes one sentence: the next begins after it
    while after is not None and after < hi and kana[after] in "。！!？?\n":
        after += 1
    assert following == ("" if after is None else _plain_sentence(kana, after, after))


def _plain_neologdn_with_map(text: str) -> tuple[str, list[int] | None]:
    """The line-by-line loop as it was before lines were kept a stretch at a time."""
    pieces: list[str] = []
    index: list[int] | None = None
    offset = 0
    for line in text.split("\n"):
        if _UNCHANGED_LINE_RE.fullmatch(line):
            result, line_index = line, None
        elif _SPACED_LINE_RE.fullmatch(line):
            result, line_index = _drop_spaces(line, offset)
        else:
            result, line_index = _neologdn_line(line, offset)
        pieces.append(result)
        if line_index is not None and index is None:
            index = list(range(offset))  # every line before this one was kept as it was
        if index is not None:
            if line_index is None:
                index.extend(range(offset, offset + len(line)))
            else:
                index += line_index
            index.append(offset + len(line))  # the line break (one past the text at the end)
        offset += len(line) + 1
    if index is not None:
        index.pop()
    return "\n".join(pieces), index


_LINE_PIECES = st.sampled_from(
    [
        *"ab* -~ーアあ漢。「」\n　\t!?x1",
        "ｶﾞ",
        "ーー",
        "a b",
        "a  b",
        "* b",
        "あ ー",
        "ア ア",
        "\n\n",
        "〜",
        "－",
    ]
)


@settings(max_examples=2000, deadline=None)
@example("abc def\nghi")
@example("\n")
@example("")
@example("あ\n ア\nー\nカー\n")
@given(st.lists(_LINE_PIECES, max_size=25).map("".join))
def test_neologdn_map_is_the_line_by_line_one(text: str) -> None:
    assert _neologdn_with_map(text) == _plain_neologdn_with_map(text)
