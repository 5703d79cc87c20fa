"""Property-based fuzzing: random lines to the console and random bytes to `shonin check`.

No traceback, no internal error, an allowed exit code, and a refused line changes nothing.
Bounded (max_examples) so that the suite stays fast.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.cli import build_parser
from handlers.cli_policy import run_check
from handlers.console.repl import ConsoleSession
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
LINE = st.builds(
    lambda verb, parts: verb + " " + "".join(parts),
    VERBS,
    st.lists(st.one_of(TEXT, NASTY), max_size=6),
)


async def _session() -> tuple[ConsoleSession, InMemoryStore, io.StringIO]:
    world = await make_world(notifiers={})
    out = io.StringIO()
    return ConsoleSession(world.bus, world.clock, out), world.store, out


def _snapshot(store: InMemoryStore) -> tuple[int, int]:
    return len(store.drafts), len(store.audit)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=5))
def test_random_console_lines_never_crash_and_refusals_change_nothing(lines: list[str]) -> None:
    async def drive() -> None:
        session, store, out = await _session()
        for line in lines:
            before, failures = _snapshot(store), session.failures
            await session.execute(line)
            if session.failures > failures:
                assert _snapshot(store) == before, line
        assert "Traceback" not in out.getvalue()
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
