"""Phrase and pattern rules with context, matched on the kana view of a caption.

Phrases are bucketed by their first two characters (one for one-character phrases): a check
intersects the buckets with the caption's bigram set, built once per caption and shared with the
model, and looks only for the phrases of buckets present. A regex pattern runs only if the
caption holds, for each set of literals the pattern cannot match without (found from its parse
tree, through groups, alternatives and look-behinds: 円, one of 販売|購入, one of 迷惑|うるさ in
(?:(?<!ご)迷惑|うるさ)), one of them: a literal of three characters or more whole (the literals of
every pattern are looked for at once, by their bigrams), a shorter one by its characters.
"""

from __future__ import annotations

import functools
import importlib
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from chatbot.policy.lines import continues_past
from chatbot.policy.normalize import NormalizedText, fold_kana

# Katakana ァ..ヶ sit exactly 0x60 above their hiragana counterparts (same fold as normalize).
_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_MAX_PER_RULE = 5


def fold(phrase: str) -> str:
    """A phrase as it appears in the kana view (normalised, hiragana, lower case)."""
    return fold_kana(phrase)


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
    # Words that cancel a match from the sentence after it too (a public vote announced right
    # after the candidates: 候補は3つ！みなさんの投票で決めます).
    unless_next: tuple[str, ...] = ()


@dataclass(frozen=True)
class LexiconMatch:
    """A confirmed match of a rule, in ORIGINAL caption offsets."""

    rule_id: str
    start: int
    end: int
    excerpt: str
    kana_start: int = 0
    kana_end: int = 0


# A pattern's gate as set look-ups. Per set of literals: the first two characters of its longer
# literals (where the patterns are looked up), its one-character literals, the first two
# characters that are enough on their own (of a two-character literal, or of one a letter of
# another form may match), and the literals of three characters or more the caption must hold
# whole (``literals_held`` finds those of a caption at once, by their bigrams).
Gate = tuple[tuple[frozenset[str], tuple[str, ...], frozenset[str], frozenset[str]], ...]


def gate_sets(gate: tuple[tuple[str, ...], ...]) -> Gate:
    """``pattern_gate``'s sets as (first two characters of the longer literals, one-character
    literals, first two characters enough on their own, literals to hold whole), so that a check
    is a few set intersections per set instead of a loop per literal."""
    out = []
    for alts in gate:
        heads = frozenset(g[:2] for g in alts if len(g) > 1)
        whole = frozenset(g for g in alts if len(g) > 2 and _exact(g))
        enough = frozenset(g[:2] for g in alts if len(g) > 1 and g not in whole)
        out.append((heads, tuple(g for g in alts if len(g) <= 1), enough, whole))
    return tuple(out)


def _exact(literal: str) -> bool:
    """True if the kana view can hold a match of ``literal`` (under IGNORECASE) only as the
    literal itself: no letter with another form there (the kana view lower-cases letters but
    keeps İ, and ı; Greek σ also matches ς)."""
    return all((c.isascii() and c not in "iI") or c.lower() == c == c.upper() for c in literal)


def gate_open(
    gate: Gate, bigrams: frozenset[str], kana: str, held: frozenset[str] | None = None
) -> bool:
    """True if, for each set of literals, the caption holds one: a one-character literal, the
    first two characters of a two-character (or case-folding) literal, or a longer literal whole.
    ``held``: the gate's longer literals the caption holds (``literals_held``), if known."""
    if held is None:
        held = frozenset(w for *_, whole in gate for w in whole if w in kana)
    for _, singles, enough, whole in gate:
        if (
            enough.isdisjoint(bigrams)
            and whole.isdisjoint(held)
            and not any(c in kana for c in singles)
        ):
            return False
    return True


# Literals by their first two characters, each with its other bigrams (tail_bigrams).
LiteralIndex = dict[str, tuple[tuple[str, tuple[str, ...]], ...]]


def tail_bigrams(word: str, shared: dict[str, str]) -> tuple[str, ...]:
    """The bigrams of ``word`` after its first, one string object per distinct bigram across
    the calls sharing ``shared`` (a tuple of shared strings holds far less than a set each)."""
    return tuple(shared.setdefault(g, g) for g in map(operator.add, word[1:], word[2:]))


