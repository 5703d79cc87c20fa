"""`shonin audit verify` on PostgreSQL names the draft whose caption was edited in the database.

The SQLite twin is in test_cli_audit.py. Runs whenever PostgreSQL answers; under CI=true it must
(tests/conftest.py fails the test then), otherwise it is skipped with the reason.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.database import create_engine
from tests.conftest import postgres_schema
from tests.fakes.images import jpeg

pytestmark = pytest.mark.postgres

SCRIPT = """\
as staff
post --media photo.jpg -- 12月の展示のお知らせです
as officer
click approve last
"""


def _shonin(
    args: list[str], cwd: Path, url: str, script: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHONIN_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=url,
        SHONIN_MEDIA_DIR=str(cwd / "media"),
        SHONIN_OUTBOX_DIR=str(cwd / "outbox"),
        SHONIN_LOCALE="en",
    )
    return subprocess.run(
        [sys.executable, "-m", "handlers.cli", *args],
        input=script,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


async def test_an_edited_caption_is_named_on_postgres(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    async with postgres_schema() as url:
        made = _shonin(["shell"], tmp_path, url, SCRIPT)
        assert made.returncode == 0, made.stdout + made.stderr
        found = re.search(r"\[draft (d[0-9a-z]{6})\]", made.stdout)
        assert found, made.stdout
        draft = found.group(1)
        intact = _shonin(["audit", "verify"], tmp_path, url)
        assert intact.returncode == 0, intact.stdout + intact.stderr

        engine = create_engine(url)
        try:
            async with engine.begin() as connection:
                edited = await connection.execute(
                    text("UPDATE revisions SET caption = '別の本文です' WHERE draft_id = :d"),
                    {"d": draft},
                )
                assert edited.rowcount == 1
        finally:
            await engine.dispose()

        result = _shonin(["audit", "verify"], tmp_path, url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"draft {draft}" in result.stdout and "revision 1" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
