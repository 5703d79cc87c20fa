"""Serving a fake's aiohttp application on an ephemeral loopback port, in the test's own loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from aiohttp.test_utils import TestServer


@asynccontextmanager
async def on_loopback(app: web.Application) -> AsyncIterator[TestServer]:
    """The app served on 127.0.0.1 at a free port until the block ends (``make_url`` for its
    address); never on another interface."""
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    try:
        yield server
    finally:
        await server.close()
