"""The /shonin command: every subcommand and alias, and every mistake answered with a text."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from chatbot.domain import commands as cmd
from chatbot.i18n import CATALOGUE
from chatbot.mentions import console_style, normalise, pattern_style
from chatbot.services.slash import MAX_INPUT, Reply, run_slash
from tests.unit.services.conftest import ACCOUNT, ADMIN, DEPUTY, OFFICER, SEED, STAFF, World, jst


async def slash(world: World, line: str, actor: str = OFFICER) -> Reply:
    return await run_slash(world.bus, actor, ACCOUNT, line)


def keys(reply: Reply) -> list[str]:
    return [t.key for t in reply.texts]


async def absences(world: World) -> list[tuple[str, datetime, datetime, str]]:
    async with world.deps.uow() as uow:
        return [(a.user, a.start, a.end, a.reason) for a in await uow.absences.list(ACCOUNT)]


@pytest.mark.parametrize("line", ["help", "HELP", "ヘルプ", "", "   "])
async def test_help(world: World, line: str) -> None:
    assert keys(await slash(world, line)) == ["help.slash"]


async def test_unknown_word(world: World) -> None:
    reply = await slash(world, "approve d1")
    assert keys(reply) == ["usage.unknown", "help.slash"]
    assert reply.texts[0].args == {"word": "approve"}


async def test_too_long(world: World) -> None:
    assert keys(await slash(world, "check " + "あ" * MAX_INPUT)) == ["usage.too_long"]


async def test_post_opens_the_modal(world: World) -> None:
    reply = await slash(world, "投稿")
    assert reply.open_post_modal and keys(reply) == ["usage.post"]


@pytest.mark.parametrize("verb", ["check", "確認"])
async def test_check_is_a_dry_run(world: World, verb: str) -> None:
    from tests.fakes import finding

    world.checker.by_word["電話"] = (finding("block"),)
    reply = await slash(world, f"{verb} 電話番号は 090-0000-0000 です", actor=STAFF)
    assert keys(reply) == ["reply.check_header"]
    assert reply.check is not None and reply.check.verdict == "block"
    assert reply.texts[0].args["verdict"] == "block"
    assert world.checker.calls[-1][:2] == ("kumamoto-artistspot", "電話番号は 090-0000-0000 です")
    assert await world.audit() == []  # nothing stored


async def test_check_without_text(world: World) -> None:
    assert keys(await slash(world, "check")) == ["usage.check"]


@pytest.mark.parametrize(
    ("line", "start", "end", "reason"),
    [
        ("absent 12/2 12/3", jst(12, 2, 0), jst(12, 4, 0), ""),
        ("absent 2026-12-02 2026-12-03 出張", jst(12, 2, 0), jst(12, 4, 0), "出張"),
        ("absent 12月2日 12月3日 研修 会議", jst(12, 2, 0), jst(12, 4, 0), "研修 会議"),
        ("absent 12/2 9:00 12/3 17:00", jst(12, 2, 9), jst(12, 3, 17), ""),
        ("absent 12/2", jst(12, 2, 0), jst(12, 3, 0), ""),
        ("不在 明日", jst(12, 2, 0), jst(12, 3, 0), ""),
        ("absent tomorrow", jst(12, 2, 0), jst(12, 3, 0), ""),
        ("absent １２/２ １２/３", jst(12, 2, 0), jst(12, 4, 0), ""),
        ("不在 あした", jst(12, 2, 0), jst(12, 3, 0), ""),
        ("absent 令和8年12月2日 令和8年12月3日 出張", jst(12, 2, 0), jst(12, 4, 0), "出張"),
        ("absent R8.12.2 R8.12.3", jst(12, 2, 0), jst(12, 4, 0), ""),
        ("absent 令和8年12月2日", jst(12, 2, 0), jst(12, 3, 0), ""),
        ("absent 来週月曜 来週金曜 研修", jst(12, 7, 0), jst(12, 12, 0), "研修"),
        ("absent 12月2日(水) 12月3日(木)", jst(12, 2, 0), jst(12, 4, 0), ""),
        ("absent 12/2 午後1時 12/3 午前11時", jst(12, 2, 13), jst(12, 3, 11), ""),
        # the start is read from today, never given the end's year
        ("absent 12/2 2027-01-10", jst(12, 2, 0), jst(1, 11, 0, year=2027), ""),
    ],
)
async def test_absent_date_forms(
    world: World, line: str, start: datetime, end: datetime, reason: str
) -> None:
    reply = await slash(world, line)
    assert keys(reply) == ["reply.absence_set"]
    assert reply.texts[0].args == {"user": OFFICER, "start": start, "end": end}
    assert await absences(world) == [(OFFICER, start, end, reason)]


async def test_absent_today_starts_now(world: World) -> None:
    reply = await slash(world, "absent 今日")
    assert reply.texts[0].args["start"] == world.clock.now()
    assert reply.texts[0].args["end"] == jst(12, 2, 0)


@pytest.mark.parametrize("who", ["console:officer", "officer"])
async def test_absent_on_behalf(world: World, who: str) -> None:
    reply = await slash(world, f"absent {who} 12/2 12/3", actor=DEPUTY)
    assert keys(reply) == ["reply.absence_set"]
    assert reply.texts[0].args["user"] == OFFICER
    assert [a[0] for a in await absences(world)] == [OFFICER]


async def test_absent_on_behalf_by_staff_is_refused(world: World) -> None:
    reply = await slash(world, "absent officer 12/2 12/3", actor=STAFF)
    assert keys(reply) == ["error.absence_not_permitted"]
    assert await absences(world) == []


SLACK_STYLE = pattern_style(re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>"), "slack")


async def test_absent_slack_mention(world: World) -> None:
    line = normalise("absent <@U0OFFICER|taro> 12/2 12/3", SLACK_STYLE)
    assert line == "absent slack:U0OFFICER 12/2 12/3"
    reply = await slash(world, line, actor=ADMIN)
    assert keys(reply) == ["error.absence_not_approver"]
    assert reply.texts[0].args == {"user": "slack:U0OFFICER"}


async def test_the_core_parses_no_platform_mention_syntax(world: World) -> None:
    reply = await slash(world, "absent <@U0OFFICER|taro> 12/2 12/3", actor=ADMIN)
    assert reply.error and "slack:U0OFFICER" not in str(reply.texts)
    assert await absences(world) == []


def test_console_mentions() -> None:
    line = normalise("roles set deputy @deputy  @ x", console_style)
    assert line == "roles set deputy console:deputy  @ x"


@pytest.mark.parametrize(
    "line",
    [
        "absent",
        "absent 13/45 12/3",
        "absent 12/2(火) 12/3",
    ],
)
async def test_absent_mistakes_answer_with_usage(world: World, line: str) -> None:
    reply = await slash(world, line)
    assert reply.texts, line
    assert reply.texts[-1].key in (
        "usage.absent.console",
        "error.absence_order",
        "error.bad_user.console",
    )
    assert await absences(world) == []


async def test_absent_in_the_past(world: World) -> None:
    reply = await slash(world, "absent 2026-11-01 2026-11-02")
    assert keys(reply) == ["error.absence_in_past"]
    assert await absences(world) == []


@pytest.mark.parametrize("line", ["absent 12/3 12/1", "absent 12/2 25:00 12/3"])
async def test_a_bad_second_date_is_not_taken_as_the_reason(world: World, line: str) -> None:
    reply = await slash(world, line)
    assert keys(reply) == ["raw", "usage.absent.console"]
    assert reply.texts[0].args["ja"] and reply.texts[0].args["en"]
    assert await absences(world) == []


async def test_a_reason_starting_with_a_number_is_kept(world: World) -> None:
    await slash(world, "absent 12/2 12/3 3日間の出張")
    assert [a[3] for a in await absences(world)] == ["3日間の出張"]


async def test_absent_off_and_status(world: World) -> None:
    assert keys(await slash(world, "absent off")) == ["error.no_absence"]
    status = await slash(world, "absent status")
    assert keys(status) == ["reply.absence_none", "reply.acting"]
    assert status.texts[-1].args == {"approver": OFFICER, "role": "officer"}

    await slash(world, "absent 今日 12/3 出張")
    status = await slash(world, "不在 状況")
    assert keys(status) == ["reply.absence_line", "reply.acting"]
    assert status.texts[0].args["reason"] == "出張"
    assert status.texts[-1].args == {"approver": DEPUTY, "role": "deputy"}

    off = await slash(world, "absent off")
    assert keys(off) == ["reply.absence_cleared"]
    assert await absences(world) == []


async def test_absent_off_for_someone_else(world: World) -> None:
    await slash(world, "absent 12/2 12/3")
    reply = await slash(world, "absent off officer", actor=DEPUTY)
    assert keys(reply) == ["reply.absence_cleared"]
    assert reply.texts[0].args == {"user": OFFICER}


async def test_absent_status_with_nobody_eligible(world: World) -> None:
    await slash(world, "absent 今日 12/3")
    await slash(world, "absent 今日 12/3", actor=DEPUTY)
    status = await slash(world, "absent status", actor=STAFF)
    assert keys(status)[-1] == "reply.acting_none"
    assert status.texts[-1].args == {"reason_code": "both_absent"}


@pytest.mark.parametrize("verb", ["queue", "一覧"])
async def test_queue(world: World, verb: str) -> None:
    assert keys(await slash(world, verb)) == ["reply.queue_empty"]
    later = await world.submit("あとの投稿", wished_at=jst(12, 3, 10))
    sooner = await world.submit("さきの投稿\n二行目", wished_at=jst(12, 2, 10))
    withdrawn = await world.submit("取り下げ")
    await world.handle(cmd.Withdraw(STAFF, withdrawn.id))
    reply = await slash(world, verb, actor=STAFF)
    assert keys(reply) == ["reply.queue_line", "reply.queue_line"]
    assert [t.args["draft"] for t in reply.texts] == [sooner.id, later.id]
    assert reply.texts[0].args["excerpt"] == "さきの投稿 二行目"


async def test_queue_shows_suspension(world: World) -> None:
    await slash(world, "suspend 点検のため")
    reply = await slash(world, "queue")
    assert keys(reply) == ["reply.suspended_status", "reply.queue_empty"]


@pytest.mark.parametrize("actor", [DEPUTY, STAFF, ADMIN])
async def test_suspend_and_resume_refused_for_non_officers(world: World, actor: str) -> None:
    assert keys(await slash(world, "suspend 点検", actor=actor)) == ["error.only_officer"]
    assert keys(await slash(world, "resume", actor=actor)) == ["error.only_officer"]
    async with world.deps.uow() as uow:
        assert await uow.accounts.get_suspension(ACCOUNT) is None


async def test_suspend_and_resume_by_the_officer(world: World) -> None:
    assert keys(await slash(world, "suspend")) == ["usage.suspend"]
    reply = await slash(world, "停止 災害対応のため")
    assert keys(reply) == ["reply.suspended"]
    assert reply.texts[0].args == {"reason": "災害対応のため"}
    assert keys(await slash(world, "再開")) == ["reply.resumed"]
    assert keys(await slash(world, "resume")) == ["error.not_suspended"]


async def test_roles_show_and_set(world: World) -> None:
    shown = await slash(world, "役割", actor=STAFF)
    assert keys(shown) == ["reply.roles"]
    assert shown.texts[0].args["officer"] == OFFICER
    reply = await slash(world, "roles set officer console:newboss", actor=ADMIN)
    assert keys(reply) == ["reply.role_set", "reply.roles"]
    assert reply.texts[1].args["officer"] == "console:newboss"
    removed = await slash(world, "roles remove admin admin", actor="console:newboss")
    assert keys(removed) == ["reply.role_set", "reply.roles"]
    assert removed.texts[1].args["admins"] == "-"


@pytest.mark.parametrize(
    ("line", "actor", "expected"),
    [
        ("roles set officer console:x", STAFF, ["error.only_manager"]),
        ("roles set officer console:x", DEPUTY, ["error.only_manager"]),
        ("roles set boss console:x", ADMIN, ["error.unknown_role", "usage.roles.console"]),
        ("roles set officer", ADMIN, ["usage.roles.console"]),
        ("roles promote officer console:x", ADMIN, ["usage.roles.console"]),
        ("roles set officer bad\u0000user", ADMIN, ["error.bad_user.console"]),
    ],
)
async def test_roles_mistakes(world: World, line: str, actor: str, expected: list[str]) -> None:
    assert keys(await slash(world, line, actor=actor)) == expected
    async with world.deps.uow() as uow:
        assert await uow.accounts.get_roles(ACCOUNT) == SEED  # unchanged since seeding


@pytest.mark.parametrize(
    "line",
    [
        "absent off nobody\u0000here",
        "absent <@> 12/1",
        "absent : 12/1 12/2",
        "absent 99999999999/1 1/1",
        "absent 2026-02-30 2026-03-01",
        "absent 12/2 12/3 " + "x" * 3000,
        "roles set staff slack:",
        "check \u200b",
        "suspend \u3000",
        "queue extra words",
        "不在 status",
        "absent status extra",
        "resume now please",
    ],
)
async def test_no_mistake_escapes_as_an_exception(world: World, line: str) -> None:
    reply = await slash(world, line)
    assert reply.texts
    for text in reply.texts:
        assert text.key in CATALOGUE, text.key


async def test_unknown_account_is_a_text(world: World) -> None:
    reply = await run_slash(world.bus, OFFICER, "nowhere", "queue")
    assert keys(reply) == ["error.unknown_account"]


async def test_absent_on_a_date_just_passed_names_both_readings(world: World) -> None:
    reply = await slash(world, "absent 11/30 出張")
    assert reply.error
    assert keys(reply) == ["raw", "usage.absent.console"]
    message = reply.texts[0].args
    assert "2026年11月30日(月)" in str(message["ja"]) and "2027年11月30日(火)" in str(message["ja"])
    assert "Mon 30 Nov 2026" in str(message["en"]) and "Tue 30 Nov 2027" in str(message["en"])
    assert "2026/11/30、2027/11/30" in str(message["ja"])  # the form that was typed
    assert await absences(world) == []


async def test_absent_weekday_that_does_not_match_names_the_right_one(world: World) -> None:
    reply = await slash(world, "absent 12月2日(火) 12月3日(木)")
    assert reply.error
    assert "水曜日" in str(reply.texts[0].args["ja"])
    assert "Wednesday" in str(reply.texts[0].args["en"])
    assert await absences(world) == []


async def test_absent_until_a_far_year_keeps_the_start_in_this_year(world: World) -> None:
    reply = await slash(world, "absent 12/2 2099-12-31")
    assert keys(reply) == ["error.absence_too_long"]  # not 2099-12-02 .. 2099-12-31
    assert await absences(world) == []
