"""`shonin worker` moves what start-up built out of the collector's way before its first pass,
as `shonin serve` does (the collector's full passes otherwise walk every module, table and
policy-model object while posts are published), and collects the young generation less often
(each young collection walks the live state of every post in flight)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handlers import worker
from handlers.serve import YOUNG_THRESHOLD
from tests.unit.test_settings import load_text


@pytest.fixture
def unfrozen() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()  # the test process's own objects go back to the collector
    gc.set_threshold(*thresholds)


async def test_the_heap_is_frozen_before_the_first_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unfrozen: None
) -> None:
    frozen_at_first_pass: list[int] = []
    young_at_first_pass: list[int] = []

    class Runner:
        async def run(self, stop: asyncio.Event) -> None:
            frozen_at_first_pass.append(gc.get_freeze_count())
            young_at_first_pass.append(gc.get_threshold()[0])
            stop.set()

    def runner(app: Any, interval: float) -> Runner:
        return Runner()

    monkeypatch.setattr(worker, "scheduler_runner", runner)
    gc.unfreeze()
    gc.set_threshold(700, *gc.get_threshold()[1:])  # Python's default
    settings = load_text(
        tmp_path, f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "db.sqlite"}"\n'
    )
    await asyncio.wait_for(worker.run_worker(settings, stop=asyncio.Event()), 60)
    assert frozen_at_first_pass and frozen_at_first_pass[0] > 0
    assert young_at_first_pass == [YOUNG_THRESHOLD]  # young collections less often
