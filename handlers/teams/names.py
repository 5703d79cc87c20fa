"""People's display names on Teams cards and texts instead of raw ids.

Teams people are named by what the bot has seen (an activity's sender, a mention, a conversation
member), kept with their conversation reference in the database; people of another platform
(Slack) by the name that platform recorded (``handlers.people``). An id without a known name is
shortened (``teams:0f3c6a2e…``).
"""

from __future__ import annotations

from handlers.people import Directory, Shown, clean, short
from handlers.teams.references import PLATFORM, ReferenceBook

__all__ = ["Names", "clean", "short"]


class Names(Shown):
    """Teams ids from the reference book, others from the directory (one read per person per
    rendering)."""

    def __init__(self, book: ReferenceBook, directory: Directory | None = None) -> None:
        super().__init__(directory or book.directory)
        self.book = book

    async def name(self, user: str) -> str:
        if user.startswith(f"{PLATFORM}:"):
            ref = await self.book.get(user)
            return clean(ref.name) if ref is not None else ""
        return await super().name(user)
