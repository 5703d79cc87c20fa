"""Catalogue entries for the teams work: key -> (Japanese, English). Words follow shared/GLOSSARY.md."""

from __future__ import annotations

TEAMS: dict[str, tuple[str, str]] = {}
