"""Settings from the environment and shonin.toml: the only module that reads either.

Precedence: environment > file > built-in defaults. Secrets come only from the environment
(the file names the variables), are wrapped in :class:`Secret`, and are redacted from errors.
Relative paths in the file are resolved against the file's folder.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from types import MappingProxyType
from typing import Literal, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chatbot.calendar import CalendarKind, CalendarSpec, ClosureRange, OperatingHours
from chatbot.domain.roles import PLATFORMS, Account, Roles, is_user_id
from chatbot.policy.packs import PackError, find_pack_file

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./shonin.db"
DEFAULT_GRAPH_API_BASE = "https://graph.facebook.com/v23.0"
LOCALES = ("ja", "en")
CALENDAR_KINDS = ("jp-government", "every-day")
PUBLISHERS = ("outbox", "instagram")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]{0,127}")  # upper case by convention; tokens are not
_ACCOUNT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_SECRET_ENV = re.compile(r"TOKEN|SECRET|PASSWORD|KEY|DATABASE_URL", re.IGNORECASE)
_SHOWN_MAX = 24  # longer values are never echoed: they may be pasted tokens

_SECTIONS: dict[str, tuple[str, ...]] = {
    "database": ("url",),
    "server": ("host", "port", "public_base_url"),
    "publishing": ("publisher", "outbox_dir"),
    "storage": ("media_dir",),
    "instagram": ("graph_api_base",),
    "ui": ("locale",),
    "logging": ("level",),
    "policy": ("pack_dirs",),
    "slack": ("bot_token_env", "signing_secret_env", "app_token_env"),
    "teams": ("app_id", "tenant_id", "app_password_env"),
}
_TOP_KEYS = (*_SECTIONS, "users", "accounts")
_ACCOUNT_KEYS = (
    "id", "display_name", "instagram_user_id", "token_env", "policy_pack", "timezone",
    "deputy_may_approve_when_officer_present", "hours", "calendar", "channels", "roles",
)  # fmt: skip
_CALENDAR_KEYS = ("kind", "national_holidays", "year_end_closure", "closed_dates", "open_dates")
_SECRET_KEYS = ("bot_token", "signing_secret", "app_token", "app_password", "access_token", "token")


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


@dataclass(frozen=True)
class TeamsSettings:
    """Microsoft Teams bot identity; the password only ever comes from the environment."""

    app_id: str = ""
    app_password: Secret | None = None
    tenant_id: str = ""


@dataclass(frozen=True)
class Settings:
    """Everything shonin is configured with; built once by :func:`load_settings`."""

    config_path: Path | None
    database_url: str = field(repr=False)  # may hold a password; see safe_database_url
    outbox_dir: Path
    media_dir: Path
    publisher: Literal["outbox", "instagram"]
    graph_api_base: str
    http_host: str
    http_port: int
    public_base_url: str
    locale: str
    user_locales: Mapping[str, str]
    policy_pack_dirs: tuple[Path, ...]
    accounts: tuple[Account, ...]
    roles: Mapping[str, Roles]
    slack: SlackSettings
    teams: TeamsSettings
    log_level: str

    @property
    def safe_database_url(self) -> str:
        """The database URL with any password masked, for logs."""
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", self.database_url)

    def account(self, account_id: str) -> Account:
        """The account with this id; raises UnknownAccountError (a LookupError) otherwise."""
        for account in self.accounts:
            if account.id == account_id:
                return account
        known = ", ".join(a.id for a in self.accounts)
        raise UnknownAccountError(
            f"アカウント「{account_id}」は設定にありません（設定済み: {known}）",
            f"no account {account_id!r} is configured (configured: {known})",
            key="accounts",
            file=self.config_path,
        )


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_MAX else "(…)"


@dataclass(frozen=True)
class _Table:
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

    def sub(self, name: str) -> _Table:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise self.fail(name, "テーブルを指定してください", "must be a table")
        return _Table(cast(dict[str, object], value), f"{self.prefix}{name}.", self.file)

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


def _pick(
    env: Mapping[str, str], names: Iterable[str], table: _Table, key: str, default: str
) -> tuple[str, Fail]:
    """The first non-empty env var of ``names``, else the file's ``key``, with who to blame."""
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value, lambda ja, en, n=name: ConfigError(ja, en, key=n)
    return table.text(key, default), lambda ja, en: table.fail(key, ja, en)


