"""Caption normalisation for the policy detectors, with a map back to the original offsets.

Pipeline: strip invisible format characters -> NFKC -> dash-likes between digits become "-" ->
neologdn, line by line (spaces at the ends of a line go, as at the ends of the caption). The
dash step runs before neologdn because neologdn reads a full-width "－" between digits as a
katakana long-vowel mark and would break phone-number matching.
"""

from __future__ import annotations

import difflib
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import neologdn

DASH_CHARS = (
    "-\u00ad\u02d7\u058a\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u207b\u208b\u2212"
    "\u2500\u2501\u30fc\uff0d\uff70\ufe58\ufe63\u2796\u23af\u2014"
)
_DASH_CLASS = "[" + re.escape("".join(sorted(set(DASH_CHARS)))) + "]"
_SPACE = r"[ \t\u3000\u00a0]"
_DIGIT_DASH_RE = re.compile(rf"([0-9]{_SPACE}*)({_DASH_CLASS}+)(?={_SPACE}*[0-9])")
_KANJI_DIGIT_RE = re.compile("[〇一二三四五六七八九]")
_KANJI_DIGIT = {k: str(v) for v, k in enumerate("〇一二三四五六七八九")}
# Katakana ァ..ヶ sit exactly 0x60 above their hiragana counterparts.
_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_NON_SPACE_RE = re.compile(r"\S+")
# Ranges verified NFKC-stable, without format or combining characters (checked by a unit
# test): ASCII, common CJK punctuation, hiragana, full-width katakana and its middle dot, CJK
# ideographs, arrows, geometric shapes, ※, miscellaneous symbols, dingbats and the common emoji
# blocks.
_STABLE_RUN_RE = re.compile(
    "[\t\n\r\x20-\x7e\u3001-\u3003\u3005-\u3007\u300c-\u3011\u3041-\u3096"
    "\u30a1-\u30fe\u3400-\u4dbf\u4e00-\u9fff\u2190-\u21ff\u25a0-\u25ff\u203b"
    "\u2600-\u27bf\U0001f300-\U0001f64f\U0001f900-\U0001f9ff]+"
)
# Full-width ASCII forms and the ideographic space: NFKC maps each to one ASCII character, so
# they are swapped one for one (runs at a time) before the character-by-character pass.
_WIDE_RE = re.compile("[\u3000\uff01-\uff5e]+")
_WIDE_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _narrow(match: re.Match[str]) -> str:
    return match.group().translate(_WIDE_TO_ASCII)


# A line made only of these is left as it is by neologdn (checked by a property test): kana,
# ideographs, ASCII letters, digits and punctuation ("-" and "~" included), common CJK
# punctuation, ※, arrows, shapes, emoji; a space only between two ASCII characters (not after
# "*"); a long-vowel mark only after kana and not doubled. Other spaces, other dashes and tildes
# and full-width forms send the line through neologdn.
_UNCHANGED_LINE_RE = re.compile(
    "(?:[\u3041-\u3096\u30a1-\u30fa\u30fd\u30fe\u3400-\u4dbf\u4e00-\u9fff々〆〇"
    "!-~。、「」『』【】・…\U0001f300-\U0001faff\u2600-\u27bf※\u2190-\u21ff\u25a0-\u25ff〒×]"
    "|[!-)+-~] (?=[!-~])"
    "|(?<=[\u3041-\u3096\u30a1-\u30fa])ー(?!ー))*"
)
# A line made only of kana, ideographs, ASCII and common CJK punctuation, with single spaces
# between two of them (long-vowel marks as above, never beside a space): neologdn only drops
# its spaces, all but those between two ASCII characters (not after "*"). Checked exhaustively
# up to four characters and by a property test; such lines skip neologdn as well.
_SPACED_CHAR = (
    "[\u3041-\u3096\u30a1-\u30fa\u30fd\u30fe\u3400-\u4dbf\u4e00-\u9fff々〆〇!-~。、「」『』【】・]"
)
_SPACED_LINE_RE = re.compile(
    f"(?:{_SPACED_CHAR}|(?<=[\u3041-\u3096\u30a1-\u30fa])ー(?!ー)"
    f"|(?<={_SPACED_CHAR}) (?={_SPACED_CHAR}))*"
)
_DROPPED_SPACE_RE = re.compile(r"(?<![!-)+-~]) | (?![!-~])")


