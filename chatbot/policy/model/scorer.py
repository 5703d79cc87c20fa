"""The learned second opinion: a linear model over character n-grams, scored in pure Python.

Trained offline by ``scripts/train_policy_model.py`` (scikit-learn, the ``train`` extra); its
weights ship in this package as ``weights.json.gz`` and load from disk on first use, with no
network and no hub. Scoring needs nothing but the standard library.

The model reads the caption's kana view (katakana folded to hiragana, letters lower-cased) as
binary single characters and character bigrams (and runs of two or more kanji when the weights
file says ``runs``). It scores
each sentence on its own and each pair of
neighbouring sentences, and a category's confidence is the best of those: a slip hidden in one
line of a long notice is not drowned by the notice around it, and the finding can point at the
sentence that carries it. A sentence that warns against what it names (``skip``) is left out for
that category.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import math
import operator
import re
import struct
import sys
import threading
from array import array
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from chatbot.policy.normalize import normalize

WEIGHTS = Path(__file__).with_name("weights.json.gz")
NGRAMS = (1, 2)  # character n-gram lengths (min, max as in scikit-learn); see grams_of
# 4: per-category calibration of the raw score; 5: kanji runs are features too (``runs``);
# 6: single characters and bigrams (NGRAMS), no trigrams.
FORMAT = 6
CATEGORIES = (
    "political", "religious", "commercial", "discrimination", "illegal", "obscenity",
    "defamation", "misinformation", "confidential", "undecided", "personal_opinion",
    "public_order", "pii",
)  # fmt: skip
TOP_WORDS = 3
# Sentences end at these; a line break ends one too. Longer stretches are cut every MAX_SENTENCE
# characters so that one unpunctuated wall of text is still scored in pieces.
_SENTENCE_RE = re.compile(r"[^。！？!?\n]+[。！？!?]*|[。！？!?]+")
MAX_SENTENCE = 160
# A piece with fewer letters (kana, kanji, letters, digits) than this is no evidence: a sentence
# such as 「ん。」 or 「す。」 (the end of a line-wrapped sentence) is not scored on its own, and an
# n-gram such as 「す。」 or 「は、」 is never shown as a word that weighed.
MIN_EVIDENCE = 2
_ENDING_RE = re.compile(r"[\u3041-\u309f]{2}")

Skip = Callable[[int, int, str], bool]


def view(caption: str) -> str:
    """The text the model sees: the caption's kana view (as the lexicon sees it)."""
    return normalize(caption).kana


def grams_of(text: str) -> set[str]:
    """Every character and character bigram of ``text`` (NGRAMS), built in C-level maps."""
    out = set(text)
    out.update(map(operator.add, text, text[1:]))
    return out


# Word-like units besides the n-grams: every run of two or more kanji (選挙, 投票所, 信者募集) is
# one feature, RUN_MARK + the run, so that a compound weighs as a word and not only as its pieces.
RUN_MARK = "\x01"
_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]{2,}")


