"""The event loop `shonin serve` and `shonin worker` run on (setting ``event_loop``).

uvloop (libuv) makes each socket read and write, timer and callback cheaper than asyncio's own
loop; the scheduler spends most of its CPU there (Graph API calls, database round trips), so it
is used where installed (``auto``, the default: not on Windows, where it does not exist).
``asyncio`` turns it off (env ``SHONIN_EVENT_LOOP=asyncio``), for instance to rule it out when
chasing a problem.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable

LoopFactory = Callable[[], asyncio.AbstractEventLoop]


def loop_factory(choice: str) -> LoopFactory | None:
    """The loop factory for ``choice`` (auto / uvloop / asyncio); None: asyncio's default.

    ``uvloop`` that cannot be imported raises ImportError (the settings check it is installed);
    ``auto`` then falls back to asyncio."""
    if choice == "asyncio":
        return None
    try:
        uvloop = importlib.import_module("uvloop")
    except ImportError:
        if choice == "uvloop":
            raise
        return None
    factory: LoopFactory = uvloop.new_event_loop
    return factory


def loop_name(loop: asyncio.AbstractEventLoop) -> str:
    """``uvloop`` or ``asyncio``: which loop runs (for the start-up log line)."""
    return "uvloop" if type(loop).__module__.startswith("uvloop") else "asyncio"
