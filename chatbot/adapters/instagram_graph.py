"""The Instagram Graph API publisher (aiohttp): the resumable protocol of ``InstagramPublisher``.

Works with the Facebook-Login host (``https://graph.facebook.com``) and the Instagram-Login host
(``https://graph.instagram.com``). Tokens are given by the bootstrap (read from the environment
by the settings layer) and sent only in the ``Authorization`` header, so that no URL, log line,
error text or database row ever holds one.
"""

from __future__ import annotations

import asyncio
import json
import unicodedata
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp
from yarl import URL

from chatbot.adapters.graph_errors import from_exception, from_response, no_token
from chatbot.domain.roles import Account
from chatbot.ports import (
    Clock,
    ContainerStatus,
    LiveSearch,
    MediaStore,
    PublishError,
    PublishRequest,
    Quota,
    Recovery,
    TokenHealth,
)

DEFAULT_BASE = "https://graph.facebook.com/v21.0"
URL_LIFETIME = timedelta(hours=24)  # a container must be published within 24 hours anyway
CHILD_POLLS = (0.5, 1.0, 2.0, 4.0)
CONNECTIONS = 1000  # to the Graph API, per process (by default; one per post in flight)
CLOCK_SKEW = timedelta(minutes=1)  # between this server's clock and Instagram's timestamps
MATCH_PAGES = 4  # pages of 50 recent posts read when looking for a live post's media id


def normalised_caption(caption: str) -> str:
    """A caption as compared with what Instagram gives back: NFC, LF line ends, no trailing
    spaces on lines or at the ends, and no "@" (the API drops it from captions unless the app
    user may act as an admin of the account)."""
    text = unicodedata.normalize("NFC", caption).replace("\r\n", "\n").replace("\r", "\n")
    lines = (line.rstrip() for line in text.replace("@", "").split("\n"))
    return "\n".join(lines).strip()


class _Tokens:
    """Account id -> token; shows nothing of them in repr."""

    def __init__(self, tokens: Mapping[str, str]) -> None:
        self._tokens = dict(tokens)
        self._headers: dict[tuple[str, str], Mapping[str, str]] = {}

    def get(self, account_id: str) -> str:
        return self._tokens.get(account_id, "")

    def headers(self, account_id: str, method: str) -> Mapping[str, str]:
        """The request headers for the account's token (made once per account and method)."""
        key = (account_id, method)
        found = self._headers.get(key)
        if found is None:
            headers = {"Authorization": f"Bearer {self.get(account_id)}"}
            if method != "GET":
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            self._headers[key] = found = MappingProxyType(headers)
        return found

    def __repr__(self) -> str:
        return "_Tokens(***)"


