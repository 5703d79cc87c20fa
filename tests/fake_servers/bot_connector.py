"""A fake Bot Connector service: aiohttp on an ephemeral loopback port, in the test's own loop.

It records what the bot sends (new messages, thread replies, card updates, created personal
chats), answers member look-ups and serves attachment bytes, and can be told to fail: 429 with a
Retry-After for the next N calls, or 403 for a conversation the bot is "not in".
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fake_servers.loopback import on_loopback


@dataclass
class Sent:
    op: str  # "send" | "reply" | "update" | "create"
    conversation: str
    activity_id: str
    body: dict[str, Any]
    authorization: str = ""

    @property
    def card(self) -> dict[str, Any]:
        """The Adaptive Card of the activity (its first attachment)."""
        attachment = self.body["attachments"][0]
        assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
        content: dict[str, Any] = attachment["content"]
        return content

    def text(self) -> str:
        """Every TextBlock of the card, joined: what a person reads."""
        return "\n".join(_texts(self.card))


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return own + [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


@dataclass
class FakeBotConnector:
    sent: list[Sent] = field(default_factory=list)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)  # 29:… -> member
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path -> (data, type)
    forbidden: set[str] = field(default_factory=set)  # conversations answering 403
    throttle: list[float] = field(default_factory=list)  # Retry-After of the next calls' 429s
    file_requests: list[tuple[str, str]] = field(default_factory=list)  # (path, Authorization)
    url: str = ""
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{cid}/activities", self._send)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._reply)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._update)
        app.router.add_get("/v3/conversations/{cid}/members/{uid}", self._member)
        app.router.add_get("/files/{name}", self._file)
        return app

    # --- what tests read ----------------------------------------------------------------

    def of(self, op: str, conversation: str | None = None) -> list[Sent]:
        return [
            s
            for s in self.sent
            if s.op == op and (conversation is None or s.conversation == conversation)
        ]

    # --- routes -------------------------------------------------------------------------

    def _refuse(self, conversation: str) -> web.Response | None:
        if self.throttle:
            after = self.throttle.pop(0)
            return web.json_response(
                {"error": {"code": "Throttled"}}, status=429, headers={"Retry-After": f"{after:g}"}
            )
        if conversation in self.forbidden:
            return web.json_response({"error": {"code": "BotNotInConversationRoster"}}, status=403)
        return None

    async def _record(self, request: web.Request, op: str, activity_id: str = "") -> web.Response:
        conversation = request.match_info.get("cid", "")
        refused = self._refuse(conversation)
        if refused is not None:
            return refused
        body = await request.json()
        new_id = activity_id or f"act-{next(self._ids)}"
        auth = request.headers.get("Authorization", "")
        self.sent.append(Sent(op, conversation, new_id, body, auth))
        return web.json_response({"id": new_id})

    async def _send(self, request: web.Request) -> web.Response:
        return await self._record(request, "send")

    async def _reply(self, request: web.Request) -> web.Response:
        response = await self._record(request, "reply")
        if response.status == 200:
            self.sent[-1].body.setdefault("replyToId", request.match_info["aid"])
        return response

    async def _update(self, request: web.Request) -> web.Response:
        return await self._record(request, "update", request.match_info["aid"])

    async def _create(self, request: web.Request) -> web.Response:
        refused = self._refuse("")
        if refused is not None:
            return refused
        body = await request.json()
        member = body["members"][0]["id"]
        conversation = f"a:personal-{member}"
        self.sent.append(Sent("create", conversation, "", body))
        return web.json_response({"id": conversation})

    async def _member(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["uid"])
        if member is None:
            return web.json_response({"error": {"code": "MemberNotFound"}}, status=404)
        return web.json_response(member)

    async def _file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.file_requests.append((name, request.headers.get("Authorization", "")))
        if name not in self.files:
            return web.Response(status=404)
        data, kind = self.files[name]
        return web.Response(body=data, content_type=kind)


@asynccontextmanager
async def bot_connector() -> AsyncIterator[FakeBotConnector]:
    fake = FakeBotConnector()
    async with on_loopback(fake.app()) as server:
        fake.url = str(server.make_url("/"))
        yield fake
