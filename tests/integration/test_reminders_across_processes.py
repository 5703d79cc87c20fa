"""A cron `shonin run-due` (no chat notifier) still tells people: its outbox rows wait for the
process that has the notifier (`shonin serve`, the console), which delivers them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from handlers.bootstrap import build_app, configured_platforms
from handlers.settings import Settings, load_settings
from tests.fakes import RecordingNotifier
from tests.fakes.images import photo

JST = ZoneInfo("Asia/Tokyo")
CONFIG = """
[database]
url = "sqlite+aiosqlite:///{db}"
[storage]
media_dir = "{media}"
[[accounts]]
id = "city"
[accounts.channels]
console = "drafts"
slack = "C0123"
[accounts.roles]
officer = "console:officer"
deputy = "console:deputy"
staff = ["console:staff", "teams:29:staff"]
"""


def settings_for(tmp_path: Path) -> Settings:
    path = tmp_path / "shonin.toml"
    text = CONFIG.format(db=tmp_path / "shonin.db", media=tmp_path / "media")
    path.write_text(text, encoding="utf-8")
    return load_settings({}, path)


def test_platforms_come_from_the_configuration(tmp_path: Path) -> None:
    assert configured_platforms(settings_for(tmp_path)) == {"console", "slack", "teams"}


async def test_cron_pass_writes_rows_that_the_server_delivers(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    clock = ManualClock(datetime(2026, 12, 1, 10, 0, tzinfo=JST))  # Tuesday, office hours
    cron = await build_app(settings, clock=clock)  # like `shonin run-due`: no chat at all
    try:
        submit = cmd.SubmitDraft("console:staff", "city", "12月の展示のお知らせです", (photo(),))
        draft = await cron.core.handle(submit)
        clock.set(datetime(2026, 12, 2, 8, 30, tzinfo=JST))
        await cron.bus.handle(cmd.RunDue("shonin"))
        report = await cron.bus.handle(cmd.RunReminders("shonin"))
        assert report.reminded == [(draft.id, "console:officer")]
        assert (await cron.core.delivery.deliver_due()).delivered == 0  # nothing to send with
        async with cron.core.deps.uow() as uow:
            pending = await uow.notifications.due(clock.now())
        assert {(n.platform, n.text_key) for n in pending} >= {
            ("console", "note.approval_requested"),
            ("console", "note.reminder"),
        }
    finally:
        await cron.close()
    console = RecordingNotifier("console")
    server = await build_app(settings, clock=clock, notifiers={"console": console})
    try:
        await server.core.delivery.deliver_due()
        assert server.core.delivery.notifiers.keys() == {"console"}
        assert console.direct_keys("console:officer") == [
            "note.approval_requested",
            "note.reminder",
        ]
        assert [c.kind for c in console.of("post_card")] == ["post_card"]
        async with server.core.deps.uow() as uow:
            left = await uow.notifications.due(clock.now())
        assert left == []  # delivered once: nothing for console remains pending
    finally:
        await server.close()
