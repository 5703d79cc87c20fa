"""The console chat: the same commands, cards and buttons as Slack, in a terminal.

Usable by a person (prompt, cards, `help`) and scriptable: piped input is read line by line and the
session ends at end of input.
"""

from __future__ import annotations

import logging
import re
import shlex
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from chatbot import actions, mentions
from chatbot.adapters.clock import ManualClock
from chatbot.dates import DateParseError, parse_datetime
from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError
from chatbot.domain.roles import is_user_id
from chatbot.ports import Clock, Text
from chatbot.services import queries
from chatbot.services.publishing import RunReport
from chatbot.services.slash import run_slash
from chatbot.services.wiring import Core
from handlers.console.render import render_card, render_check, render_text
from handlers.console.terminal import line_source

log = logging.getLogger(__name__)
MAX_LINE = 10_000
MAX_FILE = 30 * 1024 * 1024
_CLOCK_STEP = re.compile(r"^\+(\d{1,6})([mhd])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


@dataclass
class ConsoleSession:
    bus: Core
    clock: Clock
    out: TextIO
    user: str = "console:staff"
    account_id: str = ""
    locale: str = "ja"
    last_draft: str = ""
    failures: int = 0
    interactive_echo: bool = False
    # Only a sandbox (`shonin demo`, `shonin shell --sandbox`: a throw-away database) may move
    # the clock; in a real database that would publish early and stamp the audit log falsely.
    sandbox: bool = False
    verbs: dict[str, Callable[[str], Awaitable[None]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.account_id = self.account_id or next(iter(self.bus.deps.accounts))
        self.verbs = {
            "help": self._help,
            "ヘルプ": self._help,
            "as": self._as,
            "account": self._account,
            "post": self._post,
            "revise": self._revise,
            "/shonin": self._slash,
            "click": self._click,
            "show": self._show,
            "clock": self._clock,
            "run-due": self._run_due,
            "lang": self._lang,
        }

    # --- the loop -------------------------------------------------------------------------------

    async def run(self, lines: Callable[[], Awaitable[str | None]], interactive: bool) -> int:
        if interactive:
            self.say(Text("help.console", {"accounts": ", ".join(self.bus.deps.accounts)}))
        while True:
            if interactive:
                self.out.write(f"{self.account_id} {self.user}> ")
                self.out.flush()
            line = await lines()
            if line is None or line.strip() in ("quit", "exit", "終了"):
                # A script can tell: a piped session where any command failed exits 1.
                return 1 if self.failures and not interactive else 0
            await self.execute(line)

    async def execute(self, line: str) -> None:
        """Run one line; every mistake is printed, nothing escapes."""
        line = line.strip()
        if not line or line.startswith("#"):
            return
        if not self.interactive_echo:
            self.out.write(f"> {line}\n")
        if len(line) > MAX_LINE:
            return self._fail(Text("usage.too_long", {"limit": MAX_LINE}))
        verb, _, rest = line.partition(" ")
        handler = self.verbs.get(verb.lower())
        if handler is None:
            return self._fail(Text("usage.unknown", {"word": verb[:40]}))
        try:
            await handler(rest.strip())
        except DomainError as error:
            self._fail(Text(error.key, error.args_map))
        except DateParseError as error:
            self._fail(Text("raw", {"ja": error.message_ja, "en": error.message_en}))
        except Exception:
            log.exception("console command failed: %s", verb)
            self._fail(Text("error.internal", {}))

    def say(self, text: Text) -> None:
        tz = self.bus.deps.calendar(self.account_id).tz
        self.out.write(render_text(text, self.locale, tz, self.clock.now()) + "\n")
        self.out.flush()

    def refuse_bad_bytes(self) -> None:
        """A line of input that is not UTF-8: said, counted as a failure, and skipped."""
        self._fail(Text("error.input_not_utf8", {}))

    def _fail(self, text: Text) -> None:
        self.failures += 1
        self.out.write("! ")
        self.say(text)

    # --- verbs ----------------------------------------------------------------------------------

    async def _help(self, rest: str) -> None:
        self.say(Text("help.console", {"accounts": ", ".join(self.bus.deps.accounts)}))

    async def _as(self, rest: str) -> None:
        user = rest if ":" in rest else f"console:{rest}"
        if not rest or not is_user_id(user):
            return self._fail(Text("error.bad_user", {"user": rest[:60]}))
        self.user = user
        self.out.write(f"(as {user})\n")

    async def _account(self, rest: str) -> None:
        self.bus.deps.account(rest)
        self.account_id = rest
        self.out.write(f"(account {rest}: {self.bus.deps.account(rest).display_name})\n")

    async def _lang(self, rest: str) -> None:
        if rest not in ("ja", "en"):
            return self._fail(
                Text("raw", {"ja": "lang ja または lang en", "en": "lang ja or lang en"})
            )
        self.locale = rest

    async def _post(self, rest: str) -> None:
        media, wished, caption, strip = self._post_options(rest)
        command = cmd.SubmitDraft(self.user, self.account_id, caption, media, wished, strip)
        draft = await self.bus.handle(command)
        self.last_draft = draft.id
        self.say(Text("reply.submitted", {"draft": draft.id}))

    async def _revise(self, rest: str) -> None:
        draft_id, _, tail = rest.partition(" ")
        media, wished, caption, strip = self._post_options(tail)
        command = cmd.ReviseDraft(
            self.user,
            self._draft(draft_id),
            caption,
            media or None,
            wished,
            keep_wished_at=wished is None,
            strip_location=strip,
        )
        draft = await self.bus.handle(command)
        self.last_draft = draft.id

    def _post_options(
        self, rest: str
    ) -> tuple[tuple[cmd.MediaUpload, ...], datetime | None, str, bool]:
        """``[--media F …] [--at WHEN] [--strip-location] [--] caption``: options first."""
        media: list[cmd.MediaUpload] = []
        wished: datetime | None = None
        strip = False
        if not rest.startswith("--"):
            return (), None, rest, False
        head, sep, caption = rest.partition(" -- ")
        if not sep:
            head, caption = rest, ""
        try:
            words = shlex.split(head)
        except ValueError:  # an unclosed quote: say so, never a traceback
            example = 'post --media "my photo.jpg" -- …'
            raise DomainError("usage.unclosed_quote", example=example) from None
        index = 0
        while index < len(words):
            word = words[index]
            if word == "--at" and index + 1 < len(words):
                tz = self.bus.deps.calendar(self.account_id).tz
                wished = parse_datetime(words[index + 1], now=self.clock.now(), tz=tz)
                index += 2
            elif word == "--media":
                index += 1
                while index < len(words) and not words[index].startswith("--"):
                    media.append(_read_media(words[index]))
                    index += 1
            elif word == "--strip-location":
                strip = True
                index += 1
            else:
                raise DomainError("usage.post")
        return tuple(media), wished, caption, strip

    async def _slash(self, rest: str) -> None:
        line = mentions.normalise(rest, mentions.console_style)
        reply = await run_slash(self.bus, self.user, self.account_id, line)
        if reply.error:
            self.failures += 1
        for text in reply.texts:
            self.out.write("! " if reply.error else "")
            self.say(text)
        if reply.check is not None:
            self.out.write(render_check(reply.check, self.locale) + "\n")

    async def _click(self, rest: str) -> None:
        words = rest.split(None, 2)
        if len(words) < 2:
            raise DomainError("usage.click")
        action = CONSOLE_WORDS.get(words[0].lower(), words[0].lower())
        if action not in actions.ACTIONS:
            raise DomainError("usage.click")
        draft_id = self._draft(words[1])
        need = actions.ACTIONS[action].needs(await queries.card(self.bus.deps, draft_id))
        arg = words[2] if len(words) > 2 else ""
        if action == "approve":
            given = _approve_input(arg)
        elif action in CLAUSE_ACTIONS:
            given = _send_back_input(arg)
        else:
            given = self._action_input(need, arg)
        draft = await self.bus.handle(actions.to_command(action, self.user, draft_id, given))
        self.last_draft = draft.id
        self.say(Text(actions.done_key(action), {"draft": draft.id}))

    def _action_input(self, need: actions.Need, arg: str) -> actions.ActionInput:
        """The rest of the `click` line is what the action needs (a reason, a time ...)."""
        if need is actions.Need.DATETIME:
            tz = self.bus.deps.calendar(self.account_id).tz
            at = parse_datetime(arg, now=self.clock.now(), tz=tz) if arg else None
            return actions.ActionInput(at=at)
        confirmed = arg.strip().lower() in ("yes", "はい", "y")
        return actions.ActionInput(reason=arg, confirmed=confirmed)

    async def _show(self, rest: str) -> None:
        card = await queries.card(self.bus.deps, self._draft(rest))
        self.last_draft = card.draft_id
        self.out.write(render_card(card, self.locale, self.clock.now()) + "\n")

    async def _clock(self, rest: str) -> None:
        if not self.sandbox or not isinstance(self.clock, ManualClock):
            return self._fail(Text("error.clock_sandbox_only", {}))
        step = _CLOCK_STEP.match(rest)
        if step:
            self.clock.advance(timedelta(**{_UNITS[step.group(2)]: int(step.group(1))}))
        else:
            tz = self.bus.deps.calendar(self.account_id).tz
            self.clock.set(parse_datetime(rest, now=self.clock.now(), tz=tz))
        self.say(Text("reply.clock", {"at": self.clock.now()}))

    async def _run_due(self, rest: str) -> None:
        report: RunReport = await self.bus.handle(cmd.RunDue(self.user))
        self.say(
            Text(
                "reply.run_due",
                {
                    "published": len(report.published),
                    "failed": len(report.failed),
                    "expired": len(report.expired),
                    "rerouted": report.rerouted,
                    "held": len(report.held),
                },
            )
        )
        for draft_id, reason in report.held.items():
            self.say(Text("reply.held", {"draft": draft_id, "reason_code": reason}))
        sent = await self.bus.handle(cmd.RunReminders(self.user))
        if sent.reminded or sent.escalated:
            counts = {"reminded": len(sent.reminded), "escalated": len(sent.escalated)}
            self.say(Text("reply.reminders_run", counts))

    def _draft(self, word: str) -> str:
        word = word.strip()
        if word in ("last", "直前", "") and self.last_draft:
            return self.last_draft
        return word


# Console verbs follow the issue (`click reject …`); every other word is the action id itself.
CONSOLE_WORDS = {"reject": "request_changes"}


CLAUSE_ACTIONS = frozenset({"request_changes", "decline"})
CLAUSE_OPTIONS = ("--clause", "--条項")


def _send_back_input(arg: str) -> actions.ActionInput:
    """``click reject|decline D [--clause 3(7)] reason``: the clause is checked by the core."""
    words = arg.split(None, 1)
    head = words[0] if words else ""
    option, equals, value = head.partition("=")
    if option not in CLAUSE_OPTIONS:
        return actions.ActionInput(reason=arg)
    rest = words[1] if len(words) > 1 else ""
    if not equals:
        value, _, rest = rest.partition(" ")
    if not value.strip():
        raise DomainError("usage.click_clause")
    return actions.ActionInput(reason=rest.strip(), clause=value.strip())


def _approve_input(arg: str) -> actions.ActionInput:
    """``click approve D [--ack] [--override "reason"] [--revision N]``."""
    try:
        words = shlex.split(arg)
    except ValueError:
        example = 'click approve last --override "掲載許可を確認済み"'
        raise DomainError("usage.unclosed_quote", example=example) from None
    ack, reason, revision, index = False, "", None, 0
    while index < len(words):
        word = words[index]
        if word in ("--ack", "--acknowledge", "確認済み"):
            ack, index = True, index + 1
        elif word in ("--override", "--reason") and index + 1 < len(words):
            reason, index = words[index + 1], index + 2
        elif word == "--revision" and index + 1 < len(words) and words[index + 1].isdigit():
            revision, index = int(words[index + 1]), index + 2
        else:
            raise DomainError("usage.click_approve")
    return actions.ActionInput(reason=reason, confirmed=ack, revision=revision)


def _read_media(name: str) -> cmd.MediaUpload:
    path = Path(name).expanduser()
    try:
        if path.stat().st_size > MAX_FILE:
            raise DomainError("error.media_too_large", file=path.name)
        return cmd.MediaUpload(path.name, path.read_bytes())
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        raise DomainError("error.media_unreadable", file=name[:200]) from None


async def run_console(
    session: ConsoleSession, stdin: TextIO = sys.stdin, interactive: bool | None = None
) -> int:
    """Read commands from ``stdin`` until end of input (or `quit`)."""
    interactive = stdin.isatty() if interactive is None else interactive
    session.interactive_echo = interactive
    return await session.run(line_source(stdin, session.refuse_bad_bytes), interactive)


def script_lines(lines: Sequence[str]) -> Callable[[], Awaitable[str | None]]:
    iterator = iter(lines)

    async def next_line() -> str | None:
        return next(iterator, None)

    return next_line
