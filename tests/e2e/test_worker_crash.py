"""Real `shonin worker` processes killed with SIGKILL mid-publish, then restarted: every post is
published exactly once, none lost (SQLite and PostgreSQL); two workers on one PostgreSQL share 200
due posts, each published once.

The fake Instagram stops at a chosen step *after doing its work* (container made, post live,
status read) and waits; the test kills the worker there, releases the step and starts another.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from chatbot.domain.states import DraftState
from tests.conftest import POSTGRES, database_url
from tests.fake_servers.publish_rig import PublishRig

pytestmark = pytest.mark.slow
S = DraftState


@pytest.fixture(params=["sqlite", POSTGRES])
async def rig(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[PublishRig]:
    async with database_url(request.param, tmp_path) as url:
        rig = PublishRig(tmp_path, url, accounts=1, lease_seconds=2.0)
        await rig.start()
        try:
            yield rig
        finally:
            await rig.close()


@pytest.mark.parametrize("step", ["create", "publish", "status"])
async def test_a_worker_killed_at_a_step_is_resumed_exactly_once(
    rig: PublishRig, step: str
) -> None:
    [draft] = await rig.seed(1)
    rig.graph.hold(step)
    first = await rig.start_worker()
    if not await rig.reached(step, first, within=60):
        pytest.fail(f"the worker never reached {step}: {rig.log_of(first)}")
    first.send_signal(signal.SIGKILL)
    await first.wait()
    rig.graph.release(step)
    assert (await rig.states([draft]))[draft] is S.PUBLISHING

    second = await rig.start_worker()
    states = await rig.wait_published([draft], within=60)
    assert states[draft] is S.PUBLISHED, rig.log_of(second)
    assert rig.graph.published_captions() == {"お知らせ 第0号": 1}
    second.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(second.wait(), 20) == 0


async def test_a_worker_killed_mid_carousel_resumes_with_the_items_already_made(
    rig: PublishRig,
) -> None:
    """Killed while Instagram makes the third of three carousel items: the two committed items
    are reused (still FINISHED), only the third is made again, then the carousel, once."""
    [draft] = await rig.seed(1, images=3)
    rig.graph.hold("create", skip=2)
    first = await rig.start_worker()
    if not await rig.reached("create", first, within=60):
        pytest.fail(f"the worker never reached the third item: {rig.log_of(first)}")
    first.send_signal(signal.SIGKILL)
    await first.wait()
    rig.graph.release("create")
    made_before = list(rig.graph.containers)
    assert len(made_before) == 3  # two items committed, the third made but never recorded

    second = await rig.start_worker()
    states = await rig.wait_published([draft], within=60)
    assert states[draft] is S.PUBLISHED, rig.log_of(second)
    [post] = rig.graph.posts
    carousel = rig.graph.containers[post.container]
    assert carousel.children[:2] == made_before[:2]  # reused, not made again
    assert rig.graph.calls["create"] == 5  # 3 before the kill, then 1 item and the carousel
    assert rig.graph.published_captions() == {"お知らせ 第0号": 1}
    second.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(second.wait(), 20) == 0


@pytest.mark.parametrize("kind", [POSTGRES])
async def test_two_workers_publish_200_posts_each_exactly_once(tmp_path: Path, kind: str) -> None:
    async with database_url(kind, tmp_path) as url:
        rig = PublishRig(tmp_path, url, accounts=20, lease_seconds=30.0)
        await rig.start()
        try:
            drafts = await rig.seed(200)
            workers = [await rig.start_worker(), await rig.start_worker()]
            states = await rig.wait_published(drafts, within=120)
            left = {d: s for d, s in states.items() if s is not S.PUBLISHED}
            assert not left, (left, rig.log_of(workers[0]))
            captions = rig.graph.published_captions()
            assert len(captions) == 200 and set(captions.values()) == {1}
            assert len(rig.graph.posts) == 200
            # The passes over every account ran in one of the two (the scheduler lease): each
            # account's token was checked once, not once per worker.
            assert all(w.returncode is None for w in workers)
            assert rig.graph.calls["debug"] == 20, rig.graph.calls
        finally:
            await rig.close()
