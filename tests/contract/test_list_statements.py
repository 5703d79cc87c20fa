"""Reads and locks by a list of ids: right on every backend, and on PostgreSQL one SQL text
whatever the list's length (an array parameter), so that a burst of claims and step commits of
every size prepares each statement once per connection instead of once per length."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from chatbot.domain.model import Draft
from chatbot.domain.roles import Absence
from chatbot.outbox import Notification, NotifyOp
from tests.conftest import Backend
from tests.contract.builders import OFFICER, T0, awaiting

SIZES = (1, 2, 5)


def scheduled_on(draft_id: str, account: str) -> Draft:
    draft = awaiting(draft_id, account=account)
    draft.approve(OFFICER, "officer", T0, acknowledged=True)
    draft.schedule(OFFICER, T0, T0)
    return draft


@contextmanager
def statements(engine: AsyncEngine | None) -> Iterator[list[str]]:
    """Every SQL text sent while inside."""
    seen: list[str] = []

    def listen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    assert engine is not None
    event.listen(engine.sync_engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", listen)


async def _seed(backend: Backend, size: int) -> tuple[list[str], list[str]]:
    ids = [f"n{size}-{n}" for n in range(size)]
    accounts = [f"acct{size}-{n}" for n in range(size)]
    async with backend.make_uow() as uow:
        for draft_id, account in zip(ids, accounts, strict=True):
            await uow.drafts.add(scheduled_on(draft_id, account))
            await uow.absences.add(Absence(account, OFFICER, T0, T0 + timedelta(days=1)))
            note = Notification(account, draft_id, "console", NotifyOp.THREAD_TEXT, created_at=T0)
            await uow.notifications.add(note)
        await uow.commit()
    return ids, accounts


async def _read_by_lists(backend: Backend, ids: list[str], accounts: list[str]) -> int:
    """Every list-taking read and lock of the publishing path, checked for its answer; the number
    of drafts read back."""
    async with backend.make_uow() as uow:
        drafts = await uow.drafts.get_many(ids)
        assert [d.id for d in drafts] == ids
        assert all(len(d.revisions) == 1 and len(d.decisions) == 1 for d in drafts)
        assert await uow.drafts.save_current(drafts) == []
        load = await uow.drafts.publishing_load(accounts, T0 - timedelta(days=1))
        assert load == []  # scheduled, neither publishing nor published
        pending = await uow.notifications.pending_many(ids)
        assert {d: len(found) for d, found in pending.items()} == dict.fromkeys(ids, 1)
        for account in accounts:
            absences = await uow.absences.list(account, ending_after=T0)
            assert [a.account_id for a in absences] == [account]
        await uow.commit()
    return len(drafts)


async def test_list_reads_answer_right_for_every_length(sql_backend: Backend) -> None:
    for size in SIZES:
        ids, accounts = await _seed(sql_backend, size)
        assert await _read_by_lists(sql_backend, ids, accounts) == size


async def test_an_empty_list_reads_nothing(sql_backend: Backend) -> None:
    async with sql_backend.make_uow() as uow:
        assert await uow.drafts.get_many([]) == []
        assert await uow.drafts.publishing_load([], T0) == []
        assert await uow.notifications.pending_many([]) == {}


async def test_postgres_sends_one_text_per_statement_whatever_the_length(
    sql_backend: Backend,
) -> None:
    if sql_backend.name != "postgres":
        return  # SQLite has no arrays: there the IN list expands, one text per length
    texts: dict[int, set[str]] = {}
    for size in SIZES:
        ids, accounts = await _seed(sql_backend, size)
        with statements(sql_backend.engine) as seen:
            await _read_by_lists(sql_backend, ids, accounts)
        texts[size] = set(seen)
    assert texts[2] == texts[1]
    assert texts[5] == texts[1]
    assert any("= ANY (" in text for text in texts[1])
