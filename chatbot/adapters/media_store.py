"""Images kept on local disk, addressed by their content hash."""

from __future__ import annotations

import asyncio
import hashlib
import re
from pathlib import Path

from chatbot.domain.errors import InvalidInput, NotFound
from chatbot.domain.model import MediaRef

_KEY = re.compile(r"^[0-9a-f]{64}(\.[a-z0-9]{1,5})?$")
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"GIF8", "image/gif", ".gif"),
)


def sniff(data: bytes) -> tuple[str, str]:
    """Content type and extension from the bytes themselves, never from the file name."""
    for signature, content_type, ext in _SIGNATURES:
        if data.startswith(signature):
            return content_type, ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return "application/octet-stream", ".bin"


class LocalMediaStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    async def put(self, filename: str, data: bytes, content_type: str) -> MediaRef:
        digest = hashlib.sha256(data).hexdigest()
        sniffed, ext = sniff(data)
        key = digest + ext
        await asyncio.to_thread(self._write, key, data)
        name = Path(filename).name[:200] or key
        return MediaRef(key, name, sniffed, len(data), digest)

    async def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise NotFound("error.media_missing", media=key) from None

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise InvalidInput("error.bad_media_key")
        return self.root / key[:2] / key

    def _write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