def literal_index(literals: Iterable[str], shared: dict[str, str] | None = None) -> LiteralIndex:
    """``literals`` (two characters or more) bucketed for ``literals_held``."""
    shared = {} if shared is None else shared
    buckets: dict[str, list[str]] = {}
    for literal in sorted(set(literals)):
        buckets.setdefault(literal[:2], []).append(literal)
    return {
        head: tuple((w, tail_bigrams(w, shared)) for w in found) for head, found in buckets.items()
    }


def literals_held(
    index: LiteralIndex, keys: frozenset[str], bigrams: frozenset[str], kana: str
) -> frozenset[str]:
    """The literals of ``index`` (whose keys are ``keys``) that ``kana`` holds: looked for only
    where every bigram of the literal is among the caption's ``bigrams``."""
    has_all = bigrams.issuperset
    return frozenset(
        w for key in keys & bigrams for w, grams in index[key] if has_all(grams) and w in kana
    )


@dataclass(frozen=True)
class _Compiled:
    id: str
    patterns: tuple[tuple[LazyPattern, Gate], ...]  # (pattern, gate_sets of its gate)
    requires_any: tuple[str, ...]
    unless_any: tuple[str, ...]
    exclude: tuple[str, ...]
    window: int
    unless_next: tuple[str, ...] = ()


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
            # Every match of a branch matches one alternative, so it holds a literal of the
            # union of one set per alternative (each alternative's most selective set): the
            # union is a set only if every alternative has one (a look-behind or a group
            # first is no obstacle: 迷惑 in (?<!ご)迷惑, 来た人 in (?:…|…)来た人).
            union: set[str] = set()
            for alternative in av[1]:
                sets = _required(alternative, parser)
                if not sets:
                    break
                best: frozenset[str] = max(sets, key=_selectivity)
                union.update(best)
            else:
                found.append(frozenset(union))
    if run:
        found.append(frozenset({run}))
    return found


def _selectivity(alts: frozenset[str]) -> tuple[int, int]:
    """How rarely a caption holds one of ``alts``: longer shortest literal, then fewer."""
    return min(map(len, alts)), -len(alts)


def pattern_gate(pattern: str, flags: int = re.IGNORECASE) -> tuple[tuple[str, ...], ...]:
    """Sets of literals (lower case): every match of ``pattern`` contains one of each set.

    () if unknown. Sets that nearly any caption passes (with a one-character literal other than a
    kanji, such as は) are left out, unless no set is left; the most selective set (whose
    shortest literal is longest) comes first.
    """
    try:
        tree = importlib.import_module("re._parser").parse(pattern, flags)
    except Exception:  # an unexpected parse tree only costs speed: run the pattern always
        return ()
    return _gate_of(tree)


def _gate_of(tree: Any) -> tuple[tuple[str, ...], ...]:
    """``pattern_gate`` of a parsed pattern."""
    try:
        required = _required(tree, importlib.import_module("re._parser"))
    except Exception:  # an unexpected parse tree only costs speed: run the pattern always
        return ()
    useful = [alts for alts in required if all(map(_telling, alts))] or required[:1]
    useful.sort(key=lambda alts: (-min(map(len, alts)), len(alts)))
    return tuple(tuple(sorted(a.lower() for a in alts)) for alts in useful)


def _telling(literal: str) -> bool:
    """A literal worth asking for: two characters or more, or one kanji (劣, 鬱; not は or a)."""
    return len(literal) > 1 or "\u3400" <= literal <= "\u9fff"


# Characters that match an ASCII letter under re.IGNORECASE besides its two cases (İ and ı for
# i, the Kelvin sign for k, the long s for s); checked against every code point by a unit test.
_ASCII_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
# A wider range of characters is not worth a scan of its own.
_MAX_FIRST = 256