def runs_of(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The kanji-run features of ``text[start:end]`` (RUN_MARK + each run)."""
    found = _RUN_RE.findall(text, start, len(text) if end is None else end)
    return list(map(RUN_MARK.__add__, found))


def features_of(text: str) -> set[str]:
    """Every feature of ``text`` as the scorer sees it: characters, bigrams and kanji runs (the
    training script's analyzer when it trains with runs)."""
    out = grams_of(text)
    out.update(runs_of(text))
    return out


def evident(text: str) -> bool:
    """True if ``text`` holds at least MIN_EVIDENCE letters (kana, kanji, letters, digits)."""
    return _EVIDENCE_RE.match(text) is not None


# MIN_EVIDENCE letters from the start, each after any non-letters: [^\W_] is exactly what
# str.isalnum() accepts. Possessive, so a piece without enough letters is read once.
_EVIDENCE_RE = re.compile(rf"(?:[\W_]*+[^\W_]){{{MIN_EVIDENCE}}}")


def sentences(kana: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``kana`` (without surrounding spaces), in order; pieces with
    too few letters to be evidence (``evident``) are left out."""
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE_RE.finditer(kana):
        start, end = match.span()
        if kana[start].isspace() or kana[end - 1].isspace():
            text = match.group()
            start += len(text) - len(text.lstrip())
            end -= len(text) - len(text.rstrip())
            if start >= end:
                continue
        if end - start <= MAX_SENTENCE:
            if _EVIDENCE_RE.match(kana, start, end):  # evident(kana[start:end]), without a copy
                spans.append((start, end))
        else:
            pieces = [(lo, min(end, lo + MAX_SENTENCE)) for lo in range(start, end, MAX_SENTENCE)]
            spans.extend(p for p in pieces if _EVIDENCE_RE.match(kana, *p))
    return spans


@dataclass(frozen=True)
class ModelVote:
    """One category the model believes the caption breaks, and why."""

    category: str
    confidence: float  # calibrated out of fold: how often such a score was right (see FORMAT)
    words: tuple[str, ...]  # the words around the n-grams that weighed most, strongest first
    start: int  # span of the sentence (or two) that scored highest, in the kana view
    end: int
    spans: tuple[tuple[int, int], ...] = ()  # where each of ``words`` is, in the kana view


@dataclass(frozen=True)
class Model:
    categories: tuple[str, ...]
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    packed: dict[str, int]  # n-gram -> its weights, one field per category (see _pack)
    size_bytes: int
    scale: float = 1.0
    # Per category (slope, intercept): the raw score's map to a probability, fitted on the
    # scores of captions by writers each fold's model never saw; empty: the raw sigmoid.
    calibration: tuple[tuple[float, float], ...] = ()
    runs: bool = False  # kanji runs are features too (runs_of)

    def weights(self, gram: str) -> list[float]:
        """The n-gram's weight for each category (zeros if the model does not know it)."""
        total = self.packed.get(gram)
        if total is None:
            return [0.0] * len(self.categories)
        return [w * self.scale for w in _unpack(total, len(self.categories))]

    def probabilities(
        self,
        kana: str,
        skip: Skip | None = None,
        only: Collection[str] | None = None,
        bigrams: list[str] | None = None,
    ) -> list[tuple[float, int, int]]:
        """For each category: the best probability over sentences and neighbouring pairs, with
        the span that gave it. A unit containing a sentence ``skip`` rejects is not counted for
        that category. Categories not in ``only`` (when given) are not scored: probability 0.
        ``bigrams`` is ``kana``'s bigram list when the caller has it (``NormalizedText``)."""
        return self._probabilities(kana, skip, only, *self._rows(kana, bigrams))

    def _rows(self, kana: str, bigrams: list[str] | None) -> tuple[_Rows, _Rows]:
        """Each character's and bigram's packed weights by start position, looked up once in
        C-level maps (None where the model does not know the n-gram); a sentence sums the
        distinct rows of its slices."""
        if bigrams is None:
            bigrams = list(map(operator.add, kana, kana[1:]))
        get = self.packed.get
        return self._unigram_rows(kana), list(map(get, bigrams))

    def _unigram_rows(self, kana: str) -> _Rows:
        """``list(map(self.packed.get, kana))``, looked up by code point in a list (no string
        made, hashed and compared per character: about 40 % faster with the caches cold, as
        they are after the other detectors), unless ``kana`` holds a character beyond it."""
        if kana and max(kana) < _TABLE_END:
            return list(map(self._unigram_table.__getitem__, map(ord, kana)))
        return list(map(self.packed.get, kana))

    @functools.cached_property
    def _unigram_table(self) -> _Rows:
        """Each single character's packed row by code point (None if the model has none), for
        the code points below _TABLE_END (planes 0-2: kana, kanji, emoji); 1.5 MB."""
        table: _Rows = [None] * ord(_TABLE_END)
        for gram, row in self.packed.items():
            if len(gram) == 1 and gram < _TABLE_END:
                table[ord(gram)] = row
        return table

    def _probabilities(
        self,
        kana: str,
        skip: Skip | None,
        only: Collection[str] | None,
        uni_rows: _Rows,
        bi_rows: _Rows,
    ) -> list[tuple[float, int, int]]:
        spans = sentences(kana)
        width = len(self.categories)
        if not spans:
            return [(0.0, 0, 0)] * width
        # Per sentence: the sum of its distinct features' packed rows (each feature counts once
        # per sentence, as in training; rows are unique), every category at once.
        totals = []
        get, find, mark, runs = self.packed.get, _RUN_RE.findall, RUN_MARK.__add__, self.runs
        for a, b in spans:
            present = set(filter(None, uni_rows[a:b]))
            present.update(filter(None, bi_rows[a : b - 1]))
            if runs:
                present.update(filter(None, map(get, map(mark, find(kana, a, b)))))
            totals.append(sum(present))
        fields, bases = _fields(totals, width)
        best: list[tuple[float, int, int]] = [(-math.inf, 0, 0)] * width
        blocked: dict[tuple[int, int], bool] = {}
        calibration = self.calibration or _IDENTITY * width
        for k in range(width):
            category = self.categories[k]
            if only is not None and category not in only:
                continue
            # Each sentence's sum for category k, in units of ``scale``.
            column = list(map(operator.sub, fields[k :: width + 1], bases))
            pairs = list(map(operator.add, column, column[1:]))
            single = max(column)
            paired = max(pairs, default=single)
            if paired > single:
                first = pairs.index(paired)
                top = (paired, first, first + 1)
            else:
                first = column.index(single)
                top = (single, first, first)
            if skip is not None and self._blocks(blocked, skip, spans, top, k):
                # The best unit warns against what it names: take the best one that does not,
                # asking ``skip`` only about the sentences of units that could win.
                units = [(v, i, i) for i, v in enumerate(column)]
                units += [(v, i, i + 1) for i, v in enumerate(pairs)]
                units.sort(key=_first, reverse=True)
                top = next(
                    (u for u in units if not self._blocks(blocked, skip, spans, u, k)),
                    (-math.inf, 0, 0),
                )
                if top[0] == -math.inf:
                    continue
            slope, intercept = calibration[k]
            total = slope * (self.bias[k] + self.scale * top[0]) + intercept
            best[k] = (total, spans[top[1]][0], spans[top[2]][1])
        return [(_sigmoid(total), start, end) for total, start, end in best]

    def _blocks(
        self,
        memo: dict[tuple[int, int], bool],
        skip: Skip,
        spans: list[tuple[int, int]],
        unit: tuple[float, int, int],
        k: int,
    ) -> bool:
        """True if a sentence of ``unit`` is one ``skip`` rejects for category ``k``."""
        for i in range(unit[1], unit[2] + 1):
            key = (i, k)
            if key not in memo:
                memo[key] = skip(spans[i][0], spans[i][1], self.categories[k])
            if memo[key]:
                return True
        return False

    def score(
        self,
        kana: str,
        skip: Skip | None = None,
        only: Collection[str] | None = None,
        bigrams: list[str] | None = None,
        text: str | None = None,
    ) -> list[ModelVote]:
        """Every category (of ``only``, when given) whose probability reaches its threshold.
        ``text`` is the caption's text view (same offsets as ``kana``, katakana kept): the words
        a vote shows are cut at its script runs; without it, at ``kana``'s."""
        votes = []
        scored = self._probabilities(kana, skip, only, *self._rows(kana, bigrams))
        for k, (probability, start, end) in enumerate(scored):
            if probability >= self.thresholds[k]:
                votes.append(self._vote(k, probability, kana, text or kana, start, end))
        return votes

    def _vote(
        self,
        k: int,
        probability: float,
        kana: str,
        text: str,
        start: int,
        end: int,
    ) -> ModelVote:
        shift = _BITS * k
        get = self.packed.get
        weight: dict[str, tuple[int, int]] = {}  # feature -> (weight, first position)
        for n in range(NGRAMS[0], NGRAMS[1] + 1):
            for i in range(start, end - n + 1):
                row = get(gram := kana[i : i + n])
                if row is not None and (w := ((row >> shift) & _FIELD) - _OFFSET) > 0:
                    weight.setdefault(gram, (w, i))
        if self.runs:
            for match in _RUN_RE.finditer(kana, start, end):
                row = self.packed.get(RUN_MARK + match.group())
                if row is not None and (w := ((row >> shift) & _FIELD) - _OFFSET) > 0:
                    weight.setdefault(RUN_MARK + match.group(), (w, match.start()))
        # 「す。」, 「は、」, 「○○」 say nothing to the reader: never shown, nor an n-gram across
        # a sentence end. Two hiragana (れて, いで) are mostly word endings: they rank at half
        # their weight. A single character is shown as the kanji run around it (党 in 自民党),
        # on its own only if nothing longer weighed. Ties: longer, then by text.
        ranked = [
            (w / 2 if _ENDING_RE.fullmatch(g) else w, g.lstrip(RUN_MARK), i)
            for g, (w, i) in weight.items()
            if (evident(g) or (len(g) == 1 and _kind(g) == _KANJI)) and not _STOPS_RE.search(g)
        ]
        ranked.sort(key=lambda r: (-r[0], -len(r[1]), r[1]))
        chosen: list[tuple[int, int]] = []
        lone: list[tuple[int, int]] = []  # single kanji that are no word of two or more
        for _, gram, at in ranked:
            if len(chosen) == TOP_WORDS:
                break
            lo, hi = word_span(text, start, end, at, at + len(gram))
            if len(gram) == 1 and not evident(text[lo:hi]):
                lone.append((lo, hi))
                continue
            # n-grams of one word (応援 / 援し / 応援し) say the same word: keep the first.
            if all(hi <= a or b <= lo for a, b in chosen):
                chosen.append((lo, hi))
        if not chosen:
            # Nothing longer weighed for the category: the kanji that weighed most (裸) is shown.
            chosen = lone[:1]
        words = tuple(text[a:b] for a, b in chosen)
        return ModelVote(
            self.categories[k], round(probability, 2), words, start, end, tuple(chosen)
        )


_IDENTITY = ((1.0, 0.0),)
_TABLE_END = "\U00030000"  # Model._unigram_table covers the code points below this one
_STOPS_RE = re.compile(r"[。！？!?\n]")
# A word shown is at most this long; a hiragana word around a hiragana n-gram at most
# MAX_KANA_WORD (longer hiragana runs are phrases: the n-gram itself is shown).
MAX_WORD = 12
MAX_KANA_WORD = 5
_HIRAGANA, _KATAKANA, _KANJI, _ALNUM, _OTHER = range(5)


def _kind(ch: str) -> int:
    """The script of one character: hiragana, katakana (with ー), kanji, letter/digit, other."""
    if "\u3041" <= ch <= "\u309f":
        return _HIRAGANA
    if "\u30a1" <= ch <= "\u30ff" or ch == "\uff70":
        return _KATAKANA
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "々〆ヶ":
        return _KANJI
    return _ALNUM if ch.isalnum() else _OTHER


def word_span(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The word-like run of ``text[lo:hi]`` around the n-gram ``text[start:end]``: its kanji,
    katakana or letter runs taken whole (挙は → 選挙は), one hiragana at either end of a longer
    core dropped as a particle or okurigana (選挙は → 選挙), punctuation at the ends dropped; a
    hiragana n-gram grows to its hiragana run if that is short (えっち → えっちな)."""
    kinds = [_kind(ch) for ch in text[start:end]]
    if all(kind == _HIRAGANA for kind in kinds):
        a, b = start, end
        while a > lo and _kind(text[a - 1]) == _HIRAGANA:
            a -= 1
        while b < hi and _kind(text[b]) == _HIRAGANA:
            b += 1
        return (a, b) if b - a <= MAX_KANA_WORD else (start, end)
    a, b = start, end
    while a < b and kinds[a - start] == _OTHER:
        a += 1
    while b > a and kinds[b - 1 - start] == _OTHER:
        b -= 1
    first, last = _kind(text[a]), _kind(text[b - 1])
    if first in (_KATAKANA, _KANJI, _ALNUM):
        while a > lo and _kind(text[a - 1]) == first:
            a -= 1
    if last in (_KATAKANA, _KANJI, _ALNUM):
        while b < hi and _kind(text[b]) == last:
            b += 1
    if b - a > MAX_WORD:
        return start, end
    if b - a >= 3 and _kind(text[a]) == _HIRAGANA and _kind(text[a + 1]) != _HIRAGANA:
        a += 1
    if b - a >= 3 and _kind(text[b - 1]) == _HIRAGANA and _kind(text[b - 2]) != _HIRAGANA:
        b -= 1
    return a, b


# One n-gram's weights travel as one integer: a field of _BITS bits per category holding
# weight + _OFFSET, above them a field holding 1 (the count), and above that the n-gram's own
# number (so that no two rows are equal). Summing the integers of a sentence's n-grams sums every
# category and counts the n-grams at once, in one C-level sum instead of a Python loop per
# category. A sentence has at most 2 * MAX_SENTENCE n-grams (and a pair twice that), so no field
# can overflow into the next.
_BITS = 32
_OFFSET = 1 << 16
_FIELD = (1 << _BITS) - 1
_Rows = list[int | None]
_U32 = next(code for code in "IL" if array(code).itemsize == 4)


def _pack(row: list[int], number: int = 0) -> int:
    width = len(row)
    total = (number << (_BITS * (width + 1))) | (1 << (_BITS * width))
    for k, w in enumerate(row):
        total |= (max(-_OFFSET + 1, min(_OFFSET - 1, int(w))) + _OFFSET) << (_BITS * k)
    return total


def _fields(totals: list[int], width: int) -> tuple[array[int], list[int]]:
    """The fields of many sums of packed rows at once: all ``width`` + 1 fields of each sum in
    one flat array (sum i's category k at ``i * (width + 1) + k``), and each sum's base (its
    count of rows times _OFFSET) to take from its category fields."""
    _, mask, size = _layout(width)
    fields_of = map(int.to_bytes, map(mask.__and__, totals), repeat(size), repeat(sys.byteorder))
    raw = b"".join(fields_of)
    fields = array(_U32, raw)
    return fields, list(map(_OFFSET.__mul__, fields[width :: width + 1]))


def _unpack(total: int, width: int) -> list[int]:
    """The per-category sums of a sum of packed rows."""
    layout, mask, size = _layout(width)
    fields = layout.unpack((total & mask).to_bytes(size, "little"))  # without the n-gram numbers
    base = fields[width] * _OFFSET
    return [f - base for f in fields[:width]]


@functools.cache
def _layout(width: int) -> tuple[struct.Struct, int, int]:
    """How a sum of packed rows of ``width`` categories is read: fields, mask, byte size."""
    size = (width + 1) * _BITS // 8
    return struct.Struct(f"<{width + 1}I"), (1 << (size * 8)) - 1, size


def _first(unit: tuple[float, int, int]) -> float:
    return unit[0]


def _sigmoid(total: float) -> float:
    if total == -math.inf:
        return 0.0
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


_lock = threading.Lock()
_loaded: list[Model] = []


def build(
    categories: Iterable[str],
    bias: Iterable[float],
    thresholds: Iterable[float],
    features: dict[str, list[int]],
    size: int = 0,
    scale: float = 1.0,
    calibration: Iterable[tuple[float, float]] = (),
    runs: bool = False,
) -> Model:
    """A model from its parts, weights in units of ``scale`` (the training script uses this)."""
    return Model(
        categories=tuple(categories),
        bias=tuple(float(b) for b in bias),
        thresholds=tuple(float(t) for t in thresholds),
        packed={g: _pack(row, i) for i, (g, row) in enumerate(features.items())},
        size_bytes=size,
        scale=scale,
        calibration=tuple((float(a), float(b)) for a, b in calibration),
        runs=runs,
    )


def encode_weights(features: dict[str, list[int]], width: int) -> tuple[list[str], str]:
    """The n-grams and their weights as the weights file stores them: each row ``width``
    little-endian 32-bit fields of weight + _OFFSET (the count field is added on loading), all
    rows in one base64 string."""
    vocabulary = sorted(features)
    count = 1 << (_BITS * width)
    raw = b"".join(
        (_pack(features[g]) - count).to_bytes(width * _BITS // 8, "little") for g in vocabulary
    )
    return vocabulary, base64.b64encode(raw).decode("ascii")


def _parse(raw: bytes, size: int) -> Model:
    blob: dict[str, Any] = json.loads(gzip.decompress(raw))
    if blob.get("format") != FORMAT or tuple(blob["ngrams"]) != NGRAMS:
        raise ValueError("policy model: unsupported weights file")
    categories = tuple(blob["categories"])
    step = len(categories) * _BITS // 8
    rows = base64.b64decode(blob["weights"])
    vocabulary = blob["vocabulary"]
    if len(rows) != step * len(vocabulary):
        raise ValueError("policy model: weights and vocabulary do not match")
    if len(blob["calibration"]) != len(categories):
        raise ValueError("policy model: calibration and categories do not match")
    view_ = memoryview(rows)
    count = 1 << (_BITS * len(categories))
    number = _BITS * (len(categories) + 1)
    packed = {
        gram: int.from_bytes(view_[i : i + step], "little") + count + (n << number)
        for n, (gram, i) in enumerate(zip(vocabulary, range(0, len(rows), step), strict=True))
    }
    return Model(
        categories=categories,
        bias=tuple(float(b) for b in blob["bias"]),
        thresholds=tuple(float(t) for t in blob["thresholds"]),
        packed=packed,
        size_bytes=size,
        scale=float(blob["scale"]),
        calibration=tuple((float(a), float(b)) for a, b in blob["calibration"]),
        runs=bool(blob["runs"]),
    )


def load_model(path: Path = WEIGHTS) -> Model:
    """The shipped model, read once per process."""
    if path != WEIGHTS:
        raw = path.read_bytes()
        return _parse(raw, len(raw))
    with _lock:
        if not _loaded:
            raw = path.read_bytes()
            _loaded.append(_parse(raw, len(raw)))
        return _loaded[0]
