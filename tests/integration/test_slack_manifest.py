"""manifest.yml is a valid Slack app manifest (Slack's published schema, in ../shared/slack/)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from chatbot import actions
from handlers.slack import ids

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT.parent / "shared" / "slack" / "manifest.schema.1.0.0.json"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_manifest_matches_slack_schema(manifest: dict[str, Any]) -> None:
    if not SCHEMA.exists():
        pytest.skip(
            f"Slack's manifest schema not found at {SCHEMA} (shared/ is not beside the repo)"
        )
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(manifest), key=str)
    assert not errors, [e.message for e in errors]


def test_manifest_declares_the_shonin_command_and_interactivity(manifest: dict[str, Any]) -> None:
    commands = manifest["features"]["slash_commands"]
    assert [c["command"] for c in commands] == ["/shonin"]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert "chat:write" in manifest["oauth_config"]["scopes"]["bot"]


def test_schema_rejects_a_broken_manifest(manifest: dict[str, Any]) -> None:
    if not SCHEMA.exists():
        pytest.skip(f"Slack's manifest schema not found at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = {**manifest, "display_information": {"description": "no name"}}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


# --- the manifest against the code, both ways ------------------------------------------------------


def test_scopes_are_exactly_what_the_code_needs(manifest: dict[str, Any]) -> None:
    declared = set(manifest["oauth_config"]["scopes"]["bot"])
    assert declared == ids.bot_scopes()


def test_events_and_command_match_the_listeners(manifest: dict[str, Any]) -> None:
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == ids.manifest_events()
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [ids.COMMAND]
    # mentions arrive as <@U…> only when Slack escapes them
    assert manifest["features"]["slash_commands"][0]["should_escape"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert "socket_mode_enabled" in manifest["settings"]


_METHOD_CALL = re.compile(
    r"client\.(auth|chat|conversations|users|views|files|apps)_([A-Za-z]+)\(|"
    r"(?:api_call|_call)\(\s*\"([a-z]+\.[A-Za-z]+)\""
)


def test_every_web_api_method_the_code_calls_has_its_scope_listed() -> None:
    called: set[str] = set()
    for path in (ROOT / "handlers" / "slack").glob("*.py"):
        for match in _METHOD_CALL.finditer(path.read_text(encoding="utf-8")):
            called.add(match.group(3) or f"{match.group(1)}.{match.group(2)}")
    assert called, "the scan found no Web API call: the pattern is broken"
    unknown = called - set(ids.METHOD_SCOPES)
    assert not unknown, f"methods without a scope entry in handlers/slack/ids.py: {unknown}"
    # and no method is listed that nothing calls (files.download is the GET of url_private)
    unused = set(ids.METHOD_SCOPES) - called - {"files.download", "auth.test"}
    assert not unused, f"listed but never called: {unused}"


def test_every_button_id_is_an_action_of_the_one_table() -> None:
    assert set(ids.ACTION_IDS) == set(actions.ACTIONS)
