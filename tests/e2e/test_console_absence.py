"""The console chat, piped: `absent` tells the officer, the deputy and the admin, and the waiting
card follows the absence to the deputy and back (cleared by hand, then ended by time)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.console_session import run_console
from tests.fakes.images import jpeg

SCRIPT = """\
clock 2026-12-01T09:00+09:00
as staff
post --media photo.jpg -- 12月の展示のお知らせです。
as deputy
/shonin absent console:officer 12/1 12/2 出張
as officer
/shonin absent off
/shonin absent 2026-12-02T10:00 2026-12-02T11:00 会議
clock 2026-12-02T10:00+09:00
run-due
clock 2026-12-02T11:00+09:00
run-due
"""


async def _run(script: str, tmp_path: Path, database_url: str) -> str:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg())
    script = script.replace("--media photo.jpg", f"--media {photo}")
    _, output = await run_console(script, tmp_path, database_url)
    return output


def _section(output: str, command: str) -> str:
    """What the console printed after ``command`` up to the next prompt."""
    start = output.index(f"> {command}")
    end = output.find("\n> ", start + 1)
    return output[start : end if end != -1 else None]


def _dms(section: str) -> list[tuple[str, str]]:
    return re.findall(r"✉ → (console:\w+): (.*)", section)


async def test_absence_notices_and_cards_in_the_console(
    tmp_path: Path, default_database_url: str
) -> None:
    output = await _run(SCRIPT, tmp_path, default_database_url)
    assert "! " not in output, output

    set_by_deputy = _dms(_section(output, "/shonin absent console:officer 12/1 12/2 出張"))
    notices = [(who, text) for who, text in set_by_deputy if text.startswith("【不在のお知らせ】")]
    assert [who for who, _ in notices] == ["console:officer", "console:deputy", "console:admin"]
    for _, text in notices:
        assert "console:officer（運用責任者）は 12月1日(火) 9:00 から 12月3日(木) 0:00 まで" in text
        assert "理由：出張／登録：console:deputy" in text
        assert "運用責任者補佐（console:deputy）が行います" in text
        assert "送り直した判断待ちの投稿案：1件" in text
    cards = [(who, text) for who, text in set_by_deputy if "【" not in text]
    assert cards[0][0] == "console:deputy" and "不在のため" in cards[0][1]
    assert cards[1][0] == "console:officer" and "控え" in cards[1][1]

    cleared = _dms(_section(output, "/shonin absent off"))
    ended = [who for who, text in cleared if text.startswith("【不在解除のお知らせ】")]
    assert ended == ["console:officer", "console:deputy", "console:admin"]
    assert any(who == "console:officer" and "戻りました" in text for who, text in cleared)

    # a short absence that starts and ends by the clock: the card goes and comes back
    starts = _dms(_section(output, "run-due"))
    assert any(who == "console:deputy" and "不在のため" in text for who, text in starts)
    later = output[output.index("clock 2026-12-02T11:00+09:00") :]
    back = _dms(later)
    assert ("console:officer", back[0][1]) == back[0] and "戻りました" in back[0][1]
    assert any(who == "console:deputy" and text.startswith("ご参考") for who, text in back)
