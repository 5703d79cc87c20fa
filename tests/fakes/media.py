"""A MediaStore kept in a dict, addressed by content hash like the real one."""

from __future__ import annotations

import hashlib
from datetime import datetime

from chatbot.domain.errors import NotFound
from chatbot.domain.model import MediaRef


class InMemoryMediaStore:
    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    async def put(self, filename: str, data: bytes, content_type: str) -> MediaRef:
        digest = hashlib.sha256(data).hexdigest()
        self.blobs[digest] = data
        return MediaRef(digest, filename, content_type, len(data), digest)

    async def get(self, key: str) -> bytes:
        try:
            return self.blobs[key]
        except KeyError:
            raise NotFound("error.media_missing", media=key) from None

    def public_url(self, key: str, expires: datetime) -> str:
        return f"https://media.example/{key}?until={int(expires.timestamp())}"
