"""The `scheduler` lease across real processes: two `shonin worker`s on one database, the one
holding the lease is killed (SIGKILL), the other takes the passes over every account over once
the (short, configured) lease lapses; each pass's effect happens once (SQLite and PostgreSQL).

The effect watched is expiry: a draft left unapproved past its wished time is expired by the
leader's pass, with one `draft.expired` audit entry.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from chatbot.domain.states import DraftState
from tests.conftest import POSTGRES, database_url
from tests.fake_servers.publish_rig import PublishRig

pytestmark = pytest.mark.slow
LEADS = "this process now runs the passes over every account"
BOUND = 90.0  # seconds: generous; a lapse takes the 3 s lease plus a retry


@pytest.fixture(params=["sqlite", POSTGRES])
async def rig(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[PublishRig]:
    async with database_url(request.param, tmp_path) as url:
        rig = PublishRig(tmp_path, url, accounts=2)
        rig.extra_env |= {"SHONIN_LEADER_LEASE_SECONDS": "3", "SHONIN_LOG_LEVEL": "INFO"}
        await rig.start()
        try:
            yield rig
        finally:
            await rig.close()


async def _until(check: object, within: float = BOUND) -> bool:
    """Poll ``check`` (an async callable) twice a second until it is true or time is up."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await check():  # type: ignore[operator]
            return True
        await asyncio.sleep(0.5)
    return False


async def _expired(rig: PublishRig, drafts: Sequence[str]) -> bool:
    states = await rig.states(drafts)
    return all(state is DraftState.EXPIRED for state in states.values())


async def test_the_other_worker_takes_the_passes_over_when_the_leader_is_killed(
    rig: PublishRig,
) -> None:
    drafts = await rig.submit(6)
    before, after = drafts[:3], drafts[3:]
    await rig.make_expirable(before)
    first = await rig.start_worker()
    assert await _until(lambda: _expired(rig, before)), rig.log_of(first)
    assert LEADS in rig.log_of(first)
    second = await rig.start_worker()

    async def second_has_tried() -> bool:  # its start-up line: it runs its passes from now
        return "shonin worker" in rig.log_of(second)

    assert await _until(second_has_tried), rig.log_of(second)
    await asyncio.sleep(2)  # a few of its passes: the lease is held, it does not lead
    assert LEADS not in rig.log_of(second)

    first.send_signal(signal.SIGKILL)
    await first.wait()
    await rig.make_expirable(after)
    assert await _until(lambda: _expired(rig, after)), rig.log_of(second)
    assert rig.log_of(second).count(LEADS) == 1  # taken over once, then renewed

    # Each pass's effect once: one expiry per draft, by either worker, never both.
    expired = await rig.audited("draft.expired")
    assert sorted(expired) == sorted([*before, *after])
    second.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(second.wait(), 30) == 0
