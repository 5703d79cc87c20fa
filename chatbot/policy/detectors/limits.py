"""Instagram platform limits: caption length, hashtag count, @mention count and allow list.

Counting rules (documented choices):

- Caption length is ``len(original)``: Unicode code points of the caption as typed, before any
  normalisation. Instagram's 2,200 limit is close to that; an emoji made of several code points
  counts several times here, which errs on the safe side.
- Hashtags: every occurrence counts, duplicates included, ``#`` and full-width ``＃`` alike;
  Instagram rejects a caption with more than 30 hashtags, repeated or not.
- Mentions: every occurrence of ``@handle`` counts; an e-mail address is not a mention.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from chatbot.policy.detectors.hits import Hit
from chatbot.policy.normalize import NormalizedText

_ALNUM = "A-Za-z0-9\uff21-\uff3a\uff41-\uff5a\uff10-\uff19"
# Searched in the original caption: neologdn drops the space in "#熊本 #祭り", which would glue
# two tags together. A "#" right after a Latin letter or digit (C#, &#9;) does not start a tag,
# and digits alone (#1) are not a tag on Instagram.
# (The look-behind follows the "#" so that the regex engine can skip ahead to one.)
HASHTAG_RE = re.compile(rf"[#＃](?<![{_ALNUM}&][#＃])(?![0-9０-９]+(?!\w))\w+")
# Instagram handles: 1-30 of letters, digits, "." and "_"; after a handle-like character the
# "@" belongs to an e-mail address, not a mention.
_HANDLE = rf"[{_ALNUM}_＿.．]"
MENTION_RE = re.compile(rf"[@＠](?<!{_HANDLE}[@＠])(?<![@＠][@＠])([{_ALNUM}_＿]{_HANDLE}{{0,29}})")


@dataclass(frozen=True)
class LimitsConfig:
    """Platform limits; ``allow_mentions`` holds lower-case handles without "@" (None = any)."""

    max_caption_chars: int = 2200
    max_hashtags: int = 30
    max_mentions: int = 20
    allow_mentions: frozenset[str] | None = None


def find_hashtags(text: str) -> list[tuple[int, int]]:
    """Spans of every hashtag in ``text`` (the original caption)."""
    if "#" not in text and "＃" not in text:
        return []  # the pattern opens with a look-behind: skip its scan when it cannot match
    return [m.span() for m in HASHTAG_RE.finditer(text)]


def find_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case ASCII handle) of every @mention in ``text`` (the original)."""
    found: list[tuple[int, int, str]] = []
    if "@" not in text and "＠" not in text:
        return found
    for match in MENTION_RE.finditer(text):
        raw = match.group(1).rstrip(".．")
        handle = unicodedata.normalize("NFKC", raw).lower()
        found.append((match.start(), match.start(1) + len(raw), handle))
    return found


def _caption_length(nt: NormalizedText, cfg: LimitsConfig) -> list[Hit]:
    length = len(nt.original)
    if length <= cfg.max_caption_chars:
        return []
    start = cfg.max_caption_chars
    return [
        Hit(
            kind="caption_too_long",
            start=start,
            end=length,
            excerpt=nt.original[start:length],
            detail=str(length),
        )
    ]


def _too_many(text: str, kind: str, spans: list[tuple[int, int]], limit: int) -> list[Hit]:
    if len(spans) <= limit:
        return []
    # Point at the items beyond the limit: those are the ones to remove.
    start, end = spans[limit][0], spans[-1][1]
    return [Hit(kind=kind, start=start, end=end, excerpt=text[start:end], detail=str(len(spans)))]


def detect_limits(nt: NormalizedText, cfg: LimitsConfig) -> list[Hit]:
    """Hits for every platform limit the caption exceeds."""
    hits = _caption_length(nt, cfg)
    text = nt.original
    hits += _too_many(text, "too_many_hashtags", find_hashtags(text), cfg.max_hashtags)
    mentions = find_mentions(text)
    spans = [(s, e) for s, e, _ in mentions]
    hits += _too_many(text, "too_many_mentions", spans, cfg.max_mentions)
    if cfg.allow_mentions is not None:
        hits += [
            Hit(kind="mention_not_allowed", start=s, end=e, excerpt=text[s:e], detail=handle)
            for s, e, handle in mentions
            if handle not in cfg.allow_mentions
        ]
    return hits
