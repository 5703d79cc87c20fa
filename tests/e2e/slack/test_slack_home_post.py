"""App Home and the /shonin post modal, through signed requests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from storage import tables as t
from tests.e2e.slack.harness import CHANNEL, OFFICER, STAFF, Slack, buttons, running_slack

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


def _homes(slack: Slack, user: str) -> list[str]:
    return [
        json.dumps(c["view"], ensure_ascii=False)
        for c in slack.fake.of("views.publish")
        if c["user_id"] == user
    ]


async def test_app_home_shows_what_waits_for_me_and_follows_changes(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        await slack.post_message(STAFF, CLEAN, [slack.image()])
        await slack.settle()
        slack.fake.clear()
        await slack.event(
            {"type": "app_home_opened", "user": OFFICER, "channel": f"D{OFFICER}", "tab": "home"}
        )
        await slack.settle()
        [home] = _homes(slack, OFFICER)
        async with slack.server.app.engine.connect() as connection:
            draft_id = (await connection.execute(select(t.drafts.c.id))).scalar_one()
        assert (draft_id in home and "承認待ち" in home) or draft_id in home
        assert "home_post" in home
        [card] = slack.cards_to(f"D{OFFICER}") or [None]  # no new card: the home is a view
        assert card is None
        # after approving, the officer's home is published again
        await slack.click(OFFICER, "approve", json.dumps({"d": draft_id, "r": 1}))
        await slack.settle()
        assert len(_homes(slack, OFFICER)) >= 2


async def test_post_modal_makes_a_draft_with_images_and_a_wished_time(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        await slack.command(STAFF, "post")
        await slack.settle()
        [opened] = slack.fake.of("views.open")
        view = opened["view"]
        assert view["callback_id"] == "shonin_post"
        assert [b["block_id"] for b in view["blocks"]] == ["account", "caption", "files", "wished"]
        # an empty caption is refused inside the modal
        refused = await slack.submit(
            STAFF,
            view,
            {
                "account": {"type": "static_select", "selected_option": {"value": "art"}},
                "caption": {"type": "plain_text_input", "value": ""},
            },
        )
        assert (await refused.json())["errors"]["caption"]
        wished = int(datetime(2026, 12, 10, 2, 0, tzinfo=UTC).timestamp())  # Thu 11:00 JST
        values = {
            "account": {"type": "static_select", "selected_option": {"value": "art"}},
            "caption": {"type": "plain_text_input", "value": CLEAN},
            "files": {"type": "file_input", "files": [slack.image("poster.jpg")]},
            "wished": {"type": "datetimepicker", "selected_date_time": wished},
        }
        accepted = await slack.submit(STAFF, view, values)
        assert accepted.status == 200
        await slack.settle()
        async with slack.server.app.engine.connect() as connection:
            row = (
                await connection.execute(
                    select(t.drafts.c.id, t.drafts.c.state, t.drafts.c.wished_at)
                )
            ).one()
        assert row[1] == "awaiting_approval" and row[2] == datetime(2026, 12, 10, 2, 0, tzinfo=UTC)
        assert [d[0] for d in slack.fake.downloads] == ["poster.jpg"]
        told = [c for c in slack.fake.of("chat.postMessage") if c["channel"] == f"D{STAFF}"]
        assert any(row[0] in c.text() for c in told)
        assert slack.cards_to(CHANNEL) and "approve" in buttons(
            slack.cards_to(f"D{OFFICER}")[0]["blocks"]
        )