def _cases(ch: str) -> frozenset[str] | None:
    """Every character that ``ch`` matches under re.IGNORECASE, or None if unsure (a cased
    letter outside ASCII)."""
    if ch.isascii() and ch.isalpha():
        low = ch.lower()
        return frozenset(low + low.upper() + _ASCII_FOLDS.get(low, ""))
    if ch.lower() == ch == ch.upper():
        return frozenset(ch)
    return None


def _class_chars(items: Any, parser: Any) -> frozenset[str] | None:
    """The characters a character class ``[...]`` accepts, if it is a short list of literals and
    ranges (None for a negated class, a category such as ``\\d`` or a wide range)."""
    found: set[str] = set()
    for op, av in items:
        if op is parser.LITERAL:
            codes = range(av, av + 1)
        elif op is parser.RANGE and av[1] - av[0] < _MAX_FIRST:
            codes = range(av[0], av[1] + 1)
        else:
            return None
        for code in codes:
            cases = _cases(chr(code))
            if cases is None:
                return None
            found |= cases
    return frozenset(found)


# A beginning of a match, and whether what follows in the pattern may still lengthen it.
Head = tuple[str, bool]
# Candidate starts are looked for by their first two characters (one when two are too many).
_HEAD_LENGTHS = (2, 1)
_MAX_HEADS = 512


def _join(found: set[Head], part: set[Head], length: int) -> set[Head]:
    """Every beginning of ``found`` that may grow, followed by every one of ``part``."""
    out: set[Head] = set()
    for head, grows in found:
        if not grows:
            out.add((head, False))
            continue
        for more, more_grows in part:
            joined = head + more
            out.add((joined[:length], False) if len(joined) >= length else (joined, more_grows))
    return out


def _heads(items: Any, parser: Any, length: int) -> set[Head] | None:
    """The beginnings (up to ``length`` characters) that every match of the parsed sequence
    ``items`` starts with one of, or None if unknown (or too many). A superset is enough: the
    pattern itself confirms every candidate position. Case variants of ASCII letters are
    included; a cased letter outside ASCII is unknown. Where what follows is unknown (a negated
    class, ``\\d``, ``.``), the beginnings read so far stop there (猫 of 猫[^。]), unless a match
    may begin with it: then the set is unknown."""
    found: set[Head] = {("", True)}
    repeats = (parser.MAX_REPEAT, parser.MIN_REPEAT, getattr(parser, "POSSESSIVE_REPEAT", None))
    for op, av in items:
        if not any(grows for _, grows in found):
            break
        part: set[Head] | None
        if op in (parser.ASSERT, parser.ASSERT_NOT, parser.AT):
            continue  # zero width: what follows consumes the next character
        if op is parser.LITERAL or op is parser.IN:
            chars = _cases(chr(av)) if op is parser.LITERAL else _class_chars(av, parser)
            part = None if chars is None else {(c, True) for c in chars}
        elif op is parser.SUBPATTERN:
            part = _heads(av[3], parser, length)
        elif op is parser.BRANCH:
            part = set()
            for alternative in av[1]:
                more = _heads(alternative, parser, length)
                if more is None:
                    part = None
                    break
                part |= more
        elif op in repeats:
            part = _heads(av[2], parser, length)
            if part is not None and av[1] != 1:
                # Another repetition may follow one: a short beginning is left as it is.
                part = {(head, grows and len(head) >= length) for head, grows in part}
            if part is not None and av[0] == 0:
                part.add(("", True))
        else:
            part = None
        if part is None:
            return _known_so_far(found)
        found = _join(found, part, length)
        if len(found) > _MAX_HEADS:
            return None
    return found


def _known_so_far(found: set[Head]) -> set[Head] | None:
    """The beginnings ``found``, none growing any more, or None if one may still be empty."""
    if any(grows and not head for head, grows in found):
        return None
    return {(head, False) for head, _ in found}


