"""`shonin worker`: the scheduler without the HTTP server (deployments that separate them).

Any number of workers (and `shonin serve` processes) may run on one PostgreSQL: due posts are
claimed with leases, so each is published by exactly one of them, and a crashed worker's posts
are resumed by the others once its lease expires.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from chatbot.i18n import t
from handlers.bootstrap import build_app
from handlers.event_loop import loop_name
from handlers.serve import scheduler_runner, settle_heap
from handlers.settings import Settings

log = logging.getLogger(__name__)


async def run_worker(
    settings: Settings, interval: float = 30.0, stop: asyncio.Event | None = None
) -> None:
    """Run the scheduler passes until SIGINT/SIGTERM (or ``stop``)."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    app = await build_app(settings, deliver_inline=False)
    # As `shonin serve` does: the collector's full passes would otherwise walk every module,
    # table and policy-model object while posts are published (about 15 % of a worker's CPU
    # for 1,000 posts due at once, benchmarks/scheduler_bench.py).
    settle_heap()
    try:
        runner = scheduler_runner(app, interval)
        worker_id = app.deps.publishing.worker_id
        started = t(
            "worker.started",
            settings.locale,
            worker=worker_id,
            interval=interval,
            loop=loop_name(loop),
        )
        log.info(started)
        delivery = asyncio.create_task(app.core.delivery.run(stop))
        try:
            await runner.run(stop)
        finally:
            stop.set()
            await delivery
    finally:
        await app.close()
