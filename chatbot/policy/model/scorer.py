"""The learned second opinion: a linear model over character n-grams, scored in pure Python.

Trained offline by ``scripts/train_policy_model.py`` (scikit-learn, the ``train`` extra); its
weights ship in this package as ``weights.json.gz`` and load from disk on first use, with no
network and no hub. Scoring needs nothing but the standard library.

The model reads the caption's kana view (katakana folded to hiragana, letters lower-cased) as
binary character bigrams and trigrams. It scores each sentence on its own and each pair of
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
import threading
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chatbot.policy.normalize import normalize

WEIGHTS = Path(__file__).with_name("weights.json.gz")
NGRAMS = (2, 3)  # character n-gram lengths (min, max as in scikit-learn); see grams_of
FORMAT = 3
CATEGORIES = (
    "political", "religious", "commercial", "discrimination", "illegal", "obscenity",
    "defamation", "misinformation", "confidential", "undecided", "personal_opinion",
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
    """Every character bigram and trigram of ``text`` (NGRAMS), built in C-level maps."""
    bigrams = list(map(operator.add, text, text[1:]))
    out = set(bigrams)
    out.update(map(operator.add, bigrams, text[2:]))
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
    confidence: float
    words: tuple[str, ...]  # the n-grams that weighed most, strongest first
    start: int  # span of the sentence (or two) that scored highest, in the kana view
    end: int


@dataclass(frozen=True)
class Model:
    categories: tuple[str, ...]
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    packed: dict[str, int]  # n-gram -> its weights, one field per category (see _pack)
    size_bytes: int
    scale: float = 1.0

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
        spans = sentences(kana)
        packed = self.packed
        width = len(self.categories)
        cache: dict[str, list[int]] = {}
        sums: list[list[int]] = []  # per sentence, per category, in units of ``scale``
        zeros = [0] * width
        # Each bigram's and trigram's packed weights by start position, looked up once (None
        # where the model does not know the n-gram); a sentence sums slices of these lists.
        if bigrams is None:
            bigrams = list(map(operator.add, kana, kana[1:]))
        bi_rows = list(map(packed.get, bigrams))
        tri_rows = list(map(packed.get, map(operator.add, bigrams, kana[2:])))
        for start, end in spans:
            text = kana[start:end]
            row = cache.get(text)
            if row is None:
                # A set: each n-gram counts once per sentence, as in training (rows are unique).
                present = set(filter(None, bi_rows[start : end - 1]))
                present.update(filter(None, tri_rows[start : end - 2]))
                total = sum(present)
                row = _unpack(total, width) if total else zeros
                cache[text] = row
            sums.append(row)
        best: list[tuple[float, int, int]] = [(-math.inf, 0, 0)] * width
        if not spans:
            return [(0.0, 0, 0)] * width
        blocked: dict[tuple[int, int], bool] = {}
        columns = list(zip(*sums, strict=True))  # per category: each sentence's sum
        for k in range(width):
            category = self.categories[k]
            if only is not None and category not in only:
                continue
            column = columns[k]
            pairs = list(map(operator.add, column, column[1:]))
            single = max(column)
            if pairs and max(pairs) > single:
                first = pairs.index(max(pairs))
                top = (max(pairs), first, first + 1)
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
            total = self.bias[k] + self.scale * top[0]
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
    ) -> list[ModelVote]:
        """Every category (of ``only``, when given) whose probability reaches its threshold."""
        votes = []
        scored = self.probabilities(kana, skip, only, bigrams)
        for k, (probability, start, end) in enumerate(scored):
            if probability >= self.thresholds[k]:
                votes.append(self._vote(k, probability, kana, start, end))
        return votes

    def _vote(self, k: int, probability: float, kana: str, start: int, end: int) -> ModelVote:
        unit = kana[start:end]
        weight = {g: self.weights(g)[k] for g in grams_of(unit) & self.packed.keys()}
        # 「す。」, 「は、」, 「○○」 say nothing to the reader: never shown. Two hiragana
        # (れて, いで) are mostly word endings: they rank at half their weight. Ties: longer,
        # then by text.
        shown = {g: w / 2 if _ENDING_RE.fullmatch(g) else w for g, w in weight.items()}
        ranked = sorted(
            (g for g in shown if shown[g] > 0 and evident(g)), key=lambda g: (-shown[g], -len(g), g)
        )
        chosen: list[tuple[str, int]] = []
        for gram in ranked:
            if len(chosen) == TOP_WORDS:
                break
            at = unit.find(gram)
            # Overlapping n-grams (応援 / 援し / 応援し) say the same word: keep the first.
            if all(at + len(gram) <= a or a + len(c) <= at for c, a in chosen):
                chosen.append((gram, at))
        words = tuple(c for c, _ in chosen)
        return ModelVote(self.categories[k], round(probability, 2), words, start, end)


# One n-gram's weights travel as one integer: a field of _BITS bits per category holding
# weight + _OFFSET, above them a field holding 1 (the count), and above that the n-gram's own
# number (so that no two rows are equal). Summing the integers of a sentence's n-grams sums every
# category and counts the n-grams at once, in one C-level sum instead of a Python loop per
# category. A sentence has at most 2 * MAX_SENTENCE n-grams, so no field can overflow into the
# next.
_BITS = 32
_OFFSET = 1 << 16


def _pack(row: list[int], number: int = 0) -> int:
    width = len(row)
    total = (number << (_BITS * (width + 1))) | (1 << (_BITS * width))
    for k, w in enumerate(row):
        total |= (max(-_OFFSET + 1, min(_OFFSET - 1, int(w))) + _OFFSET) << (_BITS * k)
    return total


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
) -> Model:
    """A model from its parts, weights in units of ``scale`` (the training script uses this)."""
    return Model(
        categories=tuple(categories),
        bias=tuple(float(b) for b in bias),
        thresholds=tuple(float(t) for t in thresholds),
        packed={g: _pack(row, i) for i, (g, row) in enumerate(features.items())},
        size_bytes=size,
        scale=scale,
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
