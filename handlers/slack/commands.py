"""`/shonin …` in Slack: mentions normalised, the shared `run_slash`, replied to the sender only."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from chatbot import mentions
from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError
from chatbot.ports import Text
from chatbot.services.slash import run_slash
from handlers.slack import blocks as kit
from handlers.slack import modals
from handlers.slack.context import SlackContext
from handlers.slack.files import MAX_FILES
from handlers.slack.ids import PLATFORM
from handlers.slack.intake import plain_caption
from handlers.slack.render import text as render_text

log = logging.getLogger(__name__)
Respond = Callable[..., Awaitable[Any]]
Ack = Callable[..., Awaitable[None]]
slack_style = mentions.pattern_style(re.compile(r"<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>"), PLATFORM)


async def on_command(ctx: SlackContext, command: dict[str, Any], respond: Respond) -> None:
    user = f"slack:{command.get('user_id', '')}"
    channel = str(command.get("channel_id") or "")
    account = ctx.default_account(channel)
    line = mentions.normalise(str(command.get("text") or ""), slack_style)
    reply = await run_slash(ctx.core, user, account.id, line)
    locale = await ctx.locales.of(user)
    if reply.open_post_modal:
        await open_post_modal(ctx, str(command.get("trigger_id") or ""), user, channel)
        return
    body = kit.texts_blocks(reply.texts, locale, now=ctx.now())
    if reply.check is not None:
        body = (body + kit.check_blocks(reply.check, locale))[: kit.MAX_BLOCKS]
    fallback = "\n".join(render_text(v, locale, now=ctx.now()) for v in reply.texts)[:3000]
    await respond(response_type="ephemeral", text=fallback or "shonin", blocks=body)


async def open_post_modal(ctx: SlackContext, trigger_id: str, user: str, channel: str) -> None:
    locale = await ctx.locales.of(user)
    chosen = ctx.default_account(channel).id
    view = modals.post_modal(list(ctx.accounts.values()), chosen, locale, {"c": channel})
    await ctx.client.views_open(trigger_id=trigger_id, view=view)


async def on_post_view(
    ctx: SlackContext, ack: Ack, body: dict[str, Any], view: dict[str, Any]
) -> None:
    """Checked here, acked, then files are downloaded and the draft submitted after the ack."""
    user = f"slack:{(body.get('user') or {}).get('id', '')}"
    locale = await ctx.locales.of(user)
    account_id = modals.option_of(view, "account")
    caption = modals.text_of(view, "caption")
    files = modals.files_of(view, "files")
    errors: dict[str, str] = {}
    if account_id not in ctx.accounts:
        errors["account"] = render_text(
            Text("error.unknown_account", {"account": account_id[:40]}), locale
        )
    if not caption:
        errors["caption"] = render_text(Text("slack.caption_required", {}), locale)
    if len(files) > MAX_FILES:
        errors["files"] = render_text(Text("slack.too_many_files", {"limit": MAX_FILES}), locale)
    if errors:
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    wished = modals.datetime_of(view, "wished")
    ctx.spawn(_submit(ctx, user, account_id, plain_caption(caption), files, wished))


async def _submit(
    ctx: SlackContext,
    user: str,
    account_id: str,
    caption: str,
    files: list[dict[str, Any]],
    wished: Any,
) -> None:
    try:
        media = await ctx.fetcher.fetch_all(files)
        draft = await ctx.core.handle(cmd.SubmitDraft(user, account_id, caption, media, wished))
    except DomainError as error:
        await ctx.tell(user, "", [Text(error.key, error.args_map), Text("slack.post_again", {})])
        return
    except Exception:
        log.exception("submitting a draft from the modal failed")
        await ctx.tell(user, "", [Text("error.internal", {})])
        return
    locale = await ctx.locales.of(user)
    intro = Text("slack.submitted", {"draft": draft.id})
    check = draft.current.check
    body = kit.check_blocks(check, locale, intro=intro) if check else kit.text_blocks(intro, locale)
    dm = await ctx.notifier.open_dm(user)
    await ctx.post(dm, body, render_text(intro, locale), user=user)
