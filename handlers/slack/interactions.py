"""Button clicks and modal submissions, turned into the action table's commands.

Every click is re-checked by the core; whatever it refuses is told to the clicker only (and a
card clicked after someone else decided is refreshed). A decision in a modal is run before the
modal closes when it finishes within ``MODAL_DEADLINE`` (so a refusal shows in the modal);
otherwise the modal closes and the outcome is told afterwards.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from chatbot import actions
from chatbot.domain.errors import AlreadyDecided, DomainError, IllegalTransition, InvalidInput
from chatbot.i18n import t
from chatbot.ports import Text
from chatbot.routing import decision_authority
from chatbot.services import queries
from chatbot.services.decisions import pack_clauses
from chatbot.services.reminders import is_escalated
from handlers.slack import blocks as kit
from handlers.slack import home, modals
from handlers.slack.context import SlackContext
from handlers.slack.render import clip

log = logging.getLogger(__name__)
MODAL_DEADLINE = 2.0
Ack = Callable[..., Awaitable[None]]


def parse_value(raw: object) -> tuple[str, int | None]:
    """The button's value: {"d": draft id, "r": revision}; anything else is a forged click."""
    try:
        data = json.loads(str(raw))
        draft, revision = str(data["d"]), data.get("r")
    except (ValueError, KeyError, TypeError):
        raise InvalidInput("slack.bad_button") from None
    if not draft or len(draft) > 64 or (revision is not None and not isinstance(revision, int)):
        raise InvalidInput("slack.bad_button")
    return draft, revision


def where(body: dict[str, Any]) -> tuple[str, str]:
    """(channel, message ts) of the clicked message."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id") or ""
    return str(channel), str(container.get("message_ts") or "")


async def on_action(ctx: SlackContext, body: dict[str, Any], action: dict[str, Any]) -> None:
    user = f"slack:{(body.get('user') or {}).get('id', '')}"
    channel, message_ts = where(body)
    action_id = str(action.get("action_id") or "")
    try:
        spec = actions.spec(action_id)
        draft_id, revision = parse_value(action.get("value"))
        await _click(ctx, body, user, spec, draft_id, revision)
    except DomainError as error:
        await ctx.tell(user, channel, [Text(error.key, error.args_map)])
        if isinstance(error, AlreadyDecided | IllegalTransition) and message_ts:
            await refresh(ctx, channel, message_ts, error.args_map.get("draft", ""), user)


async def _click(
    ctx: SlackContext,
    body: dict[str, Any],
    user: str,
    spec: actions.ActionSpec,
    draft_id: str,
    revision: int | None,
) -> None:
    card = await queries.card(ctx.core.deps, draft_id)
    need = spec.needs(card)
    channel, message_ts = where(body)
    meta = {"a": spec.id, "d": card.draft_id, "r": revision, "c": channel, "m": message_ts}
    if need in (actions.Need.REASON, actions.Need.DATETIME, actions.Need.CLAUSE):
        if spec.id != "schedule":
            await may_decide(ctx, card.draft_id, user)
        locale = await ctx.locales.of(user)
        if need is actions.Need.DATETIME:
            view = modals.schedule_modal(card, locale, meta)
        else:
            view = modals.reason_modal(spec.id, card, locale, meta, clauses(ctx, card.account_id))
        await ctx.client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=view)
        return
    # Nothing more to ask, or a confirm the button's own dialog already asked.
    given = actions.ActionInput(confirmed=True, revision=revision)
    await decide(ctx, spec.id, user, card.draft_id, given, channel)


async def may_decide(ctx: SlackContext, draft_id: str, user: str) -> None:
    """Refuse before opening a modal the person could not submit (the core checks again)."""
    deps = ctx.core.deps
    async with deps.uow() as uow:
        draft = await deps.load(uow, draft_id)
        roles = await deps.roles(uow, draft.account_id)
        absences = await uow.absences.list(draft.account_id, ending_after=deps.clock.now())
        escalated = user == roles.deputy and await is_escalated(uow, draft)
    account = deps.account(draft.account_id)
    now = deps.clock.now()
    decision_authority(account, roles, absences, draft.author, user, now, escalated=escalated)


async def decide(
    ctx: SlackContext,
    action_id: str,
    user: str,
    draft_id: str,
    given: actions.ActionInput,
    channel: str,
) -> None:
    command = actions.to_command(action_id, user, draft_id, given)
    draft = await ctx.core.handle(command)
    ctx.metrics.inc("shonin_decisions_total", {"action": action_id, "platform": "slack"})
    home.refresh(ctx, user)
    await ctx.tell(user, channel, [Text(actions.done_key(action_id), {"draft": draft.id})])


async def refresh(ctx: SlackContext, channel: str, ts: str, draft_id: str, user: str) -> None:
    """Redraw a stale copy of the card someone clicked."""
    if not draft_id:
        return
    try:
        card = await queries.card(ctx.core.deps, draft_id)
        locale = await ctx.locales.of(user) if channel.startswith("D") else ctx.default_locale
        deciding = not channel.startswith("D") or user == card.approver
        card = await ctx.notifier.named(card)
        blocks = kit.card_blocks(card, locale, ctx.now(), decision_buttons=deciding)
        await ctx.client.chat_update(
            channel=channel, ts=ts, text=kit.fallback(card, locale), blocks=blocks
        )
    except Exception:
        log.warning("could not refresh a clicked card", exc_info=True)


def clauses(ctx: SlackContext, account_id: str) -> list[modals.Clause]:
    """The clauses of the account's pack, for the optional clause of a reason."""
    try:
        return pack_clauses(ctx.core.deps, account_id)
    except Exception:
        log.warning("the clauses of the account's pack could not be listed", exc_info=True)
        return []


