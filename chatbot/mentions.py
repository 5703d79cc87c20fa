"""Mentions into user ids: each handler turns its platform's mention syntax into ``platform:id``.

The core (``/shonin`` and everything behind it) knows only platform-qualified user ids:
``slack:U0123ABCD``, ``teams:<AAD object id>``, ``console:officer``. A handler passes its own
``MentionStyle`` to ``normalise`` before calling ``run_slash``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from chatbot.domain.roles import is_user_id

MentionStyle = Callable[[str], str | None]  # one word -> a user id, or None if not a mention
_WORD = re.compile(r"\S+")


def normalise(line: str, style: MentionStyle) -> str:
    """Replace every word that is a mention by the user id; spacing and other words unchanged."""

    def one(match: re.Match[str]) -> str:
        user = style(match.group(0))
        return user if user is not None and is_user_id(user) else match.group(0)

    return _WORD.sub(one, line)


def pattern_style(pattern: re.Pattern[str], platform: str) -> MentionStyle:
    """A style from a regular expression whose first group is the platform's user id."""

    def style(word: str) -> str | None:
        found = pattern.fullmatch(word)
        return f"{platform}:{found.group(1)}" if found else None

    return style


def console_style(word: str) -> str | None:
    """The console's mentions: ``@officer`` is ``console:officer``."""
    if len(word) > 1 and word.startswith("@"):
        return f"console:{word[1:]}"
    return None
