"""Phrase and pattern rules with context, matched on the kana view of a caption.

Phrases are bucketed by their first two characters (one for one-character phrases): a check
intersects the buckets with the caption's bigram set, built once per caption and shared with the
model, and looks only for the phrases of buckets present. A regex pattern runs only if a literal
it cannot match without (found from its parse tree, e.g. 円 or one of 販売|購入) is in the caption.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chatbot.policy.normalize import NormalizedText, normalize

# Katakana ァ..ヶ sit exactly 0x60 above their hiragana counterparts (same fold as normalize).
_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_MAX_PER_RULE = 5


def fold(phrase: str) -> str:
    """A phrase as it appears in the kana view (normalised, hiragana, lower case)."""
    return normalize(phrase).kana


def fold_pattern(pattern: str) -> str:
    """Fold katakana in a regex; letters are matched case-insensitively instead of lowered."""
    return pattern.translate(_KATA_TO_HIRA)


@dataclass(frozen=True)
class LexiconRule:
    """What one lexicon rule looks for and the context that confirms or cancels a match."""

    id: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    requires_any: tuple[str, ...] = ()
    unless_any: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    window: int = 30


@dataclass(frozen=True)
class LexiconMatch:
    """A confirmed match of a rule, in ORIGINAL caption offsets."""

    rule_id: str
    start: int
    end: int
    excerpt: str
    kana_start: int = 0
    kana_end: int = 0


# A pattern's gate as set look-ups: per set of literals, the first two characters of its longer
# literals and its one-character literals.
Gate = tuple[tuple[frozenset[str], tuple[str, ...]], ...]


def gate_sets(gate: tuple[tuple[str, ...], ...]) -> Gate:
    """``pattern_gate``'s sets as (first two characters of the longer literals, one-character
    literals), so that a check is a set intersection per set instead of a loop per literal."""
    return tuple(
        (frozenset(g[:2] for g in alts if len(g) > 1), tuple(g for g in alts if len(g) <= 1))
        for alts in gate
    )


def gate_open(gate: Gate, bigrams: frozenset[str], kana: str) -> bool:
    """True if, for each set of literals, one literal's first two characters are among the
    caption's bigrams (or a one-character literal is in the caption)."""
    for heads, singles in gate:
        if heads.isdisjoint(bigrams) and not any(c in kana for c in singles):
            return False
    return True


@dataclass(frozen=True)
class _Compiled:
    id: str
    patterns: tuple[tuple[re.Pattern[str], Gate], ...]  # (pattern, gate_sets of its gate)
    requires_any: tuple[str, ...]
    unless_any: tuple[str, ...]
    exclude: tuple[str, ...]
    window: int


def _required(items: Any, parser: Any) -> list[frozenset[str]]:
    """Sets of literals a match of the parsed sequence ``items`` must contain one of."""
    literal, branch = parser.LITERAL, parser.BRANCH
    subpattern, repeats = parser.SUBPATTERN, (parser.MAX_REPEAT, parser.MIN_REPEAT)
    found: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is literal:
            run += chr(av)
            continue
        if run:
            found.append(frozenset({run}))
            run = ""
        if op is subpattern:
            found += _required(av[3], parser)
        elif op in repeats and av[0] >= 1:
            found += _required(av[2], parser)
        elif op is branch:
            heads = []
            for alternative in av[1]:
                head = "".join(chr(a) for _, a in _leading_literals(alternative, literal))
                if not head:
                    break
                heads.append(head)
            else:
                found.append(frozenset(heads))
    if run:
        found.append(frozenset({run}))
    return found


def _leading_literals(items: Any, literal: Any) -> list[tuple[Any, int]]:
    out = []
    for op, av in items:
        if op is not literal:
            break
        out.append((op, av))
    return out


def pattern_gate(pattern: str, flags: int = re.IGNORECASE) -> tuple[tuple[str, ...], ...]:
    """Sets of literals (lower case): every match of ``pattern`` contains one of each set.

    () if unknown. Sets that any caption passes (a one-character literal such as は) are left
    out; the most selective set (whose shortest literal is longest) comes first.
    """
    try:
        parser = importlib.import_module("re._parser")
        required = _required(parser.parse(pattern, flags), parser)
    except Exception:  # an unexpected parse tree only costs speed: run the pattern always
        return ()
    useful = [alts for alts in required if min(map(len, alts)) > 1] or required[:1]
    useful.sort(key=lambda alts: (-min(map(len, alts)), len(alts)))
    return tuple(tuple(sorted(a.lower() for a in alts)) for alts in useful)


