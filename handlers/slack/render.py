"""Catalogue texts as Slack mrkdwn: people's text escaped, Slack users as mentions."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatbot.i18n import DEFAULT_TZ, t
from chatbot.ports import Text

_SLACK_USER = re.compile(r"^slack:([UW][A-Z0-9]{2,30})$")


def escape(text: str) -> str:
    """Slack's three control characters; stops a caption from pinging <!channel>."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def person(user: str) -> str:
    """A Slack user as a mention, any other platform's id as written."""
    found = _SLACK_USER.match(user)
    return f"<@{found.group(1)}>" if found else escape(user)


def _arg(value: Any) -> Any:
    if isinstance(value, str):
        return person(value)
    return value


def say(
    key: str,
    locale: str,
    *,
    tz: ZoneInfo = DEFAULT_TZ,
    now: datetime | None = None,
    **args: Any,
) -> str:
    """The catalogue entry as mrkdwn."""
    return t(key, locale, tz=tz, now=now, **{name: _arg(v) for name, v in args.items()})


def plain(key: str, locale: str, **args: Any) -> str:
    """The catalogue entry as plain text (headers, buttons, modal titles)."""
    return t(key, locale, **args)


def text(value: Text, locale: str, tz: ZoneInfo = DEFAULT_TZ, now: datetime | None = None) -> str:
    return say(value.key, locale, tz=tz, now=now, **value.args)


def clip(value: str, limit: int, note: str = "…") -> str:
    """At most ``limit`` characters, ending with ``note`` when cut."""
    if len(value) <= limit:
        return value
    return value[: max(0, limit - len(note))] + note
