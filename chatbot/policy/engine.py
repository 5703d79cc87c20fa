"""The policy engine: runs every detector of a pack over a caption and its images."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from chatbot.policy.aside import harmless_aside, self_deprecating
from chatbot.policy.detectors.accuracy import detect_accuracy
from chatbot.policy.detectors.hits import Hit
from chatbot.policy.detectors.lexicon import Lexicon, LexiconRule
from chatbot.policy.detectors.limits import LimitsConfig, detect_limits
from chatbot.policy.detectors.links import LinkConfig, detect_links
from chatbot.policy.detectors.media import MediaConfig, detect_media
from chatbot.policy.detectors.pii import PiiConfig, detect_pii
from chatbot.policy.model.second_opinion import model_findings
from chatbot.policy.normalize import NormalizedText, normalize
from chatbot.policy.packs import Pack, Rule, builtin_names, load_pack
from chatbot.policy.stance import warns_against
from chatbot.policy.types import CheckResult, Finding, MediaBlob

_RANK = {"block": 0, "warn": 1, "info": 2}
_MAX_PER_RULE = 20
_WARM_UP_CAPTION = (
    "山田太郎さん 090-1234-5678 https://bit.ly/x 投票してください #熊本 @someone"
    " taro [at] example [dot] com 12月5日(土)"
)


def _lower_set(values: Sequence[str]) -> frozenset[str]:
    return frozenset(v.lower().lstrip("@") for v in values)


@dataclass(frozen=True)
class _Compiled:
    """A pack with everything a check needs built once: lexicon, detector configs, kind map."""

    pack: Pack
    lexicon: Lexicon
    rules: dict[str, Rule]
    by_kind: dict[tuple[str, str], Rule]
    detectors: frozenset[str]  # the detectors some rule of the pack uses (by_kind's first keys)
    pii: PiiConfig
    links: LinkConfig
    limits: LimitsConfig
    warn_hashtags: int | None
    media: MediaConfig


def _compile(pack: Pack) -> _Compiled:
    lexicon_rules = [
        LexiconRule(
            id=r.id,
            phrases=r.strings("phrases"),
            patterns=r.strings("patterns"),
            requires_any=r.strings("requires_any"),
            unless_any=r.strings("unless_any"),
            unless_next=r.strings("unless_next"),
            exclude=r.strings("exclude"),
            window=int(r.settings.get("window", 30)),
        )
        for r in pack.rules
        if r.detector == "lexicon"
    ]
    by_kind = {
        (r.detector, k): r
        for r in pack.rules
        if r.detector != "lexicon"
        for k in r.strings("kinds")
    }
    allow = pack.allow
    links = pack.section("links")
    limits = pack.section("limits")
    link_kwargs = {"shorteners": tuple(links["shorteners"])} if "shorteners" in links else {}
    return _Compiled(
        pack=pack,
        lexicon=Lexicon(lexicon_rules),
        rules={r.id: r for r in pack.rules},
        by_kind=by_kind,
        detectors=frozenset(detector for detector, _ in by_kind),
        pii=PiiConfig(
            allow_phones=frozenset(allow["phones"]),
            allow_emails=frozenset(allow["emails"]),
            allow_addresses=tuple(allow["addresses"]),
            allow_names=frozenset(allow["names"]),
            detect_names=bool(pack.section("pii").get("detect_names", True)),
            allow_email_domains=tuple(allow["domains"]),
        ),
        links=LinkConfig(
            allow_domains=tuple(allow["domains"]),
            allow_http=bool(links.get("allow_http", False)),
            **link_kwargs,
        ),
        limits=LimitsConfig(
            max_caption_chars=int(limits.get("max_caption_chars", 2200)),
            max_hashtags=int(limits.get("max_hashtags", 30)),
            max_mentions=int(limits.get("max_mentions", 20)),
            allow_mentions=_lower_set(allow["mentions"]) if "mentions" in allow else None,
        ),
        warn_hashtags=int(limits["warn_hashtags"]) if "warn_hashtags" in limits else None,
        media=MediaConfig(**{k: v for k, v in pack.section("media").items()}),
    )


def _finding(
    rule: Rule,
    start: int,
    end: int,
    excerpt: str,
    index: int | None = None,
    kind: str = "",
    note: tuple[str, str] = ("", ""),
) -> Finding:
    """A finding of ``rule``; ``note`` (ja, en) adds what only this case says to the message."""
    finding = Finding(
        category=rule.category,
        rule=rule.id,
        severity=rule.severity,
        clause=rule.clause,
        start=start,
        end=end,
        excerpt=excerpt,
        message_ja=rule.message.ja,
        message_en=rule.message.en,
        suggestion_ja=rule.suggestion.ja,
        suggestion_en=rule.suggestion.en,
        clause_text=rule.clause_text,
        media_index=index,
        kind=kind,
    )
    if note[0]:
        finding = replace(
            finding,
            message_ja=f"{finding.message_ja}{note[0]}",
            message_en=f"{finding.message_en} {note[1]}",
        )
    return finding


def _limit_hits(nt: NormalizedText, compiled: _Compiled) -> list[Hit]:
    hits = detect_limits(nt, compiled.limits)
    soft = compiled.warn_hashtags
    # Every hashtag has its own "#": with no more of them than the soft cap, none is over it.
    marks = nt.original.count("#") + nt.original.count("＃")
    if soft is not None and marks > soft and not any(h.kind == "too_many_hashtags" for h in hits):
        # Over Instagram's display cap but under the API's hard cap: a separate, softer kind.
        relaxed = replace(compiled.limits, max_hashtags=soft, allow_mentions=None)
        hits += [
            replace(h, kind="hashtags_over_recommended")
            for h in detect_limits(nt, relaxed)
            if h.kind == "too_many_hashtags"
        ]
    return hits


def _text_findings(
    nt: NormalizedText, compiled: _Compiled, publish_at: datetime | None
) -> list[Finding]:
    detectors: list[tuple[str, Callable[[], list[Hit]]]] = [
        ("pii", lambda: detect_pii(nt, compiled.pii, publish_at.date() if publish_at else None)),
        ("links", lambda: detect_links(nt, compiled.links)),
        ("limits", lambda: _limit_hits(nt, compiled)),
    ]
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    for name, run in detectors:
        if name not in compiled.detectors:
            continue
        for hit in run():
            rule = compiled.by_kind.get((name, hit.kind))
            # A few findings per rule say everything; thousands would make the dedupe quadratic.
            if rule is not None and counts.get(rule.id, 0) < _MAX_PER_RULE:
                counts[rule.id] = counts.get(rule.id, 0) + 1
                findings.append(_finding(rule, hit.start, hit.end, hit.excerpt, kind=hit.kind))
    for match in compiled.lexicon.find(nt):
        rule = compiled.rules[match.rule_id]
        span = (nt.kana, match.kana_start, match.kana_end, rule.category)
        if warns_against(*span) or harmless_aside(*span):
            continue
        if self_deprecating(*span):
            continue
        findings.append(_finding(rule, match.start, match.end, match.excerpt))
    findings += _accuracy_findings(nt, compiled, publish_at)
    if "model" in compiled.detectors:
        findings += model_findings(nt, compiled.by_kind, findings, _finding)
    return findings


def _accuracy_findings(
    nt: NormalizedText, compiled: _Compiled, publish_at: datetime | None
) -> list[Finding]:
    if "accuracy" not in compiled.detectors:
        return []
    findings = []
    for found in detect_accuracy(nt, publish_at):
        rule = compiled.by_kind.get(("accuracy", found.hit.kind))
        if rule is not None:
            hit, note = found.hit, (found.note_ja, found.note_en)
            findings.append(
                _finding(rule, hit.start, hit.end, hit.excerpt, kind=hit.kind, note=note)
            )
    return findings


def _media_findings(media: Sequence[MediaBlob], compiled: _Compiled) -> list[Finding]:
    findings = []
    for hit in detect_media(media, compiled.media):
        rule = compiled.by_kind.get(("media", hit.kind))
        if rule is None:
            continue
        name = media[hit.index].filename if hit.index is not None else ""
        excerpt = f"{name} ({hit.detail})" if name else hit.detail
        findings.append(_finding(rule, 0, 0, excerpt, hit.index, hit.kind))
    return findings


def _dedupe(findings: list[Finding]) -> tuple[Finding, ...]:
    """Keep the most severe finding where several of one category cover the same text."""
    kept: list[Finding] = []
    for f in sorted(
        findings, key=lambda f: (_RANK.get(f.severity, 3), f.start, -(f.end - f.start))
    ):
        clash = any(
            (
                k.rule == f.rule
                and (k.start, k.end, k.media_index) == (f.start, f.end, f.media_index)
            )
            # Overlapping findings of one category say one thing, unless they are different
            # kinds of one detector (a caption too long and a mention not allowed).
            or (
                k.category == f.category
                and not (k.kind and f.kind and k.kind != f.kind)
                and k.start < f.end
                and f.start < k.end
            )
            for k in kept
        )
        if not clash:
            kept.append(f)
    kept.sort(key=lambda f: (f.media_index is not None, f.start, _RANK.get(f.severity, 3)))
    return tuple(kept)


class PolicyEngine:
    """Checks captions and images against a policy pack (built-in name or a YAML path)."""

    def __init__(self, extra_pack_dirs: Sequence[Path] = ()) -> None:
        self._dirs = tuple(Path(d) for d in extra_pack_dirs)
        self._cache: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _compiled(self, pack: str) -> _Compiled:
        compiled = self._cache.get(pack)
        if compiled is None:
            with self._lock:
                compiled = self._cache.get(pack)
                if compiled is None:
                    compiled = _compile(load_pack(pack, self._dirs))
                    self._cache[pack] = compiled
        return compiled

    def check(
        self,
        pack: str,
        caption: str,
        media: Sequence[MediaBlob] = (),
        *,
        publish_at: datetime | None = None,
    ) -> CheckResult:
        """Judge one draft; raises PackError if the pack is unknown or invalid.

        ``publish_at`` is the scheduled publish time: dates are checked against it (a past event
        date, the year of a date written without one; a birth a century before it is history).
        Without it the date checks are skipped and a birth is history if it is a century before
        the year the rules shipped: the machine's date never decides a verdict.
        """
        compiled = self._compiled(pack)
        findings = _text_findings(normalize(caption), compiled, publish_at)
        if media:
            findings += _media_findings(media, compiled)
        kept = _dedupe(findings)
        return CheckResult(
            verdict=CheckResult.verdict_of(kept),
            pack_name=compiled.pack.name,
            pack_version=compiled.pack.version,
            findings=kept,
        )

    def pack_version(self, pack: str) -> str:
        """The content hash of the resolved pack, as recorded in every result."""
        return self._compiled(pack).pack.version

    def clauses(self, pack: str) -> dict[str, str]:
        """The clauses the pack's rules cite, each with its text (the first rule's wording)."""
        found: dict[str, str] = {}
        for rule in self._compiled(pack).pack.rules:
            if rule.clause and rule.clause not in found:
                found[rule.clause] = rule.clause_text
        return found

    def pack_names(self) -> list[str]:
        """The packs this engine can load by name."""
        return builtin_names(self._dirs)

    def warm_up(self) -> None:
        """Load every named pack and the tokenizer now, so the first real check is fast."""
        for name in self.pack_names():
            self.check(name, _WARM_UP_CAPTION)
