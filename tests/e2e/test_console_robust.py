"""Bad input through the real `shonin` command, as a person or a script drives it (issue 7)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def shonin(
    args: list[str], cwd: Path, stdin: bytes | str = b"", **env: str
) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SHONIN_", "DATABASE_URL"))}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "handlers.cli", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env={**base, **env},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("word", "ja", "en"),
    [
        ("garbage", "設定（shonin.toml）にない利用者", "is not a user in the configuration"),
        ("slack:garbage", "Slack の利用者IDではない", "slack:U0123ABCD"),
        ("teams:29:abc", "Teams の利用者IDではない", "teams:00000000-0000-0000-0000-000000000000"),
    ],
)
def test_roles_set_refuses_unknown_users_and_changes_nothing(
    tmp_path: Path, word: str, ja: str, en: str
) -> None:
    for locale, expected in (("ja", ja), ("en", en)):
        script = f"as admin\n/shonin roles set deputy {word}\n/shonin roles\n"
        result = shonin(["shell"], tmp_path, script, SHONIN_LOCALE=locale)
        out = result.stdout.decode()
        assert result.returncode == 1, out  # a refused command: the script can tell
        assert expected in out and "Traceback" not in out + result.stderr.decode()
        assert f"deputy {word}" not in out.split("> /shonin roles\n")[1]
    with sqlite3.connect(tmp_path / "shonin.db") as db:
        assert not [
            r for r in db.execute("SELECT 1 FROM audit_entries WHERE action = 'roles.changed'")
        ]


def test_roles_set_accepts_a_slack_id(tmp_path: Path) -> None:
    script = "as admin\n/shonin roles set deputy slack:U0123ABCD\n"
    result = shonin(["shell"], tmp_path, script)
    assert result.returncode == 0, result.stdout.decode()
    with sqlite3.connect(tmp_path / "shonin.db") as db:
        changed = list(db.execute("SELECT details FROM audit_entries WHERE action='roles.changed'"))
    assert len(changed) == 1 and "slack:U0123ABCD" in changed[0][0]
