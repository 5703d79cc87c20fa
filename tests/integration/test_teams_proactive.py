"""Teams: commands typed to the bot, proactive messages from stored conversation references
(after a restart too), Bot Connector failures (429, 403), and authentication on."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from chatbot.domain.errors import InvalidInput
from chatbot.outbox import DeliveryState
from handlers.serve import StartupError
from handlers.settings import load_settings
from handlers.teams.component import teams_component
from handlers.teams.media import MediaFetcher
from tests.fake_servers.bot_connector import bot_connector
from tests.fakes.images import jpeg
from tests.integration.teams_harness import CAPTION, CHANNEL, PEOPLE, teams_server


def _member(who: str) -> dict[str, str]:
    mri, name, aad = PEOPLE[who]
    return {"id": mri, "name": name, "aadObjectId": aad, "userPrincipalName": f"{who}@city.example"}


async def test_absence_typed_to_the_bot_routes_the_next_draft_to_the_deputy(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        teams.connector.members["29:officer"] = _member("officer")
        # The deputy has only been seen in the channel: no personal chat yet.
        await teams.channel_message("deputy", "help")
        await teams.channel_message("admin", "absent <at>Officer Sato</at> 12/7 12/9 出張",
                                    mentions=("officer",))  # fmt: skip
        reply = teams.last_reply(CHANNEL)
        assert "Officer Sato の不在を登録しました" in reply, reply  # named by the member look-up
        draft = await teams.submit("staff")
        await teams.deliver()
        created = teams.connector.of("create")
        # personal chats for the absence notices (the officer, known from the mention's member
        # look-up, the deputy and the admin), then the deputy's card
        assert [c.body["members"][0]["id"] for c in created] == [
            "29:officer",
            "29:deputy",
            "29:admin",
        ]
        assert all(c.body["tenantId"] == "tenant-1" for c in created)
        direct = teams.connector.of("send", "a:personal-29:deputy")
        assert direct and draft in direct[-1].text() and "補佐" in direct[-1].text()
        card = teams.connector.of("send", CHANNEL)[-1]
        assert "承認者：Deputy Suzuki（運用責任者補佐）" in card.text()
        assert card.card["refresh"]["userIds"] == ["29:deputy", "29:staff"]


async def test_a_bad_command_is_answered_with_the_usage_and_changes_nothing(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        await teams.personal_message("staff", "frobnicate now")
        assert "「frobnicate」というコマンドはありません" in teams.last_reply("a:1personal-staff")
        await teams.channel_message("admin", "absent someone 13/45")
        assert "日付の形式が正しくありません：『13/45』" in teams.last_reply(CHANNEL)
        await teams.channel_message("staff", "hello", channel="19:elsewhere@thread.tacv2")
        assert "投稿案チャネルにも設定されていません" in teams.last_reply("19:elsewhere")
        async with teams.server.app.core.deps.uow() as uow:
            assert await uow.drafts.list() == []
            assert await uow.absences.list("city") == []
        forged = await teams.click("officer", "publish_now", "nope")
        assert forged["type"] == "application/vnd.microsoft.activity.message"
        broken = await teams.post({"type": "message", "text": "no conversation"})
        assert broken.status == 400


async def test_post_in_a_personal_chat_makes_a_draft_in_english(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url, locale="en") as teams:
        await teams.personal_message("staff", "post")
        assert "The caption is empty." in teams.last_reply("a:1personal-staff")
        await teams.personal_message("staff", f"post {CAPTION}")
        assert "received" in teams.last_reply("a:1personal-staff")


async def test_direct_messages_use_references_stored_before_a_restart(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as first:
        await first.personal_message("officer", "help")
        await first.channel_message("staff", "help")
        connector = first.connector
        async with teams_server(tmp_path, default_database_url, connector=connector) as second:
            # A new process (or another replica) that has heard nothing itself.
            assert second.server is not first.server
            await second.channel_message("staff", CAPTION, attachments=[second.image()])
            await first.server.close()  # the first replica is gone before delivery
            await second.deliver()
            direct = connector.of("send", "a:1personal-officer")
            assert len(direct) == 1  # proactive (the answer to "help" was a reply)
            assert "承認をお願いします" in direct[-1].text()
            assert len(connector.of("reply", "a:1personal-officer")) == 1
            assert len(connector.of("send", CHANNEL)) == 1  # the card


async def test_a_throttled_connector_is_retried_after_retry_after(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        await teams.personal_message("officer", "help")
        draft = await teams.submit("staff")
        teams.connector.throttle = [2, 1]  # the next two calls answer 429
        await teams.deliver()
        assert teams.sleeps == [2, 1]
        assert len(teams.connector.of("send", CHANNEL)) == 1
        async with teams.server.app.core.deps.uow() as uow:
            assert await uow.notifications.pending(draft) == []


async def test_a_long_throttle_and_a_forbidden_conversation_go_back_to_the_outbox_explained(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        await teams.personal_message("officer", "help")
        teams.connector.forbidden.add("a:1personal-officer")
        draft = await teams.submit("staff")
        teams.connector.throttle = [120]  # longer than we wait in-process
        await teams.deliver()
        async with teams.server.app.core.deps.uow() as uow:
            pending = await uow.notifications.pending(draft)
        errors = sorted(row.last_error for row in pending)
        assert any("429" in e and "120" in e for e in errors), errors
        assert any("403" in e and "a:1personal-officer" in e for e in errors), errors
        assert all(row.state is DeliveryState.PENDING and row.attempts == 1 for row in pending)


async def test_with_credentials_an_unsigned_activity_is_refused(
    tmp_path: Path, default_database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # even at DEBUG, the secret reaches no log
    env = {"MICROSOFT_APP_PASSWORD": "not-a-real-secret-123", "MICROSOFT_APP_TENANTID": "tenant-1"}
    async with teams_server(
        tmp_path, default_database_url, env_extra=env, dev_no_auth=False
    ) as teams:
        header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode())
        claims = {"aud": "bot-app-id", "iss": "https://api.botframework.com", "serviceurl": "x"}
        payload = base64.urlsafe_b64encode(json.dumps(claims).encode())
        unsigned = f"{header.decode().rstrip('=')}.{payload.decode().rstrip('=')}."
        activity = {
            "type": "message", "id": "1", "channelId": "msteams", "serviceUrl": teams.connector.url,
            "from": {"id": "29:staff", "aadObjectId": "aad-staff"}, "recipient": {"id": "28:bot"},
            "conversation": {"id": "a:1personal-staff", "conversationType": "personal"},
            "text": f"post {CAPTION}",
        }  # fmt: skip
        for headers in ({}, {"Authorization": f"Bearer {unsigned}"}, {"Authorization": "Basic x"}):
            response = await teams.post(activity, headers)
            assert response.status == 401
            assert "not-a-real-secret" not in await response.text()
        assert teams.connector.sent == []
        async with teams.server.app.core.deps.uow() as uow:
            assert await uow.drafts.list() == []
            assert await uow.conversations.get("teams", "teams:aad-staff") is None
    assert "Teams activity refused" in caplog.text
    assert "not-a-real-secret" not in caplog.text


def test_without_credentials_the_endpoint_refuses_to_start_unless_the_dev_flag(
    tmp_path: Path,
) -> None:
    config = tmp_path / "shonin.toml"
    config.write_text(
        '[[accounts]]\nid = "city"\ninstagram_user_id = "1"\npolicy_pack = "kumamoto-artistspot"\n'
        '[accounts.channels]\nteams = "19:x@thread.tacv2"\n',
        encoding="utf-8",
    )
    settings = load_settings({}, config)
    with pytest.raises(Exception) as refused:
        teams_component(settings, dev_no_auth=False)
    error = refused.value
    assert "SHONIN_TEAMS_DEV_NO_AUTH=1" in error.ja and "SHONIN_TEAMS_DEV_NO_AUTH=1" in error.en  # type: ignore[attr-defined]
    assert "\n" not in error.ja and "\n" not in error.en  # type: ignore[attr-defined]
    assert teams_component(settings, dev_no_auth=True) is not None
    flagged = load_settings({"SHONIN_TEAMS_DEV_NO_AUTH": "1"}, config)
    assert flagged.teams.dev_no_auth and teams_component(flagged, dev_no_auth=False) is not None
    with_secret = load_settings(
        {"MICROSOFT_APP_ID": "app", "MICROSOFT_APP_PASSWORD": "pw-123456"}, config
    )
    component = teams_component(with_secret, dev_no_auth=True)
    assert component is not None and component.auth_on  # credentials set: JWT validation on
    assert teams_component(load_settings({}, None), dev_no_auth=False) is None  # Teams not used
    assert StartupError  # serve turns TeamsStartupError into its one-line StartupError


async def test_the_reply_follows_the_persons_teams_language_and_the_bot_says_hello(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        teams.client_locale = "en-US"
        await teams.personal_message("staff", "frobnicate")
        assert "There is no command frobnicate" in teams.last_reply("a:1personal-staff")
        added = {
            "type": "conversationUpdate", "id": "u1", "channelId": "msteams",
            "serviceUrl": teams.connector.url, "from": {"id": "29:admin", "aadObjectId": "aad-admin"},
            "recipient": {"id": "28:bot-app-id", "name": "shonin"},
            "conversation": {"id": CHANNEL, "conversationType": "channel", "tenantId": "tenant-1"},
            "membersAdded": [{"id": "28:bot-app-id"}],
            "channelData": {"channel": {"id": CHANNEL}, "eventType": "teamMemberAdded"},
        }  # fmt: skip
        response = await teams.post(added)
        assert response.status in (200, 202)
        assert "@shonin" in teams.last_reply(CHANNEL)


async def test_attachments_are_checked_and_the_token_stays_with_microsoft() -> None:
    asked: list[str] = []

    async def token() -> str:
        asked.append("token")
        return "secret-bot-token"

    fetcher = MediaFetcher(token, allow_http=True)
    async with bot_connector() as connector:
        connector.files["photo.jpg"] = (jpeg(), "image/jpeg")
        connector.files["notes.txt"] = (b"hello", "text/plain")
        connector.files["huge.jpg"] = (b"\xff\xd8\xff" + b"0" * (8 * 1024 * 1024), "image/jpeg")

        def image(name: str) -> Any:
            return SimpleNamespace(content_type="image/jpeg", name=name,
                                   content_url=f"{connector.url}files/{name}")  # fmt: skip

        (upload,) = await fetcher.fetch(SimpleNamespace(attachments=[image("photo.jpg")]))
        assert (
            upload.content_type == "image/jpeg" and upload.data == connector.files["photo.jpg"][0]
        )
        assert connector.file_requests == [("photo.jpg", "")] and asked == []
        for name, key in (("notes.txt", "bad_type"), ("huge.jpg", "too_large"),
                          ("missing.jpg", "unreadable")):  # fmt: skip
            with pytest.raises(InvalidInput) as refused:
                await fetcher.fetch(SimpleNamespace(attachments=[image(name)]))
            assert refused.value.key == f"teams.attachment.{key}"
        html = SimpleNamespace(content_type="text/html", name="", content_url=None, content="<p>")
        assert await fetcher.fetch(SimpleNamespace(attachments=[html])) == []
    strict = MediaFetcher(token)  # production: https only
    with pytest.raises(InvalidInput):
        await strict.fetch(SimpleNamespace(attachments=[image("photo.jpg")]))


async def test_messages_sent_later_follow_the_language_the_person_last_used_on_teams(
    tmp_path: Path, default_database_url: str
) -> None:
    async with teams_server(tmp_path, default_database_url) as teams:
        teams.client_locale = "en-US"  # the officer's Teams is in English
        await teams.personal_message("officer", "help")
        teams.client_locale = "ja-JP"  # the staff's is in Japanese
        draft = await teams.submit("staff")
        await teams.deliver()
        direct = teams.connector.of("send", "a:1personal-officer")
        assert direct, teams.connector.sent
        asked = direct[-1].text()
        assert draft in asked and "approv" in asked.lower(), asked  # in English, not Japanese
        assert "承認" not in asked, asked
        # the channel card stays in the office's language
        assert "承認者" in teams.connector.of("send", CHANNEL)[-1].text()
