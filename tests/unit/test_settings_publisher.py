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


def test_instagram_publisher_is_a_start_up_error(tmp_path: Path) -> None:
    text = (
        '[publishing]\npublisher = "instagram"\n[server]\n'
        'public_base_url = "https://x.example"\n' + ACCOUNT
    )
    with pytest.raises(ConfigError) as raised:
        load_settings({"CITY_TOKEN": "secret-token-value"}, path=_file(tmp_path, text))
    message = str(raised.value)
    assert "publishing.publisher" in message and "outbox" in message
    assert "Instagram への公開機能がまだありません" in message
    assert "secret-token-value" not in message


def test_instagram_from_the_environment_is_refused_too(tmp_path: Path) -> None:
    text = '[server]\npublic_base_url = "https://x.example"\n' + ACCOUNT
    env = {"SHONIN_PUBLISHER": "instagram", "CITY_TOKEN": "t"}
    with pytest.raises(ConfigError) as raised:
        load_settings(env, path=_file(tmp_path, text))
    assert "SHONIN_PUBLISHER" in str(raised.value)


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
