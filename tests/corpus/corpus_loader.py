"""Read tests/corpus/captions.yml and build its synthetic images (shared by test and benchmark)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

from chatbot.policy.types import MediaBlob

CORPUS = Path(__file__).with_name("captions.yml")
# Every training source, by file name (the training script's SOURCES must name exactly these; the
# held-out splits are never among them: tests/corpus/test_splits.py).
TRAINING = (
    "captions.yml",
    "generated_train.yml",
    "train_handwritten.yml",
    "train_policymodel.yml",
    "train_v4.yml",
    "train_v5a.yml",
    "train_v5b.yml",
    "train_v6a.yml",
    "train_v6b.yml",
    "train_v6c.yml",
    "train_v6d.yml",
    "train_v7a.yml",
    "train_v7b.yml",
    "train_v7c.yml",
    "train_v7d.yml",
    "train_v7e.yml",
    "train_v7f.yml",
    "train_v8a.yml",
    "train_v8b.yml",
    "train_v8c.yml",
    "train_v8d.yml",
    "train_v8e.yml",
    "train_v9a.yml",
    "train_v9b.yml",
    "train_v9c.yml",
    "train_v10a.yml",
    "train_v10b.yml",
    "train_v10c.yml",
    "train_v11a.yml",
    "train_v11b.yml",
    "train_v11c.yml",
    "train_v12a.yml",
    "train_v12b.yml",
    "train_v12c.yml",
    "train_v12d.yml",
    "train_v12e.yml",
    "train_v12f.yml",
    "train_v12g.yml",
    "train_v12h.yml",
    "train_v13a.yml",
    "train_v13b.yml",
    "train_v13c.yml",
    "train_v13d.yml",
    "train_v13e.yml",
    "train_v13f.yml",
    "train_v13g.yml",
    "train_v13h.yml",
    "train_v13i.yml",
    "train_v13j.yml",
    "train_v13k.yml",
    "train_v13l.yml",
)
GENERATED = "generated_train.yml"  # filled from templates, not hand-written
_DISGUISES = {
    "zip": b"PK\x03\x04\x14\x00\x00\x00",
    "exe": b"MZ\x90\x00\x03\x00\x00\x00",
    "html": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
}
_GPS = {1: "N", 2: (32.0, 48.0, 12.0), 3: "E", 4: (130.0, 42.0, 30.0)}


@dataclass(frozen=True)
class Case:
    """One labelled caption."""

    id: str
    pack: str
    caption: str
    labels: frozenset[str]
    media: tuple[MediaBlob, ...]


def make_image(spec: dict[str, Any]) -> MediaBlob:
    """A synthetic image as the corpus entry describes it (size, format, GPS, padding, disguise)."""
    fmt = str(spec.get("format", "JPEG")).upper()
    ext = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    if spec.get("disguise"):
        return MediaBlob(f"image.{ext}", _DISGUISES[str(spec["disguise"])] + bytes(256))
    size = (int(spec.get("width", 1080)), int(spec.get("height", 1080)))
    exif = Image.Exif()
    if spec.get("gps"):
        exif.get_ifd(0x8825).update(_GPS)
    out = io.BytesIO()
    frame = Image.new("RGB", size, (120, 90, 60))
    if fmt == "GIF":
        frames = [frame, Image.new("RGB", size, (60, 90, 120))]
        frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    else:
        frame.save(out, format=fmt, exif=exif.tobytes())
    data = out.getvalue()
    pad = int(float(spec.get("size_mb", 0)) * 1024 * 1024) - len(data)
    if pad > 0 and fmt == "JPEG":
        # Bytes after the JPEG end marker are ignored by decoders: a cheap way to a big file.
        data += bytes(pad)
    return MediaBlob(f"image.{ext}", data)


def _caption(entry: dict[str, Any]) -> str:
    if "caption_repeat" in entry:
        rep = entry["caption_repeat"]
        return str(rep["text"]) * int(rep["times"])
    return str(entry.get("caption", ""))


def load_cases(path: Path = CORPUS) -> list[Case]:
    """Every corpus entry, with captions expanded and images generated."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        Case(
            id=str(e["id"]),
            pack=str(e["pack"]),
            caption=_caption(e),
            labels=frozenset(str(x) for x in e.get("labels") or ()),
            media=tuple(make_image(m) for m in e.get("media") or ()),
        )
        for e in entries
    ]
