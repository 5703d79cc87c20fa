"""Usage errors of the `shonin` command line in the chosen language, exiting 64 (EX_USAGE).

argparse words its errors in English and runs before the configuration is read, so the language
is taken beforehand from what can be known without it (``--lang``, ``SHONIN_LOCALE``, the
``[ui] locale`` of the config file) by :func:`usage_locale`, and argparse's messages are matched
here and said from the catalogue. A message no pattern knows is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from chatbot.i18n import LOCALES, t

EX_USAGE = 64
_state = {"locale": "ja"}

_ARGUMENT = re.compile(r"argument (?P<argument>.+?): (?P<message>.+)", re.S)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), key)
    for pattern, key in (
        (r"the following arguments are required: (?P<value>.+)", "argparse.required"),
        (r"unrecognized arguments: (?P<value>.+)", "argparse.unrecognized"),
        (r"one of the arguments (?P<value>.+) is required", "argparse.one_of_required"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "argparse.ambiguous"),
    )
)
_ARGUMENT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), key)
    for pattern, key in (
        (
            r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
            "argparse.invalid_choice",
        ),
        (r"invalid (?P<type>\w+) value: (?P<value>.+)", "argparse.invalid_value"),
        (r"expected one argument", "argparse.expected_one"),
        (r"expected at least one argument", "argparse.expected_some"),
        (r"not allowed with argument (?P<other>.+)", "argparse.not_allowed_with"),
    )
)


def set_usage_locale(locale: str) -> None:
    _state["locale"] = locale if locale in LOCALES else "ja"


def usage_locale(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language for usage errors, known before argparse and the settings have run."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return _known(arg.split("=", 1)[1])
        if arg == "--lang" and index + 1 < len(argv):
            return _known(argv[index + 1])
    if environ.get("SHONIN_LOCALE"):
        return _known(environ["SHONIN_LOCALE"])
    config = _config_path(argv, environ)
    try:
        with config.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, ValueError):
        return "ja"
    ui = data.get("ui")
    locale = ui.get("locale") if isinstance(ui, dict) else None
    return _known(locale) if isinstance(locale, str) else "ja"


def _config_path(argv: Sequence[str], environ: Mapping[str, str]) -> Path:
    for index, arg in enumerate(argv):
        if arg.startswith("--config="):
            return Path(arg.split("=", 1)[1])
        if arg == "--config" and index + 1 < len(argv):
            return Path(argv[index + 1])
    return Path(environ.get("SHONIN_CONFIG") or "shonin.toml")


def _known(locale: str) -> str:
    value = locale.strip().lower()[:2]
    return value if value in LOCALES else "ja"


def translate(message: str, locale: str) -> str:
    """argparse's English error ``message`` in ``locale`` (as written when no pattern knows it)."""
    if locale == "en":
        return message
    for pattern, key in _PATTERNS:
        if m := pattern.fullmatch(message):
            found_args: dict[str, Any] = m.groupdict()
            return t(key, locale, **found_args)
    if m := _ARGUMENT.fullmatch(message):
        argument, inner = m["argument"], m["message"]
        for pattern, key in _ARGUMENT_PATTERNS:
            if found := pattern.fullmatch(inner):
                values: dict[str, Any] = found.groupdict()
                if "type" in values:
                    values["type"] = t(f"argparse.type.{values['type']}", locale)
                return t(key, locale, argument=argument, **values)
        return t("argparse.other", locale, argument=argument, message=inner)
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter with the usage line's prefix in the chosen language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = t("argparse.usage", _state["locale"])
        super().add_usage(usage, actions, groups, prefix)


class UsageErrorParser(argparse.ArgumentParser):
    """An argparse parser whose usage errors exit 64 (EX_USAGE) instead of 2, which means block,
    and say the error in the chosen language.

    Build the top-level `shonin` parser with it and pass ``parser_class=UsageErrorParser`` to
    ``add_subparsers`` so that every sub-command inherits it.
    """

    def __init__(self, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "引数 / arguments"
        self._optionals.title = "オプション / options"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", help="このヘルプを表示 / show this help and exit"
            )

    def error(self, message: str) -> NoReturn:
        locale = _state["locale"]
        self.print_usage(sys.stderr)
        line = t("argparse.error", locale, prog=self.prog, message=translate(message, locale))
        self.exit(EX_USAGE, f"{line}\n")


def datetime_argument_error(value: str) -> argparse.ArgumentTypeError:
    """A bad ``--publish-at`` in the chosen language."""
    return argparse.ArgumentTypeError(t("argparse.bad_datetime", _state["locale"], value=value))