@cache
def _invisible_chars() -> frozenset[str]:
    """All Unicode Cf characters plus other invisibles, built once on first use."""
    # Format characters live only in planes 0-1 and the tag block of plane 14.
    codes = [*range(0x20000), *range(0xE0000, 0xE1000)]
    chars = {chr(c) for c in codes if unicodedata.category(chr(c)) == "Cf"}
    chars.update(chr(c) for c in range(0xFE00, 0xFE10))
    chars.update(chr(c) for c in range(0xE0100, 0xE01F0))
    chars.update("\u180b\u180c\u180d\u115f\u1160\u3164\uffa0")
    return frozenset(chars)


@dataclass(frozen=True)
class NormalizedText:
    """Views of one caption for the detectors; every view maps back to the original offsets.

    ``text`` is the normalised text, ``kana`` the same text with katakana folded to hiragana and
    letters lower-cased (same length as ``text``), ``compact`` the digits/e-mail view without
    whitespace and with kanji numerals as ASCII digits.
    """

    original: str
    text: str
    kana: str
    compact: str
    # ``text[k]`` comes from ``original[_starts[i]:_ends[i]]`` with ``i = _index[k]`` (``i = k``
    # when ``_index`` is None): the map of NFKC and the map of neologdn, composed on look-up
    # instead of building a composed copy of both for every caption.
    _starts: Sequence[int] = field(repr=False, compare=False)
    _ends: Sequence[int] = field(repr=False, compare=False)
    _compact_index: Sequence[int] = field(repr=False, compare=False)
    _index: Sequence[int] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def bigram_list(self) -> list[str]:
        """The two-character substrings of ``kana`` by start position (the model's view)."""
        return list(map(operator.add, self.kana, self.kana[1:]))

    @cached_property
    def bigrams(self) -> frozenset[str]:
        """Every two-character substring of ``kana``, built once and shared by the lexicon and
        the model (the same string objects as ``bigram_list``, hashed once)."""
        return frozenset(self.bigram_list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``text``/``kana`` to a half-open span of ``original``."""
        index = self._index
        if index is None:
            return _map_span(self._starts, self._ends, len(self.original), start, end)
        n = len(index)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if start == end:
            pos = self._starts[index[start]] if start < n else len(self.original)
            return pos, pos
        return self._starts[index[start]], self._ends[index[end - 1]]

    def compact_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``compact`` to a half-open span of ``original``."""
        n = len(self._compact_index)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if start == end:
            text_pos = self._compact_index[start] if start < n else len(self.text)
            return self.to_original(text_pos, text_pos)
        return self.to_original(self._compact_index[start], self._compact_index[end - 1] + 1)


def _map_span(
    starts: Sequence[int], ends: Sequence[int], total: int, start: int, end: int
) -> tuple[int, int]:
    n = len(starts)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    if start == end:
        pos = starts[start] if start < n else total
        return pos, pos
    return starts[start], ends[end - 1]


def _strip_and_nfkc(original: str) -> tuple[str, list[int], list[int]]:
    """Drop invisible characters and apply NFKC, recording each output char's source span."""
    out: list[str] = []  # pieces of the output, never empty strings
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    # Full-width forms become ASCII one for one first (offsets unchanged, as NFKC would do).
    text = _WIDE_RE.sub(_narrow, original)
    # Runs of characters known to be NFKC-stable are copied as they are; only the rest is
    # normalised one character at a time, which keeps the offset map exact and the loop short.
    for match in _STABLE_RUN_RE.finditer(text):
        begin, stop = match.span()
        if pos < begin:
            _append_unstable(text, pos, begin, out, starts, ends)
        out.append(match.group())
        starts.extend(range(begin, stop))
        ends.extend(range(begin + 1, stop + 1))
        pos = stop
    _append_unstable(text, pos, len(text), out, starts, ends)
    return "".join(out), starts, ends


# The extra invisibles of _invisible_chars besides the format (Cf) characters.
_OTHER_INVISIBLES = frozenset("\u180b\u180c\u180d\u115f\u1160\u3164\uffa0")


def _is_invisible(ch: str) -> bool:
    """``ch in _invisible_chars()``, asked of one character: the first check in a process need
    not build the table of all 0x21000 code points (a unit test holds the two equal)."""
    code = ord(ch)
    if 0xFE00 <= code < 0xFE10 or 0xE0100 <= code < 0xE01F0 or ch in _OTHER_INVISIBLES:
        return True
    in_planes = code < 0x20000 or 0xE0000 <= code < 0xE1000
    return in_planes and unicodedata.category(ch) == "Cf"


@cache
def _nfkc_char(ch: str) -> tuple[str, bool]:
    """NFKC of one character ("" if invisible), and whether it may compose with the previous."""
    if _is_invisible(ch):
        return "", False
    piece = unicodedata.normalize("NFKC", ch)
    # Combining marks (ｶ + ﾞ -> ガ) and Hangul vowel/final jamo compose with what precedes them.
    composes = bool(piece) and (
        unicodedata.combining(piece[0]) != 0 or "\u1160" <= piece[0] <= "\u11ff"
    )
    return piece, composes


def _append_unstable(
    text: str, begin: int, stop: int, out: list[str], starts: list[int], ends: list[int]
) -> None:
    for i in range(begin, stop):
        piece, composes = _nfkc_char(text[i])
        if not piece:
            continue
        if composes and out:
            last = out[-1]
            pair = last[-1] + piece
            merged = unicodedata.normalize("NFKC", pair)
            if len(merged) < len(pair):
                out[-1] = last[:-1] + merged
                extra = len(merged) - 1
                starts.extend([starts[-1]] * extra)
                ends[-1] = i + 1
                ends.extend([i + 1] * extra)
                continue
        out.append(piece)
        if len(piece) == 1:
            starts.append(i)
            ends.append(i + 1)
        else:
            starts.extend([i] * len(piece))
            ends.extend([i + 1] * len(piece))


def _dashes_between_digits(text: str) -> str:
    """Turn every dash-like run between digits into ASCII '-' (one per char: length kept)."""
    return _DIGIT_DASH_RE.sub(lambda m: m.group(1) + "-" * len(m.group(2)), text)


def _common_run(src: str, i: int, dst: str, j: int) -> int:
    """Length of the common run of src[i:] and dst[j:], found by galloping on slices."""
    limit = min(len(src) - i, len(dst) - j)
    step = 1
    while step <= limit and src[i : i + step] == dst[j : j + step]:
        step *= 2
    low, high = step // 2, min(step, limit + 1) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if src[i : i + mid] == dst[j : j + mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _align(src: str, dst: str, offset: int = 0) -> list[int] | None:
    """Greedy alignment of neologdn output to its input: for each dst char, its src index
    (plus ``offset``).

    neologdn after NFKC only deletes (spaces, repeated long-vowel marks and hyphens) or swaps a
    character one for one, so a single left-to-right pass suffices. Returns None if it fails.
    """
    index: list[int] = []
    i = 0
    j = 0
    n_src, n_dst = len(src), len(dst)
    while j < n_dst:
        if i >= n_src:
            return None
        run = _common_run(src, i, dst, j)
        if run:
            index.extend(range(offset + i, offset + i + run))
            i += run
            j += run
            continue
        s, d = src[i], dst[j]
        deletable = s.isspace() or s in DASH_CHARS
        if not deletable or (d in "-ー" and (i + 1 >= n_src or src[i + 1] != d)):
            index.append(offset + i)
            j += 1
        i += 1
    return index


def _difflib_align(src: str, dst: str, offset: int = 0) -> list[int]:
    """Slow but total fallback alignment: every dst char gets a monotone src index (plus
    ``offset``)."""
    index: list[int] = []
    matcher = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            index.extend(range(offset + i1, offset + i2))
        elif tag in ("replace", "insert"):
            anchor = offset + min(i1, max(len(src) - 1, 0))
            index.extend(anchor for _ in range(j1, j2))
    return index


def _neologdn_with_map(text: str) -> tuple[str, list[int] | None]:
    """neologdn line by line, with each output character's index in ``text`` (None when
    neologdn changed nothing: every character is its own).

    Lines made only of characters neologdn never changes (see ``_UNCHANGED_LINE_RE``) are kept
    as they are without calling it; the others are normalised and aligned one line at a time.
    """
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


def _drop_spaces(line: str, offset: int = 0) -> tuple[str, list[int] | None]:
    """What neologdn makes of a line ``_SPACED_LINE_RE`` accepts, and each output character's
    index plus ``offset`` (None if no space goes)."""
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for space in _DROPPED_SPACE_RE.finditer(line):
        pieces.append(line[pos : space.start()])
        index.extend(range(offset + pos, offset + space.start()))
        pos = space.end()
    if not pos:
        return line, None
    pieces.append(line[pos:])
    index.extend(range(offset + pos, offset + len(line)))
    return "".join(pieces), index


def _neologdn_line(line: str, offset: int = 0) -> tuple[str, list[int] | None]:
    """neologdn of one line and, if it changed, each output character's index plus ``offset``."""
    result: str = neologdn.normalize(line, tilde="normalize")
    if result == line:
        return result, None
    index = _align(line, result, offset)
    if index is None:
        index = _difflib_align(line, result, offset)
    return result, index


# Katakana words, folded once each: str.translate looks every character of the caption up in a
# dict, which cost more than a pass over the katakana runs alone with their folds remembered.
_KATAKANA_RUN_RE = re.compile("[\u30a1-\u30f6]+")
_FOLDED_RUNS: dict[str, str] = {}
_MAX_FOLDED_RUNS = 4096
_MAX_REMEMBERED_RUN = 24


def _fold_run(match: re.Match[str]) -> str:
    run = match.group()
    folded = _FOLDED_RUNS.get(run)
    if folded is None:
        folded = run.translate(_KATA_TO_HIRA)
        if len(run) <= _MAX_REMEMBERED_RUN and len(_FOLDED_RUNS) < _MAX_FOLDED_RUNS:
            _FOLDED_RUNS[run] = folded
    return folded


def _to_kana_view(text: str) -> str:
    folded = _KATAKANA_RUN_RE.sub(_fold_run, text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few letters (e.g. "İ") lower-case to two characters; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def _compact_view(text: str) -> tuple[str, list[int]]:
    chunks: list[str] = []
    index: list[int] = []
    for match in _NON_SPACE_RE.finditer(text):
        chunks.append(match.group())
        index.extend(range(match.start(), match.end()))
    # A regex substitution: str.translate with a ten-entry table is ten times slower here.
    joined = _KANJI_DIGIT_RE.sub(lambda m: _KANJI_DIGIT[m.group()], "".join(chunks))
    compact = _dashes_between_digits(joined)
    return compact, index


def fold_kana(text: str) -> str:
    """``normalize(text).kana``; a line that no step of ``normalize`` changes (NFKC-stable, no
    full-width form, nothing neologdn rewrites: most phrases of a pack) is only folded, without
    building the other views and maps (a property test holds the two equal)."""
    if "\n" not in text and _STABLE_RUN_RE.fullmatch(text) and _UNCHANGED_LINE_RE.fullmatch(text):
        return _to_kana_view(text)
    return normalize(text).kana


def normalize(text: str) -> NormalizedText:
    """Normalise a caption into the views the detectors search, keeping an offset map."""
    stage1, starts1, ends1 = _strip_and_nfkc(text)
    stage1 = _dashes_between_digits(stage1)
    final, index = _neologdn_with_map(stage1)
    compact, compact_index = _compact_view(final)
    return NormalizedText(
        original=text,
        text=final,
        kana=_to_kana_view(final),
        compact=compact,
        _starts=starts1,
        _ends=ends1,
        _compact_index=compact_index,
        _index=index,
    )
