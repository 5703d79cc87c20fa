"""The app listens to exactly what ids.py (and so manifest.yml) declares, and counts its acks."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

from handlers.slack import ids
from tests.e2e.slack.harness import OFFICER, running_slack


async def test_every_declared_callback_event_and_command_is_handled_and_nothing_else(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        for callback in ids.VIEWS:
            view = {"callback_id": callback, "private_metadata": "{}", "blocks": []}
            response = await slack.submit(OFFICER, view, {})
            assert response.status == 200, callback
        stray = await slack.submit(OFFICER, {"callback_id": "not_ours", "blocks": []}, {})
        assert stray.status == 404
        for event in ids.EVENTS:
            response = await slack.event(
                {"type": event, "user": OFFICER, "channel": "C0NONE", "ts": "1.1"}
            )
            assert response.status == 200, event
        assert (await slack.command(OFFICER, "help")).status == 200
        other = urlencode({"command": "/other", "text": "", "user_id": OFFICER, "channel_id": "C1"})
        assert (await slack.send(other, "application/x-www-form-urlencoded")).status == 404
        for action in ids.ALL_ACTION_IDS:
            response = await slack.click(OFFICER, action, json.dumps({"d": "dnone00", "r": 1}))
            assert response.status == 200, action
        await slack.settle()
        metrics = await (await slack.http.get("/metrics")).text()
        assert 'shonin_acks_total{kind="block_actions",platform="slack"}' in metrics
        assert 'shonin_acks_total{kind="command",platform="slack"}' in metrics
        assert 'shonin_ack_seconds_count{platform="slack"}' in metrics
