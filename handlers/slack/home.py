"""App Home (views.publish): filled in when the core's home view model lands."""

from __future__ import annotations

from handlers.slack.context import SlackContext


async def publish(ctx: SlackContext, user: str) -> None:
    return None
