"""The local outbox: publishing writes one folder per post instead of calling Instagram.

It follows the same resumable protocol as the Graph publisher, so the embedded default
exercises the recovery path too: a container is a folder under ``.containers/`` (FINISHED as soon
as it is written), publishing it writes ``<draft>-r<revision>/post.json`` atomically and then
marks the container PUBLISHED. A worker that dies between the two finds the container FINISHED
and publishes again, which finds the post folder and returns it (idempotent per revision): one
folder per revision, never two.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from chatbot.domain.roles import Account
from chatbot.ports import (
    Clock,
    ContainerStatus,
    LiveSearch,
    MediaStore,
    PublishError,
    PublishRequest,
    Quota,
    Recovery,
    TokenHealth,
)

CONTAINERS = ".containers"


class OutboxPublisher:
    """Writes ``<dir>/<draft>-r<revision>/post.json`` and the images; idempotent per revision."""

    def __init__(self, directory: Path, media: MediaStore, clock: Clock) -> None:
        self.directory = directory
        self.media = media
        self.clock = clock

    async def create_container(self, request: PublishRequest) -> str:
        images = [await self._image(request, index) for index in range(len(request.media))]
        return await self._write_container(request, images)

    async def create_carousel_item(self, request: PublishRequest, index: int) -> str:
        """An item container: a folder with the one image (FINISHED once written)."""
        name, data = await self._image(request, index)
        item_id = (
            f"oi-{request.draft_id}-r{request.revision}-{index + 1:02d}-{secrets.token_hex(4)}"
        )
        payload = {"draft_id": request.draft_id, "item": name}
        await self._io(_write, self._container(item_id), payload, [(name, data)], "item.json")
        return item_id

    async def create_carousel(self, request: PublishRequest, items: Sequence[str]) -> str:
        """The carousel container, made of the recorded items' images, in order."""
        images = []
        for item in items:
            folder = self._container(item)
            try:
                name = json.loads((folder / "item.json").read_text(encoding="utf-8"))["item"]
                images.append((str(name), (folder / str(name)).read_bytes()))
            except (OSError, ValueError, KeyError) as error:
                raise PublishError(
                    "a carousel item expired",
                    recovery=Recovery.NEW_CONTAINER,
                    key="publish.error.container_expired",
                ) from error
        return await self._write_container(request, images)

    async def _image(self, request: PublishRequest, index: int) -> tuple[str, bytes]:
        ref = request.media[index]
        try:
            suffix = Path(ref.key).suffix or Path(ref.filename).suffix
            return f"{index + 1:02d}{suffix}", await self.media.get(ref.key)
        except Exception as error:
            raise PublishError(
                f"media {ref.filename} unavailable",
                recovery=Recovery.PERMANENT,
                key="publish.error.media_unavailable",
                args={"file": ref.filename},
            ) from error

    async def _write_container(
        self, request: PublishRequest, images: list[tuple[str, bytes]]
    ) -> str:
        container_id = f"oc-{request.draft_id}-r{request.revision}-{secrets.token_hex(4)}"
        payload = _payload(request, self.clock.now(), [name for name, _ in images])
        await self._io(_write, self._container(container_id), payload, images)
        return container_id

    async def container_status(self, request: PublishRequest, container_id: str) -> ContainerStatus:
        folder = self._container(container_id)
        if (folder / "published").exists():
            return ContainerStatus.PUBLISHED
        if (folder / "post.json").exists() or (folder / "item.json").exists():
            return ContainerStatus.FINISHED
        return ContainerStatus.EXPIRED

    async def publish_container(self, request: PublishRequest, container_id: str) -> str:
        post = self._post(request) / "post.json"
        if not post.exists():
            source = self._container(container_id)
            if not (source / "post.json").exists():
                raise PublishError(
                    "the container expired",
                    recovery=Recovery.NEW_CONTAINER,
                    key="publish.error.container_expired",
                )
            await self._io(
                _publish, source, self._post(request), self._media_id(request), self.clock.now()
            )
        await self._io(_mark, self._container(container_id), self._media_id(request))
        return self._media_id(request)

    async def find_published(
        self, request: PublishRequest, container_id: str, since: datetime
    ) -> LiveSearch:
        marker = self._container(container_id) / "published"
        found = (marker.read_text(encoding="utf-8").strip(),) if marker.exists() else ()
        return LiveSearch(found)  # the container names its post: no guessing

    async def permalink(self, request: PublishRequest, media_id: str) -> str:
        return (self._post(request) / "post.json").resolve().as_uri()

    async def quota(self, account: Account) -> Quota | None:
        return None  # a folder has no publishing limit

    async def token_health(self, account: Account) -> TokenHealth | None:
        return None

    def _container(self, container_id: str) -> Path:
        return self.directory / CONTAINERS / Path(container_id).name

    def _post(self, request: PublishRequest) -> Path:
        return self.directory / f"{request.draft_id}-r{request.revision}"

    @staticmethod
    def _media_id(request: PublishRequest) -> str:
        return f"outbox-{request.idempotency_key}"

    async def _io(self, function: Any, *args: Any) -> None:
        try:
            await asyncio.to_thread(function, *args)
        except OSError as error:
            raise PublishError(
                f"outbox not writable: {error.strerror}",
                recovery=Recovery.RETRY,
                key="publish.error.outbox_unwritable",
                args={"reason": error.strerror or type(error).__name__},
            ) from error


def _payload(request: PublishRequest, now: datetime, names: list[str]) -> dict[str, Any]:
    return {
        "draft_id": request.draft_id,
        "revision": request.revision,
        "account_id": request.account.id,
        "account_name": request.account.display_name,
        "instagram_user_id": request.account.instagram_user_id,
        "caption": request.caption,
        "media": names,
        "prepared_at": now.isoformat(),
    }


def _write(
    folder: Path, payload: dict[str, Any], images: list[tuple[str, bytes]], meta: str = "post.json"
) -> None:
    tmp = folder.with_name(folder.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    for name, data in images:
        (tmp / name).write_bytes(data)
    _json(tmp / meta, payload)
    tmp.replace(folder)


def _publish(source: Path, target: Path, media_id: str, now: datetime) -> None:
    tmp = target.with_name(target.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    payload = json.loads((source / "post.json").read_text(encoding="utf-8"))
    for name in payload["media"]:
        (tmp / name).write_bytes((source / name).read_bytes())
    payload.update(
        published_at=now.isoformat(),
        media_id=media_id,
        permalink=(target / "post.json").resolve().as_uri(),
        container_id=source.name,
    )
    _json(tmp / "post.json", payload)
    tmp.replace(target)


def _mark(container: Path, media_id: str) -> None:
    container.mkdir(parents=True, exist_ok=True)
    (container / "published").write_text(media_id + "\n", encoding="utf-8")


def _json(path: Path, payload: dict[str, Any]) -> None:
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
