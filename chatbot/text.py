"""Text from people, made safe to show: no terminal escapes, no invisible-only captions.

Everything typed or uploaded passes through ``clean_text`` before it reaches a terminal, a card,
the database or Instagram.
"""

from __future__ import annotations

import re
import unicodedata

# ANSI/VT escape sequences (CSI, OSC, and single-character escapes) are removed whole, so that
# no stray "[31m" is left behind.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
# Zero-width and direction-changing characters that make text look different from what it is.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u180e\u00ad"
)
_ZWJ = "\u200d"


def _keep(char: str) -> bool:
    if char in "\n\t":
        return True
    if char in _INVISIBLE:
        return False
    category = unicodedata.category(char)
    # Cc: control characters (NUL, BEL, backspace, DEL, C1); Cs: lone surrogates; Co/Cn: private
    # use and unassigned code points, which no renderer shows the same way.
    return category not in ("Cc", "Cs", "Co", "Cn")


def clean_text(text: str) -> str:
    """Remove escape sequences, control characters and invisible marks; keep newlines and tabs.

    A zero-width joiner survives only inside an emoji sequence (👨‍👩‍👧), where it is visible.
    """
    text = _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = [char for char in text if _keep(char)]
    return "".join(
        char
        for i, char in enumerate(kept)
        if char != _ZWJ or (0 < i < len(kept) - 1 and _emoji(kept[i - 1]) and _emoji(kept[i + 1]))
    )


def _emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or "\ufe00" <= char <= "\ufe0f"


def is_blank(text: str) -> bool:
    """True when nothing visible is left once cleaned."""
    return not clean_text(text).strip()
