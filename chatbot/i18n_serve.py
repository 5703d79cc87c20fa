"""Catalogue entries for `shonin serve` / `shonin worker`: key -> (Japanese, English)."""

from __future__ import annotations

SERVE: dict[str, tuple[str, str]] = {
    "serve.listening": (
        "shonin serve: {host}:{port} で待ち受けています（{components}）",
        "shonin serve: listening on {host}:{port} ({components})",
    ),
    "serve.cannot_start": (
        "shonin serve を開始できません: {reason}",
        "shonin serve cannot start: {reason}",
    ),
}