# --- modal submissions --------------------------------------------------------------------------


async def on_decision_view(
    ctx: SlackContext, ack: Ack, body: dict[str, Any], view: dict[str, Any]
) -> None:
    user = f"slack:{(body.get('user') or {}).get('id', '')}"
    try:
        meta = json.loads(str(view.get("private_metadata") or "{}"))
        action_id, draft_id = str(meta["a"]), str(meta["d"])
        actions.spec(action_id)
    except (ValueError, KeyError, TypeError, DomainError):
        await ack(
            response_action="errors",
            errors={_field(view): _say(await ctx.locales.of(user), "slack.bad_button")},
        )
        return
    revision = meta.get("r") if isinstance(meta.get("r"), int) else None
    reason = modals.text_of(view, "reason")
    clause = modals.option_of(view, "clause")
    given = actions.ActionInput(
        reason=clip(reason, modals.MAX_REASON),
        at=modals.datetime_of(view, "at"),
        confirmed=True,
        clause=clause,
        revision=revision,
    )
    locale = await ctx.locales.of(user)
    if "reason" in ((view.get("state") or {}).get("values") or {}) and not given.reason.strip():
        await ack(
            response_action="errors", errors={"reason": _say(locale, "slack.reason_required")}
        )
        return
    channel = str(meta.get("c") or "")
    work = asyncio.ensure_future(decide(ctx, action_id, user, draft_id, given, channel))
    done, _ = await asyncio.wait({work}, timeout=MODAL_DEADLINE)
    if not done:
        await ack()
        work.add_done_callback(lambda task: _late(ctx, task, user, channel))
        return
    error = work.exception()
    if isinstance(error, DomainError):
        await ack(
            response_action="errors",
            errors={_field(view): _say(locale, error.key, **error.args_map)},
        )
        return
    await ack()
    if error is not None:
        log.error("modal decision failed", exc_info=error)
        await ctx.tell(user, channel, [Text("error.internal", {})])


def _late(ctx: SlackContext, task: asyncio.Future[None], user: str, channel: str) -> None:
    error = task.exception()
    if error is None:
        return
    text = (
        Text(error.key, error.args_map)
        if isinstance(error, DomainError)
        else Text("error.internal", {})
    )
    ctx.spawn(ctx.tell(user, channel, [text]))


def _field(view: dict[str, Any]) -> str:
    """The block an error is shown under: the modal's first input."""
    for block in view.get("blocks") or []:
        if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id"):
            return str(block["block_id"])
    return "reason"


def _say(locale: str, key: str, **args: Any) -> str:
    return clip(t(key, locale, **args), 2000)