def _choice(found: tuple[str, Fail], choices: tuple[str, ...]) -> str:
    value, fail = found
    if value not in choices:
        listed = " / ".join(choices)
        raise fail(
            f"{_show(value)} は使えません（{listed}）", f"{_show(value)} is not one of {listed}"
        )
    return value


def _port(env: Mapping[str, str], server: _Table) -> int:
    if any(env.get(name, "").strip() for name in ("SHONIN_PORT", "PORT")):
        text, fail = _pick(env, ("SHONIN_PORT", "PORT"), server, "port", "")
        value: object = int(text) if text.isdigit() else None
    else:
        value = server.data.get("port", 3000)
        fail = lambda ja, en: server.fail("port", ja, en)  # noqa: E731
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise fail("1〜65535 の整数を指定してください", "must be an integer from 1 to 65535")
    return value


def _time(table: _Table, name: str, default: time) -> time:
    value = table.data.get(name, default)
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
        try:
            value = time(int(match[1]), int(match[2])) if match else None
        except ValueError:
            value = None
    if not isinstance(value, time) or value.tzinfo is not None:
        raise table.fail(name, '時刻は "08:30" の形で指定してください', 'use a time like "08:30"')
    return value


def _date(table: _Table, name: str, value: object) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    try:
        return date.fromisoformat(value if isinstance(value, str) else "")
    except ValueError:
        raise table.fail(
            name,
            f'日付 {_show(value)} は "2026-12-25" の形で指定してください',
            f'date {_show(value)} must look like "2026-12-25"',
        ) from None


def _closure(table: _Table) -> ClosureRange | None:
    value = table.data.get("year_end_closure", True)
    if value is False:
        return None
    if value is True:
        return CalendarSpec().year_end_closure
    try:
        if not (isinstance(value, list) and len(value) == 2):
            raise ValueError
        # 2000 is a leap year, so "02-29" is a valid month-day.
        first, last = (date.fromisoformat(f"2000-{end}") for end in cast(list[str], value))
    except (ValueError, TypeError):
        raise table.fail(
            "year_end_closure",
            '["12-29", "01-03"] のような範囲か false を指定してください',
            'use a range like ["12-29", "01-03"], or false',
        ) from None
    return (first.month, first.day), (last.month, last.day)


def _timezone(account: _Table) -> str:
    tz = account.text("timezone", "Asia/Tokyo")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        ja, en = f"不明なタイムゾーン {_show(tz)} です", f"unknown timezone {_show(tz)}"
        raise account.fail("timezone", ja, en) from None
    return tz


def _hours(account: _Table) -> OperatingHours:
    hours = account.sub("hours")
    hours.only(("opens", "closes"))
    opens, closes = _time(hours, "opens", time(8, 30)), _time(hours, "closes", time(17, 15))
    if opens >= closes:
        raise hours.fail("opens", "開始は終了より前にしてください", "opens must be before closes")
    return OperatingHours(opens, closes)


def _calendar(account: _Table) -> CalendarSpec:
    table = account.sub("calendar")
    table.only(_CALENDAR_KEYS)
    kind = _choice((table.text("kind", "jp-government"), _blame(table, "kind")), CALENDAR_KINDS)
    closed, opened = (
        frozenset(_date(table, key, v) for v in table.items(key))
        for key in ("closed_dates", "open_dates")
    )
    if closed & opened:
        listed = ", ".join(d.isoformat() for d in sorted(closed & opened))
        raise table.fail(
            "open_dates",
            f"閉庁日と開庁日の両方に入っています: {listed}",
            f"dates both in closed_dates and open_dates: {listed}",
        )
    return CalendarSpec(
        kind=cast(CalendarKind, kind),
        timezone=_timezone(account),
        hours=_hours(account),
        national_holidays=table.flag("national_holidays", True),
        year_end_closure=_closure(table),
        extra_closed=closed,
        extra_open=opened,
    )


def _user(table: _Table, name: str, value: object) -> str:
    if not isinstance(value, str) or not is_user_id(value):
        raise table.fail(
            name,
            f"{_show(value)} は利用者IDではありません（slack:… / teams:… / console:…）",
            f"{_show(value)} is not a user id (slack:… / teams:… / console:…)",
        )
    return value


