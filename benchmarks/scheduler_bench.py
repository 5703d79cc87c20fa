"""Scheduler benchmark: posts due in the same minute, published by 1, 2 and 4 real workers.

    python benchmarks/scheduler_bench.py                 # 1,000 posts, 200 accounts, 100 ms
    python benchmarks/scheduler_bench.py --posts 200     # a quick run
    python benchmarks/scheduler_bench.py --workers 1 2   # some worker counts only
    python benchmarks/scheduler_bench.py --profile       # cProfile one worker process instead
    python benchmarks/scheduler_bench.py --loop asyncio  # workers and rig without uvloop
    python benchmarks/scheduler_bench.py --timeline      # where the slowest posts' time went
    python benchmarks/scheduler_bench.py --concurrency 50  # also: 50 posts in flight per worker
    python benchmarks/scheduler_bench.py --idle 45       # an idle worker's CPU over 45 s

Each run: a fresh PostgreSQL schema (SHONIN_TEST_POSTGRES_URL, default the local test server), the
fake Graph API with the given latency on every call (it fetches every image like Instagram), the
media route, and N `shonin worker` subprocesses started *before* the posts become due (and left
to finish their start-up passes and go idle). The posts are seeded for tomorrow, then made due at
one instant (the slot); the clock stops when the last is published. Prints throughput,
slot→publish delay p50/p99, duplicates (must be 0) and the scaling ratio against one worker.
``--concurrency N`` runs the same worker counts a second time with at most N posts in flight per
worker (``SHONIN_PUBLISH_CONCURRENCY``) and prints that table and its scaling ratio after the
default one: there one worker is bound by Graph latency (N posts per ~0.45 s), not by the two
shared cores, so the ratio shows whether the workers divide the work or contend.
``--profile`` runs one worker process under cProfile from the slot to the last post (CPU time,
not waits) and counts its SQL statements per published post, by statement and table, and the
rows PostgreSQL wrote (updates, of them HOT, index scans) per table.
``--timeline`` traces the workers (``benchmarks/timeline/sitecustomize.py``) and breaks the
slot→publish delay of the median and the slowest posts into its parts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import pstats
import resource
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select, text

from handlers.event_loop import loop_factory
from storage import tables as t
from storage.database import create_engine
from tests.conftest import postgres_schema
from tests.fake_servers.publish_rig import REPO, PublishRig

TRACER = Path(__file__).resolve().parent / "timeline"


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
    workers: int,
    posts: int,
    accounts: int,
    latency: float,
    loop: str,
    timeline: bool = False,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    traces: list[dict[str, Any]] = []
    lags: list[float] = []
    fetches: list[float] = []
    async with postgres_schema() as url:
        with tempfile.TemporaryDirectory() as root:
            rig = PublishRig(Path(root), url, accounts=accounts, latency=latency, lease_seconds=60)
            rig.extra_env["SHONIN_EVENT_LOOP"] = loop
            rig.extra_env.update(env or {})
            if timeline:
                (Path(root) / "trace").mkdir()
                rig.extra_env["SHONIN_BENCH_TRACE"] = str(Path(root) / "trace")
                rig.extra_env["PYTHONPATH"] = f"{TRACER}{os.pathsep}{REPO}"
            await rig.start()
            if timeline:
                trace_fetches(rig, fetches)
            try:
                drafts = await rig.seed(posts, due=False)
                for _ in range(workers):
                    await rig.start_worker()
                await until_idle([w.pid for w in rig.workers])
                cpu_before = [cpu_seconds(w.pid) for w in rig.workers]
                pg_before = postgres_cpu()
                rig_before = resource.getrusage(resource.RUSAGE_SELF)
                lag = asyncio.create_task(loop_lag(lags))
                slot = await rig.make_due(drafts)
                await rig.wait_all_published(drafts, within=900)
                lag.cancel()
                rig_after = resource.getrusage(resource.RUSAGE_SELF)
                worker_cpu = sum(cpu_seconds(w.pid) for w in rig.workers) - sum(cpu_before)
                pg_after = postgres_cpu()
                states = await rig.states(drafts)
                done_at = await published_at(url)
                if timeline:
                    await asyncio.sleep(0.6)  # the tracer flushes every 0.25 s
            finally:
                await rig.close()
            if timeline:
                traces = read_traces(Path(root) / "trace")
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
        "pg_cpu": pg_after[0] - pg_before[0],
        "pg_ended": pg_after[1] - pg_before[1],
        "timeline": (
            breakdown(traces, slot, done_at, delays)
            + f"\n  fake Instagram + media process: loop lag > 2 ms {len(lags)} times, "
            f"{sum(lags):.2f} s in all, max {max(lags, default=0) * 1000:.0f} ms; image fetches "
            f"{statistics.fmean(fetches or [0]) * 1000:.0f} ms mean, "
            f"{sorted(fetches or [0])[int(len(fetches) * 0.99)] * 1000:.0f} ms p99"
            if timeline
            else ""
        ),
    }


def trace_fetches(rig: PublishRig, found: list[float]) -> None:
    """Time every image fetch of the fake Instagram (from our media route)."""
    fetch = rig.graph._fetch

    async def timed(url: str) -> bool:
        started = time.perf_counter()
        try:
            return await fetch(url)
        finally:
            found.append(time.perf_counter() - started)

    rig.graph._fetch = timed  # type: ignore[method-assign]


async def loop_lag(found: list[float], tick: float = 0.005) -> None:
    """This process's event-loop lag (the fake Instagram and the media route run in it)."""
    while True:
        started = time.perf_counter()
        await asyncio.sleep(tick)
        late = time.perf_counter() - started - tick
        if late > 0.002:
            found.append(late)


