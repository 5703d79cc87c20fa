"""Phrase and pattern rules with context, matched on the kana view of a caption.

All phrases of a pack are compiled once into a single trie-shaped regex, so a check scans the
caption once for phrases whatever the number of rules; regex patterns run one by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class _Compiled:
    id: str
    patterns: tuple[re.Pattern[str], ...]
    requires_any: tuple[str, ...]
    unless_any: tuple[str, ...]
    exclude: tuple[str, ...]
    window: int


def _trie_regex(words: Iterable[str]) -> str:
    """A regex for a set of words that tries the longest word first at each position."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass
class Lexicon:
    """The compiled lexicon of one pack."""

    rules: Sequence[LexiconRule]
    _phrase_re: re.Pattern[str] | None = field(init=False, default=None)
    _owners: dict[str, list[int]] = field(init=False, default_factory=dict)
    _prefixes: dict[str, list[str]] = field(init=False, default_factory=dict)
    _compiled: list[_Compiled] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        for index, rule in enumerate(self.rules):
            for phrase in rule.phrases:
                folded = fold(phrase)
                if folded:
                    self._owners.setdefault(folded, []).append(index)
            self._compiled.append(
                _Compiled(
                    id=rule.id,
                    patterns=tuple(
                        re.compile(fold_pattern(p), re.IGNORECASE) for p in rule.patterns
                    ),
                    requires_any=tuple(fold(w) for w in rule.requires_any),
                    unless_any=tuple(fold(w) for w in rule.unless_any),
                    exclude=tuple(fold(w) for w in rule.exclude),
                    window=rule.window,
                )
            )
        phrases = sorted(self._owners)
        if phrases:
            self._phrase_re = re.compile("(?=(" + _trie_regex(phrases) + "))")
        # A match reports the longest phrase at a position; shorter ones there come from here.
        known = set(phrases)
        for phrase in phrases:
            self._prefixes[phrase] = [
                phrase[:n] for n in range(1, len(phrase) + 1) if phrase[:n] in known
            ]

    def find(self, nt: NormalizedText) -> list[LexiconMatch]:
        """Every confirmed match, at most a few per rule, ordered by position."""
        kana = nt.kana
        spans: list[tuple[int, int, int]] = []
        if self._phrase_re is not None:
            for m in self._phrase_re.finditer(kana):
                start = m.start()
                for phrase in self._prefixes.get(m.group(1), ()):
                    spans += [(start, start + len(phrase), i) for i in self._owners[phrase]]
        for index, rule in enumerate(self._compiled):
            for pattern in rule.patterns:
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
