"""What Slack (or anyone) may send: retries, forged or stale signatures, broken bodies, errors."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from storage import tables as t
from tests.e2e.slack.harness import (
    CHANNEL,
    OFFICER,
    STAFF,
    Slack,
    running_slack,
    sign,
)

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


async def _count(slack: Slack, table: t.Table) -> int:
    async with slack.server.app.engine.connect() as connection:
        return int((await connection.execute(select(func.count()).select_from(table))).scalar_one())


async def test_a_retried_event_makes_one_draft(tmp_path: Path, default_database_url: str) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        event = {
            "type": "message",
            "channel": CHANNEL,
            "user": STAFF,
            "text": CLEAN,
            "ts": "1765000000.000100",
        }
        first = await slack.event(event, event_id="Ev0RETRY")
        await slack.settle()
        for retry in (1, 2, 3):
            again = await slack.event(event, event_id="Ev0RETRY", retry=retry)
            assert again.status == 200
        await slack.settle()
        assert first.status == 200
        assert await _count(slack, t.drafts) == 1
        assert await _count(slack, t.chat_events) == 2  # claimed, and marked done


async def test_the_dedup_holds_across_a_restart(tmp_path: Path, default_database_url: str) -> None:
    event = {
        "type": "message",
        "channel": CHANNEL,
        "user": STAFF,
        "text": CLEAN,
        "ts": "1765000000.000200",
    }
    async with running_slack(tmp_path, default_database_url) as slack:
        await slack.event(event, event_id="Ev0RESTART")
        await slack.settle()
    async with running_slack(tmp_path, default_database_url) as slack:
        await slack.event(event, event_id="Ev0RESTART", retry=1)
        await slack.settle()
        assert await _count(slack, t.drafts) == 1


@pytest.mark.parametrize("case", ["unsigned", "bad_signature", "stale", "future"])
async def test_unsigned_forged_and_stale_requests_get_401_and_change_nothing(
    tmp_path: Path, default_database_url: str, case: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        payload = {
            "type": "event_callback",
            "event_id": "Ev0FORGED",
            "event": {
                "type": "message",
                "channel": CHANNEL,
                "user": STAFF,
                "text": CLEAN,
                "ts": "1.5",
            },
        }
        body = json.dumps(payload)
        headers = {
            "unsigned": {},
            "bad_signature": sign(body, secret="not-the-secret"),
            "stale": sign(body, timestamp=int(time.time()) - 6 * 60),
            "future": sign(body, timestamp=int(time.time()) + 6 * 60),
        }[case]
        response = await slack.send(body, "application/json", headers)
        assert response.status == 401
        command = urlencode({"command": "/shonin", "text": "suspend 止めます", "user_id": OFFICER})
        response = await slack.send(
            command,
            "application/x-www-form-urlencoded",
            {"X-Slack-Signature": "v0=00", "X-Slack-Request-Timestamp": str(int(time.time()))},
        )
        assert response.status == 401
        await slack.settle()
        assert await _count(slack, t.drafts) == 0
        assert await _count(slack, t.chat_events) == 0
        assert not [c for c in slack.fake.calls if c.method != "auth.test"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("", "application/json"),
        ("[1, 2]", "application/json"),
        ("payload=%7Bnot+json", "application/x-www-form-urlencoded"),
        ("payload=%5B%5D", "application/x-www-form-urlencoded"),
        ('{"type": "block_actions"}', "application/json"),
        ('{"type": "event_callback", "event": "x"}', "application/json"),
        (
            "payload=" + json.dumps({"type": "view_submission", "view": 3}),
            "application/x-www-form-urlencoded",
        ),
        (
            "payload="
            + json.dumps({"type": "block_actions", "user": {"id": "U1"}, "actions": [{}]}),
            "application/x-www-form-urlencoded",
        ),
        ("\udcff".encode("utf-8", "surrogateescape").decode("latin-1"), "text/plain"),
    ],
)
async def test_malformed_bodies_get_a_4xx_never_a_5xx(
    tmp_path: Path, default_database_url: str, body: str, content_type: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        response = await slack.send(body, content_type)
        assert response.status < 500
        await slack.settle()
        assert await _count(slack, t.drafts) == 0


async def test_unknown_action_ids_and_forged_values_get_a_polite_reply(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        unknown = await slack.click(OFFICER, "launch_rockets", json.dumps({"d": "dxxxxxx", "r": 1}))
        forged = await slack.click(OFFICER, "approve", "<script>")
        missing = await slack.click(OFFICER, "approve", json.dumps({"d": "dnothere", "r": 1}))
        assert {unknown.status, forged.status, missing.status} == {200}
        await slack.settle()
        told = [c.text() for c in slack.fake.of("chat.postEphemeral")]
        assert len(told) == 3
        assert sum("launch_rockets" in message for message in told) == 1  # replies may interleave
        assert await _count(slack, t.decisions) == 0


async def test_edit_makes_a_revision_and_delete_withdraws(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        _, ts = await slack.post_message(STAFF, CLEAN, [slack.image()])
        await slack.settle()
        changed = CLEAN.replace("無料", "500円")
        edit = {
            "type": "message",
            "subtype": "message_changed",
            "channel": CHANNEL,
            "hidden": True,
            "ts": "1765000001.000001",
            "message": {"type": "message", "user": STAFF, "text": changed, "ts": ts},
            "previous_message": {"type": "message", "user": STAFF, "text": CLEAN, "ts": ts},
        }
        await slack.event(edit)
        # an unfurl (same words) is not a revision
        await slack.event(
            {
                **edit,
                "message": {**edit["message"], "text": changed},
                "previous_message": {**edit["previous_message"], "text": changed},
            }
        )
        await slack.settle()
        assert await _count(slack, t.revisions) == 2
        assert any(
            "第2版" in c.text()
            for c in slack.fake.of("chat.postMessage")
            if c.get("thread_ts") == ts
        )
        deleted = {
            "type": "message",
            "subtype": "message_deleted",
            "channel": CHANNEL,
            "hidden": True,
            "deleted_ts": ts,
            "ts": "1765000002.000001",
            "previous_message": {"type": "message", "user": STAFF, "text": changed, "ts": ts},
        }
        await slack.event(deleted)
        await slack.settle()
        async with slack.server.app.engine.connect() as connection:
            state = (await connection.execute(select(t.drafts.c.state))).scalar_one()
        assert state == "withdrawn"


async def test_thread_replies_bot_messages_and_other_channels_are_not_drafts(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        base = {
            "type": "message",
            "channel": CHANNEL,
            "user": STAFF,
            "text": CLEAN,
            "ts": "1765000000.000300",
        }
        await slack.event({**base, "thread_ts": "1765000000.000001"})
        await slack.event({**base, "bot_id": "B0OTHER"})
        await slack.event({**base, "subtype": "channel_join"})
        await slack.event({**base, "channel": "C0ELSEWHERE"})
        await slack.settle()
        assert await _count(slack, t.drafts) == 0


async def test_files_too_large_or_not_images_are_refused_with_what_to_do(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        big = slack.image("big.jpg")
        big["size"] = 31 * 1024 * 1024
        await slack.post_message(STAFF, CLEAN, [big])
        pdf = slack.image("flyer.jpg", data=b"%PDF-1.7 not an image")
        await slack.post_message(STAFF, CLEAN, [pdf])
        elsewhere = slack.image("x.jpg")
        elsewhere["url_private_download"] = "https://attacker.example/steal"
        await slack.post_message(STAFF, CLEAN, [elsewhere])
        await slack.settle()
        assert await _count(slack, t.drafts) == 0
        told = [c.text() for c in slack.fake.of("chat.postEphemeral")]
        assert len(told) == 3
        for name in ("big.jpg", "flyer.jpg", "x.jpg"):
            assert sum(name in message for message in told) == 1
        assert [d[0] for d in slack.fake.downloads] == ["flyer.jpg"]  # nothing sent elsewhere


async def test_a_429_is_retried_after_retry_after(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.rate_limit("chat.postMessage", retry_after=1, times=1)
        await slack.post_message(STAFF, CLEAN, [slack.image()])
        await slack.settle()
        posted = slack.fake.of("chat.postMessage")
        assert len(slack.cards_to(CHANNEL)) == 1 and len(posted) >= 4


async def test_not_in_channel_is_explained_not_swallowed(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.fail("chat.postMessage", "not_in_channel", times=2, channel=CHANNEL)
        await slack.post_message(STAFF, CLEAN, [slack.image()])
        await slack.settle()
        async with slack.server.app.engine.connect() as connection:
            errors = (
                (await connection.execute(select(t.notification_outbox.c.last_error)))
                .scalars()
                .all()
            )
        assert any("not_in_channel" in e and "/invite" in e for e in errors)
        # the thread reply failed too: the author is told, not left wondering
        told = [c.text() for c in slack.fake.of("chat.postEphemeral") if c["user"] == STAFF]
        assert any("not_in_channel" in message for message in told)


async def test_the_person_s_slack_locale_picks_english(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.locales[OFFICER] = "en-US"
        await slack.post_message(STAFF, CLEAN, [slack.image()])
        await slack.settle()
        [card] = slack.cards_to(f"D{OFFICER}")
        assert "Approve" in card.text() and "承認" not in json.dumps(
            card["blocks"][-1], ensure_ascii=False
        )
        await slack.command(OFFICER, "help")
        await slack.command(OFFICER, "help")
        await slack.settle()
        asked = [c for c in slack.fake.of("users.info") if c["user"] == OFFICER]
        assert len(asked) == 1  # cached
        assert asked[0]["include_locale"] in (True, "true", "1")
