"""Conversation references (proactive messaging): the same tests on every backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta, timezone

from chatbot.ports import ConversationRef, UnitOfWork
from tests.contract.builders import T0

MakeUow = Callable[[], UnitOfWork]
JST = timezone(timedelta(hours=9))


async def test_saved_references_are_read_back_and_replaced_per_platform_and_key(
    make_uow: MakeUow,
) -> None:
    first = ConversationRef("teams", "teams:aad-1", '{"service_url": "https://a"}', T0)
    async with make_uow() as uow:
        assert await uow.conversations.get("teams", "teams:aad-1") is None
        await uow.conversations.save(first)
        await uow.conversations.save(ConversationRef("slack", "teams:aad-1", "other", T0))
        assert await uow.conversations.get("teams", "teams:aad-1") == first  # seen before commit
        await uow.commit()
    later = ConversationRef(
        "teams", "teams:aad-1", '{"service_url": "https://b"}', T0 + timedelta(1)
    )
    async with make_uow() as uow:
        assert await uow.conversations.get("teams", "teams:aad-1") == first
        in_tokyo = ConversationRef(
            "teams", "teams:aad-1", later.reference, later.updated_at.astimezone(JST)
        )
        await uow.conversations.save(in_tokyo)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.conversations.get("teams", "teams:aad-1") == later
        assert (await uow.conversations.get("slack", "teams:aad-1")).reference == "other"  # type: ignore[union-attr]


async def test_an_uncommitted_reference_is_forgotten(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.conversations.save(ConversationRef("teams", "channel:19:x", "{}", T0))
    async with make_uow() as uow:
        assert await uow.conversations.get("teams", "channel:19:x") is None
