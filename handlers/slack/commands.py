"""`/shonin …` in Slack: mentions normalised, the shared `run_slash`, replied to the sender only."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from chatbot import mentions
from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError
from chatbot.ports import Text
from chatbot.services import queries
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


# Verbs that need no account: they answer the same wherever they are typed.
NO_ACCOUNT = frozenset({"", "help", "ヘルプ", "home", "ホーム"})
HELP = frozenset({"", "help", "ヘルプ"})
POST = frozenset({"post", "投稿"})
ACCOUNT_OPTION = re.compile(r"(?:^|\s)--account(?:(?:=|\s+)(\S*))?(?=\s|$)")


@dataclass(frozen=True)
class Choice:
    """The account a command is for, or why there is none (texts for the person)."""

    account_id: str = ""
    texts: tuple[Text, ...] = ()
    several: bool = False  # the person holds a role in more than one account


def take_account(line: str) -> tuple[str, str | None]:
    """``--account <id>`` (or ``--account=<id>``) out of the line: (the rest, the id or None)."""
    found = ACCOUNT_OPTION.search(line)
    if found is None:
        return line, None
    rest = (line[: found.start()].rstrip() + " " + line[found.end() :].lstrip()).strip()
    return rest, found.group(1) or ""


async def choose_account(ctx: SlackContext, user: str, channel: str, named: str | None) -> Choice:
    """Named with ``--account``, else the drafts channel's, else the one the person has a role in.

    Several accounts (or none) is never guessed: the person is told which there are and how to
    choose, or that they hold no role.
    """
    if named is not None:
        wanted = named.strip().lower()
        for account_id in ctx.accounts:
            if account_id.lower() == wanted:
                return Choice(account_id)
        unknown = Text("error.unknown_account", {"account": named[:40] or "-"})
        return Choice(texts=(unknown, _listing(ctx, list(ctx.accounts))))
    here = ctx.account_for_channel(channel)
    if here is not None:
        return Choice(here.id)
    mine = await queries.accounts_of(ctx.core.deps, user)
    if len(mine) == 1:
        return Choice(mine[0])
    if not mine:
        return Choice(texts=(Text("slack.account_none", {}),))
    return Choice(texts=(Text("slack.account_choose", {}), _listing(ctx, mine)), several=True)


def _listing(ctx: SlackContext, account_ids: list[str]) -> Text:
    names = ", ".join(
        f"`{a}`（{ctx.accounts[a].display_name}）" if ctx.accounts[a].display_name else f"`{a}`"
        for a in account_ids
    )
    return Text("slack.account_list", {"accounts": names})


async def on_command(ctx: SlackContext, command: dict[str, Any], respond: Respond) -> None:
    user = f"slack:{command.get('user_id', '')}"
    channel = str(command.get("channel_id") or "")
    line = mentions.normalise(str(command.get("text") or ""), slack_style)
    line, named = take_account(line)
    locale = await ctx.locales.of(user)
    verb = line.split(None, 1)[0].lower() if line.split() else ""
    choice = await choose_account(ctx, user, channel, named)
    if choice.several and verb in POST:
        # the post modal has an account select: the person picks there
        await open_post_modal(ctx, str(command.get("trigger_id") or ""), user, channel)
        return
    if not choice.account_id:
        if verb not in NO_ACCOUNT or named is not None:
            await _say(ctx, respond, list(choice.texts), locale)
            return
        choice = Choice(next(iter(ctx.accounts)))  # help and home read no account's data
    reply = await run_slash(ctx.core, user, choice.account_id, line)
    if reply.open_post_modal:
        trigger = str(command.get("trigger_id") or "")
        await open_post_modal(ctx, trigger, user, channel, choice.account_id)
        return
    texts = await ctx.notifier.named_texts(reply.texts)
    if verb in HELP:
        texts.append(Text("slack.help_account", {}))
    body = kit.texts_blocks(texts, locale, now=ctx.now())
    if reply.check is not None:
        body = (body + kit.check_blocks(reply.check, locale))[: kit.MAX_BLOCKS]
    fallback = "\n".join(render_text(v, locale, now=ctx.now()) for v in texts)[:3000]
    await respond(response_type="ephemeral", text=fallback or "shonin", blocks=body)


async def _say(ctx: SlackContext, respond: Respond, texts: list[Text], locale: str) -> None:
    texts = await ctx.notifier.named_texts(texts)
    body = kit.texts_blocks(texts, locale, now=ctx.now())
    fallback = "\n".join(render_text(v, locale, now=ctx.now()) for v in texts)[:3000]
    await respond(response_type="ephemeral", text=fallback or "shonin", blocks=body)


async def open_post_modal(
    ctx: SlackContext, trigger_id: str, user: str, channel: str, chosen: str = ""
) -> None:
    """The account select lists the person's accounts; preselected only when it is clear."""
    locale = await ctx.locales.of(user)
    mine = await queries.accounts_of(ctx.core.deps, user)
    if not chosen:
        here = ctx.account_for_channel(channel)
        chosen = here.id if here is not None else (mine[0] if len(mine) == 1 else "")
    listed = [a for a in ctx.accounts.values() if a.id in mine or a.id == chosen]
    if not listed:
        await ctx.tell(user, "", [Text("slack.account_none", {})])
        return
    view = modals.post_modal(listed, chosen, locale, {"c": channel})
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
