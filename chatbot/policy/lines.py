"""A hashtag line cut mid-clause: #パスワード は⏎人に教えないでね, #機密 文書の⏎細断処理を行います.

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
