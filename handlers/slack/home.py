"""App Home (views.publish): the core's home view model as Block Kit, for one person.

Published when the person opens the tab, and again after changes that concern them (a decision
they made, a draft they posted, any direct message shonin sends them).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    DividerBlock,
    HeaderBlock,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from chatbot.ports import Text
from chatbot.services.home import HomeView, home_texts, home_view
from handlers.slack import blocks as kit
from handlers.slack.context import SlackContext
from handlers.slack.ids import HOME_POST
from handlers.slack.notifier import slack_user
from handlers.slack.render import clip, plain

log = logging.getLogger(__name__)
MAX_HOME_BLOCKS = 100


def home_blocks(
    view: HomeView, locale: str, texts: Sequence[Text] | None = None
) -> list[dict[str, Any]]:
    """The App Home; ``texts``: the view's texts already prepared (people named)."""
    texts = list(texts) if texts is not None else home_texts(view)
    title, rest = texts[0], texts[1:]
    head = [
        HeaderBlock(
            text=PlainTextObject(text=clip(plain(title.key, locale, **_plain(title)), 150))
        ),
        ActionsBlock(
            block_id="home_actions",
            elements=[
                ButtonElement(
                    text=plain("slack.home.post", locale),
                    action_id=HOME_POST,
                    style="primary",
                )
            ],
        ),
        DividerBlock(),
    ]
    body: list[dict[str, Any]] = []
    group: list[Text] = []
    for value in rest:
        if value.key.endswith("_header") and group:
            body.extend(kit.texts_blocks(group, locale, now=view.now))
            group = []
        group.append(value)
    if group:
        body.extend(kit.texts_blocks(group, locale, now=view.now))
    blocks = [b.to_dict() for b in head] + body
    if len(blocks) > MAX_HOME_BLOCKS:
        note = SectionBlock(text=plain("slack.more_hidden", locale, hidden=len(blocks) - 99))
        blocks = [*blocks[: MAX_HOME_BLOCKS - 1], note.to_dict()]
    View(type="home", blocks=blocks).validate_json()
    return blocks


def _plain(value: Text) -> dict[str, Any]:
    args = dict(value.args)
    viewer = str(args.get("viewer", ""))
    args["viewer"] = viewer.removeprefix("slack:")
    return args


async def publish(ctx: SlackContext, user: str) -> None:
    """Publish the person's App Home (Slack users only)."""
    if not user.startswith("slack:") or not user.removeprefix("slack:"):
        return
    view = await home_view(ctx.core.deps, user)
    locale = await ctx.locales.of(user)
    blocks = home_blocks(view, locale, await ctx.notifier.named_texts(home_texts(view)))
    await ctx.client.views_publish(
        user_id=slack_user(user), view={"type": "home", "blocks": blocks}
    )


def refresh(ctx: SlackContext, user: str) -> None:
    """Re-publish after a change, in the background; a failure only costs a stale tab."""

    async def quietly() -> None:
        try:
            await publish(ctx, user)
        except Exception:
            log.info("App Home refresh failed", exc_info=True)

    ctx.spawn(quietly())
