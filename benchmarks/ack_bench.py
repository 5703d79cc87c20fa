"""Ack latency of `shonin serve`'s Slack endpoint against a bare Bolt app that only acks.

Run: ``python benchmarks/ack_bench.py [--clients 50] [--requests 2000] [--rounds 4]``. Both
servers listen on loopback in this process and take turns in alternating rounds; the fake Slack
Web API (tests/fake_servers) and the N concurrent clients each run in their own process, as
Slack would. Both servers get the same mix of v0-signed requests (half `/shonin help` commands,
half button clicks on a draft the clicker may not decide). Prints p50/p95/p99 ack latency and
throughput side by side, and the p99 ratio (target: shonin ≤ 1.5 × bare). shonin does its real
work after each ack (the reply through response_url, the refusal through chat.postEphemeral) in
the same process, so that work competes with the acks as in production.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import logging
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request  # noqa: E402
from slack_bolt.async_app import AsyncApp  # noqa: E402
from slack_sdk.web.async_client import AsyncWebClient  # noqa: E402

from handlers.serve import ServeOptions, build_server, settle_heap, slack_component  # noqa: E402
from handlers.settings import load_settings  # noqa: E402
from tests.fake_servers.slack_api import fake_slack_api  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
CONFIG = """
[[accounts]]
id = "art"
display_name = "Art"
policy_pack = "kumamoto-artistspot"
[accounts.channels]
slack = "C0BENCH"
[accounts.roles]
officer = "slack:U0OFFICER"
staff = ["slack:U0STAFF"]
"""


def _signed(body: str, content_type: str) -> dict[str, str]:
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
    }


def _requests(root: str, count: int) -> list[str]:
    bodies = []
    for i in range(count):
        if i % 2:
            form = {
                "command": "/shonin",
                "text": "help",
                "user_id": "U0STAFF",
                "channel_id": "C0BENCH",
                "team_id": "T0001",
                "trigger_id": f"t{i}",
                "response_url": f"{root}/response/{i}",
            }
        else:
            payload = {
                "type": "block_actions",
                "user": {"id": "U0STRANGER"},
                "team": {"id": "T0001"},
                "trigger_id": f"t{i}",
                "container": {"type": "message", "channel_id": "C0BENCH", "message_ts": "1.1"},
                "actions": [
                    {"action_id": "approve", "value": json.dumps({"d": "dbench1", "r": 1})}
                ],
            }
            form = {"payload": json.dumps(payload)}
        bodies.append(urlencode(form))
    return bodies


async def _load(url: str, bodies: list[str], clients: int) -> tuple[list[float], float]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def client() -> None:
            while not queue.empty():
                body = queue.get_nowait()
                headers = _signed(body, "application/x-www-form-urlencoded")
                started = time.perf_counter()
                async with session.post(url, data=body.encode(), headers=headers) as response:
                    await response.read()
                    if response.status != 200:
                        raise RuntimeError(f"status {response.status}")
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, elapsed


def _load_process(url: str, bodies: list[str], clients: int) -> tuple[list[float], float]:
    return asyncio.run(_load(url, bodies, clients))


def _fake_process(conn: Any) -> None:
    async def serve() -> None:
        async with fake_slack_api() as fake:
            conn.send(fake.base_url)
            await asyncio.get_running_loop().run_in_executor(None, conn.recv)

    logging.disable(logging.WARNING)
    asyncio.run(serve())


async def _load_elsewhere(
    pool: Any, url: str, bodies: list[str], clients: int
) -> tuple[list[float], float]:
    job = pool.apply_async(_load_process, (url, bodies, clients))
    return await asyncio.get_running_loop().run_in_executor(None, job.get)


async def _listen(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}/slack/events"


def _bare_bolt(api_url: str) -> web.Application:
    bolt = AsyncApp(signing_secret=SECRET, client=AsyncWebClient(token=TOKEN, base_url=api_url))
    Ack = Callable[[], Awaitable[None]]

    @bolt.command("/shonin")
    async def command(ack: Ack) -> None:
        await ack()

    @bolt.action("approve")
    async def action(ack: Ack) -> None:
        await ack()

    async def handle(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    app = web.Application()
    app.router.add_post("/slack/events", handle)
    return app


async def _drain(server: Any) -> None:
    """Let shonin's work after the acks finish before the next run (and before closing)."""
    for component in server.components:
        context = getattr(component, "context", None)
        if context is not None:
            await context.drain()


