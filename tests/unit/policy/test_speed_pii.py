"""PII helpers made faster must give what the plain scans gave."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chatbot.policy.detectors import names
from chatbot.policy.detectors.hits import Hit
from chatbot.policy.detectors.lexicon import scan
from chatbot.policy.detectors.links import _SCHEME_URL_RE, _SCHEME_URL_STARTS, host_matches
from chatbot.policy.detectors.pii import (
    _ADDRESS_RE,
    _AT_HINT_RE,
    _AT_WORD_RE,
    _BIRTH_RE,
    _BIRTH_STARTS,
    _MESSENGER_RE,
    _MESSENGER_STARTS,
    _POSTAL_BARE_RE,
    _POSTAL_BARE_STARTS,
    _address_matches,
    _business,
    _is_phone,
    _mobile_shaped,
    is_japanese_phone,
    is_placeholder_number,
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
    "一" * 19,
    "町" * 12,
]


@settings(max_examples=1500, deadline=None)
@example("一" * 60)
@example("町" * 25 + "一" * 30 + "番" + "一" * 5 + "号")
@example("一" * 40 + "-1")
@example("熊本市" + "一" * 22 + "-1 " + "中央区" * 12 + "手取本町1-1")
@example(("本町" + "一" * 24 + "-") * 4)
@given(st.lists(st.sampled_from(_ADDRESS_ALPHABET), max_size=30).map("".join))
def test_address_candidates_find_what_a_scan_of_every_position_finds(text: str) -> None:
    expected = [m.span() for m in _ADDRESS_RE.finditer(text)]
    assert [m.span() for m in _address_matches(text)] == expected


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789+-()（）8")), max_size=16))
def test_phone_filter_is_the_plain_test(raw: str) -> None:
    digits = phone_digits(raw)
    plain = _mobile_shaped(raw) or (is_japanese_phone(digits) and not _business(raw, digits))
    # A placeholder (090-0000-0000) is no number at all (test_pii_context_v6).
    plain = plain and not is_placeholder_number(raw)
    assert _is_phone(raw) is plain


def _plain_host_matches(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    for domain in domains:
        domain = domain.lower().strip(".")
        if host == domain or host.endswith("." + domain):
            return True
    return False


_HOST_PIECES = st.sampled_from(["a", "B", "example", "com", "jp", ".", "..", "bit", "ly", ""])


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(_HOST_PIECES, max_size=6).map("".join),
    st.lists(st.lists(_HOST_PIECES, max_size=4).map("".join), max_size=4).map(tuple),
)
def test_host_matches_is_the_plain_suffix_test(host: str, domains: tuple[str, ...]) -> None:
    assert host_matches(host, domains) is _plain_host_matches(host, domains)


_PII_ALPHABET = [
    *"0123456789-/) 年月日生れま SHRshrſ令和平成昭元熊本市区町LINEIDlineidは:@._aAtT[]()\n",
    "生年月日",
    "誕生日",
    "1990年",
    "860-0001",
    "ライン",
    "アイディー",
    "アットマーク",
    "あっとまーく",
    " at ",
]


@settings(max_examples=2000, deadline=None)
@example("1990年1月2日生まれ", 0)
@example("〒860-8601 熊本市", 2)
@example("1860-8601 熊本市 860-8601熊本市", 2)
@example("LINE ID: taro_1 ライン ID は hanako", 1)
@given(st.lists(st.sampled_from(_PII_ALPHABET), max_size=20).map("".join), st.integers(0, 2))
def test_pii_scans_find_what_finditer_finds(text: str, which: int) -> None:
    regex, starts = [
        (_BIRTH_RE, _BIRTH_STARTS),
        (_MESSENGER_RE, _MESSENGER_STARTS),
        (_POSTAL_BARE_RE, _POSTAL_BARE_STARTS),
    ][which]
    expected = [m.span() for m in regex.finditer(text) if m.end() > m.start()]
    assert [m.span() for m in scan(regex, starts, text)] == expected
    # A text _AT_WORD_RE finds something in also has what the quick pre-check looks for.
    if _AT_WORD_RE.search(text):
        assert _AT_HINT_RE.search(text)


def test_the_quick_scans_are_in_use() -> None:
    assert _BIRTH_STARTS is not None and _MESSENGER_STARTS is not None


_URL_ALPHABET = [
    *"hHtTpPsSxfF:/[]a.1 あ",
    "http://",
    "HTTPS://",
    "hxxps[:]//",
    "ftp://",
    "xhttp://",
]


@settings(max_examples=1500, deadline=None)
@example("xhttp://a ahttps://b http://c")
@given(st.lists(st.sampled_from(_URL_ALPHABET), max_size=12).map("".join))
def test_scheme_url_scan_finds_what_finditer_finds(text: str) -> None:
    expected = [m.span() for m in _SCHEME_URL_RE.finditer(text)]
    assert [m.span() for m in scan(_SCHEME_URL_RE, _SCHEME_URL_STARTS, text)] == expected


_CHILD_ALPHABET = [
    *"たなかそうりこゆい石田相良 \u3000「」の、4年2組",
    "くん", "ちゃん", "さん", "小学校", "ひまわり組", "（5さい）",
]  # fmt: skip


def _plain_child_names(text: str) -> list[Hit]:
    """The three scans for children's names, run whatever the text holds."""
    hits = []
    for m in names._SPACED_KANA_NAME_RE.finditer(text):
        age = names._age_span(text, m.end(), m.end())
        if age is None and not names._is_surname(names._SPACES_RE.split(m.group(), 1)[0]):
            continue
        start, end = m.start(), m.end() - (1 if m.group()[-1] in " \u3000" else 0)
        hits.append(Hit("person_name", start, end, text[start:end], detail=text[start:end]))
        if age is not None:
            hits.append(Hit("age", age[0], age[1], text[age[0] : age[1]], detail=text[start:end]))
    for m in names._QUOTED_CHILD_RE.finditer(text):
        hits.append(Hit("person_name", *m.span(1), m.group(1), detail=m.group(1)))
    for m in names._CLASS_CHILD_RE.finditer(text):
        name = names._SPACES_RE.sub("", m.group(1))
        hits.append(Hit("person_name", *m.span(1), m.group(1), detail=name))
    return hits


@settings(max_examples=500, deadline=None)
@example("ひまわり組の石田りこさん")
@example("4年2組 たなか そうたくん")
@example("年中組の「ゆい」ちゃん")
@given(st.lists(st.sampled_from(_CHILD_ALPHABET), max_size=14).map("".join))
def test_child_names_skip_the_scans_only_where_no_honorific_is(text: str) -> None:
    assert names._written_child_names(text) == _plain_child_names(text)
