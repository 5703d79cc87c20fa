"""An InstagramPublisher that follows the resumable protocol in memory, failing as told."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from chatbot.domain.roles import Account
from chatbot.ports import (
    ContainerStatus,
    LiveSearch,
    PublishError,
    PublishRequest,
    Quota,
    Recovery,
    TokenHealth,
)


class FakePublisher:
    """Plays ``outcomes`` at each ``publish_container`` in order ("ok", "retryable", "permanent",
    "new_container", "live_then_error": live but the response fails), then ``default``."""

    def __init__(self, *outcomes: str, default: str = "ok") -> None:
        self.outcomes = list(outcomes)
        self.default = default
        self.requests: list[PublishRequest] = []  # one per publish_container call
        self.containers: dict[str, ContainerStatus] = {}
        self.media: dict[str, str] = {}  # container id -> media id
        self.live: list[str] = []  # draft ids, once per post that went live
        self.quotas: dict[str, Quota] = {}
        self.health: dict[str, TokenHealth] = {}
        # container id -> what find_published answers instead (ambiguous, not found)
        self.matches: dict[str, LiveSearch] = {}
        self.items: dict[str, ContainerStatus] = {}  # carousel item containers
        self.carousels: dict[str, tuple[str, ...]] = {}  # carousel container -> its items

    async def create_container(self, request: PublishRequest) -> str:
        container_id = f"c{len(self.containers) + 1}"
        self.containers[container_id] = ContainerStatus.FINISHED
        return container_id

    async def create_carousel_item(self, request: PublishRequest, index: int) -> str:
        item_id = f"i{len(self.items) + 1}"
        self.items[item_id] = ContainerStatus.FINISHED
        return item_id

    async def create_carousel(self, request: PublishRequest, items: Sequence[str]) -> str:
        if len(items) != len(request.media) or any(
            self.items.get(i) is not ContainerStatus.FINISHED for i in items
        ):
            raise PublishError("carousel items not ready (test)", recovery=Recovery.NEW_CONTAINER)
        container_id = await self.create_container(request)
        self.carousels[container_id] = tuple(items)
        return container_id

    async def container_status(self, request: PublishRequest, container_id: str) -> ContainerStatus:
        if container_id in self.items:
            return self.items[container_id]
        return self.containers.get(container_id, ContainerStatus.EXPIRED)

    async def publish_container(self, request: PublishRequest, container_id: str) -> str:
        self.requests.append(request)
        outcome = self.outcomes.pop(0) if self.outcomes else self.default
        if self.containers.get(container_id) is not ContainerStatus.FINISHED:
            raise PublishError("container not ready (test)", recovery=Recovery.NEW_CONTAINER)
        if outcome == "retryable":
            raise PublishError(
                "rate limited (test)", retryable=True, key="publish.error.rate_limited"
            )
        if outcome == "permanent":
            raise PublishError(
                "media rejected (test)", retryable=False, key="publish.error.media_format"
            )
        if outcome == "new_container":
            self.containers[container_id] = ContainerStatus.EXPIRED
            raise PublishError("expired (test)", recovery=Recovery.NEW_CONTAINER)
        media_id = f"media-{len(self.live) + 1}"
        self.containers[container_id] = ContainerStatus.PUBLISHED
        self.media[container_id] = media_id
        self.live.append(request.draft_id)
        if outcome == "live_then_error":
            raise PublishError(
                "gateway timeout (test)", retryable=True, key="publish.error.transient"
            )
        return media_id

    async def find_published(
        self, request: PublishRequest, container_id: str, since: datetime
    ) -> LiveSearch:
        found = self.media.get(container_id)
        return self.matches.get(container_id, LiveSearch((found,) if found else ()))

    async def permalink(self, request: PublishRequest, media_id: str) -> str:
        return f"https://instagram.example/p/{request.draft_id}"

    async def quota(self, account: Account) -> Quota | None:
        return self.quotas.get(account.id)

    async def token_health(self, account: Account) -> TokenHealth | None:
        return self.health.get(account.id)

    @property
    def published_ids(self) -> list[str]:
        return list(self.live)
