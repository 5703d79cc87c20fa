"""The console's `click reject|decline … --clause 5(5) reason`: the same core field as Slack's."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_console_scripts import _draft_id, _run

POST = """\
clock 2026-12-01T09:00+09:00
as staff
post --media photo.jpg -- 12月の展示のお知らせです。入場無料です。
as officer
"""


async def test_a_send_back_cites_a_clause(tmp_path: Path, default_database_url: str) -> None:
    script = POST + "click reject last --clause ５（５） 氏名が写っています\nshow last\n"
    output = await _run(script, tmp_path, default_database_url)
    draft = _draft_id(output)
    assert f"[draft {draft}] state=changes_requested" in output
    assert "理由：氏名が写っています" in output  # the reason without the option
    assert "5(5) 個人情報を含むもの" in output  # on the card and in what the author is told
    assert "--clause" not in output.split("show last")[-1]


async def test_an_unknown_or_missing_clause_is_refused_and_changes_nothing(
    tmp_path: Path, default_database_url: str
) -> None:
    script = (
        POST + "click decline last --clause 42(1) 理由\nclick decline last --clause\nshow last\n"
    )
    output = await _run(script, tmp_path, default_database_url, expect=1)
    draft = _draft_id(output)
    assert "条項「42(1)」はこのアカウントのガイドラインにありません" in output
    assert "5(5)" in output  # the clauses it does have are listed
    assert "条項を指定してください" in output
    assert f"[draft {draft}] state=awaiting_approval" in output
    assert "state=rejected" not in output


async def test_a_reason_that_only_mentions_clause_is_a_plain_reason(
    tmp_path: Path, default_database_url: str
) -> None:
    script = POST + "click decline last clause 5(5) のとおり掲載できません\n"
    output = await _run(script, tmp_path, default_database_url)
    assert "理由：clause 5(5) のとおり掲載できません" in output
