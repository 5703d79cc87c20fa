"""Links in a caption: shorteners, hosts off the allow list, plain http, IP, punycode, userinfo.

Instagram does not make caption links clickable, but the guidelines forbid pointing readers at
bad sites (seed 000 5(15), seed 001 3(8)(9)), so every URL-looking string is examined.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from chatbot.policy.detectors.hits import Hit, dedupe_hits, hit_from_text
from chatbot.policy.detectors.lexicon import first_chars_regex, scan
from chatbot.policy.normalize import NormalizedText

if TYPE_CHECKING:
    import tldextract

DEFAULT_SHORTENERS: tuple[str, ...] = (
    "bit.ly",
    "j.mp",
    "t.co",
    "tinyurl.com",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "v.gd",
    "x.gd",
    "buff.ly",
    "amzn.to",
    "amzn.asia",
    "t.ly",
    "rebrand.ly",
    "cutt.ly",
    "tiny.cc",
    "rb.gy",
    "shorturl.at",
    "s.id",
    "lnkd.in",
    "dlvr.it",
    "ift.tt",
    "bl.ink",
)

# Host letters include Latin-extended, Greek and Cyrillic so that look-alike hosts are caught;
# Japanese is left out, because a URL is usually glued to the Japanese text around it.
_LABEL = r"[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff](?:[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff-]*[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])?"  # noqa: E501
_URL_CHARS = r"[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\-._~:/?#\[\]@!$&'()*+,;=%]"
# Defanged spellings ("example[.]com", "hxxps[:]//") hide a link from naive checks.
_SEP = r"(?:\.|\[\.\]|\(\.\)|\{\.\}|\[(?i:dot)\]|\((?i:dot)\))"
_DEFANG_RE = re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[:\]|^hxxp", re.IGNORECASE)
_UNDEFANG = {"[:]": ":", "hxxp": "http"}
_SCHEME_URL_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?:https?|hxxps?|ftp)(?::|\[:\])//{_URL_CHARS}+", re.IGNORECASE
)
# The look-behind and IGNORECASE keep the regex engine from skipping ahead to an "h" or "f".
_SCHEME_URL_STARTS = first_chars_regex(_SCHEME_URL_RE.pattern, _SCHEME_URL_RE.flags)
_BARE_HOST_RE = re.compile(
    rf"(?<![A-Za-z0-9@._/\-])(?:{_LABEL}{_SEP})+{_LABEL}(?::\d{{1,5}})?(?:[/?#]{_URL_CHARS}*)?"
)
# A host right before or after an "@" (or an "[at]") is part of an e-mail address.
_AT_AFTER_RE = re.compile(r"\s*(?:@|\[at\]|\(at\)|<at>|\{at\})", re.IGNORECASE)
_AT_BEFORE_RE = re.compile(r"(?:@|\[at\]|\(at\)|<at>|\{at\})\s*$", re.IGNORECASE)
_BARE_IPV4_RE = re.compile(r"(?<![0-9.])(?:\d{1,3}\.){3}\d{1,3}(?=[/:])" + rf"{_URL_CHARS}*")
_TRAILING = ".,;:!?'\"*"
_CLOSERS = {")": "(", "]": "["}
_OBFUSCATED_IP_RE = re.compile(r"(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}", re.IGNORECASE)


@dataclass(frozen=True)
class LinkConfig:
    """Link rules of one account.

    ``allow_domains`` match by exact host or "."-suffix, never by substring; an empty tuple
    means no allow list is configured, so no host is reported as off the list.
    """

    allow_domains: tuple[str, ...] = ()
    shorteners: tuple[str, ...] = DEFAULT_SHORTENERS
    allow_http: bool = False


@cache
def _extractor() -> tldextract.TLDExtract:
    # Imported on first use: tldextract pulls in requests (a third of the engine's import time)
    # and only captions with a link or an e-mail address need it.
    import tldextract

    # No suffix-list URLs and no cache dir: tldextract uses its bundled snapshot, offline.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _trim(url: str) -> str:
    """Drop trailing punctuation, and a closing bracket that has no opening one in the URL."""
    while url:
        last = url[-1]
        unbalanced = last in _CLOSERS and url.count(_CLOSERS[last]) < url.count(last)
        if last not in _TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url


def has_public_suffix(host: str) -> bool:
    """True if ``host`` ends in a known public suffix (offline list) after a domain label."""
    parts = _extractor()(host)
    return bool(parts.suffix) and bool(parts.domain)


def undefang(url: str) -> str:
    """The URL with defanged separators restored: "hxxps[:]//a[.]jp" -> "https://a.jp"."""
    return _DEFANG_RE.sub(lambda m: _UNDEFANG.get(m.group().lower(), "."), url)


_HOST_LETTERS = "A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_HOST_RUN_RE = re.compile(rf"[{_HOST_LETTERS}]+")
# A stretch of host letters and hyphens that a separator's first character follows: a host's
# first label lies in one (a label ends where its stretch does, and a separator must follow it).
# Possessive and anchored at the stretch's start, so each stretch is read once.
_HOST_STRETCH_RE = re.compile(
    rf"[{_HOST_LETTERS}\-](?<![{_HOST_LETTERS}\-]{{2}})[{_HOST_LETTERS}\-]*+(?=[.\[({{])"
)
# A run of digits and dots that opens with a digit and holds at least three dots.
_IPV4_RUN_RE = re.compile(r"[0-9](?<![0-9.][0-9])[0-9]*+(?:\.[0-9]*+){3}")
_NOT_BEFORE_HOST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@._/-")


def _host_starts(text: str) -> Iterator[int]:
    """Every position where ``_BARE_HOST_RE`` can begin: a host letter after a character its
    look-behind allows, in a stretch a separator follows (ascending)."""
    for stretch in _HOST_STRETCH_RE.finditer(text):
        for run in _HOST_RUN_RE.finditer(text, *stretch.span()):
            start, end = run.span()
            if start == 0 or text[start - 1] not in _NOT_BEFORE_HOST:
                yield start
            if not run.group().isascii():  # after a Greek or Cyrillic letter a host may begin
                yield from (i for i in range(start + 1, end) if text[i - 1] not in _NOT_BEFORE_HOST)


def _ipv4_starts(text: str) -> Iterator[int]:
    """Every position where ``_BARE_IPV4_RE`` can begin: a digit opening a run of [0-9.]
    with three dots or more."""
    for run in _IPV4_RUN_RE.finditer(text):
        yield run.start()


def _scan(regex: re.Pattern[str], text: str, starts: Iterator[int]) -> Iterator[re.Match[str]]:
    """What ``regex.finditer(text)`` gives when a match can only begin at ``starts``.

    Both bare-URL patterns open with a look-behind, which stops the regex engine from skipping
    ahead; matching only where a host can begin gives the same matches much faster.
    """
    end = 0
    for start in starts:
        if start < end:
            continue
        m = regex.match(text, start)
        if m is not None and m.end() > start:
            yield m
            end = m.end()


def _bare_urls(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    scans = (
        (_BARE_HOST_RE, _scan(_BARE_HOST_RE, text, _host_starts(text))),
        (_BARE_IPV4_RE, _scan(_BARE_IPV4_RE, text, _ipv4_starts(text))),
    )
    for regex, matches in scans:
        for match in matches:
            start = match.start()
            if any(s <= start < e for s, e in taken):
                continue
            raw = _trim(match.group())
            end = start + len(raw)
            if _AT_AFTER_RE.match(text, end) or _AT_BEFORE_RE.search(
                text, max(0, start - 8), start
            ):
                continue
            url = undefang(raw)
            host = re.split(r"[/?#:]", url, maxsplit=1)[0]
            if regex is _BARE_HOST_RE and not has_public_suffix(host):
                continue
            found.append((start, end, url))
    return found


def extract_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of every URL in ``text``, with or without a scheme.

    ``url`` is undefanged (``[.]`` -> ``.``), while the span covers the text as written.
    """
    found: list[tuple[int, int, str]] = []
    # Every scheme URL holds "//": without one the scan is skipped.
    for match in scan(_SCHEME_URL_RE, _SCHEME_URL_STARTS, text) if "//" in text else ():
        raw = _trim(match.group())
        found.append((match.start(), match.start() + len(raw), undefang(raw)))
    found += _bare_urls(text, [(s, e) for s, e, _ in found])
    return sorted(found)


