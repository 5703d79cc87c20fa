"""Images kept on local disk, addressed by their content hash."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import io
import re
import secrets
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageOps

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


class MediaLinks:
    """Signed, expiring media URLs: ``<public_base_url>/media/<token>``.

    The token carries the key and the expiry, with an HMAC-SHA256 over both made with the
    media secret: it cannot be guessed or altered, and it stops working when it expires.
    """

    def __init__(self, secret: bytes, base_url: str) -> None:
        if len(secret) < 16:
            raise ValueError("the media secret must be at least 16 bytes")
        self._secret = secret
        self.base_url = base_url.rstrip("/")

    def token(self, key: str, expires: datetime) -> str:
        payload = f"{key}|{int(expires.timestamp())}".encode()
        return f"{_b64(payload)}.{_b64(self._mac(payload))}"

    def url(self, key: str, expires: datetime) -> str:
        return f"{self.base_url}/media/{self.token(key, expires)}"

    def verify(self, token: str, now: datetime) -> str | None:
        """The key the token was made for, or None (bad signature, expired, malformed)."""
        if len(token) > 400 or token.count(".") != 1:
            return None
        body, signature = token.split(".")
        try:
            payload, mac = _unb64(body), _unb64(signature)
            key, expires = payload.decode().split("|")
            expired = int(expires) <= now.timestamp()
        except ValueError:
            return None
        if not hmac.compare_digest(mac, self._mac(payload)) or expired or not _KEY.match(key):
            return None
        return key

    def _mac(self, payload: bytes) -> bytes:
        # the one-shot C path: the same MAC as hmac.new(...).digest() without the Python object
        return hmac.digest(self._secret, payload, "sha256")


def _check_key(key: str) -> None:
    if not _KEY.match(key):
        raise InvalidInput("error.bad_media_key")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class LocalMediaStore:
    """Images on the local disk; the interface (put, get, public_url) suits object storage too."""

    def __init__(self, root: Path, links: MediaLinks | None = None) -> None:
        self.root = root
        self.links = links
        # copies being made (``instagram_copy``): key -> the one task making it
        self._making: dict[str, asyncio.Task[bytes]] = {}

    def public_url(self, key: str, expires: datetime) -> str:
        if self.links is None:
            raise RuntimeError("media hosting is not configured (public_base_url, media secret)")
        _check_key(key)  # refuses a malformed key (no path made: a URL is signed per post)
        return self.links.url(key, expires)

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

    async def instagram_copy(self, key: str) -> bytes:
        """The image as Instagram gets it: JPEG, no EXIF, within its aspect ratio and size.

        Made once per image and kept beside it (``<key>.ig.jpg``): the original stays as
        approved, and what was published can be recomputed from it.
        """
        path = self._path(key)
        copy = path.with_name(path.name + ".ig.jpg")
        found = await asyncio.to_thread(_read_if_there, copy)  # one thread hop when made already
        if found is not None:
            return found
        # Made once however many ask at once (Instagram fetches the posts of a slot together,
        # often the same image): the others wait for that copy instead of re-encoding it each.
        making = self._making.get(key)
        if making is None or making.get_loop() is not asyncio.get_running_loop():
            making = asyncio.create_task(self._make_copy(key, copy))
            self._making[key] = making
            making.add_done_callback(lambda done: self._forget_making(key, done))
        return await asyncio.shield(making)

    async def _make_copy(self, key: str, copy: Path) -> bytes:
        data = await self.get(key)
        found = await asyncio.to_thread(instagram_ready, data)
        await asyncio.to_thread(_atomic_write, copy, found)
        return found

    def _forget_making(self, key: str, done: asyncio.Task[bytes]) -> None:
        if self._making.get(key) is done:
            del self._making[key]
        if not done.cancelled():
            done.exception()  # retrieved: a waiter got it (or none was left to)

    def _path(self, key: str) -> Path:
        _check_key(key)
        return self.root / key[:2] / key

    def _write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, data)


def _atomic_write(path: Path, data: bytes) -> None:
    # a unique name: two requests (or processes) may make the same file at once
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(6)}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


# Instagram's feed accepts aspect ratios from 4:5 (portrait) to 1.91:1 (landscape), JPEG only,
# and scales anything wider than 1440 pixels down.
MIN_RATIO, MAX_RATIO, MAX_WIDTH = 4 / 5, 1.91, 1440


def _read_if_there(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def instagram_ready(data: bytes) -> bytes:
    """Re-encode as a JPEG Instagram accepts: upright, RGB, padded (never cropped) into the
    allowed aspect ratio, at most 1440 pixels wide, with no EXIF or other metadata."""
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    width, height = image.size
    ratio = width / height
    if ratio < MIN_RATIO:
        image = _pad(image, round(height * MIN_RATIO), height)
    elif ratio > MAX_RATIO:
        image = _pad(image, width, round(width / MAX_RATIO))
    if image.width > MAX_WIDTH:
        image = image.resize(
            (MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)), Image.Resampling.LANCZOS
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, optimize=True)  # no exif= : nothing is carried over
    return out.getvalue()


def _pad(image: Image.Image, width: int, height: int) -> Image.Image:
    canvas = Image.new("RGB", (width, height), (255, 255, 255))
    canvas.paste(image, ((width - image.width) // 2, (height - image.height) // 2))
    return canvas
