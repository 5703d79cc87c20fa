"""Teams end to end: POST /api/messages (the real aiohttp route and the Agents SDK adapter)
against a fake Bot Connector; the core, storage and outbox are the real ones."""

from __future__ import annotations

from pathlib import Path

from tests.integration.teams_harness import CAPTION, CHANNEL, teams_server, validate_card


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
