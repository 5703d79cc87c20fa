"""Start-up refuses a publisher this build does not have, and an empty token env var."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.settings import ConfigError, load_settings

ACCOUNT = """
[[accounts]]
id = "city"
display_name = "市の公式"
instagram_user_id = "1784"
token_env = "CITY_TOKEN"
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "shonin.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_instagram_publisher_starts_with_its_token_and_secret(tmp_path: Path) -> None:
    text = (
        '[publishing]\npublisher = "instagram"\nlease_seconds = 45\n[server]\n'
        'public_base_url = "https://x.example"\n' + ACCOUNT
    )
    env = {"CITY_TOKEN": "secret-token-value", "SHONIN_MEDIA_SECRET": "s" * 32}
    settings = load_settings(env, path=_file(tmp_path, text))
    assert settings.publisher == "instagram"
    assert settings.instagram_tokens["city"].reveal() == "secret-token-value"
    assert settings.media_secret is not None and settings.publish_lease_seconds == 45
    assert "secret-token-value" not in repr(settings)
    assert "s" * 32 not in repr(settings)


def test_instagram_without_token_or_secret_is_refused_when_wired(tmp_path: Path) -> None:
    from chatbot.adapters.clock import SystemClock
    from handlers.bootstrap_publishing import build_media, build_publisher

    text = '[server]\npublic_base_url = "http://127.0.0.1:8080"\n' + ACCOUNT
    path = _file(tmp_path, text)
    no_secret = load_settings({"SHONIN_PUBLISHER": "instagram", "CITY_TOKEN": "t"}, path=path)
    with pytest.raises(ConfigError) as raised:
        build_publisher(no_secret, build_media(no_secret), SystemClock())
    assert "SHONIN_MEDIA_SECRET" in str(raised.value)
    env = {"SHONIN_PUBLISHER": "instagram", "SHONIN_MEDIA_SECRET": "x" * 20}
    no_token = load_settings(env, path=path)
    with pytest.raises(ConfigError) as raised:
        build_publisher(no_token, build_media(no_token), SystemClock())
    assert "CITY_TOKEN" in str(raised.value) and "accounts[0].token_env" in str(raised.value)
    with_token = load_settings({**env, "CITY_TOKEN": "graph-token-9f3k"}, path=path)
    publisher = build_publisher(with_token, build_media(with_token), SystemClock())
    assert type(publisher).__name__ == "GraphPublisher"
    assert "graph-token-9f3k" not in repr(vars(publisher))


@pytest.mark.parametrize("value", ["0", "abc", "99999"])
def test_a_bad_lease_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({"SHONIN_PUBLISH_LEASE_SECONDS": value}, path=_file(tmp_path, ACCOUNT))
    assert "SHONIN_PUBLISH_LEASE_SECONDS" in str(raised.value)


