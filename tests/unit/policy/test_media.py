"""The media detector and strip_location, on images generated here with Pillow."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from chatbot.policy.detectors.media import (
    MediaConfig,
    detect_media,
    is_readable_image,
    sniff,
    strip_location,
)
from chatbot.policy.types import MediaBlob

CFG = MediaConfig()


def make_image(
    width: int = 1080, height: int = 1080, fmt: str = "JPEG", gps: bool = False
) -> bytes:
    image = Image.new("RGB", (width, height), (200, 120, 40))
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "TestCam"
        exif.get_ifd(0x8825).update({1: "N", 2: (32.0, 48.0, 10.0), 3: "E", 4: (130.0, 42.0, 5.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def kinds(media: list[MediaBlob]) -> list[str]:
    return [h.kind for h in detect_media(media, CFG)]


def test_a_square_jpeg_without_location_is_fine() -> None:
    assert kinds([MediaBlob("a.jpg", make_image())]) == []


def test_gps_is_found_and_strip_location_removes_it_keeping_the_picture() -> None:
    data = make_image(gps=True)
    assert kinds([MediaBlob("a.jpg", data)]) == ["gps"]
    cleaned = strip_location(data)
    assert kinds([MediaBlob("a.jpg", cleaned)]) == []
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (1080, 1080)
        assert image.getexif().get(0x010F) == "TestCam"


def test_png_gps_is_found_too() -> None:
    assert kinds([MediaBlob("a.png", make_image(fmt="PNG", gps=True))]) == ["not_jpeg", "gps"]


@pytest.mark.parametrize(
    ("size", "expected"),
    [((1080, 1350), []), ((1080, 1440), ["aspect_ratio"]), ((1440, 700), ["aspect_ratio"])],
)
def test_aspect_ratio_between_4_5_and_1_91(size: tuple[int, int], expected: list[str]) -> None:
    assert kinds([MediaBlob("a.jpg", make_image(*size))]) == expected


def test_width_outside_320_to_1440_will_be_resized() -> None:
    assert kinds([MediaBlob("a.jpg", make_image(200, 200))]) == ["width"]
    assert kinds([MediaBlob("a.jpg", make_image(2000, 2000))]) == ["width"]


def test_file_over_the_size_limit() -> None:
    small = MediaConfig(max_bytes=1000)
    hits = detect_media([MediaBlob("a.jpg", make_image())], small)
    assert [h.kind for h in hits] == ["too_large"]


def test_carousel_of_more_than_ten_items_but_one_item_is_a_normal_post() -> None:
    one = MediaBlob("a.jpg", make_image(400, 400))
    assert kinds([one]) == []
    assert kinds([one] * 10) == []
    assert kinds([one] * 11) == ["too_many_items"]


@pytest.mark.parametrize(
    ("payload", "name"),
    [
        (b"PK\x03\x04" + b"\0" * 100, "zip"),
        (b"MZ\x90\x00" + b"\0" * 100, "exe"),
        (b"  <!DOCTYPE html><html><body>hi</body></html>", "html"),
    ],
)
def test_disguised_files_are_named(payload: bytes, name: str) -> None:
    hits = detect_media([MediaBlob("photo.jpg", payload)], CFG)
    assert [(h.kind, h.detail) for h in hits] == [("disguised", name)]
    assert sniff(payload) == name
    assert not is_readable_image(payload)


def test_truncated_or_garbage_files_are_unreadable() -> None:
    data = make_image()
    assert kinds([MediaBlob("a.jpg", b"not an image at all")]) == ["unreadable"]
    assert kinds([MediaBlob("a.jpg", data[: len(data) // 3])]) == ["unreadable"]
    assert is_readable_image(data)


def test_extension_that_does_not_match_the_content() -> None:
    assert kinds([MediaBlob("a.jpg", make_image(fmt="PNG"))]) == ["extension_mismatch", "not_jpeg"]


def test_animated_gif_is_reported() -> None:
    frames = [Image.new("RGB", (400, 400), c) for c in ((255, 0, 0), (0, 255, 0))]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    assert kinds([MediaBlob("a.gif", out.getvalue())]) == ["animated"]
