"""Dates as staff type them at the console (issue 7): piped sessions, as a person would."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.console_session import replies, run_console
from tests.fakes.images import jpeg

CAPTION = "12月の展示のお知らせです。詳しくは市のホームページをご覧ください。"


async def _run(script: str, tmp_path: Path, database_url: str) -> tuple[int, str]:
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    script = script.replace("@", f"{tmp_path}/")
    code, output = await run_console(script, tmp_path, database_url)
    return code, output.replace(f"{tmp_path}/", "@")


def _post(at: str) -> str:
    return f'post --at "{at}" --media @photo.jpg -- {CAPTION}'


async def test_a_wished_date_just_passed_is_refused_with_both_readings(
    tmp_path: Path, default_database_url: str
) -> None:
    script = "\n".join(
        [
            "clock 2026-12-02T10:00+09:00",
            "as staff",
            _post("12/1 10:00"),
            _post("12月1日 午後3時"),
            "lang en",
            _post("12/1 10:00"),
            "/shonin queue",
        ]
    )
    code, output = await _run(script, tmp_path, default_database_url)
    assert code == 1
    slash = replies(output, _post("12/1 10:00"))
    assert slash.startswith("! ")
    assert "2026年12月1日(火)と2027年12月1日(水)のどちらですか" in slash
    assert "例：2026/12/1、2027/12/1" in slash  # in the form typed
    kanji = replies(output, _post("12月1日 午後3時"))
    assert "例：2026年12月1日、2027年12月1日" in kanji
    english = output.split("> lang en\n", 1)[1]
    assert "has already passed this year: Tue 1 Dec 2026 or Wed 1 Dec 2027?" in english
    assert "[draft " not in output  # nothing was stored
    assert "No drafts are waiting or scheduled" in replies(output, "/shonin queue")


async def test_the_bots_own_format_typed_back_and_a_wrong_weekday(
    tmp_path: Path, default_database_url: str
) -> None:
    script = "\n".join(
        [
            "clock 2026-12-02T10:00+09:00",
            "as staff",
            _post("12月8日(水) 午後3時"),
            _post("12月8日(火) 午後3時"),
            "show last",
        ]
    )
    code, output = await _run(script, tmp_path, default_database_url)
    wrong = replies(output, _post("12月8日(水) 午後3時"))
    assert wrong.startswith("! ") and "2026年12月8日は火曜日です" in wrong
    assert "例：12月8日(火)" in wrong
    card = replies(output, "show last")
    assert "12月8日(火) 15:00" in card  # what the bot shows is what was typed back
    assert code == 1  # the first post failed, and a script can tell


async def test_am_pm_and_a_bare_early_hour(tmp_path: Path, default_database_url: str) -> None:
    script = "\n".join(
        [
            "clock 2026-12-02T10:00+09:00",
            "as staff",
            _post("12/8 3時"),
            _post("12/8 午後3時"),
        ]
    )
    _, output = await _run(script, tmp_path, default_database_url)
    bare = replies(output, _post("12/8 3時"))
    assert bare.startswith("! ")
    assert "午前か午後か分かりません" in bare and "午後3時" in bare and "15:00" in bare
    accepted = replies(output, _post("12/8 午後3時"))
    assert "[draft " in accepted or "受け付けました" in accepted
    assert "運用時間外" not in accepted  # 15:00 is inside hours: no note


async def test_a_wished_time_outside_hours_is_told_at_posting(
    tmp_path: Path, default_database_url: str
) -> None:
    script = "\n".join(
        [
            "clock 2026-12-02T10:00+09:00",
            "as staff",
            _post("12/8 3:00"),
            "lang en",
            _post("2026-12-12 10:00"),
        ]
    )
    code, output = await _run(script, tmp_path, default_database_url)
    assert code == 0, output
    early = replies(output, _post("12/8 3:00"))
    assert re.search(
        r"✉ → console:staff: 投稿案 d\w+ の希望日時 12月8日\(火\) 3:00 は運用時間外のため、"
        r"承認されると 12月8日\(火\) 8:30 に公開されます",
        early,
    ), early
    saturday = replies(output, _post("2026-12-12 10:00"))
    assert "Sat 12 Dec 10:00, is outside operating hours" in saturday
    assert "published at Mon 14 Dec 08:30" in saturday


async def test_absences_typed_in_era_and_week_forms(
    tmp_path: Path, default_database_url: str
) -> None:
    script = "\n".join(
        [
            "clock 2026-12-02T10:00+09:00",
            "as officer",
            "/shonin absent 令和8年12月3日 令和8年12月4日 研修",
            "/shonin absent R8.12.10",
            "/shonin absent 来週月曜 来週火曜",
            "/shonin absent 12/1",
            "/shonin absent 12/3 2099-12-31",
            "/shonin absent status",
        ]
    )
    code, output = await _run(script, tmp_path, default_database_url)
    assert code == 1
    era = replies(output, "/shonin absent 令和8年12月3日 令和8年12月4日 研修")
    assert not era.startswith("! ") and "console:令和" not in era
    assert "12月3日(木) 0:00" in era and "12月5日(土) 0:00" in era
    assert not replies(output, "/shonin absent R8.12.10").startswith("! ")
    week = replies(output, "/shonin absent 来週月曜 来週火曜")
    assert "12月7日(月) 0:00" in week and "12月9日(水) 0:00" in week
    passed = replies(output, "/shonin absent 12/1")
    assert passed.startswith("! ") and "2026/12/1、2027/12/1" in passed
    far = replies(output, "/shonin absent 12/3 2099-12-31")
    assert far.startswith("! ") and "366" in far  # too long, not silently 2099-12-03


async def test_scheduling_a_time_past_and_outside_hours_suggests_one_to_come(
    tmp_path: Path, default_database_url: str
) -> None:
    script = "\n".join(
        [
            "clock 2026-12-02T10:00+09:00",
            "as staff",
            f"post --media @photo.jpg -- {CAPTION}",
            "as officer",
            "click approve last",
            "click schedule last 今日 7:00",
            "click schedule last 12月3日(木) 午後3時",
            "show last",
        ]
    )
    code, output = await _run(script, tmp_path, default_database_url)
    early = replies(output, "click schedule last 今日 7:00")
    assert early.startswith("! ") and "運用時間外" in early
    # 8:30 this morning is already past: the suggestion is now, 10:00
    assert "12月2日(水) 10:00 はいかがですか" in early, early
    assert "12月2日(水) 8:30" not in early
    later = replies(output, "click schedule last 12月3日(木) 午後3時")
    assert not later.startswith("! ")
    assert "12月3日(木) 15:00" in replies(output, "show last")
    assert code == 1
