"""Slack's retries after a crash: an event whose processing died is processed by the retry, once.

The event is claimed, processed, then marked done; the message's draft id is reserved before
the draft is made. So a retry of an event that failed (or whose process died, once its lease
lapsed) processes it again and finds the draft already made: never a lost event, never two
drafts for one message.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from chatbot.domain import commands as cmd
from storage import tables as t
from storage.chat_ledger import DONE, LEASE
from tests.e2e.slack.harness import CHANNEL, STAFF, Slack, running_slack

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


async def _count(slack: Slack, table: t.Table) -> int:
    async with slack.server.app.engine.connect() as connection:
        return int((await connection.execute(select(func.count()).select_from(table))).scalar_one())


async def _done(slack: Slack, event_id: str) -> bool:
    async with slack.server.app.engine.connect() as connection:
        query = select(t.chat_events.c.event_id).where(
            t.chat_events.c.event_id.like(f"{event_id}%")
        )
        rows = set((await connection.execute(query)).scalars().all())
    assert event_id in rows  # claimed
    return f"{event_id}{DONE}" in rows


def _thread_checks(slack: Slack, ts: str) -> list[Any]:
    return [
        c
        for c in slack.fake.of("chat.postMessage")
        if c.get("thread_ts") == ts and "受け付けました" in c.text()
    ]


def _crash_after_the_draft_is_made(slack: Slack, crash: BaseException) -> list[int]:
    """The first submit commits its draft, then the process "dies" before anything else."""
    core = slack.context.core
    real = core.handle
    calls: list[int] = []

    async def handle(command: cmd.Command) -> Any:
        result = await real(command)
        if isinstance(command, cmd.SubmitDraft):
            calls.append(1)
            if len(calls) == 1:
                raise crash
        return result

    core.handle = handle  # type: ignore[method-assign]
    return calls


def _event(ts: str) -> dict[str, Any]:
    return {"type": "message", "channel": CHANNEL, "user": STAFF, "text": CLEAN, "ts": ts}


async def test_a_retry_after_a_failure_mid_event_makes_the_draft_once(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        ts = "1765000000.000700"
        submits = _crash_after_the_draft_is_made(slack, RuntimeError("died mid-event"))
        await slack.event(_event(ts), event_id="Ev0CRASH1")
        await slack.settle()
        assert await _count(slack, t.drafts) == 1  # made before the failure
        assert not _thread_checks(slack, ts)  # but nothing else happened
        assert await _count(slack, t.chat_events) == 0  # the claim was given up
        again = await slack.event(_event(ts), event_id="Ev0CRASH1", retry=1)
        assert again.status == 200
        await slack.settle()
        assert len(submits) == 2  # the retry was processed …
        assert await _count(slack, t.drafts) == 1  # … and found the draft it had made
        assert await _count(slack, t.chat_posts) == 1
        assert len(_thread_checks(slack, ts)) == 1
        assert await _done(slack, "Ev0CRASH1")
        await slack.event(_event(ts), event_id="Ev0CRASH1", retry=2)
        await slack.settle()
        assert len(submits) == 2 and len(_thread_checks(slack, ts)) == 1


async def test_a_retry_after_the_process_died_is_processed_once_the_lease_lapses(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        ts = "1765000000.000800"
        # a CancelledError is not caught by anything: like a process killed mid-event, the
        # claim is left behind unfinished
        submits = _crash_after_the_draft_is_made(slack, asyncio.CancelledError())
        await slack.event(_event(ts), event_id="Ev0CRASH2")
        await slack.settle()
        assert await _count(slack, t.drafts) == 1
        assert await _count(slack, t.chat_events) == 1 and not await _done(slack, "Ev0CRASH2")
        # a retry while the claim may still be being processed is left to that claim
        await slack.event(_event(ts), event_id="Ev0CRASH2", retry=1)
        await slack.settle()
        assert len(submits) == 1 and not _thread_checks(slack, ts)
        # Slack's next retry comes a minute later: the dead claim has lapsed
        slack.clock.advance(LEASE + timedelta(seconds=15))
        await slack.event(_event(ts), event_id="Ev0CRASH2", retry=2)
        await slack.settle()
        assert len(submits) == 2
        assert await _count(slack, t.drafts) == 1
        assert len(_thread_checks(slack, ts)) == 1
        assert await _done(slack, "Ev0CRASH2")
        slack.clock.advance(LEASE * 3)
        await slack.event(_event(ts), event_id="Ev0CRASH2", retry=3)
        await slack.settle()
        assert len(submits) == 2 and len(_thread_checks(slack, ts)) == 1


async def test_a_refused_post_leaves_no_reservation_and_is_done(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        ts = "1765000000.000900"
        stranger = {**_event(ts), "user": "U0STRANGER"}
        await slack.event(stranger, event_id="Ev0REFUSED")
        await slack.settle()
        assert await _count(slack, t.drafts) == 0
        assert await _count(slack, t.chat_posts) == 0
        assert await _done(slack, "Ev0REFUSED")
        told = [c for c in slack.fake.of("chat.postEphemeral") if c["user"] == "U0STRANGER"]
        assert len(told) == 1


@pytest.mark.parametrize("lapsed", [False, True])
async def test_two_replicas_claiming_one_event_process_it_once(
    tmp_path: Path, default_database_url: str, lapsed: bool
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        ledger = slack.context.ledger
        now = slack.clock.now()
        results = await asyncio.gather(*(ledger.claim("slack", "Ev0RACE", now) for _ in range(5)))
        assert sorted(results) == [False, False, False, False, True]
        later = now + (LEASE * 2 if lapsed else LEASE / 2)
        again = await asyncio.gather(*(ledger.claim("slack", "Ev0RACE", later) for _ in range(5)))
        assert sum(again) == (1 if lapsed else 0)
        await ledger.done("slack", "Ev0RACE", later)
        assert not await ledger.claim("slack", "Ev0RACE", later + LEASE * 10)
