"""Engines, URLs and migrations: the only place that knows which database driver is in use."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

DEFAULT_URL = "sqlite+aiosqlite:///./shonin.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# asyncpg rejects unknown connect arguments, so a schema chosen in the URL is moved into
# the server settings (this is how tests isolate themselves in a fresh schema).
SEARCH_PATH_PARAM = "search_path"
# PostgreSQL connections a process keeps open between uses, and how many more it may open at a
# busy moment (closed again when returned). A publishing worker holds up to about ten at once
# (claims side by side, grouped step commits, the outbox); with SQLAlchemy's default of five kept,
# every burst opened and closed the rest again: a server process started each time, and each
# new connection's prepared statements made anew. The most at once stays 15, as before.
POOL_SIZE = 10
POOL_OVERFLOW = 5


def normalize_url(url: str | None) -> str:
    """Point a plain PostgreSQL or SQLite URL at the async driver shonin uses."""
    if not url or not url.strip():
        return DEFAULT_URL
    url = url.strip()
    for prefix in (
        "postgresql://",
        "postgres://",
        "postgresql+psycopg2://",
        "postgresql+psycopg://",
    ):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    if url.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + url[len("sqlite://") :]
    return url


def redact(url: str | URL) -> str:
    """The URL with its password hidden, for logs and error messages."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        return "<unparseable database URL>"
    return parsed.render_as_string(hide_password=True)


def create_engine(url: str | None = None, **kwargs: Any) -> AsyncEngine:
    """An async engine for the URL; SQLite gets WAL, foreign keys and serialised writers."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() == "postgresql":
        return _create_postgres_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        return _create_sqlite_engine(parsed, **kwargs)
    raise ValueError(f"unsupported database: {redact(parsed)}")


def _create_postgres_engine(url: URL, **kwargs: Any) -> AsyncEngine:
    search_path = url.query.get(SEARCH_PATH_PARAM)
    if search_path:
        url = url.difference_update_query([SEARCH_PATH_PARAM])
        connect_args = dict(kwargs.pop("connect_args", {}))
        settings = dict(connect_args.get("server_settings", {}))
        settings["search_path"] = str(search_path)
        connect_args["server_settings"] = settings
        kwargs["connect_args"] = connect_args
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", POOL_SIZE)
    kwargs.setdefault("max_overflow", POOL_OVERFLOW)
    return create_async_engine(url, **kwargs)


def _create_sqlite_engine(url: URL, **kwargs: Any) -> AsyncEngine:
    folder = _sqlite_folder(url)
    if folder is not None and not folder.is_dir():
        # Said before any connection: SQLite would only say "unable to open database file".
        raise FileNotFoundError(errno.ENOENT, "database folder does not exist", str(folder))
    engine = create_async_engine(url, **kwargs)
    event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
    event.listen(engine.sync_engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # The driver's own BEGIN is deferred; taking over BEGIN lets every transaction take the
    # write lock up front, so that concurrent writers wait (busy_timeout) instead of failing
    # with SQLITE_BUSY_SNAPSHOT when a read transaction later tries to write.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config() -> Config:
    """Alembic's configuration, built in code: no alembic.ini is needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _upgrade_sync(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade(url_or_engine: str | AsyncEngine | None = None, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (``shonin db upgrade``)."""
    if isinstance(url_or_engine, AsyncEngine):
        engine, owned = url_or_engine, False
    else:
        engine, owned = create_engine(url_or_engine), True
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade_sync, revision)
    finally:
        if owned:
            await engine.dispose()


async def probe_writable(engine: AsyncEngine) -> None:
    """Fail now, not at the first command, when the database cannot be written (read-only).

    The probe rewrites the audit head with its own values and rolls back: nothing changes.
    """
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            await connection.execute(text("UPDATE audit_head SET count = count"))
        finally:
            await transaction.rollback()


def describe_failure(error: BaseException, url: str | None) -> tuple[str, dict[str, Any]] | None:
    """Why the database at ``url`` cannot be used, as a message key and its arguments.

    None when ``error`` is not about opening or writing the database (a bug: let it surface).
    """
    text = str(getattr(error, "orig", None) or error)
    parsed = _parse(url)
    if isinstance(error, NoSuchModuleError) or (
        isinstance(error, ValueError) and str(error).startswith("unsupported database")
    ):
        return "db.reason.unsupported", {}
    if not isinstance(error, DBAPIError | OSError):
        return None
    if "file is not a database" in text or "database disk image is malformed" in text:
        return "db.reason.corrupt", {}
    if "readonly" in text or "read-only" in text:
        return "db.reason.read_only", {}
    folder = _sqlite_folder(parsed)
    if folder is not None and not folder.is_dir():
        return "db.reason.no_folder", {"folder": str(folder)}
    if "unable to open database file" in text:
        return "db.reason.cannot_open", {}
    reason = getattr(error, "strerror", None) or (text.splitlines() or [type(error).__name__])[0]
    return "db.reason.unreachable", {"error": str(reason)[:200]}


def _parse(url: str | None) -> URL | None:
    try:
        return make_url(normalize_url(url))
    except ArgumentError:
        return None


def _sqlite_folder(url: URL | None) -> Path | None:
    if url is None or url.get_backend_name() != "sqlite" or not url.database:
        return None
    if url.database == ":memory:" or url.database.startswith("file:"):
        return None
    return Path(url.database).expanduser().parent
