"""Images attached to a Teams message, downloaded (with the bot's token), size- and type-checked.

Teams sends a channel's inline image as an ``image/*`` attachment whose ``contentUrl`` needs the
bot's token, and a file from a personal chat as a ``file.download.info`` attachment whose
``downloadUrl`` is pre-authorised. Anything else (the message's own HTML copy, cards) is skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput

log = logging.getLogger(__name__)
Token = Callable[[], Awaitable[str]]
MAX_BYTES = 8 * 1024 * 1024  # Instagram's limit for a JPEG
MAX_IMAGES = 10  # a carousel
DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
# The bot's token goes only to Microsoft's own hosts (never to a link some message carries).
TOKEN_HOSTS = (".botframework.com", ".skype.com", ".teams.microsoft.com", ".trafficmanager.net")
_MAGIC = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


class MediaFetcher:
    def __init__(self, token: Token | None, *, allow_http: bool = False) -> None:
        self.token = token
        self.allow_http = allow_http  # development only: loopback fakes speak plain http

    async def fetch(self, activity: Any) -> list[cmd.MediaUpload]:
        wanted = [w for a in activity.attachments or [] if (w := _wanted(a)) is not None]
        if len(wanted) > MAX_IMAGES:
            raise InvalidInput("teams.attachment.too_many", limit=MAX_IMAGES)
        uploads = []
        for index, (url, name, needs_token) in enumerate(wanted, 1):
            uploads.append(await self._download(url, name or f"image{index}", needs_token))
        return uploads

    async def _download(self, url: str, name: str, needs_token: bool) -> cmd.MediaUpload:
        if not (url.startswith("https://") or (self.allow_http and url.startswith("http://"))):
            raise InvalidInput("teams.attachment.unreadable", name=name[:80])
        headers = {}
        host = (urlsplit(url).hostname or "").lower()
        trusted = any(host.endswith(suffix) for suffix in TOKEN_HOSTS)
        if needs_token and trusted and self.token is not None:
            token = await self.token()
            if token:
                headers["Authorization"] = f"Bearer {token}"
        try:
            timeout = aiohttp.ClientTimeout(total=60)
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(url, headers=headers) as response,
            ):
                if response.status != 200:
                    raise InvalidInput("teams.attachment.unreadable", name=name[:80])
                if (response.content_length or 0) > MAX_BYTES:
                    raise _too_large(name)
                data = await response.content.read(MAX_BYTES + 1)
        except (aiohttp.ClientError, TimeoutError):
            log.warning("could not download a Teams attachment")
            raise InvalidInput("teams.attachment.unreadable", name=name[:80]) from None
        if len(data) > MAX_BYTES:
            raise _too_large(name)
        content_type = next((kind for magic, kind in _MAGIC.items() if data.startswith(magic)), "")
        if not content_type:
            raise InvalidInput("teams.attachment.bad_type", name=name[:80])
        return cmd.MediaUpload(name[:120], data, content_type)


def _too_large(name: str) -> InvalidInput:
    return InvalidInput("teams.attachment.too_large", name=name[:80], limit_mb=MAX_BYTES >> 20)


def _wanted(attachment: Any) -> tuple[str, str, bool] | None:
    kind = str(getattr(attachment, "content_type", "") or "")
    name = str(getattr(attachment, "name", "") or "")
    if kind.startswith("image/") and getattr(attachment, "content_url", None):
        return str(attachment.content_url), name, True
    content = getattr(attachment, "content", None)
    if kind == DOWNLOAD_INFO and isinstance(content, Mapping):
        file_type = str(content.get("fileType") or "").lower()
        if file_type in ("jpg", "jpeg", "png") and content.get("downloadUrl"):
            return str(content["downloadUrl"]), name, False
        raise InvalidInput("teams.attachment.bad_type", name=name[:80])
    return None
