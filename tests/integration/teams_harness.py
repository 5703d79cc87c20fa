"""The real `shonin serve` application with the Teams component, against a fake Bot Connector.

Activities are built in the shapes Teams sends (channel message with an @mention, personal chat,
Action.Execute invoke); authentication is off (the development flag) unless a test says so.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from aiohttp.test_utils import TestClient, TestServer

from chatbot.adapters.clock import ManualClock
from handlers.serve import ServeOptions, Server, StartupError, build_server
from handlers.settings import Settings, load_settings
from handlers.teams.component import TeamsStartupError
from handlers.teams.component import teams_component as build_teams
from tests.fake_servers.bot_connector import FakeBotConnector, bot_connector
from tests.fakes.images import jpeg

SCHEMA_PATH = (
    Path(__file__).resolve().parents[3] / "shared" / "teams" / "adaptive-card.schema.1.5.json"
)
BOT = "28:bot-app-id"
TENANT = "tenant-1"
CHANNEL = "19:drafts@thread.tacv2"
TOWN_CHANNEL = "19:town@thread.tacv2"
TEAM = "19:team@thread.tacv2"
CAPTION = "12月の市民ギャラリー展示のお知らせです。会場は市民会館2階、入場無料です。"
# 2026-12-07 is a Monday (an opening day); 10:00 in Tokyo is inside operating hours.
MONDAY_10 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)

CONFIG = """
[ui]
locale = "{locale}"
[teams]
app_id = "bot-app-id"

[[accounts]]
id = "city"
display_name = "市の公式"
instagram_user_id = "1784"
policy_pack = "kumamoto-artistspot"
[accounts.channels]
teams = "{channel}"
slack = "C-drafts"
[accounts.roles]
officer = "teams:aad-officer"
deputy = "teams:aad-deputy"
admins = ["teams:aad-admin"]
staff = ["teams:aad-staff", "slack:USTAFF"]

