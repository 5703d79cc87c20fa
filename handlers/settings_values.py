"""Building blocks for the settings: Secret, ConfigError, the chat credential records and a
TOML table reader whose every error names its key and file. Reads no environment."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

LOCALES = ("ja", "en")
ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]{0,127}")  # upper case by convention; tokens are not
_SHOWN_MAX = 24  # longer values are never echoed: they may be pasted tokens
_SECRET_KEYS = (
    "bot_token",
    "signing_secret",
    "app_token",
    "app_password",
    "cert_password",
    "access_token",
    "token",
)


class Secret:
    """A secret string that shows as ``***`` in repr, str, logs and errors."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class ConfigError(Exception):
    """A bad setting, naming the key and its source (file and line, or the environment)."""

    def __init__(
        self, ja: str, en: str, *, key: str = "", file: Path | None = None, line: int | None = None
    ) -> None:
        self.key, self.file, self.line = key, file, line
        spot = f"{file}:{line}" if line is not None else str(file)
        where_ja, where_en = (spot, spot)
        if file is None:  # no file: an env var (named in upper case) or the built-in defaults
            env = key.isupper()
            where_ja, where_en = ("環境変数", "environment") if env else ("既定値", "defaults")
        self.message_ja = f"設定エラー（{where_ja}）{key}: {ja}"
        self.message_en = f"Configuration error ({where_en}) {key}: {en}"
        super().__init__(self.message_ja, self.message_en)

    def __str__(self) -> str:
        return f"{self.message_ja}\n{self.message_en}"

    def redact(self, secrets: Iterable[str]) -> ConfigError:
        """Mask each of ``secrets`` in the messages; returns this error for ``raise``."""
        for secret in secrets:
            self.message_ja = self.message_ja.replace(secret, "***")
            self.message_en = self.message_en.replace(secret, "***")
        self.args = (self.message_ja, self.message_en)
        return self


class UnknownAccountError(ConfigError, LookupError):
    """An account id that the settings do not list."""


@dataclass(frozen=True)
class SlackSettings:
    """Slack credentials, read from the environment (the file may rename the variables)."""

    bot_token: Secret | None = None
    signing_secret: Secret | None = None
    app_token: Secret | None = None
    # Base URL of Slack's Web API (env SLACK_API_URL): GovSlack and the tests point it elsewhere.
    api_url: str = "https://slack.com/api/"
    # The variables' names, so that a missing secret can be named in one clear line.
    bot_token_env: str = "SLACK_BOT_TOKEN"
    signing_secret_env: str = "SLACK_SIGNING_SECRET"
    app_token_env: str = "SLACK_APP_TOKEN"


@dataclass(frozen=True)
class TeamsSettings:
    """Microsoft Teams bot identity; the password only ever comes from the environment."""

    app_id: str = ""
    app_password: Secret | None = None
    tenant_id: str = ""
    # The Bot Connector to post to before the bot has heard from a channel (its service URL).
    service_url: str = ""
    dev_no_auth: bool = False  # SHONIN_TEAMS_DEV_NO_AUTH=1: no JWT validation (development only)
    # How the bot proves who it is to Entra: one of TEAMS_AUTH_TYPES (the SDK's MSAL auth types).
    auth_type: str = "client_secret"
    cert_pfx_file: str = ""  # certificate: the PFX (PKCS#12) file with key and certificate
    cert_password: Secret | None = None  # its password, if it has one (only from the env)
    send_x5c: bool = False  # certificate: send the public certificate (subject name + issuer)

    def missing(self) -> tuple[str, ...]:
        """The settings the chosen credential still needs (their env names); empty when complete."""
        need = [] if self.app_id else ["CLIENTID (MICROSOFT_APP_ID)"]
        if self.auth_type == "client_secret" and not self.app_password:
            need.append("CLIENTSECRET (MICROSOFT_APP_PASSWORD)")
        if self.auth_type == "certificate" and not self.cert_pfx_file:
            need.append("CERTPFXFILE")
        return tuple(need)

    @property
    def has_credentials(self) -> bool:
        return not self.missing()


