"""Settings from the environment and shonin.toml: the only module that reads either.

Precedence: environment > file > built-in defaults. Secrets come only from the environment
(the file names the variables), are wrapped in :class:`Secret`, and are redacted from errors.
Relative paths in the file are resolved against the file's folder.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast

from chatbot.domain.roles import Account, Roles
from chatbot.scheduling.reminders import ReminderPolicy
from handlers.settings_accounts import (
    CALENDAR_KINDS,
    demo_accounts,
    parse_accounts,
    parse_user_locales,
)
from handlers.settings_publisher import check_publishing
from handlers.settings_reminders import parse_reminders
from handlers.settings_values import (
    ENV_NAME,
    LOCALES,
    TEAMS_AUTH_TYPES,
    ConfigError,
    Fail,
    Secret,
    SlackSettings,
    Table,
    TeamsSettings,
    UnknownAccountError,
    choice,
    read_toml,
)

__all__ = [
    "CALENDAR_KINDS",
    "DEFAULT_DATABASE_URL",
    "DEFAULT_GRAPH_API_BASE",
    "LOCALES",
    "LOG_LEVELS",
    "PUBLISHERS",
    "ConfigError",
    "Fail",
    "Secret",
    "Settings",
    "SlackSettings",
    "TeamsSettings",
    "UnknownAccountError",
    "access_token",
    "demo_accounts",
    "load_settings",
]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./shonin.db"
DEFAULT_GRAPH_API_BASE = "https://graph.facebook.com/v23.0"
PUBLISHERS = ("outbox", "instagram")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# The event loop of `shonin serve` / `shonin worker`: uvloop where it is installed (auto).
EVENT_LOOPS = ("auto", "uvloop", "asyncio")
_DATABASE_SCHEMES = re.compile(
    r"sqlite(\+aiosqlite)?://|postgresql(\+(asyncpg|psycopg2?))?://|postgres://"
)
_SECRET_ENV = re.compile(r"TOKEN|SECRET|PASSWORD|KEY|DATABASE_URL", re.IGNORECASE)

_SECTIONS: dict[str, tuple[str, ...]] = {
    "database": ("url",),
    "server": ("host", "port", "public_base_url", "event_loop"),
    "publishing": (
        "publisher",
        "outbox_dir",
        "lease_seconds",
        "leader_lease_seconds",
        "concurrency",
        "claim_batch",
    ),
    "storage": ("media_dir",),
    "instagram": ("graph_api_base",),
    "ui": ("locale",),
    "logging": ("level",),
    "policy": ("pack_dirs",),
    "slack": ("bot_token_env", "signing_secret_env", "app_token_env"),
    "teams": (
        "app_id",
        "tenant_id",
        "app_password_env",
        "service_url",
        "auth_type",
        "cert_pfx_file",
        "cert_password_env",
        "send_x5c",
    ),
}
_TOP_KEYS = (*_SECTIONS, "users", "accounts", "reminders")
# The Agents SDK's own names for the bot's MSAL connection (they win over MICROSOFT_APP_*).
_SDK_CONNECTION = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"


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
    no_color: bool = False  # https://no-color.org: any non-empty NO_COLOR turns colour off
    # Publishing (issue 11): the accounts' Instagram tokens (from the env vars they name), the
    # media URL signing secret (SHONIN_MEDIA_SECRET) and the scheduler's lease.
    instagram_tokens: Mapping[str, Secret] = field(default_factory=dict)  # Secret shows ***
    media_secret: Secret | None = None
    publish_lease_seconds: float = 120.0
    # The `scheduler` lease: the passes over every account move to another replica this long
    # after their holder died (SHONIN_LEADER_LEASE_SECONDS, [publishing] leader_lease_seconds).
    leader_lease_seconds: float = 60.0
    # Posts one process publishes at once (SHONIN_PUBLISH_CONCURRENCY, [publishing] concurrency;
    # also its connections to the Graph API), and posts it claims per scheduler pass
    # (SHONIN_PUBLISH_CLAIM_BATCH, [publishing] claim_batch).
    publish_concurrency: int = 1000
    publish_claim_batch: int = 128
    # `shonin serve` / `shonin worker`: "auto" (uvloop where installed), "uvloop" or "asyncio".
    event_loop: str = "auto"
    # Reminders and escalation: [reminders], overridden per account by [accounts.reminders].
    default_reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    reminders: Mapping[str, ReminderPolicy] = field(default_factory=dict)

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


def _pick(
    env: Mapping[str, str], names: Iterable[str], table: Table, key: str, default: str
) -> tuple[str, Fail]:
    """The first non-empty env var of ``names``, else the file's ``key``, with who to blame."""
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value, lambda ja, en, n=name: ConfigError(ja, en, key=n)
    return table.text(key, default), lambda ja, en: table.fail(key, ja, en)


