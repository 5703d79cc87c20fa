"""The console chat driven by scripts, as a person would pipe them: the two flows of issue 2."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.e2e.console_session import run_console
from tests.fakes.images import jpeg

FLOW = """\
# staff posts a draft with a wished time; the officer approves; the clock reaches the slot
clock 2026-12-01T09:00+09:00
as staff
post --at 2026-12-07T10:00 --media photo.jpg -- 12月7日(月)10:00から、熊本市現代美術館で登録アーティストの作品展を開催します。入場無料です。 #熊本 #アート
as officer
click approve last
clock 2026-12-07T10:00+09:00
run-due
click confirm last
show last
"""

ABSENCE = """\
clock 2026-12-01T09:00+09:00
as officer
/shonin absent 12/2 12/4 出張
/shonin 不在 status
clock 2026-12-02T09:00+09:00
as staff
post --media photo.jpg -- 12月の展示のお知らせです。詳しくは https://www.city.kumamoto.jp/ をご覧ください。
as officer
/shonin absent off
as deputy
click approve last
"""


async def _run(script: str, tmp_path: Path, database_url: str, expect: int | None = 0) -> str:
    photo = tmp_path / "flow-photo.jpg"
    photo.write_bytes(jpeg())
    script = script.replace("--media photo.jpg", f"--media {photo}")
    code, output = await run_console(script, tmp_path, database_url)
    assert expect is None or code == expect, output
    return output


def _draft_id(output: str) -> str:
    found = re.search(r"\[draft (d[0-9a-z]{6})\]", output)
    assert found, output
    return found.group(1)


async def test_post_check_approve_publish_confirm(
    tmp_path: Path, default_database_url: str
) -> None:
    output = await _run(FLOW, tmp_path, default_database_url)
    draft = _draft_id(output)
    assert "! " not in output, output  # no command failed
    assert f"[draft {draft}] state=awaiting_approval" in output
    assert "✉ → console:officer" in output  # the card went to the officer
    assert "ポリシーチェック" in output
    assert f"[draft {draft}] state=scheduled" in output
    assert (
        "2026年12月7日(月) 10:00 に投稿予約しました" in output
        or "12月7日(月) 10:00 に投稿予約しました" in output
    )
    assert "公開 1件" in output
    assert f"[draft {draft}] state=confirmed" in output
    post = json.loads((tmp_path / "outbox" / f"{draft}-r1" / "post.json").read_text("utf-8"))
    assert post["caption"].startswith("12月7日(月)10:00から")
    assert post["account_id"] == "kumamoto-artistspot"


async def test_absent_officer_routes_to_deputy(tmp_path: Path, default_database_url: str) -> None:
    output = await _run(ABSENCE, tmp_path, default_database_url, expect=None)
    draft = _draft_id(output)
    assert "console:officer の不在を登録しました" in output
    assert "現在の承認者：console:officer" in output  # status before the absence starts
    assert "承認者：console:deputy（運用責任者補佐）" in output
    assert "✉ → console:deputy" in output
    # the officer came back early: the waiting draft moves back, the deputy is told
    assert "console:officer の不在を解除しました" in output
    assert "ご参考" in output
    assert "この操作は運用責任者（不在時は補佐）のみ行えます" not in output
    assert re.search(rf"\[draft {draft}\] state=(approved|awaiting_approval)", output)


async def test_bad_input_is_answered_and_changes_nothing(
    tmp_path: Path, default_database_url: str
) -> None:
    script = "\n".join(
        [
            "clock 2026-12-01T09:00+09:00",
            "frobnicate",
            "click approve dzzzzzz",
            "as officer",
            "/shonin absent 12/32 12/33",
            "/shonin roles set wizard console:x",
            "post",
            "clock yesterday-ish",
            "/shonin queue",
        ]
    )
    output = await _run(script, tmp_path, default_database_url, expect=1)
    assert output.count("! ") >= 5
    assert "投稿案「dzzzzzz」が見つかりません" in output
    assert "例：" in output
    assert "待機中・予約中の投稿案はありません" in output


def test_piped_script_through_the_shonin_command(tmp_path: Path) -> None:
    """The README's example on a fresh folder: `shonin demo`, a throw-away database, nothing left."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHONIN_", "DATABASE_URL"))}
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    result = subprocess.run(
        [sys.executable, "-m", "handlers.cli", "demo"],
        input=FLOW,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    draft = _draft_id(result.stdout)
    assert f"[draft {draft}] state=confirmed" in result.stdout
    assert "お試し環境" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.jpg"]  # nothing written here


def _gps_jpeg(path: Path) -> None:
    from PIL import Image

    image = Image.new("RGB", (1080, 1080), (200, 120, 40))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (32.0, 48.0, 10.0)
    image.save(path, exif=exif)


async def test_images_with_location_are_flagged_and_can_be_stripped(
    tmp_path: Path, default_database_url: str
) -> None:
    photo = tmp_path / "photo.jpg"
    _gps_jpeg(photo)
    script = "\n".join(
        [
            "clock 2026-12-01T09:00+09:00",
            f"post --media {photo} -- 冬のアート展のお知らせです。",
            f"post --media {photo} --strip-location -- 冬のアート展のお知らせです。",
            "as officer",
            "click schedule last",
        ]
    )
    output = await _run(script, tmp_path, default_database_url, expect=1)
    first, second = output.split("> post --media")[1:3]
    assert "位置情報" in first and "要修正" in first
    assert "指摘なし" in second
    assert (
        "承認待ち」のため、投稿予約できません" in output
    )  # schedule before approval: said plainly
