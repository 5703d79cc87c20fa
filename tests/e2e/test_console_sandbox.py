"""Time moves only in a sandbox: `clock` is refused on a real database, allowed in `shonin demo`
and `shonin shell --sandbox`, which leave nothing behind. Driven as a person would: piped sessions
through the real `shonin` command."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.fakes.images import jpeg


def _shonin(
    args: list[str], script: str, cwd: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SHONIN_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-m", "handlers.cli", *args],
        input=script,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**base, **env},
        timeout=120,
        check=False,
    )


def _real_session(tmp_path: Path) -> str:
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    wished = (datetime.now() + timedelta(days=20)).strftime("%Y-%m-%dT10:00")
    return "\n".join(
        [
            "as staff",
            f"post --at {wished} --media photo.jpg -- 冬の作品展のお知らせです。入場無料です。",
            "as officer",
            "click approve last",
            "clock +30d",
            "clock 2099-01-05T10:00+09:00",
            "run-due",
        ]
    )


@pytest.mark.parametrize(
    ("locale", "refusal"),
    [("ja", "時計を動かせるのはお試し環境"), ("en", "The clock can only be moved in a sandbox")],
)
def test_the_clock_cannot_move_in_a_real_database(
    tmp_path: Path, locale: str, refusal: str
) -> None:
    result = _shonin(["shell"], _real_session(tmp_path), tmp_path, SHONIN_LOCALE=locale)
    assert result.returncode == 1, result.stdout  # a piped session with a refusal exits 1
    assert result.stdout.count(refusal) == 2, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    with sqlite3.connect(tmp_path / "shonin.db") as db:
        states = [row[0] for row in db.execute("SELECT state FROM drafts")]
        stamps = [row[0] for row in db.execute("SELECT at FROM audit_entries ORDER BY seq")]
    assert states == ["scheduled"]  # nothing published early
    assert not (tmp_path / "outbox").exists() or not any((tmp_path / "outbox").iterdir())
    assert stamps == sorted(stamps) and stamps[-1] < "2099"  # the real time, in order


@pytest.mark.parametrize("args", [["demo"], ["shell", "--sandbox"]])
def test_the_sandbox_moves_the_clock_and_leaves_nothing_behind(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    script = "\n".join(
        [
            "clock 2026-12-01T09:00+09:00",
            "as staff",
            "post --at 2026-12-07T10:00 --media photo.jpg -- 12月7日(月)10:00から作品展を開催します。",
            "as officer",
            "click approve last",
            "clock 2026-12-07T10:00+09:00",
            "run-due",
            "click confirm last",
        ]
    )
    result = _shonin(args, script, tmp_path, SHONIN_LOCALE="en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Sandbox: a throw-away database" in result.stderr
    assert "published 1," in result.stdout and "state=confirmed" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.jpg"]


def test_demo_uses_the_demo_accounts_even_with_a_config(tmp_path: Path) -> None:
    (tmp_path / "shonin.toml").write_text(
        '[[accounts]]\nid = "office"\n[accounts.roles]\nofficer = "console:boss"\n', "utf-8"
    )
    result = _shonin(["demo"], "account kumamoto-artistspot\n", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "アーティストスポット熊本" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shonin.toml"]
