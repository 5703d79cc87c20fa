"""Image checks for Instagram (Pillow): format, size, shape, carousel length, location metadata."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from PIL import Image, UnidentifiedImageError

from chatbot.policy.types import MediaBlob

_GPS_IFD = 0x8825
# Content that must never travel as an "image": archives, executables, markup, documents.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"%PDF", "pdf"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
)
_MARKUP = (b"<!doctype", b"<html", b"<script", b"<?xml", b"<svg")
_EXTENSIONS = {
    ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP",
    ".heic": "HEIF", ".heif": "HEIF", ".bmp": "BMP", ".tif": "TIFF", ".tiff": "TIFF",
}  # fmt: skip
_XMP_LOCATION = (b"GPSLatitude", b"GPSLongitude", b"photoshop:City", b"Iptc4xmpCore:Location")


@dataclass(frozen=True)
class MediaConfig:
    """Instagram's limits for feed images; packs may tighten them."""

    max_bytes: int = 8 * 1024 * 1024
    min_aspect: float = 4 / 5
    max_aspect: float = 1.91
    min_width: int = 320
    max_width: int = 1440
    max_items: int = 10


@dataclass(frozen=True)
class MediaHit:
    """One problem with one image (``index``) or with the whole set (``index`` None)."""

    kind: str
    index: int | None
    detail: str = ""


def sniff(data: bytes) -> str | None:
    """Name the non-image content hiding in ``data`` (zip, exe, html, ...), if any."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    head = data[:512].lstrip().lower()
    if any(head.startswith(tag) for tag in _MARKUP):
        return "html"
    return None


def _location_found(image: Image.Image) -> str | None:
    exif = image.getexif()
    gps = exif.get_ifd(_GPS_IFD)
    if gps:
        return "gps"
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", "replace")
    if any(tag in xmp for tag in _XMP_LOCATION):
        return "location"
    return None


def _decode(image: Image.Image) -> None:
    """Prove the file is intact; decoding at reduced scale is enough and far cheaper."""
    image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
    image.load()


def _check_one(index: int, blob: MediaBlob, cfg: MediaConfig) -> list[MediaHit]:
    hidden = sniff(blob.data)
    if hidden is not None:
        return [MediaHit("disguised", index, hidden)]
    try:
        image = Image.open(io.BytesIO(blob.data))
        width, height, fmt = image.width, image.height, image.format or ""
        location = _location_found(image)
        animated = bool(getattr(image, "is_animated", False))
        _decode(image)
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    ) as exc:
        return [MediaHit("unreadable", index, type(exc).__name__)]
    hits: list[MediaHit] = []
    claimed = _EXTENSIONS.get(PurePath(blob.filename).suffix.lower())
    if claimed is not None and claimed != fmt:
        hits.append(MediaHit("extension_mismatch", index, f"{claimed}->{fmt}"))
    if animated:
        hits.append(MediaHit("animated", index, fmt))
    elif fmt != "JPEG":
        hits.append(MediaHit("not_jpeg", index, fmt))
    if len(blob.data) > cfg.max_bytes:
        hits.append(MediaHit("too_large", index, f"{len(blob.data) / 1048576:.1f}MB"))
    ratio = width / height if height else 0.0
    if not cfg.min_aspect - 0.005 <= ratio <= cfg.max_aspect + 0.005:
        hits.append(MediaHit("aspect_ratio", index, f"{width}x{height}"))
    if not cfg.min_width <= width <= cfg.max_width:
        hits.append(MediaHit("width", index, f"{width}px"))
    if location is not None:
        hits.append(MediaHit(location, index, location))
    return hits


def detect_media(media: Sequence[MediaBlob], cfg: MediaConfig) -> list[MediaHit]:
    """Every media problem; a single image is a normal post, more than ``max_items`` is not."""
    hits: list[MediaHit] = []
    if len(media) > cfg.max_items:
        hits.append(MediaHit("too_many_items", None, f"{len(media)}"))
    for index, blob in enumerate(media):
        hits += _check_one(index, blob, cfg)
    return hits


def is_readable_image(data: bytes) -> bool:
    """True if Pillow can open and decode ``data`` and it is not something else in disguise."""
    if sniff(data) is not None:
        return False
    try:
        _decode(Image.open(io.BytesIO(data)))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
    return True


def strip_location(data: bytes) -> bytes:
    """Re-encode an image without EXIF GPS or XMP location data; pixels are kept as they are."""
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    if _GPS_IFD in exif:
        del exif[_GPS_IFD]
    fmt = image.format or "JPEG"
    options: dict[str, Any] = {"exif": exif.tobytes()}
    if fmt == "JPEG":
        # Reusing the source quantisation tables avoids a second round of JPEG loss.
        options.update(quality="keep", subsampling="keep")
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()