@dataclass
class Lexicon:
    """The compiled lexicon of one pack."""

    rules: Sequence[LexiconRule]
    _owners: dict[str, list[int]] = field(init=False, default_factory=dict)
    _buckets: dict[str, tuple[str, ...]] = field(init=False, default_factory=dict)
    _bucket_keys: frozenset[str] = field(init=False, default=frozenset())
    _singles: tuple[str, ...] = field(init=False, default=())
    _compiled: list[_Compiled] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        for index, rule in enumerate(self.rules):
            for phrase in rule.phrases:
                folded = fold(phrase)
                if folded:
                    self._owners.setdefault(folded, []).append(index)
            patterns = []
            for p in rule.patterns:
                folded_pattern = fold_pattern(p)
                patterns.append(
                    (
                        re.compile(folded_pattern, re.IGNORECASE),
                        gate_sets(pattern_gate(folded_pattern)),
                    )
                )
            self._compiled.append(
                _Compiled(
                    id=rule.id,
                    patterns=tuple(patterns),
                    requires_any=tuple(fold(w) for w in rule.requires_any),
                    unless_any=tuple(fold(w) for w in rule.unless_any),
                    exclude=tuple(fold(w) for w in rule.exclude),
                    window=rule.window,
                )
            )
        buckets: dict[str, list[str]] = {}
        for phrase in sorted(self._owners):
            if len(phrase) >= 2:
                buckets.setdefault(phrase[:2], []).append(phrase)
        self._buckets = {k: tuple(v) for k, v in buckets.items()}
        self._bucket_keys = frozenset(self._buckets)  # intersected without a set per check
        self._singles = tuple(sorted(p for p in self._owners if len(p) == 1))

    def find(self, nt: NormalizedText) -> list[LexiconMatch]:
        """Every confirmed match, at most a few per rule, ordered by position."""
        kana, bigrams = nt.kana, nt.bigrams
        spans: list[tuple[int, int, int]] = []
        phrases = [p for key in self._bucket_keys & bigrams for p in self._buckets[key]]
        phrases += [p for p in self._singles if p in kana]
        for phrase in phrases:
            owners = self._owners[phrase]
            at = kana.find(phrase)
            while at != -1:
                spans += [(at, at + len(phrase), i) for i in owners]
                at = kana.find(phrase, at + 1)
        for index, rule in enumerate(self._compiled):
            for pattern, gate in rule.patterns:
                # For each set of literals the pattern needs, one literal's first two characters
                # must be among the caption's bigrams: set look-ups that skip most patterns.
                if not gate_open(gate, bigrams, kana):
                    continue
                spans += [
                    (m.start(), m.end(), index)
                    for m in pattern.finditer(kana)
                    if m.end() > m.start()
                ]
        counts: dict[int, int] = {}
        out: list[LexiconMatch] = []
        for start, end, index in sorted(spans):
            rule = self._compiled[index]
            if counts.get(index, 0) >= _MAX_PER_RULE or not _confirmed(kana, start, end, rule):
                continue
            counts[index] = counts.get(index, 0) + 1
            o_start, o_end = nt.to_original(start, end)
            out.append(
                LexiconMatch(rule.id, o_start, o_end, nt.original[o_start:o_end], start, end)
            )
        return out


def _covered_by(kana: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """True if one of ``words`` occurs in ``kana`` around the whole span [start, end)."""
    return any(kana.find(w, max(0, end - len(w)), start + len(w)) != -1 for w in words)


def _confirmed(kana: str, start: int, end: int, rule: _Compiled) -> bool:
    if rule.exclude and _covered_by(kana, start, end, rule.exclude):
        return False
    if not (rule.requires_any or rule.unless_any):
        return True
    context = kana[max(0, start - rule.window) : end + rule.window]
    if rule.requires_any and not any(w in context for w in rule.requires_any):
        return False
    return not any(w in context for w in rule.unless_any)
