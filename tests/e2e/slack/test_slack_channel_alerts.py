"""When the bot may not post in an account's channel, the admins are told by DM how to fix it.

Once per channel per office day, recorded in the database (so also across restarts), besides
the outbox's retry, `/shonin queue` and the audit entry when delivery gives up.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storage import tables as t
from tests.e2e.slack.harness import ADMIN, CHANNEL, OFFICER, STAFF, Slack, running_slack

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


def _to_admin(slack: Slack) -> list[Any]:
    return [c for c in slack.fake.of("chat.postMessage") if c["channel"] == f"D{ADMIN}"]


async def _post(slack: Slack, text: str = CLEAN) -> None:
    await slack.post_message(STAFF, text, [slack.image()])
    await slack.settle()


async def _errors(slack: Slack) -> list[str]:
    async with slack.server.app.engine.connect() as connection:
        query = select(t.notification_outbox.c.last_error)
        return [str(e) for e in (await connection.execute(query)).scalars().all() if e]


async def test_admins_get_one_dm_a_day_per_unreachable_channel(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.fail("chat.postMessage", "not_in_channel", times=200, channel=CHANNEL)
        await _post(slack)
        [alert] = _to_admin(slack)
        text = alert.text()
        assert "/invite @shonin" in text and f"<#{CHANNEL}>" in text and "not_in_channel" in text
        # the officer's DM card needs no channel membership: it arrived
        assert slack.cards_to(f"D{OFFICER}")
        assert any("not_in_channel" in e for e in await _errors(slack))
        # the outbox keeps retrying the channel card; the admins are not told again today
        for _ in range(4):
            slack.clock.advance(timedelta(minutes=5))
            await slack.settle()
        await _post(slack, CLEAN.replace("版画", "陶芸"))
        assert len(_to_admin(slack)) == 1
        # the next day, still unreachable: told again
        slack.clock.advance(timedelta(days=1))
        await _post(slack, CLEAN.replace("版画", "木工"))
        assert len(_to_admin(slack)) == 2
        # once invited, the channel card goes out on the next retry
        slack.fake.clear_scripts()
        slack.clock.advance(timedelta(minutes=10))
        await slack.settle()
        assert slack.cards_to(CHANNEL)


async def test_the_once_a_day_holds_across_a_restart(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.fail("chat.postMessage", "channel_not_found", times=50, channel=CHANNEL)
        await _post(slack)
        [alert] = _to_admin(slack)
        assert "channel_not_found" in alert.text() and "[accounts.channels] slack" in alert.text()
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.fail("chat.postMessage", "channel_not_found", times=50, channel=CHANNEL)
        await _post(slack, CLEAN.replace("版画", "陶芸"))
        assert any("channel_not_found" in e for e in await _errors(slack))
        assert not _to_admin(slack)


async def test_the_admin_is_told_in_their_own_language(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.locales[ADMIN] = "en-US"
        slack.fake.fail("chat.postMessage", "not_in_channel", times=50, channel=CHANNEL)
        await _post(slack)
        [alert] = _to_admin(slack)
        assert "cannot post in" in alert.text() and "招待" not in alert.text()


async def test_other_errors_tell_no_admin(tmp_path: Path, default_database_url: str) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        slack.fake.fail("chat.postMessage", "internal_error", times=50, channel=CHANNEL)
        await _post(slack)
        assert any("internal_error" in e for e in await _errors(slack))
        assert not _to_admin(slack)