def postgres_cpu() -> tuple[float, float]:
    """CPU seconds so far of every PostgreSQL process, the server processes that ended
    included (other sessions' queries count too); and the part of it in processes that ended.

    A connection's server process is read while it lives; once it ends (a connection the pool
    closed), its CPU moves to the postmaster's children's time (``cutime`` and ``cstime``),
    counted here: a connection opened and closed during the run is counted, not lost with its
    process (before 7 December, fifth day, it was lost)."""
    total = ended = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            text = stat.read_text()
            if "(postgres)" in text:
                fields = text.rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
                ended += (int(fields[13]) + int(fields[14])) / tick
    return total + ended, ended


def read_traces(folder: Path) -> list[dict[str, Any]]:
    events = []
    for path in folder.glob("*.jsonl"):
        for line in path.read_text().splitlines():
            with contextlib.suppress(ValueError):
                events.append(json.loads(line))
    return events


def breakdown(
    events: list[dict[str, Any]],
    slot: datetime,
    done_at: dict[str, datetime | None],
    delays: list[float],
) -> str:
    """The slot→publish delay of the median and the slowest posts, part by part (seconds)."""
    t_slot = slot.timestamp()
    by: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        by.setdefault(e["e"], []).append(e)
    claimed_in: dict[str, dict[str, Any]] = {}
    for e in by.get("claim", []):
        for draft in e["ids"]:
            claimed_in[draft] = e
    passes = by.get("pass", [])
    slots = by.get("slots", [])
    quotas = by.get("quota", [])
    tasks = {e["d"]: e for e in by.get("task", [])}
    graph: dict[str, list[dict[str, Any]]] = {}
    for e in by.get("graph", []):
        graph.setdefault(e["d"], []).append(e)
    commits: dict[str, list[dict[str, Any]]] = {}
    for e in by.get("commit", []):
        commits.setdefault(e["d"], []).append(e)

    def within(found: list[dict[str, Any]], w: int, t0: float, t1: float) -> list[dict[str, Any]]:
        return [e for e in found if e["w"] == w and t0 <= e["t0"] <= t1]

    rows = []
    for draft, at in done_at.items():
        c, task = claimed_in.get(draft), tasks.get(draft)
        if at is None or c is None or task is None:
            continue
        w = c["w"]
        around = [p for p in passes if p["w"] == w and p["t0"] <= c["t0"] <= p["t1"]]
        p0 = around[0]["t0"] if around else c["t0"]
        calls, steps = graph.get(draft, []), commits.get(draft, [])
        g = sum(e["t1"] - e["t0"] for e in calls)
        k = sum(e["t1"] - e["t0"] for e in steps)
        rows.append(
            {
                "total": at.timestamp() - t_slot,
                "to pass": p0 - t_slot,
                "slot wait": sum(e["t1"] - e["t0"] for e in within(slots, w, p0, c["t0"])),
                "quota": sum(e["t1"] - e["t0"] for e in within(quotas, w, p0, c["t0"])),
                "claim tx": c["t1"] - c["t0"],
                "to task": task["t0"] - c["t1"],
                "graph": g,
                "graph calls": len(calls),
                "commits": k,
                "between": (task["t1"] - task["t0"]) - g - k,
            }
        )
    rows.sort(key=lambda r: r["total"])
    if not rows:
        return "  (no trace)"
    n = len(rows)
    groups = {
        "median (p45-p55)": rows[int(n * 0.45) : int(n * 0.55)],
        "slowest 1 %": rows[int(n * 0.99) :],
    }
    keys = list(rows[0])
    out = ["  part of slot→publish, s: " + " | ".join(keys)]
    kinds: dict[str, list[float]] = {}
    for e in by.get("graph", []):
        if e["d"]:
            kinds.setdefault(e["k"], []).append(e["t1"] - e["t0"])
    out.append(
        "  Graph calls as the workers saw them (mean / p99 ms): "
        + "; ".join(
            f"{k} {statistics.fmean(v) * 1000:.0f} / {sorted(v)[int(len(v) * 0.99)] * 1000:.0f}"
            for k, v in sorted(kinds.items())
        )
    )
    for name, group in groups.items():
        mean = {key: statistics.fmean(r[key] for r in group) for key in keys}
        out.append(f"  {name:>17}: " + " | ".join(f"{mean[key]:.3f}" for key in keys))
    # per worker: CPU use while busy, event-loop lag, claims, in-flight peak
    first, last = t_slot, t_slot + max(delays)
    for w in sorted({e["w"] for e in events}):
        cpu = [e for e in by.get("cpu", []) if e["w"] == w and first - 0.3 <= e["t"] <= last + 0.3]
        busy = (cpu[-1]["c"] - cpu[0]["c"]) / max(cpu[-1]["t"] - cpu[0]["t"], 1e-9) if cpu else 0
        lags = sorted(e["s"] for e in by.get("lag", []) if e["w"] == w and first <= e["t"] <= last)
        claims = [e for e in by.get("claim", []) if e["w"] == w and e["ids"]]
        waits = [e for e in slots if e["w"] == w and e["t0"] >= first]
        peak = max((e["n"] for e in by.get("task", []) if e["w"] == w), default=0)
        tx = [e for e in by.get("tx", []) if e["w"] == w and e["t0"] >= first]
        inside: Counter[str] = Counter()
        for e in by.get("db", []):
            if e["w"] == w and e["claim"] and e["t0"] >= first:
                inside[e["k"]] += e["t1"] - e["t0"]
        claimed = statistics.fmean(len(e["ids"]) for e in claims) if claims else 0
        per_tx = statistics.fmean(e["n"] for e in tx) if tx else 0
        tx_ms = statistics.fmean(e["t1"] - e["t0"] for e in tx) * 1000 if tx else 0
        out.append(
            f"  worker {w}: CPU {busy * 100:.0f} % of a core while busy; loop lag > 2 ms: "
            f"{len(lags)} times, {sum(lags):.2f} s in all, max {max(lags, default=0) * 1000:.0f} "
            f"ms; {len(claims)} claims of {claimed:.0f} posts "
            f"({sum(e['t1'] - e['t0'] for e in claims):.2f} s); slot waits "
            f"{sum(e['t1'] - e['t0'] for e in waits):.2f} s; in flight peak {peak}; "
            f"{len(tx)} step transactions of {per_tx:.1f} steps, {tx_ms:.0f} ms each"
        )
        out.append(
            "    in its claims, s: " + ", ".join(f"{k} {v:.2f}" for k, v in inside.most_common())
        )
    return "\n".join(out)


