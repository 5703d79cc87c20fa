"""Migrations match the models; engine settings; URL helpers never leak a password."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from storage import tables as t
from storage.database import create_engine, normalize_url, redact, upgrade
from tests.conftest import Backend


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, t.metadata))


async def test_migrated_schema_equals_the_models(sql_backend: Backend) -> None:
    assert sql_backend.engine is not None
    async with sql_backend.engine.connect() as connection:
        differences = await connection.run_sync(_diff)
        version = (
            await connection.exec_driver_sql("SELECT version_num FROM alembic_version")
        ).all()
    assert differences == []
    assert version == [("0009",)]


async def test_upgrade_twice_is_a_no_op(sql_backend: Backend) -> None:
    assert sql_backend.engine is not None
    await upgrade(sql_backend.engine)
    async with sql_backend.engine.connect() as connection:
        head = (await connection.execute(select(t.audit_head))).all()
    assert head == [(1, 0, "0" * 64)]


async def test_datetimes_come_back_aware_utc(sql_backend: Backend) -> None:
    assert sql_backend.engine is not None
    jst = timezone(timedelta(hours=9))
    start = datetime(2025, 4, 7, 9, 30, 15, 123456, tzinfo=jst)
    row = {
        "account_id": "art",
        "user_id": "slack:U1",
        "start_at": start,
        "end_at": start + timedelta(days=1),
        "reason": "",
        "set_by": "",
    }
    async with sql_backend.engine.begin() as connection:
        await connection.execute(insert(t.absences).values(row))
    async with sql_backend.engine.connect() as connection:
        stored = (await connection.execute(select(t.absences.c.start_at))).scalar_one()
    assert stored == start and stored.tzinfo is UTC
    assert stored.isoformat() == "2025-04-07T00:30:15.123456+00:00"


async def test_naive_datetime_is_refused_by_the_column_type(sql_backend: Backend) -> None:
    assert sql_backend.engine is not None
    row = {
        "account_id": "art",
        "user_id": "slack:U1",
        "start_at": datetime(2025, 4, 7),
        "end_at": datetime(2025, 4, 8),
        "reason": "",
        "set_by": "",
    }
    with pytest.raises(Exception, match="naive"):
        async with sql_backend.engine.begin() as connection:
            await connection.execute(insert(t.absences).values(row))


async def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path: Any) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.connect() as connection:
            mode = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar_one()
            keys = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar_one()
            timeout = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar_one()
    finally:
        await engine.dispose()
    assert (mode, keys, timeout) == ("wal", 1, 30000)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "sqlite+aiosqlite:///./shonin.db"),
        ("", "sqlite+aiosqlite:///./shonin.db"),
        ("postgresql://u:p@db:5432/shonin", "postgresql+asyncpg://u:p@db:5432/shonin"),
        ("postgres://u@db/shonin", "postgresql+asyncpg://u@db/shonin"),
        ("postgresql+asyncpg://u@db/shonin", "postgresql+asyncpg://u@db/shonin"),
        ("sqlite:///data/shonin.db", "sqlite+aiosqlite:///data/shonin.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_normalize_url(given: str | None, expected: str) -> None:
    assert normalize_url(given) == expected


def test_redact_hides_the_password() -> None:
    shown = redact("postgresql+asyncpg://shonin:s3cr%40t@db.example:5432/shonin")
    assert "s3cr" not in shown and "***" in shown and "db.example" in shown
    assert redact("not a url") == "<unparseable database URL>"


def test_unsupported_database_error_hides_the_password() -> None:
    with pytest.raises(ValueError) as caught:
        create_engine("mysql+aiomysql://root:hunter2@localhost/x")
    assert "hunter2" not in str(caught.value)
