"""Uploads made ready for Instagram: type from the bytes, JPEG for every still image.

Instagram's publishing API takes JPEG only, and the check promises the conversion: a PNG, GIF or
WebP still image is re-encoded as JPEG here, on upload, so that what is checked, approved and
published is the same file. Location data is kept unless the author asked to strip it, so that
the media check still sees it and nobody publishes it unnoticed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from PIL import Image, UnidentifiedImageError

from chatbot.policy.detectors.media import sniff as sniff_disguised
from chatbot.policy.detectors.media import strip_location

_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError)
_CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
JPEG_QUALITY = 92


@dataclass(frozen=True)
class PreparedMedia:
    filename: str
    data: bytes = field(repr=False)
    content_type: str
    converted_from: str = ""  # the format it was converted from, "" when kept as it came
    location_stripped: bool = False


def image_format(data: bytes) -> str:
    """The image format Pillow reads in the bytes ("JPEG", "PNG", ...), "" when not an image."""
    if sniff_disguised(data) is not None:
        return ""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.format or ""
    except _ERRORS:
        return ""


def prepare(filename: str, data: bytes, *, strip: bool = False) -> PreparedMedia:
    """Strip location on request, convert still images to JPEG; anything else is left as is
    for the check to refuse (a PDF stays a PDF and is reported, never renamed into an image)."""
    name = PurePath(filename).name[:200] or "image"
    fmt = image_format(data)
    stripped = False
    if fmt and strip:
        try:
            data, stripped = strip_location(data), True
        except _ERRORS:
            return PreparedMedia(name, data, "application/octet-stream")
    if not fmt:
        return PreparedMedia(name, data, "application/octet-stream")
    if fmt == "JPEG" or _animated(data):
        kind = _CONTENT_TYPES.get(fmt, "image/" + fmt.lower())
        return PreparedMedia(_named(name, fmt), data, kind, location_stripped=stripped)
    try:
        jpeg = to_jpeg(data)
    except _ERRORS:
        return PreparedMedia(name, data, "application/octet-stream", location_stripped=stripped)
    return PreparedMedia(_named(name, "JPEG"), jpeg, "image/jpeg", fmt, stripped)


def to_jpeg(data: bytes) -> bytes:
    """Re-encode a still image as JPEG; transparency becomes white, EXIF is carried over."""
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        options: dict[str, Any] = {"quality": JPEG_QUALITY}
        if exif:
            options["exif"] = exif.tobytes()
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        out = io.BytesIO()
        flat.save(out, format="JPEG", **options)
        return out.getvalue()


def _animated(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(getattr(image, "is_animated", False))


def _named(name: str, fmt: str) -> str:
    """The file name with the extension its content really has."""
    ext = ".jpg" if fmt == "JPEG" else "." + fmt.lower()
    stem = PurePath(name).stem or "image"
    return stem + ext
