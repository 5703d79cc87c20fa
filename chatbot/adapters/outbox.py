"""The local outbox: publishing writes one folder per post instead of calling Instagram."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from chatbot.ports import Clock, MediaStore, PublishError, PublishRequest, PublishResult


class OutboxPublisher:
    """Writes ``<dir>/<draft>-r<revision>/post.json`` and the images; idempotent per revision."""

    def __init__(self, directory: Path, media: MediaStore, clock: Clock) -> None:
        self.directory = directory
        self.media = media
        self.clock = clock

    async def publish(self, request: PublishRequest) -> PublishResult:
        folder = self.directory / f"{request.draft_id}-r{request.revision}"
        post = folder / "post.json"
        if post.exists():
            existing = json.loads(post.read_text(encoding="utf-8"))
            return PublishResult(existing["media_id"], existing["permalink"])
        images = []
        for index, ref in enumerate(request.media, start=1):
            try:
                images.append((f"{index:02d}{Path(ref.key).suffix}", await self.media.get(ref.key)))
            except Exception as error:
                raise PublishError(f"media {ref.filename} unavailable", retryable=False) from error
        result = PublishResult(f"outbox-{request.idempotency_key}", post.resolve().as_uri())
        payload = _payload(request, result, self.clock.now(), [name for name, _ in images])
        try:
            await asyncio.to_thread(_write, folder, payload, images)
        except OSError as error:
            raise PublishError(f"outbox not writable: {error.strerror}", retryable=True) from error
        return result


def _payload(
    request: PublishRequest, result: PublishResult, now: datetime, names: list[str]
) -> dict[str, Any]:
    return {
        "draft_id": request.draft_id,
        "revision": request.revision,
        "account_id": request.account.id,
        "account_name": request.account.display_name,
        "instagram_user_id": request.account.instagram_user_id,
        "caption": request.caption,
        "media": names,
        "published_at": now.isoformat(),
        "media_id": result.media_id,
        "permalink": result.permalink,
    }


def _write(folder: Path, payload: dict[str, Any], images: list[tuple[str, bytes]]) -> None:
    tmp = folder.with_name(folder.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    for name, data in images:
        (tmp / name).write_bytes(data)
    (tmp / "post.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    tmp.replace(folder)
