"""Reasons people type (send back, decline, absence, suspension) reach cards, terminals and the
audit log without escapes, controls or direction marks (issue 7)."""

from __future__ import annotations

import pytest

from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput
from tests.unit.services.conftest import ACCOUNT, OFFICER, World, jst

DIRTY = "\x1b[31m日付を\x07直して\u202eください\x1b]0;x\x07"
CLEAN = "日付を直してください"


@pytest.mark.parametrize("command", [cmd.RequestChanges, cmd.Decline])
async def test_send_back_reasons_are_cleaned(world: World, command: type) -> None:
    draft = await world.submit()
    await world.handle(command(OFFICER, draft.id, DIRTY))
    stored = await world.draft(draft.id)
    assert stored.decisions[-1].reason == CLEAN
    action = "draft.declined" if command is cmd.Decline else "draft.changes_requested"
    [entry] = [e for e in await world.audit() if e.record.action == action]
    assert entry.record.details["reason"] == CLEAN


@pytest.mark.parametrize("command", [cmd.RequestChanges, cmd.Decline])
async def test_a_reason_of_only_invisible_characters_is_no_reason(
    world: World, command: type
) -> None:
    draft = await world.submit()
    before = await world.actions(draft.id)
    with pytest.raises(InvalidInput) as refused:
        await world.handle(command(OFFICER, draft.id, "\u200b\x1b[0m\u202e\x00"))
    assert refused.value.key == "error.reason_required"
    assert await world.actions(draft.id) == before


async def test_absence_and_suspension_reasons_are_cleaned(world: World) -> None:
    await world.handle(cmd.SetAbsence(OFFICER, ACCOUNT, OFFICER, jst(12, 2), jst(12, 3), DIRTY))
    suspension = await world.handle(cmd.Suspend(OFFICER, ACCOUNT, DIRTY))
    assert suspension.reason == CLEAN
    async with world.deps.uow() as uow:
        [absence] = await uow.absences.list(ACCOUNT, ending_after=jst(12, 1))
    assert absence.reason == CLEAN
    reasons = [e.record.details.get("reason") for e in await world.audit()]
    assert reasons.count(CLEAN) == 2 and DIRTY not in reasons
    with pytest.raises(InvalidInput):
        await world.handle(cmd.Suspend(OFFICER, ACCOUNT, "\u200b\u2060"))
