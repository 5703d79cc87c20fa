"""The outbox hands each process only the rows of the platforms it can deliver."""

from __future__ import annotations

from datetime import UTC, datetime

from chatbot.outbox import Notification, NotifyOp
from tests.conftest import Backend

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


async def test_due_filters_by_platform(db_backend: Backend) -> None:
    async with db_backend.make_uow() as uow:
        for platform in ("slack", "console", "teams", "slack"):
            row = Notification("a", "d1", platform, NotifyOp.DIRECT, f"{platform}:u", created_at=T0)
            await uow.notifications.add(row)
        await uow.commit()
    async with db_backend.make_uow() as uow:
        every = await uow.notifications.due(T0)
        slack = await uow.notifications.due(T0, platforms={"slack"})
        two = await uow.notifications.due(T0, platforms=["console", "teams"])
        none = await uow.notifications.due(T0, platforms=())
    assert [n.platform for n in every] == ["slack", "console", "teams", "slack"]
    assert [n.platform for n in slack] == ["slack", "slack"]
    assert [n.platform for n in two] == ["console", "teams"]
    assert none == []
