"""One `shonin serve` application running the Slack and the Teams components at once (fake Slack
Web API and fake Bot Connector on loopback): a decision made on one platform, through that
platform's own request, replaces the card on the other, and each platform names the other's
people by the display name that platform gave (Slack users.info, Teams activities)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from chatbot.adapters.clock import ManualClock
from chatbot.services import queries
from handlers.serve import ServeOptions, Settings, build_server, slack_component
from handlers.settings import load_settings
from handlers.teams.component import teams_component as build_teams
from tests.e2e.slack.harness import BOT_TOKEN, CHANNEL, SECRET, Slack
from tests.fake_servers.bot_connector import bot_connector
from tests.fake_servers.slack_api import fake_slack_api
from tests.integration.teams_harness import CAPTION, MONDAY_10, Teams, validate_card

TEAMS_ART = "19:art@thread.tacv2"
TEAMS_CITY = "19:city@thread.tacv2"
SLACK_ART, SLACK_CITY = "C0ART", CHANNEL  # the Slack harness posts messages to CHANNEL
CONFIG = f"""
[ui]
locale = "ja"

[[accounts]]
id = "art"
display_name = "アートスポット"
policy_pack = "kumamoto-artistspot"
[accounts.channels]
slack = "{SLACK_ART}"
teams = "{TEAMS_ART}"
[accounts.roles]
officer = "slack:U0OFFICER"
staff = ["teams:aad-staff"]

[[accounts]]
id = "city"
display_name = "市の公式"
policy_pack = "kumamoto-artistspot"
[accounts.channels]
slack = "{SLACK_CITY}"
teams = "{TEAMS_CITY}"
[accounts.roles]
officer = "teams:aad-officer"
staff = ["slack:U0STAFF"]
"""


@asynccontextmanager
async def both(tmp_path: Path, database_url: str) -> AsyncIterator[tuple[Slack, Teams]]:
    (tmp_path / "shonin.toml").write_text(CONFIG, encoding="utf-8")
    async with fake_slack_api() as slack_api, bot_connector() as connector:
        slack_api.names = {"U0OFFICER": "佐藤 一郎", "U0STAFF": "田中 花子"}
        env = {
            "DATABASE_URL": database_url,
            "SHONIN_MEDIA_DIR": str(tmp_path / "media"),
            "SHONIN_OUTBOX_DIR": str(tmp_path / "outbox"),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api.base_url,
            "SHONIN_TEAMS_DEV_NO_AUTH": "1",
        }
        settings = load_settings(env, tmp_path / "shonin.toml")
        clock = ManualClock(MONDAY_10)

        def teams(settings: Settings, options: ServeOptions, env: Mapping[str, str]) -> Any:
            return build_teams(settings, dev_no_auth=True)

        options = ServeOptions(host="127.0.0.1", port=0, scheduler=False, teams_dev_no_auth=True)
        server = await build_server(
            settings, options, env, factories=[slack_component, teams], clock=clock
        )
        assert {c.name for c in server.components} >= {"slack", "teams"}
        try:
            async with TestClient(TestServer(server.http)) as http:
                yield (
                    Slack(server, slack_api, http, clock),
                    Teams(http, connector, server, clock, []),
                )
        finally:
            await server.close()


async def _submitted_in_teams(slack: Slack, teams: Teams, channel: str) -> tuple[str, Any]:
    """A draft posted by the Teams staff member; its cards are out on both platforms."""
    await teams.personal_message("officer", "help")  # the Teams officer has met the bot
    await teams.channel_message("staff", CAPTION, channel=channel, attachments=[teams.image()])
    reply = teams.last_reply(channel)
    draft = next(word for word in reply.replace("を", " ").split() if word.startswith("d"))
    await slack.settle()
    assert (await queries.card(slack.server.app.core.deps, draft)).state == "awaiting_approval"
    return draft, teams.connector.of("send", channel)[0]


async def test_a_signed_slack_click_replaces_the_teams_card(
    tmp_path: Path, default_database_url: str
) -> None:
    async with both(tmp_path, default_database_url) as (slack, teams):
        draft, teams_card = await _submitted_in_teams(slack, teams, TEAMS_ART)
        assert teams_card.card["refresh"]["userIds"] == ["29:staff"]  # the officer is on Slack
        [slack_card] = slack.cards_to("DU0OFFICER")  # the officer's DM on Slack
        value = slack.button_value(slack_card, "approve")
        assert json.loads(value)["d"] == draft
        response = await slack.click("U0OFFICER", "approve", value, channel="DU0OFFICER")
        assert response.status == 200  # a signed request through Bolt
        await slack.settle()
        assert (await queries.card(slack.server.app.core.deps, draft)).state == "approved"
        updates = teams.connector.of("update", TEAMS_ART)
        assert [u.activity_id for u in updates] == [teams_card.activity_id]
        validate_card(updates[-1].card)
        # the Slack officer by the name Slack gave, not by the id
        assert "承認済み" in updates[-1].text() and "承認：佐藤 一郎" in updates[-1].text()
        assert "slack:U0OFFICER" not in updates[-1].text()


async def test_an_action_execute_in_teams_replaces_the_slack_card(
    tmp_path: Path, default_database_url: str
) -> None:
    async with both(tmp_path, default_database_url) as (slack, teams):
        await teams.personal_message("officer", "help")  # the Teams officer has met the bot
        response, _ts = await slack.post_message("U0STAFF", CAPTION, [slack.image()])
        assert response.status == 200  # a signed Slack event
        await slack.settle()
        [slack_card] = slack.cards_to(SLACK_CITY)
        draft = json.loads(slack.button_value(slack_card, "request_changes"))["d"]
        [teams_dm] = teams.connector.of("send", "a:1personal-officer")[-1:]
        assert draft in teams_dm.text() and "承認をお願いします" in teams_dm.text()
        slack.fake.clear()
        answer = await teams.click("officer", "approve", draft)
        assert answer["type"] == "application/vnd.microsoft.card.adaptive", answer
        validate_card(answer["value"])
        await slack.settle()
        assert (await queries.card(slack.server.app.core.deps, draft)).state == "approved"
        updated = [c for c in slack.fake.of("chat.update") if c["channel"] == SLACK_CITY]
        assert updated, slack.fake.calls
        async with slack.server.app.core.deps.uow() as uow:
            refs = await uow.cards.list(draft)
        [channel_ref] = [r for r in refs if r.platform == "slack" and r.channel == SLACK_CITY]
        assert updated[-1]["ts"] == channel_ref.message_id  # the card in the drafts channel
        shown = updated[-1].text()
        # the Teams officer by the name Teams gave, the Slack staff as a Slack mention
        assert "承認済み" in shown and "Officer Sato" in shown and "teams:aad" not in shown
        assert "<@U0STAFF>" in shown
        assert '"action_id": "approve"' not in shown
