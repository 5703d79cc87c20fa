"""What chat adapters remember outside the core: deliveries being handled, drafts' messages.

An inbound event is *claimed* (one INSERT against a primary key, so a retry is recognised by any
replica and after a restart), processed, then marked *done* (a second row, ``<event_id>:done``,
so no column had to be added). A claim not done within ``LEASE``
(its process died mid-event) is taken again by the next retry, so a crash never drops an event;
a retry of an event that is done, or still being processed, is ignored. Rows older than a day
are pruned (Slack retries within minutes).

Each draft's chat message is *reserved* before the draft is made (message -> draft id), so that
processing the same message again finds the draft it already made instead of making a second.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import tables as t

KEEP_EVENTS = timedelta(days=1)
# Slack retries after about 1 and 5 minutes: a claim older than this is a crashed process's.
LEASE = timedelta(seconds=45)

DONE = ":done"  # the marker row's suffix: "<event_id>:done" once the event was processed

_E = t.chat_events
_D = t.chat_events.alias("finished")
_P = t.chat_posts


def _key(event_id: str) -> str:
    return event_id[: 200 - len(DONE)]


class SqlChatLedger:
    def __init__(self, engine: AsyncEngine, lease: timedelta = LEASE) -> None:
        self.engine = engine
        self.lease = lease

    async def claim(self, platform: str, event_id: str, now: datetime) -> bool:
        """Take the event for processing; False when it is done or being processed already."""
        key = _key(event_id)
        row = {"platform": platform, "event_id": key, "received_at": now}
        try:
            async with self.engine.begin() as connection:
                await connection.execute(insert(_E).values(row))
            return True
        except IntegrityError:
            pass
        # Seen before: take it over only if that claim was never finished and has lapsed.
        finished = (
            select(_D.c.event_id)
            .where(_D.c.platform == platform, _D.c.event_id == key + DONE)
            .exists()
        )
        async with self.engine.begin() as connection:
            taken = await connection.execute(
                update(_E)
                .where(
                    _E.c.platform == platform,
                    _E.c.event_id == key,
                    _E.c.received_at < now - self.lease,
                    ~finished,
                )
                .values(received_at=now)
            )
        return int(taken.rowcount or 0) == 1

    async def done(self, platform: str, event_id: str, now: datetime) -> None:
        """The event was processed: its retries are ignored from now on."""
        row = {"platform": platform, "event_id": _key(event_id) + DONE, "received_at": now}
        try:
            async with self.engine.begin() as connection:
                await connection.execute(insert(_E).values(row))
        except IntegrityError:
            return  # recorded already (a late finish of a claim that was taken over)

    async def release(self, platform: str, event_id: str) -> None:
        """Processing failed: give the claim up so that a retry processes the event again."""
        key = _key(event_id)
        finished = (
            select(_D.c.event_id)
            .where(_D.c.platform == platform, _D.c.event_id == key + DONE)
            .exists()
        )
        async with self.engine.begin() as connection:
            await connection.execute(
                delete(_E).where(_E.c.platform == platform, _E.c.event_id == key, ~finished)
            )

    async def prune(self, now: datetime) -> int:
        async with self.engine.begin() as connection:
            done = await connection.execute(delete(_E).where(_E.c.received_at < now - KEEP_EVENTS))
        return int(done.rowcount or 0)

    async def reserve_post(
        self, platform: str, channel: str, message_id: str, draft_id: str, now: datetime
    ) -> str:
        """Link the message to ``draft_id`` unless it is linked already; the linked draft id."""
        row = {
            "platform": platform,
            "channel": channel,
            "message_id": message_id,
            "draft_id": draft_id,
            "created_at": now,
        }
        try:
            async with self.engine.begin() as connection:
                await connection.execute(insert(_P).values(row))
            return draft_id
        except IntegrityError:
            pass
        found = await self.draft_for(platform, channel, message_id)
        return found or draft_id

    async def unlink_post(
        self, platform: str, channel: str, message_id: str, draft_id: str
    ) -> None:
        """Undo a reservation whose draft was never made (the post was refused)."""
        async with self.engine.begin() as connection:
            await connection.execute(
                delete(_P).where(
                    _P.c.platform == platform,
                    _P.c.channel == channel,
                    _P.c.message_id == message_id,
                    _P.c.draft_id == draft_id,
                )
            )

    async def draft_for(self, platform: str, channel: str, message_id: str) -> str | None:
        query = select(_P.c.draft_id).where(
            _P.c.platform == platform,
            _P.c.channel == channel,
            _P.c.message_id == message_id,
        )
        async with self.engine.connect() as connection:
            found = (await connection.execute(query)).scalar_one_or_none()
        return str(found) if found is not None else None
