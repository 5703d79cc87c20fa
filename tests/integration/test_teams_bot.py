"""Teams end to end: POST /api/messages (the real aiohttp route and the Agents SDK adapter)
against a fake Bot Connector; the core, storage and outbox are the real ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chatbot import actions
from chatbot.actions import ActionInput
from chatbot.services import queries
from tests.integration.teams_harness import (
    CAPTION,
    CHANNEL,
    TOWN_CHANNEL,
    Teams,
    teams_server,
    validate_card,
)


def _verbs(card: dict[str, object]) -> list[str]:
    found = []
    for action in card.get("actions", []):  # type: ignore[union-attr]
        found.append(action.get("verb") or action["card"]["actions"][0]["verb"])
    return found


async def test_a_channel_message_becomes_a_draft_and_its_card(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        await teams.personal_message("officer", "help")  # the officer has met the bot
        draft = await teams.submit("staff")
        assert teams.connector.file_requests == [("photo.jpg", "")]  # no token: dev mode
        await teams.deliver()

        posted = teams.connector.of("send", CHANNEL)
        assert len(posted) == 1, teams.connector.sent
        card = posted[0].card
        validate_card(card)
        assert draft in posted[0].text() and CAPTION in posted[0].text()
        assert "画像：1枚" in posted[0].text()
        assert _verbs(card)[:3] == ["approve", "request_changes", "decline"]
        # The officer may decide; the author may withdraw: both see the live card.
        assert sorted(card["refresh"]["userIds"]) == ["29:officer", "29:staff"]
        assert card["refresh"]["action"]["verb"] == "refresh"
        direct = teams.connector.of("send", "a:1personal-officer")
        assert direct and draft in direct[-1].text() and "承認をお願いします" in direct[-1].text()
        validate_card(direct[-1].card)


def _card_of(response: dict[str, Any]) -> dict[str, Any]:
    assert response["type"] == "application/vnd.microsoft.card.adaptive", response
    card: dict[str, Any] = response["value"]
    validate_card(card)
    return card


def _texts(node: Any) -> str:
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return "\n".join(own + [_texts(v) for v in node.values()])
    if isinstance(node, list):
        return "\n".join(_texts(item) for item in node)
    return ""


async def _awaiting(teams: Teams) -> str:
    """A draft waiting for the officer, who has met the bot; the cards are out."""
    await teams.personal_message("officer", "help")
    draft = await teams.submit("staff")
    await teams.deliver()
    return draft


async def test_the_officer_approves_and_every_copy_of_the_card_is_replaced(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        draft = await _awaiting(teams)
        card = _card_of(await teams.click("officer", "approve", draft))
        assert "承認しました" in _texts(card)
        assert "承認済み" in _texts(card) and "approve" not in _verbs(card)
        await teams.deliver()
        updates = teams.connector.of("update")
        assert {u.conversation for u in updates} == {CHANNEL, "a:1personal-officer"}
        channel_card = teams.connector.of("send", CHANNEL)[0]
        assert channel_card.activity_id in {u.activity_id for u in updates}
        for update in updates:
            validate_card(update.card)
            assert "承認：Officer Sato" in update.text()  # the name Teams gave, not the id
            assert "teams:aad-officer" not in update.text()
            assert "approve" not in _verbs(update.card)
        thread = teams.connector.of("reply", CHANNEL)
        assert thread and "承認" in thread[-1].text()
        assert thread[-1].body["replyToId"] == channel_card.activity_id


async def test_a_stranger_may_not_approve_and_sees_no_buttons(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        draft = await _awaiting(teams)
        card = _card_of(await teams.click("stranger", "approve", draft))
        assert "承認待ち" in _texts(card)
        assert "actions" not in card  # the stranger's view: no buttons
        assert "運用責任者（不在時は補佐）のみ" in _texts(card)
        state = await queries.card(teams.server.app.core.deps, draft)
        assert state.state == "awaiting_approval"
        refreshed = _card_of(await teams.click("stranger", "refresh", draft))
        assert "actions" not in refreshed
        officer_view = _card_of(await teams.click("officer", "refresh", draft))
        assert _verbs(officer_view)[:3] == ["approve", "request_changes", "decline"]


async def test_a_second_click_is_told_who_already_decided(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        draft = await _awaiting(teams)
        _card_of(await teams.click("officer", "approve", draft))
        again = _card_of(await teams.click("officer", "approve", draft))
        assert "すでに" in _texts(again) and "Officer Sato" in _texts(again)
        late = _card_of(await teams.click("deputy", "decline", draft, **{"decline.reason": "x"}))
        assert "すでに" in _texts(late) and "Officer Sato" in _texts(late)
        assert "teams:aad-officer" not in _texts(late)
        audit = await teams.server.app.audit_entries()
        approvals = [e for e in audit[0] if e.record.action == "draft.approved"]
        assert len(approvals) == 1


async def test_sending_back_needs_a_reason_and_tells_the_author(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        await teams.personal_message("staff", "help")  # the author can be reached too
        draft = await _awaiting(teams)
        empty = _card_of(await teams.click("officer", "request_changes", draft))
        assert "理由を書いてください" in _texts(empty)
        assert (await queries.card(teams.server.app.core.deps, draft)).state == "awaiting_approval"
        reason = "開催日の曜日を確認してください"
        card = _card_of(
            await teams.click(
                "officer", "request_changes", draft, **{"request_changes.reason": reason}
            )
        )
        assert "差し戻しました" in _texts(card) and reason in _texts(card)
        await teams.deliver()
        to_author = teams.connector.of("send", "a:1personal-staff")
        assert to_author and reason in to_author[-1].text()


async def test_scheduling_outside_operating_hours_is_refused_with_a_suggestion(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        draft = await _awaiting(teams)
        _card_of(await teams.click("officer", "approve", draft))
        night = {"schedule.date": "2026-12-07", "schedule.time": "20:00"}
        card = _card_of(await teams.click("officer", "schedule", draft, **night))
        assert "運用時間外" in _texts(card)
        assert (await queries.card(teams.server.app.core.deps, draft)).state == "approved"
        morning = {"schedule.date": "2026-12-08", "schedule.time": "10:00"}
        card = _card_of(await teams.click("officer", "schedule", draft, **morning))
        assert "投稿予約しました" in _texts(card)
        assert (await queries.card(teams.server.app.core.deps, draft)).state == "scheduled"


async def test_a_decision_made_in_slack_updates_the_teams_card(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        draft = await teams.submit("staff", channel=TOWN_CHANNEL)
        await teams.deliver()
        posted = teams.connector.of("send", TOWN_CHANNEL)
        assert len(posted) == 1
        # The town's officer is on Slack: the decision arrives through the bus, as Slack sends it.
        core = teams.server.app.core
        await core.handle(actions.to_command("approve", "slack:UOFFICER", draft, ActionInput()))
        await teams.deliver()
        updates = teams.connector.of("update", TOWN_CHANNEL)
        assert [u.activity_id for u in updates] == [posted[0].activity_id]
        assert "承認：slack:UOFFICER" in updates[0].text()
        validate_card(updates[0].card)
        stale = _card_of(await teams.click("staff", "approve", draft))
        assert "すでに" in _texts(stale) and "slack:UOFFICER" in _texts(stale)


async def test_each_viewer_sees_only_the_buttons_they_may_use(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        draft = await _awaiting(teams)
        author_view = _card_of(await teams.click("staff", "refresh", draft))
        assert _verbs(author_view) == ["withdraw"]
        officer_view = _card_of(await teams.click("officer", "refresh", draft))
        assert "withdraw" not in _verbs(officer_view)


async def test_check_typed_to_the_bot_lists_the_findings(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url, locale="en") as teams:
        await teams.personal_message("staff", "check 山田太郎さんの電話番号は090-1234-5678です")
        reply = teams.last_reply("a:1personal-staff")
        lines = [line for line in reply.splitlines() if line]
        assert lines[0].startswith("Policy check")
        assert lines[1].startswith("[must fix]") and "phone number" in lines[1]
        assert any(line.startswith("[please check]") for line in lines[2:])


async def test_help_and_usage_on_teams_use_teams_words(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        await teams.personal_message("staff", "help")
        said = teams.last_reply("a:1personal-staff")
        assert "@shonin absent 12/1 12/3" in said and "teams:0000" in said
        assert "/shonin" not in said and "slack:" not in said
        await teams.channel_message("admin", "absent 13/45")
        said = teams.last_reply(CHANNEL)
        assert "『13/45』" in said and "@shonin absent 12/1 12/3" in said
        assert "/shonin" not in said and "slack:" not in said
    async with teams_server(tmp_path, default_database_url, locale="en") as teams:
        await teams.personal_message("staff", "roles set officer")
        said = teams.last_reply("a:1personal-staff")
        assert "@shonin roles set officer @Sato" in said and "/shonin" not in said


async def test_cards_and_texts_show_the_names_the_bot_has_seen(
    tmp_path: Path, default_database_url: str
) -> None:
    guid = "0f3c6a2e-5b1d-4c8e-9a7f-1d2e3f4a5b6c"
    async with teams_server(tmp_path, default_database_url) as teams:
        draft = await _awaiting(teams)
        card = teams.connector.of("send", CHANNEL)[0]
        assert "作成：Staff Tanaka" in card.text() and "承認者：Officer Sato" in card.text()
        assert "teams:aad-" not in card.text()
        assert draft in card.text()
        # Someone the bot has never seen: a short form, never the whole object id.
        await teams.channel_message("admin", f"roles set admin teams:{guid}")
        said = teams.last_reply(CHANNEL)
        assert "teams:0f3c6a2e…" in said and guid not in said
        assert "Officer Sato" in said and "Admin Ito" in said
        # A mention teaches the bot a name (looked up as a conversation member) from then on.
        teams.connector.members["29:deputy"] = {"id": "29:deputy", "name": "Deputy Suzuki",
                                                "aadObjectId": "aad-deputy"}  # fmt: skip
        await teams.channel_message("admin", "roles", mentions=())
        assert "Deputy Suzuki" not in teams.last_reply(CHANNEL)  # not seen yet: its id
        await teams.channel_message(
            "admin", "roles set staff <at>Deputy Suzuki</at>", mentions=("deputy",)
        )
        assert "Deputy Suzuki" in teams.last_reply(CHANNEL)
        async with teams.server.app.core.deps.uow() as uow:
            stored = await uow.conversations.get("teams", "teams:aad-deputy")
        assert stored is not None and "Deputy Suzuki" in stored.reference
