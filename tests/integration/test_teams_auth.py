"""Teams with authentication on: the SDK's JWT validation against a local JWKS (no network).

A token signed by a published key, for the bot's app id, from the Bot Framework issuer, still
valid, is accepted and its activity runs (the reply goes out with the bot's outgoing token); a
wrong audience, a wrong issuer, an expired token, a bad signature, an unknown key and a missing
token are each refused with 401 and change nothing.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from microsoft_agents.hosting.core import AgentAuthConfiguration, AnonymousTokenProvider

from tests.fake_servers.jwks import FakeJwks, Signer, jwks_server
from tests.integration.teams_harness import CAPTION, Teams, teams_server

APP_ID = "bot-app-id"  # the harness's [teams] app_id
SECRET = "not-a-real-secret-123"
OUTGOING = "outgoing-token-for-the-connector"


class _Tokens(AnonymousTokenProvider):
    """The bot's outgoing token (MSAL would ask Entra; here it is a fixed string)."""

    def __init__(self, configuration: AgentAuthConfiguration) -> None:
        self.asked: list[list[str]] = []

    async def get_access_token(
        self, resource_url: str, scopes: list[str], force_refresh: bool = False
    ) -> str:
        self.asked.append(scopes)
        return OUTGOING


@asynccontextmanager
async def _secured(
    tmp_path: Path, database_url: str, signer: Signer
) -> AsyncIterator[tuple[Teams, FakeJwks]]:
    env = {"MICROSOFT_APP_PASSWORD": SECRET, "MICROSOFT_APP_TENANTID": "tenant-1"}
    async with jwks_server(signer) as keys:
        options: dict[str, Any] = {"keys_url": keys.url, "token_providers": _Tokens}
        async with teams_server(
            tmp_path, database_url, env_extra=env, dev_no_auth=False, component=options
        ) as teams:
            assert teams.server.http is not None
            yield teams, keys


def _post_activity(teams: Teams) -> dict[str, Any]:
    return teams._base(
        "staff",
        teams.personal_conversation("staff"),
        type="message",
        text=f"post {CAPTION}",
        textFormat="plain",
        channelData={"tenant": {"id": "tenant-1"}},
    )


async def _nothing_changed(teams: Teams) -> None:
    assert teams.connector.sent == []
    async with teams.server.app.core.deps.uow() as uow:
        assert await uow.drafts.list() == []
        assert await uow.conversations.get("teams", "teams:aad-staff") is None


async def test_a_correctly_signed_token_is_accepted_and_the_activity_runs(
    tmp_path: Path, default_database_url: str
) -> None:
    signer = Signer("key-1")
    async with _secured(tmp_path, default_database_url, signer) as (teams, keys):
        token = signer.token(APP_ID, serviceurl=teams.connector.url)
        response = await teams.post(_post_activity(teams), {"Authorization": f"Bearer {token}"})
        assert response.status in (200, 201, 202), await response.text()
        assert keys.requests >= 1  # the signature was checked against the published key
        async with teams.server.app.core.deps.uow() as uow:
            drafts = await uow.drafts.list()
            assert [d.author for d in drafts] == ["teams:aad-staff"]
            assert await uow.conversations.get("teams", "teams:aad-staff") is not None
        reply = teams.connector.of("reply", "a:1personal-staff")
        assert reply and drafts[0].id in reply[-1].text()
        assert reply[-1].authorization == f"Bearer {OUTGOING}"  # the bot's own token goes out


@pytest.mark.parametrize(
    "case",
    ["wrong audience", "wrong issuer", "expired", "bad signature", "unknown key", "no token"],
)
async def test_a_bad_token_is_refused_with_401_and_changes_nothing(
    tmp_path: Path, default_database_url: str, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    signer = Signer("key-1")
    async with _secured(tmp_path, default_database_url, signer) as (teams, _keys):
        url = teams.connector.url
        forger = Signer("key-1")  # the same key id, another key: not what was published
        tokens = {
            "wrong audience": signer.token("another-bots-app-id", serviceurl=url),
            "wrong issuer": signer.token(APP_ID, iss="https://sts.example.com/", serviceurl=url),
            "expired": signer.token(APP_ID, lifetime=-3600, serviceurl=url),
            "bad signature": forger.token(APP_ID, serviceurl=url),
            "unknown key": Signer("key-2").token(APP_ID, serviceurl=url),
            "no token": "",
        }
        headers = {"Authorization": f"Bearer {tokens[case]}"} if tokens[case] else {}
        response = await teams.post(_post_activity(teams), headers)
        assert response.status == 401, (case, await response.text())
        assert SECRET not in await response.text()
        await _nothing_changed(teams)
    assert SECRET not in caplog.text
