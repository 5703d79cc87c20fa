"""Which language to write to a Slack user in: the configuration, else their Slack locale."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
CACHE_SIZE = 2000


class Locales:
    """``users.info`` with ``include_locale``, cached per user; the config wins when it says."""

    def __init__(self, client: AsyncWebClient, configured: Mapping[str, str], default: str) -> None:
        self.client = client
        self.configured = configured
        self.default = default
        self._cache: dict[str, str] = {}

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
        code = str(user.get("locale") or "").lower()
        if code.startswith("ja"):
            return "ja"
        if code.startswith("en"):
            return "en"
        return self.default