def _port(env: Mapping[str, str], server: Table) -> int:
    if any(env.get(name, "").strip() for name in ("SHONIN_PORT", "PORT")):
        text, fail = _pick(env, ("SHONIN_PORT", "PORT"), server, "port", "")
        value: object = int(text) if text.isdigit() else None
    else:
        value = server.data.get("port", 3000)
        fail = lambda ja, en: server.fail("port", ja, en)  # noqa: E731
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise fail("1〜65535 の整数を指定してください", "must be an integer from 1 to 65535")
    return value


def _secret(env: Mapping[str, str], table: Table, key: str, default_env: str) -> Secret | None:
    name = table.text(key, default_env)
    if not ENV_NAME.fullmatch(name):
        raise table.fail(key, "環境変数の名前を書いてください", "must name an env var")
    value = env.get(name, "")
    return Secret(value) if value else None


def _chat(env: Mapping[str, str], root: Table) -> tuple[SlackSettings, TeamsSettings]:
    slack, teams = root.sub("slack"), root.sub("teams")
    slack_settings = SlackSettings(
        _secret(env, slack, "bot_token_env", "SLACK_BOT_TOKEN"),
        _secret(env, slack, "signing_secret_env", "SLACK_SIGNING_SECRET"),
        _secret(env, slack, "app_token_env", "SLACK_APP_TOKEN"),
        _slack_api_url(env),
        slack.text("bot_token_env", "SLACK_BOT_TOKEN"),
        slack.text("signing_secret_env", "SLACK_SIGNING_SECRET"),
        slack.text("app_token_env", "SLACK_APP_TOKEN"),
    )
    sdk_secret = env.get(f"{_SDK_CONNECTION}CLIENTSECRET", "")
    service_url = teams.text("service_url", "").rstrip("/")
    if service_url and not re.match(r"https?://[^/\s]+", service_url):
        raise teams.fail(
            "service_url", "http(s):// で始まる URL を指定してください", "must be an http(s):// URL"
        )
    teams_settings = TeamsSettings(
        _pick(env, (f"{_SDK_CONNECTION}CLIENTID", "MICROSOFT_APP_ID"), teams, "app_id", "")[0],
        Secret(sdk_secret)
        if sdk_secret
        else _secret(env, teams, "app_password_env", "MICROSOFT_APP_PASSWORD"),
        _pick(
            env, (f"{_SDK_CONNECTION}TENANTID", "MICROSOFT_APP_TENANTID"), teams, "tenant_id", ""
        )[0],
        service_url=service_url,
        dev_no_auth=env.get("SHONIN_TEAMS_DEV_NO_AUTH", "").strip().lower() in ("1", "true", "yes"),
        **_teams_credential(env, teams),
    )
    return slack_settings, teams_settings


def _teams_credential(env: Mapping[str, str], teams: Table) -> dict[str, Any]:
    """Certificate and managed identity besides the client secret (the SDK's MSAL auth types)."""
    kind, fail = _pick(env, (f"{_SDK_CONNECTION}AUTHTYPE",), teams, "auth_type", "client_secret")
    auth_type = TEAMS_AUTH_TYPES.get(kind.strip().lower().replace("-", "_"))
    if auth_type is None:
        known = ", ".join(sorted(set(TEAMS_AUTH_TYPES.values())))
        raise fail(f"{known} のどれかを指定してください", f"must be one of {known}")
    pfx = _pick(env, (f"{_SDK_CONNECTION}CERTPFXFILE",), teams, "cert_pfx_file", "")[0]
    x5c = env.get(f"{_SDK_CONNECTION}SENDX5C", "").strip().lower()
    return {
        "auth_type": auth_type,
        "cert_pfx_file": pfx,
        "cert_password": _secret(env, teams, "cert_password_env", "SHONIN_TEAMS_CERT_PASSWORD"),
        "send_x5c": x5c in ("1", "true", "yes") if x5c else teams.flag("send_x5c", False),
    }


def _slack_api_url(env: Mapping[str, str]) -> str:
    """SLACK_API_URL (GovSlack, tests), always ending in a slash as slack_sdk expects."""
    url = env.get("SLACK_API_URL", "").strip() or "https://slack.com/api/"
    if not re.match(r"https?://[^/\s]+", url):
        ja, en = "http(s):// で始まる URL を指定してください", "must be an http(s):// URL"
        raise ConfigError(ja, en, key="SLACK_API_URL")
    return url.rstrip("/") + "/"


