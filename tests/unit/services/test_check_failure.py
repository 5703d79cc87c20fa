"""A policy check that fails leaves the draft visibly unchecked and never approvable."""

from __future__ import annotations

import pytest

from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError
from chatbot.domain.states import DraftState
from tests.unit.services.conftest import OFFICER, World


async def test_failed_check_leaves_the_draft_submitted_and_unapprovable(world: World) -> None:
    world.checker.fail_with = RuntimeError("tokenizer crashed: secret-ish detail")
    draft = await world.submit("12月の展示のお知らせです")
    stored = await world.draft(draft.id)
    assert stored.state is DraftState.SUBMITTED
    assert stored.current.check is None and stored.approver is None

    entries = await world.audit()
    actions = [e.record.action for e in entries]
    assert actions == ["draft.submitted", "draft.check_failed"]
    assert entries[1].record.details == {"error": "RuntimeError"}  # the message is not logged

    with pytest.raises(DomainError):
        await world.handle(cmd.Approve(OFFICER, draft.id))
    assert (await world.draft(draft.id)).state is DraftState.SUBMITTED


async def test_an_unchecked_draft_can_still_be_withdrawn(world: World) -> None:
    world.checker.fail_with = RuntimeError("boom")
    draft = await world.submit("12月の展示のお知らせです")
    withdrawn = await world.handle(cmd.Withdraw(draft.author, draft.id))
    assert withdrawn.state is DraftState.WITHDRAWN
