"""Bolt's AsyncApp with shonin's listeners, and the aiohttp route it is mounted on.

Every listener acks first (events are acked by Bolt itself) and does the slow work after;
nothing a listener raises escapes as a 5xx: it is logged and the person is told.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from chatbot.ports import Text
from handlers.slack import commands, home, intake, interactions
from handlers.slack.context import SlackContext
from handlers.slack.ids import COMMAND, HOME_POST, VIEW_POST, VIEW_REASON, VIEW_SCHEDULE

log = logging.getLogger(__name__)
MAX_BODY = 512 * 1024
Ack = Callable[..., Awaitable[None]]
_ANY = re.compile(r".+")


def build_bolt(ctx: SlackContext, client: AsyncWebClient) -> AsyncApp:
    # The signature is verified once, by ``events_route`` before Bolt sees the request (Socket
    # Mode has none: the WebSocket is authenticated by the app-level token).
    bolt = AsyncApp(
        client=client,
        request_verification_enabled=False,
        process_before_response=False,
        logger=logging.getLogger("shonin.slack.bolt"),
    )

    async def told_failure(user: str, channel: str) -> None:
        await ctx.tell(user, channel, [Text("error.internal", {})])

    def after_ack(work: Awaitable[None], what: str, user: str = "", channel: str = "") -> None:
        """Run the slow part after the ack; a crash is logged and the person told."""

        async def guarded() -> None:
            try:
                await work
            except Exception:
                log.exception("Slack %s failed", what)
                if user.removeprefix("slack:"):
                    await told_failure(user, channel)

        ctx.spawn(guarded())

    @bolt.command(COMMAND)
    async def slash(ack: Ack, command: dict[str, Any]) -> None:
        await ack()
        user = f"slack:{command.get('user_id', '')}"
        channel = str(command.get("channel_id") or "")
        # The reply goes to response_url through the pooled session: Bolt's own respond() opens
        # a new HTTP session (and connection) for every reply, which slowed the acks around it.
        respond = ctx.responder(str(command.get("response_url") or ""))
        after_ack(commands.on_command(ctx, command, respond), COMMAND, user, channel)

    @bolt.action(HOME_POST)
    async def home_post(ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        user = f"slack:{(body.get('user') or {}).get('id', '')}"
        trigger = str(body.get("trigger_id") or "")
        after_ack(commands.open_post_modal(ctx, trigger, user, ""), "post modal", user)

    # Every other action id goes through the action table, which refuses unknown ones politely.
    @bolt.action(_ANY)
    async def card_action(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        user = f"slack:{(body.get('user') or {}).get('id', '')}"
        channel = interactions.where(body)[0]
        after_ack(interactions.on_action(ctx, body, action), "button", user, channel)

    @bolt.view(re.compile(f"^({VIEW_REASON}|{VIEW_SCHEDULE})$"))
    async def decision_view(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        await _guarded(ack, interactions.on_decision_view(ctx, _Once(ack), body, view))

    @bolt.view(VIEW_POST)
    async def post_view(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        await _guarded(ack, commands.on_post_view(ctx, _Once(ack), body, view))

    @bolt.event("message")
    async def message(body: dict[str, Any], event: dict[str, Any]) -> None:
        user = f"slack:{event.get('user') or ''}"
        channel = str(event.get("channel") or "")
        after_ack(intake.on_message(ctx, body, event), "message", user, channel)

    @bolt.event("app_home_opened")
    async def home_opened(event: dict[str, Any]) -> None:
        after_ack(home.publish(ctx, f"slack:{event.get('user', '')}"), "App Home")

    return bolt


class _Once:
    """An ack that remembers it was called, so a crash after it does not ack twice."""

    def __init__(self, ack: Ack) -> None:
        self.ack = ack
        self.done = False

    async def __call__(self, **kwargs: Any) -> None:
        if not self.done:
            self.done = True
            await self.ack(**kwargs)


async def _guarded(ack: Ack, work: Awaitable[None]) -> None:
    try:
        await work
    except Exception:
        log.exception("a Slack modal failed")
        await ack()


def _kind(request: AsyncBoltRequest) -> str:
    body = request.body
    if "command" in body:
        return "command"
    kind = body.get("type")
    return str(kind) if isinstance(kind, str) and len(kind) < 40 else "other"


def events_route(
    bolt: AsyncApp, signing_secret: str, ctx: SlackContext
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    verifier = SignatureVerifier(signing_secret)

    async def handle(request: web.Request) -> web.StreamResponse:
        ctx.inflight += 1
        try:
            return await acked(request)
        finally:
            ctx.inflight -= 1

    async def acked(request: web.Request) -> web.StreamResponse:
        started = time.perf_counter()
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.json_response({"error": "too large"}, status=413)
        raw = await request.read()
        if len(raw) > MAX_BODY:
            return web.json_response({"error": "too large"}, status=413)
        if not verifier.is_valid_request(raw, dict(request.headers)):
            return web.json_response({"error": "invalid signature"}, status=401)
        try:
            body = raw.decode("utf-8")
            bolt_request = AsyncBoltRequest(
                body=body, query=request.query_string, headers=dict(request.headers)
            )
        except Exception:
            return web.json_response({"error": "malformed body"}, status=400)
        if not isinstance(bolt_request.body, dict) or not bolt_request.body:
            return web.json_response({"error": "malformed body"}, status=400)
        try:
            response = await bolt.async_dispatch(bolt_request)
        except Exception:
            log.exception("Bolt failed on a signed request")
            return web.json_response({"error": "malformed body"}, status=400)
        if response.status >= 500:
            log.error("Bolt answered %s; reported as 400", response.status)
            return web.json_response({"error": "request not understood"}, status=400)
        labels = {"platform": "slack", "kind": _kind(bolt_request)}
        ctx.metrics.inc("shonin_acks_total", labels)
        ctx.metrics.observe(
            "shonin_ack_seconds", time.perf_counter() - started, {"platform": "slack"}
        )
        return await to_aiohttp_response(response)

    return handle