def _server(env: Mapping[str, str], server: Table, publisher: str) -> tuple[str, int, str]:
    host, blame = _pick(env, ("SHONIN_HOST",), server, "host", "127.0.0.1")
    if not host or any(c.isspace() for c in host):
        raise blame("ホスト名を指定してください", "must be a host name or address")
    public = server.text("public_base_url", "").rstrip("/")
    if public and not re.match(r"https?://[^/\s]+", public):
        ja, en = "http(s):// で始まる URL を指定してください", "must be an http(s):// URL"
        raise server.fail("public_base_url", ja, en)
    loopback = re.match(r"http://(127\.0\.0\.1|localhost)(:\d+)?(/|$)", public)
    if publisher == "instagram" and not public.startswith("https://") and not loopback:
        ja = "publisher が instagram のときは Instagram が取得できる https:// の URL が必要です"
        en = (
            "an https:// URL Instagram can fetch media from is required when publisher is instagram"
        )
        raise server.fail("public_base_url", ja, en)
    return host, _port(env, server), public


def _dir(env: Mapping[str, str], env_name: str, table: Table, key: str, default: str) -> Path:
    value = env.get(env_name, "").strip()
    return Path(value) if value else table.path(key, default)


def _urls(env: Mapping[str, str], sections: Mapping[str, Table]) -> tuple[str, str]:
    """The database URL (never echoed: it may hold a password) and the Graph API base."""
    database, blame = _pick(
        env, ("DATABASE_URL",), sections["database"], "url", DEFAULT_DATABASE_URL
    )
    if not re.match(r"[a-z][a-z0-9+]*://", database):
        ja = "sqlite+aiosqlite:///… か postgresql+asyncpg://… の形の URL を指定してください"
        raise blame(ja, "must be a URL like sqlite+aiosqlite:///… or postgresql+asyncpg://…")
    if not _DATABASE_SCHEMES.match(database):  # never echoed: the URL may hold a password
        ja = "対応していないデータベースです（sqlite+aiosqlite:///… か postgresql+asyncpg://…）"
        en = "unsupported database; use sqlite+aiosqlite:///… or postgresql+asyncpg://…"
        raise blame(ja, en)
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


def _tokens(env: Mapping[str, str], accounts: Iterable[Account]) -> dict[str, Secret]:
    return {
        a.id: Secret(env[a.token_env].strip())
        for a in accounts
        if a.token_env and env.get(a.token_env, "").strip()
    }


def _env_or_file(
    env: Mapping[str, str], publishing: Table, name: str, key: str, default: object
) -> tuple[object, Fail]:
    """The raw value (the environment variable over the file's key) and how to refuse it, naming
    where it came from."""
    raw: object = env.get(name, "").strip()
    if raw:
        return raw, lambda ja, en: ConfigError(ja, en, key=name)
    return publishing.data.get(key, default), lambda ja, en: publishing.fail(key, ja, en)


def _lease(
    env: Mapping[str, str],
    publishing: Table,
    name: str = "SHONIN_PUBLISH_LEASE_SECONDS",
    key: str = "lease_seconds",
    default: float = 120,
    least: float = 1,
) -> float:
    raw, fail = _env_or_file(env, publishing, name, key, default)
    try:
        value = -1.0 if isinstance(raw, bool) else float(str(raw))
    except ValueError:
        value = -1.0
    if not least <= value <= 3600:  # also refuses nan
        raise fail(
            f"{least:g}〜3600 の秒数を指定してください",
            f"must be a number of seconds from {least:g} to 3600",
        )
    return value


def _count(
    env: Mapping[str, str], publishing: Table, name: str, key: str, default: int, most: int
) -> int:
    """A whole number from 1 to ``most`` (env over file)."""
    raw, fail = _env_or_file(env, publishing, name, key, default)
    value = 0
    if not isinstance(raw, bool | float):
        with contextlib.suppress(ValueError):
            value = int(str(raw))
    if not 1 <= value <= most:
        raise fail(
            f"1〜{most} の整数を指定してください", f"must be a whole number from 1 to {most}"
        )
    return value


def _event_loop(env: Mapping[str, str], server: Table) -> str:
    found = _pick(env, ("SHONIN_EVENT_LOOP",), server, "event_loop", "auto")
    loop = choice((found[0].lower(), found[1]), EVENT_LOOPS)
    if loop == "uvloop" and importlib.util.find_spec("uvloop") is None:
        raise found[1](
            "uvloop が入っていません（auto か asyncio を指定してください）",
            "uvloop is not installed (use auto or asyncio)",
        )
    return loop


