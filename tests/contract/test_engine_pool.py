"""A PostgreSQL engine keeps the connections a busy worker uses at once: a second burst of as
many transactions opens no new connection (a new one is a new server process, and its prepared
statements are made again)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import event, text

from storage.database import create_engine
from tests.conftest import postgres_schema

pytestmark = pytest.mark.postgres

AT_ONCE = 8  # about what a publishing worker holds at once in a burst


async def test_a_second_burst_reuses_the_connections_of_the_first() -> None:
    async with postgres_schema() as url:
        engine = create_engine(url)
        opened: list[Any] = []
        event.listen(engine.sync_engine, "connect", lambda *args: opened.append(args))
        both = asyncio.Barrier(AT_ONCE)

        async def hold() -> None:
            async with engine.connect() as connection:
                await both.wait()  # all of them checked out at once
                await connection.execute(text("SELECT 1"))

        try:
            await asyncio.gather(*(hold() for _ in range(AT_ONCE)))
            assert len(opened) == AT_ONCE
            await asyncio.gather(*(hold() for _ in range(AT_ONCE)))
            assert len(opened) == AT_ONCE  # none closed in between, none opened again
        finally:
            await engine.dispose()
