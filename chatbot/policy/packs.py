"""Policy packs: YAML files of rules that cite a guideline's clauses, with `extends` and versions.

A pack file is read with ``yaml.compose`` so that every problem can name its file and line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from chatbot.policy.pack_schema import (
    Issue,
    Located,
    check_file_keys,
    check_rule,
    load_located,
)

BUILTIN_DIR = Path(__file__).parent / "packs"
_MERGED_SECTIONS = ("limits", "media", "links", "pii")
_ALLOW_KEYS = ("phones", "emails", "addresses", "names", "domains", "mentions")


class PackError(Exception):
    """A pack cannot be found, parsed or resolved; ``issues`` says where."""

    def __init__(self, message: str, issues: Sequence[Issue] = ()) -> None:
        super().__init__(message if not issues else "\n".join(str(i) for i in issues))
        self.issues = tuple(issues)


@dataclass(frozen=True)
class Text:
    """A text a person reads, in Japanese and English."""

    ja: str
    en: str


@dataclass(frozen=True)
class Rule:
    """One rule of a pack; detector-specific settings stay in ``settings``."""

    id: str
    category: str
    severity: str
    clause: str
    clause_text: str
    detector: str
    message: Text
    suggestion: Text
    settings: dict[str, Any]

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.settings.get(key) or ()
        return tuple(str(v) for v in value)


@dataclass(frozen=True)
class Pack:
    """A resolved pack: its own settings merged over everything it extends."""

    name: str
    title: str
    version: str
    source: str
    rules: tuple[Rule, ...]
    allow: dict[str, tuple[str, ...]]
    sections: dict[str, dict[str, Any]]

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})


def builtin_names(extra_dirs: Iterable[Path] = ()) -> list[str]:
    """Names of the concrete packs shipped with shonin plus those in the office's directories."""
    names: set[str] = set()
    for directory in (BUILTIN_DIR, *extra_dirs):
        for path in sorted(Path(directory).glob("*.yml")):
            if path.stem != "base":
                names.add(path.stem)
    return sorted(names)


def find_pack_file(
    ref: str, extra_dirs: Sequence[Path] = (), relative_to: Path | None = None
) -> Path:
    """Turn a pack name or path into a file; office directories win over built-in packs."""
    candidate = Path(ref)
    if candidate.suffix in (".yml", ".yaml"):
        if relative_to is not None and not candidate.is_absolute():
            candidate = relative_to / candidate
        if candidate.is_file():
            return candidate
        raise PackError(f"pack file not found: {candidate}")
    search = [*(Path(d) for d in extra_dirs), BUILTIN_DIR]
    if relative_to is not None:
        search.insert(0, relative_to)
    for directory in search:
        path = directory / f"{ref}.yml"
        if path.is_file():
            return path
    raise PackError(f"unknown pack: {ref}")


def _merge_rule(base: Located, override: Located) -> Located:
    merged = Located(base, file=base.file, line=base.line, lines=dict(base.lines))
    merged.key_files = dict(getattr(base, "key_files", {}))
    for key, value in override.items():
        merged[key] = value
        merged.lines[key] = override.lines.get(key, override.line)
        merged.key_files[key] = override.file
    return merged


def _merge(parent: dict[str, Any], child: Located) -> dict[str, Any]:
    out: dict[str, Any] = {"name": child.get("name"), "title": child.get("title", "")}
    allow: dict[str, list[str]] = {k: list(v) for k, v in parent.get("allow", {}).items()}
    for key, values in (child.get("allow") or {}).items():
        allow.setdefault(key, [])
        allow[key] += [str(v) for v in values or () if str(v) not in allow[key]]
    out["allow"] = allow
    for section in _MERGED_SECTIONS:
        out[section] = {**parent.get(section, {}), **(child.get(section) or {})}
    rules: dict[str, Located] = dict(parent.get("rules", {}))
    for rule in child.get("rules") or ():
        if not isinstance(rule, Located) or "id" not in rule:
            continue
        rid = str(rule["id"])
        rules[rid] = _merge_rule(rules[rid], rule) if rid in rules else rule
    for rid in child.get("disable") or ():
        rules.pop(str(rid), None)
    out["rules"] = rules
    out["abstract"] = bool(child.get("abstract", False))
    return out


