"""Small real images made with Pillow: JPEG, PNG, with or without GPS data."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image

from chatbot.domain import commands as cmd

_GPS_IFD = 0x8825


def image_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (1080, 1080), gps: bool = False
) -> bytes:
    image = Image.new("RGB" if fmt == "JPEG" else "RGBA", size, (200, 120, 40))
    options: dict[str, object] = {}
    if gps:
        exif = Image.Exif()
        exif.get_ifd(_GPS_IFD).update(
            {1: "N", 2: (32.0, 48.0, 10.0), 3: "E", 4: (130.0, 42.0, 5.0)}
        )
        options["exif"] = exif.tobytes()
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


@lru_cache(maxsize=8)
def jpeg(size: tuple[int, int] = (1080, 1080)) -> bytes:
    return image_bytes("JPEG", size)


def photo(name: str = "photo.jpg") -> cmd.MediaUpload:
    """One square JPEG that passes every media check."""
    return cmd.MediaUpload(name, jpeg())
