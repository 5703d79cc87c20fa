"""Signed media URLs: the token's MAC is HMAC-SHA256 over ``key|expiry`` with the media secret
(tokens already handed to Instagram stay valid across versions), and a malformed key is refused
before anything is signed."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chatbot.adapters.media_store import LocalMediaStore, MediaLinks
from chatbot.domain.errors import InvalidInput

SECRET = b"0123456789abcdef-media"
KEY = "ab" * 32 + ".jpg"
NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_the_mac_is_hmac_sha256_of_key_and_expiry() -> None:
    links = MediaLinks(SECRET, "https://example.jp")
    expires = NOW + timedelta(hours=24)
    payload = f"{KEY}|{int(expires.timestamp())}".encode()
    made_by_hand = f"{_b64(payload)}.{_b64(hmac.new(SECRET, payload, hashlib.sha256).digest())}"
    assert links.token(KEY, expires) == made_by_hand
    assert links.verify(made_by_hand, NOW) == KEY
    assert links.verify(made_by_hand, expires) is None  # expired
    other = MediaLinks(b"another secret of 16+ bytes", "https://example.jp")
    assert other.verify(made_by_hand, NOW) is None


def test_a_malformed_key_is_refused_before_signing(tmp_path: Path) -> None:
    store = LocalMediaStore(tmp_path, MediaLinks(SECRET, "https://example.jp/"))
    url = store.public_url(KEY, NOW)
    assert url.startswith("https://example.jp/media/")
    for bad in ("../etc/passwd", KEY.upper(), "ab" * 32 + "/x"):
        with pytest.raises(InvalidInput):
            store.public_url(bad, NOW)
