"""Which language to write to a Slack user in: the configuration, else their Slack locale."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from handlers.people import Directory

log = logging.getLogger(__name__)
CACHE_SIZE = 2000


class Locales:
    """``users.info`` with ``include_locale``, cached per user; the config wins when it says."""

    def __init__(self, client: AsyncWebClient, configured: Mapping[str, str], default: str) -> None:
        self.client = client
        self.configured = configured
        self.default = default
        self._cache: dict[str, str] = {}
        # Where the display names users.info gives are recorded for the other platforms' cards
        # (set once the core exists).
        self.directory: Directory | None = None

    async def of(self, user: str) -> str:
        """``user`` is platform-qualified (``slack:U…``) or a bare Slack id."""
        qualified = user if user.startswith("slack:") else f"slack:{user}"
        if qualified in self.configured:
            return self.configured[qualified]
        if not qualified.startswith("slack:"):
            return self.default
        if qualified in self._cache:
            return self._cache[qualified]
        locale = await self._ask(qualified.removeprefix("slack:"))
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[qualified] = locale
        return locale

    async def _ask(self, user_id: str) -> str:
        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            log.info(
                "users.info failed for a user (%s); using the default language",
                error.response.get("error"),
            )
            return self.default
        except Exception:
            log.warning("users.info unreachable; using the default language")
            return self.default
        user = response.get("user") or {}
        await self._record_name(user_id, user)
        code = str(user.get("locale") or "").lower()
        if code.startswith("ja"):
            return "ja"
        if code.startswith("en"):
            return "en"
        return self.default

    async def _record_name(self, user_id: str, user: Mapping[str, object]) -> None:
        """Keep the person's Slack display name for Teams cards; never fails the look-up."""
        if self.directory is None:
            return
        profile = user.get("profile")
        fields = profile if isinstance(profile, Mapping) else {}
        name = next(
            (
                str(value)
                for value in (
                    fields.get("display_name"),
                    fields.get("real_name"),
                    user.get("real_name"),
                    user.get("name"),
                )
                if value
            ),
            "",
        )
        try:
            await self.directory.remember(f"slack:{user_id}", name)
        except Exception:
            log.warning("could not record a Slack display name", exc_info=True)
