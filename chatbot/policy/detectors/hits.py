"""The raw result every text detector returns, before the engine turns it into a Finding."""

from __future__ import annotations

from dataclasses import dataclass

from chatbot.policy.normalize import NormalizedText


@dataclass(frozen=True)
class Hit:
    """One detector match, located in the ORIGINAL caption (``end`` exclusive).

    ``kind`` is detector-specific (e.g. "phone", "url_shortener", "too_many_hashtags");
    ``detail`` is a short machine-readable note such as the host or the count.
    """

    kind: str
    start: int
    end: int
    excerpt: str
    detail: str = ""


def hit_from_text(nt: NormalizedText, kind: str, start: int, end: int, detail: str = "") -> Hit:
    """A Hit for a span of ``nt.text``/``nt.kana``, mapped back to the original caption."""
    s, e = nt.to_original(start, end)
    return Hit(kind=kind, start=s, end=e, excerpt=nt.original[s:e], detail=detail)


def hit_from_compact(nt: NormalizedText, kind: str, start: int, end: int, detail: str = "") -> Hit:
    """A Hit for a span of ``nt.compact``, mapped back to the original caption."""
    s, e = nt.compact_to_original(start, end)
    return Hit(kind=kind, start=s, end=e, excerpt=nt.original[s:e], detail=detail)


def dedupe_hits(hits: list[Hit]) -> list[Hit]:
    """Sort by position and drop a hit of the same kind that overlaps one already kept."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start), h.kind)):
        if any(k.kind == hit.kind and k.start < hit.end and hit.start < k.end for k in kept):
            continue
        kept.append(hit)
    return kept