def _resolve(
    path: Path, extra_dirs: Sequence[Path], seen: tuple[Path, ...], issues: list[Issue]
) -> dict[str, Any]:
    if path.resolve() in seen:
        issues.append(Issue(str(path), 1, "extends", "circular extends"))
        return {}
    try:
        data = load_located(path)
    except (OSError, yaml.YAMLError) as exc:
        issues.append(
            Issue(
                str(path), getattr(getattr(exc, "problem_mark", None), "line", 0) + 1, "", str(exc)
            )
        )
        return {}
    issues.extend(check_file_keys(data))
    parent: dict[str, Any] = {}
    if data.get("extends"):
        try:
            parent_path = find_pack_file(str(data["extends"]), extra_dirs, relative_to=path.parent)
        except PackError as exc:
            issues.append(Issue(str(path), data.lines.get("extends", 1), "extends", str(exc)))
        else:
            parent = _resolve(parent_path, extra_dirs, (*seen, path.resolve()), issues)
    return _merge(parent, data)


def _fingerprint(resolved: dict[str, Any]) -> str:
    plain = {**resolved, "rules": [dict(r) for r in resolved["rules"].values()]}
    blob = json.dumps(plain, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


def _text(value: Any) -> Text:
    value = value if isinstance(value, dict) else {}
    return Text(ja=str(value.get("ja", "")), en=str(value.get("en", "")))


_RULE_FIELDS = ("id", "category", "severity", "clause", "clause_text", "detector")


def _build_rule(raw: Located) -> Rule:
    fields = {k: str(raw.get(k, "")) for k in _RULE_FIELDS}
    settings = {k: v for k, v in raw.items() if k not in (*_RULE_FIELDS, "message", "suggestion")}
    return Rule(
        **fields,
        message=_text(raw.get("message")),
        suggestion=_text(raw.get("suggestion")),
        settings=settings,
    )


def resolve_pack(ref: str, extra_dirs: Sequence[Path] = ()) -> tuple[Pack | None, list[Issue]]:
    """Load ``ref`` (name or path) with everything it extends; return the pack and all issues."""
    path = find_pack_file(ref, extra_dirs)
    issues: list[Issue] = []
    resolved = _resolve(path, extra_dirs, (), issues)
    if not resolved:
        return None, issues
    abstract = bool(resolved.get("abstract"))
    for rule in resolved["rules"].values():
        issues.extend(check_rule(rule, complete=not abstract))
    if not resolved.get("name"):
        issues.append(Issue(str(path), 1, "name", "missing pack name"))
    pack = Pack(
        name=str(resolved.get("name") or path.stem),
        title=str(resolved.get("title") or ""),
        version=_fingerprint(resolved),
        source=str(path),
        rules=tuple(_build_rule(r) for r in resolved["rules"].values()),
        allow={k: tuple(resolved["allow"].get(k, ())) for k in _ALLOW_KEYS},
        sections={s: dict(resolved.get(s, {})) for s in _MERGED_SECTIONS},
    )
    return pack, issues


def load_pack(ref: str, extra_dirs: Sequence[Path] = ()) -> Pack:
    """Load a pack for checking; any lint issue makes it unusable."""
    pack, issues = resolve_pack(ref, extra_dirs)
    if issues or pack is None:
        raise PackError(f"invalid pack: {ref}", issues)
    return pack


def lint_pack(ref: str, extra_dirs: Sequence[Path] = ()) -> list[Issue]:
    """Every problem in a pack (and what it extends), each naming file, line and key."""
    try:
        _, issues = resolve_pack(ref, extra_dirs)
    except PackError as exc:
        return [Issue(ref, 0, "", str(exc))]
    return issues
