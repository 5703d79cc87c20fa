"""A ChatNotifier that records every call instead of talking to a chat platform."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chatbot.ports import MessageRef, Text


@dataclass(frozen=True)
class Call:
    kind: str  # post_card | update_card | post_text | send_direct
    target: str  # channel, user or message id
    text: Text | None = None
    card: Any = None
    thread_id: str = ""


class RecordingNotifier:
    def __init__(self, platform: str = "console") -> None:
        self.platform = platform
        self.calls: list[Call] = []
        self._next = 0

    def _ref(self, channel: str, thread_id: str = "") -> MessageRef:
        self._next += 1
        return MessageRef(self.platform, channel, f"m{self._next}", thread_id)

    async def post_card(self, channel: str, card: Any, thread_id: str = "") -> MessageRef:
        self.calls.append(Call("post_card", channel, card=card, thread_id=thread_id))
        return self._ref(channel, thread_id)

    async def update_card(self, ref: MessageRef, card: Any) -> None:
        self.calls.append(Call("update_card", ref.message_id, card=card))

    async def post_text(self, channel: str, text: Text, thread_id: str = "") -> MessageRef:
        self.calls.append(Call("post_text", channel, text=text, thread_id=thread_id))
        return self._ref(channel, thread_id)

    async def send_direct(self, user: str, text: Text, card: Any | None = None) -> MessageRef:
        self.calls.append(Call("send_direct", user, text=text, card=card))
        return self._ref(f"dm:{user}")

    # --- what the tests ask -------------------------------------------------------------------

    def of(self, kind: str) -> list[Call]:
        return [c for c in self.calls if c.kind == kind]

    def directs(self, user: str) -> list[Text]:
        return [c.text for c in self.of("send_direct") if c.target == user and c.text]

    def direct_keys(self, user: str) -> list[str]:
        return [t.key for t in self.directs(user)]

    def thread_keys(self) -> list[str]:
        return [c.text.key for c in self.of("post_text") if c.text]

    def clear(self) -> None:
        self.calls.clear()
