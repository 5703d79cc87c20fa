from __future__ import annotations

from dataclasses import fields
from datetime import date, time
from pathlib import Path

import pytest

from chatbot.calendar import OfficeCalendar
from chatbot.domain.roles import Roles
from handlers.settings import (
    DEFAULT_DATABASE_URL,
    DEFAULT_GRAPH_API_BASE,
    ConfigError,
    Secret,
    Settings,
    access_token,
    demo_accounts,
    load_settings,
)

REPO = Path(__file__).resolve().parents[2]
ACCOUNT = '[[accounts]]\nid = "a"\n'

FULL = """
[database]
url = "postgresql+asyncpg://shonin@db.example/shonin"
[server]
host = "0.0.0.0"
port = 8080
public_base_url = "https://shonin.example.lg.jp/"
[publishing]
publisher = "instagram"
outbox_dir = "out"
[storage]
media_dir = "/srv/media"
[instagram]
graph_api_base = "http://127.0.0.1:9999/v1/"
[ui]
locale = "en"
[logging]
level = "debug"
[policy]
pack_dirs = ["packs", "/etc/shonin/packs"]
[slack]
bot_token_env = "MY_BOT"
[teams]
app_id = "file-app"
tenant_id = "file-tenant"
app_password_env = "MY_TEAMS_PW"
[users."slack:U9"]
locale = "en"
[users."teams:29:x"]
locale = "ja"

[[accounts]]
id = "city"
display_name = "市の公式"
instagram_user_id = "1784"
token_env = "CITY_TOKEN"
policy_pack = "kokuraminami"
timezone = "Asia/Seoul"
deputy_may_approve_when_officer_present = true
[accounts.hours]
opens = "9:00"
closes = "16:30"
[accounts.calendar]
kind = "every-day"
national_holidays = false
year_end_closure = ["12-28", "01-04"]
closed_dates = ["2026-12-25", 2026-12-24]
open_dates = ["2026-12-26"]
[accounts.channels]
slack = "C1"
teams = "19:t@thread.tacv2"
console = "drafts"
[accounts.roles]
officer = "slack:U01"
deputy = "teams:29:dep"
admins = ["slack:U03"]
staff = ["slack:U04", "console:staff"]

[[accounts]]
id = "town"
instagram_user_id = "1785"
token_env = "TOWN_TOKEN"
"""


