"""Clicks and modals: strangers, double and concurrent clicks, reasons, schedules, absence."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from storage import tables as t
from tests.e2e.slack.harness import (
    CHANNEL,
    DEPUTY,
    OFFICER,
    STAFF,
    STRANGER,
    Slack,
    buttons,
    running_slack,
)

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


async def _state(slack: Slack, draft_id: str) -> str:
    async with slack.server.app.engine.connect() as connection:
        query = select(t.drafts.c.state).where(t.drafts.c.id == draft_id)
        return str((await connection.execute(query)).scalar_one())


async def _decisions(slack: Slack, kind: str) -> int:
    async with slack.server.app.engine.connect() as connection:
        query = select(func.count()).select_from(t.decisions).where(t.decisions.c.kind == kind)
        return int((await connection.execute(query)).scalar_one())


async def _draft(slack: Slack, text: str = CLEAN) -> tuple[str, Any]:
    """A posted draft and the officer's DM card."""
    await slack.post_message(STAFF, text, [slack.image()])
    await slack.settle()
    [card] = slack.cards_to(f"D{OFFICER}")
    draft_id = json.loads(slack.button_value(card, "request_changes"))["d"]
    return draft_id, card


def _ephemeral_to(slack: Slack, user: str) -> list[str]:
    return [c.text() for c in slack.fake.of("chat.postEphemeral") if c["user"] == user]


