"""A fake Slack Web API: aiohttp on an ephemeral loopback port in the test's own loop.

It records every call (method, parameters, bearer token), answers like Slack for the methods
shonin uses, serves files for download, accepts response_url posts, and can be told to answer
an error or a 429 with Retry-After for the next calls of a method.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

BOT_USER = "UBOT0001"
JSON_FIELDS = ("blocks", "view", "attachments")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    def text(self) -> str:
        """Everything a person would read in the message (text and blocks)."""
        return json.dumps(
            [self.params.get("text", ""), self.params.get("blocks", [])], ensure_ascii=False
        )


@dataclass
class Scripted:
    error: str = ""
    status: int = 200
    retry_after: int = 0
    channel: str = ""  # only calls to this channel (any when empty)


@dataclass
class FakeSlackApi:
    calls: list[Call] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)  # response_url posts
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (path, Authorization)
    files: dict[str, bytes] = field(default_factory=dict)
    locales: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # users.info display names
    delay: float = 0.0
    _scripts: dict[str, list[Scripted]] = field(default_factory=dict)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    base_url: str = ""
    # Socket Mode: envelopes to push to a connected client, and what the client sent back.
    envelopes: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    socket_acks: list[dict[str, Any]] = field(default_factory=list)
    socket_connected: asyncio.Event = field(default_factory=asyncio.Event)

    # --- scripting ---------------------------------------------------------------------------------

    def fail(self, method: str, error: str, times: int = 1, channel: str = "") -> None:
        steps = (Scripted(error=error, channel=channel) for _ in range(times))
        self._scripts.setdefault(method, []).extend(steps)

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        self._scripts.setdefault(method, []).extend(
            Scripted(status=429, retry_after=retry_after) for _ in range(times)
        )

    def clear_scripts(self) -> None:
        """Answer normally again (e.g. the bot was invited to the channel)."""
        self._scripts.clear()

    def add_file(self, name: str, data: bytes) -> str:
        self.files[name] = data
        return f"{self.root}/files/{name}"

    @property
    def root(self) -> str:
        return self.base_url.removesuffix("/api/")

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def clear(self) -> None:
        self.calls.clear()
        self.responses.clear()

    # --- the server --------------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/files/{name}", self._file)
        app.router.add_post("/response/{id}", self._response)
        app.router.add_get("/socket", self._socket)
        return app

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        raw = await request.read()
        if raw:
            if request.content_type == "application/json":
                params.update(json.loads(raw))
            else:
                params.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        for name in JSON_FIELDS:
            if isinstance(params.get(name), str) and params[name][:1] in ("[", "{"):
                params[name] = json.loads(params[name])
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        token = token or str(params.get("token", ""))
        self.calls.append(Call(method, params, token))
        if self.delay:
            await asyncio.sleep(self.delay)
        script = self._scripts.get(method) or []
        step = next((s for s in script if s.channel in ("", params.get("channel"))), None)
        if step is not None:
            script.remove(step)
            if step.status == 429:
                return web.json_response(
                    {"ok": False, "error": "ratelimited"},
                    status=429,
                    headers={"Retry-After": str(step.retry_after)},
                )
            return web.json_response({"ok": False, "error": step.error})
        return web.json_response(self._answer(method, params))

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        channel = str(params.get("channel", ""))
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT0001", "team_id": "T0001"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": channel, "ts": ts, "message": {"ts": ts}}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": params.get("ts")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D{params.get('users', '')}"}}
        if method == "users.info":
            user = str(params.get("user", ""))
            found: dict[str, Any] = {"id": user, "locale": self.locales.get(user, "ja-JP")}
            if user in self.names:
                found["profile"] = {"display_name": self.names[user], "real_name": ""}
            return {"ok": True, "user": found}
        if method == "apps.connections.open":
            return {
                "ok": True,
                "url": self.base_url.replace("http://", "ws://").removesuffix("/api/") + "/socket",
            }
        if method in ("views.open", "views.publish", "views.update"):
            return {"ok": True, "view": {"id": f"V{ts}"}}
        return {"ok": True}

    async def _file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.downloads.append((name, request.headers.get("Authorization", "")))
        if name not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[name], content_type="application/octet-stream")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {}})
        self.socket_connected.set()

        async def push() -> None:
            while True:
                await ws.send_json(await self.envelopes.get())

        pusher = asyncio.ensure_future(push())
        try:
            async for message in ws:
                if message.type.name == "TEXT":
                    self.socket_acks.append(json.loads(message.data))
        finally:
            pusher.cancel()
        return ws

    async def _response(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        return web.json_response({"ok": True})


@asynccontextmanager
async def fake_slack_api() -> AsyncIterator[FakeSlackApi]:
    fake = FakeSlackApi()
    runner = web.AppRunner(fake.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    fake.base_url = f"http://127.0.0.1:{port}/api/"
    try:
        yield fake
    finally:
        await runner.cleanup()
