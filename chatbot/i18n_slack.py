"""Catalogue entries for the slack work: key -> (Japanese, English). Words follow shared/GLOSSARY.md."""

from __future__ import annotations

SLACK: dict[str, tuple[str, str]] = {}
