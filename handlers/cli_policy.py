"""`shonin check` and `shonin policy lint|list`: the policy engine on the command line.

Exit codes: 0 pass, 1 warn, 2 block, 64 usage error, 65 unreadable input, 70 internal error of
the checker (sysexits.h): an error is never a verdict.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TextIO, TypeVar
from zoneinfo import ZoneInfo

from chatbot.i18n import t
from chatbot.policy.detectors.media import is_readable_image, sniff
from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import PackError, builtin_names, lint_pack, load_pack
from chatbot.policy.types import CheckResult, Finding, MediaBlob
from chatbot.text import clean_text
from handlers.cli_texts import io_reason, lint_text
from handlers.cli_usage import EX_USAGE, datetime_argument_error

EXIT_CODES = {"pass": 0, "warn": 1, "block": 2}
EX_DATAERR = 65
EX_SOFTWARE = 70
_JST = ZoneInfo("Asia/Tokyo")
_CONTEXT = 20
_TEXTS: dict[str, dict[str, str]] = {
    "ja": {
        "block": "要修正", "warn": "要確認", "info": "参考", "pass": "問題なし",
        "verdict": "判定", "pack": "ポリシー", "clause": "条項", "image": "画像",
        "unknown_account": "アカウント {0} は登録されていません。",
        "bad_pack": "ポリシー {0} を読み込めません: {1}",
        "unreadable": "{0} を読み込めません: {1}",
        "not_utf8": "{0} は UTF-8 のテキストではありません。UTF-8 で保存してください。",
        "stdin": "標準入力",
        "not_image": "{0} は画像として読み込めません{1}。",
        "lint_ok": "問題ありません: {0} (版 {1})",
    },
    "en": {
        "block": "must fix", "warn": "please check", "info": "note", "pass": "no findings",
        "verdict": "Verdict", "pack": "Policy", "clause": "clause", "image": "image",
        "unknown_account": "Account {0} is not configured.",
        "bad_pack": "Cannot load policy {0}: {1}",
        "unreadable": "Cannot read {0}: {1}",
        "not_utf8": "{0} is not UTF-8 text; save it as UTF-8.",
        "stdin": "standard input",
        "not_image": "{0} cannot be read as an image{1}.",
        "lint_ok": "No problems: {0} (version {1})",
    },
}  # fmt: skip
_COLOURS = {"block": "\033[1;31m", "warn": "\033[1;33m", "info": "\033[36m", "pass": "\033[32m"}
_RESET = "\033[0m"
_HIGHLIGHT = "\033[7m"
_P = TypeVar("_P", bound=argparse.ArgumentParser)


def _t(lang: str, key: str, *args: object) -> str:
    return _TEXTS.get(lang, _TEXTS["ja"])[key].format(*args)


def add_check_parser(subparsers: argparse._SubParsersAction[_P]) -> None:
    """Register `shonin check`."""
    parser = subparsers.add_parser(
        "check",
        help="投稿案をポリシーチェックする / check a draft against a policy pack",
        description="Check a caption (FILE or stdin) and images against an account's policy pack.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--account", metavar="ID", help="use this account's pack")
    which.add_argument("--pack", metavar="NAME|PATH", help="a built-in pack name or a YAML file")
    parser.add_argument("--media", metavar="FILE", nargs="+", action="extend", default=[])
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=("ja", "en"), help="default: the configured locale")
    parser.add_argument(
        "--publish-at",
        metavar="ISO",
        type=_publish_time,
        help="scheduled publish time (e.g. 2026-12-10T09:00); dates are checked against it",
    )
    parser.add_argument("file", metavar="FILE", nargs="?", default="-", help="caption file or -")


def _publish_time(value: str) -> datetime:
    """An ISO date or date-time; without an offset it is Japan time."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise datetime_argument_error(value) from exc
    return when if when.tzinfo else when.replace(tzinfo=_JST)


def _read_caption(name: str, stdin: TextIO, lang: str) -> str:
    """The caption as UTF-8 (a leading BOM dropped), whatever the locale says about stdin."""
    if name == "-":
        raw = getattr(stdin, "buffer", None)  # real stdin: bytes; a test's StringIO: text
        if raw is None:
            return stdin.read().removeprefix("\ufeff")
        data, shown = raw.read(), _t(lang, "stdin")
    else:
        data, shown = Path(name).read_bytes(), name
    try:
        return bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(_t(lang, "not_utf8", shown)) from exc


def _read_media(names: Sequence[str], lang: str) -> list[MediaBlob]:
    blobs = []
    for name in names:
        data = Path(name).read_bytes()
        if not is_readable_image(data):
            hidden = sniff(data)
            raise ValueError(_t(lang, "not_image", name, f" ({hidden})" if hidden else ""))
        blobs.append(MediaBlob(filename=Path(name).name, data=data))
    return blobs


def _shown(text: str) -> str:
    """Text from the input as one terminal-safe line: no escapes, controls or direction marks."""
    return clean_text(text.replace("\r", " ").replace("\n", " ⏎ "))


def _context(caption: str, f: Finding, colour: bool) -> str:
    before = _shown(caption[max(0, f.start - _CONTEXT) : f.start])
    after = _shown(caption[f.end : f.end + _CONTEXT])
    mark = (_HIGHLIGHT, _RESET) if colour else ("[[", "]]")
    return f"{before}{mark[0]}{_shown(caption[f.start : f.end])}{mark[1]}{after}"


