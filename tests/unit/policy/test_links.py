"""URL extraction in Japanese text and the link rules."""

from __future__ import annotations

import socket

import pytest

from chatbot.policy.detectors.links import LinkConfig, detect_links, extract_urls, host_matches
from chatbot.policy.normalize import normalize

CITY = LinkConfig(allow_domains=("city.sendai.jp", "city.kumamoto.jp"))


def hits(text: str, cfg: LinkConfig = CITY) -> list[tuple[str, str, str]]:
    return [(h.kind, h.excerpt, h.detail) for h in detect_links(normalize(text), cfg)]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("bit.ly/xyzをご覧ください", "bit.ly/xyz"),
        ("https://example.jp/a?b=1。", "https://example.jp/a?b=1"),
        ("詳細はhttps://example.jp/a?b=1&c=2です", "https://example.jp/a?b=1&c=2"),
        ("(詳細: https://example.jp/a(b))", "https://example.jp/a(b)"),
        ("see https://example.jp/a.", "https://example.jp/a"),
        ("www.city.kumamoto.jp/kurashi をご覧", "www.city.kumamoto.jp/kurashi"),
        ("管理画面192.168.1.1/adminへ", "192.168.1.1/admin"),
    ],
)
def test_extract_urls_inside_japanese_text(text: str, url: str) -> None:
    found = extract_urls(text)
    assert [u for _, _, u in found] == [url]
    start, end, _ = found[0]
    assert text[start:end] == url


@pytest.mark.parametrize(
    "text",
    [
        "12/7(土)10:00～12:00 500円 先着30名 2026年 令和8年",
        "No.1 Ver.2.0 e.g. 3.14 1.2.3.4",
        "お問い合わせ：info@city.kumamoto.jp",
        "taro.yamada@gmail.com",
        "熊本市.jp",
    ],
)
def test_no_urls_in_ordinary_text_or_email(text: str) -> None:
    assert extract_urls(normalize(text).text) == []


def test_full_width_url_is_caught_with_original_offsets() -> None:
    text = "詳細はｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／ａをご覧"
    result = detect_links(normalize(text), CITY)
    assert [h.kind for h in result] == ["url_not_allowed"]
    assert result[0].excerpt == "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／ａ"
    assert text[result[0].start : result[0].end] == result[0].excerpt


def test_allowed_hosts_by_exact_or_suffix_never_substring() -> None:
    assert hits("https://www.city.sendai.jp/a/b.html") == []
    assert hits("https://city.kumamoto.jp/") == []
    assert host_matches("city.sendai.jp", ("city.sendai.jp",))
    assert not host_matches("city.sendai.jp.evil.co.jp", ("city.sendai.jp",))
    assert not host_matches("evilcity.sendai.jp", ("city.sendai.jp",))
    assert hits("https://city.sendai.jp.evil.co.jp/x")[0][0] == "url_not_allowed"


def test_no_allow_list_means_no_off_list_hits() -> None:
    assert hits("https://example.jp/", LinkConfig()) == []


def test_shorteners_are_flagged_even_without_an_allow_list() -> None:
    assert hits("t.co/abc と amzn.to/x", LinkConfig()) == [
        ("url_shortener", "t.co/abc", "t.co"),
        ("url_shortener", "amzn.to/x", "amzn.to"),
    ]


def test_shortener_on_the_allow_list_passes() -> None:
    assert hits("bit.ly/x", LinkConfig(allow_domains=("bit.ly",))) == []


def test_plain_http_is_flagged_unless_allowed() -> None:
    assert hits("http://www.city.kumamoto.jp/") == [
        ("url_http", "http://www.city.kumamoto.jp/", "www.city.kumamoto.jp")
    ]
    cfg = LinkConfig(allow_domains=("city.kumamoto.jp",), allow_http=True)
    assert hits("http://www.city.kumamoto.jp/", cfg) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://192.168.0.1/admin",
        "https://[::1]:8080/",
        "https://3232235777/",
        "https://0xC0A80001/",
        "https://0300.0250.0.1/",
    ],
)
def test_ip_hosts_including_obfuscated_ones(url: str) -> None:
    kinds = [k for k, _, _ in hits(url, LinkConfig())]
    assert kinds == ["url_ip_host"]


@pytest.mark.parametrize("url", ["https://аpple.com", "https://xn--80ak6aa92e.com/"])
def test_punycode_and_cyrillic_lookalike_hosts(url: str) -> None:
    assert [k for k, _, _ in hits(url, LinkConfig())] == ["url_punycode"]


def test_userinfo_trick_reports_the_real_host() -> None:
    result = hits("https://city.kumamoto.jp@evil.com/")
    assert ("url_userinfo", "https://city.kumamoto.jp@evil.com/", "evil.com") in result
    assert ("url_not_allowed", "https://city.kumamoto.jp@evil.com/", "evil.com") in result


def test_no_network_is_attempted(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from chatbot.policy.detectors import links

    links._extractor.cache_clear()
    assert hits("example.co.jp/a", LinkConfig(allow_domains=("co.jp",))) == []
    assert [u for _, _, u in extract_urls("foo.example.museum/x")] == ["foo.example.museum/x"]


def test_defanged_links_are_restored_and_located_as_written() -> None:
    text = "写真はこちら tinyurl[.]com/minami-photo と hxxps[:]//evil[.]example(dot)com/login"
    found = extract_urls(normalize(text).text)
    assert [u for _, _, u in found] == [
        "tinyurl.com/minami-photo",
        "https://evil.example.com/login",
    ]
    result = detect_links(normalize(text), CITY)
    assert [(h.kind, h.excerpt) for h in result] == [
        ("url_shortener", "tinyurl[.]com/minami-photo"),
        ("url_not_allowed", "hxxps[:]//evil[.]example(dot)com/login"),
    ]


def test_hosts_inside_an_email_address_are_not_links() -> None:
    assert extract_urls("ikeda.photo [at] example.com") == []
    assert extract_urls("ikeda.photo@example.com") == []


def test_look_alike_subdomain_of_the_city_is_off_the_list() -> None:
    result = hits("https://www.city.kumamoto.jp.ticket-check.net/login")
    assert [k for k, _, _ in result] == ["url_not_allowed"]
