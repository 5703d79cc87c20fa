"""manifest.yml is a valid Slack app manifest (Slack's published schema, in ../shared/slack/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

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