async def profile_worker(
    posts: int, accounts: int, latency: float, loop: str, keep: str | None = None
) -> None:
    """One real `shonin worker` process under cProfile, from the slot until the last post is
    published (``benchmarks/timeline/sitecustomize.py``, started and stopped by signals): where
    does a worker's CPU go, and how many SQL statements does a post cost?"""
    async with postgres_schema() as url:
        with tempfile.TemporaryDirectory() as root:
            folder = Path(root) / "profile"
            folder.mkdir()
            rig = PublishRig(Path(root), url, accounts=accounts, latency=latency, lease_seconds=60)
            rig.extra_env["SHONIN_EVENT_LOOP"] = loop
            rig.extra_env["SHONIN_BENCH_PROFILE"] = str(folder)
            rig.extra_env["PYTHONPATH"] = f"{TRACER}{os.pathsep}{REPO}"
            await rig.start()
            try:
                drafts = await rig.seed(posts, due=False)
                worker = await rig.start_worker()
                await until_idle([worker.pid])
                cpu_before = cpu_seconds(worker.pid)
                await asyncio.sleep(1.2)
                before_writes = await table_writes(url, {})
                worker.send_signal(signal.SIGUSR1)
                await asyncio.sleep(0.2)
                slot = await rig.make_due(drafts)
                await rig.wait_all_published(drafts, within=900)
                worker.send_signal(signal.SIGUSR2)
                cpu = cpu_seconds(worker.pid) - cpu_before
                found = folder / f"{worker.pid}.json"
                for _ in range(100):  # the worker writes the profile between two callbacks
                    if found.exists():
                        break
                    await asyncio.sleep(0.1)
                counted = json.loads(found.read_text(encoding="utf-8"))
                stats = pstats.Stats(str(folder / f"{worker.pid}.prof"))
                if keep:
                    stats.dump_stats(keep)
                done_at = await published_at(url)
                await asyncio.sleep(1.2)  # the server processes report their table counts
                tables = await table_writes(url, before_writes)
            finally:
                await rig.close()
    delays = sorted((at - slot).total_seconds() for at in done_at.values() if at is not None)
    print(
        f"one worker process: {len(delays)} posts published, the last {max(delays):.2f} s after "
        f"the slot; its CPU {cpu:.2f} s (/proc, from the slot), "
        f"{counted['cpu']:.2f} s under the profiler (time.process_time, profiler's cost included)"
    )
    counts: dict[str, int] = counted["statements"]
    many = counts.pop("(of which executemany)", 0)
    total = sum(counts.values())
    print(
        f"SQL statements: {total} ({total / posts:.2f} per post; {many} of them batches), by kind:"
    )
    for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {n / posts:6.3f}/post  {kind}")
    pool = counted["connections"]
    print(
        f"distinct SQL texts: {counted['texts']}; database connections opened "
        f"{pool['connect']}, closed {pool['close']}, checkouts {pool['checkout']}, at most "
        f"{pool['peak out']} checked out at once"
    )
    print("PostgreSQL, rows written from the slot on (pg_stat_user_tables), per post:")
    for name, row in sorted(tables.items(), key=lambda kv: -sum(kv[1].values())):
        if any(row.values()):
            print(
                f"  {name}: inserted {row['ins'] / posts:.2f}, updated {row['upd'] / posts:.2f} "
                f"(HOT {row['hot'] / posts:.2f}), index scans {row['idx'] / posts:.2f}, "
                f"sequential scans {row['seq'] / posts:.3f}"
            )
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)


