"""Timeline tracing for ``scheduler_bench.py --timeline`` (loaded into the worker processes only).

The benchmark puts this folder first on the workers' PYTHONPATH and names a folder in
``SHONIN_BENCH_TRACE``; Python then imports this module at start-up, and it wraps a few functions
of the scheduler to write, one JSON line per event, when each post was claimed, when its publish
task started, every Graph call and step commit it waited for, the event loop's lag and the
process's CPU time. Nothing of this is loaded in production (no PYTHONPATH entry, no variable).

``SHONIN_BENCH_PROFILE`` (a folder; ``scheduler_bench.py --profile``) instead installs a CPU
profiler driven by signals: SIGUSR1 starts cProfile (on ``time.process_time``: CPU, not waits)
and counts the SQL statements sent (and their distinct texts, and the connection pool's new
connections and checkouts); SIGUSR2 stops both and writes ``<pid>.prof`` and ``<pid>.json`` (the
process's CPU seconds, the statements by kind, the pool's counts) into the folder. The worker
runs as it does in production (its own process, its own event loop) between the two signals.
"""

from __future__ import annotations

import os

_TRACE = os.environ.get("SHONIN_BENCH_TRACE", "")
_PROFILE = os.environ.get("SHONIN_BENCH_PROFILE", "")


def statement_kind(statement: str) -> str:
    """A SQL statement as its verb and table (``UPDATE drafts``, ``SELECT drafts FOR UPDATE``)."""
    words = statement.split()
    verb = words[0].upper() if words else "?"
    after = {"UPDATE": "UPDATE", "INSERT": "INTO"}.get(verb, "FROM")
    table = words[words.index(after) + 1] if after in words[:-1] else ""
    locks = " FOR UPDATE" if "FOR UPDATE" in statement else ""
    return f"{verb} {table}{locks}".strip()


def _install_profile(folder: str) -> None:
    import cProfile
    import json
    import signal
    import time
    from collections import Counter
    from pathlib import Path
    from typing import Any

    state: dict[str, Any] = {}

    def seen(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: Any) -> None:
        counts = state.get("counts")
        if counts is not None:
            counts[statement_kind(statement)] += 1
            if many:
                counts["(of which executemany)"] += 1
            state["texts"].add(statement)

    def pooled(kind: str) -> Any:
        def count(*args: Any) -> None:
            pool = state.get("pool")
            if pool is not None:
                pool[kind] += 1
                pool["out"] += {"checkout": 1, "checkin": -1}.get(kind, 0)
                pool["peak out"] = max(pool["peak out"], pool["out"])

        return count

    def start(signum: int, frame: Any) -> None:
        from sqlalchemy import Engine, event
        from sqlalchemy.pool import Pool

        if not event.contains(Engine, "before_cursor_execute", seen):
            event.listen(Engine, "before_cursor_execute", seen)
            for kind in ("connect", "checkout", "checkin", "close"):
                event.listen(Pool, kind, pooled(kind))
        state["counts"] = Counter()
        state["texts"] = set()
        state["pool"] = Counter()
        state["cpu"] = time.process_time()
        state["profile"] = profile = cProfile.Profile(time.process_time)
        profile.enable()

    def stop(signum: int, frame: Any) -> None:
        profile = state.pop("profile", None)
        if profile is None:
            return
        profile.disable()
        cpu = time.process_time() - state["cpu"]
        counts = state.pop("counts")
        pid = os.getpid()
        profile.dump_stats(str(Path(folder, f"{pid}.prof")))
        pool = state.pop("pool")
        found = {
            "cpu": cpu,
            "statements": dict(counts),
            "texts": len(state.pop("texts")),
            "connections": {k: pool[k] for k in ("connect", "close", "checkout", "peak out")},
        }
        Path(folder, f"{pid}.json").write_text(json.dumps(found), encoding="utf-8")

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)


