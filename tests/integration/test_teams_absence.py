"""Teams: an absence is announced proactively to the officer, the deputy and the admin, and the
waiting card moves to the deputy (with buttons and a note) while the officer keeps an FYI copy
without decision buttons; clearing it brings the card back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chatbot.domain import commands as cmd
from tests.fake_servers.bot_connector import Sent
from tests.integration.teams_harness import CHANNEL, Teams, teams_server, validate_card

PEOPLE = ("officer", "deputy", "admin")


def _verbs(card: dict[str, Any]) -> list[str]:
    """The verbs of the card's buttons (a reason form is a ShowCard holding an Execute)."""
    return [
        action.get("verb") or action["card"]["actions"][0]["verb"]
        for action in card.get("actions", [])
    ]


def _to(teams: Teams, who: str) -> list[Sent]:
    return teams.connector.of("send", f"a:1personal-{who}")


async def _meet_everyone(teams: Teams) -> None:
    """Each person has written to the bot once: their conversation references are stored."""
    for who in (*PEOPLE, "staff"):
        await teams.personal_message(who, "help")


async def test_absence_notices_and_cards_reach_everyone_in_teams(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        await _meet_everyone(teams)
        draft = await teams.submit("staff")
        await teams.deliver()
        before = {who: len(_to(teams, who)) for who in PEOPLE}

        await teams.personal_message("deputy", "absent teams:aad-officer 12/7 12/9 出張")
        assert "不在を登録しました" in teams.last_reply("a:1personal-deputy")
        await teams.deliver()

        new = {who: _to(teams, who)[before[who] :] for who in PEOPLE}
        for who in PEOPLE:
            notices = [s for s in new[who] if "【不在のお知らせ】" in s.text()]
            assert len(notices) == 1, (who, [s.text() for s in new[who]])
            text = notices[0].text()
            assert "Officer Sato（運用責任者）は " in text and "12月7日(月) 10:00 から" in text
            assert "理由：出張／登録：Deputy Suzuki" in text
            assert "運用責任者補佐（Deputy Suzuki）が行います" in text
            assert "送り直した判断待ちの投稿案：1件" in text
            validate_card(notices[0].card)
        [deputy_card] = [s for s in new["deputy"] if draft in s.text() and _verbs(s.card)]
        assert "不在のため" in deputy_card.text()
        assert _verbs(deputy_card.card)[:3] == ["approve", "request_changes", "decline"]
        validate_card(deputy_card.card)
        [officer_copy] = [s for s in new["officer"] if "控え" in s.text()]
        assert draft in officer_copy.text()
        assert not {"approve", "request_changes", "decline"} & set(_verbs(officer_copy.card))
        validate_card(officer_copy.card)

        before = {who: len(_to(teams, who)) for who in PEOPLE}
        await teams.personal_message("officer", "absent off")
        await teams.deliver()
        for who in PEOPLE:
            cleared = [s for s in _to(teams, who)[before[who] :] if "【不在解除" in s.text()]
            assert len(cleared) == 1 and "承認は運用責任者" in cleared[0].text()
        back = [s for s in _to(teams, "officer")[before["officer"] :] if "戻りました" in s.text()]
        assert back and "approve" in _verbs(back[0].card)
        # every copy of the card is replaced: the deputy's no longer offers the decision
        updates = teams.connector.of("update", "a:1personal-deputy")
        assert updates and "approve" not in _verbs(updates[-1].card)
        channel_card = teams.connector.of("update", CHANNEL)[-1]
        assert "承認者：Officer Sato（運用責任者）" in channel_card.text()


async def test_english_reader_gets_the_notice_in_english(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url, locale="en") as teams:
        await _meet_everyone(teams)
        await teams.personal_message("officer", "absent 12/8 12/9")
        await teams.deliver()
        [notice] = [s for s in _to(teams, "admin") if "[Absence]" in s.text()]
        text = notice.text()
        assert "Officer Sato (officer) is absent from" in text
        assert "Meanwhile approvals go to the deputy (Deputy Suzuki)" in text
        assert "reason: —; set by Officer Sato" in text


async def test_an_escalated_draft_reaches_the_deputy_with_its_buttons(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        await _meet_everyone(teams)
        draft = await teams.submit("staff")  # Monday 7 December, 10:00
        await teams.deliver()
        teams.clock.set(datetime(2026, 12, 8, 0, 15, tzinfo=UTC))  # Tuesday 9:15 in Tokyo
        report = await teams.server.app.core.handle(cmd.RunReminders("shonin"))
        assert report.escalated == [draft]
        await teams.deliver()
        [card] = [s for s in _to(teams, "deputy") if draft in s.text() and _verbs(s.card)]
        assert _verbs(card.card)[:3] == ["approve", "request_changes", "decline"]
        assert "29:deputy" in card.card["refresh"]["userIds"]
        validate_card(card.card)
        body = await teams.click("deputy", "approve", draft)
        assert "承認" in json.dumps(body, ensure_ascii=False)
        async with teams.server.app.deps.uow() as uow:
            decided = await teams.server.app.deps.load(uow, draft)
        assert decided.state.value in ("approved", "scheduled")
        assert decided.decisions[-1].actor == "teams:aad-deputy"