def render_text(result: CheckResult, caption: str, lang: str, colour: bool) -> str:
    """A readable report: verdict, then each finding with severity word, clause and excerpt."""

    def paint(key: str, text: str) -> str:
        return f"{_COLOURS[key]}{text}{_RESET}" if colour else text

    head = _t(lang, result.verdict if result.findings else "pass")
    lines = [
        f"{_t(lang, 'verdict')}: {paint(result.verdict, head)}"
        f"  ({_t(lang, 'pack')}: {result.pack_name} {result.pack_version})"
    ]
    for f in result.findings:
        lines.append(
            f"- {paint(f.severity, '[' + _t(lang, f.severity) + ']')} "
            f"{_t(lang, 'clause')} {f.clause} {f.rule}: {_shown(f.message(lang))}"
        )
        if f.media_index is not None:
            lines.append(f"    {_t(lang, 'image')} {f.media_index + 1}: {_shown(f.excerpt)}")
        else:
            lines.append(f"    {_context(caption, f, colour)}")
        if f.suggestion(lang):
            lines.append(f"    → {_shown(f.suggestion(lang))}")
    return "\n".join(lines) + "\n"


def render_json(result: CheckResult, lang: str) -> str:
    """The machine-readable report (one JSON object)."""
    findings = [
        {
            "category": f.category,
            "rule": f.rule,
            "severity": f.severity,
            "clause": f.clause,
            "start": f.start,
            "end": f.end,
            "excerpt": f.excerpt,
            "message": f.message(lang),
            **({"media_index": f.media_index} if f.media_index is not None else {}),
        }
        for f in result.findings
    ]
    body = {
        "verdict": result.verdict,
        "pack": {"name": result.pack_name, "version": result.pack_version},
        "findings": findings,
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _use_colour(stdout: TextIO, no_color: bool) -> bool:
    isatty = getattr(stdout, "isatty", None)
    return bool(isatty and isatty()) and not no_color


def run_check(
    args: argparse.Namespace,
    account_packs: Mapping[str, str],
    default_pack: str,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    *,
    engine: PolicyEngine | None = None,
    no_color: bool | None = None,
) -> int:
    """Run `shonin check`; returns the exit code.

    Text output is coloured only on a terminal and unless ``no_color`` (``Settings.no_color``);
    None, like False, leaves colour on: this module never reads the environment itself.
    """
    lang = args.lang or "ja"
    if args.account is not None and args.account not in account_packs:
        stderr.write(_t(lang, "unknown_account", args.account) + "\n")
        return EX_USAGE
    pack = args.pack or (account_packs[args.account] if args.account else default_pack)
    try:
        caption = _read_caption(args.file, stdin, lang)
        media = _read_media(args.media, lang)
    except OSError as exc:
        name = exc.filename if isinstance(exc.filename, str) else args.file
        stderr.write(_t(lang, "unreadable", name, io_reason(exc, lang)) + "\n")
        return EX_DATAERR
    except UnicodeDecodeError:
        stderr.write(_t(lang, "not_utf8", args.file) + "\n")
        return EX_DATAERR
    except ValueError as exc:
        stderr.write(f"{exc}\n")
        return EX_DATAERR
    try:
        checker = engine or PolicyEngine()
        result = checker.check(pack, caption, media, publish_at=args.publish_at)
    except PackError as exc:
        stderr.write(_t(lang, "bad_pack", pack, lint_text(str(exc), lang)) + "\n")
        return EX_USAGE
    except Exception as exc:  # any failure of the checker: "not checked"
        stderr.write(t("policy.check_failed", lang, error=type(exc).__name__) + "\n")
        return EX_SOFTWARE
    if args.format == "json":
        stdout.write(render_json(result, lang))
    else:
        colour = _use_colour(stdout, bool(no_color))
        stdout.write(render_text(result, caption, lang, colour))
    return EXIT_CODES[result.verdict]


def add_policy_parser(subparsers: argparse._SubParsersAction[_P]) -> None:
    """Register `shonin policy lint <pack|path>` and `shonin policy list`."""
    parser = subparsers.add_parser("policy", help="ポリシーパック / policy packs")
    commands = parser.add_subparsers(dest="policy_command", metavar="{lint,list}", required=True)
    lint = commands.add_parser("lint", help="validate a pack (name or YAML path)")
    lint.add_argument("pack", metavar="PACK|PATH")
    lint.add_argument("--lang", choices=("ja", "en"), help="default: the configured locale")
    listing = commands.add_parser("list", help="list the built-in packs")
    listing.add_argument("--lang", choices=("ja", "en"), help="default: the configured locale")


def run_policy(
    args: argparse.Namespace,
    stdout: TextIO,
    stderr: TextIO,
    *,
    extra_pack_dirs: Sequence[Path] = (),
) -> int:
    """Run `shonin policy ...`; lint exits 1 when it finds problems, 64 for an unknown pack."""
    lang = getattr(args, "lang", None) or "ja"
    if args.policy_command == "list":
        for name in builtin_names(extra_pack_dirs):
            try:
                pack = load_pack(name, extra_pack_dirs)
            except PackError as exc:
                stderr.write(_t(lang, "bad_pack", name, lint_text(str(exc), lang)) + "\n")
                continue
            stdout.write(f"{pack.name}\t{pack.version}\t{pack.title}\n")
        return 0
    try:
        issues = lint_pack(args.pack, extra_pack_dirs)
        if not issues:
            pack = load_pack(args.pack, extra_pack_dirs)
    except PackError as exc:
        stderr.write(_t(lang, "bad_pack", args.pack, lint_text(str(exc), lang)) + "\n")
        return EX_USAGE
    if issues and issues[0].line == 0 and len(issues) == 1:
        stderr.write(_t(lang, "bad_pack", args.pack, lint_text(issues[0].message, lang)) + "\n")
        return EX_USAGE
    for issue in issues:
        shown = replace(issue, message=lint_text(issue.message, lang))
        stdout.write(f"{shown}\n")
    if issues:
        return 1
    stdout.write(_t(lang, "lint_ok", pack.name, pack.version) + "\n")
    return 0
