"""Whose language: what one person reads (DMs, ephemerals, modals, App Home) is in their Slack
locale (or the configured override); what the channel reads (cards, thread texts) is in the
office's configured language, `[ui] locale`, because many people read it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.slack.harness import CHANNEL, CONFIG, OFFICER, STAFF, Slack, running_slack

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


def _to(slack: Slack, channel: str) -> list[Any]:
    return [c for c in slack.fake.of("chat.postMessage") if c["channel"] == channel]


def _blocks(call: Any) -> str:
    return json.dumps(call.get("blocks") or [], ensure_ascii=False)


async def test_an_english_officer_reads_english_while_the_channel_stays_japanese(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.locales[OFFICER] = "en-US"
        slack.fake.locales[STAFF] = "en-GB"
        await slack.post_message(STAFF, CLEAN, [slack.image()])
        await slack.settle()
        # the channel card and the thread's check result: the office's language
        [channel_card] = slack.cards_to(CHANNEL)
        assert "承認" in _blocks(channel_card) and "Approve" not in _blocks(channel_card)
        threads = [c for c in _to(slack, CHANNEL) if c.get("thread_ts")]
        assert threads and all("Check result" not in _blocks(c) for c in threads)
        # the officer's DM card: English
        [dm_card] = slack.cards_to(f"D{OFFICER}")
        assert "Approve" in _blocks(dm_card) and "承認する" not in _blocks(dm_card)
        # the reason modal the officer opens: English
        slack.fake.clear()
        await slack.click(
            OFFICER,
            "request_changes",
            slack.button_value(dm_card, "request_changes"),
            channel=f"D{OFFICER}",
        )
        await slack.settle()
        [opened] = slack.fake.of("views.open")
        assert opened["view"]["title"]["text"] == "Send back"
        await slack.submit(
            OFFICER,
            opened["view"],
            {"reason": {"type": "plain_text_input", "value": "日付を直してください"}},
        )
        await slack.settle()
        # the thread hears it in Japanese, the English author in English, the officer's
        # private confirmation is English
        said = [c for c in _to(slack, CHANNEL) if c.get("thread_ts")]
        assert any("差し戻しました" in c.text() for c in said)
        assert not any("Sent back" in c.text() for c in said)
        to_author = _to(slack, f"D{STAFF}")
        assert any("was sent back" in c.text() for c in to_author)
        assert not any("差し戻されました" in c.text() for c in to_author)
        ephemeral = [c.text() for c in slack.fake.of("chat.postEphemeral") if c["user"] == OFFICER]
        assert ephemeral and all("差し戻し" not in text for text in ephemeral)
        # every copy of the card is updated: the channel's in Japanese, the DM's in English
        updates = slack.fake.of("chat.update")
        in_channel = [u for u in updates if u["channel"] == CHANNEL]
        in_dm = [u for u in updates if u["channel"] == f"D{OFFICER}"]
        assert in_channel and in_dm
        assert all("差し戻し" in _blocks(u) for u in in_channel)
        assert all("Sent back" in _blocks(u) or "sent back" in _blocks(u) for u in in_dm)
        # App Home: English
        slack.fake.clear()
        await slack.event(
            {"type": "app_home_opened", "user": OFFICER, "channel": f"D{OFFICER}", "tab": "home"}
        )
        await slack.settle()
        [home] = slack.fake.of("views.publish")
        shown = json.dumps(home["view"], ensure_ascii=False)
        assert "New draft" in shown and "投稿案を作成" not in shown


async def test_the_configured_language_wins_over_the_slack_locale(
    tmp_path: Path, default_database_url: str
) -> None:
    config = CONFIG + f'\n[users."slack:{OFFICER}"]\nlocale = "ja"\n'
    async with running_slack(tmp_path, default_database_url, config=config) as slack:
        slack.fake.locales[OFFICER] = "en-US"
        await slack.post_message(STAFF, CLEAN, [slack.image()])
        await slack.settle()
        [dm_card] = slack.cards_to(f"D{OFFICER}")
        assert "承認" in _blocks(dm_card) and "Approve" not in _blocks(dm_card)
        assert not [c for c in slack.fake.of("users.info") if c["user"] == OFFICER]