def _roles(account: _Table) -> Roles:
    table = account.sub("roles")
    table.only(("officer", "deputy", "admins", "staff"))
    single = {k: _user(table, k, table.data[k]) for k in ("officer", "deputy") if k in table.data}
    admins, staff = (
        frozenset(_user(table, key, v) for v in table.items(key)) for key in ("admins", "staff")
    )
    return Roles(single.get("officer"), single.get("deputy"), admins, staff)


def _channels(account: _Table) -> dict[str, str]:
    table = account.sub("channels")
    table.only(PLATFORMS)
    return {platform: table.text(platform, "") for platform in PLATFORMS if platform in table.data}


def _identity(table: _Table, publisher: str) -> tuple[str, str, str]:
    """The account's id, Instagram user id and token env var name, checked."""
    account_id = table.text("id", "")
    if not _ACCOUNT_ID.fullmatch(account_id):
        ja = "英数字・._- で 64 文字以内の id が必要です"
        raise table.fail("id", ja, "needs an id of up to 64 letters, digits or ._-")
    ig_user, token_env = table.text("instagram_user_id", ""), table.text("token_env", "")
    if ig_user and not ig_user.isdigit():
        raise table.fail("instagram_user_id", "数字で指定してください", "must be digits")
    if token_env and not _ENV_NAME.fullmatch(token_env):
        # Never echo it: a token pasted here instead of the variable's name is the usual mistake.
        ja = "環境変数の名前（英大文字・数字・_）を書いてください（トークンは書かない）"
        raise table.fail(
            "token_env", ja, "must name an env var (A-Z, 0-9, _), never hold the token itself"
        )
    if publisher == "instagram" and not (ig_user and token_env):
        ja = "publisher が instagram のときは instagram_user_id と token_env が必要です"
        en = "instagram_user_id and token_env are required when publisher is instagram"
        raise table.fail("instagram_user_id", ja, en)
    return account_id, ig_user, token_env


def _pack(table: _Table, pack_dirs: tuple[Path, ...]) -> str:
    """A built-in or office pack name, or a pack file (relative to this file), that exists."""
    ref = table.text("policy_pack", "kumamoto-artistspot")
    if Path(ref).suffix in (".yml", ".yaml"):
        ref = str(table.path_of(ref))
    try:
        find_pack_file(ref, pack_dirs)
    except PackError:
        ja = f"ポリシーパック {_show(ref)} が見つかりません"
        raise table.fail("policy_pack", ja, f"policy pack {_show(ref)} not found") from None
    return ref


def _account(table: _Table, publisher: str, pack_dirs: tuple[Path, ...]) -> tuple[Account, Roles]:
    table.only(_ACCOUNT_KEYS)
    account_id, ig_user, token_env = _identity(table, publisher)
    account = Account(
        id=account_id,
        display_name=table.text("display_name", account_id),
        instagram_user_id=ig_user,
        token_env=token_env,
        policy_pack=_pack(table, pack_dirs),
        calendar=_calendar(table),
        channels=_channels(table),
        deputy_may_approve_when_officer_present=table.flag(
            "deputy_may_approve_when_officer_present", False
        ),
    )
    return account, _roles(table)


def _accounts(
    root: _Table, publisher: str, pack_dirs: tuple[Path, ...]
) -> tuple[tuple[Account, ...], dict[str, Roles]]:
    raw = root.data.get("accounts", [])
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise root.fail("accounts", "[[accounts]] で指定してください", "use [[accounts]] tables")
    if not raw:
        raise root.fail(
            "accounts", "アカウントを1つ以上指定してください", "list at least one account"
        )
    accounts: list[Account] = []
    roles: dict[str, Roles] = {}
    for index, item in enumerate(cast(list[dict[str, object]], raw)):
        account, seeded = _account(
            _Table(item, f"accounts[{index}].", root.file), publisher, pack_dirs
        )
        if account.id in roles:
            ja, en = f"id {account.id!r} が重複しています", f"duplicate id {account.id!r}"
            raise root.fail(f"accounts[{index}].id", ja, en)
        accounts.append(account)
        roles[account.id] = seeded
    return tuple(accounts), roles


