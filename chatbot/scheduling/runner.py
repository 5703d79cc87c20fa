"""The scheduler loop: run every pass, then wait, until told to stop.

A pass is an async function returning whether it left work behind (a full batch): then the loop
goes round again at once instead of waiting. Passes are a list so that other work (reminders,
escalations) joins the same loop. Replicas are safe: publishing claims posts with leases.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

log = logging.getLogger(__name__)

Pass = Callable[[], Awaitable[bool]]


class SchedulerRunner:
    def __init__(
        self,
        passes: Sequence[tuple[str, Pass]],
        interval: float,
        finish: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.passes = list(passes)
        self.interval = interval
        self.finish = finish  # run once the loop stops (e.g. let publishes in flight end)

    async def run_once(self) -> bool:
        """Every pass once, each failure logged and contained; True when work was left."""
        busy = False
        for name, run in self.passes:
            try:
                busy = bool(await run()) or busy
            except Exception:
                log.exception("scheduler pass %s failed", name)
        return busy

    async def run(self, stop: asyncio.Event) -> None:
        try:
            while not stop.is_set():
                if await self.run_once():
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.interval)
        finally:
            if self.finish is not None:
                await self.finish()
