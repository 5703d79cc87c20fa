"""Slack: `/shonin absent` tells the officer, the deputy and the admin by DM (each in their own
Slack language), the waiting card goes to the deputy with a note and buttons, the officer gets
an FYI copy without buttons, and clearing the absence brings the card back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chatbot.domain import commands as cmd
from tests.e2e.slack.harness import (
    ADMIN,
    DEPUTY,
    OFFICER,
    STAFF,
    Slack,
    buttons,
    running_slack,
)

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"
DECISIONS = {"approve", "request_changes", "decline"}


def _dms(slack: Slack, user: str) -> list[Any]:
    return [c for c in slack.fake.of("chat.postMessage") if c["channel"] == f"D{user}"]


async def _waiting_draft(slack: Slack) -> str:
    await slack.post_message(STAFF, CLEAN, [slack.image()])
    await slack.settle()
    [card] = slack.cards_to(f"D{OFFICER}")
    return str(json.loads(slack.button_value(card, "request_changes"))["d"])


async def test_absence_is_announced_and_the_cards_follow(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.locales[ADMIN] = "en-US"
        draft = await _waiting_draft(slack)
        slack.fake.clear()
        response = await slack.command(DEPUTY, f"absent <@{OFFICER}> 12/7 12/9 出張")
        assert response.status == 200
        await slack.settle()

        for user in (OFFICER, DEPUTY):
            notices = [c for c in _dms(slack, user) if "【不在のお知らせ】" in c.text()]
            assert len(notices) == 1, [c.text() for c in _dms(slack, user)]
            text = notices[0].text()
            assert "12月7日(月) 10:00 から 12月10日(木) 0:00 まで不在です" in text
            assert "理由：出張" in text and "送り直した判断待ちの投稿案：1件" in text
            assert not buttons(notices[0].get("blocks") or [])
        # the admin reads Slack in English: the notice comes in English
        [english] = [c for c in _dms(slack, ADMIN) if "[Absence]" in c.text()]
        assert "is absent from" in english.text() and "Meanwhile approvals go to the deputy" in (
            english.text()
        )
        assert "re-sent: 1" in english.text()

        # the deputy gets the card with a note and the decision buttons
        [deputy_card] = slack.cards_to(f"D{DEPUTY}")
        assert "不在のため" in deputy_card.text() and draft in deputy_card.text()
        assert set(buttons(deputy_card["blocks"])) >= DECISIONS
        # the officer gets an FYI copy: the card, but no buttons at all
        [copy] = [c for c in _dms(slack, OFFICER) if "控え" in c.text()]
        assert draft in copy.text() and "card_actions" not in copy.text()
        assert buttons(copy.get("blocks") or []) == []

        slack.fake.clear()
        await slack.command(OFFICER, "absent off")
        await slack.settle()
        for user in (OFFICER, DEPUTY):
            [cleared] = [c for c in _dms(slack, user) if "【不在解除のお知らせ】" in c.text()]
            assert "承認は運用責任者（<@U0OFFICER>）に戻ります" in cleared.text()
        [back] = slack.cards_to(f"D{OFFICER}")
        assert "戻りました" in back.text() and set(buttons(back["blocks"])) >= DECISIONS
        redrawn = [u for u in slack.fake.of("chat.update") if u["channel"] == f"D{DEPUTY}"]
        assert redrawn and not DECISIONS & set(buttons(redrawn[-1]["blocks"]))


async def test_an_escalated_draft_reaches_the_deputy_with_working_buttons(
    tmp_path: Path, default_database_url: str
) -> None:
    """8 office hours after the request the deputy is asked too: the DM card carries the
    decision buttons, and sending it back (a reason modal) works for the deputy."""
    async with running_slack(tmp_path, default_database_url) as slack:
        draft = await _waiting_draft(slack)  # Monday 7 December, 10:00
        slack.fake.clear()
        slack.clock.set(datetime(2026, 12, 8, 0, 15, tzinfo=UTC))  # Tuesday 9:15 in Tokyo
        report = await slack.server.app.core.handle(cmd.RunReminders("shonin"))
        assert report.escalated == [draft]
        await slack.settle()
        [card] = slack.cards_to(f"D{DEPUTY}")
        assert draft in card.text()
        assert set(buttons(card["blocks"])) >= DECISIONS
        # the officer's FYI says so and keeps the buttons (the officer may still decide)
        assert any("ご参考" in c.text() for c in _dms(slack, OFFICER))
        await slack.click(DEPUTY, "request_changes", slack.button_value(card, "request_changes"))
        await slack.settle()
        [opened] = slack.fake.of("views.open")  # not refused: the deputy may decide now
        reason = "写真を差し替えてください。"
        done = await slack.submit(
            DEPUTY, opened["view"], {"reason": {"type": "plain_text_input", "value": reason}}
        )
        assert done.status == 200
        await slack.settle()
        to_author = [c for c in slack.fake.of("chat.postMessage") if c["channel"] == f"D{STAFF}"]
        assert any(reason in c.text() for c in to_author)