@pytest.mark.parametrize("value", ["", "   "])
def test_a_declared_token_env_var_that_is_empty_is_an_error(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({"CITY_TOKEN": value}, path=_file(tmp_path, ACCOUNT))
    assert "accounts[0].token_env" in str(raised.value) and "CITY_TOKEN" in str(raised.value)


def test_outbox_with_a_token_set_or_not_set_starts(tmp_path: Path) -> None:
    path = _file(tmp_path, ACCOUNT)
    assert load_settings({}, path=path).publisher == "outbox"
    assert load_settings({"CITY_TOKEN": "t"}, path=path).publisher == "outbox"


def test_cli_prints_one_clear_error_and_exits_78(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = _file(tmp_path, '[publishing]\npublisher = "instagram"\n' + ACCOUNT)
    result = subprocess.run(
        [sys.executable, "-m", "handlers.cli", "--config", str(path), "run-due"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "CITY_TOKEN": "t", "HOME": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 78, result.stderr
    assert "Traceback" not in result.stderr and "publisher" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-02-01", "2027-02-01T00:00:00+09:00"),  # a bare date: the start of that day, JST
        ("2027-02-01T09:30:00", "2027-02-01T09:30:00+09:00"),  # local: the account's zone
        ("2027-02-01T00:30:00Z", "2027-02-01T00:30:00+00:00"),
        ('"2027-02-01T09:30:00+09:00"', "2027-02-01T09:30:00+09:00"),  # a string works too
    ],
)
def test_token_expiry_from_the_config(tmp_path: Path, value: str, expected: str) -> None:
    """Where the host has no debug_token (Instagram Login) the 7-day warning reads this."""
    path = _file(tmp_path, ACCOUNT + f"token_expires_at = {value}\n")
    [account] = load_settings({"CITY_TOKEN": "t"}, path=path).accounts
    assert account.token_expires_at is not None
    assert account.token_expires_at.isoformat() == expected


@pytest.mark.parametrize("value", ['"next month"', "42", "09:30:00", '"2027-13-01"'])
def test_a_bad_token_expiry_is_refused(tmp_path: Path, value: str) -> None:
    path = _file(tmp_path, ACCOUNT + f"token_expires_at = {value}\n")
    with pytest.raises(ConfigError) as raised:
        load_settings({"CITY_TOKEN": "t"}, path=path)
    assert "token_expires_at" in str(raised.value)


def test_an_unknown_account_key_is_still_an_error(tmp_path: Path) -> None:
    path = _file(tmp_path, ACCOUNT + 'token_expiry = "2027-02-01"\n')
    with pytest.raises(ConfigError) as raised:
        load_settings({"CITY_TOKEN": "t"}, path=path)
    assert "token_expiry" in str(raised.value) and "token_expires_at" in str(raised.value)


def test_the_leader_lease_is_configurable_and_checked(tmp_path: Path) -> None:
    assert load_settings({}).leader_lease_seconds == 60
    path = _file(tmp_path, "[publishing]\nleader_lease_seconds = 10\n")
    assert load_settings({}, path=path).leader_lease_seconds == 10
    env = {"SHONIN_LEADER_LEASE_SECONDS": "4.5"}
    assert load_settings(env, path=path).leader_lease_seconds == 4.5  # env over file
    for bad in ("2", "0", "-5", "abc", "nan", "3601"):
        with pytest.raises(ConfigError) as raised:
            load_settings({"SHONIN_LEADER_LEASE_SECONDS": bad})
        assert "SHONIN_LEADER_LEASE_SECONDS" in str(raised.value), bad
        assert "3 to 3600" in str(raised.value)
    for text in ("leader_lease_seconds = true", 'leader_lease_seconds = "soon"'):
        with pytest.raises(ConfigError) as raised:
            load_settings({}, path=_file(tmp_path, f"[publishing]\n{text}\n"))
        assert "leader_lease_seconds" in str(raised.value)


def test_publishing_concurrency_and_claim_batch_are_configurable_and_checked(
    tmp_path: Path,
) -> None:
    defaults = load_settings({})
    assert (defaults.publish_concurrency, defaults.publish_claim_batch) == (1000, 128)
    path = _file(tmp_path, "[publishing]\nconcurrency = 300\nclaim_batch = 50\n")
    found = load_settings({}, path=path)
    assert (found.publish_concurrency, found.publish_claim_batch) == (300, 50)
    env = {"SHONIN_PUBLISH_CONCURRENCY": "40", "SHONIN_PUBLISH_CLAIM_BATCH": "8"}
    found = load_settings(env, path=path)  # env over file
    assert (found.publish_concurrency, found.publish_claim_batch) == (40, 8)
    for name, most in (("SHONIN_PUBLISH_CONCURRENCY", 10000), ("SHONIN_PUBLISH_CLAIM_BATCH", 1000)):
        for bad in ("0", "-3", "2.5", "many", str(most + 1)):
            with pytest.raises(ConfigError) as raised:
                load_settings({name: bad})
            text = str(raised.value)
            assert name in text and f"1 to {most}" in text and f"1〜{most}" in text, bad
    for text in (
        "concurrency = true",
        "concurrency = 12.0",
        'claim_batch = "lots"',
        "claim_batch = 0",
    ):
        with pytest.raises(ConfigError) as raised:
            load_settings({}, path=_file(tmp_path, f"[publishing]\n{text}\n"))
        assert text.split(" ")[0] in str(raised.value)
