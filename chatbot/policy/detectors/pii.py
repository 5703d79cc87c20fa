"""Personal information in a caption: phone, e-mail, postal code, address, My Number, birthdate.

Digits are searched in ``nt.compact`` (no whitespace, kanji numerals as digits) so that spaced,
full-width, zero-width-split and kanji-numeral evasions are caught; words in ``nt.text``.
Toll-free and other business numbers are still reported unless allow-listed: the checker
cannot tell a shop's number from a person's, and the officer can allow the office's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from chatbot.policy.detectors.hits import Hit, dedupe_hits, hit_from_compact, hit_from_text
from chatbot.policy.detectors.links import has_public_suffix
from chatbot.policy.detectors.names import detect_names
from chatbot.policy.normalize import NormalizedText, normalize

_PHONE_RE = re.compile(r"(?<![\d+\-])(?:\+81[\-(]*|\(?0)\d(?:[\d()]|-(?=\d|\())*(?<=\d)(?!\d)")
_MY_NUMBER_RE = re.compile(r"(?<![\d\-])\d{4}-?\d{4}-?\d{4}(?![\d\-])")
_LOCAL = r"[A-Za-z0-9._%+\-]+"
_LOCAL_END_RE = re.compile(rf"{_LOCAL}$")
_DOMAIN_RE = re.compile(r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_AT_WORD_RE = re.compile(
    r"\[at\]|\(at\)|<at>|\{at\}|\sat\s|アットマーク|あっとまーく", re.IGNORECASE
)
_AT = r"\s*(?:\[at\]|\(at\)|<at>|\{at\}|\s+at\s+|アットマーク|あっとまーく)\s*"
_DOT = r"(?:\s*(?:\[dot\]|\(dot\)|<dot>|\{dot\}|ドット)\s*|\s+dot\s+|\.)"
_EVASIVE_EMAIL_RE = re.compile(
    rf"({_LOCAL}){_AT}([A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)+)", re.IGNORECASE
)
_DOT_WORD_RE = re.compile(_DOT, re.IGNORECASE)

_NUM = r"[0-9〇一二三四五六七八九十]+"
_PLACE_CHAR = "都道府県市区町村郡"
# Kanji/katakana run just before the numbers: a place name (hiragana ends it, so "市で開催" is not).
_RUN = r"[\u4e00-\u9fff々〇ヶケ\u30a1-\u30fa\u30fc]{2,20}"
_STRONG_BLOCK = (
    rf"{_NUM}丁目(?:{_NUM}番地?)?(?:{_NUM}号)?|{_NUM}番地(?:{_NUM}号?)?|{_NUM}番{_NUM}号"
)
_DASH_BLOCK = rf"{_NUM}-{_NUM}(?:-{_NUM})?"
_ROOM = rf"(?:-?{_NUM}号室)?"
_ADDRESS_RE = re.compile(
    rf"(?P<run>{_RUN})(?:(?P<strong>{_STRONG_BLOCK}){_ROOM}|(?P<dash>{_DASH_BLOCK}{_ROOM})(?![0-9\-/]))"
)
# A place character followed by one of these is a word like 町内会, 市民, 区役所, 県立.
_NOT_PLACE_NEXT = "内民役長議営立政外庁会場税域制"
_POSTAL_MARK_RE = re.compile(r"(?:〒|郵便番号[:：]?)\s*\d{3}-?\d{4}(?!\d)")
_POSTAL_BARE_RE = re.compile(
    rf"(?<![\d\-/])\d{{3}}-\d{{4}}(?![\d\-])(?=\s?[\u4e00-\u9fff]{{0,6}}[{_PLACE_CHAR}])"
)

_YEAR = r"(?:(?:19|20)\d{2}|(?:昭和|平成|令和|[SHRshr])\s*(?:\d{1,2}|元))"
_DATE = rf"(?:{_YEAR}\s*[年./\-]\s*)?\d{{1,2}}\s*[月./\-]\s*\d{{1,2}}\s*日?"
_BIRTH_RE = re.compile(
    rf"(?:生年月日|誕生日)\s*(?:は|[:：]|\s)?\s*{_DATE}"
    rf"|{_YEAR}\s*[年./\-]\s*\d{{1,2}}\s*[月./\-]\s*\d{{1,2}}\s*日?\s*生(?:まれ|れ)?(?![\u4e00-\u9fff])"
)


@dataclass(frozen=True)
class PiiConfig:
    """What the office publishes on purpose: its own phone, e-mail, address; public names."""

    allow_phones: frozenset[str] = frozenset()
    allow_emails: frozenset[str] = frozenset()
    allow_addresses: tuple[str, ...] = ()
    allow_names: frozenset[str] = frozenset()
    detect_names: bool = True


def phone_digits(raw: str) -> str:
    """National-format digits of a Japanese number: "+81 96-328-2039" -> "0963282039"."""
    digits = re.sub(r"\D", "", raw)
    if raw.lstrip().startswith("+81"):
        digits = "0" + digits[2:].lstrip("0")
    return digits


@lru_cache(maxsize=4096)
def _is_japanese_phone(digits: str) -> bool:
    if not 10 <= len(digits) <= 11 or not digits.startswith("0"):
        return False
    return bool(phonenumbers.is_valid_number(phonenumbers.parse(digits, "JP")))


def _phones(nt: NormalizedText, cfg: PiiConfig) -> list[Hit]:
    allowed = {phone_digits(p) for p in cfg.allow_phones}
    hits = []
    for m in _PHONE_RE.finditer(nt.compact):
        digits = phone_digits(m.group())
        if _is_japanese_phone(digits) and digits not in allowed:
            hits.append(hit_from_compact(nt, "phone", m.start(), m.end(), detail=digits))
    return hits


def my_number_is_valid(digits: str) -> bool:
    """Check digit of a 12-digit My Number (個人番号), per the official algorithm."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    base = digits[:11]
    # P_n is the n-th digit from the right of the first 11; weight Q_n = n+1 (n<=6) or n-5.
    total = sum(int(base[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return int(digits[11]) == check


def _my_numbers(nt: NormalizedText) -> list[Hit]:
    hits = []
    for m in _MY_NUMBER_RE.finditer(nt.compact):
        if my_number_is_valid(m.group().replace("-", "")):
            hits.append(hit_from_compact(nt, "my_number", m.start(), m.end()))
    return hits


def _plain_emails(compact: str) -> list[tuple[int, int, str]]:
    """(start, end, address) of e-mail addresses in the compact view, found from each "@"."""
    found = []
    at = compact.find("@")
    while at >= 0:
        local = _LOCAL_END_RE.search(compact, max(0, at - 64), at)
        domain = _DOMAIN_RE.match(compact, at + 1)
        if local and domain:
            found.append((local.start(), domain.end(), compact[local.start() : domain.end()]))
        at = compact.find("@", at + 1)
    return found


def _emails(nt: NormalizedText, cfg: PiiConfig) -> list[Hit]:
    allowed = {e.lower() for e in cfg.allow_emails}
    hits = [
        hit_from_compact(nt, "email", start, end, detail=address.lower())
        for start, end, address in _plain_emails(nt.compact)
        if address.lower() not in allowed
    ]
    if not _AT_WORD_RE.search(nt.text):
        return hits
    for m in _EVASIVE_EMAIL_RE.finditer(nt.text):
        domain = _DOT_WORD_RE.sub(".", m.group(2)).lower()
        address = f"{m.group(1).lower()}@{domain}"
        if has_public_suffix(domain) and address not in allowed:
            hits.append(hit_from_text(nt, "email", m.start(), m.end(), detail=address))
    return hits


@lru_cache(maxsize=1024)
def _compact_key(text: str) -> str:
    # Dashes are dropped so that 〒8608601 and 〒860-8601 are the same address.
    return normalize(text).compact.replace("-", "")


def _is_allowed_address(excerpt: str, allowed: list[str]) -> bool:
    """An excerpt inside a public address, or a public address plus no further numbers."""
    key = _compact_key(excerpt)
    for public in allowed:
        if key in public:
            return True
        at = key.find(public)
        if at >= 0 and not re.search(r"\d", key[at + len(public) :]):
            return True
    return False


def _address_match_ok(m: re.Match[str]) -> bool:
    if m.group("strong"):
        return True
    run = m.group("run") + "-"
    # "中央区手取本町1-1" has a place character after the first one; "町内会12-1" does not.
    return any(
        c in _PLACE_CHAR and run[i + 1] not in _NOT_PLACE_NEXT for i, c in enumerate(run) if i
    )


def _addresses(nt: NormalizedText, allowed: list[str]) -> list[Hit]:
    hits = []
    for m in _ADDRESS_RE.finditer(nt.text):
        if _address_match_ok(m):
            hits.append(hit_from_text(nt, "address", m.start(), m.end()))
    for regex in (_POSTAL_MARK_RE, _POSTAL_BARE_RE):
        hits += [hit_from_text(nt, "postal_code", *m.span()) for m in regex.finditer(nt.text)]
    return [h for h in hits if not _is_allowed_address(h.excerpt, allowed)]


def _birthdates(nt: NormalizedText) -> list[Hit]:
    return [hit_from_text(nt, "birthdate", *m.span()) for m in _BIRTH_RE.finditer(nt.text)]


def detect_pii(nt: NormalizedText, cfg: PiiConfig) -> list[Hit]:
    """Every piece of personal information in the caption that no allow list covers."""
    allowed_addresses = [_compact_key(a) for a in cfg.allow_addresses]
    detectors: list[Callable[[], list[Hit]]] = [
        lambda: _my_numbers(nt),
        lambda: _phones(nt, cfg),
        lambda: _emails(nt, cfg),
        lambda: _addresses(nt, allowed_addresses),
        lambda: _birthdates(nt),
    ]
    if cfg.detect_names:
        detectors.append(lambda: detect_names(nt, cfg.allow_names))
    hits: list[Hit] = []
    for detector in detectors:
        hits += detector()
    return dedupe_hits(hits)
