"""Command-line texts in the chosen language: file errors and `shonin policy lint` problems.

The pack checker (`chatbot.policy.pack_schema`) words its problems in English; they are matched
here and said from the catalogue (`chatbot.i18n_language`), so `--lang ja` (or
``SHONIN_LOCALE=ja``) reads Japanese. A problem no pattern knows is shown as written.
"""

from __future__ import annotations

import errno
import re
from typing import Any

from chatbot.i18n import t

_LINT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"unknown key", "lint.unknown_key"),
        (r"must be a mapping", "lint.mapping"),
        (r"must be a list", "lint.list"),
        (r"rule must be a mapping", "lint.rule_mapping"),
        (r"duplicate rule id (?P<value>.+)", "lint.duplicate_id"),
        (r"needs ja and en texts", "lint.needs_texts"),
        (r"missing text", "lint.missing_text"),
        (r"bad regex (?P<value>.+?): (?P<detail>.+)", "lint.bad_regex"),
        (r"a lexicon rule needs phrases or patterns", "lint.needs_phrases"),
        (r"must be a non-negative integer", "lint.non_negative"),
        (r"unknown detector (?P<value>.+)", "lint.unknown_detector"),
        (r"needs at least one kind", "lint.needs_kind"),
        (r"unknown (?P<detector>\w+) kind (?P<value>.+)", "lint.unknown_kind"),
        (r"unknown category (?P<value>.+)", "lint.unknown_category"),
        (r"must be one of (?P<value>.+)", "lint.one_of"),
        (r"missing", "lint.missing"),
        (r"circular extends", "lint.circular"),
        (r"missing pack name", "lint.missing_name"),
        (r"pack file not found: (?P<value>.+)", "lint.file_not_found"),
        (r"unknown pack: (?P<value>.+)", "lint.unknown_pack"),
        (r"invalid pack: (?P<value>.+)", "lint.invalid_pack"),
    )
)


def lint_text(message: str, lang: str) -> str:
    """A pack problem (as the checker words it) in ``lang``."""
    for pattern, key in _LINT:
        if m := pattern.fullmatch(message):
            args: dict[str, Any] = m.groupdict()
            return t(key, lang, **args)
    return message


def io_reason(error: OSError, lang: str) -> str:
    """Why a file could not be read, in ``lang`` (no Python exception text)."""
    if isinstance(error, FileNotFoundError):
        return t("io.not_found", lang)
    if isinstance(error, PermissionError):
        return t("io.permission", lang)
    if isinstance(error, IsADirectoryError):
        return t("io.is_directory", lang)
    detail = errno.errorcode.get(error.errno or 0, type(error).__name__)
    return t("io.other", lang, error=detail)
