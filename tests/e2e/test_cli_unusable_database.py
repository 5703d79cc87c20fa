"""A database shonin cannot use, or a config it cannot read: one clear bilingual line, exit 70 or
78, no traceback, nothing written (issue 7). Driven through the real `shonin` command."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from tests.e2e.test_console_robust import shonin

COMMANDS = [["shell"], ["demo"], ["audit", "verify"], ["run-due"], ["db", "upgrade"]]


def _one_bilingual_line(err: str, ja: str, en: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert ja in lines[0] and en in lines[0], lines[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != ["demo"]])
def test_a_corrupt_database_file(tmp_path: Path, command: list[str]) -> None:
    database = tmp_path / "shonin.db"
    database.write_bytes(os.urandom(8192))
    before = _digest(database)
    result = shonin(
        command, tmp_path, "post 展示のお知らせ\n", DATABASE_URL=f"sqlite:///{database}"
    )
    assert result.returncode == 70, result.stdout
    _one_bilingual_line(
        result.stderr.decode(), "壊れています", "not an SQLite database or is damaged"
    )
    assert _digest(database) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shonin.db"]  # no -wal, no media


@pytest.mark.parametrize("url", ["mysql://shonin:pw-secret-1@db/shonin", "nonsense", "foo://bar"])
def test_an_unsupported_database_url(tmp_path: Path, url: str) -> None:
    result = shonin(["shell"], tmp_path, "post x\n", DATABASE_URL=url)
    err = result.stderr.decode()
    assert result.returncode == 78, err
    assert "Traceback" not in err and "pw-secret-1" not in err
    assert "DATABASE_URL" in err and "sqlite+aiosqlite:///" in err
    assert "設定エラー" in err and "Configuration error" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS[:1] + COMMANDS[2:])
def test_a_database_folder_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'shonin.db'}"
    result = shonin(command, tmp_path, "post x\n", DATABASE_URL=url)
    assert result.returncode == 78, result.stdout
    _one_bilingual_line(result.stderr.decode(), "がありません", "does not exist")
    assert list(tmp_path.iterdir()) == []  # the folder was not created either


def _existing_database(tmp_path: Path) -> Path:
    result = shonin(["shell"], tmp_path, "/shonin queue\n")
    assert result.returncode == 0, result.stderr.decode()
    database = tmp_path / "shonin.db"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA journal_mode=DELETE")  # one file, so that "nothing written" is exact
    return database


def test_a_database_opened_read_only(tmp_path: Path) -> None:
    database = _existing_database(tmp_path)
    before = _digest(database)
    url = f"sqlite+aiosqlite:///file:{database}?mode=ro&uri=true"
    result = shonin(["shell"], tmp_path, "post 展示のお知らせ\n", DATABASE_URL=url)
    assert result.returncode == 70, result.stdout
    _one_bilingual_line(result.stderr.decode(), "読み取り専用", "read-only")
    assert _digest(database) == before
    assert b"> post" not in result.stdout  # refused before the session started


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a chmod 444 file anyway")
def test_a_read_only_database_file(tmp_path: Path) -> None:
    database = _existing_database(tmp_path)
    before = _digest(database)
    database.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        result = shonin(["shell"], tmp_path, "post 展示のお知らせ\n")
    finally:
        tmp_path.chmod(0o755)
    assert result.returncode == 70, result.stdout
    _one_bilingual_line(result.stderr.decode(), "読み取り専用", "read-only")
    assert _digest(database) == before


def test_shonin_toml_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "shonin.toml").mkdir()
    result = shonin(["shell"], tmp_path, "post x\n")
    err = result.stderr.decode()
    assert result.returncode == 78, err
    assert "フォルダー" in err and "is a folder, not a file" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shonin.toml"]


def test_a_partial_shonin_toml_keeps_the_demo_accounts(tmp_path: Path) -> None:
    (tmp_path / "shonin.toml").write_text("[ui]\nlocale = 'en'\n", "utf-8")
    script = "account kokuraminami\nas officer\n/shonin roles\n"
    result = shonin(["shell"], tmp_path, script)
    out = result.stdout.decode()
    assert result.returncode == 0, out + result.stderr.decode()
    assert "(account kokuraminami: 小倉南区役所)" in out and "console:officer" in out
