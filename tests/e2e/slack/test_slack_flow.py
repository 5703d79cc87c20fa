"""The approval flow through the real aiohttp app, with v0-signed requests and the fake Web API."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from storage import tables as t
from tests.e2e.slack.harness import (
    BOT_TOKEN,
    CHANNEL,
    OFFICER,
    STAFF,
    Slack,
    buttons,
    running_slack,
)

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


async def _drafts(slack: Slack) -> list[tuple[str, str]]:
    async with slack.server.app.engine.connect() as connection:
        rows = (await connection.execute(select(t.drafts.c.id, t.drafts.c.state))).all()
    return [(r[0], r[1]) for r in rows]


async def test_post_check_card_approve_updates_every_copy(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        response, ts = await slack.post_message(STAFF, CLEAN, [slack.image()])
        assert response.status == 200
        await slack.settle()
        [(draft_id, state)] = await _drafts(slack)
        assert state == "awaiting_approval"
        # the check result in the post's thread
        thread = [c for c in slack.fake.of("chat.postMessage") if c.get("thread_ts") == ts]
        assert thread and draft_id in thread[0].text()
        # the card in the channel and in the officer's DM, with buttons
        channel_cards = slack.cards_to(CHANNEL)
        dm_cards = slack.cards_to(f"D{OFFICER}")
        assert len(channel_cards) == 1 and len(dm_cards) == 1
        assert "approve" in buttons(dm_cards[0]["blocks"])
        assert all(c.token == BOT_TOKEN for c in slack.fake.calls)
        assert slack.fake.downloads == [("photo.jpg", f"Bearer {BOT_TOKEN}")]
        # approve from the DM (the confirm dialog is the button's own)
        value = slack.button_value(dm_cards[0], "approve")
        assert json.loads(value)["d"] == draft_id
        slack.fake.clear()
        click = await slack.click(OFFICER, "approve", value, channel=f"D{OFFICER}")
        assert click.status == 200
        await slack.settle()
        assert await _drafts(slack) == [(draft_id, "approved")]
        updates = slack.fake.of("chat.update")
        updated = {(u["channel"], u["ts"]) for u in updates}
        assert {CHANNEL, f"D{OFFICER}"} <= {u["channel"] for u in updates}
        assert len(updated) == 2
        for update in updates:
            assert "approve" not in buttons(update["blocks"])
        told = slack.fake.of("chat.postEphemeral")
        assert told and told[0]["user"] == OFFICER
