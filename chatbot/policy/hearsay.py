"""The two らしい: hearsay (閉館するらしいよ, 中止らしい) and "typical of" (春らしい色, 熊本らしさ).

The learned model reads らしい as the mark of a rumour in either sense. A "typical of" らしい
follows a noun and either goes on to a noun (春らしい色合い, 子どもらしい自由な絵, 作家さんらしい
仕上がり) or is made a noun or an adverb itself (小倉らしさ, 冬らしく). After a verb, an adjective
or a past (閉館するらしい, 高いらしい, 中止だったらしい) it is hearsay, and so is a noun's
らしい that ends the sentence (中止らしいよ, 事故らしい。): those are never masked. A model
rumour finding is kept only if the caption still reads as one with the "typical" ones masked.
"""

from __future__ import annotations

import re

# Where a verb, an adjective or an auxiliary ends (する, 行く, 高い, ない, た, だ): らしい after
# one of these is hearsay.
_PREDICATE_ENDS = frozenset("うくぐすつぬぶむるただい")
# らしい then one of these is said of the whole sentence (らしいよ, らしいです, らしいけど,
# らしいので, らしいって, らしいね, らしいし, らしいな, らしいわ, らしいぞ, らしいが, らしいと).
_PARTICLES = frozenset("よねでけしのかっとなんわぞぜがやさ")
_RASHII_RE = re.compile("らし[いさく]")
# A character that can end a noun (kanji, katakana, long vowel, a letter or digit).
_NOUN_END_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々〆ヶ\u30a1-\u30fa\u30fc\uff70A-Za-z0-9]")
# A character that can begin the noun a "typical" らしい goes on to.
_CONTENT_START_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々\u30a1-\u30fa\u3041-\u3096A-Za-z0-9]")
MASK = "\ue000"  # a private-use character: no n-gram the model knows holds it


def _after_noun(text: str, at: int) -> bool:
    """True if text[:at] ends as a noun does (熊本, こども, 作家さん, ギャラリー), not as a verb,
    an adjective or an auxiliary (する, 高い, だった)."""
    if at == 0:
        return False
    before = text[at - 1]
    if _NOUN_END_RE.match(before):
        return True
    return "\u3041" <= before <= "\u3096" and before not in _PREDICATE_ENDS


def _goes_on_to_a_noun(text: str, end: int) -> bool:
    """True if what follows らしい at ``end`` is a noun it qualifies (らしい色, らしいおでかけ)."""
    if end >= len(text) or not _CONTENT_START_RE.match(text, end):
        return False
    return text[end] not in _PARTICLES


def typical_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the "typical of" らしい, らしさ and らしく of ``text`` (the caption's text
    view, katakana kept), each three characters."""
    spans = []
    for m in _RASHII_RE.finditer(text):
        start, end = m.span()
        if not _after_noun(text, start):
            continue
        if m.group() != "らしい" or _goes_on_to_a_noun(text, end):
            spans.append((start, end))
    return spans


def mask_typical(text: str, kana: str) -> str:
    """``kana`` (the same offsets as ``text``) with every "typical of" らしい masked, or
    ``kana`` itself if there is none."""
    spans = typical_spans(text) if "らし" in text else []
    if not spans:
        return kana
    out, last = [], 0
    for start, end in spans:
        out += [kana[last:start], MASK * (end - start)]
        last = end
    out.append(kana[last:])
    return "".join(out)


# Hearsay cues other than らしい's "typical" sense, on the kana view with those masked: a らし left
# unmasked (閉館するらしい), みたい, 〜って話, 〜と聞いた, 噂, 〜んだって. との話 only after a real
# quotative と (閉館するとの話, 中止との話), not a word's tail (アートの話 is あーとの話 here).
_HEARSAY_RE = re.compile(
    "らし|みたい|って話|っていう話|(?<=[るただいうぬずくぐぶむつ」』\u3400-\u9fff々])(?<![さらばかわ]い)"
    "との話(?!し|合|題)|って聞|と聞い|と聞き|噂|うわさ|んだって|って言"
)


def other_hearsay(masked: str, start: int, end: int) -> bool:
    """True if masked[start:end] (``mask_typical``'s output) still holds a hearsay cue."""
    return _HEARSAY_RE.search(masked, start, end) is not None
