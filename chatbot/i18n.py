"""The message catalogue: every text a person reads, in Japanese (default) and English."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatbot.dates import format_datetime
from chatbot.i18n_absence import ABSENCE
from chatbot.i18n_catalogue import LABELS_AND_ERRORS
from chatbot.i18n_gate import GATE
from chatbot.i18n_help import HELP
from chatbot.i18n_language import LANGUAGE
from chatbot.i18n_messages import MESSAGES
from chatbot.i18n_policy2 import POLICY2
from chatbot.i18n_publishing import PUBLISHING
from chatbot.i18n_reminders import REMINDERS
from chatbot.i18n_serve import SERVE
from chatbot.i18n_slack import SLACK
from chatbot.i18n_teams import TEAMS

LOCALES = ("ja", "en")
CATALOGUE: dict[str, tuple[str, str]] = {
    **LABELS_AND_ERRORS,
    **MESSAGES,
    **HELP,
    **POLICY2,
    **PUBLISHING,
    **SLACK,
    **TEAMS,
    **GATE,
    **SERVE,
    **REMINDERS,
    **LANGUAGE,
    **ABSENCE,
}
DEFAULT_TZ = ZoneInfo("Asia/Tokyo")
_LABELLED_ARGS = {
    "state": "state",
    "action": "action",
    "role": "role",
    "severity": "severity",
    "verdict": "verdict",
    "decision": "decision",
}


def has(key: str) -> bool:
    return key in CATALOGUE


def t(
    key: str,
    locale: str = "ja",
    *,
    tz: ZoneInfo = DEFAULT_TZ,
    now: datetime | None = None,
    **args: Any,
) -> str:
    """Render ``key`` in ``locale``; datetimes in the account's timezone, labels localised."""
    entry = CATALOGUE.get(key)
    if entry is None:
        entry = CATALOGUE["error.domain"] if key.startswith("error.") else (key, key)
    if locale == "en" and args.get("count") == 1:
        entry = CATALOGUE.get(f"{key}.one", entry)  # "1 problem", not "1 problems"
    template = entry[1] if locale == "en" else entry[0]
    values = {name: _value(name, value, locale, tz, now) for name, value in args.items()}
    error = args.get("error")
    if isinstance(error, str) and error.startswith("publish.error.") and error in CATALOGUE:
        # a failed publish keeps the error's key: render it, with the other arguments, here
        rest = {name: value for name, value in args.items() if name != "error"}
        values["error"] = t(error, locale, tz=tz, now=now, **rest)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def label(kind: str, value: str, locale: str = "ja") -> str:
    # callers pass either the bare value ("pass") or the full key ("verdict.pass")
    key = value if value.startswith(f"{kind}.") else f"{kind}.{value}"
    entry = CATALOGUE.get(key)
    if entry is None:
        return value
    return entry[1] if locale == "en" else entry[0]


def _value(name: str, value: Any, locale: str, tz: ZoneInfo, now: datetime | None) -> Any:
    if isinstance(value, datetime):
        return format_datetime(value, tz=tz, locale=locale, now=now)
    if name in _LABELLED_ARGS and isinstance(value, str):
        return label(_LABELLED_ARGS[name], value, locale)
    if name == "reason_code" and isinstance(value, str):
        return label("reason", value, locale)
    return value
