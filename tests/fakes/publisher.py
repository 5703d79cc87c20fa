"""An InstagramPublisher that succeeds, or fails retryably or permanently, as told."""

from __future__ import annotations

from chatbot.ports import PublishError, PublishRequest, PublishResult


class FakePublisher:
    """Plays ``outcomes`` in order ("ok", "retryable", "permanent"), then ``default``."""

    def __init__(self, *outcomes: str, default: str = "ok") -> None:
        self.outcomes = list(outcomes)
        self.default = default
        self.requests: list[PublishRequest] = []

    async def publish(self, request: PublishRequest) -> PublishResult:
        self.requests.append(request)
        outcome = self.outcomes.pop(0) if self.outcomes else self.default
        if outcome == "retryable":
            raise PublishError("rate limited (test)", retryable=True)
        if outcome == "permanent":
            raise PublishError("media rejected (test)", retryable=False)
        number = len(self.requests)
        return PublishResult(f"media-{number}", f"https://instagram.example/p/{request.draft_id}")

    @property
    def published_ids(self) -> list[str]:
        return [r.draft_id for r in self.requests]
