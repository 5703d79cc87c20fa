"""The /shonin command, shared by every chat platform: parse the words, run, and reply privately."""

from __future__ import annotations

import asyncio
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from chatbot import i18n
from chatbot.dates import DateParseError, is_time, looks_like_date, parse_period
from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError, InvalidInput
from chatbot.domain.roles import Role, is_user_id, platform_of
from chatbot.policy.types import CheckResult
from chatbot.ports import Text
from chatbot.services import home, queries
from chatbot.services.wiring import Core

MAX_INPUT = 4000
ALIASES = {
    "不在": "absent",
    "一覧": "queue",
    "確認": "check",
    "停止": "suspend",
    "再開": "resume",
    "役割": "roles",
    "ヘルプ": "help",
    "投稿": "post",
    "ホーム": "home",
}


@dataclass
class Reply:
    """What the person who typed the command sees (privately)."""

    texts: list[Text] = field(default_factory=list)
    check: CheckResult | None = None
    open_post_modal: bool = False
    error: bool = False


def text(key: str, **args: object) -> Text:
    return Text(key, dict(args))


async def run_slash(bus: Core, actor: str, account_id: str, line: str) -> Reply:
    """Run one `/shonin …` line; every mistake becomes a reply, never an exception.

    Users in ``line`` are platform-qualified ids (``slack:U…``): the handler has normalised its
    own mention syntax with ``chatbot.mentions.normalise`` before calling. Help and usage texts
    come in the actor's platform's form (``@shonin …`` and ``teams:`` ids on Teams).
    """
    reply = await _run(bus, actor, account_id, line)
    platform = platform_of(actor)
    reply.texts = [_on_platform(text, platform) for text in reply.texts]
    return reply


def _on_platform(text: Text, platform: str) -> Text:
    """The platform's own form of a help or usage text, where it has one."""
    key = f"{text.key}.{platform}"
    return Text(key, text.args) if platform and i18n.has(key) else text


async def _run(bus: Core, actor: str, account_id: str, line: str) -> Reply:
    if len(line) > MAX_INPUT:
        return Reply([text("usage.too_long", limit=MAX_INPUT)], error=True)
    words = line.split()
    if not words:
        return Reply([text("help.slash")])
    verb = ALIASES.get(words[0], words[0].lower())
    handler = _VERBS.get(verb)
    if handler is None:
        return Reply([text("usage.unknown", word=words[0][:40]), text("help.slash")], error=True)
    rest = line.split(None, 1)[1] if len(words) > 1 else ""
    try:
        return await handler(bus, actor, account_id, rest)
    except DomainError as error:
        return Reply([Text(error.key, error.args_map)], error=True)
    except DateParseError as error:
        usage = [text("raw", ja=error.message_ja, en=error.message_en), text("usage.absent")]
        return Reply(usage, error=True)


