"""Catalogue entries for the policy2 work: key -> (Japanese, English). Words follow shared/GLOSSARY.md."""

from __future__ import annotations

POLICY2: dict[str, tuple[str, str]] = {}