def _install(folder: str) -> None:
    import asyncio
    import contextvars
    import json
    import time
    from pathlib import Path
    from typing import Any

    from chatbot.adapters import instagram_graph
    from chatbot.scheduling import runner
    from chatbot.services import publish_quota, publish_steps, publishing

    sink = Path(folder, f"{os.getpid()}.jsonl").open("w", buffering=1 << 16)  # noqa: SIM115
    pid = os.getpid()
    current: contextvars.ContextVar[str] = contextvars.ContextVar("bench_draft", default="")

    def emit(kind: str, **fields: Any) -> None:
        fields["e"], fields["w"] = kind, pid
        sink.write(json.dumps(fields) + "\n")

    one = publishing.InFlight._one

    async def traced_one(self: Any, draft: Any) -> None:
        current.set(draft.id)
        t0 = time.time()
        try:
            await one(self, draft)
        finally:
            emit("task", d=draft.id, t0=t0, t1=time.time(), n=len(self.tasks))

    publishing.InFlight._one = traced_one  # type: ignore[method-assign]

    claim = publishing._claim_due

    async def traced_claim(uow: Any, deps: Any, limit: int, *args: Any) -> Any:
        current.set("claim")
        t0 = time.time()
        claimed = await claim(uow, deps, limit, *args)
        emit("claim", t0=t0, t1=time.time(), ids=[d.id for d in claimed], limit=limit)
        return claimed

    publishing._claim_due = traced_claim

    run_due = publishing.run_due

    async def traced_run_due(command: Any, tx: Any, deps: Any) -> Any:
        t0 = time.time()
        report = await run_due(command, tx, deps)
        emit("pass", t0=t0, t1=time.time(), more=report.more)
        return report

    publishing.run_due = traced_run_due  # the wiring looks it up at every call

    free_slots = publishing.InFlight.free_slots

    async def traced_free(self: Any, *args: Any) -> int:
        t0 = time.time()
        free = await free_slots(self, *args)
        emit("slots", t0=t0, t1=time.time(), free=free, busy=len(self.tasks))
        return free

    publishing.InFlight.free_slots = traced_free  # type: ignore[method-assign]

    readings = publish_quota.QuotaBook.readings

    async def traced_readings(self: Any, deps: Any, account_ids: Any, now: Any) -> Any:
        t0 = time.time()
        found = await readings(self, deps, account_ids, now)
        emit("quota", t0=t0, t1=time.time(), n=len(account_ids))
        return found

    publish_quota.QuotaBook.readings = traced_readings  # type: ignore[method-assign]

    call = instagram_graph.GraphPublisher._call

    async def traced_call(self: Any, account: Any, method: str, path: str, data: Any) -> Any:
        t0 = time.time()
        try:
            return await call(self, account, method, path, data)
        finally:
            kind = path.rsplit("/", 1)[-1] if "/" in path else ("node" if method == "GET" else path)
            if "fields" in data:
                kind += ":" + str(data["fields"]).split(",")[0]
            emit("graph", d=current.get(), k=kind, t0=t0, t1=time.time())

    instagram_graph.GraphPublisher._call = traced_call  # type: ignore[method-assign]

    commit = publish_steps.StepCommits.commit

    async def traced_commit(self: Any, post: Any, *args: Any, **kwargs: Any) -> None:
        t0 = time.time()
        try:
            await commit(self, post, *args, **kwargs)
        finally:
            emit("commit", d=post.draft_id, t0=t0, t1=time.time())

    publish_steps.StepCommits.commit = traced_commit  # type: ignore[method-assign]

    run_group = publish_steps.StepCommits._run

    async def traced_run(self: Any, group: Any) -> None:
        t0 = time.time()
        try:
            await run_group(self, group)
        finally:
            emit("tx", t0=t0, t1=time.time(), n=len(group))

    publish_steps.StepCommits._run = traced_run  # type: ignore[method-assign]

    from storage import repositories, unit_of_work

    def timed(owner: Any, name: str, label: str) -> None:
        method = getattr(owner, name)

        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.time()
            try:
                return await method(*args, **kwargs)
            finally:
                emit("db", k=label, t0=t0, t1=time.time(), claim=current.get() == "claim")

        setattr(owner, name, wrapper)

    for owner, name in (
        (repositories.SqlDraftRepository, "due"),
        (repositories.SqlDraftRepository, "publishing_load"),
        (repositories.SqlDraftRepository, "lock_accounts"),
        (repositories.SqlDraftRepository, "save"),
        (repositories.SqlDraftRepository, "save_many"),
        (repositories.SqlDraftRepository, "record_progress"),
        (repositories.SqlAccountStateRepository, "suspensions"),
        (unit_of_work.SqlUnitOfWork, "commit"),
    ):
        timed(owner, name, name)
    timed(publishing, "_hard_limits", "hard_limits")

    loop_run = runner.SchedulerRunner.run

    async def traced_loop(self: Any, stop: Any) -> None:
        async def lag() -> None:
            tick = 0.005
            while True:
                t0 = time.perf_counter()
                await asyncio.sleep(tick)
                late = time.perf_counter() - t0 - tick
                if late > 0.002:
                    emit("lag", t=time.time(), s=late)

        async def cpu() -> None:
            while True:
                emit("cpu", t=time.time(), c=time.process_time())
                sink.flush()
                await asyncio.sleep(0.25)

        tasks = [asyncio.create_task(lag()), asyncio.create_task(cpu())]
        try:
            await loop_run(self, stop)
        finally:
            for task in tasks:
                task.cancel()
            sink.flush()

    runner.SchedulerRunner.run = traced_loop  # type: ignore[method-assign]


if _TRACE:
    _install(_TRACE)
if _PROFILE:
    _install_profile(_PROFILE)