[[accounts]]
id = "town"
display_name = "町の公式"
instagram_user_id = "1785"
policy_pack = "kumamoto-artistspot"
[accounts.channels]
teams = "{town_channel}"
slack = "C-town"
[accounts.roles]
officer = "slack:UOFFICER"
staff = ["teams:aad-staff"]
"""

PEOPLE = {
    "officer": ("29:officer", "Officer Sato", "aad-officer"),
    "deputy": ("29:deputy", "Deputy Suzuki", "aad-deputy"),
    "staff": ("29:staff", "Staff Tanaka", "aad-staff"),
    "stranger": ("29:stranger", "Someone Else", "aad-stranger"),
    "admin": ("29:admin", "Admin Ito", "aad-admin"),
}


@functools.cache
def _validator() -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def validate_card(card: dict[str, Any]) -> None:
    """Against ../shared/teams/adaptive-card.schema.1.5.json (skipped where it is absent)."""
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"Adaptive Card schema not found at {SCHEMA_PATH} (../shared/teams/)")
    _validator().validate(card)


@dataclass
class Teams:
    """Drives POST /api/messages as Teams would; reads what reached the fake Bot Connector."""

    client: TestClient[Any, Any]
    connector: FakeBotConnector
    server: Server
    clock: ManualClock
    sleeps: list[float]
    client_locale: str = "ja-JP"  # what the person's Teams client says

    _ids = itertools.count(1)

    def _account(self, who: str) -> dict[str, str]:
        mri, name, aad = PEOPLE[who]
        return {"id": mri, "name": name, "aadObjectId": aad}

    def _base(self, who: str, conversation: dict[str, Any], **extra: Any) -> dict[str, Any]:
        activity_id = f"17000000000{next(self._ids):02d}"
        return {
            "id": activity_id,
            "timestamp": "2026-12-07T01:00:00.000Z",
            "serviceUrl": self.connector.url,
            "channelId": "msteams",
            "from": self._account(who),
            "conversation": conversation,
            "recipient": {"id": BOT, "name": "shonin"},
            "locale": self.client_locale,
            **extra,
        }

    def channel_conversation(self, channel: str = CHANNEL) -> dict[str, Any]:
        return {
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": TENANT,
            "id": f"{channel};messageid=1700000000000",
        }

    def personal_conversation(self, who: str) -> dict[str, Any]:
        return {"conversationType": "personal", "tenantId": TENANT, "id": f"a:1personal-{who}"}

    async def post(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
        response = await self.client.post("/api/messages", json=activity, headers=headers or {})
        return response

    async def channel_message(
        self,
        who: str,
        text: str,
        *,
        channel: str = CHANNEL,
        mentions: tuple[str, ...] = (),
        attachments: list[dict[str, Any]] | None = None,
    ) -> Any:
        entities: list[dict[str, Any]] = [
            {
                "type": "mention",
                "mentioned": {"id": BOT, "name": "shonin"},
                "text": "<at>shonin</at>",
            }
        ]
        for person in mentions:
            mri, name, _aad = PEOPLE[person]
            entities.append(
                {
                    "type": "mention",
                    "mentioned": {"id": mri, "name": name},
                    "text": f"<at>{name}</at>",
                }
            )
        entities.append({"type": "clientInfo", "locale": "ja-JP", "platform": "Web"})
        activity = self._base(
            who,
            self.channel_conversation(channel),
            type="message",
            text=f"<at>shonin</at> {text}",
            textFormat="plain",
            entities=entities,
            attachments=attachments or [],
            channelData={
                "teamsChannelId": channel,
                "teamsTeamId": TEAM,
                "channel": {"id": channel},
                "team": {"id": TEAM},
                "tenant": {"id": TENANT},
            },
        )
        response = await self.post(activity)
        assert response.status in (200, 201, 202), await response.text()
        return response

    async def personal_message(self, who: str, text: str) -> Any:
        activity = self._base(
            who,
            self.personal_conversation(who),
            type="message",
            text=text,
            textFormat="plain",
            channelData={"tenant": {"id": TENANT}},
        )
        response = await self.post(activity)
        assert response.status in (200, 201, 202), await response.text()
        return response

    async def click(
        self, who: str, verb: str, draft: str, revision: int = 1, **inputs: Any
    ) -> dict[str, Any]:
        """An Action.Execute invoke; returns the invoke response body (card or message)."""
        data = {"draft": draft, "revision": revision, **inputs}
        activity = self._base(
            who,
            self.channel_conversation(),
            type="invoke",
            name="adaptiveCard/action",
            value={
                "action": {"type": "Action.Execute", "verb": verb, "data": data},
                "trigger": "manual",
            },
            channelData={"channel": {"id": CHANNEL}, "tenant": {"id": TENANT}},
        )
        response = await self.post(activity)
        assert response.status == 200, await response.text()
        body: dict[str, Any] = await response.json()
        return body

    async def deliver(self) -> None:
        """Run the notification outbox once (the server's delivery worker, without waiting)."""
        await self.server.app.core.delivery.deliver_due()

    def image(self, name: str = "photo.jpg") -> dict[str, Any]:
        """An inline image as Teams attaches it in a channel (fetched with the bot's token)."""
        self.connector.files[name] = (jpeg(), "image/jpeg")
        return {
            "contentType": "image/jpeg",
            "contentUrl": f"{self.connector.url}files/{name}",
            "name": name,
        }

    async def submit(self, who: str = "staff", caption: str = "", channel: str = CHANNEL) -> str:
        """A draft with one image from the channel; returns its id (the outbox not yet run)."""
        await self.channel_message(
            who, caption or CAPTION, channel=channel, attachments=[self.image()]
        )
        return draft_id_of(self.last_reply(channel))

    def last_reply(self, conversation_prefix: str) -> str:
        replies = [s for s in self.connector.sent if s.conversation.startswith(conversation_prefix)]
        assert replies, f"nothing sent to {conversation_prefix}: {self.connector.sent}"
        return replies[-1].text()


def draft_id_of(text: str) -> str:
    import re

    found = re.search(r"投稿案 (\S+) を受け付けました|Draft (\S+) received", text)
    assert found, text
    return found.group(1) or found.group(2)


@asynccontextmanager
async def _connector(existing: FakeBotConnector | None) -> AsyncIterator[FakeBotConnector]:
    if existing is not None:
        yield existing
        return
    async with bot_connector() as connector:
        yield connector


@asynccontextmanager
async def teams_server(
    tmp_path: Path,
    database_url: str,
    *,
    locale: str = "ja",
    env_extra: dict[str, str] | None = None,
    dev_no_auth: bool = True,
    connector: FakeBotConnector | None = None,
    component: Mapping[str, Any] | None = None,
) -> AsyncIterator[Teams]:
    """`shonin serve`'s application with only the Teams component, on ``database_url``.

    Pass ``connector`` to start a second server (a restart, another replica) on the same fake;
    ``component`` adds keyword arguments for the component (``keys_url``, ``token_providers``).
    """
    config = CONFIG.format(locale=locale, channel=CHANNEL, town_channel=TOWN_CHANNEL)
    (tmp_path / "shonin.toml").write_text(config, encoding="utf-8")
    env = {
        "DATABASE_URL": database_url,
        "SHONIN_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SHONIN_MEDIA_DIR": str(tmp_path / "media"),
        **({"SHONIN_TEAMS_DEV_NO_AUTH": "1"} if dev_no_auth else {}),
        **(env_extra or {}),
    }
    settings = load_settings(env, tmp_path / "shonin.toml")
    clock = ManualClock(MONDAY_10)
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    def factory(settings: Settings, options: ServeOptions, env: Mapping[str, str]) -> Any:
        try:
            return build_teams(
                settings, dev_no_auth=options.teams_dev_no_auth, sleep=sleep, **(component or {})
            )
        except TeamsStartupError as error:
            raise StartupError(error.ja, error.en) from None

    options = ServeOptions(
        host="127.0.0.1", port=0, scheduler=False, teams_dev_no_auth=settings.teams.dev_no_auth
    )
    async with _connector(connector) as fake:
        server = await build_server(settings, options, env, factories=[factory], clock=clock)
        try:
            async with TestClient(TestServer(server.http)) as client:
                client_locale = "en-US" if locale == "en" else "ja-JP"
                yield Teams(client, fake, server, clock, sleeps, client_locale)
        finally:
            await server.close()
