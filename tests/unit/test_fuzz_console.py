"""Property-based fuzzing: random lines to the console and random bytes to `shonin check`.

No traceback, no internal error, an allowed exit code, and a refused line changes nothing.
Bounded (max_examples) so that the suite stays fast.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.cli import build_parser
from handlers.cli_policy import run_check
from handlers.console.repl import ConsoleSession
from handlers.console.terminal import line_source, safe_output
from storage.memory import InMemoryStore
from tests.unit.services.conftest import make_world

NASTY = st.sampled_from(
    ["\x00", "\x07", "\x08", "\x1b[31m", "\u200b", "\u200d", "\u202e", "\u200f", "\ufeff",
     "\ud800", "\"", "'", "--", "last", "#", "\n", "\r"]
)  # fmt: skip
VERBS = st.sampled_from(
    ["post", "revise last", "click approve last", "click approve last --override",
     "click reject last", "click schedule last", "show", "/shonin absent", "/shonin roles set",
     "as", "account", "lang", "clock", "post --media", "post --at", "frobnicate"]
)  # fmt: skip
TEXT = st.text(st.characters(codec=None), max_size=40)
# Dates and times as staff type them (issue 7), so the date paths are fuzzed too.
DATES = st.sampled_from(
    [" 12/1", " 11/30", " 12/3", " 2099-12-31", " 午後3時", " 3時", " 9:00", " R8.12.1",
     " 令和8年12月3日", " 来週月曜", " 今週月曜", " 12月1日(火)", " 12月3日(水)", " Tue 1 Dec",
     " 〜", " 3pm", " 午後12時", " 2/29", " 明日"]
)  # fmt: skip
# What must never reach a terminal: escapes, C0/C1 controls but newline and tab, lone surrogates,
# zero-width and direction marks.
CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
LINE = st.builds(
    lambda verb, parts: verb + " " + "".join(parts),
    VERBS,
    st.lists(st.one_of(TEXT, NASTY, DATES), max_size=6),
)


async def _session() -> tuple[ConsoleSession, InMemoryStore, io.StringIO]:
    world = await make_world(notifiers={})
    out = io.StringIO()
    return ConsoleSession(world.bus, world.clock, safe_output(out)), world.store, out


def _snapshot(store: InMemoryStore) -> tuple[object, ...]:
    roles = sorted((k, repr(v)) for k, v in store.roles.items())
    return len(store.drafts), len(store.audit), roles, len(store.absences), len(store.suspensions)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=5))
def test_random_console_lines_never_crash_and_refusals_change_nothing(lines: list[str]) -> None:
    async def drive() -> None:
        session, store, out = await _session()
        for line in lines:
            before, failures, now = _snapshot(store), session.failures, session.clock.now()
            await session.execute(line)
            if session.failures > failures:
                assert _snapshot(store) == before, line
            assert session.clock.now() == now  # not a sandbox: the clock never moves
        assert "Traceback" not in out.getvalue()
        assert not CONTROLS.search(out.getvalue()), out.getvalue()
        assert "処理中にエラーが発生しました" not in out.getvalue(), out.getvalue()

    asyncio.run(drive())


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["ja", "en"]))
def test_random_bytes_to_shonin_check(data: bytes, lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "caption.txt"
        path.write_bytes(data)
        args = build_parser().parse_args(["check", "--lang", lang, str(path)])
        out, err = io.StringIO(), io.StringIO()
        code = run_check(args, {"a": "base"}, "base", io.StringIO(""), out, err)
    assert code in (0, 1, 2, 65), (code, err.getvalue())
    assert "Traceback" not in err.getvalue() + out.getvalue()


LINE_BYTES = st.one_of(
    st.binary(max_size=60),
    LINE.map(lambda line: line.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"\xef\xbb\xbfas officer", b"post \xff\xfe", b"\x1b[2Jpost x", b"\x00"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE_BYTES, min_size=1, max_size=5))
def test_random_bytes_on_the_console_stdin(chunks: list[bytes]) -> None:
    """Bytes as a pipe delivers them: bad lines are refused one by one and the session goes on."""

    async def drive() -> None:
        session, store, out = await _session()
        data = b"\n".join(chunks) + b"\n"
        stdin = io.TextIOWrapper(io.BytesIO(data), encoding="ascii")  # a strict locale's stdin
        source = line_source(stdin, session.refuse_bad_bytes)
        while True:
            line = await source()  # a bad line is refused (and counted) while reading
            if line is None:
                break
            before, failures = _snapshot(store), session.failures
            await session.execute(line)
            if session.failures > failures:
                assert _snapshot(store) == before, line
        text = out.getvalue()
        assert text.count("UTF-8 のテキストではないため") == sum(
            1 for raw in data.split(b"\n")[:-1] if not _is_utf8(raw)
        )
        assert "Traceback" not in text and "処理中にエラーが発生しました" not in text, text
        assert not CONTROLS.search(text), text

    asyncio.run(drive())


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


OPTION = st.sampled_from(
    ["--account", "--pack", "--media", "--format", "--lang", "--publish-at", "-", "--", "json",
     "text", "ja", "en", "base", "kumamoto-artistspot", "2026-12-10T09:00", "nowhere.jpg"]
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(OPTION, TEXT), max_size=6), st.text(max_size=80))
def test_random_command_lines_to_shonin_check(words: list[str], stdin_text: str) -> None:
    """`shonin check` with random arguments and random Unicode on stdin: a usage error (64),
    unreadable input (65) or a verdict (0, 1, 2); never a traceback or an internal error."""
    out, err = io.StringIO(), io.StringIO()
    try:
        args = build_parser().parse_args(["check", *words])
    except SystemExit as exit_:
        assert exit_.code in (0, 64), exit_.code  # --help exits 0
        return
    code = run_check(args, {"a": "base"}, "base", io.StringIO(stdin_text), out, err)
    assert code in (0, 1, 2, 64, 65), (words, code, err.getvalue())
    assert "Traceback" not in err.getvalue() + out.getvalue()


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_on_the_stdin_of_shonin_check(data: bytes) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="ascii")  # a strict locale's stdin
    args = build_parser().parse_args(["check", "--lang", "en", "-"])
    out, err = io.StringIO(), io.StringIO()
    code = run_check(args, {"a": "base"}, "base", stdin, out, err)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert code == 65 and "standard input is not UTF-8" in err.getvalue()
    else:
        assert code in (0, 1, 2), err.getvalue()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE_BYTES, min_size=1, max_size=4))
def test_random_bytes_piped_into_the_shonin_command(chunks: list[bytes]) -> None:
    """The whole program under a strict locale: exit 0 or 1, never a traceback or a crash."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SHONIN_", "DATABASE_URL"))}
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [sys.executable, "-m", "handlers.cli", "shell"],
            input=b"\n".join(chunks) + b"\n",
            capture_output=True,
            cwd=tmp,
            env={**base, "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
            timeout=120,
            check=False,
        )
    out = result.stdout.decode("ascii", "replace") + result.stderr.decode("ascii", "replace")
    assert result.returncode in (0, 1), out
    assert "Traceback" not in out and "\x1b" not in out
