"""The [[accounts]] and [users] parts of shonin.toml: identity, calendar, roles, channels,
per-user locales, and the built-in demo accounts used when there is no file."""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chatbot.calendar import CalendarKind, CalendarSpec, ClosureRange, OperatingHours
from chatbot.domain.roles import PLATFORMS, Account, Roles, is_user_id
from chatbot.policy.packs import PackError, find_pack_file
from handlers.settings_values import ENV_NAME, LOCALES, Table, blame, choice, show

CALENDAR_KINDS = ("jp-government", "every-day")
_ACCOUNT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_ACCOUNT_KEYS = (
    "id", "display_name", "instagram_user_id", "token_env", "policy_pack", "timezone",
    "deputy_may_approve_when_officer_present", "hours", "calendar", "channels", "roles",
    "reminders",  # handlers.settings_reminders
    "token_expires_at",
)  # fmt: skip
_CALENDAR_KEYS = ("kind", "national_holidays", "year_end_closure", "closed_dates", "open_dates")


def _time(table: Table, name: str, default: time) -> time:
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


def _date(table: Table, name: str, value: object) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    try:
        return date.fromisoformat(value if isinstance(value, str) else "")
    except ValueError:
        raise table.fail(
            name,
            f'日付 {show(value)} は "2026-12-25" の形で指定してください',
            f'date {show(value)} must look like "2026-12-25"',
        ) from None


def _closure(table: Table) -> ClosureRange | None:
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


def _timezone(account: Table) -> str:
    tz = account.text("timezone", "Asia/Tokyo")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        ja, en = f"不明なタイムゾーン {show(tz)} です", f"unknown timezone {show(tz)}"
        raise account.fail("timezone", ja, en) from None
    return tz


def _hours(account: Table) -> OperatingHours:
    hours = account.sub("hours")
    hours.only(("opens", "closes"))
    opens, closes = _time(hours, "opens", time(8, 30)), _time(hours, "closes", time(17, 15))
    if opens >= closes:
        raise hours.fail("opens", "開始は終了より前にしてください", "opens must be before closes")
    return OperatingHours(opens, closes)


def _calendar(account: Table) -> CalendarSpec:
    table = account.sub("calendar")
    table.only(_CALENDAR_KEYS)
    kind = choice((table.text("kind", "jp-government"), blame(table, "kind")), CALENDAR_KINDS)
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


def _user(table: Table, name: str, value: object) -> str:
    if not isinstance(value, str) or not is_user_id(value):
        raise table.fail(
            name,
            f"{show(value)} は利用者IDではありません（slack:… / teams:… / console:…）",
            f"{show(value)} is not a user id (slack:… / teams:… / console:…)",
        )
    return value


def _roles(account: Table) -> Roles:
    table = account.sub("roles")
    table.only(("officer", "deputy", "admins", "staff"))
    single = {k: _user(table, k, table.data[k]) for k in ("officer", "deputy") if k in table.data}
    admins, staff = (
        frozenset(_user(table, key, v) for v in table.items(key)) for key in ("admins", "staff")
    )
    return Roles(single.get("officer"), single.get("deputy"), admins, staff)


def _channels(account: Table) -> dict[str, str]:
    table = account.sub("channels")
    table.only(PLATFORMS)
    return {platform: table.text(platform, "") for platform in PLATFORMS if platform in table.data}


def _identity(table: Table, publisher: str) -> tuple[str, str, str]:
    """The account's id, Instagram user id and token env var name, checked."""
    account_id = table.text("id", "")
    if not _ACCOUNT_ID.fullmatch(account_id):
        ja = "英数字・._- で 64 文字以内の id が必要です"
        raise table.fail("id", ja, "needs an id of up to 64 letters, digits or ._-")
    ig_user, token_env = table.text("instagram_user_id", ""), table.text("token_env", "")
    if ig_user and not ig_user.isdigit():
        raise table.fail("instagram_user_id", "数字で指定してください", "must be digits")
    if token_env and not ENV_NAME.fullmatch(token_env):
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


def _token_expiry(table: Table, timezone: str) -> datetime | None:
    """``token_expires_at``: a TOML date or date-time (or the same as an ISO string); without an
    offset it is read in the account's time zone, a bare date as the start of that day."""
    value = table.data.get("token_expires_at")
    if value is None:
        return None
    found: datetime | None = None
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = datetime.combine(value, time())
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            found = datetime.fromisoformat(value.strip())
    if found is None:
        raise table.fail(
            "token_expires_at",
            f"{show(value)} は日時ではありません（例: 2027-02-01 や 2027-02-01T09:00:00+09:00）",
            f"{show(value)} is not a date (e.g. 2027-02-01 or 2027-02-01T09:00:00+09:00)",
        )
    if found.tzinfo is None or found.utcoffset() is None:
        found = found.replace(tzinfo=ZoneInfo(timezone))
    return found


def _pack(table: Table, pack_dirs: tuple[Path, ...]) -> str:
    """A built-in or office pack name, or a pack file (relative to this file), that exists."""
    ref = table.text("policy_pack", "kumamoto-artistspot")
    if Path(ref).suffix in (".yml", ".yaml"):
        ref = str(table.path_of(ref))
    try:
        find_pack_file(ref, pack_dirs)
    except PackError:
        ja = f"ポリシーパック {show(ref)} が見つかりません"
        raise table.fail("policy_pack", ja, f"policy pack {show(ref)} not found") from None
    return ref


def _account(table: Table, publisher: str, pack_dirs: tuple[Path, ...]) -> tuple[Account, Roles]:
    table.only(_ACCOUNT_KEYS)
    account_id, ig_user, token_env = _identity(table, publisher)
    calendar = _calendar(table)
    account = Account(
        id=account_id,
        display_name=table.text("display_name", account_id),
        instagram_user_id=ig_user,
        token_env=token_env,
        policy_pack=_pack(table, pack_dirs),
        calendar=calendar,
        channels=_channels(table),
        deputy_may_approve_when_officer_present=table.flag(
            "deputy_may_approve_when_officer_present", False
        ),
        token_expires_at=_token_expiry(table, calendar.timezone),
    )
    return account, _roles(table)


def parse_accounts(
    root: Table, publisher: str, pack_dirs: tuple[Path, ...]
) -> tuple[tuple[Account, ...], dict[str, Roles]]:
    """Every [[accounts]] table, checked, with the roles each one seeds; ids must be unique."""
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
            Table(item, f"accounts[{index}].", root.file), publisher, pack_dirs
        )
        if account.id in roles:
            ja, en = f"id {account.id!r} が重複しています", f"duplicate id {account.id!r}"
            raise root.fail(f"accounts[{index}].id", ja, en)
        accounts.append(account)
        roles[account.id] = seeded
    return tuple(accounts), roles


def parse_user_locales(root: Table) -> dict[str, str]:
    """The [users."slack:…"] tables: each user's chosen locale."""
    users = root.sub("users")
    found: dict[str, str] = {}
    for user in users.data:
        _user(users, user, user)
        table = users.sub(user)
        table.only(("locale",))
        found[user] = choice((table.text("locale", "ja"), blame(table, "locale")), LOCALES)
    return found


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