# [teams] auth_type / ...SETTINGS__AUTHTYPE: our names and the SDK's AuthTypes values.
TEAMS_AUTH_TYPES = {
    "client_secret": "client_secret",
    "clientsecret": "client_secret",
    "certificate": "certificate",
    "user_managed_identity": "user_managed_identity",
    "usermanagedidentity": "user_managed_identity",
    "system_managed_identity": "system_managed_identity",
    "systemmanagedidentity": "system_managed_identity",
}


def show(value: object) -> str:
    """The repr of a bad value for an error message, unless long enough to be a pasted token."""
    text = repr(value)
    return text if len(text) <= _SHOWN_MAX else "(…)"


@dataclass(frozen=True)
class Table:
    """One TOML table with its dotted key path, so every error can name key and file."""

    data: Mapping[str, object]
    prefix: str
    file: Path | None

    def fail(self, name: str, ja: str, en: str) -> ConfigError:
        return ConfigError(ja, en, key=f"{self.prefix}{name}", file=self.file)

    def only(self, allowed: Iterable[str]) -> None:
        for name in self.data:
            if name in _SECRET_KEYS:
                raise self.fail(
                    name,
                    f"秘密情報はファイルに書けません。{name}_env に環境変数名を書いてください",
                    f"secrets may not be written in the file; name an env var in {name}_env",
                )
            if name not in allowed:
                raise self.fail(
                    name,
                    f"不明なキーです（使えるキー: {', '.join(allowed)}）",
                    f"unknown key (known keys: {', '.join(allowed)})",
                )

    def sub(self, name: str) -> Table:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise self.fail(name, "テーブルを指定してください", "must be a table")
        return Table(cast(dict[str, object], value), f"{self.prefix}{name}.", self.file)

    def text(self, name: str, default: str) -> str:
        value = self.data.get(name, default)
        if not isinstance(value, str):
            raise self.fail(name, "文字列を指定してください", "must be a string")
        return value

    def flag(self, name: str, default: bool) -> bool:
        value = self.data.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(name, "true か false を指定してください", "must be true or false")
        return value

    def items(self, name: str) -> list[object]:
        value = self.data.get(name, [])
        if not isinstance(value, list):
            raise self.fail(name, "配列を指定してください", "must be an array")
        return cast(list[object], value)

    def texts(self, name: str) -> tuple[str, ...]:
        values = self.items(name)
        if not all(isinstance(v, str) for v in values):
            raise self.fail(name, "文字列の配列を指定してください", "must be an array of strings")
        return tuple(cast(list[str], values))

    def path(self, name: str, default: str) -> Path:
        return self.path_of(self.text(name, default)) if name in self.data else Path(default)

    def path_of(self, text: str) -> Path:
        found = Path(text)
        if self.file is None or found.is_absolute():
            return found
        return self.file.parent / found


Fail = Callable[[str, str], ConfigError]


def choice(found: tuple[str, Fail], choices: tuple[str, ...]) -> str:
    """The found value if it is one of ``choices``; otherwise its source is blamed."""
    value, fail = found
    if value not in choices:
        listed = " / ".join(choices)
        raise fail(
            f"{show(value)} は使えません（{listed}）", f"{show(value)} is not one of {listed}"
        )
    return value


def blame(table: Table, key: str) -> Fail:
    """An error maker that names ``key`` in ``table``."""
    return lambda ja, en: table.fail(key, ja, en)


def read_toml(path: Path) -> dict[str, object]:
    """The parsed file; a ConfigError says why it could not be read and, for TOML, on which line."""
    try:
        with path.open("rb") as stream:
            data: dict[str, object] = tomllib.load(stream)
            return data
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found[1]) if found else None
        raise ConfigError(
            f"TOML の書き方が誤っています（{exc}）", f"invalid TOML ({exc})", file=path, line=line
        ) from None
    except UnicodeDecodeError:
        raise ConfigError("UTF-8 で保存してください", "must be saved as UTF-8", file=path) from None
    except OSError as exc:
        ja, en = f"読み込めません（{exc.strerror}）", f"cannot be read ({exc.strerror})"
        raise ConfigError(ja, en, file=path) from None
