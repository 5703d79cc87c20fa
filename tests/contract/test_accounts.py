"""Roles, suspension, absences and card references: the same tests on every backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta, timezone

from chatbot.domain.roles import Absence, Roles
from chatbot.ports import MessageKind, MessageRef, Suspension, UnitOfWork
from tests.contract.builders import DEPUTY, OFFICER, T0, submitted

MakeUow = Callable[[], UnitOfWork]
JST = timezone(timedelta(hours=9))


async def test_roles_set_get_and_replace(make_uow: MakeUow) -> None:
    roles = Roles(
        officer=OFFICER,
        deputy=DEPUTY,
        admins=frozenset({"slack:UADMIN", "teams:29:admin"}),
        staff=frozenset({"slack:US1", "slack:US2"}),
    )
    async with make_uow() as uow:
        assert await uow.accounts.get_roles("art") is None
        await uow.accounts.set_roles("art", roles)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.accounts.get_roles("art") == roles
        assert await uow.accounts.get_roles("kokura") is None
        await uow.accounts.set_roles("art", Roles(officer="slack:UNEW"))
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.accounts.get_roles("art") == Roles(officer="slack:UNEW")


async def test_suspension_set_get_and_clear(make_uow: MakeUow) -> None:
    suspension = Suspension("不適切な投稿の調査中", "slack:UADMIN", T0.astimezone(JST))
    async with make_uow() as uow:
        assert await uow.accounts.get_suspension("art") is None
        await uow.accounts.set_suspension("art", suspension)
        await uow.commit()
    async with make_uow() as uow:
        stored = await uow.accounts.get_suspension("art")
        assert stored == suspension and stored is not None
        assert stored.at.utcoffset() == timedelta(0)
        assert await uow.accounts.get_suspension("kokura") is None
        await uow.accounts.set_suspension("art", None)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.accounts.get_suspension("art") is None


async def test_absences_add_list_remove(make_uow: MakeUow) -> None:
    def period(user: str, start_days: int, days: int, account: str = "art") -> Absence:
        start = T0 + timedelta(days=start_days)
        return Absence(account, user, start, start + timedelta(days=days), "出張", "slack:UADMIN")

    async with make_uow() as uow:
        late = await uow.absences.add(period(OFFICER, 10, 2))
        early = await uow.absences.add(period(DEPUTY, 1, 3))
        past = await uow.absences.add(period(OFFICER, -5, 1))
        other = await uow.absences.add(period(OFFICER, 1, 1, account="kokura"))
        await uow.commit()
    ids = [late.id, early.id, past.id, other.id]
    assert None not in ids and len(set(ids)) == 4
    assert replace(late, id=None) == period(OFFICER, 10, 2)
    assert (late.user, late.start, late.reason) == (OFFICER, T0 + timedelta(days=10), "出張")
    async with make_uow() as uow:
        assert await uow.absences.list("art") == [past, early, late]
        assert await uow.absences.list("art", ending_after=T0) == [early, late]
        assert await uow.absences.list("kokura") == [other]
        assert early.id is not None
        await uow.absences.remove(early.id)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.absences.list("art") == [past, late]


async def test_card_refs_per_draft_in_order(make_uow: MakeUow) -> None:
    first = MessageRef("slack", "C1", "1712.0001")
    handle = '{"service_url": "https://smba.example/jp/", "conversation": "a:1", "activity": "2"}'
    second = MessageRef(
        "teams", "19:chan", "msg-2", thread_id="thr", kind=MessageKind.DM_CARD, handle=handle
    )
    async with make_uow() as uow:
        await uow.drafts.add(submitted("d1"))
        await uow.drafts.add(submitted("d2"))
        await uow.cards.add("d1", first)
        await uow.cards.add("d2", MessageRef("slack", "C9", "9"))
        await uow.cards.add("d1", second)
        assert await uow.cards.list("d1") == [first, second]
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.cards.list("d1") == [first, second]
        assert await uow.cards.list("d2") == [MessageRef("slack", "C9", "9")]
        assert await uow.cards.list("none") == []


async def test_rolled_back_account_changes_are_gone(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        await uow.accounts.set_roles("art", Roles(officer=OFFICER))
        await uow.absences.add(Absence("art", OFFICER, T0, T0 + timedelta(days=1)))
        await uow.cards.add("d1", MessageRef("slack", "C1", "1"))
    async with make_uow() as uow:
        assert await uow.accounts.get_roles("art") is None
        assert await uow.absences.list("art") == []
        assert await uow.cards.list("d1") == []
