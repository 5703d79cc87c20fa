"""Database fixtures shared by every test folder: in-memory, SQLite and PostgreSQL backends.

PostgreSQL: ``SHONIN_TEST_POSTGRES_URL`` (default below, trust auth). Each test gets a fresh
schema that is dropped afterwards. Unreachable server: skip, or fail when ``CI=true``.
``SHONIN_TEST_DB=postgres`` points ``default_database_url`` at PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from chatbot.ports import UnitOfWork
from storage.database import SEARCH_PATH_PARAM, create_engine, redact, upgrade
from storage.memory import InMemoryStore
from storage.unit_of_work import SqlUnitOfWorkFactory

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://root@127.0.0.1:5432/test"
POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)


def postgres_base_url() -> str:
    return os.environ.get("SHONIN_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL


def _postgres_unavailable(url: str, error: BaseException) -> NoReturn:
    reason = f"PostgreSQL not reachable at {redact(url)} ({type(error).__name__}: {error})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true requires it")
    pytest.skip(f"{reason}; set SHONIN_TEST_POSTGRES_URL or run with CI=true where it is available")


@asynccontextmanager
async def postgres_schema() -> AsyncIterator[str]:
    """A URL whose search_path is a fresh, empty schema; the schema is dropped afterwards."""
    base = postgres_base_url()
    schema = f"shonin_t_{secrets.token_hex(6)}"
    admin = create_engine(base, connect_args={"timeout": 5})
    try:
        async with admin.begin() as connection:
            await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except Exception as error:  # any failure to connect means: no server for this run
        await admin.dispose()
        _postgres_unavailable(base, error)
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}{SEARCH_PATH_PARAM}={schema}"
    finally:
        async with admin.begin() as connection:
            await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.dispose()


@asynccontextmanager
async def database_url(kind: str, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, not yet migrated database of the given kind ("sqlite" or "postgres")."""
    if kind == "postgres":
        async with postgres_schema() as url:
            yield url
    else:
        yield f"sqlite+aiosqlite:///{tmp_path / 'shonin-test.db'}"


@dataclass
class Backend:
    """One storage backend under test and how to open units of work on it."""

    name: str
    make_uow: Callable[[], UnitOfWork]
    engine: AsyncEngine | None = None
    store: InMemoryStore | None = None


@asynccontextmanager
async def open_backend(kind: str, tmp_path: Path) -> AsyncIterator[Backend]:
    if kind == "memory":
        store = InMemoryStore()
        yield Backend("memory", store.unit_of_work, store=store)
        return
    async with database_url(kind, tmp_path) as url:
        engine = create_engine(url)
        try:
            await upgrade(engine)
            yield Backend(kind, SqlUnitOfWorkFactory(engine), engine=engine)
        finally:
            await engine.dispose()


@pytest.fixture(params=["memory", "sqlite", POSTGRES])
async def db_backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    """Every backend, migrated and empty: the contract suite runs once per backend."""
    async with open_backend(request.param, tmp_path) as backend:
        yield backend


@pytest.fixture(params=["sqlite", POSTGRES])
async def sql_backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    """The real databases only, migrated and empty."""
    async with open_backend(request.param, tmp_path) as backend:
        yield backend


@pytest.fixture
def make_uow(db_backend: Backend) -> Callable[[], UnitOfWork]:
    return db_backend.make_uow


@pytest.fixture
async def default_database_url(tmp_path: Path) -> AsyncIterator[str]:
    """An empty, not migrated database URL: SQLite, or PostgreSQL when SHONIN_TEST_DB=postgres."""
    kind = "postgres" if os.environ.get("SHONIN_TEST_DB") == "postgres" else "sqlite"
    async with database_url(kind, tmp_path) as url:
        yield url
