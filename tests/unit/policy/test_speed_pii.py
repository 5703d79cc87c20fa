"""PII helpers made faster must give what the plain scans gave."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chatbot.policy.detectors.pii import (
    _ADDRESS_RE,
    _address_matches,
    _business,
    _is_phone,
    _mobile_shaped,
    is_japanese_phone,
    phone_digits,
)

_ADDRESS_ALPHABET = [
    *"熊本市中央区町村手取一二三五十〇0123-丁目番地号室内会ケヶ々ア。 \n",
    "1-1",
    "2丁目",
    "3番5号",
    "一一一一",
    "熊本市中央区",
    "手取本町",
]


@settings(max_examples=1500, deadline=None)
@example("一" * 60)
@example("町" * 25 + "一" * 30 + "番" + "一" * 5 + "号")
@given(st.lists(st.sampled_from(_ADDRESS_ALPHABET), max_size=30).map("".join))
def test_address_candidates_find_what_a_scan_of_every_position_finds(text: str) -> None:
    expected = [m.span() for m in _ADDRESS_RE.finditer(text)]
    assert [m.span() for m in _address_matches(text)] == expected


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789+-()（）8")), max_size=16))
def test_phone_filter_is_the_plain_test(raw: str) -> None:
    digits = phone_digits(raw)
    plain = _mobile_shaped(raw) or (is_japanese_phone(digits) and not _business(raw, digits))
    assert _is_phone(raw) is plain