def _publisher(env: Mapping[str, str], root: Table, publishing: Table) -> str:
    found = _pick(env, ("SHONIN_PUBLISHER",), publishing, "publisher", "outbox")
    publisher = choice(found, PUBLISHERS)
    if "accounts" not in root.data and publisher == "instagram":
        ja = "instagram で公開するには shonin.toml にアカウントを設定してください"
        en = "publishing to instagram needs accounts in shonin.toml"
        raise ConfigError(ja, en, key="SHONIN_PUBLISHER")
    return publisher


def _build(env: Mapping[str, str], root: Table) -> Settings:
    root.only(_TOP_KEYS)
    sections = {name: root.sub(name) for name in _SECTIONS}
    for name, table in sections.items():
        table.only(_SECTIONS[name])
    publishing, policy = sections["publishing"], sections["policy"]
    publisher = _publisher(env, root, publishing)
    pack_dirs = tuple(policy.path_of(item) for item in policy.texts("pack_dirs"))
    # A file without [[accounts]] (only [ui], say) keeps the built-in demo accounts.
    accounts, roles = (
        parse_accounts(root, publisher, pack_dirs) if "accounts" in root.data else demo_accounts()
    )
    check_publishing(env, publisher, accounts, root.file)
    level, blame = _pick(env, ("SHONIN_LOG_LEVEL",), sections["logging"], "level", "INFO")
    host, port, public = _server(env, sections["server"], publisher)
    database_url, graph_api_base = _urls(env, sections)
    slack, teams = _chat(env, root)
    default_reminders, reminders = parse_reminders(root)
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
        locale=choice(_pick(env, ("SHONIN_LOCALE",), sections["ui"], "locale", "ja"), LOCALES),
        user_locales=MappingProxyType(parse_user_locales(root)),
        policy_pack_dirs=pack_dirs,
        accounts=accounts,
        roles=MappingProxyType(roles),
        slack=slack,
        teams=teams,
        log_level=choice((level.upper(), blame), LOG_LEVELS),
        instagram_tokens=MappingProxyType(_tokens(env, accounts)),
        media_secret=Secret(env["SHONIN_MEDIA_SECRET"]) if env.get("SHONIN_MEDIA_SECRET") else None,
        publish_lease_seconds=_lease(env, publishing),
        leader_lease_seconds=_lease(
            env, publishing, "SHONIN_LEADER_LEASE_SECONDS", "leader_lease_seconds", 60, 3
        ),
        publish_concurrency=_count(
            env, publishing, "SHONIN_PUBLISH_CONCURRENCY", "concurrency", 1000, 10_000
        ),
        publish_claim_batch=_count(
            env, publishing, "SHONIN_PUBLISH_CLAIM_BATCH", "claim_batch", 128, 1000
        ),
        event_loop=_event_loop(env, sections["server"]),
        no_color=bool(env.get("NO_COLOR")),
        default_reminders=default_reminders,
        reminders=MappingProxyType(reminders),
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
        if found.is_dir():
            raise _folder_error(found.resolve(), "path")
        return found.resolve() if found.is_file() else None
    if named.is_dir():
        raise _folder_error(named, "SHONIN_CONFIG" if path is None else "path")
    if not named.is_file():
        key = "SHONIN_CONFIG" if path is None else "path"
        raise ConfigError(
            "設定ファイルが見つかりません", "configuration file not found", key=key, file=named
        )
    return named.resolve()


def _folder_error(folder: Path, key: str) -> ConfigError:
    ja = "設定ファイルの場所がフォルダーになっています。shonin.toml はファイルにしてください"
    en = "this is a folder, not a file: shonin.toml must be a file"
    return ConfigError(ja, en, key=key, file=folder)


def _secret_values(env: Mapping[str, str]) -> list[str]:
    return [value for name, value in env.items() if _SECRET_ENV.search(name) and len(value) >= 6]


def load_settings(environ: Mapping[str, str] | None = None, path: Path | None = None) -> Settings:
    """Read and check the settings; raises ConfigError naming the bad key and its file."""
    env = os.environ if environ is None else environ
    try:
        found = _locate(env, path)
        data = read_toml(found) if found is not None else {}
        return _build(env, Table(data, "", found))
    except ConfigError as exc:
        raise exc.redact(_secret_values(env)) from None


def access_token(account: Account, environ: Mapping[str, str]) -> Secret | None:
    """The account's Instagram access token from the env var its ``token_env`` names."""
    value = environ.get(account.token_env, "") if account.token_env else ""
    return Secret(value) if value else None


def process_environment() -> Mapping[str, str]:
    """The process environment, for the few start-up switches read outside :class:`Settings`."""
    return os.environ