@pytest.fixture(autouse=True)
def _instagram_publisher_available(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read every key of a full file, which names the Graph publisher; the start-up
    refusal while it is missing is tested in test_settings_publisher.py."""
    monkeypatch.setattr(
        "handlers.settings_publisher.AVAILABLE_PUBLISHERS", frozenset({"outbox", "instagram"})
    )


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ./shonin.toml is looked up in the working directory: keep the repository's out of reach.
    monkeypatch.chdir(tmp_path)


def write(tmp_path: Path, text: str, name: str = "shonin.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> Settings:
    return load_settings(env or {}, write(tmp_path, text))


def config_error(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, text, env)
    return caught.value


# --- defaults and where the file comes from ---


def test_defaults_without_a_file_are_the_two_demo_accounts() -> None:
    settings = load_settings({})
    assert settings.config_path is None
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite+aiosqlite:///./shonin.db"
    assert settings.outbox_dir == Path("outbox") and settings.media_dir == Path("media")
    assert settings.publisher == "outbox"
    assert settings.graph_api_base == DEFAULT_GRAPH_API_BASE
    assert (settings.http_host, settings.http_port) == ("127.0.0.1", 3000)
    assert settings.public_base_url == "" and settings.locale == "ja"
    assert dict(settings.user_locales) == {} and settings.policy_pack_dirs == ()
    assert settings.log_level == "INFO"
    assert [a.id for a in settings.accounts] == ["kumamoto-artistspot", "kokuraminami"]
    assert (settings.accounts, dict(settings.roles)) == demo_accounts()
    assert settings.slack.bot_token is None and settings.teams.app_password is None


def test_demo_accounts_mirror_the_seeds() -> None:
    accounts, roles = demo_accounts()
    kumamoto, kokura = accounts
    assert kumamoto.display_name == "【公式】アーティストスポット熊本"
    assert (kumamoto.policy_pack, kokura.policy_pack) == ("kumamoto-artistspot", "kokuraminami")
    assert kokura.display_name == "小倉南区役所"
    assert kumamoto.token_env == "SHONIN_IG_TOKEN_KUMAMOTO"
    assert kokura.token_env == "SHONIN_IG_TOKEN_KOKURAMINAMI"
    assert kumamoto.channels == {"console": "drafts-kumamoto", "slack": "", "teams": ""}
    assert kokura.channels["console"] == "drafts-kokuraminami"
    for account in accounts:
        assert account.calendar.kind == "jp-government"
        assert account.calendar.hours.opens == time(8, 30)
        assert account.calendar.hours.closes == time(17, 15)
        assert roles[account.id] == Roles(
            "console:officer",
            "console:deputy",
            frozenset({"console:admin"}),
            frozenset({"console:staff"}),
        )


def test_shonin_toml_in_the_working_directory_is_read(tmp_path: Path) -> None:
    write(tmp_path, ACCOUNT)
    settings = load_settings({})
    assert settings.config_path == (tmp_path / "shonin.toml").resolve()
    assert [a.id for a in settings.accounts] == ["a"]


def test_shonin_config_wins_over_the_working_directory(tmp_path: Path) -> None:
    write(tmp_path, ACCOUNT)
    other = write(tmp_path, '[[accounts]]\nid = "b"\n', "other.toml")
    assert [a.id for a in load_settings({"SHONIN_CONFIG": str(other)}).accounts] == ["b"]


def test_explicit_path_wins_over_shonin_config(tmp_path: Path) -> None:
    env = {"SHONIN_CONFIG": str(write(tmp_path, ACCOUNT, "env.toml"))}
    explicit = write(tmp_path, '[[accounts]]\nid = "c"\n', "explicit.toml")
    assert [a.id for a in load_settings(env, explicit).accounts] == ["c"]


@pytest.mark.parametrize(("use_env", "key"), [(True, "SHONIN_CONFIG"), (False, "path")])
def test_a_named_file_that_is_missing_is_an_error(tmp_path: Path, use_env: bool, key: str) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError) as caught:
        if use_env:
            load_settings({"SHONIN_CONFIG": str(missing)})
        else:
            load_settings({}, missing)
    assert caught.value.key == key and caught.value.file == missing
    assert str(missing) in caught.value.message_ja and str(missing) in caught.value.message_en
    assert "見つかりません" in str(caught.value) and "not found" in str(caught.value)


def test_os_environ_is_read_when_no_mapping_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHONIN_CONFIG", str(write(tmp_path, ACCOUNT, "x.toml")))
    monkeypatch.setenv("SHONIN_PORT", "4321")
    settings = load_settings()
    assert settings.http_port == 4321 and settings.accounts[0].id == "a"


def test_the_example_file_loads_cleanly() -> None:
    settings = load_settings({}, REPO / "shonin.example.toml")
    assert settings.config_path == REPO / "shonin.example.toml"
    assert [a.id for a in settings.accounts] == ["kumamoto-artistspot", "kokuraminami"]
    first = settings.accounts[0]
    assert first.token_env == "SHONIN_IG_TOKEN_KUMAMOTO" and first.instagram_user_id.isdigit()
    assert first.calendar.extra_closed == {date(2026, 12, 25)}
    assert settings.roles["kumamoto-artistspot"].officer == "slack:U01AAAAAA"
    assert settings.roles["kokuraminami"].officer == "teams:0f3c6a2e-5b1d-4c8e-9a7f-1d2e3f4a5b6c"
    assert settings.outbox_dir == REPO / "outbox" and settings.policy_pack_dirs == (REPO / "packs",)
    assert settings.user_locales == {"slack:U0123ABCD": "en"}


# --- every key ---


def test_every_key_of_the_file_is_read(tmp_path: Path) -> None:
    settings = load_text(tmp_path, FULL)
    assert settings.database_url == "postgresql+asyncpg://shonin@db.example/shonin"
    assert (settings.http_host, settings.http_port) == ("0.0.0.0", 8080)
    assert settings.public_base_url == "https://shonin.example.lg.jp"
    assert settings.publisher == "instagram"
    assert settings.outbox_dir == tmp_path / "out"
    assert settings.media_dir == Path("/srv/media")
    assert settings.graph_api_base == "http://127.0.0.1:9999/v1"
    assert settings.locale == "en" and settings.log_level == "DEBUG"
    assert settings.policy_pack_dirs == (tmp_path / "packs", Path("/etc/shonin/packs"))
    assert settings.user_locales == {"slack:U9": "en", "teams:29:x": "ja"}
    assert settings.teams.app_id == "file-app" and settings.teams.tenant_id == "file-tenant"
    assert [a.id for a in settings.accounts] == ["city", "town"]


def test_every_account_key_is_read(tmp_path: Path) -> None:
    settings = load_text(tmp_path, FULL)
    city = settings.account("city")
    assert city.display_name == "市の公式" and city.instagram_user_id == "1784"
    assert city.token_env == "CITY_TOKEN" and city.policy_pack == "kokuraminami"
    assert city.timezone == "Asia/Seoul" and city.deputy_may_approve_when_officer_present
    assert city.channels == {"slack": "C1", "teams": "19:t@thread.tacv2", "console": "drafts"}
    spec = city.calendar
    assert (spec.hours.opens, spec.hours.closes) == (time(9, 0), time(16, 30))
    assert spec.kind == "every-day" and not spec.national_holidays
    assert spec.year_end_closure == ((12, 28), (1, 4))
    assert spec.extra_closed == {date(2026, 12, 25), date(2026, 12, 24)}
    assert spec.extra_open == {date(2026, 12, 26)}
    assert settings.roles["city"] == Roles(
        "slack:U01",
        "teams:29:dep",
        frozenset({"slack:U03"}),
        frozenset({"slack:U04", "console:staff"}),
    )
    OfficeCalendar(spec)  # the domain accepts what settings produced


def test_account_defaults(tmp_path: Path) -> None:
    settings = load_text(tmp_path, ACCOUNT)
    account = settings.account("a")
    assert account.display_name == "a" and account.policy_pack == "kumamoto-artistspot"
    assert account.token_env == "" and account.channels == {}
    assert account.calendar.year_end_closure == ((12, 29), (1, 3))
    assert account.timezone == "Asia/Tokyo" and not account.deputy_may_approve_when_officer_present
    assert settings.roles["a"] == Roles()


def test_native_toml_times_and_no_year_end_closure(tmp_path: Path) -> None:
    text = ACCOUNT + "[accounts.hours]\nopens = 07:45:00\ncloses = 18:00:00\n"
    text += "[accounts.calendar]\nyear_end_closure = false\n"
    account = load_text(tmp_path, text).accounts[0]
    assert account.calendar.hours == type(account.calendar.hours)(time(7, 45), time(18, 0))
    assert account.calendar.year_end_closure is None


def test_a_policy_pack_file_is_found_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "office").mkdir()
    (tmp_path / "office" / "own.yml").write_text("id: own\n", encoding="utf-8")
    account = load_text(tmp_path, ACCOUNT + 'policy_pack = "office/own.yml"\n').accounts[0]
    assert account.policy_pack == str(tmp_path / "office" / "own.yml")


def test_a_pack_in_the_office_pack_dirs_is_accepted_by_name(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "town.yml").write_text("id: town\n", encoding="utf-8")
    text = '[policy]\npack_dirs = ["packs"]\n' + ACCOUNT + 'policy_pack = "town"\n'
    assert load_text(tmp_path, text).accounts[0].policy_pack == "town"


# --- environment overrides ---


@pytest.mark.parametrize(
    ("name", "value", "attribute", "expected"),
    [
        (
            "DATABASE_URL",
            "sqlite+aiosqlite:///:memory:",
            "database_url",
            "sqlite+aiosqlite:///:memory:",
        ),
        ("SHONIN_OUTBOX_DIR", "/tmp/ob", "outbox_dir", Path("/tmp/ob")),
        ("SHONIN_MEDIA_DIR", "rel/media", "media_dir", Path("rel/media")),
        ("SHONIN_PUBLISHER", "outbox", "publisher", "outbox"),
        (
            "SHONIN_GRAPH_API_BASE",
            "http://127.0.0.1:5555/",
            "graph_api_base",
            "http://127.0.0.1:5555",
        ),
        ("SHONIN_HOST", "::1", "http_host", "::1"),
        ("SHONIN_PORT", "9000", "http_port", 9000),
        ("PORT", "9001", "http_port", 9001),
        ("SHONIN_LOCALE", "ja", "locale", "ja"),
        ("SHONIN_LOG_LEVEL", "warning", "log_level", "WARNING"),
    ],
)
def test_environment_overrides_the_file(
    tmp_path: Path, name: str, value: str, attribute: str, expected: object
) -> None:
    before = load_text(tmp_path, FULL)
    after = load_text(tmp_path, FULL, {name: value})
    assert getattr(before, attribute) != expected
    assert getattr(after, attribute) == expected


def test_shonin_port_wins_over_port(tmp_path: Path) -> None:
    assert load_text(tmp_path, FULL, {"PORT": "1", "SHONIN_PORT": "2"}).http_port == 2


def test_teams_ids_from_the_environment_win(tmp_path: Path) -> None:
    env = {"MICROSOFT_APP_ID": "env-app", "MICROSOFT_APP_TENANTID": "env-tenant"}
    teams = load_text(tmp_path, FULL, env).teams
    assert (teams.app_id, teams.tenant_id) == ("env-app", "env-tenant")


def test_chat_secrets_come_from_the_default_env_vars() -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-1",
        "SLACK_SIGNING_SECRET": "sig",
        "SLACK_APP_TOKEN": "xapp-1",
        "MICROSOFT_APP_ID": "app",
        "MICROSOFT_APP_PASSWORD": "pw",
        "MICROSOFT_APP_TENANTID": "tenant",
    }
    settings = load_settings(env)
    slack, teams = settings.slack, settings.teams
    assert slack.bot_token is not None and slack.bot_token.reveal() == "xoxb-1"
    assert slack.signing_secret == Secret("sig") and slack.app_token == Secret("xapp-1")
    assert teams.app_id == "app" and teams.tenant_id == "tenant"
    assert teams.app_password == Secret("pw")


def test_the_file_may_rename_the_secret_env_vars(tmp_path: Path) -> None:
    env = {"MY_BOT": "xoxb-mine", "SLACK_BOT_TOKEN": "xoxb-default", "MY_TEAMS_PW": "pw2"}
    settings = load_text(tmp_path, FULL, env)
    assert settings.slack.bot_token == Secret("xoxb-mine")
    assert settings.teams.app_password == Secret("pw2")


def test_access_token_reads_the_env_var_the_account_names() -> None:
    kumamoto, kokura = demo_accounts()[0]
    env = {"SHONIN_IG_TOKEN_KUMAMOTO": "EAAG-token"}
    token = access_token(kumamoto, env)
    assert token is not None and token.reveal() == "EAAG-token"
    assert access_token(kokura, env) is None
    assert access_token(kumamoto, {"SHONIN_IG_TOKEN_KUMAMOTO": ""}) is None


# --- errors ---

BAD_FILES = [
    ('colour = "red"\n' + ACCOUNT, "colour"),
    ("[server]\nhots = 1\n" + ACCOUNT, "server.hots"),
    ("[ui]\nlang = 1\n" + ACCOUNT, "ui.lang"),
    ("server = 1\n" + ACCOUNT, "server"),
    (ACCOUNT + "colour = 1\n", "accounts[0].colour"),
    (ACCOUNT + "[accounts.hours]\nopen = 1\n", "accounts[0].hours.open"),
    (ACCOUNT + "[accounts.calendar]\nholidays = 1\n", "accounts[0].calendar.holidays"),
    (ACCOUNT + "[accounts.roles]\nboss = 1\n", "accounts[0].roles.boss"),
    (ACCOUNT + "[accounts.channels]\nline = 1\n", "accounts[0].channels.line"),
    (ACCOUNT + ACCOUNT, "accounts[1].id"),
    ("[database]\nurl = 1\n" + ACCOUNT, "database.url"),
    ("[database]\nurl = 'shonin.db'\n" + ACCOUNT, "database.url"),
    ("accounts = []\n", "accounts"),
    ("[accounts]\nid = 'a'\n", "accounts"),
    ("[[accounts]]\ndisplay_name = 'x'\n", "accounts[0].id"),
    ("[[accounts]]\nid = 'has space'\n", "accounts[0].id"),
    (ACCOUNT + "display_name = 3\n", "accounts[0].display_name"),
    (ACCOUNT + "instagram_user_id = 'abc'\n", "accounts[0].instagram_user_id"),
    (ACCOUNT + "token_env = 'not a name'\n", "accounts[0].token_env"),
    (ACCOUNT + "policy_pack = 'nope'\n", "accounts[0].policy_pack"),
    (ACCOUNT + "policy_pack = 'missing.yml'\n", "accounts[0].policy_pack"),
    (
        ACCOUNT + "deputy_may_approve_when_officer_present = 'yes'\n",
        "accounts[0].deputy_may_approve_when_officer_present",
    ),
    (ACCOUNT + "timezone = 'Mars/Olympus'\n", "accounts[0].timezone"),
    (ACCOUNT + "timezone = '../etc'\n", "accounts[0].timezone"),
    (ACCOUNT + "[accounts.hours]\nopens = '25:00'\n", "accounts[0].hours.opens"),
    (ACCOUNT + "[accounts.hours]\ncloses = '17:60'\n", "accounts[0].hours.closes"),
    (ACCOUNT + "[accounts.hours]\nopens = '0830'\n", "accounts[0].hours.opens"),
    (ACCOUNT + "[accounts.hours]\nopens = 830\n", "accounts[0].hours.opens"),
    (ACCOUNT + "[accounts.hours]\nopens = '18:00'\n", "accounts[0].hours.opens"),
    (ACCOUNT + "[accounts.hours]\nopens = '10:00'\ncloses = '10:00'\n", "accounts[0].hours.opens"),
    (ACCOUNT + "[accounts.calendar]\nkind = 'weekdays'\n", "accounts[0].calendar.kind"),
    (
        ACCOUNT + "[accounts.calendar]\nnational_holidays = 'no'\n",
        "accounts[0].calendar.national_holidays",
    ),
    (
        ACCOUNT + "[accounts.calendar]\nclosed_dates = ['2026-02-30']\n",
        "accounts[0].calendar.closed_dates",
    ),
    (ACCOUNT + "[accounts.calendar]\nopen_dates = ['12/25']\n", "accounts[0].calendar.open_dates"),
    (
        ACCOUNT + "[accounts.calendar]\nclosed_dates = [2026-12-25T10:00:00]\n",
        "accounts[0].calendar.closed_dates",
    ),
    (
        ACCOUNT + "[accounts.calendar]\nclosed_dates = '2026-12-25'\n",
        "accounts[0].calendar.closed_dates",
    ),
    (
        ACCOUNT
        + "[accounts.calendar]\nclosed_dates = ['2026-12-25']\nopen_dates = ['2026-12-25']\n",
        "accounts[0].calendar.open_dates",
    ),
    (
        ACCOUNT + "[accounts.calendar]\nyear_end_closure = ['12-29']\n",
        "accounts[0].calendar.year_end_closure",
    ),
    (
        ACCOUNT + "[accounts.calendar]\nyear_end_closure = ['13-01', '01-03']\n",
        "accounts[0].calendar.year_end_closure",
    ),
    (
        ACCOUNT + "[accounts.calendar]\nyear_end_closure = ['12-29', '01-32']\n",
        "accounts[0].calendar.year_end_closure",
    ),
    (ACCOUNT + "[accounts.roles]\nofficer = 'U01'\n", "accounts[0].roles.officer"),
    (ACCOUNT + "[accounts.roles]\ndeputy = 'line:U02'\n", "accounts[0].roles.deputy"),
    (ACCOUNT + "[accounts.roles]\nadmins = ['slack:U1', 'U2']\n", "accounts[0].roles.admins"),
    (ACCOUNT + "[accounts.roles]\nstaff = 'slack:U1'\n", "accounts[0].roles.staff"),
    (ACCOUNT + "[accounts.channels]\nslack = 5\n", "accounts[0].channels.slack"),
    ("[users.U9]\nlocale = 'en'\n" + ACCOUNT, "users.U9"),
    ("[users.'slack:U9']\nlocale = 'fr'\n" + ACCOUNT, "users.slack:U9.locale"),
    ("[users.'slack:U9']\nlang = 'en'\n" + ACCOUNT, "users.slack:U9.lang"),
    ("[server]\nport = 0\n" + ACCOUNT, "server.port"),
    ("[server]\nport = 65536\n" + ACCOUNT, "server.port"),
    ("[server]\nport = '3000'\n" + ACCOUNT, "server.port"),
    ("[server]\nport = true\n" + ACCOUNT, "server.port"),
    ("[server]\nhost = ''\n" + ACCOUNT, "server.host"),
    ("[server]\npublic_base_url = 'shonin.example'\n" + ACCOUNT, "server.public_base_url"),
    ("[ui]\nlocale = 'fr'\n" + ACCOUNT, "ui.locale"),
    ("[logging]\nlevel = 'LOUD'\n" + ACCOUNT, "logging.level"),
    ("[publishing]\npublisher = 'twitter'\n" + ACCOUNT, "publishing.publisher"),
    ("[publishing]\noutbox_dir = 5\n" + ACCOUNT, "publishing.outbox_dir"),
    ("[storage]\nmedia_dir = []\n" + ACCOUNT, "storage.media_dir"),
    ("[policy]\npack_dirs = 'packs'\n" + ACCOUNT, "policy.pack_dirs"),
    ("[policy]\npack_dirs = [1]\n" + ACCOUNT, "policy.pack_dirs"),
    ("[instagram]\ngraph_api_base = 'graph.facebook.com'\n" + ACCOUNT, "instagram.graph_api_base"),
    ("[slack]\nbot_token = 'x'\n" + ACCOUNT, "slack.bot_token"),
    ("[slack]\nbot_token_env = 'not a name'\n" + ACCOUNT, "slack.bot_token_env"),
    ("[teams]\napp_password = 'x'\n" + ACCOUNT, "teams.app_password"),
    (ACCOUNT + "access_token = 'x'\n", "accounts[0].access_token"),
    (
        "[publishing]\npublisher = 'instagram'\n[server]\npublic_base_url = 'https://x.example'\n"
        + ACCOUNT,
        "accounts[0].instagram_user_id",
    ),
    (
        "[publishing]\npublisher = 'instagram'\n[server]\npublic_base_url = 'http://x.example'\n"
        + ACCOUNT
        + "instagram_user_id = '1'\ntoken_env = 'T'\n",
        "server.public_base_url",
    ),
]


@pytest.mark.parametrize(("text", "key"), BAD_FILES)
def test_bad_files_name_the_key_and_the_file(tmp_path: Path, text: str, key: str) -> None:
    error = config_error(tmp_path, text)
    path = str((tmp_path / "shonin.toml").resolve())
    assert error.key == key and error.file == Path(path)
    for message in (error.message_ja, error.message_en):
        assert path in message and key in message
    assert str(error) == f"{error.message_ja}\n{error.message_en}"
    assert error.message_ja != error.message_en  # each language has its own text


def test_unknown_keys_list_the_known_ones(tmp_path: Path) -> None:
    error = config_error(tmp_path, ACCOUNT + "[accounts.hours]\nopen = '9:00'\n")
    assert "opens, closes" in error.message_en and "opens, closes" in error.message_ja


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SHONIN_PORT", "abc"),
        ("SHONIN_PORT", "0"),
        ("PORT", "70000"),
        ("SHONIN_PORT", "-1"),
        ("SHONIN_LOCALE", "fr"),
        ("SHONIN_PUBLISHER", "twitter"),
        ("SHONIN_LOG_LEVEL", "LOUD"),
        ("DATABASE_URL", "shonin.db"),
        ("SHONIN_GRAPH_API_BASE", "ftp://graph"),
        ("SHONIN_HOST", "a b"),
    ],
)
def test_bad_environment_values_name_the_variable(tmp_path: Path, name: str, value: str) -> None:
    error = config_error(tmp_path, ACCOUNT, {name: value})
    assert error.key == name and error.file is None
    assert name in error.message_ja and "環境変数" in error.message_ja
    assert name in error.message_en and "environment" in error.message_en


def test_instagram_without_a_file_is_an_error() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"SHONIN_PUBLISHER": "instagram"})
    assert caught.value.key == "SHONIN_PUBLISHER"


def test_toml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    error = config_error(tmp_path, ACCOUNT + 'display_name = "x"\nbroken = \n')
    assert error.line == 4
    assert f"shonin.toml:{4}" in error.message_ja and "shonin.toml:4" in error.message_en
    assert "TOML" in error.message_ja


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "shonin.toml"
    path.write_bytes(ACCOUNT.encode() + 'display_name = "熊本"\n'.encode("shift_jis"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_settings({}, path)


def test_a_folder_is_not_a_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"SHONIN_CONFIG": str(tmp_path)})
    assert caught.value.key == "SHONIN_CONFIG"


def test_unknown_account_is_a_lookup_error_and_a_config_error(tmp_path: Path) -> None:
    settings = load_text(tmp_path, ACCOUNT)
    with pytest.raises(LookupError) as caught:
        settings.account("b")
    assert isinstance(caught.value, ConfigError) and not isinstance(caught.value, KeyError)
    assert "'b'" in caught.value.message_en and "(configured: a)" in caught.value.message_en
    assert "「b」" in caught.value.message_ja


# --- secrets ---

TOKEN = "EAAGsecret0123456789abcdefTOKEN"


def test_secret_never_shows_its_value() -> None:
    secret = Secret(TOKEN)
    assert TOKEN not in repr(secret) and TOKEN not in str(secret) and TOKEN not in f"{secret}"
    assert secret.reveal() == TOKEN
    assert secret == Secret(TOKEN) and secret != Secret("other") and secret != TOKEN


@pytest.mark.parametrize(
    "text",
    [
        ACCOUNT + f"token_env = '{TOKEN}'\n",  # the token pasted instead of the variable's name
        ACCOUNT + f"access_token = '{TOKEN}'\n",
        f"[slack]\nbot_token = '{TOKEN}'\n" + ACCOUNT,
        ACCOUNT + f"[accounts.hours]\nopens = '{TOKEN}'\n",
        ACCOUNT + f"[accounts.roles]\nofficer = '{TOKEN}'\n",
        ACCOUNT + "[accounts.hours]\nopens = 'EAAG1'\n",  # short, but its value is in the env
    ],
)
def test_secrets_never_appear_in_errors(tmp_path: Path, text: str) -> None:
    env = {"SHONIN_IG_TOKEN_KUMAMOTO": TOKEN, "SLACK_BOT_TOKEN": "EAAG1"}
    error = config_error(tmp_path, text, env)
    for shown in (str(error), repr(error), error.message_ja, error.message_en, *error.args):
        assert TOKEN not in shown and "EAAG1" not in shown


def test_database_password_never_appears_in_errors(tmp_path: Path) -> None:
    env = {"DATABASE_URL": "postgresql+asyncpg://u:hunter2secret@db/x", "SHONIN_PORT": "x"}
    error = config_error(tmp_path, ACCOUNT, env)
    assert "hunter2secret" not in str(error)


def test_secrets_never_appear_in_the_settings_repr(tmp_path: Path) -> None:
    env = {
        "SLACK_BOT_TOKEN": TOKEN + "1",
        "SLACK_SIGNING_SECRET": TOKEN + "2",
        "SLACK_APP_TOKEN": TOKEN + "3",
        "MICROSOFT_APP_PASSWORD": TOKEN + "4",
        "CITY_TOKEN": TOKEN + "5",
        "DATABASE_URL": "postgresql+asyncpg://u:hunter2secret@db/x",
    }
    settings = load_text(tmp_path, FULL, env)
    assert settings.slack.app_token is not None  # the secrets were loaded...
    text = repr(settings) + str(settings)
    assert TOKEN not in text and "hunter2secret" not in text  # ...and are not shown
    assert settings.safe_database_url == "postgresql+asyncpg://u:***@db/x"
    assert {f.name for f in fields(settings) if not f.repr} == {"database_url"}


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, False), ({"NO_COLOR": ""}, False), ({"NO_COLOR": "1"}, True), ({"NO_COLOR": "0"}, True)],
)
def test_no_color_is_any_non_empty_no_color(env: dict[str, str], expected: bool) -> None:
    assert load_settings(env).no_color is expected


def test_no_color_is_read_from_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "yes")
    assert load_settings().no_color is True
    monkeypatch.delenv("NO_COLOR")
    assert load_settings().no_color is False


def test_the_split_modules_are_still_reached_through_handlers_settings() -> None:
    import handlers.settings as settings_module
    from handlers import settings_accounts, settings_values

    expected = {
        "DEFAULT_DATABASE_URL", "ConfigError", "Secret", "Settings", "SlackSettings",
        "TeamsSettings", "UnknownAccountError", "access_token", "demo_accounts", "load_settings",
    }  # fmt: skip
    assert expected <= set(settings_module.__all__)
    assert settings_module.Secret is settings_values.Secret
    assert settings_module.UnknownAccountError is settings_values.UnknownAccountError
    assert settings_module.demo_accounts is settings_accounts.demo_accounts
