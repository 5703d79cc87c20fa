"""shonin.toml as a folder or a partial file, and database URLs shonin cannot use (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.settings import ConfigError, demo_accounts, load_settings


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("how", ["cwd", "env", "path"])
def test_a_config_that_is_a_folder_is_named_as_such(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "shonin.toml"
    folder.mkdir()
    env = {"SHONIN_CONFIG": str(folder)} if how == "env" else {}
    with pytest.raises(ConfigError) as caught:
        load_settings(env, folder if how == "path" else None)
    message = str(caught.value)
    assert "フォルダー" in message and "is a folder, not a file" in message
    assert str(folder) in message


@pytest.mark.parametrize("text", ["", "[ui]\nlocale = 'en'\n", "[logging]\nlevel = 'debug'\n"])
def test_a_partial_file_keeps_the_demo_accounts(tmp_path: Path, text: str) -> None:
    path = tmp_path / "shonin.toml"
    path.write_text(text, "utf-8")
    settings = load_settings({}, path)
    accounts, roles = demo_accounts()
    assert settings.accounts == accounts and dict(settings.roles) == roles
    if "locale" in text:
        assert settings.locale == "en"


def test_a_file_that_declares_accounts_uses_only_its_own(tmp_path: Path) -> None:
    path = tmp_path / "shonin.toml"
    path.write_text("[ui]\nlocale = 'en'\n[[accounts]]\nid = 'office'\n", "utf-8")
    settings = load_settings({}, path)
    assert [a.id for a in settings.accounts] == ["office"]


def test_instagram_without_declared_accounts_is_still_an_error(tmp_path: Path) -> None:
    path = tmp_path / "shonin.toml"
    path.write_text("[publishing]\npublisher = 'instagram'\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings({}, path)
    assert "accounts" in str(caught.value)


@pytest.mark.parametrize(
    "url",
    ["mysql://user:hunter22@db/x", "foo://bar", "mssql+pyodbc://u:hunter22@h/d", "oracle://h"],
)
def test_unsupported_database_urls_are_config_errors_without_the_password(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"DATABASE_URL": url})
    message = str(caught.value)
    assert "DATABASE_URL" in message and "unsupported database" in message
    assert "対応していないデータベース" in message and "hunter22" not in message


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///x.db",
        "sqlite+aiosqlite:///x.db",
        "postgresql://u@h/d",
        "postgres://u@h/d",
        "postgresql+asyncpg://u@h/d",
        "postgresql+psycopg2://u@h/d",
        "postgresql+psycopg://u@h/d",
    ],
)
def test_supported_database_urls_load(url: str) -> None:
    assert load_settings({"DATABASE_URL": url}).database_url == url
