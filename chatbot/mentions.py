"""Mentions into user ids: each handler turns its platform's mention syntax into ``platform:id``.

The core (``/shonin`` and everything behind it) knows only platform-qualified user ids:
``slack:U0123ABCD``, ``teams:<AAD object id>``, ``console:officer``. A handler passes its own
``MentionStyle`` to ``normalise`` before calling ``run_slash``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from chatbot.domain.roles import is_user_id, platform_of
from chatbot.ports import Text

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


# A Slack user id: U or W, then upper-case letters and digits (U0123ABCD, W012A3CDE).
SLACK_USER = re.compile(r"[UW][A-Z0-9]{1,31}")
# A Teams user as the core knows it: the Azure AD (Entra ID) object id, a GUID.
TEAMS_USER = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def role_holder_problem(user: str, known_console_users: Collection[str]) -> Text | None:
    """Why ``user`` may not be given a role, naming the form expected; None when it may.

    Console users exist only in the configuration; Slack and Teams ids must have their platform's
    shape, so that a typo never becomes a role nobody can use.
    """
    if not is_user_id(user):
        return Text("error.bad_user", {"user": user[:60]})
    platform, _, local = user.partition(":")
    if platform == "slack" and not SLACK_USER.fullmatch(local):
        return Text("error.role_user.slack", {"user": user[:60]})
    if platform == "teams" and not TEAMS_USER.fullmatch(local):
        return Text("error.role_user.teams", {"user": user[:60]})
    if platform_of(user) == "console" and user not in known_console_users:
        known = sorted(u for u in known_console_users if u.startswith("console:"))
        return Text("error.role_user.console", {"user": user[:60], "known": ", ".join(known)})
    return None
