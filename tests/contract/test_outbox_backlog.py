"""The outbox's backlog: pending rows per platform and the oldest one's time, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chatbot.outbox import Backlog, DeliveryState, Notification, NotifyOp
from tests.conftest import Backend

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


async def test_backlog_counts_pending_rows_per_platform(db_backend: Backend) -> None:
    rows = [
        ("a", "teams", T0 + timedelta(minutes=5)),
        ("a", "teams", T0),
        ("b", "teams", T0 - timedelta(hours=1)),
        ("a", "slack", T0 + timedelta(minutes=1)),
        ("a", "console", T0),
    ]
    async with db_backend.make_uow() as uow:
        for account, platform, at in rows:
            row = Notification(
                account, "", platform, NotifyOp.DIRECT, f"{platform}:u", created_at=at
            )
            await uow.notifications.add(row)
        await uow.commit()
    async with db_backend.make_uow() as uow:
        [console] = await uow.notifications.due(T0, platforms={"console"})
        assert console.id is not None
        await uow.notifications.settle(console.id, DeliveryState.DELIVERED, 1, T0, "", T0)
        await uow.commit()
    async with db_backend.make_uow() as uow:
        every = await uow.notifications.backlog()
        only_a = await uow.notifications.backlog("a")
        nobody = await uow.notifications.backlog("zzz")
    assert every == [
        Backlog("slack", 1, T0 + timedelta(minutes=1)),
        Backlog("teams", 3, T0 - timedelta(hours=1)),
    ]
    assert only_a == [Backlog("slack", 1, T0 + timedelta(minutes=1)), Backlog("teams", 2, T0)]
    assert nobody == []