async def table_writes(url: str, before: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Per table of the run's schema: rows inserted, updated (HOT: no index touched), index and
    sequential scans, less ``before``."""
    engine = create_engine(url)
    query = text(
        "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, coalesce(idx_scan, 0), seq_scan "
        "FROM pg_stat_user_tables WHERE schemaname = current_schema()"
    )
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(query)).all()
    finally:
        await engine.dispose()
    found = {}
    for name, *counts in rows:
        was = before.get(name, {})
        keys = ("ins", "upd", "hot", "idx", "seq")
        found[name] = {k: int(v) - was.get(k, 0) for k, v in zip(keys, counts, strict=True)}
    return found


async def idle_worker(posts: int, accounts: int, window: float) -> None:
    """One worker with nothing due (the posts scheduled for tomorrow): its CPU, and PostgreSQL's,
    over ``window`` seconds of its passes (publishing peeks, expiry and re-routing, reminders,
    token health), after its start-up."""
    async with postgres_schema() as url:
        with tempfile.TemporaryDirectory() as root:
            rig = PublishRig(Path(root), url, accounts=accounts, latency=0.1, lease_seconds=60)
            await rig.start()
            try:
                await rig.seed(posts, due=False)
                worker = await rig.start_worker()
                await until_idle([worker.pid])
                cpu, pg = cpu_seconds(worker.pid), postgres_cpu()
                await asyncio.sleep(window)
                cpu, pg = cpu_seconds(worker.pid) - cpu, postgres_cpu()[0] - pg[0]
            finally:
                await rig.close()
    print(
        f"one idle worker, {accounts} accounts, {posts} posts scheduled for later, over "
        f"{window:.0f} s: its CPU {cpu:.2f} s, PostgreSQL's {pg:.2f} s (every process's)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per Graph call")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--profile-file", metavar="PATH", help="with --profile: also save the pstats file there"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=0,
        metavar="N",
        help="also run with at most N posts in flight per worker (e.g. 50) and print its scaling",
    )
    parser.add_argument(
        "--idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="instead: one worker with nothing due, its CPU and PostgreSQL's over SECONDS",
    )
    parser.add_argument(
        "--timeline", action="store_true", help="trace the workers: where the delays come from"
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an environment variable for the workers (e.g. SHONIN_PUBLISH_CLAIM_BATCH=500)",
    )
    parser.add_argument(
        "--loop",
        choices=("auto", "uvloop", "asyncio"),
        default="auto",
        help="event loop of the workers and of this process (the fake Instagram, the media "
        "route): auto is uvloop where installed",
    )
    args = parser.parse_args()
    factory = loop_factory(args.loop)
    if args.idle:
        with asyncio.Runner(loop_factory=factory) as runner:
            runner.run(idle_worker(args.posts, args.accounts, args.idle))
        return
    if args.profile:
        with asyncio.Runner(loop_factory=factory) as runner:
            profile = profile_worker(
                args.posts, args.accounts, args.latency, args.loop, args.profile_file
            )
            runner.run(profile)
        return
    print(
        f"{args.posts} posts across {args.accounts} accounts due at once; "
        f"fake Graph API latency {args.latency * 1000:.0f} ms per call; PostgreSQL; "
        f"event loop {'uvloop' if factory else 'asyncio'}"
    )
    env = dict(item.split("=", 1) for item in args.env)
    tables = [("default concurrency", env)]
    if args.concurrency:
        fixed = env | {"SHONIN_PUBLISH_CONCURRENCY": str(args.concurrency)}
        tables.append((f"at most {args.concurrency} posts in flight per worker", fixed))
    for title, worker_env in tables:
        print(f"{title}:")
        table(args, factory, worker_env)


def table(args: argparse.Namespace, factory: Any, env: dict[str, str]) -> None:
    print(
        "workers  published  throughput/s  p50 s  p99 s  duplicates  graph calls"
        "  CPU s: workers / fake Instagram+media / PostgreSQL (of it in connections closed)  wall s"
    )
    base = None
    for workers in args.workers:
        with asyncio.Runner(loop_factory=factory) as runner:
            r = runner.run(
                one_run(
                    workers,
                    args.posts,
                    args.accounts,
                    args.latency,
                    args.loop,
                    args.timeline,
                    env,
                )
            )
        base = base or r["throughput"]
        print(
            f"{workers:>7}  {r['published']:>9}  {r['throughput']:>12.1f}  {r['p50']:>5.2f}  "
            f"{r['p99']:>5.2f}  {r['duplicates']:>10}  {r['graph_calls']:>11}"
            f"  {r['worker_cpu']:>13.2f} / {r['rig_cpu']:.2f} / "
            f"{r['pg_cpu']:.2f} ({r['pg_ended']:.2f}){'':<30}"
            f"  {r['wall']:>6.1f}"
            f"   scaling ×{r['throughput'] / base:.2f}"
        )
        if r["timeline"]:
            print(r["timeline"])


if __name__ == "__main__":
    main()
