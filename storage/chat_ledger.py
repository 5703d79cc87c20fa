"""What chat adapters remember outside the core: deliveries already handled, drafts' messages.

``first_time`` is one INSERT against a primary key, so a retried event is recognised by any
replica and after a restart; rows older than a day are pruned (Slack retries within minutes).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import tables as t

KEEP_EVENTS = timedelta(days=1)


class SqlChatLedger:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def first_time(self, platform: str, event_id: str, now: datetime) -> bool:
        """Record the delivery; False when it was recorded before (a retry or a replay)."""
        row = {"platform": platform, "event_id": event_id[:200], "received_at": now}
        try:
            async with self.engine.begin() as connection:
                await connection.execute(insert(t.chat_events).values(row))
        except IntegrityError:
            return False
        return True

    async def prune(self, now: datetime) -> int:
        async with self.engine.begin() as connection:
            done = await connection.execute(
                delete(t.chat_events).where(t.chat_events.c.received_at < now - KEEP_EVENTS)
            )
        return int(done.rowcount or 0)

    async def link_post(
        self, platform: str, channel: str, message_id: str, draft_id: str, now: datetime
    ) -> None:
        row = {
            "platform": platform,
            "channel": channel,
            "message_id": message_id,
            "draft_id": draft_id,
            "created_at": now,
        }
        try:
            async with self.engine.begin() as connection:
                await connection.execute(insert(t.chat_posts).values(row))
        except IntegrityError:
            return

    async def draft_for(self, platform: str, channel: str, message_id: str) -> str | None:
        query = select(t.chat_posts.c.draft_id).where(
            t.chat_posts.c.platform == platform,
            t.chat_posts.c.channel == channel,
            t.chat_posts.c.message_id == message_id,
        )
        async with self.engine.connect() as connection:
            found = (await connection.execute(query)).scalar_one_or_none()
        return str(found) if found is not None else None
