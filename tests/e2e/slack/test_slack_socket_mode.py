"""`shonin serve --socket-mode`: the same listeners over Slack's WebSocket, acked by envelope."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from handlers.serve import ServeOptions, StartupError, build_server, slack_component
from handlers.settings import load_settings
from tests.e2e.slack.harness import CHANNEL, OFFICER, running_slack

APP_TOKEN = "xapp-test-app-token-0000"


async def test_a_slash_command_over_socket_mode_is_acked_and_answered(
    tmp_path: Path, default_database_url: str
) -> None:
    env = {"SLACK_APP_TOKEN": APP_TOKEN}
    async with running_slack(
        tmp_path, default_database_url, socket_mode=True, extra_env=env
    ) as slack:
        assert "/slack/events" not in {r.canonical for r in slack.server.http.router.resources()}
        stop = asyncio.Event()
        runner = asyncio.ensure_future(slack.component._socket_mode(stop))
        try:
            await asyncio.wait_for(slack.fake.socket_connected.wait(), 10)
            [opened] = slack.fake.of("apps.connections.open")
            assert opened.token == APP_TOKEN
            payload = {
                "command": "/shonin",
                "text": "help",
                "user_id": OFFICER,
                "channel_id": CHANNEL,
                "team_id": "T0001",
                "trigger_id": "trig1",
                "response_url": f"{slack.fake.root}/response/1",
            }
            envelope = {
                "envelope_id": "env-1",
                "type": "slash_commands",
                "payload": payload,
                "accepts_response_payload": True,
            }
            await slack.fake.envelopes.put(envelope)
            for _ in range(200):
                if slack.fake.responses and slack.fake.socket_acks:
                    break
                await asyncio.sleep(0.05)
                await slack.context.drain()
            assert any(a.get("envelope_id") == "env-1" for a in slack.fake.socket_acks)
            [reply] = slack.fake.responses
            assert reply["response_type"] == "ephemeral" and "/shonin" in reply["text"]
        finally:
            stop.set()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(runner, 10)


async def test_socket_mode_without_the_app_token_is_one_clear_line(
    tmp_path: Path, default_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"DATABASE_URL": default_database_url, "SLACK_BOT_TOKEN": "xoxb-1"}
    settings = load_settings(env)
    options = ServeOptions(host="127.0.0.1", port=0, scheduler=False, socket_mode=True)
    with pytest.raises(StartupError) as caught:
        await build_server(settings, options, env, factories=[slack_component])
    assert "SLACK_APP_TOKEN" in caught.value.message(
        "en"
    ) and "SLACK_APP_TOKEN" in caught.value.message("ja")


@pytest.mark.parametrize(
    ("missing", "name"),
    [("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN"), ("SLACK_SIGNING_SECRET", "SLACK_SIGNING_SECRET")],
)
async def test_a_missing_secret_is_named_never_shown(
    tmp_path: Path,
    default_database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    missing: str,
    name: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {
        "DATABASE_URL": default_database_url,
        "SLACK_BOT_TOKEN": "xoxb-secret-value",
        "SLACK_SIGNING_SECRET": "signing-secret-value",
    }
    del env[missing]
    settings = load_settings(env)
    options = ServeOptions(host="127.0.0.1", port=0, scheduler=False)
    with pytest.raises(StartupError) as caught:
        await build_server(settings, options, env, factories=[slack_component])
    text = caught.value.message("ja") + caught.value.message("en")
    assert name in text and "secret-value" not in text and "\n" not in caught.value.message("en")
