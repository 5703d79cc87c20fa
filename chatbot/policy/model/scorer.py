"""The learned second opinion: a linear model over character bigrams, scored in pure Python.

Trained offline by ``scripts/train_policy_model.py`` (scikit-learn, the ``train`` extra); its
weights ship in this package as ``weights.json.gz`` and load from disk on first use, with no
network and no hub. Scoring needs nothing but the standard library.
"""

from __future__ import annotations

import gzip
import json
import math
import operator
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chatbot.policy.normalize import normalize

WEIGHTS = Path(__file__).with_name("weights.json.gz")
NGRAMS = (2, 2)  # character bigrams only (min, max as in scikit-learn): cheapest to score
CATEGORIES = (
    "political", "religious", "commercial", "discrimination", "illegal", "obscenity",
    "defamation", "misinformation", "confidential", "undecided", "personal_opinion",
)  # fmt: skip
TOP_WORDS = 3


def view(caption: str) -> str:
    """The text the model sees: the caption's kana view (as the lexicon sees it)."""
    return normalize(caption).kana


@dataclass(frozen=True)
class ModelVote:
    """One category the model believes the caption breaks, and why."""

    category: str
    confidence: float
    words: tuple[str, ...]  # the n-grams that weighed most, strongest first
    start: int  # span of the strongest n-gram in the kana view
    end: int


@dataclass(frozen=True)
class Model:
    categories: tuple[str, ...]
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    features: dict[str, list[float]]
    size_bytes: int
    vocabulary: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "vocabulary", frozenset(self.features))

    def score(self, kana: str, grams: frozenset[str] | None = None) -> list[ModelVote]:
        """Every category whose probability reaches its threshold.

        ``grams`` is the caption's bigram set when the caller has it (``NormalizedText.bigrams``).
        """
        if grams is None:
            grams = frozenset(map(operator.add, kana, kana[1:]))
        present = grams & self.vocabulary
        totals = list(self.bias)
        if present:
            # Fetch the present rows and sum each column in C: no Python-level loop per n-gram.
            rows = operator.itemgetter(*present)(self.features)
            if len(present) == 1:
                rows = (rows,)
            sums = map(sum, zip(*rows, strict=True))
            totals = [b + s for b, s in zip(self.bias, sums, strict=True)]
        votes = []
        for k, total in enumerate(totals):
            probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
            if probability >= self.thresholds[k]:
                votes.append(self._vote(k, probability, kana, present))
        return votes

    def _vote(self, k: int, probability: float, kana: str, present: frozenset[str]) -> ModelVote:
        ranked = sorted(present, key=lambda g: (-self.features[g][k], g))  # ties: by text
        chosen: list[tuple[str, int]] = []
        for gram in ranked:
            if self.features[gram][k] <= 0 or len(chosen) == TOP_WORDS:
                break
            at = kana.find(gram)
            # Overlapping n-grams (応援 / 援し / 応援し) say the same word: keep the first.
            if all(abs(at - a) >= max(len(gram), len(c)) for c, a in chosen):
                chosen.append((gram, at))
        if not chosen:
            return ModelVote(self.categories[k], round(probability, 2), (), 0, 0)
        gram, at = chosen[0]
        words = tuple(c for c, _ in chosen)
        return ModelVote(self.categories[k], round(probability, 2), words, at, at + len(gram))


_lock = threading.Lock()
_loaded: list[Model] = []


def _parse(raw: bytes, size: int) -> Model:
    blob: dict[str, Any] = json.loads(gzip.decompress(raw))
    if blob.get("format") != 1 or tuple(blob["ngrams"]) != NGRAMS:
        raise ValueError("policy model: unsupported weights file")
    return Model(
        categories=tuple(blob["categories"]),
        bias=tuple(float(b) for b in blob["bias"]),
        thresholds=tuple(float(t) for t in blob["thresholds"]),
        features=blob["features"],
        size_bytes=size,
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
