"""`/shonin` outside a drafts channel (a DM, another channel): the account comes from the
person's roles — one is used, several are listed with how to choose, none is explained."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.slack.harness import (
    OFFICER,
    OTHER_CHANNEL,
    STAFF,
    STRANGER,
    TWO_ACCOUNTS,
    Slack,
    running_slack,
)

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


async def _reply(slack: Slack, user: str, text: str, channel: str) -> str:
    slack.fake.clear()
    response = await slack.command(user, text, channel=channel)
    assert response.status == 200
    await slack.settle()
    [reply] = slack.fake.responses
    assert reply["response_type"] == "ephemeral"
    return json.dumps([reply["text"], reply["blocks"]], ensure_ascii=False)


async def _draft_id(slack: Slack) -> str:
    await slack.post_message(STAFF, CLEAN, [slack.image()])
    await slack.settle()
    [card] = slack.cards_to(f"D{OFFICER}")
    return str(json.loads(slack.button_value(card, "approve"))["d"])


def _modal(slack: Slack) -> dict[str, Any]:
    [opened] = slack.fake.of("views.open")
    [block] = [b for b in opened["view"]["blocks"] if b.get("block_id") == "account"]
    return dict(block["element"])


async def test_several_accounts_are_listed_and_chosen_with_an_argument(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url, config=TWO_ACCOUNTS) as slack:
        draft = await _draft_id(slack)  # waiting in "art"
        asked = await _reply(slack, OFFICER, "queue", f"D{OFFICER}")
        assert "--account" in asked and "`art`" in asked and "`kokura`" in asked
        assert draft not in asked  # nothing was guessed
        mine = await _reply(slack, OFFICER, "queue --account art", f"D{OFFICER}")
        assert draft in mine and "--account" not in mine
        other = await _reply(slack, OFFICER, "--account=kokura queue", f"D{OFFICER}")
        assert draft not in other and "--account" not in other
        # in a drafts channel, the channel's account
        here = await _reply(slack, OFFICER, "queue", OTHER_CHANNEL)
        assert draft not in here and "--account" not in here
        unknown = await _reply(slack, OFFICER, "queue --account nowhere", f"D{OFFICER}")
        assert "nowhere" in unknown and "`kokura`" in unknown and draft not in unknown


async def test_one_account_is_used_and_preselected_in_the_post_modal(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url, config=TWO_ACCOUNTS) as slack:
        draft = await _draft_id(slack)
        mine = await _reply(slack, STAFF, "queue", f"D{STAFF}")
        assert draft in mine
        slack.fake.clear()
        await slack.command(STAFF, "post", channel=f"D{STAFF}")
        await slack.settle()
        element = _modal(slack)
        assert [o["value"] for o in element["options"]] == ["art"]
        assert element["initial_option"]["value"] == "art"


async def test_the_post_modal_makes_someone_with_several_accounts_choose(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url, config=TWO_ACCOUNTS) as slack:
        await slack.command(OFFICER, "post", channel=f"D{OFFICER}")
        await slack.settle()
        element = _modal(slack)
        assert [o["value"] for o in element["options"]] == ["art", "kokura"]
        assert "initial_option" not in element
        slack.fake.clear()
        await slack.command(OFFICER, "post --account kokura", channel=f"D{OFFICER}")
        await slack.settle()
        assert _modal(slack)["initial_option"]["value"] == "kokura"


async def test_no_role_anywhere_is_explained_but_help_still_works(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url, config=TWO_ACCOUNTS) as slack:
        told = await _reply(slack, STRANGER, "queue", f"D{STRANGER}")
        assert "役割がありません" in told
        refused = await _reply(slack, STRANGER, "post", f"D{STRANGER}")
        assert "役割がありません" in refused
        assert not slack.fake.of("views.open")
        helped = await _reply(slack, STRANGER, "help", f"D{STRANGER}")
        assert "/shonin post" in helped and "--account" in helped