async def _help(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    return Reply([text("help.slash")])


async def _post(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    return Reply([text("usage.post")], open_post_modal=True)


async def _check(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    if not rest.strip():
        return Reply([text("usage.check")], error=True)
    pack = bus.deps.account(account_id).policy_pack
    result = await asyncio.to_thread(bus.deps.checker.check, pack, rest)
    return Reply([text("reply.check_header", verdict=result.verdict)], check=result)


async def _absent(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    words = rest.split()
    if not words:
        return Reply([text("usage.absent")], error=True)
    head = words[0].lower()
    if head in ("status", "状況", "一覧"):
        return Reply(await queries.absence_status(bus.deps, account_id))
    if head in ("off", "解除", "終了"):
        user = _user(words[1], actor) if len(words) > 1 else actor
        await bus.handle(cmd.ClearAbsence(actor, account_id, user))
        return Reply([text("reply.absence_cleared", user=user)])
    user, words = _target(words, actor)
    start, end, reason = _period(words, bus.deps.clock.now(), bus.deps.calendar(account_id).tz)
    stored = await bus.handle(cmd.SetAbsence(actor, account_id, user, start, end, reason))
    return Reply([text("reply.absence_set", user=user, start=stored.start, end=stored.end)])


def _target(words: list[str], actor: str) -> tuple[str, list[str]]:
    """``absent <user> <from> <until>`` names someone; a leading date means oneself.

    Anything written like a date (12/1, 令和8年12月1日, R8.12.1, 来週月曜, 明日…) is a date.
    """
    first = words[0]
    if ":" in first and not first[0].isdigit():
        return _user(first, actor), words[1:]
    if looks_like_date(first):
        return actor, words
    return _user(first, actor), words[1:]


def _period(words: list[str], now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime, str]:
    """The longest prefix of ``words`` that is a period; the rest is the reason.

    When none is, the most telling refusal is raised: one that names the dates (a year-less
    date just passed, a weekday that does not match…) over a plain "invalid period".
    """
    errors: list[DateParseError] = []
    for count in (4, 3, 2, 1):
        if count > len(words):
            continue
        try:
            start, end = parse_period(words[:count], now=now, tz=tz)
        except DateParseError as error:
            errors.append(error)
            continue
        if count < len(words) and _looks_like_when(words[count]):
            # "12/3 12/1" or "12/2 25:00 12/3" must not become one day with a date as the reason
            continue
        return start, end, " ".join(words[count:])[:500]
    if errors:
        raise min(errors, key=lambda error: _SPECIFIC.get(error.kind, len(_SPECIFIC)))
    raise DateParseError("period", " ".join(words))


# Refusals that name the typed dates come first; generic ones keep the longest attempt's.
_SPECIFIC = {
    kind: rank
    for rank, kind in enumerate(
        ("ambiguous_year", "weekday_mismatch", "past", "ambiguous_hour", "no_such_date", "order")
    )
}


_WHEN_WORD = re.compile(r"^[\d/:.\-~〜()年月日時分火水木金土]+$")


def _looks_like_when(word: str) -> bool:
    """Whether a word after a period is more date (a mistake) than reason ("3日間の出張" is not)."""
    word = unicodedata.normalize("NFKC", word).lower()
    if word[:1].isdigit():
        return bool(_WHEN_WORD.match(word)) or is_time(word)
    return looks_like_date(word) or is_time(word)


def _user(word: str, actor: str) -> str:
    """A platform-qualified id as is (handlers normalise mentions first); a bare name is local."""
    user = word if ":" in word else f"{platform_of(actor)}:{word}"
    if not is_user_id(user):
        raise InvalidInput("error.bad_user", user=word[:60])
    return user


async def _queue(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    return Reply(await queries.queue(bus.deps, account_id))


async def _home(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    return Reply(home.home_texts(await home.home_view(bus.deps, actor)))


async def _suspend(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    if not rest.strip():
        return Reply([text("usage.suspend")], error=True)
    suspension = await bus.handle(cmd.Suspend(actor, account_id, rest.strip()))
    return Reply([text("reply.suspended", reason=suspension.reason)])


async def _resume(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    waiting: list[str] = await bus.handle(cmd.Resume(actor, account_id))
    if not waiting:
        return Reply([text("reply.resumed")])
    drafts = ", ".join(waiting)
    return Reply(
        [text("reply.resumed"), text("reply.resumed_waiting", count=len(waiting), drafts=drafts)]
    )


async def _roles(bus: Core, actor: str, account_id: str, rest: str) -> Reply:
    words = rest.split()
    if not words:
        return Reply(await queries.roles(bus.deps, account_id))
    if len(words) != 3 or words[0].lower() not in ("set", "remove", "設定", "削除"):
        return Reply([text("usage.roles")], error=True)
    remove = words[0].lower() in ("remove", "削除")
    role = words[1].lower()
    if role not in {r.value for r in Role}:
        usage = [text("error.unknown_role", role=words[1][:40]), text("usage.roles")]
        return Reply(usage, error=True)
    user = _user(words[2], actor)
    await bus.handle(cmd.SetRole(actor, account_id, role, user, remove=remove))
    return Reply(
        [text("reply.role_set", user=user, role=role)] + await queries.roles(bus.deps, account_id)
    )


_VERBS = {
    "help": _help,
    "post": _post,
    "check": _check,
    "absent": _absent,
    "queue": _queue,
    "home": _home,
    "suspend": _suspend,
    "resume": _resume,
    "roles": _roles,
}


def is_command(word: str) -> bool:
    """True when ``word`` starts a /shonin command (a subcommand or its Japanese alias).

    Chat front ends where commands and free text share one box (Teams) tell them apart with it.
    """
    return ALIASES.get(word, word.lower()) in _VERBS