def _figures(latencies: list[float], elapsed: float) -> dict[str, float]:
    ordered = sorted(latencies)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "p50_ms": q[49] * 1000,
        "p95_ms": q[94] * 1000,
        "p99_ms": q[98] * 1000,
        "max_ms": ordered[-1] * 1000,
        "per_s": len(ordered) / elapsed,
    }


async def run(clients: int, count: int, rounds: int = 4) -> dict[str, Any]:
    logging.disable(logging.WARNING)
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    fake_process = context.Process(target=_fake_process, args=(theirs,), daemon=True)
    fake_process.start()
    try:
        api_url = await asyncio.get_running_loop().run_in_executor(None, ours.recv)
        with context.Pool(1) as pool:
            return await _measure(api_url, pool, clients, count, rounds)
    finally:
        ours.send("stop")
        fake_process.join(10)


async def _measure(
    api_url: str, pool: Any, clients: int, count: int, rounds: int
) -> dict[str, Any]:
    root = api_url.removesuffix("/api/")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "shonin.toml").write_text(CONFIG, encoding="utf-8")
        env = {
            "DATABASE_URL": f"sqlite+aiosqlite:///{folder}/bench.db",
            "SHONIN_MEDIA_DIR": f"{folder}/media",
            "SHONIN_OUTBOX_DIR": f"{folder}/outbox",
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": api_url,
        }
        settings = load_settings(env, Path(folder) / "shonin.toml")
        options = ServeOptions(host="127.0.0.1", port=0, scheduler=False)
        server = await build_server(settings, options, env, factories=[slack_component])
        shonin_runner, shonin_url = await _listen(server.http)
        bare_runner, bare_url = await _listen(_bare_bolt(api_url))
        bodies = _requests(root, count)
        settle_heap()  # as `shonin serve` does before it listens (both servers share this heap)
        results: dict[str, Any] = {}
        try:
            for url in (shonin_url, bare_url):  # warm both (auth.test, imports, connections)
                await _load_elsewhere(pool, url, bodies[:100], 10)
            await _drain(server)
            # The two servers take turns, in alternating order, so that a change in the shared
            # machine's load during the run weighs on both alike rather than on whichever ran
            # second; each server's figures are over all its rounds.
            servers = {"bare Bolt": bare_url, "shonin": shonin_url}
            latencies: dict[str, list[float]] = {name: [] for name in servers}
            elapsed: dict[str, float] = dict.fromkeys(servers, 0.0)
            share = max(1, len(bodies) // rounds)
            for index in range(rounds):
                part = bodies[index * share : (index + 1) * share]
                order = list(servers) if index % 2 == 0 else list(reversed(servers))
                for name in order:
                    took, seconds = await _load_elsewhere(pool, servers[name], part, clients)
                    latencies[name] += took
                    elapsed[name] += seconds
                    await _drain(server)
            for name in servers:
                results[name] = _figures(latencies[name], elapsed[name])
        finally:
            await shonin_runner.cleanup()
            await bare_runner.cleanup()
            await server.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=4, help="turns each server takes")
    args = parser.parse_args()
    results = asyncio.run(run(args.clients, args.requests, args.rounds))
    print(
        f"{args.requests} signed requests (commands + clicks) to each server, {args.clients} "
        f"clients, loopback, in {args.rounds} alternating rounds"
    )
    print(f"{'':10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>8}")
    for name, f in results.items():
        print(
            f"{name:10} {f['p50_ms']:8.1f} {f['p95_ms']:8.1f} {f['p99_ms']:8.1f} "
            f"{f['max_ms']:8.1f} {f['per_s']:8.0f}"
        )
    ratio = results["shonin"]["p99_ms"] / results["bare Bolt"]["p99_ms"]
    print(f"p99 ratio shonin / bare Bolt: {ratio:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
