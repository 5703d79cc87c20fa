"""teams/manifest.json and `shonin teams package`: ids, required fields, commands, icons."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from chatbot.services.slash import is_command
from handlers.cli import main
from handlers.teams.package import PLACEHOLDER, PackageError, build_package, fill, read_manifest

APP_ID = "0b6f4c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return read_manifest()


def test_the_manifest_has_the_required_fields_and_https_links(manifest: dict[str, Any]) -> None:
    for key in ("$schema", "manifestVersion", "version", "id", "developer", "name",
                "description", "icons", "accentColor", "bots"):  # fmt: skip
        assert manifest.get(key), key
    assert manifest["$schema"].endswith(
        f"/v{manifest['manifestVersion']}/MicrosoftTeams.schema.json"
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert all(manifest["developer"][k].startswith("https://")
               for k in ("websiteUrl", "privacyUrl", "termsOfUseUrl"))  # fmt: skip
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["description"]["short"]) <= 80
    assert len(manifest["description"]["full"]) <= 4000
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", manifest["accentColor"])
    assert manifest["id"] == PLACEHOLDER and manifest["bots"][0]["botId"] == PLACEHOLDER


def test_the_bot_declares_its_scopes_and_every_command_is_handled(manifest: dict[str, Any]) -> None:
    (bot,) = manifest["bots"]
    assert sorted(bot["scopes"]) == ["personal", "team"]
    assert bot["supportsFiles"] is True  # images attached in a personal chat
    lists = bot["commandLists"]
    assert sorted(scope for entry in lists for scope in entry["scopes"]) == ["personal", "team"]
    for entry in lists:
        assert len(entry["commands"]) <= 12
        for command in entry["commands"]:
            assert is_command(command["title"]), command["title"]
            assert len(command["title"]) <= 32 and len(command["description"]) <= 128
            assert JAPANESE.search(command["description"]), command


def test_the_package_holds_the_filled_manifest_and_both_icons(tmp_path: Path) -> None:
    out = build_package(APP_ID, tmp_path / "out" / "shonin.zip")
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        color = Image.open(io.BytesIO(archive.read("color.png")))
        outline = Image.open(io.BytesIO(archive.read("outline.png")))
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert PLACEHOLDER not in json.dumps(manifest)
    assert color.size == (192, 192) and outline.size == (32, 32)
    rgba = outline.convert("RGBA")
    pixels = [rgba.getpixel((x, y)) for x in range(32) for y in range(32)]
    assert {p[:3] for p in pixels if p[3]} == {(255, 255, 255)}  # white on transparent
    assert any(p[3] == 0 for p in pixels)


def test_an_app_id_that_is_not_a_guid_is_refused(manifest: dict[str, Any]) -> None:
    with pytest.raises(PackageError) as refused:
        fill(manifest, "my-bot")
    assert "GUID" in refused.value.ja and "GUID" in refused.value.en


def test_shonin_teams_package_writes_the_zip_or_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("MICROSOFT_APP_ID", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID",
                 "SHONIN_CONFIG"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    assert main(["teams", "package"]) == 78
    err = capsys.readouterr().err
    assert "アプリID" in err and "no app id" in err and err.count("\n") == 1
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    assert main(["teams", "package", "-o", "app.zip"]) == 0
    assert "app.zip" in capsys.readouterr().out
    assert zipfile.ZipFile(tmp_path / "app.zip").namelist()


def test_serve_refuses_teams_without_credentials_in_one_bilingual_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "SHONIN_TEAMS_DEV_NO_AUTH",
                 "SHONIN_CONFIG"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "shonin.toml").write_text(
        '[[accounts]]\nid = "city"\ninstagram_user_id = "1"\npolicy_pack = "kumamoto-artistspot"\n'
        '[accounts.channels]\nteams = "19:x@thread.tacv2"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/db.sqlite")
    assert main(["serve", "--no-scheduler"]) == 78
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "SHONIN_TEAMS_DEV_NO_AUTH=1" in err
    assert "shonin serve を開始できません" in err and "shonin serve cannot start" in err
