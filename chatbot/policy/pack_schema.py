"""The shape of a pack file, and the checks that name file, line and key for every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from chatbot.policy.detectors.lexicon import pattern_parts
from chatbot.policy.types import CATEGORIES, SEVERITIES

PACK_KEYS = frozenset(
    {"name", "title", "extends", "abstract", "description", "allow", "disable", "rules"}
    | {"limits", "media", "links", "pii"}
)
ALLOW_KEYS = frozenset({"phones", "emails", "addresses", "names", "domains", "mentions"})
SECTION_KEYS: dict[str, frozenset[str]] = {
    "limits": frozenset(
        {"max_caption_chars", "max_hashtags", "warn_hashtags", "max_mentions", "allow_mentions"}
    ),
    "media": frozenset(
        {"max_bytes", "min_aspect", "max_aspect", "min_width", "max_width", "max_items"}
    ),
    "links": frozenset({"shorteners", "allow_http"}),
    "pii": frozenset({"detect_names"}),
}
RULE_KEYS = frozenset(
    {"id", "category", "severity", "clause", "clause_text", "detector", "message", "suggestion"}
)
LEXICON_KEYS = frozenset(
    {"phrases", "patterns", "requires_any", "unless_any", "unless_next", "window", "exclude"}
    | {"note"}
)
DETECTOR_KINDS: dict[str, frozenset[str]] = {
    "pii": frozenset(
        {"phone", "email", "postal_code", "address", "my_number", "birthdate", "person_name"}
        | {"age", "messenger_id", "address_unsure", "phone_unsure"}
        | {"email_unsure"}
    ),
    "links": frozenset(
        {"url_shortener", "url_not_allowed", "url_http", "url_ip_host", "url_punycode"}
        | {"url_userinfo"}
    ),
    "limits": frozenset(
        {"caption_too_long", "too_many_hashtags", "hashtags_over_recommended"}
        | {"too_many_mentions", "mention_not_allowed"}
    ),
    "media": frozenset(
        {"unreadable", "disguised", "extension_mismatch", "not_jpeg", "animated", "too_large"}
        | {"aspect_ratio", "width", "too_many_items", "gps", "location"}
    ),
    "accuracy": frozenset({"weekday_mismatch", "past_date", "impossible_date", "impossible_phone"}),
    # The learned second opinion: one kind per semantic category it scores.
    "model": frozenset(
        {"political", "religious", "commercial", "discrimination", "illegal", "obscenity"}
        | {"defamation", "misinformation", "confidential", "undecided", "personal_opinion"}
        | {"public_order", "pii"}
    ),
}
DETECTORS = frozenset({"lexicon", *DETECTOR_KINDS})


@dataclass(frozen=True)
class Issue:
    """One problem in a pack file."""

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class Located(dict[str, Any]):
    """A YAML mapping that remembers its file and the line of each key."""

    def __init__(
        self, data: Any = (), *, file: str = "", line: int = 0, lines: dict[str, int] | None = None
    ) -> None:
        super().__init__(data)
        self.file = file
        self.line = line
        self.lines: dict[str, int] = lines or {}
        self.key_files: dict[str, str] = {}

    def where(self, key: str) -> tuple[str, int]:
        return self.key_files.get(key, self.file), self.lines.get(key, self.line)


_SCALARS = yaml.constructor.SafeConstructor()


def _convert(node: yaml.Node, file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = Located(file=file, line=node.start_mark.line + 1)
        for key_node, value_node in node.value:
            key = str(_convert(key_node, file))
            out[key] = _convert(value_node, file)
            out.lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, file) for item in node.value]
    return _SCALARS.construct_object(node)


def load_located(path: Path) -> Located:
    """Read a pack file keeping line numbers (aliases and tags beyond YAML's core are refused)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=loader)
    data = _convert(node, str(path)) if node is not None else None
    if not isinstance(data, Located):
        raise yaml.YAMLError(f"{path}: a pack must be a mapping")
    return data


def _unknown(data: Located, allowed: frozenset[str], prefix: str) -> list[Issue]:
    return [
        Issue(data.file, data.lines.get(k, data.line), f"{prefix}{k}", "unknown key")
        for k in data
        if k not in allowed
    ]


def check_file_keys(data: Located) -> list[Issue]:
    """Unknown keys at pack level, in sections, and duplicate rule ids within one file."""
    issues = _unknown(data, PACK_KEYS, "")
    for section, keys in (("allow", ALLOW_KEYS), *SECTION_KEYS.items()):
        value = data.get(section)
        if value is None:
            continue
        if not isinstance(value, Located):
            issues.append(Issue(data.file, data.lines[section], section, "must be a mapping"))
            continue
        issues += _unknown(value, keys, f"{section}.")
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        return [*issues, Issue(data.file, data.lines["rules"], "rules", "must be a list")]
    seen: dict[str, int] = {}
    for rule in rules:
        if not isinstance(rule, Located):
            issues.append(Issue(data.file, data.lines["rules"], "rules", "rule must be a mapping"))
            continue
        rid = str(rule.get("id", ""))
        if rid in seen:
            issues.append(Issue(rule.file, rule.line, "id", f"duplicate rule id {rid!r}"))
        seen[rid] = rule.line
    return issues


def _issue(rule: Located, key: str, message: str) -> Issue:
    file, line = rule.where(key.split(".")[0])
    return Issue(file, line, f"rules[{rule.get('id', '?')}].{key}", message)


def _check_texts(rule: Located, complete: bool) -> list[Issue]:
    issues = []
    for key in ("message", "suggestion"):
        value = rule.get(key)
        if value is None and not complete:
            continue
        if not isinstance(value, dict):
            issues.append(_issue(rule, key, "needs ja and en texts"))
            continue
        issues += [
            _issue(rule, f"{key}.{lang}", "missing text")
            for lang in ("ja", "en")
            if not str(value.get(lang) or "").strip()
        ]
    return issues


def _check_lexicon(rule: Located) -> list[Issue]:
    issues = []
    for pattern in rule.get("patterns") or ():
        try:
            # Parsed as the lexicon runs it, once: the lexicon reuses the parts (pattern_parts).
            pattern_parts(str(pattern))
        except re.error as exc:
            issues.append(_issue(rule, "patterns", f"bad regex {pattern!r}: {exc}"))
    if not rule.get("phrases") and not rule.get("patterns"):
        issues.append(_issue(rule, "phrases", "a lexicon rule needs phrases or patterns"))
    window = rule.get("window", 30)
    if not isinstance(window, int) or window < 0:
        issues.append(_issue(rule, "window", "must be a non-negative integer"))
    return issues


def _check_detector(rule: Located) -> list[Issue]:
    detector = str(rule.get("detector", ""))
    if detector not in DETECTORS:
        return [_issue(rule, "detector", f"unknown detector {detector!r}")]
    if detector == "lexicon":
        extra = _unknown(rule, RULE_KEYS | LEXICON_KEYS, f"rules[{rule.get('id', '?')}].")
        return extra + _check_lexicon(rule)
    issues = _unknown(rule, RULE_KEYS | {"kinds"}, f"rules[{rule.get('id', '?')}].")
    kinds = rule.get("kinds") or []
    if not kinds:
        issues.append(_issue(rule, "kinds", "needs at least one kind"))
    for kind in kinds:
        if kind not in DETECTOR_KINDS[detector]:
            issues.append(_issue(rule, "kinds", f"unknown {detector} kind {kind!r}"))
    return issues


def check_rule(rule: Located, complete: bool) -> list[Issue]:
    """Problems in one resolved rule; ``complete`` requires clause and texts (concrete packs)."""
    issues = []
    if rule.get("category") not in CATEGORIES:
        issues.append(_issue(rule, "category", f"unknown category {rule.get('category')!r}"))
    if rule.get("severity") not in SEVERITIES:
        issues.append(_issue(rule, "severity", f"must be one of {', '.join(SEVERITIES)}"))
    if complete:
        issues += [
            _issue(rule, key, "missing")
            for key in ("clause", "clause_text")
            if not str(rule.get(key) or "").strip()
        ]
    return issues + _check_texts(rule, complete) + _check_detector(rule)
