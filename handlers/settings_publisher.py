"""Start-up checks of the publishing settings: nothing may claim to publish what it cannot.

A publisher this build does not have is refused at start-up instead of silently writing to the
outbox and reporting 公開しました. A token env var
an account declares and the environment sets must hold a value: an empty one is a mistake to
report now, not at 10:00 on the day of the post. (A token that is not set at all, or a missing
media secret, is refused when the Graph publisher is built: see ``handlers.bootstrap``.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from chatbot.domain.roles import Account
from handlers.settings_values import ConfigError

# The publishers this build really has.
AVAILABLE_PUBLISHERS = frozenset({"outbox", "instagram"})


def check_publishing(
    env: Mapping[str, str],
    publisher: str,
    accounts: Sequence[Account],
    file: Path | None,
) -> None:
    """Raise ConfigError for an empty token env var or a publisher this build cannot run."""
    for index, account in enumerate(accounts):
        name = account.token_env
        if not name:
            continue
        value = env.get(name)
        if value is not None and not value.strip():
            raise ConfigError(
                f"環境変数 {name} が空です。アクセストークンを設定してください",
                f"the env var {name} is empty; set the access token in it",
                key=f"accounts[{index}].token_env",
                file=file,
            )
    if publisher not in AVAILABLE_PUBLISHERS:
        raise ConfigError(
            "このバージョンには Instagram への公開機能がまだありません。"
            'publisher = "outbox"（ローカルの送信フォルダ）を使ってください',
            "this version cannot publish to Instagram yet; "
            'use publisher = "outbox" (a local folder)',
            key="SHONIN_PUBLISHER" if env.get("SHONIN_PUBLISHER") else "publishing.publisher",
            file=None if env.get("SHONIN_PUBLISHER") else file,
        )
