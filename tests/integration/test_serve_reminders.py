"""`shonin serve`'s scheduler loop runs the reminder pass after publishing, at most once each."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from handlers.serve import ServeOptions, build_server, scheduler_component
from handlers.settings import load_settings
from tests.fakes.images import photo

JST = ZoneInfo("Asia/Tokyo")


async def test_the_scheduler_loop_escalates_once(
    tmp_path: Path, default_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no shonin.toml here: the built-in demo accounts
    env = {"DATABASE_URL": default_database_url}
    settings = load_settings(env)
    clock = ManualClock(datetime(2026, 12, 1, 10, 0, tzinfo=JST))
    options = ServeOptions(host="127.0.0.1", port=0, scheduler=True, scheduler_interval=0.01)
    server = await build_server(
        settings, options, env, factories=[scheduler_component], clock=clock
    )
    try:
        account = settings.accounts[0].id
        submit = cmd.SubmitDraft("console:staff", account, "12月の展示のお知らせです", (photo(),))
        draft = await server.app.core.handle(submit)
        clock.set(datetime(2026, 12, 2, 9, 15, tzinfo=JST))  # 8 office hours later
        [loop] = [task for task in server.ctx.tasks if task != server.app.core.delivery.run]
        stop = asyncio.Event()
        running = asyncio.create_task(loop(stop))
        await asyncio.sleep(0.5)  # many passes of the loop
        stop.set()
        await asyncio.wait_for(running, 10)
        async with server.app.core.deps.uow() as uow:
            sent = await uow.reminders.list(draft.id)
            audit = [e.record.action for e in await uow.audit.entries()]
        assert [(r.kind, r.slot, r.target) for r in sent if r.kind == "escalation"] == [
            ("escalation", "r1", "console:deputy")
        ]
        assert audit.count("draft.escalated") == 1
    finally:
        await server.close()
