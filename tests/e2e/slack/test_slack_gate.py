"""The gate in Slack: must-fix findings hide a plain approve; the officer overrides with a reason."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from storage import tables as t
from tests.e2e.slack.harness import OFFICER, STAFF, running_slack

PHONE = "展示のお知らせ。お問い合わせは090-1234-5678まで"


async def test_a_must_fix_finding_needs_a_written_reason_in_a_modal(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        _, ts = await slack.post_message(STAFF, PHONE, [slack.image()])
        await slack.settle()
        thread = [c for c in slack.fake.of("chat.postMessage") if c.get("thread_ts") == ts]
        assert any("要修正" in c.text() for c in thread)  # findings by severity in the thread
        [card] = slack.cards_to(f"D{OFFICER}")
        value = slack.button_value(card, "approve")
        approve = next(
            e
            for b in card["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if e["action_id"] == "approve"
        )
        assert "confirm" not in approve  # the reason modal is the confirm step
        slack.fake.clear()
        await slack.click(OFFICER, "approve", value)
        await slack.settle()
        [opened] = slack.fake.of("views.open")
        view = opened["view"]
        assert view["callback_id"] == "shonin_reason"
        assert json.loads(view["private_metadata"])["a"] == "approve"
        reason = "担当者の業務用携帯で、掲載の了承を得ています"
        done = await slack.submit(
            OFFICER, view, {"reason": {"type": "plain_text_input", "value": reason}}
        )
        assert done.status == 200
        await slack.settle()
        async with slack.server.app.engine.connect() as connection:
            state = (await connection.execute(select(t.drafts.c.state))).scalar_one()
            audit = (
                await connection.execute(
                    select(t.audit_entries.c.details).where(
                        t.audit_entries.c.action == "draft.approved"
                    )
                )
            ).scalar_one()
        assert state == "approved"
        assert audit["override"]["reason"] == reason
        updated = slack.fake.of("chat.update")
        assert updated and any(reason in u.text() for u in updated)


async def test_shonin_check_answers_privately_with_the_findings(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        response = await slack.command(STAFF, f"check {PHONE}")
        assert response.status == 200
        await slack.settle()
        [reply] = slack.fake.responses
        assert reply["response_type"] == "ephemeral"
        shown = json.dumps(reply["blocks"], ensure_ascii=False)
        assert "要修正" in shown and "090-1234-5678" in shown
        async with slack.server.app.engine.connect() as connection:
            assert (await connection.execute(select(t.drafts.c.id))).first() is None
