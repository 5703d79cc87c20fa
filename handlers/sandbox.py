"""The sandbox: `shonin demo` and `shonin shell --sandbox` run on a throw-away database.

Only here may the console move its clock: a moved clock in a real database would publish posts
early and stamp the audit log with a false time. Everything the session writes (database, media,
outbox) lives in a temporary folder that is deleted when the session ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory
from types import MappingProxyType

from handlers.settings import Settings, demo_accounts


@contextmanager
def sandbox_settings(settings: Settings, *, demo: bool) -> Iterator[Settings]:
    """``settings`` pointed at a fresh temporary folder; ``demo`` also uses the demo accounts."""
    with TemporaryDirectory(prefix="shonin-sandbox-") as folder:
        root = Path(folder)
        sandboxed = replace(
            settings,
            database_url=f"sqlite+aiosqlite:///{root / 'shonin.db'}",
            outbox_dir=root / "outbox",
            media_dir=root / "media",
            publisher="outbox",
        )
        if demo:
            accounts, roles = demo_accounts()
            sandboxed = replace(sandboxed, accounts=accounts, roles=MappingProxyType(roles))
        yield sandboxed
