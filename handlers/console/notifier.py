"""The console chat's notifier: every channel post, thread reply and DM printed to the terminal."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from chatbot.cards import DraftCard
from chatbot.i18n import label, t
from chatbot.ports import MessageKind, MessageRef, Text
from handlers.console.render import render_card, render_text


class ConsoleNotifier:
    platform = "console"

    def __init__(
        self,
        out: TextIO,
        locale: Callable[[], str],
        now: Callable[[], datetime],
        tz: ZoneInfo | None = None,
    ) -> None:
        self.out = out
        self.locale = locale
        self.now = now
        self.tz = tz or ZoneInfo("Asia/Tokyo")
        self._ids = itertools.count(1)
        self._threads: dict[str, str] = {}  # message id -> draft id, to label thread replies

    def _print(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def post_card(self, channel: str, card: DraftCard, thread_id: str = "") -> MessageRef:
        ref = MessageRef("console", channel, f"m{next(self._ids)}", thread_id)
        self._threads[ref.message_id] = card.draft_id
        self._print(f"\n#{channel}")
        self._print(render_card(card, self.locale(), self.now()))
        return ref

    async def update_card(self, ref: MessageRef, card: DraftCard) -> None:
        if ref.kind is not MessageKind.CARD:
            return  # one terminal: the DM copies need not be repeated
        self._print(f"  ↻ [draft {card.draft_id}] {self._state(card)}")

    async def post_text(self, channel: str, text: Text, thread_id: str = "") -> MessageRef:
        where = f"#{channel}"
        if thread_id in self._threads:
            where += f" › {self._threads[thread_id]}"
        self._print(f"  {where}: {self._render(text)}")
        return MessageRef("console", channel, f"m{next(self._ids)}", thread_id, MessageKind.TEXT)

    async def send_direct(self, user: str, text: Text, card: DraftCard | None = None) -> MessageRef:
        self._print(f"  ✉ → {user}: {self._render(text)}")
        if card is not None:
            # One terminal shows the channel too: a status line, not a second copy of the card.
            self._print(f"    [draft {card.draft_id}] {self._state(card)}  show {card.draft_id}")
        return MessageRef("console", f"dm:{user}", f"m{next(self._ids)}", kind=MessageKind.DM)

    def _state(self, card: DraftCard) -> str:
        name = label("state", card.state, self.locale())
        return t("console.state", self.locale(), code=card.state, name=name)

    def _render(self, text: Text) -> str:
        return render_text(text, self.locale(), self.tz, self.now())
