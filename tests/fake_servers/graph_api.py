"""A fake Instagram Graph API: aiohttp on an ephemeral loopback port, in the test's own loop.

It behaves like Instagram where shonin depends on it: creating a container *fetches every
image_url* (an unfetchable or non-image URL fails with 9004/2207052), containers go IN_PROGRESS →
FINISHED (after ``in_progress_polls`` polls), publishing a container makes it PUBLISHED and a
second publish of it fails, the account's media list and content_publishing_limit are kept, and
tokens are checked (code 190).

Scripting: ``fail(step, status, code, subcode)`` queues an error for the next call of a step
("create", "status", "publish", "permalink", "quota", "list"); ``latency`` delays every answer;
``fail_after_live`` makes the next publish go live and then answer 500; ``hold(step, skip)`` makes
the next call of a step (after ``skip`` more) stop after Instagram did its work and wait (until
``release``), setting ``reached[step]`` first — crash tests kill the worker there.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout, TCPConnector, web

VERSION = "v21.0"


@dataclass
class Container:
    id: str
    user: str
    caption: str
    image_urls: list[str]
    children: list[str] = field(default_factory=list)
    carousel_item: bool = False
    polls_left: int = 0
    status: str = "IN_PROGRESS"
    media_id: str = ""


@dataclass
class Post:
    id: str
    user: str
    caption: str
    container: str
    images: int
    timestamp: datetime


class FakeGraph:
    def __init__(
        self,
        tokens: dict[str, str] | None = None,
        *,
        latency: float = 0.0,
        in_progress_polls: int = 0,
        quota_total: int = 100,
        fetch_images: bool = True,
        clock: Any = None,
    ) -> None:
        self.tokens = tokens or {"ig-kumamoto": "test-token"}  # ig user id -> token
        self.latency = latency
        self.in_progress_polls = in_progress_polls
        self.quota_total = quota_total
        self.quota_used: Counter[str] = Counter()
        self.fetch_images = fetch_images
        self.clock = clock
        self.containers: dict[str, Container] = {}
        self.posts: list[Post] = []
        self.errors: dict[str, list[tuple[int, int, int | None]]] = {}
        self.fail_after_live = False
        self.unlisted: set[str] = set()  # posts the media list does not show (yet)
        self.hide_new_posts = False  # new posts go to ``unlisted``
        self.listed_caption: Any = lambda caption: caption  # how the media list shows captions
        self.fetched: list[tuple[str, int, str]] = []  # (url, status, content type)
        self.calls: Counter[str] = Counter()
        self.connections: Counter[Any] = Counter()  # calls by the client's (address, port)
        self.authorization_seen: list[str] = []
        self.held: set[str] = set()
        self.reached: dict[str, asyncio.Event] = {}
        self._release: dict[str, asyncio.Event] = {}
        self._skip: dict[str, int] = {}
        self._ids = itertools.count(17_000_000_001)
        self._runner: web.AppRunner | None = None
        self._fetcher: ClientSession | None = None  # one client for every image fetch
        self._posts_by_id: dict[str, Post] = {}
        self._indexed = 0
        self.base_url = ""

    # --- scripting ---------------------------------------------------------------------------

    def fail(self, step: str, status: int, code: int, subcode: int | None = None) -> None:
        self.errors.setdefault(step, []).append((status, code, subcode))

    def hold(self, step: str, skip: int = 0) -> asyncio.Event:
        """Hold the next call of ``step`` after letting ``skip`` calls through."""
        self._skip[step] = skip
        self.held.add(step)
        self.reached[step] = asyncio.Event()
        self._release[step] = asyncio.Event()
        return self.reached[step]

    def release(self, step: str) -> None:
        self.held.discard(step)
        if step in self._release:
            self._release[step].set()

    def post_by_hand(self, user: str, caption: str, at: datetime, images: int = 1) -> Post:
        """A post someone made in the Instagram app (no container of ours)."""
        post = Post(str(next(self._ids)), user, caption, "", images, at)
        self.posts.append(post)
        return post

    def published_captions(self) -> Counter[str]:
        return Counter(post.caption for post in self.posts)

    # --- server ------------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post(f"/{VERSION}/{{user}}/media", self._create)
        app.router.add_post(f"/{VERSION}/{{user}}/media_publish", self._publish)
        app.router.add_get(f"/{VERSION}/{{user}}/media", self._list)
        app.router.add_get(f"/{VERSION}/{{user}}/content_publishing_limit", self._quota)
        app.router.add_get(f"/{VERSION}/debug_token", self._debug_token)
        app.router.add_get(f"/{VERSION}/{{node}}", self._node)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/{VERSION}"
        return self.base_url

    async def close(self) -> None:
        for event in self._release.values():
            event.set()
        if self._fetcher is not None:
            await self._fetcher.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- handlers ----------------------------------------------------------------------------

    async def _create(self, request: web.Request) -> web.Response:
        user, form = request.match_info["user"], await request.post()
        if (denied := await self._gate(request, "create", user)) is not None:
            return denied
        caption = str(form.get("caption", ""))
        if form.get("media_type") == "CAROUSEL":
            children = str(form.get("children", "")).split(",")
            if not 2 <= len(children) <= 10 or any(
                self.containers.get(c) is None or self.containers[c].status != "FINISHED"
                for c in children
            ):
                return _error(400, 100, 2207008, "invalid children")
            container = self._new(user, caption, [], children=children)
        else:
            url = str(form.get("image_url", ""))
            if not await self._fetch(url):
                return _error(400, 9004, 2207052, "Media download has failed.")
            container = self._new(user, caption, [url], item=form.get("is_carousel_item") == "true")
        await self._maybe_hold("create")
        return web.json_response({"id": container.id})

    async def _node(self, request: web.Request) -> web.Response:
        node, fields = request.match_info["node"], request.query.get("fields", "")
        if "status_code" in fields:
            if (denied := await self._gate(request, "status", None)) is not None:
                return denied
            container = self.containers.get(node)
            if container is None:
                return _error(400, 100, 33, "Unsupported get request")
            if container.status == "IN_PROGRESS":
                container.polls_left -= 1
                if container.polls_left < 0:
                    container.status = "FINISHED"
            await self._maybe_hold("status")
            return web.json_response({"status_code": container.status, "id": node})
        if node in self.tokens:  # the account itself (GET /{ig-user-id}?fields=id)
            if (denied := await self._gate(request, "user", node)) is not None:
                return denied
            return web.json_response({"id": node})
        if (denied := await self._gate(request, "permalink", None)) is not None:
            return denied
        post = self._post(node)
        if post is None:
            return _error(400, 100, 33, "Unsupported get request")
        return web.json_response({"id": node, "permalink": f"https://www.instagram.com/p/{node}/"})

    async def _publish(self, request: web.Request) -> web.Response:
        user, form = request.match_info["user"], await request.post()
        if (denied := await self._gate(request, "publish", user)) is not None:
            return denied
        container = self.containers.get(str(form.get("creation_id", "")))
        if container is None or container.user != user:
            return _error(400, 24, 2207008, "Media builder not found")
        if container.status == "PUBLISHED":
            return _error(400, 9007, 2207027, "Media already published")
        if container.status != "FINISHED":
            return _error(400, 9007, 2207027, "Media ID is not available")
        if self.quota_used[user] >= self.quota_total:
            return _error(400, 9, 2207042, "You reached maximum number of posts")
        post = Post(
            str(next(self._ids)),
            user,
            container.caption,
            container.id,
            max(len(container.children), 1),
            self._now(),
        )
        self.posts.append(post)
        if self.hide_new_posts:
            self.unlisted.add(post.id)
        self.quota_used[user] += 1
        container.status, container.media_id = "PUBLISHED", post.id
        await self._maybe_hold("publish")
        if self.fail_after_live:
            self.fail_after_live = False
            return _error(500, 2, None, "An unexpected error has occurred.")
        return web.json_response({"id": post.id})

    async def _list(self, request: web.Request) -> web.Response:
        user = request.match_info["user"]
        if (denied := await self._gate(request, "list", user)) is not None:
            return denied
        mine = [p for p in reversed(self.posts) if p.user == user and p.id not in self.unlisted]
        data = [
            {
                "id": p.id,
                "caption": self.listed_caption(p.caption),
                "media_type": "CAROUSEL_ALBUM" if p.images > 1 else "IMAGE",
                "timestamp": p.timestamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000"),
            }
            for p in mine[: int(request.query.get("limit", "25"))]
        ]
        return web.json_response({"data": data})

    async def _quota(self, request: web.Request) -> web.Response:
        user = request.match_info["user"]
        if (denied := await self._gate(request, "quota", user)) is not None:
            return denied
        row = {
            "quota_usage": self.quota_used[user],
            "config": {"quota_total": self.quota_total, "quota_duration": 86400},
        }
        return web.json_response({"data": [row]})

    async def _debug_token(self, request: web.Request) -> web.Response:
        if (denied := await self._gate(request, "debug", None)) is not None:
            return denied
        token = request.query.get("input_token", "")
        valid = token in self.tokens.values()
        expires = getattr(self, "token_expires_at", None)
        data = {"is_valid": valid, "expires_at": int(expires.timestamp()) if expires else 0}
        return web.json_response({"data": data})

    # --- plumbing ----------------------------------------------------------------------------

    async def _gate(self, request: web.Request, step: str, user: str | None) -> web.Response | None:
        self.calls[step] += 1
        self.connections[request.transport and request.transport.get_extra_info("peername")] += 1
        if self.latency:
            await asyncio.sleep(self.latency)
        header = request.headers.get("Authorization", "")
        self.authorization_seen.append(header)
        token = header.removeprefix("Bearer ")
        if "access_token" in request.query or token not in self.tokens.values():
            return _error(400, 190, 463, "Error validating access token")
        if user is not None and self.tokens.get(user) != token:
            return _error(400, 10, None, "Application does not have permission for this action")
        queued = self.errors.get(step)
        if queued:
            status, code, subcode = queued.pop(0)
            return _error(status, code, subcode, f"scripted error {code}")
        return None

    async def _fetch(self, url: str) -> bool:
        if not self.fetch_images:
            return True
        if self._fetcher is None or self._fetcher.closed:
            # No cap on parallel fetches (aiohttp's default is 100): Instagram's fetchers do not
            # queue behind one another, and a cap here would pass for slowness of ours.
            self._fetcher = ClientSession(
                timeout=ClientTimeout(total=10), connector=TCPConnector(limit=0)
            )
        try:
            async with self._fetcher.get(url) as response:
                body = await response.read()
                kind = response.headers.get("Content-Type", "")
                self.fetched.append((url, response.status, kind))
                return (
                    response.status == 200 and kind == "image/jpeg" and body[:3] == b"\xff\xd8\xff"
                )
        except ClientError:
            self.fetched.append((url, 0, ""))
            return False

    def _new(
        self,
        user: str,
        caption: str,
        urls: list[str],
        *,
        children: list[str] | None = None,
        item: bool = False,
    ) -> Container:
        container = Container(
            str(next(self._ids)), user, caption, urls, children or [], item, self.in_progress_polls
        )
        self.containers[container.id] = container
        return container

    async def _maybe_hold(self, step: str) -> None:
        if step in self.held and self._skip.get(step, 0) > 0:
            self._skip[step] -= 1
            return
        if step in self.held:
            self.held.discard(step)
            self.reached[step].set()
            await self._release[step].wait()

    def _post(self, media_id: str) -> Post | None:
        """A post by id (``posts`` is a list the tests may append to: indexed as it grows)."""
        for post in self.posts[self._indexed :]:
            self._posts_by_id[post.id] = post
        self._indexed = len(self.posts)
        return self._posts_by_id.get(media_id)

    def _now(self) -> datetime:
        return self.clock.now() if self.clock is not None else datetime.now(UTC)


def _error(status: int, code: int, subcode: int | None, message: str) -> web.Response:
    error: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "fake",
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return web.json_response({"error": error}, status=status)