def _user_locales(root: _Table) -> dict[str, str]:
    users = root.sub("users")
    found: dict[str, str] = {}
    for user in users.data:
        _user(users, user, user)
        table = users.sub(user)
        table.only(("locale",))
        found[user] = _choice((table.text("locale", "ja"), _blame(table, "locale")), LOCALES)
    return found


def _blame(table: _Table, key: str) -> Fail:
    return lambda ja, en: table.fail(key, ja, en)


def _secret(env: Mapping[str, str], table: _Table, key: str, default_env: str) -> Secret | None:
    name = table.text(key, default_env)
    if not _ENV_NAME.fullmatch(name):
        raise table.fail(key, "環境変数の名前を書いてください", "must name an env var")
    value = env.get(name, "")
    return Secret(value) if value else None


def _chat(env: Mapping[str, str], root: _Table) -> tuple[SlackSettings, TeamsSettings]:
    slack, teams = root.sub("slack"), root.sub("teams")
    slack_settings = SlackSettings(
        _secret(env, slack, "bot_token_env", "SLACK_BOT_TOKEN"),
        _secret(env, slack, "signing_secret_env", "SLACK_SIGNING_SECRET"),
        _secret(env, slack, "app_token_env", "SLACK_APP_TOKEN"),
    )
    teams_settings = TeamsSettings(
        _pick(env, ("MICROSOFT_APP_ID",), teams, "app_id", "")[0],
        _secret(env, teams, "app_password_env", "MICROSOFT_APP_PASSWORD"),
        _pick(env, ("MICROSOFT_APP_TENANTID",), teams, "tenant_id", "")[0],
    )
    return slack_settings, teams_settings


def _server(env: Mapping[str, str], server: _Table, publisher: str) -> tuple[str, int, str]:
    host, blame = _pick(env, ("SHONIN_HOST",), server, "host", "127.0.0.1")
    if not host or any(c.isspace() for c in host):
        raise blame("ホスト名を指定してください", "must be a host name or address")
    public = server.text("public_base_url", "").rstrip("/")
    if public and not re.match(r"https?://[^/\s]+", public):
        ja, en = "http(s):// で始まる URL を指定してください", "must be an http(s):// URL"
        raise server.fail("public_base_url", ja, en)
    if publisher == "instagram" and not public.startswith("https://"):
        ja = "publisher が instagram のときは Instagram が取得できる https:// の URL が必要です"
        en = (
            "an https:// URL Instagram can fetch media from is required when publisher is instagram"
        )
        raise server.fail("public_base_url", ja, en)
    return host, _port(env, server), public


def _dir(env: Mapping[str, str], env_name: str, table: _Table, key: str, default: str) -> Path:
    value = env.get(env_name, "").strip()
    return Path(value) if value else table.path(key, default)


def _urls(env: Mapping[str, str], sections: Mapping[str, _Table]) -> tuple[str, str]:
    """The database URL (never echoed: it may hold a password) and the Graph API base."""
    database, blame = _pick(
        env, ("DATABASE_URL",), sections["database"], "url", DEFAULT_DATABASE_URL
    )
    if not re.match(r"[a-z][a-z0-9+]*://", database):
        ja = "sqlite+aiosqlite:///… か postgresql+asyncpg://… の形の URL を指定してください"
        raise blame(ja, "must be a URL like sqlite+aiosqlite:///… or postgresql+asyncpg://…")
    graph, blame = _pick(
        env,
        ("SHONIN_GRAPH_API_BASE",),
        sections["instagram"],
        "graph_api_base",
        DEFAULT_GRAPH_API_BASE,
    )
    if not re.match(r"https?://[^/\s]+", graph):
        raise blame("http(s):// で始まる URL を指定してください", "must be an http(s):// URL")
    return database, graph.rstrip("/")


def _publisher(env: Mapping[str, str], root: _Table, publishing: _Table) -> str:
    found = _pick(env, ("SHONIN_PUBLISHER",), publishing, "publisher", "outbox")
    publisher = _choice(found, PUBLISHERS)
    if root.file is None and publisher == "instagram":
        ja = "instagram で公開するには shonin.toml にアカウントを設定してください"
        en = "publishing to instagram needs accounts in shonin.toml"
        raise ConfigError(ja, en, key="SHONIN_PUBLISHER")
    return publisher


