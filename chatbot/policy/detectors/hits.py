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
    """Sort by position and drop a hit of the same kind that overlaps one already kept.

    Hits are visited by start, so a hit overlaps a kept one of its kind exactly when it starts
    before the furthest end kept for that kind: one pass, no pairwise comparison.
    """
    kept: list[Hit] = []
    reach: dict[str, int] = {}
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start), h.kind)):
        if hit.start < reach.get(hit.kind, -1) and hit.end > hit.start:
            continue
        if hit.end == hit.start and any(
            k.kind == hit.kind and k.start < hit.end and hit.start < k.end for k in kept[-4:]
        ):
            continue
        kept.append(hit)
        reach[hit.kind] = max(reach.get(hit.kind, -1), hit.end)
    return kept