def first_chars_regex(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    """A regex matching where a match of ``pattern`` can begin (its first two characters, in
    any case the pattern accepts), for a pattern the regex engine cannot skip ahead in by itself
    (a look-behind first, or letters under IGNORECASE, turn off its own first-character scan);
    None otherwise.

    ``scan`` tries the pattern only where this regex matches: the same matches, without running
    the pattern's alternatives at every character of a long caption.
    """
    try:
        tree = importlib.import_module("re._parser").parse(pattern, flags)
    except Exception:  # an unexpected parse tree or engine only costs speed
        return None
    source = _first_chars_of(tree, flags)
    return None if source is None else re.compile(source)


def _first_chars_of(tree: Any, flags: int) -> str | None:
    """The source of ``first_chars_regex`` for a parsed pattern compiled with ``flags``."""
    try:
        parser = importlib.import_module("re._parser")
        compiler = importlib.import_module("re._compiler")
        prefix, _, _ = compiler._get_literal_prefix(tree, flags)
        if prefix or compiler._get_charset_prefix(tree, flags):
            return None  # the engine skips ahead to a likely start by itself: faster
        for length in _HEAD_LENGTHS:
            heads = _heads(tree.data, parser, length)
            if heads is not None:
                break
    except Exception:  # an unexpected parse tree or engine only costs speed
        return None
    beginnings = {head for head, _ in heads or ()}
    if not beginnings or "" in beginnings:
        return None  # unknown, or a match may be empty
    ordered = sorted(beginnings, key=lambda head: (-len(head), head))
    return "|".join(map(re.escape, ordered))


# The flags of a lexicon pattern as compiled (str patterns are UNICODE): the engine's own
# skip-ahead, which _first_chars_of asks about, depends on them.
FLAGS = re.IGNORECASE | re.UNICODE


@functools.lru_cache(maxsize=4096)
def pattern_parts(pattern: str) -> tuple[str, Gate, str | None]:
    """A pack's pattern as the lexicon runs it, from one parse: folded (``fold_pattern``), its
    gate (``gate_sets`` of ``pattern_gate``) and the source of its first-characters regex
    (``first_chars_regex``, None if none). Raises re.error for a pattern re.compile would refuse
    (its look-behinds are checked here, as the compiler does). The pack's validation calls this,
    so the lexicon built after it finds every pattern parsed, and no pattern is compiled until a
    caption needs it (``LazyPattern``)."""
    folded = fold_pattern(pattern)
    parser = importlib.import_module("re._parser")
    tree = parser.parse(folded, re.IGNORECASE)
    if "(?<=" in folded or "(?<!" in folded:  # no look-behind without one of these
        _check_look_behinds(tree.data, parser)
    return folded, gate_sets(_gate_of(tree)), _first_chars_of(tree, FLAGS)


def _check_look_behinds(items: Any, parser: Any) -> None:
    """Raise re.error where the compiler would: a look-behind of variable or too great width."""
    for op, av in items:
        if op in (parser.ASSERT, parser.ASSERT_NOT) and av[0] < 0:
            low, high = av[1].getwidth()
            if low > importlib.import_module("re._compiler").MAXCODE:
                raise re.error("looks too much behind")
            if low != high:
                raise re.error("look-behind requires fixed-width pattern")
        for part in av if isinstance(av, (tuple, list)) else (av,):
            if isinstance(part, parser.SubPattern):
                _check_look_behinds(part.data, parser)
            elif isinstance(part, list):  # a branch's alternatives
                for alternative in part:
                    if isinstance(alternative, parser.SubPattern):
                        _check_look_behinds(alternative.data, parser)


class LazyPattern:
    """A regex compiled on its first use: a caption runs few of a pack's patterns, so a first
    check compiles only those. A pack's pattern is valid by then: the pack's validation compiled
    it folded (``pattern_parts``: parsed, look-behinds checked)."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        """The compiled regex (a race between two threads compiles it twice, harmlessly)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.get().finditer(text)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.get().match(text, pos)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.get().search(text, pos)


def scan(
    pattern: re.Pattern[str], starts: re.Pattern[str] | None, text: str
) -> Iterator[re.Match[str]]:
    """The non-empty matches of ``pattern.finditer(text)``, tried only where ``starts`` (from
    ``first_chars_regex``) matches; every match when ``starts`` is None."""
    if starts is None:
        yield from (m for m in pattern.finditer(text) if m.end() > m.start())
        return
    found = starts.search(text)
    while found is not None:
        m = pattern.match(text, found.start())
        if m is None:
            found = starts.search(text, found.start() + 1)
        else:
            yield m  # never empty: it begins with a character of ``starts``
            found = starts.search(text, m.end())


@dataclass
class Lexicon:
    """The compiled lexicon of one pack."""

    rules: Sequence[LexiconRule]
    _owners: dict[str, list[int]] = field(init=False, default_factory=dict)
    # (folded phrase, rule index) of phrases a rule writes only in katakana (バカ, リンチ): they
    # match katakana in the caption, or hiragana that starts a word (not やばかった, りんちゃん).
    _katakana_only: frozenset[tuple[str, int]] = field(init=False, default=frozenset())
    _buckets: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(
        init=False, default_factory=dict
    )
    _bucket_keys: frozenset[str] = field(init=False, default=frozenset())
    _singles: tuple[str, ...] = field(init=False, default=())
    _compiled: list[_Compiled] = field(init=False, default_factory=list)
    # Every pattern as (rule index, pattern, gate, first-character class or None), and where its
    # gate's first set of literals points (by first two characters enough on their own, longer
    # literals held whole, single characters): the patterns worth trying are looked up from the
    # caption instead of asking every gate.
    _patterns: list[tuple[int, LazyPattern, Gate, LazyPattern | None]] = field(
        init=False, default_factory=list
    )
    _by_head: dict[str, list[int]] = field(init=False, default_factory=dict)
    _by_single: dict[str, list[int]] = field(init=False, default_factory=dict)
    _ungated: tuple[int, ...] = field(init=False, default=())
    # Every gate's literals that must be held whole, bucketed (literal_index), and its keys.
    _literals: LiteralIndex = field(init=False, default_factory=dict)
    _literal_keys: frozenset[str] = field(init=False, default=frozenset())
    _head_keys: frozenset[str] = field(init=False, default=frozenset())
    _by_whole: dict[str, list[int]] = field(init=False, default_factory=dict)
    _whole_keys: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        spelled_other: set[tuple[str, int]] = set()
        katakana_only: set[tuple[str, int]] = set()
        first_chars: list[LazyPattern | None] = []  # by pattern, in order
        for index, rule in enumerate(self.rules):
            for phrase in rule.phrases:
                folded = fold(phrase)
                if folded:
                    if index not in self._owners.get(folded, ()):
                        self._owners.setdefault(folded, []).append(index)
                    if _KATAKANA_WORD_RE.fullmatch(phrase):
                        katakana_only.add((folded, index))
                    else:
                        spelled_other.add((folded, index))
            patterns = []
            for p in rule.patterns:
                # Parsed once, by the pack's validation (an invalid pattern fails with the
                # pack), for its gate and the beginnings of its matches; compiled on first use.
                folded_pattern, gate, starts = pattern_parts(p)
                patterns.append((LazyPattern(folded_pattern, FLAGS), gate))
                first_chars.append(None if starts is None else LazyPattern(starts))
            self._compiled.append(
                _Compiled(
                    id=rule.id,
                    patterns=tuple(patterns),
                    requires_any=tuple(fold(w) for w in rule.requires_any),
                    unless_any=tuple(fold(w) for w in rule.unless_any),
                    exclude=tuple(fold(w) for w in rule.exclude),
                    window=rule.window,
                    unless_next=tuple(fold(w) for w in rule.unless_next),
                )
            )
        self._katakana_only = frozenset(katakana_only - spelled_other)
        buckets: dict[str, list[str]] = {}
        for phrase in sorted(self._owners):
            if len(phrase) >= 2:
                buckets.setdefault(phrase[:2], []).append(phrase)
        # Each phrase with the bigrams it is made of after the first (the bucket's key): one
        # whose bigrams are not all in the caption cannot be in it, so it is not searched for.
        shared: dict[str, str] = {}
        self._buckets = {
            k: tuple((p, tail_bigrams(p, shared)) for p in v) for k, v in buckets.items()
        }
        self._bucket_keys = frozenset(self._buckets)  # intersected without a set per check
        self._singles = tuple(sorted(p for p in self._owners if len(p) == 1))
        ungated = []
        for index, compiled in enumerate(self._compiled):
            for pattern, gate in compiled.patterns:
                at = len(self._patterns)
                self._patterns.append((index, pattern, gate, first_chars[at]))
                if not gate:
                    ungated.append(at)
                    continue
                _, singles, enough, whole = gate[0]
                for head in enough:
                    self._by_head.setdefault(head, []).append(at)
                for literal in whole:
                    self._by_whole.setdefault(literal, []).append(at)
                for single in singles:
                    self._by_single.setdefault(single, []).append(at)
        self._ungated = tuple(ungated)
        # A frozenset: dict_keys & frozenset walks the caption's bigrams, this walks the keys.
        self._head_keys = frozenset(self._by_head)
        self._whole_keys = frozenset(self._by_whole)
        self._literals = literal_index(
            (w for _, _, gate, _ in self._patterns for *_, whole in gate for w in whole), shared
        )
        self._literal_keys = frozenset(self._literals)

    def phrase_fits(self, nt: NormalizedText, phrase: str, index: int, at: int) -> bool:
        """Whether ``phrase`` found at ``at`` in the kana view counts for rule ``index``: it
        does not end inside a syllable (りんち|ゃん), and a phrase the rule writes only in
        katakana is katakana in the caption or a hiragana word of its own."""
        end = at + len(phrase)
        if _splits_a_sound(nt.kana, end):
            return False
        return (phrase, index) not in self._katakana_only or _written_as_katakana_word(
            nt.text, at, end
        )

    def find(self, nt: NormalizedText) -> list[LexiconMatch]:
        """Every confirmed match, at most a few per rule, ordered by position."""
        kana, bigrams = nt.kana, nt.bigrams
        has_all = bigrams.issuperset
        spans: list[tuple[int, int, int]] = []
        phrases = [
            p
            for key in self._bucket_keys & bigrams
            for p, grams in self._buckets[key]
            if has_all(grams)
        ]
        phrases += [p for p in self._singles if p in kana]
        for phrase in phrases:
            owners = self._owners[phrase]
            at = kana.find(phrase)
            while at != -1:
                end = at + len(phrase)
                spans += [(at, end, i) for i in owners if self.phrase_fits(nt, phrase, i, at)]
                at = kana.find(phrase, at + 1)
        # For each set of literals a pattern needs, the caption must hold one (gate_open). The
        # longer literals the caption holds are found once for all patterns; the patterns whose
        # first set it passes are looked up from them, its bigrams and its single characters,
        # and only the other sets are asked of those.
        wanted = set(self._ungated)
        held = literals_held(self._literals, self._literal_keys, bigrams, kana)
        for head in self._head_keys & bigrams:
            wanted.update(self._by_head[head])
        for literal in self._whole_keys & held:
            wanted.update(self._by_whole[literal])
        for single, ats in self._by_single.items():
            if single in kana:
                wanted.update(ats)
        for at in wanted:
            index, pattern, gate, starts = self._patterns[at]
            if gate_open(gate[1:], bigrams, kana, held):
                found = scan(pattern.get(), None if starts is None else starts.get(), kana)
                spans += [(m.start(), m.end(), index) for m in found]
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


_KATAKANA_WORD_RE = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_HIRAGANA = frozenset(chr(c) for c in range(0x3041, 0x3097))
# A small kana belongs to the sound before it: a match that ends right before one (りんち|ゃん)
# cuts a syllable in two.
_SMALL_KANA = frozenset("ぁぃぅぇぉゃゅょゎゕゖ")
# One particle between a word and the phrase (カップルがいちゃいちゃ, 作品をばかに).
_PARTICLE_CHARS = frozenset("がはをにのともへでや")


def _splits_a_sound(kana: str, end: int) -> bool:
    return end < len(kana) and kana[end] in _SMALL_KANA and kana[end - 1] in _HIRAGANA


def _written_as_katakana_word(text: str, start: int, end: int) -> bool:
    """Where a katakana-only phrase matched: katakana in the caption, or hiragana that starts a
    word (after a non-kana character, or after one particle that follows one)."""
    segment = text[start:end]
    if _KATAKANA_WORD_RE.fullmatch(segment):
        return True
    if not all(c in _HIRAGANA or c == "ー" for c in segment):
        return False  # part katakana, part hiragana: ヤバかった
    before = text[max(0, start - 2) : start]
    if not before or before[-1] not in _HIRAGANA:
        return True
    if before[-1] in _PARTICLE_CHARS and (len(before) < 2 or before[0] not in _HIRAGANA):
        return True
    # ほんとばか。, まじばかじゃん: the word ends where the sentence or a copula does.
    return _WORD_END_RE.match(text, end) is not None


_WORD_END_RE = re.compile(
    r"$|[^\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff々]|じゃ|だ[。！!よねなろ]|です|でしょ"
    r"|やろ|すぎ|みたい|っぽ"
)


def _covered_by(kana: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """True if one of ``words`` occurs in ``kana`` around the whole span [start, end)."""
    return any(kana.find(w, max(0, end - len(w)), start + len(w)) != -1 for w in words)


# Where a sentence ends in the kana view (NFKC has made ！ and ？ ASCII); a line break ends one too.
SENTENCE_ENDS = "。!?\n"


def _last_end(kana: str, lo: int, start: int) -> int:
    """The position of the last sentence end in kana[lo:start], or -1."""
    return max(kana.rfind(c, lo, start) for c in SENTENCE_ENDS)


def _first_end(kana: str, lo: int, hi: int) -> int:
    """The position of the first sentence end in kana[lo:hi], or -1."""
    found = [at for c in SENTENCE_ENDS if (at := kana.find(c, lo, hi)) != -1]
    return min(found) if found else -1


def framed_context(kana: str, start: int, end: int, window: int) -> str:
    """Up to ``window`` characters either side of kana[start:end], from the start of the
    sentence before it (a heading or a topic sentence frames what follows: 【歴史講座】, ドローン
    撮影には許可が必要です。) to the end of its own sentence: what the NEXT sentence says does not
    cancel this one (…さらしておきますね。歴史をたどる散策マップは…). Reads at most 2 * ``window``
    characters beside the span."""
    lo = max(0, start - window)
    hi = min(len(kana), end + window)
    right = _first_end(kana, end, hi)
    # a hashtag line cut after a particle reads on past its line break (lines.py)
    while right != -1 and continues_past(kana, right):
        right = _first_end(kana, right + 1, hi)
    left = _last_end(kana, lo, start)
    while left != -1 and continues_past(kana, left):
        left = _last_end(kana, lo, left)
    if left != -1:
        while left > lo and kana[left - 1] in SENTENCE_ENDS:  # 。\n, ！！ or a blank line: one end
            left -= 1
        before = _last_end(kana, lo, left)
        lo = before + 1 if before != -1 else lo
    return kana[lo : right if right != -1 else hi]


def _confirmed(kana: str, start: int, end: int, rule: _Compiled) -> bool:
    if rule.exclude and _covered_by(kana, start, end, rule.exclude):
        return False
    if not (rule.requires_any or rule.unless_any or rule.unless_next):
        return True
    # What confirms a match may stand in a neighbouring sentence (the person or the plan named
    # before: 〇〇ハウスの営業、…。あれは詐欺会社やけ), so requires_any reads the whole window;
    # what cancels one reads only its sentence and the one before (framed_context), except the
    # words a rule marks as cancelling from the next sentence too (unless_next: the window).
    around = kana[max(0, start - rule.window) : end + rule.window]
    if rule.requires_any and not any(w in around for w in rule.requires_any):
        return False
    if rule.unless_next and any(w in around for w in rule.unless_next):
        return False
    if not rule.unless_any:
        return True
    context = framed_context(kana, start, end, rule.window)
    return not any(w in context for w in rule.unless_any)
