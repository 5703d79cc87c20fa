"""Messages in an account's drafts channel: post → draft, edit → new revision, delete → withdrawn.

Thread replies, bot messages and subtypes that are not posts are ignored. Each event is claimed
by its ``event_id`` first and marked done after, so Slack's retries (and a second replica) do
nothing, while a retry of an event whose processing died is processed (storage.chat_ledger).
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError, NotFound
from chatbot.domain.model import Draft
from chatbot.ports import Text
from chatbot.services import queries
from handlers.slack import blocks as kit
from handlers.slack import home
from handlers.slack.context import SlackContext
from handlers.slack.ids import PLATFORM

log = logging.getLogger(__name__)
POST_SUBTYPES = frozenset({None, "", "file_share"})
_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def plain_caption(text: str) -> str:
    """Slack's markup back to what the person typed: links, channels, mentions, escapes."""

    def one(match: re.Match[str]) -> str:
        target, shown = match.group(1), match.group(2)
        if target.startswith("@"):
            return "@" + (shown or target[1:])
        if target.startswith("#"):
            return "#" + (shown or target[1:])
        if target.startswith("!"):
            return ""
        return shown or target.removeprefix("mailto:")

    return html.unescape(_LINK.sub(one, text))


def is_post(event: dict[str, Any]) -> bool:
    if event.get("subtype") not in POST_SUBTYPES or event.get("bot_id") or event.get("hidden"):
        return False
    thread = event.get("thread_ts")
    return bool(event.get("user")) and (not thread or thread == event.get("ts"))


async def on_message(ctx: SlackContext, body: dict[str, Any], event: dict[str, Any]) -> None:
    channel = str(event.get("channel") or "")
    account = ctx.account_for_channel(channel)
    subtype = event.get("subtype")
    if account is None or not (is_post(event) or subtype in ("message_changed", "message_deleted")):
        return
    event_id = str(body.get("event_id") or "")
    if event_id and not await ctx.ledger.claim(PLATFORM, event_id, ctx.now()):
        log.info("Slack event delivered again; handled or being handled already")
        return
    try:
        if subtype == "message_changed":
            await _edited(ctx, channel, event)
        elif subtype == "message_deleted":
            await _deleted(ctx, channel, event)
        else:
            await _posted(ctx, account.id, channel, event)
    except Exception:
        if event_id:  # a retry may process it again (intake finds a draft it already made)
            await ctx.ledger.release(PLATFORM, event_id)
        raise
    if event_id:
        await ctx.ledger.done(PLATFORM, event_id, ctx.now())


async def _posted(ctx: SlackContext, account_id: str, channel: str, event: dict[str, Any]) -> None:
    user, ts = f"slack:{event['user']}", str(event.get("ts") or "")
    # The message's draft id is reserved first: processing the message again (a retry after a
    # crash) finds the draft already made, or makes it under the same id, never a second one.
    draft_id = await ctx.ledger.reserve_post(
        PLATFORM, channel, ts, ctx.core.deps.new_id(), ctx.now()
    )
    try:
        media = await ctx.fetcher.fetch_all(list(event.get("files") or []))
        caption = plain_caption(str(event.get("text") or ""))
        submit = cmd.SubmitDraft(user, account_id, caption, media, draft_id=draft_id)
        draft = await ctx.core.handle(submit)
    except DomainError as error:
        await ctx.ledger.unlink_post(PLATFORM, channel, ts, draft_id)
        await ctx.tell(user, channel, [Text(error.key, error.args_map)], thread_ts=ts)
        return
    home.refresh(ctx, user)
    await thread_check(ctx, channel, ts, draft, Text("slack.submitted", {"draft": draft.id}))


async def _edited(ctx: SlackContext, channel: str, event: dict[str, Any]) -> None:
    """The words or the images changed: a new revision with the message as it is now.

    Images added, removed or replaced are downloaded and checked as at intake; a message whose
    files did not change keeps the draft's images.
    """
    message = event.get("message") or {}
    previous = event.get("previous_message") or {}
    if not isinstance(message, dict) or not message.get("user") or message.get("bot_id"):
        return
    if not isinstance(previous, dict):
        previous = {}
    files_changed = _files_changed(message, previous)
    if message.get("text") == previous.get("text") and not files_changed:
        return  # an unfurl or a reaction, not an edit
    ts = str(message.get("ts") or "")
    draft_id = await ctx.ledger.draft_for(PLATFORM, channel, ts)
    if draft_id is None:
        return
    user = f"slack:{message['user']}"
    caption = plain_caption(str(message.get("text") or ""))
    try:
        media = None
        if files_changed:
            media = await ctx.fetcher.fetch_all(_files(message))
        draft = await ctx.core.handle(cmd.ReviseDraft(user, draft_id, caption, media))
    except NotFound:
        return  # reserved, but the post is still being made a draft (or was refused)
    except DomainError as error:
        await ctx.tell(user, channel, [Text(error.key, error.args_map)], thread_ts=ts)
        return
    intro = Text("slack.revised", {"draft": draft.id, "revision": draft.current.number})
    await thread_check(ctx, channel, ts, draft, intro)


def _files(message: dict[str, Any]) -> list[dict[str, Any]]:
    files = message.get("files") or []
    return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []


def _files_changed(message: dict[str, Any], previous: dict[str, Any]) -> bool:
    """Whether the message's files (by Slack file id, in order) differ from before the edit."""
    if "files" not in message and "files" not in previous:
        return False
    ids = [str(f.get("id") or "") for f in _files(message)]
    before = [str(f.get("id") or "") for f in _files(previous)]
    return ids != before


async def _deleted(ctx: SlackContext, channel: str, event: dict[str, Any]) -> None:
    previous = event.get("previous_message") or {}
    ts = str(event.get("deleted_ts") or previous.get("ts") or "")
    draft_id = await ctx.ledger.draft_for(PLATFORM, channel, ts)
    if draft_id is None or not previous.get("user"):
        return
    user = f"slack:{previous['user']}"
    try:
        await ctx.core.handle(cmd.Withdraw(user, draft_id))
    except DomainError as error:
        await ctx.tell(user, channel, [Text(error.key, error.args_map)])


async def thread_check(ctx: SlackContext, channel: str, ts: str, draft: Draft, intro: Text) -> None:
    """The check result in the post's thread: verdict, findings by severity, what to fix."""
    card = await queries.card(ctx.core.deps, draft.id)
    locale = ctx.default_locale
    check = draft.current.check
    if check is None:
        body = kit.text_blocks(Text("slack.unchecked", {"draft": draft.id}), locale)
    else:
        body = kit.check_blocks(check, locale, intro=intro)
    await ctx.post(channel, body, kit.fallback(card, locale), thread_ts=ts, user=draft.author)
