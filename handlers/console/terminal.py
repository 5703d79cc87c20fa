"""The terminal's two edges: bytes in (UTF-8, whatever the locale says) and safe text out.

Input is decoded here, line by line, so that one line of bad bytes is refused and the session goes
on, even under a strict locale (LC_ALL=C, PYTHONIOENCODING=ascii). Output goes through
``clean_text``: no escape sequence, control character or direction mark typed by someone reaches
the terminal of someone else.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from typing import BinaryIO, TextIO, cast

from chatbot.text import clean_text

BOM = "\ufeff"
LineSource = Callable[[], Awaitable[str | None]]


def line_source(stdin: TextIO, on_bad_line: Callable[[], None]) -> LineSource:
    """Lines of ``stdin`` without their end; a line that is not UTF-8 calls ``on_bad_line``.

    A real stream is read as bytes (its ``buffer``) and decoded as UTF-8; a text stream without
    one (a test's StringIO) is read as it is. A byte-order mark at the start is dropped.
    """
    raw: BinaryIO | None = getattr(stdin, "buffer", None)
    first = True

    async def read() -> str | None:
        if raw is None:
            text = await asyncio.to_thread(stdin.readline)
            return text or None
        while True:
            data = await asyncio.to_thread(raw.readline)
            if not data:
                return None
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                on_bad_line()

    async def next_line() -> str | None:
        nonlocal first
        line = await read()
        if line is None:
            return None
        if first:
            line, first = line.removeprefix(BOM), False
        return line.rstrip("\r\n")

    return next_line


class _SafeOutput(io.TextIOBase):
    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(clean_text(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def writable(self) -> bool:
        return True


def safe_output(stream: TextIO) -> TextIO:
    """``stream`` with everything written through ``clean_text`` (newlines and tabs kept)."""
    return cast(TextIO, _SafeOutput(stream))
