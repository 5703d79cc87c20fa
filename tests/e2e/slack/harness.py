"""`shonin serve` with the Slack component against the fake Web API, driven by signed requests."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from chatbot.adapters.clock import ManualClock
from handlers.serve import ServeOptions, Server, build_server, slack_component
from handlers.settings import load_settings
from handlers.slack.component import SlackComponent
from handlers.slack.context import SlackContext
from tests.fake_servers.slack_api import FakeSlackApi, fake_slack_api
from tests.fakes.images import jpeg

SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-bot-token-000000"
CHANNEL = "C0DRAFTS"
OFFICER, DEPUTY, ADMIN, STAFF, STRANGER = (
    "U0OFFICER",
    "U0DEPUTY",
    "U0ADMIN",
    "U0STAFF",
    "U0STRANGER",
)
# Monday 7 December 2026, 10:00 in Tokyo: an opening day, inside operating hours.
MONDAY_10 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)

CONFIG = f"""
[ui]
locale = "ja"

[[accounts]]
id = "art"
display_name = "アートスポット"
policy_pack = "kumamoto-artistspot"
timezone = "Asia/Tokyo"

[accounts.hours]
opens = "08:30"
closes = "17:15"

[accounts.channels]
slack = "{CHANNEL}"

[accounts.roles]
officer = "slack:{OFFICER}"
deputy = "slack:{DEPUTY}"
admins = ["slack:{ADMIN}"]
staff = ["slack:{STAFF}"]
"""

# A second account with its own drafts channel, where the officer also holds a role (the staff
# member does not): commands typed outside a drafts channel must pick between them.
OTHER_CHANNEL = "C0KOKURA"
TWO_ACCOUNTS = (
    CONFIG
    + f"""
[[accounts]]
id = "kokura"
display_name = "小倉南区役所"
policy_pack = "kokuraminami"
timezone = "Asia/Tokyo"

[accounts.channels]
slack = "{OTHER_CHANNEL}"