async def test_a_stranger_click_is_refused_privately_and_changes_nothing(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        draft_id, card = await _draft(slack)
        slack.fake.clear()
        response = await slack.click(STRANGER, "approve", slack.button_value(card, "approve"))
        assert response.status == 200
        await slack.settle()
        assert await _state(slack, draft_id) == "awaiting_approval"
        [told] = _ephemeral_to(slack, STRANGER)
        assert "権限" in told or "承認できるのは" in told or "運用責任者" in told
        assert not slack.fake.of("chat.update")
        assert not slack.fake.of("views.open")
        # the author cannot approve their own draft either
        await slack.click(STAFF, "approve", slack.button_value(card, "approve"))
        await slack.settle()
        assert await _state(slack, draft_id) == "awaiting_approval"
        assert _ephemeral_to(slack, STAFF)


async def test_a_second_click_says_who_decided_and_redraws_that_card(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        _, card = await _draft(slack)
        value = slack.button_value(card, "approve")
        await slack.click(OFFICER, "approve", value, channel=f"D{OFFICER}", message_ts="9.1")
        await slack.settle()
        slack.fake.clear()
        await slack.click(OFFICER, "approve", value, channel=f"D{OFFICER}", message_ts="9.1")
        await slack.settle()
        assert await _decisions(slack, "approve") == 1
        [told] = _ephemeral_to(slack, OFFICER)
        assert OFFICER in told  # "already approved by <@U0OFFICER>"
        [redrawn] = slack.fake.of("chat.update")
        assert (redrawn["channel"], redrawn["ts"]) == (f"D{OFFICER}", "9.1")
        assert "approve" not in buttons(redrawn["blocks"])


async def test_twenty_concurrent_clicks_make_one_decision(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        draft_id, card = await _draft(slack)
        value = slack.button_value(card, "approve")
        slack.fake.clear()
        responses = await asyncio.gather(
            *(slack.click(OFFICER, "approve", value, channel=f"D{OFFICER}") for _ in range(20))
        )
        assert {r.status for r in responses} == {200}
        await slack.settle()
        assert await _state(slack, draft_id) == "approved"
        assert await _decisions(slack, "approve") == 1
        told = _ephemeral_to(slack, OFFICER)
        assert len(told) == 20  # one "approved", nineteen "already approved by …"


async def test_send_back_asks_a_reason_in_a_modal_and_tells_the_author(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        draft_id, card = await _draft(slack)
        slack.fake.clear()
        await slack.click(OFFICER, "request_changes", slack.button_value(card, "request_changes"))
        await slack.settle()
        [opened] = slack.fake.of("views.open")
        view = opened["view"]
        assert view["callback_id"] == "shonin_reason"
        assert await _state(slack, draft_id) == "awaiting_approval"
        # an empty reason is refused in the modal
        empty = await slack.submit(
            OFFICER, view, {"reason": {"type": "plain_text_input", "value": " "}}
        )
        assert empty.status == 200 and (await empty.json())["response_action"] == "errors"
        reason = "日付の曜日が違います。12月20日は日曜日です。"
        done = await slack.submit(
            OFFICER, view, {"reason": {"type": "plain_text_input", "value": reason}}
        )
        assert done.status == 200
        await slack.settle()
        assert await _state(slack, draft_id) == "changes_requested"
        to_author = [c for c in slack.fake.of("chat.postMessage") if c["channel"] == f"D{STAFF}"]
        assert any(reason in c.text() for c in to_author)
        in_thread = [c for c in slack.fake.of("chat.postMessage") if c.get("thread_ts")]
        assert any(reason in c.text() for c in in_thread)


async def test_a_stranger_gets_no_reason_modal(tmp_path: Path, default_database_url: str) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        draft_id, card = await _draft(slack)
        slack.fake.clear()
        await slack.click(STRANGER, "decline", slack.button_value(card, "decline"))
        await slack.settle()
        assert not slack.fake.of("views.open")
        assert _ephemeral_to(slack, STRANGER)
        assert await _state(slack, draft_id) == "awaiting_approval"


async def test_scheduling_outside_hours_is_refused_with_the_next_slot(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        draft_id, card = await _draft(slack)
        await slack.click(OFFICER, "approve", slack.button_value(card, "approve"))
        await slack.settle()
        assert await _state(slack, draft_id) == "approved"
        [channel_card] = [u for u in slack.fake.of("chat.update") if u["channel"] == CHANNEL][-1:]
        assert "schedule" in buttons(channel_card["blocks"])
        slack.fake.clear()
        value = json.dumps({"d": draft_id, "r": 1})
        await slack.click(OFFICER, "schedule", value)
        await slack.settle()
        [opened] = slack.fake.of("views.open")
        view = opened["view"]
        assert view["callback_id"] == "shonin_schedule"
        saturday = int(datetime(2026, 12, 12, 1, 0, tzinfo=UTC).timestamp())  # Sat 10:00 JST
        refused = await slack.submit(
            OFFICER, view, {"at": {"type": "datetimepicker", "selected_date_time": saturday}}
        )
        body = await refused.json()
        assert body["response_action"] == "errors"
        [message] = body["errors"].values()
        assert "運用時間外" in message and "12月14日" in message  # next slot: Monday 8:30
        assert await _state(slack, draft_id) == "approved"
        monday = int(datetime(2026, 12, 14, 1, 0, tzinfo=UTC).timestamp())
        accepted = await slack.submit(
            OFFICER, view, {"at": {"type": "datetimepicker", "selected_date_time": monday}}
        )
        assert accepted.status == 200 and not (await accepted.read())
        await slack.settle()
        assert await _state(slack, draft_id) == "scheduled"


async def test_absence_reroutes_waiting_cards_to_the_deputy(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        draft_id, _ = await _draft(slack)
        slack.fake.clear()
        response = await slack.command(OFFICER, "absent 12/7 12/9 出張")
        assert response.status == 200
        await slack.settle()
        [reply] = slack.fake.responses
        assert reply["response_type"] == "ephemeral"
        [deputy_card] = slack.cards_to(f"D{DEPUTY}")
        assert "approve" in buttons(deputy_card["blocks"])
        to_officer = [c for c in slack.fake.of("chat.postMessage") if c["channel"] == f"D{OFFICER}"]
        assert to_officer and not any(buttons(c.get("blocks") or []) for c in to_officer)
        # the officer's earlier DM card is redrawn without decision buttons
        officer_updates = [u for u in slack.fake.of("chat.update") if u["channel"] == f"D{OFFICER}"]
        assert officer_updates
        assert not {"approve", "decline"} & set(buttons(officer_updates[-1]["blocks"]))
        await slack.click(DEPUTY, "approve", slack.button_value(deputy_card, "approve"))
        await slack.settle()
        assert await _state(slack, draft_id) == "approved"


async def _audit_details(slack: Slack, action: str) -> dict[str, Any]:
    async with slack.server.app.engine.connect() as connection:
        query = select(t.audit_entries.c.details).where(t.audit_entries.c.action == action)
        found = (await connection.execute(query)).scalar_one()
    return dict(found if isinstance(found, dict) else json.loads(found))


async def test_the_clause_chosen_in_the_modal_is_its_own_field_told_and_shown(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        draft_id, card = await _draft(slack)
        slack.fake.clear()
        await slack.click(OFFICER, "decline", slack.button_value(card, "decline"))
        await slack.settle()
        [opened] = slack.fake.of("views.open")
        view = opened["view"]
        [select_block] = [b for b in view["blocks"] if b.get("block_id") == "clause"]
        offered = [o["value"] for o in select_block["element"]["options"]]
        # the pack's clauses, in the guideline's order (5(2) before 5(10))
        assert "5(5)" in offered and offered.index("5(2)") < offered.index("5(10)")
        reason = "個人の氏名と電話番号が写っています。"
        chosen = {"type": "static_select", "selected_option": {"value": "5(5)"}}
        done = await slack.submit(
            OFFICER,
            view,
            {"reason": {"type": "plain_text_input", "value": reason}, "clause": chosen},
        )
        assert done.status == 200
        await slack.settle()
        assert await _state(slack, draft_id) == "rejected"
        details = await _audit_details(slack, "draft.declined")
        assert details["reason"] == reason  # the clause is no longer glued to the reason
        assert (details["clause"], details["clause_text"]) == ("5(5)", "個人情報を含むもの")
        to_author = [c for c in slack.fake.of("chat.postMessage") if c["channel"] == f"D{STAFF}"]
        assert any("条項 5(5) 個人情報を含むもの" in c.text() for c in to_author)
        in_thread = [c for c in slack.fake.of("chat.postMessage") if c.get("thread_ts")]
        assert any("条項 5(5) 個人情報を含むもの" in c.text() for c in in_thread)
        updated = slack.fake.of("chat.update")
        assert updated and all("5(5) 個人情報を含むもの" in c.text() for c in updated)


async def test_a_forged_clause_is_refused_in_the_modal_and_changes_nothing(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        draft_id, card = await _draft(slack)
        slack.fake.clear()
        await slack.click(OFFICER, "request_changes", slack.button_value(card, "request_changes"))
        await slack.settle()
        [opened] = slack.fake.of("views.open")
        forged = {"type": "static_select", "selected_option": {"value": "99(1)"}}
        refused = await slack.submit(
            OFFICER,
            opened["view"],
            {"reason": {"type": "plain_text_input", "value": "理由"}, "clause": forged},
        )
        body = await refused.json()
        assert body["response_action"] == "errors"
        assert "99(1)" in json.dumps(body, ensure_ascii=False)
        assert "5(5)" in json.dumps(body, ensure_ascii=False)  # the clauses it does have
        await slack.settle()
        assert await _state(slack, draft_id) == "awaiting_approval"
        assert not [c for c in slack.fake.of("chat.postMessage") if c["channel"] == f"D{STAFF}"]