class GraphPublisher:
    def __init__(
        self,
        base_url: str,
        tokens: Mapping[str, str],
        media: MediaStore,
        clock: Clock,
        *,
        token_envs: Mapping[str, str] | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        debug_token: bool | None = None,
        connections: int = CONNECTIONS,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        # The Instagram-Login host (graph.instagram.com) has no debug_token endpoint.
        host = urlsplit(self.base_url).hostname
        self.debug_token = host != "graph.instagram.com" if debug_token is None else debug_token
        self._tokens = _Tokens(tokens)
        self._envs = dict(token_envs or {})
        self.media = media
        self.clock = clock
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._sleep = sleep
        self._session: aiohttp.ClientSession | None = None
        self._base = str(URL(self.base_url))  # parsed and encoded once
        self._connections = max(connections, 1)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    # --- the protocol ------------------------------------------------------------------------

    async def create_container(self, request: PublishRequest) -> str:
        account = request.account
        if len(request.media) == 1:
            data = {"image_url": self._url(request.media[0].key), "caption": request.caption}
            return str(
                (await self._call(account, "POST", f"{self._user(account)}/media", data))["id"]
            )
        items = [await self.create_carousel_item(request, n) for n in range(len(request.media))]
        return await self.create_carousel(request, items)

    async def create_carousel_item(self, request: PublishRequest, index: int) -> str:
        account = request.account
        data = {"image_url": self._url(request.media[index].key), "is_carousel_item": "true"}
        child = str((await self._call(account, "POST", f"{self._user(account)}/media", data))["id"])
        await self._wait_child(request, child)
        return child

    async def create_carousel(self, request: PublishRequest, items: Sequence[str]) -> str:
        account = request.account
        data = {"media_type": "CAROUSEL", "children": ",".join(items), "caption": request.caption}
        return str((await self._call(account, "POST", f"{self._user(account)}/media", data))["id"])

    async def container_status(self, request: PublishRequest, container_id: str) -> ContainerStatus:
        found = await self._call(request.account, "GET", container_id, {"fields": "status_code"})
        try:
            return ContainerStatus(str(found.get("status_code", "")))
        except ValueError:
            return ContainerStatus.ERROR

    async def publish_container(self, request: PublishRequest, container_id: str) -> str:
        account = request.account
        path = f"{self._user(account)}/media_publish"
        return str((await self._call(account, "POST", path, {"creation_id": container_id}))["id"])

    async def find_published(
        self, request: PublishRequest, container_id: str, since: datetime
    ) -> LiveSearch:
        """The account's posts that may be the container's: Instagram documents no link from a
        container to its media (the IG Container node has id, status, status_code and no edges),
        so recent media are matched on the exact caption (normalised as Instagram may alter it),
        the media type, and a time after the container was made (less a minute of clock skew).
        Newest first, paging back until the posts are older than that."""
        kind = "CAROUSEL_ALBUM" if len(request.media) > 1 else "IMAGE"
        wanted = normalised_caption(request.caption)
        earliest = since - CLOCK_SKEW
        params = {"fields": "id,caption,media_type,timestamp", "limit": "50"}
        path = f"{self._user(request.account)}/media"
        matches: list[str] = []
        for _page in range(MATCH_PAGES):
            found = await self._call(request.account, "GET", path, params)
            items = [i for i in found.get("data", []) if isinstance(i, dict)]
            for item in items:
                if _timestamp(str(item.get("timestamp", ""))) < earliest:
                    return LiveSearch(tuple(matches))
                if str(item.get("media_type", kind)) != kind:
                    continue
                if normalised_caption(str(item.get("caption", ""))) == wanted:
                    matches.append(str(item["id"]))
            after = ((found.get("paging") or {}).get("cursors") or {}).get("after")
            if not items or not after or not (found.get("paging") or {}).get("next"):
                return LiveSearch(tuple(matches))
            params = {**params, "after": str(after)}
        return LiveSearch(tuple(matches), complete=False)  # more posts since than were read

    async def permalink(self, request: PublishRequest, media_id: str) -> str:
        found = await self._call(request.account, "GET", media_id, {"fields": "permalink"})
        return str(found.get("permalink", ""))

    async def quota(self, account: Account) -> Quota | None:
        path = f"{self._user(account)}/content_publishing_limit"
        found = await self._call(account, "GET", path, {"fields": "quota_usage,config"})
        rows = found.get("data") or [{}]
        row = rows[0]
        config = row.get("config") or {}
        if "quota_total" not in config:
            return None
        return Quota(int(row.get("quota_usage", 0)), int(config["quota_total"]))

    async def token_health(self, account: Account) -> TokenHealth | None:
        """Validity and expiry from debug_token; on the Instagram-Login host only validity (a
        cheap read of the account), the expiry then comes from the config (token_expires_at)."""
        token = self._tokens.get(account.id)
        if not token:
            return TokenHealth(valid=False)
        if not self.debug_token:
            try:
                await self._call(account, "GET", self._user(account), {"fields": "id"})
            except PublishError as error:
                return TokenHealth(valid=False) if error.token_invalid else None
            return TokenHealth(valid=True)
        try:
            found = await self._call(account, "GET", "debug_token", {"input_token": token})
        except PublishError as error:
            return TokenHealth(valid=False) if error.token_invalid else None
        data = found.get("data") or {}
        expires = int(data.get("expires_at") or 0)
        at = datetime.fromtimestamp(expires, UTC) if expires > 0 else None
        return TokenHealth(valid=bool(data.get("is_valid", False)), expires_at=at)

    # --- plumbing ----------------------------------------------------------------------------

    async def _wait_child(self, request: PublishRequest, child: str) -> None:
        for delay in (*CHILD_POLLS, None):
            status = await self.container_status(request, child)
            if status is ContainerStatus.FINISHED:
                return
            if status is not ContainerStatus.IN_PROGRESS or delay is None:
                break
            await self._sleep(delay)
        raise PublishError(
            "a carousel item could not be prepared",
            recovery=Recovery.RETRY,
            key="publish.error.not_ready",
        )

    def _url(self, key: str) -> str:
        return self.media.public_url(key, self.clock.now() + URL_LIFETIME)

    @staticmethod
    def _user(account: Account) -> str:
        return account.instagram_user_id or "me"

    async def _call(
        self, account: Account, method: str, path: str, data: Mapping[str, str]
    ) -> dict[str, Any]:
        token = self._tokens.get(account.id)
        if not token:
            raise no_token(self._envs.get(account.id, account.token_env))
        # Encoded here, once: aiohttp would parse and re-quote the URL and build a form payload
        # for every call (a scheduler makes thousands of small calls a minute).
        target = f"{self._base}/{quote(path, safe='/')}"
        if method == "GET":
            url, body = URL(f"{target}?{form_encode(data)}", encoded=True), None
        else:
            url, body = URL(target, encoded=True), form_encode(data).encode()
        try:
            async with self._client().request(
                method, url, headers=self._tokens.headers(account.id, method), data=body
            ) as response:
                found = _json(await response.read())
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            raise from_exception(error) from None
        if status >= 400 or "error" in found:
            env = self._envs.get(account.id, account.token_env)
            raise from_response(status, found, env=env, secret=token)
        return found

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # Many posts are published at once (PublishingConfig.concurrency), each waiting on
            # one call at a time: as many connections as posts in flight, else the calls queue
            # here (aiohttp's default is 100). Kept alive per host.
            limit = self._connections
            connector = aiohttp.TCPConnector(limit=limit, limit_per_host=limit)
            self._session = aiohttp.ClientSession(timeout=self._timeout, connector=connector)
        return self._session


# application/x-www-form-urlencoded as ``urllib.parse.urlencode`` writes it (``quote_plus``: the
# unreserved characters kept, a space as "+", every other UTF-8 byte as %XX), each byte looked up
# in a table by ``map`` (no Python call per byte, as ``quote_from_bytes`` makes): a container's
# image URL and caption are a few hundred bytes, sent for every post.
_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
_FORM_BYTES = tuple(
    chr(byte) if byte in _UNRESERVED else "+" if byte == 0x20 else f"%{byte:02X}"
    for byte in range(256)
)


def _form_part(text: str) -> str:
    return "".join(map(_FORM_BYTES.__getitem__, text.encode("utf-8")))


def form_encode(data: Mapping[str, str]) -> str:
    """``urlencode(data)`` for string keys and values, about twice as fast."""
    return "&".join(f"{_form_part(key)}={_form_part(value)}" for key, value in data.items())


_DECODE = json.JSONDecoder().decode


def _json(raw: bytes) -> dict[str, Any]:
    try:
        found = _DECODE(raw.decode("utf-8")) if raw else {}
    except (ValueError, UnicodeDecodeError):
        return {}
    return found if isinstance(found, dict) else {}


def _timestamp(text: str) -> datetime:
    """Graph timestamps look like 2026-12-07T01:00:00+0000."""
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