[accounts.roles]
officer = "slack:{OFFICER}"
deputy = "slack:{DEPUTY}"
admins = ["slack:{ADMIN}"]
"""
)


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class Slack:
    server: Server
    fake: FakeSlackApi
    http: TestClient[Any, Any]
    clock: ManualClock
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def component(self) -> SlackComponent:
        found = next(c for c in self.server.components if isinstance(c, SlackComponent))
        return found

    @property
    def context(self) -> SlackContext:
        assert self.component.context is not None
        return self.component.context

    # --- requests ----------------------------------------------------------------------------------

    async def send(
        self, body: str, content_type: str, headers: dict[str, str] | None = None
    ) -> ClientResponse:
        all_headers = {
            "Content-Type": content_type,
            **(headers if headers is not None else sign(body)),
        }
        return await self.http.post("/slack/events", data=body.encode(), headers=all_headers)

    async def event(
        self, event: dict[str, Any], event_id: str = "", retry: int = 0
    ) -> ClientResponse:
        payload = {
            "type": "event_callback",
            "team_id": "T0001",
            "api_app_id": "A0001",
            "event_id": event_id or f"Ev{next(self.ids):08d}",
            "event_time": int(time.time()),
            "event": event,
        }
        body = json.dumps(payload)
        headers = sign(body)
        if retry:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.send(body, "application/json", headers)

    async def post_message(
        self, user: str, text: str, files: list[dict[str, Any]] | None = None, ts: str = ""
    ) -> tuple[ClientResponse, str]:
        ts = ts or f"1765000000.{next(self.ids):06d}"
        event: dict[str, Any] = {
            "type": "message",
            "channel": CHANNEL,
            "user": user,
            "text": text,
            "ts": ts,
            "channel_type": "channel",
        }
        if files:
            event |= {"subtype": "file_share", "files": files}
        return await self.event(event), ts

    async def command(self, user: str, text: str, channel: str = CHANNEL) -> ClientResponse:
        form = {
            "command": "/shonin",
            "text": text,
            "user_id": user,
            "channel_id": channel,
            "team_id": "T0001",
            "trigger_id": f"trig{next(self.ids)}",
            "response_url": f"{self.fake.root}/response/{next(self.ids)}",
        }
        return await self.send(urlencode(form), "application/x-www-form-urlencoded")

    async def interact(self, payload: dict[str, Any]) -> ClientResponse:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.send(body, "application/x-www-form-urlencoded")

    async def click(
        self, user: str, action_id: str, value: str, channel: str = CHANNEL, message_ts: str = "1.1"
    ) -> ClientResponse:
        payload = {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": user},
            "api_app_id": "A0001",
            "trigger_id": f"trig{next(self.ids)}",
            "container": {"type": "message", "channel_id": channel, "message_ts": message_ts},
            "channel": {"id": channel},
            "response_url": f"{self.fake.root}/response/{next(self.ids)}",
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "card_actions",
                    "value": value,
                    "action_ts": "1.2",
                }
            ],
        }
        return await self.interact(payload)

    async def submit(
        self, user: str, view: dict[str, Any], values: dict[str, dict[str, Any]]
    ) -> ClientResponse:
        state = {block: {block: value} for block, value in values.items()}
        payload = {
            "type": "view_submission",
            "team": {"id": "T0001"},
            "user": {"id": user},
            "api_app_id": "A0001",
            "view": {"type": "modal", **view, "id": "V1", "state": {"values": state}},
        }
        return await self.interact(payload)

    def image(
        self, name: str = "photo.jpg", data: bytes | None = None, mimetype: str = "image/jpeg"
    ) -> dict[str, Any]:
        """A file as Slack describes it in an event, served by the fake for download."""
        body = jpeg() if data is None else data
        url = self.fake.add_file(name, body)
        return {
            "id": f"F{next(self.ids):06d}",
            "name": name,
            "mimetype": mimetype,
            "size": len(body),
            "url_private": url,
            "url_private_download": url,
        }

    # --- waiting and looking ------------------------------------------------------------------------

    async def settle(self) -> None:
        """Let the work after the acks finish and deliver the outbox, until nothing moves."""
        quiet = 0
        while quiet < 3:
            await asyncio.sleep(0.01)
            await self.context.drain()
            report = await self.server.app.core.delivery.deliver_due()
            moved = report.delivered or report.retried or self.context.tasks
            quiet = 0 if moved else quiet + 1

    def cards_to(self, channel: str) -> list[Any]:
        return [
            c
            for c in self.fake.of("chat.postMessage")
            if c["channel"] == channel and _has_actions(c)
        ]

    def button_value(self, call: Any, action_id: str) -> str:
        for block in call.get("blocks") or []:
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                if element.get("action_id") == action_id:
                    return str(element["value"])
        raise AssertionError(f"no {action_id} button in {call.params}")


def _has_actions(call: Any) -> bool:
    return any(b.get("type") == "actions" for b in call.get("blocks") or [])


def buttons(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["action_id"] for b in blocks if b.get("type") == "actions" for e in b["elements"]]


@asynccontextmanager
async def running_slack(
    tmp_path: Path,
    database_url: str,
    *,
    socket_mode: bool = False,
    extra_env: dict[str, str] | None = None,
    config: str = CONFIG,
) -> AsyncIterator[Slack]:
    async with fake_slack_api() as fake:
        (tmp_path / "shonin.toml").write_text(config, encoding="utf-8")
        env = {
            "DATABASE_URL": database_url,
            "SHONIN_MEDIA_DIR": str(tmp_path / "media"),
            "SHONIN_OUTBOX_DIR": str(tmp_path / "outbox"),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.base_url,
            **(extra_env or {}),
        }
        settings = load_settings(env, tmp_path / "shonin.toml")
        clock = ManualClock(MONDAY_10)
        options = ServeOptions(host="127.0.0.1", port=0, scheduler=False, socket_mode=socket_mode)
        server = await build_server(
            settings, options, env, factories=[slack_component], clock=clock
        )
        try:
            async with TestClient(TestServer(server.http)) as http:
                yield Slack(server, fake, http, clock)
        finally:
            await server.close()