def _build(env: Mapping[str, str], root: _Table) -> Settings:
    root.only(_TOP_KEYS)
    sections = {name: root.sub(name) for name in _SECTIONS}
    for name, table in sections.items():
        table.only(_SECTIONS[name])
    publishing, policy = sections["publishing"], sections["policy"]
    publisher = _publisher(env, root, publishing)
    pack_dirs = tuple(policy.path_of(item) for item in policy.texts("pack_dirs"))
    accounts, roles = (
        demo_accounts() if root.file is None else _accounts(root, publisher, pack_dirs)
    )
    level, blame = _pick(env, ("SHONIN_LOG_LEVEL",), sections["logging"], "level", "INFO")
    host, port, public = _server(env, sections["server"], publisher)
    database_url, graph_api_base = _urls(env, sections)
    slack, teams = _chat(env, root)
    return Settings(
        config_path=root.file,
        database_url=database_url,
        outbox_dir=_dir(env, "SHONIN_OUTBOX_DIR", publishing, "outbox_dir", "outbox"),
        media_dir=_dir(env, "SHONIN_MEDIA_DIR", sections["storage"], "media_dir", "media"),
        publisher=cast(Literal["outbox", "instagram"], publisher),
        graph_api_base=graph_api_base,
        http_host=host,
        http_port=port,
        public_base_url=public,
        locale=_choice(_pick(env, ("SHONIN_LOCALE",), sections["ui"], "locale", "ja"), LOCALES),
        user_locales=MappingProxyType(_user_locales(root)),
        policy_pack_dirs=pack_dirs,
        accounts=accounts,
        roles=MappingProxyType(roles),
        slack=slack,
        teams=teams,
        log_level=_choice((level.upper(), blame), LOG_LEVELS),
    )


def _locate(env: Mapping[str, str], path: Path | None) -> Path | None:
    """path > SHONIN_CONFIG > ./shonin.toml if present > None (built-in defaults)."""
    named = (
        path
        if path is not None
        else Path(env["SHONIN_CONFIG"])
        if env.get("SHONIN_CONFIG")
        else None
    )
    if named is None:
        found = Path("shonin.toml")
        return found.resolve() if found.is_file() else None
    if not named.is_file():
        key = "SHONIN_CONFIG" if path is None else "path"
        raise ConfigError(
            "設定ファイルが見つかりません", "configuration file not found", key=key, file=named
        )
    return named.resolve()


def _read(path: Path) -> dict[str, object]:
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


def _secret_values(env: Mapping[str, str]) -> list[str]:
    return [value for name, value in env.items() if _SECRET_ENV.search(name) and len(value) >= 6]


def load_settings(environ: Mapping[str, str] | None = None, path: Path | None = None) -> Settings:
    """Read and check the settings; raises ConfigError naming the bad key and its file."""
    env = os.environ if environ is None else environ
    try:
        found = _locate(env, path)
        data = _read(found) if found is not None else {}
        return _build(env, _Table(data, "", found))
    except ConfigError as exc:
        raise exc.redact(_secret_values(env)) from None


def demo_accounts() -> tuple[tuple[Account, ...], dict[str, Roles]]:
    """The two built-in accounts mirroring the seed guidelines, with console users in every role."""
    accounts = (
        Account(
            id="kumamoto-artistspot",
            display_name="【公式】アーティストスポット熊本",  # @artistspot_kumamoto
            token_env="SHONIN_IG_TOKEN_KUMAMOTO",
            policy_pack="kumamoto-artistspot",
            channels={"console": "drafts-kumamoto", "slack": "", "teams": ""},
        ),
        Account(
            id="kokuraminami",
            display_name="小倉南区役所",
            token_env="SHONIN_IG_TOKEN_KOKURAMINAMI",
            policy_pack="kokuraminami",
            channels={"console": "drafts-kokuraminami", "slack": "", "teams": ""},
        ),
    )
    roles = Roles(
        officer="console:officer",
        deputy="console:deputy",
        admins=frozenset({"console:admin"}),
        staff=frozenset({"console:staff"}),
    )
    return accounts, {account.id: roles for account in accounts}


def access_token(account: Account, environ: Mapping[str, str]) -> Secret | None:
    """The account's Instagram access token from the env var its ``token_env`` names."""
    value = environ.get(account.token_env, "") if account.token_env else ""
    return Secret(value) if value else None
