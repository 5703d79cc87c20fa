"""Concurrent approvals and audit appends against the real databases (and the in-memory twin)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from chatbot.audit import AuditRecord, verify_chain
from chatbot.domain.errors import DomainError
from chatbot.domain.states import DraftState
from tests.conftest import Backend
from tests.contract.builders import DEPUTY, OFFICER, T0, awaiting

APPROVERS = 50
APPENDERS = 20


async def _approve(backend: Backend, n: int) -> str:
    actor, role = (OFFICER, "officer") if n % 2 else (DEPUTY, "deputy")
    async with backend.make_uow() as uow:
        draft = await uow.drafts.get("d1")
        assert draft is not None
        # Yield between load and save so that the attempts really interleave.
        await asyncio.sleep(0)
        draft.approve(actor, role, T0 + timedelta(seconds=n), acknowledged=True)
        await uow.drafts.save(draft)
        await uow.commit()
    return actor


async def test_fifty_concurrent_approvals_record_exactly_one(db_backend: Backend) -> None:
    async with db_backend.make_uow() as uow:
        await uow.drafts.add(awaiting("d1"))
        await uow.commit()
    outcomes = await asyncio.gather(
        *(_approve(db_backend, n) for n in range(APPROVERS)), return_exceptions=True
    )
    winners = [o for o in outcomes if isinstance(o, str)]
    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    others = [o for o in outcomes if not isinstance(o, str | DomainError)]
    assert others == []
    assert len(winners) == 1 and len(refusals) == APPROVERS - 1
    async with db_backend.make_uow() as uow:
        stored = await uow.drafts.get("d1")
    assert stored is not None and stored.state is DraftState.APPROVED
    assert len(stored.decisions) == 1 and stored.decisions[0].actor == winners[0]
    assert stored.version == 1


async def _append(backend: Backend, n: int) -> int:
    async with backend.make_uow() as uow:
        entry = await uow.audit.append(
            AuditRecord(at=T0 + timedelta(seconds=n), actor=f"slack:U{n}", action="approve")
        )
        await asyncio.sleep(0)
        await uow.commit()
    return entry.seq


async def test_concurrent_audit_appends_keep_the_chain_valid(db_backend: Backend) -> None:
    seqs = await asyncio.gather(*(_append(db_backend, n) for n in range(APPENDERS)))
    assert sorted(seqs) == list(range(1, APPENDERS + 1))
    async with db_backend.make_uow() as uow:
        entries = await uow.audit.entries()
        head = await uow.audit.head()
    report = verify_chain(entries, head)
    assert report.ok and report.count == APPENDERS, report.problems
    assert sorted(e.record.actor for e in entries) == sorted(
        f"slack:U{n}" for n in range(APPENDERS)
    )


async def test_a_locked_read_holds_a_decision_until_its_transaction_ends(
    db_backend: Backend,
) -> None:
    # The reminder pass reads the draft locked, then records and audits its reminder: a decision
    # arriving meanwhile must wait, or the audit would say an approver was reminded of a draft
    # already decided.
    async with db_backend.make_uow() as uow:
        await uow.drafts.add(awaiting("d1"))
        await uow.commit()
    async with db_backend.make_uow() as reminder:
        held = await reminder.drafts.get("d1", lock=True)
        assert held is not None and held.state is DraftState.AWAITING_APPROVAL
        decision = asyncio.create_task(_approve(db_backend, 1))
        done, _ = await asyncio.wait({decision}, timeout=0.5)
        assert not done  # the decision waits for the locked read's transaction
        await reminder.commit()
    assert await decision == OFFICER
    async with db_backend.make_uow() as uow:
        stored = await uow.drafts.get("d1")
    assert stored is not None and stored.state is DraftState.APPROVED


async def test_a_locked_read_of_a_missing_draft_is_none(db_backend: Backend) -> None:
    async with db_backend.make_uow() as uow:
        assert await uow.drafts.get("nope", lock=True) is None
