"""The modals: a reason (差し戻し, 却下, approving over a finding), a date-time, a new draft.

Titles stay within 24 characters, views within 100 blocks (slack_sdk's View checks both).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DateTimePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from chatbot.cards import DraftCard
from chatbot.domain.roles import Account
from handlers.slack.ids import VIEW_POST, VIEW_REASON, VIEW_SCHEDULE
from handlers.slack.render import clip, escape, plain, say

MAX_REASON = 1000
MAX_CAPTION = 2200  # Instagram's caption limit; the checker explains it too
MAX_OPTIONS = 100
IMAGE_FILETYPES = ["jpg", "jpeg", "png", "gif", "webp", "heic"]
Clause = tuple[str, str]  # (clause, its text)


def _view(
    callback: str, title_key: str, locale: str, blocks: list[Block], meta: dict[str, Any]
) -> dict[str, Any]:
    view = View(
        type="modal",
        callback_id=callback,
        title=PlainTextObject(text=clip(plain(title_key, locale), 24)),
        submit=PlainTextObject(text=clip(plain("slack.modal.submit", locale), 24)),
        close=PlainTextObject(text=clip(plain("slack.modal.cancel", locale), 24)),
        blocks=blocks,
        private_metadata=json.dumps(meta, separators=(",", ":"))[:3000],
    )
    return dict(view.to_dict())


def _summary(card: DraftCard, locale: str) -> Block:
    excerpt = escape(clip(card.caption.replace("\n", " "), 120))
    title = say("card.title", locale, draft=card.draft_id, revision=card.revision)
    return ContextBlock(elements=[MarkdownTextObject(text=clip(f"*{title}*\n{excerpt}", 3000))])


def reason_modal(
    action_id: str,
    card: DraftCard,
    locale: str,
    meta: dict[str, Any],
    clauses: Sequence[Clause] = (),
) -> dict[str, Any]:
    blocks: list[Block] = [_summary(card, locale)]
    if action_id == "approve":
        blocked = [f for f in card.findings if f.severity == "block"]
        listed = "\n".join(f"• {escape(clip(f.message(locale), 150))}" for f in blocked[:10])
        intro = say("slack.modal.override_intro", locale, count=len(blocked))
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(f"{intro}\n{listed}", 3000))))
    blocks.append(
        InputBlock(
            block_id="reason",
            label=PlainTextObject(
                text=clip(plain(f"slack.modal.reason.{action_id}", locale), 2000)
            ),
            element=PlainTextInputElement(
                action_id="reason", multiline=True, max_length=MAX_REASON
            ),
        )
    )
    if action_id != "approve" and clauses:
        options = [
            Option(value=clip(clause, 75), label=clip(f"{clause} {text}".strip(), 75))
            for clause, text in clauses[:MAX_OPTIONS]
        ]
        blocks.append(
            InputBlock(
                block_id="clause",
                optional=True,
                label=PlainTextObject(text=plain("slack.modal.clause", locale)),
                element=StaticSelectElement(action_id="clause", options=options),
            )
        )
    return _view(VIEW_REASON, f"slack.modal.{action_id}.title", locale, blocks, meta)


def schedule_modal(card: DraftCard, locale: str, meta: dict[str, Any]) -> dict[str, Any]:
    initial = card.scheduled_at or card.wished_at
    picker = DateTimePickerElement(
        action_id="at", initial_date_time=int(initial.timestamp()) if initial else None
    )
    blocks: list[Block] = [
        _summary(card, locale),
        InputBlock(
            block_id="at",
            optional=True,
            label=PlainTextObject(text=plain("slack.modal.at", locale)),
            hint=PlainTextObject(text=plain("slack.modal.at_hint", locale)),
            element=picker,
        ),
    ]
    return _view(VIEW_SCHEDULE, "slack.modal.schedule.title", locale, blocks, meta)


def post_modal(
    accounts: Sequence[Account], chosen: str, locale: str, meta: dict[str, Any]
) -> dict[str, Any]:
    options = [
        Option(value=a.id, label=clip(a.display_name or a.id, 75)) for a in accounts[:MAX_OPTIONS]
    ]
    # Preselected only when the account is clear; otherwise the person must pick one.
    initial = next((o for o in options if o.value == chosen), None)
    blocks: list[Block] = [
        InputBlock(
            block_id="account",
            label=PlainTextObject(text=plain("slack.modal.account", locale)),
            element=StaticSelectElement(
                action_id="account", options=options, initial_option=initial
            ),
        ),
        InputBlock(
            block_id="caption",
            label=PlainTextObject(text=plain("slack.modal.caption", locale)),
            element=PlainTextInputElement(
                action_id="caption", multiline=True, max_length=MAX_CAPTION
            ),
        ),
        InputBlock(
            block_id="wished",
            optional=True,
            label=PlainTextObject(text=plain("slack.modal.wished", locale)),
            element=DateTimePickerElement(action_id="wished"),
        ),
    ]
    view = _view(VIEW_POST, "slack.modal.post.title", locale, blocks, meta)
    # file_input has no slack_sdk model yet: the one block written as Slack documents it.
    view["blocks"].insert(2, file_input_block(locale))
    return view


def file_input_block(locale: str) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": "files",
        "optional": True,
        "label": {"type": "plain_text", "text": plain("slack.modal.files", locale)},
        "element": {
            "type": "file_input",
            "action_id": "files",
            "filetypes": IMAGE_FILETYPES,
            "max_files": 10,
        },
    }


# --- reading what was submitted ----------------------------------------------------------------


def value_of(view: dict[str, Any], block: str) -> dict[str, Any]:
    values = (view.get("state") or {}).get("values") or {}
    found = (values.get(block) or {}).get(block)
    return found if isinstance(found, dict) else {}


def text_of(view: dict[str, Any], block: str) -> str:
    return str(value_of(view, block).get("value") or "").strip()


def option_of(view: dict[str, Any], block: str) -> str:
    selected = value_of(view, block).get("selected_option") or {}
    return str(selected.get("value") or "") if isinstance(selected, dict) else ""


def datetime_of(view: dict[str, Any], block: str) -> datetime | None:
    raw = value_of(view, block).get("selected_date_time")
    if isinstance(raw, bool) or not isinstance(raw, int):
        return None
    return datetime.fromtimestamp(raw, UTC)


def files_of(view: dict[str, Any], block: str) -> list[dict[str, Any]]:
    files = value_of(view, block).get("files") or []
    return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []
