"""A piped console session, as the console e2e tests run it: a sandboxed console on the test's
database, with its outbox and media folders under the test's tmp_path."""

from __future__ import annotations

import io
from pathlib import Path

from handlers.cli import console
from handlers.settings import load_settings


def console_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    """The environment the session's settings are read from."""
    return {
        "DATABASE_URL": database_url,
        "SHONIN_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SHONIN_MEDIA_DIR": str(tmp_path / "media"),
    }


async def run_console(script: str, tmp_path: Path, database_url: str) -> tuple[int, str]:
    """Pipe the script into a sandboxed console; its exit code and everything it printed."""
    settings = load_settings(environ=console_env(tmp_path, database_url), path=None)
    out = io.StringIO()
    code = await console(settings, io.StringIO(script), out, sandbox=True)
    return code, out.getvalue()


def replies(output: str, command: str) -> str:
    """What the console printed after ``command`` until the next command."""
    return output.split(f"> {command}\n", 1)[1].split("\n> ", 1)[0]
