"""``DraftRepository.accounts_with``: the accounts having drafts in a state, read at once (the
reminders pass plans only those with drafts awaiting approval)."""

from __future__ import annotations

from chatbot.domain.states import DraftState
from tests.conftest import Backend
from tests.contract.builders import OFFICER, T0, awaiting, submitted


async def test_the_accounts_with_drafts_in_a_state(db_backend: Backend) -> None:
    async with db_backend.make_uow() as uow:
        assert await uow.drafts.accounts_with([DraftState.AWAITING_APPROVAL]) == set()
        await uow.drafts.add(awaiting("a1", account="north"))
        await uow.drafts.add(awaiting("a2", account="north"))
        await uow.drafts.add(awaiting("a3", account="south"))
        approved = awaiting("a4", account="east")
        approved.approve(OFFICER, "officer", T0, acknowledged=True)
        await uow.drafts.add(approved)
        await uow.drafts.add(submitted("a5", account="west"))
        await uow.commit()
    async with db_backend.make_uow() as uow:
        assert await uow.drafts.accounts_with([DraftState.AWAITING_APPROVAL]) == {"north", "south"}
        assert await uow.drafts.accounts_with([DraftState.APPROVED, DraftState.SCHEDULED]) == {
            "east"
        }
        assert await uow.drafts.accounts_with([DraftState.PUBLISHED]) == set()
        both = [DraftState.AWAITING_APPROVAL, DraftState.SUBMITTED]
        assert await uow.drafts.accounts_with(both) == {"north", "south", "west"}
        # a change in this unit of work is seen by it
        draft = await uow.drafts.get("a3")
        assert draft is not None
        draft.approve(OFFICER, "officer", T0, acknowledged=True)
        await uow.drafts.save(draft)
        assert await uow.drafts.accounts_with([DraftState.AWAITING_APPROVAL]) == {"north"}
