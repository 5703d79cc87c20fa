"""Scheduler benchmark: posts due in the same minute, published by 1, 2 and 4 real workers.

    python benchmarks/scheduler_bench.py                 # 1,000 posts, 200 accounts, 100 ms
    python benchmarks/scheduler_bench.py --posts 200     # a quick run
    python benchmarks/scheduler_bench.py --workers 1 2   # some worker counts only
    python benchmarks/scheduler_bench.py --profile       # cProfile one in-process worker instead
    python benchmarks/scheduler_bench.py --loop asyncio  # workers and rig without uvloop

Each run: a fresh PostgreSQL schema (SHONIN_TEST_POSTGRES_URL, default the local test server), the
fake Graph API with the given latency on every call (it fetches every image like Instagram), the
media route, and N `shonin worker` subprocesses started *before* the posts become due (and left
to finish their start-up passes and go idle). The posts are seeded for tomorrow, then made due at
one instant (the slot); the clock stops when the last is published. Prints throughput,
slot→publish delay p50/p99, duplicates (must be 0) and the scaling ratio against one worker.
``--profile`` also counts the SQL statements per published post, by statement and table.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, event, select

from handlers.event_loop import loop_factory
from storage import tables as t
from storage.database import create_engine
from tests.conftest import postgres_schema
from tests.fake_servers.publish_rig import PublishRig


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def until_idle(pids: list[int], within: float = 120.0) -> None:
    """Wait until the workers have started (imports, migrations, their first passes: token
    health, reminders, expiry over every account) and sit idle: none used more than 2 % of a CPU
    over a second, twice running. The slot comes after that."""
    await asyncio.sleep(2)
    deadline, quiet = time.monotonic() + within, 0
    while time.monotonic() < deadline and quiet < 2:
        before = [cpu_seconds(pid) for pid in pids]
        await asyncio.sleep(1)
        busy = max(cpu_seconds(pid) - was for pid, was in zip(pids, before, strict=True))
        quiet = quiet + 1 if busy < 0.02 else 0


async def published_at(url: str) -> dict[str, datetime | None]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(select(t.drafts.c.id, t.drafts.c.published_at))
            return {str(r[0]): r[1] for r in rows}
    finally:
        await engine.dispose()


async def one_run(
    workers: int, posts: int, accounts: int, latency: float, loop: str
) -> dict[str, float]:
    async with postgres_schema() as url:
        with tempfile.TemporaryDirectory() as root:
            rig = PublishRig(Path(root), url, accounts=accounts, latency=latency, lease_seconds=60)
            rig.extra_env["SHONIN_EVENT_LOOP"] = loop
            await rig.start()
            try:
                drafts = await rig.seed(posts, due=False)
                for _ in range(workers):
                    await rig.start_worker()
                await until_idle([w.pid for w in rig.workers])
                cpu_before = [cpu_seconds(w.pid) for w in rig.workers]
                rig_before = resource.getrusage(resource.RUSAGE_SELF)
                slot = await rig.make_due(drafts)
                states = await rig.wait_published(drafts, within=900)
                rig_after = resource.getrusage(resource.RUSAGE_SELF)
                worker_cpu = sum(cpu_seconds(w.pid) for w in rig.workers) - sum(cpu_before)
                done_at = await published_at(url)
            finally:
                await rig.close()
    times = [done_at[d] for d in drafts if done_at.get(d)]
    delays = sorted((at - slot).total_seconds() for at in times if at is not None)
    duplicates = sum(n - 1 for n in rig.graph.published_captions().values())
    span = max(delays) if delays else float("nan")
    return {
        "workers": workers,
        "published": len(delays),
        "unpublished": sum(1 for s in states.values() if s.value != "published"),
        "throughput": len(delays) / span if delays else 0.0,
        "p50": statistics.median(delays) if delays else float("nan"),
        "p99": delays[min(len(delays) - 1, int(len(delays) * 0.99))] if delays else float("nan"),
        "duplicates": duplicates,
        "graph_calls": sum(rig.graph.calls.values()),
        "worker_cpu": worker_cpu,
        "rig_cpu": (rig_after.ru_utime + rig_after.ru_stime)
        - (rig_before.ru_utime + rig_before.ru_stime),
        "wall": span,
    }


class StatementCounter:
    """Counts the SQL statements every engine in this process sends, by verb and table."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        event.listen(Engine, "before_cursor_execute", self._seen)

    def _seen(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "count(" in statement and "FROM drafts" in statement:
            return  # the rig's own polling, not the worker's
        words = statement.split()
        verb = words[0].upper() if words else "?"
        after = {"UPDATE": "UPDATE", "INSERT": "INTO"}.get(verb, "FROM")
        table = words[words.index(after) + 1] if after in words[:-1] else ""
        locks = " FOR UPDATE" if "FOR UPDATE" in statement else ""
        self.counts[f"{verb} {table}{locks}".strip()] += 1

    def close(self) -> None:
        event.remove(Engine, "before_cursor_execute", self._seen)


async def profile_in_process(posts: int, accounts: int, latency: float) -> None:
    """One worker in this process under cProfile: where does a worker's time go, and how many
    SQL statements does a post cost?"""
    from handlers.settings import load_settings
    from handlers.worker import run_worker

    async with postgres_schema() as url:
        with tempfile.TemporaryDirectory() as root:
            rig = PublishRig(Path(root), url, accounts=accounts, latency=latency, lease_seconds=60)
            await rig.start()
            try:
                drafts = await rig.seed(posts, due=False)
                settings = load_settings(rig.env(), rig.config)
                stop = asyncio.Event()
                task = asyncio.create_task(run_worker(settings, 0.2, stop))
                await asyncio.sleep(1)
                counter = StatementCounter()
                await rig.make_due(drafts)
                profiler = cProfile.Profile(time.process_time)  # CPU, not waits
                profiler.enable()
                started = time.perf_counter()
                await rig.wait_all_published(drafts, within=900)
                elapsed = time.perf_counter() - started
                profiler.disable()
                counter.close()  # what follows is the rig's and the shutdown's
                stop.set()
                await task
            finally:
                await rig.close()
    print(f"in-process worker: {posts} posts in {elapsed:.1f} s ({posts / elapsed:.1f}/s)")
    counts = counter.counts
    total = sum(counts.values())
    print(f"SQL statements: {total} ({total / posts:.1f} per post), by kind:")
    for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {n / posts:6.2f}/post  {kind}")
    stats = pstats.Stats(profiler).sort_stats("tottime")
    stats.print_stats(35)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per Graph call")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--loop",
        choices=("auto", "uvloop", "asyncio"),
        default="auto",
        help="event loop of the workers and of this process (the fake Instagram, the media "
        "route): auto is uvloop where installed",
    )
    args = parser.parse_args()
    factory = loop_factory(args.loop)
    if args.profile:
        with asyncio.Runner(loop_factory=factory) as runner:
            runner.run(profile_in_process(args.posts, args.accounts, args.latency))
        return
    print(
        f"{args.posts} posts across {args.accounts} accounts due at once; "
        f"fake Graph API latency {args.latency * 1000:.0f} ms per call; PostgreSQL; "
        f"event loop {'uvloop' if factory else 'asyncio'}"
    )
    print(
        "workers  published  throughput/s  p50 s  p99 s  duplicates  graph calls"
        "  CPU s: workers / fake Instagram+media  wall s"
    )
    base = None
    for workers in args.workers:
        with asyncio.Runner(loop_factory=factory) as runner:
            r = runner.run(one_run(workers, args.posts, args.accounts, args.latency, args.loop))
        base = base or r["throughput"]
        print(
            f"{workers:>7}  {r['published']:>9}  {r['throughput']:>12.1f}  {r['p50']:>5.2f}  "
            f"{r['p99']:>5.2f}  {r['duplicates']:>10}  {r['graph_calls']:>11}"
            f"  {r['worker_cpu']:>13.1f} / {r['rig_cpu']:<19.1f}  {r['wall']:>6.1f}"
            f"   scaling ×{r['throughput'] / base:.2f}"
        )


if __name__ == "__main__":
    main()
