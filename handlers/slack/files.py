"""Slack files into draft media: size and type checked, downloaded with the bot token.

The token is only ever sent to Slack's file hosts (or the host of SLACK_API_URL, for GovSlack
and the tests), over the URL Slack gave in the event; the bytes' own signature decides the type.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from chatbot.adapters.media_store import sniff
from chatbot.domain.commands import MediaUpload
from chatbot.domain.errors import InvalidInput

MAX_FILE_BYTES = 30 * 1024 * 1024  # as the core's upload bound; Instagram's 8 MB is a finding
MAX_FILES = 10  # an Instagram carousel
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic"})
SLACK_FILE_HOSTS = frozenset({"files.slack.com", "files.slack-gov.com"})


def allowed_hosts(api_url: str) -> frozenset[str]:
    host = urlsplit(api_url).hostname or ""
    return SLACK_FILE_HOSTS | ({host} if host else set())


class FileFetcher:
    def __init__(self, session: aiohttp.ClientSession, token: str, hosts: Collection[str]) -> None:
        self.session = session
        self._token = token
        self.hosts = frozenset(hosts)

    async def fetch_all(self, files: Sequence[Mapping[str, Any]]) -> tuple[MediaUpload, ...]:
        if len(files) > MAX_FILES:
            raise InvalidInput("slack.too_many_files", limit=MAX_FILES)
        for info in files:
            check_file(info)
        return tuple([await self.fetch(info) for info in files])

    async def fetch(self, info: Mapping[str, Any]) -> MediaUpload:
        name = str(info.get("name") or info.get("id") or "image")[:200]
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or parts.hostname not in self.hosts:
            raise InvalidInput("slack.file_unreachable", file=name)
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            async with self.session.get(url, headers=headers, allow_redirects=False) as response:
                if response.status != 200:
                    raise InvalidInput("slack.file_unreachable", file=name)
                data = await _read_bounded(response, name)
        except aiohttp.ClientError:
            raise InvalidInput("slack.file_unreachable", file=name) from None
        content_type, _ = sniff(data)
        if not content_type.startswith("image/"):
            raise InvalidInput("slack.file_not_image", file=name)
        return MediaUpload(name, data, content_type)


def check_file(info: Mapping[str, Any]) -> None:
    """What Slack tells about the file, before downloading anything."""
    name = str(info.get("name") or info.get("id") or "file")[:200]
    size = info.get("size")
    if isinstance(size, int) and size > MAX_FILE_BYTES:
        raise InvalidInput("error.media_too_large", file=name)
    mimetype = str(info.get("mimetype") or "")
    if mimetype and mimetype not in IMAGE_TYPES:
        raise InvalidInput("slack.file_not_image", file=name)


async def _read_bounded(response: aiohttp.ClientResponse, name: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise InvalidInput("error.media_too_large", file=name)
        chunks.append(chunk)
    return b"".join(chunks)
