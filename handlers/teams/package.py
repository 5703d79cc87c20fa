"""`shonin teams package`: the Teams app package (manifest.json + two icons in one zip).

``teams/manifest.json`` names the bot by the placeholder ``{{MICROSOFT_APP_ID}}``; the package
gets the real app id (the Entra app registration's client id) from the settings. The icons are
drawn here (a 192×192 colour icon and a 32×32 white-on-transparent outline), so the repository
holds no binary it did not make.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

PLACEHOLDER = "{{MICROSOFT_APP_ID}}"
MANIFEST_DIR = Path(__file__).resolve().parents[2] / "teams"
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
ACCENT = (0x1F, 0x4E, 0x79, 255)


class PackageError(Exception):
    """The package cannot be built: one line in each language."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja, self.en = ja, en


def _check(ja: str, en: str, ok: bool) -> None:
    if not ok:
        raise PackageError(ja, en)


def read_manifest(directory: Path = MANIFEST_DIR) -> dict[str, Any]:
    path = directory / "manifest.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PackageError(
            f"{path} を読めません（{type(error).__name__}）",
            f"cannot read {path} ({type(error).__name__})",
        ) from None
    return data


def fill(manifest: dict[str, Any], app_id: str) -> dict[str, Any]:
    """The manifest with the app id in place of the placeholder (ids checked)."""
    _check(
        "アプリIDは GUID（xxxxxxxx-xxxx-…）で指定してください",
        "the app id must be a GUID (xxxxxxxx-xxxx-…)",
        bool(GUID.fullmatch(app_id)),
    )
    text = json.dumps(manifest, ensure_ascii=False).replace(PLACEHOLDER, app_id)
    filled: dict[str, Any] = json.loads(text)
    _check(
        "manifest.json の id と botId がアプリIDになっていません",
        "manifest.json's id and botId are not the app id",
        filled.get("id") == app_id and all(b.get("botId") == app_id for b in filled["bots"]),
    )
    return filled


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def color_icon() -> bytes:
    """192×192, full colour: the accent square with a white 承 mark drawn as strokes."""
    image = Image.new("RGBA", (192, 192), ACCENT)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((36, 36, 156, 156), radius=18, outline=(255, 255, 255, 255), width=12)
    draw.line((64, 100, 88, 126, 132, 70), fill=(255, 255, 255, 255), width=14)
    return _png(image)


def outline_icon() -> bytes:
    """32×32, white on transparent (Teams' requirement for the outline icon)."""
    image = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((4, 4, 27, 27), radius=4, outline=(255, 255, 255, 255), width=2)
    draw.line((9, 16, 14, 21, 23, 10), fill=(255, 255, 255, 255), width=3)
    return _png(image)


def build_package(app_id: str, out: Path, directory: Path = MANIFEST_DIR) -> Path:
    """Write the zip Teams' "Upload a custom app" takes; returns its path."""
    manifest = fill(read_manifest(directory), app_id)
    icons = manifest["icons"]
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr(icons["color"], color_icon())
        archive.writestr(icons["outline"], outline_icon())
    return out
