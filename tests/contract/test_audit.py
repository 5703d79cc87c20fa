"""AuditLog contract: hash chain, head and entries on every backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta, timezone

from chatbot.audit import GENESIS, AuditRecord, chain_next, verify_chain
from chatbot.ports import UnitOfWork
from tests.contract.builders import OFFICER, T0

MakeUow = Callable[[], UnitOfWork]
JST = timezone(timedelta(hours=9))


def record(n: int) -> AuditRecord:
    return AuditRecord(
        at=(T0 + timedelta(minutes=n)).astimezone(JST),
        actor=OFFICER,
        action="approve" if n % 2 else "submit",
        account_id="art",
        draft_id=f"d{n}",
        revision=n if n % 2 else None,
        revision_hash="ab" * 32,
        pack_version="2025.04",
        details={"理由": "確認済み", "n": n, "tags": ("a", "b"), "when": T0},
    )


async def test_append_chains_and_reloads_verifiably(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        assert await uow.audit.head() is None
        first = await uow.audit.append(record(1))
        second = await uow.audit.append(record(2))
        await uow.commit()
    assert (first.seq, first.prev_hash) == (1, GENESIS)
    assert second == chain_next(first, record(2))
    async with make_uow() as uow:
        third = await uow.audit.append(record(3))
        await uow.commit()
    assert third.prev_hash == second.hash and third.seq == 3
    async with make_uow() as uow:
        entries = await uow.audit.entries()
        head = await uow.audit.head()
    assert head == (3, third.hash)
    assert [e.hash for e in entries] == [first.hash, second.hash, third.hash]
    assert entries[0].record.at == record(1).at and entries[0].record.at.utcoffset() == timedelta(
        hours=9
    )
    report = verify_chain(entries, head)
    assert report.ok and report.count == 3, report.problems


async def test_entries_after_and_limit(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        for n in range(1, 6):
            await uow.audit.append(record(n))
        await uow.commit()
    async with make_uow() as uow:
        assert [e.seq for e in await uow.audit.entries(after_seq=2)] == [3, 4, 5]
        assert [e.seq for e in await uow.audit.entries(after_seq=1, limit=2)] == [2, 3]
        assert await uow.audit.entries(after_seq=5) == []


async def test_a_changed_entry_breaks_verification(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        for n in range(1, 4):
            await uow.audit.append(record(n))
        await uow.commit()
    async with make_uow() as uow:
        entries = await uow.audit.entries()
        head = await uow.audit.head()
    tampered = [
        entries[0],
        replace(entries[1], record=replace(entries[1].record, actor="x")),
        entries[2],
    ]
    assert not verify_chain(tampered, head).ok
    assert not verify_chain(entries[:2], head).ok


async def test_rolled_back_append_leaves_no_trace(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        kept = await uow.audit.append(record(1))
        await uow.commit()
    async with make_uow() as uow:
        await uow.audit.append(record(2))
    async with make_uow() as uow:
        assert await uow.audit.head() == (1, kept.hash)
        again = await uow.audit.append(record(3))
        await uow.commit()
    assert again.seq == 2 and again.prev_hash == kept.hash


async def test_time_never_goes_back_in_the_chain(make_uow: MakeUow) -> None:
    """A clock that stepped back is clamped to the previous entry's time, and says so."""
    async with make_uow() as uow:
        first = await uow.audit.append(record(10))
        await uow.commit()
    async with make_uow() as uow:
        second = await uow.audit.append(record(1))  # nine minutes earlier than the entry before
        await uow.commit()
    assert second.record.at == first.record.at
    assert second.record.details["clock_at"] == record(1).at.isoformat()
    async with make_uow() as uow:
        entries, head = await uow.audit.entries(), await uow.audit.head()
    assert [e.record.at for e in entries] == [first.record.at, first.record.at]
    report = verify_chain(entries, head)
    assert report.ok, report.problems


async def test_staged_records_are_appended_at_commit_in_order(make_uow: MakeUow) -> None:
    """Staged records join the chain when the unit of work commits (the head is locked only
    then, once for all of them); a rollback drops them; reading first appends them."""
    async with make_uow() as uow:
        first = await uow.audit.append(record(1))
        uow.audit.stage(record(2))
        uow.audit.stage(record(3))
        assert await uow.audit.head() == (3, (await uow.audit.entries())[-1].hash)
        uow.audit.stage(record(4))
        await uow.commit()
    async with make_uow() as uow:
        uow.audit.stage(record(5))  # never committed
    async with make_uow() as uow:
        entries, head = await uow.audit.entries(), await uow.audit.head()
    assert [e.record.draft_id for e in entries] == ["d1", "d2", "d3", "d4"]
    assert entries[0].hash == first.hash and head == (4, entries[-1].hash)
    assert verify_chain(entries, head).ok


async def test_concurrent_staged_commits_keep_the_chain_valid(make_uow: MakeUow) -> None:
    async def one(n: int) -> None:
        async with make_uow() as uow:
            uow.audit.stage(record(n))
            uow.audit.stage(record(n + 100))
            await uow.commit()

    import asyncio

    await asyncio.gather(*(one(n) for n in range(1, 9)))
    async with make_uow() as uow:
        entries, head = await uow.audit.entries(), await uow.audit.head()
    report = verify_chain(entries, head)
    assert report.ok and report.count == 16, report.problems
    order = [e.record.draft_id for e in entries]
    for n in range(1, 9):  # each transaction's records stay together, in order
        assert order.index(f"d{n + 100}") == order.index(f"d{n}") + 1
