"""Lines that read together: a hashtag line cut mid-clause (#パスワード は⏎人に教えないでね, #機密
文書の⏎細断処理を行います) and a bulleted list under its heading (禁止事項⏎・布教⏎・政治活動).

A caption may open a sentence with a hashtag and break the line after the particle that joins
it to the rest (the tag stays tappable, the sentence reads on). Such a line break does not end the
sentence: a warning on the next line is the hashtag's own. Only a line that starts with its one
hashtag and ends on a particle is read so (the kana view has no spaces: #ぱすわーどは); a line
of tags (#熊本 #夏) or a sentence line ends where it breaks. A lone tag that happens to end on one
of those kana (#ピアノ) joins the next line too, which only widens the context read.
"""

from __future__ import annotations

# Particles a clause cannot end on (in the kana view): は, を, が, の, に, で, と, も.
_PARTICLES = frozenset("はをがのにでとも")
_REACH = 40  # a longer line is not a hashtag fragment


def continues_past(kana: str, at: int) -> bool:
    """True if the line break at kana[at] ends a hashtag line cut after a particle."""
    if at == 0 or kana[at] != "\n" or kana[at - 1] not in _PARTICLES:
        return False
    lo = max(0, at - _REACH)
    before = kana.rfind("\n", lo, at)
    if before == -1 and lo > 0:
        return False
    line = kana[before + 1 : at].strip()
    return line.startswith("#") and line.count("#") == 1


# An item of a bulleted list (・宗教の勧誘や布教を目的とした配布) is read under its list's heading
# (スポットでの禁止事項): the heading says what the items are. A bullet opens the item's line, after
# any spaces: a middle dot, a mark, a circled or a numbered item (①, 1., 1）).
_BULLETS = frozenset("・･●○◯■□◆◇▶▷▸►‣-–—*※✔✖❌🚫☑✅") | frozenset(
    chr(c) for c in range(0x2460, 0x2474)
)
_LIST_REACH = 400  # characters looked back for the heading
_LIST_ITEMS = 12  # items looked back over


def _bulleted(line: str) -> bool:
    text = line.lstrip(" \u3000\t")
    if not text:
        return False
    if text[0] in _BULLETS:
        return True
    digits = len(text) - len(text.lstrip("0123456789"))
    return 0 < digits <= 2 and text[digits : digits + 1] in (".", ")", "．", "）")


def list_heading(kana: str, at: int) -> str | None:
    """The heading line of the bulleted list whose item holds kana[at], or None when kana[at]
    is not on a bulleted line (bounded: _LIST_ITEMS items and _LIST_REACH characters back)."""
    lo = max(0, at - _LIST_REACH)
    start = kana.rfind("\n", lo, at) + 1
    if start == 0 and lo > 0:
        return None
    end = kana.find("\n", at)
    if not _bulleted(kana[start : end if end != -1 else len(kana)]):
        return None
    for _ in range(_LIST_ITEMS):
        if start == 0 or start - 1 <= lo:
            return None
        before = kana.rfind("\n", lo, start - 1) + 1
        if before == 0 and lo > 0:
            return None
        line = kana[before : start - 1]
        if line.strip() and not _bulleted(line):
            return line
        start = before
    return None
