"""50 people press approve on one draft at once, through the whole core, on real databases.

Exactly one decision is recorded; the 49 others get AlreadyDecided naming who decided, which the
chat turns into a clear message; nothing else escapes.
"""

from __future__ import annotations

import asyncio
import itertools

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.errors import AlreadyDecided
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.i18n import t
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.wiring import Core, build_core, seed_roles
from tests.conftest import Backend
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore
from tests.fakes.images import photo
from tests.unit.services.conftest import ACCOUNTS, DEPUTY, OFFICER, SEED, STAFF, START

CLICKS = 50


async def _bus(backend: Backend) -> Core:
    counter = itertools.count(1)
    ports = Ports(
        backend.make_uow, ManualClock(START), FakeChecker(), InMemoryMediaStore(), FakePublisher()
    )
    core = build_core(ports, CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}"))
    await seed_roles(core.deps, {account: SEED for account in ACCOUNTS})
    return core


async def test_fifty_concurrent_approvals_through_the_bus(sql_backend: Backend) -> None:
    bus = await _bus(sql_backend)
    # kokuraminami lets the deputy decide while the officer is present: two people race
    draft: Draft = await bus.handle(
        cmd.SubmitDraft(STAFF, "kokuraminami", "12月の催しのお知らせ", (photo(),))
    )
    clickers = [OFFICER if n % 2 else DEPUTY for n in range(CLICKS)]
    outcomes = await asyncio.gather(
        *(bus.handle(cmd.Approve(who, draft.id)) for who in clickers), return_exceptions=True
    )
    wins = [o for o in outcomes if isinstance(o, Draft)]
    refusals = [o for o in outcomes if isinstance(o, AlreadyDecided)]
    escaped = [o for o in outcomes if not isinstance(o, Draft | AlreadyDecided)]
    assert escaped == []
    assert len(wins) == 1 and len(refusals) == CLICKS - 1
    decision = wins[0].last_decision("approve")
    assert decision is not None
    assert {r.args_map["by"] for r in refusals} == {decision.actor}
    message = t(refusals[0].key, "ja", **refusals[0].args_map)
    assert decision.actor in message and "承認済み" in message

    async with sql_backend.make_uow() as uow:
        stored = await uow.drafts.get(draft.id)
        entries = await uow.audit.entries()
    assert stored is not None and stored.state is DraftState.APPROVED
    assert [d.kind for d in stored.decisions] == ["approve"]
    assert [e.record.action for e in entries].count("draft.approved") == 1
