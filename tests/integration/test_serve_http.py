"""`shonin serve`'s bare application: health and metrics, driven through aiohttp's test client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from handlers.serve import ServeOptions, Server, build_server
from handlers.settings import load_settings


@pytest.fixture
async def server(
    tmp_path: Path, default_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Server]:
    monkeypatch.chdir(tmp_path)  # no shonin.toml here: the built-in demo accounts
    env = {"DATABASE_URL": default_database_url}
    settings = load_settings(env)
    built = await build_server(
        settings, ServeOptions(host="127.0.0.1", port=0, scheduler=False), env, factories=[]
    )
    try:
        yield built
    finally:
        await built.close()


@pytest.fixture
async def client(server: Server) -> AsyncIterator[TestClient[object, object]]:
    async with TestClient(TestServer(server.http)) as test_client:
        yield test_client


async def test_healthz_answers_200_while_the_database_answers(
    client: TestClient[object, object],
) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert (await response.json())["status"] == "ok"


async def test_healthz_answers_503_when_the_database_is_gone(
    server: Server, client: TestClient[object, object]
) -> None:
    async def down() -> bool:
        return False

    server.app.ping = down  # type: ignore[method-assign]
    response = await client.get("/healthz")
    assert response.status == 503


async def test_metrics_are_prometheus_text_and_count_requests(
    client: TestClient[object, object],
) -> None:
    await client.get("/healthz")
    await client.get("/nowhere")
    response = await client.get("/metrics")
    assert response.status == 200
    assert response.content_type == "text/plain"
    body = await response.text()
    assert "# TYPE shonin_http_requests_total counter" in body
    assert 'shonin_http_requests_total{route="/healthz",status="200"} 1' in body
    assert 'status="404"' in body
    assert "shonin_http_request_seconds_bucket" in body
