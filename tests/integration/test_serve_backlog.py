"""Notifications nobody delivers are visible: a warning when `shonin serve` starts without a
platform the configuration uses, the outbox per platform in /healthz and /metrics."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from chatbot.outbox import Notification, NotifyOp
from handlers.serve import ServeOptions, Server, build_server
from handlers.settings import load_settings
from tests.fakes.notifier import RecordingNotifier


class ConsoleOnly:
    """A component that delivers the console platform (as a stand-in for a chat adapter)."""

    name = "console-stand-in"

    def __init__(self) -> None:
        self.notifier = RecordingNotifier("console")

    async def attach(self, ctx: object) -> None:
        return None

    async def close(self) -> None:
        return None


@pytest.fixture
async def server(
    tmp_path: Path,
    default_database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> AsyncIterator[Server]:
    monkeypatch.chdir(tmp_path)  # no shonin.toml here: the built-in demo accounts (console users)
    env = {"DATABASE_URL": default_database_url}
    settings = load_settings(env)
    caplog.set_level(logging.WARNING, logger="handlers.serve")
    built = await build_server(
        settings, ServeOptions(host="127.0.0.1", port=0, scheduler=False), env, factories=[]
    )
    try:
        yield built
    finally:
        await built.close()


async def _pending(server: Server, platform: str, age: timedelta, count: int = 1) -> None:
    now = server.app.deps.clock.now()
    async with server.app.deps.uow() as uow:
        for _ in range(count):
            row = Notification(
                "kumamoto-artistspot",
                "",
                platform,
                NotifyOp.DIRECT,
                f"{platform}:someone",
                created_at=now - age,
                text_key="note.token_invalid",
            )
            await uow.notifications.add(row)
        await uow.commit()


async def test_start_warns_about_a_configured_platform_nobody_here_delivers(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    started = caplog.get_records("setup")  # the server was built by the fixture
    warnings = [r.getMessage() for r in started if r.name == "handlers.serve"]
    assert len(warnings) == 1, warnings
    assert "console" in warnings[0] and "shonin shell" in warnings[0]
    assert warnings[0].startswith("注意：")  # the configured language (Japanese by default)


async def test_no_warning_when_every_platform_is_delivered(
    tmp_path: Path,
    default_database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"DATABASE_URL": default_database_url}
    caplog.set_level(logging.WARNING, logger="handlers.serve")
    built = await build_server(
        load_settings(env),
        ServeOptions(host="127.0.0.1", port=0, scheduler=False),
        env,
        factories=[lambda s, o, e: ConsoleOnly()],
    )
    await built.close()
    assert not [r for r in caplog.records if r.name == "handlers.serve"]


async def test_healthz_and_metrics_show_what_waits_per_platform(server: Server) -> None:
    await _pending(server, "teams", timedelta(hours=2), count=3)
    await _pending(server, "slack", timedelta(seconds=30))
    async with TestClient(TestServer(server.http)) as client:
        response = await client.get("/healthz")
        assert response.status == 200  # the process is healthy; the backlog is a warning
        body = await response.json()
        assert body["status"] == "ok"
        teams = body["outbox"]["teams"]
        assert (teams["pending"], teams["delivered_here"]) == (3, False)
        assert 7200 <= teams["oldest_seconds"] < 7300
        assert body["outbox"]["slack"]["pending"] == 1
        # only the platform stuck beyond any retry is a warning (slack's row is 30 s old)
        [warning] = body["warnings"]
        assert "teams" in warning and "3 件" in warning and "10 分以上" in warning

        metrics = await (await client.get("/metrics")).text()
        assert "# TYPE shonin_outbox_pending gauge" in metrics
        assert 'shonin_outbox_pending{platform="teams"} 3' in metrics
        assert 'shonin_outbox_pending{platform="slack"} 1' in metrics
        assert 'shonin_outbox_pending{platform="console"} 0' in metrics  # configured, empty
        line = next(
            row
            for row in metrics.splitlines()
            if row.startswith('shonin_outbox_oldest_pending_seconds{platform="teams"}')
        )
        assert 7200 <= float(line.split()[-1]) < 7300


async def test_healthz_stays_quiet_with_nothing_waiting(server: Server) -> None:
    async with TestClient(TestServer(server.http)) as client:
        body = await (await client.get("/healthz")).json()
    assert body == {"status": "ok", "outbox": {}, "warnings": []}
