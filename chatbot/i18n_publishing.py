"""Catalogue entries for the publishing work: key -> (Japanese, English). Words follow shared/GLOSSARY.md."""

from __future__ import annotations

PUBLISHING: dict[str, tuple[str, str]] = {}