@lru_cache(maxsize=64)
def _domain_set(domains: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    return frozenset(domain.lower().strip(".") for domain in domains)


def host_matches(host: str, domains: tuple[str, ...] | frozenset[str]) -> bool:
    """True if ``host`` is one of ``domains`` or a subdomain of one (never a substring)."""
    host = host.lower().rstrip(".")
    wanted = _domain_set(domains)
    if host in wanted:
        return True
    # host ends with "." + domain exactly when domain is what follows one of host's dots.
    at = host.find(".")
    while at != -1:
        if host[at + 1 :] in wanted:
            return True
        at = host.find(".", at + 1)
    return False


def _is_ip_host(host: str) -> bool:
    if ":" not in host and not host[:1].isdecimal():
        return False  # an IPv4 address (plain or obfuscated) opens with a digit, IPv6 has ":"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        # Browsers also accept 3232235777, 0xC0A80001 and 0300.0250.0.1 as IPv4 addresses.
        return bool(_OBFUSCATED_IP_RE.fullmatch(host))
    return True


def _is_confusable(host: str) -> bool:
    return any(label.startswith("xn--") for label in host.split(".")) or not host.isascii()


def _split(url: str) -> tuple[str, str, bool]:
    """(scheme, host, has_userinfo) of a URL; a bare host is read as scheme-less."""
    has_scheme = "://" in url
    parts = urlsplit(url if has_scheme else "//" + url)
    try:
        host = parts.hostname or ""
    except ValueError:
        host = ""
    return parts.scheme.lower(), host.lower(), "@" in parts.netloc


def _url_hits(nt: NormalizedText, start: int, end: int, url: str, cfg: LinkConfig) -> list[Hit]:
    scheme, host, userinfo = _split(url)
    hits: list[Hit] = []

    def add(kind: str, detail: str) -> None:
        hits.append(hit_from_text(nt, kind, start, end, detail=detail))

    allowed = bool(cfg.allow_domains) and host_matches(host, cfg.allow_domains)
    if scheme == "http" and not cfg.allow_http:
        add("url_http", host)
    if _is_ip_host(host):
        add("url_ip_host", host)
    elif _is_confusable(host):
        add("url_punycode", host)
    if userinfo:
        add("url_userinfo", host)
    if host_matches(host, cfg.shorteners) and not allowed:
        add("url_shortener", host)
    elif cfg.allow_domains and not allowed and not _public_body_host(host):
        add("url_not_allowed", host)
    return hits


# Domains only a public body can register: government (.go.jp), local government (.lg.jp, and
# pref./city./town./vill. under a geographic .jp name), universities (.ac.jp), schools (.ed.jp).
_PUBLIC_BODY_HOST_RE = re.compile(
    r"(?:^|\.)(?:[a-z0-9-]+\.(?:go|lg|ac|ed)\.jp"
    r"|(?:pref|city|town|vill)\.[a-z0-9-]+(?:\.[a-z0-9-]+)?\.jp)$"
)


def _public_body_host(host: str) -> bool:
    """A public office's, a university's or a school's site: not a site to warn about."""
    return _PUBLIC_BODY_HOST_RE.search(host.rstrip(".").lower()) is not None


def detect_links(nt: NormalizedText, cfg: LinkConfig) -> list[Hit]:
    """Hits for every URL in the caption that breaks the account's link rules."""
    hits: list[Hit] = []
    for start, end, url in extract_urls(nt.text):
        hits += _url_hits(nt, start, end, url, cfg)
    return dedupe_hits(hits)
