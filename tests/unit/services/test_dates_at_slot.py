"""A publish time fixed after the check is checked again for the caption's announced dates.

The real policy engine reads the dates; the check at posting used the wished time. Approval that
moves the slot, a reschedule, publish-now and a retry each tell the thread when a date the
caption announces is already past at the new time, and record it with the schedule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pytest

from chatbot.domain import commands as cmd
from chatbot.domain.states import DraftState as S
from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CheckResult, MediaBlob
from chatbot.ports import Quota
from tests.unit.services.conftest import ACCOUNT, OFFICER, World, jst, make_world

# Tuesday 8 December 2026, announced as still to come.
EVENT = "12月8日(火)10時から市民ギャラリーで版画展を開催します。ぜひお越しください。"
_ENGINE = PolicyEngine()


@pytest.fixture
async def real() -> World:
    return await make_world(checker=_ENGINE)


def _notes(world: World) -> list[Any]:
    return [c.text for c in world.notifier.of("post_text") if c.text and "dates_past" in c.text.key]


async def _scheduled_details(world: World, draft_id: str) -> list[dict[str, Any]]:
    return [
        e.record.details
        for e in await world.audit()
        if e.record.action == "draft.scheduled" and e.record.draft_id == draft_id
    ]


async def test_rescheduling_after_the_event_is_told_in_the_thread(real: World) -> None:
    draft = await real.submit(EVENT, wished_at=jst(12, 2, 9))
    assert draft.current.check is not None and not [
        f for f in draft.current.check.findings if f.rule == "accuracy.past_date"
    ]
    await real.handle(cmd.Approve(OFFICER, draft.id))
    assert _notes(real) == []  # the slot is the wished time: nothing new to read

    later = jst(12, 10, 10)
    moved = await real.handle(cmd.Schedule(OFFICER, draft.id, later))
    assert moved.state is S.SCHEDULED and moved.scheduled_at == later  # told, not refused
    [note] = _notes(real)
    assert note.key == "note.dates_past_at_slot"
    assert note.args == {"draft": draft.id, "at": later, "dates": "12月8日(火)"}
    details = await _scheduled_details(real, draft.id)
    assert details[-1]["dates_past"] == ["12月8日(火)"]
    assert "dates_past" not in details[0]


async def test_a_slot_before_the_event_says_nothing(real: World) -> None:
    draft = await real.submit(EVENT, wished_at=jst(12, 2, 9))
    await real.handle(cmd.Approve(OFFICER, draft.id))
    await real.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 7, 9)))
    assert _notes(real) == []
    assert all("dates_past" not in d for d in await _scheduled_details(real, draft.id))


async def test_approval_that_moves_the_slot_past_the_event_is_told(real: World) -> None:
    # Friday 4 December 20:00 is outside hours: approval schedules Monday 7 December 08:30,
    # when Saturday the 5th is over.
    caption = "12月5日(土)の朝市、今年も開催します！お待ちしています。"
    draft = await real.submit(caption, wished_at=jst(12, 4, 20))
    approved = await real.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.scheduled_at == jst(12, 7, 8, 30)
    [note] = _notes(real)
    assert note.args["dates"] == "12月5日(土)" and note.args["at"] == jst(12, 7, 8, 30)
    assert (await _scheduled_details(real, draft.id))[-1]["dates_past"] == ["12月5日(土)"]


async def test_a_date_the_check_already_reported_is_not_told_again(real: World) -> None:
    caption = "11月20日(金)から作品展を開催します。ぜひお越しください。"
    draft = await real.submit(caption, wished_at=jst(12, 2, 9))
    assert draft.current.check is not None
    assert [f.rule for f in draft.current.check.findings if f.rule == "accuracy.past_date"]
    await real.handle(cmd.Approve(OFFICER, draft.id, acknowledged=("accuracy.past_date",)))
    await real.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 10, 10)))
    assert _notes(real) == []


async def test_publish_now_after_the_event_is_told(real: World) -> None:
    draft = await real.submit(EVENT, wished_at=jst(12, 2, 9))
    await real.handle(cmd.Approve(OFFICER, draft.id))
    real.at(jst(12, 9, 22))  # at night, after the event
    await real.handle(cmd.PublishNow(OFFICER, draft.id, "訂正のため至急掲載"))
    [note] = _notes(real)
    assert note.args["dates"] == "12月8日(火)"
    [entry] = [e for e in await real.audit() if e.record.action == "draft.publish_now"]
    assert entry.record.details["dates_past"] == ["12月8日(火)"]


async def test_retrying_a_failed_post_after_the_event_is_told(real: World) -> None:
    real.publisher.default = "permanent"
    draft = await real.submit(EVENT, wished_at=jst(12, 2, 9))
    await real.handle(cmd.Approve(OFFICER, draft.id))
    real.at(jst(12, 2, 9))
    await real.handle(cmd.RunDue("shonin"))
    assert (await real.draft(draft.id)).state is S.FAILED
    assert _notes(real) == []
    real.at(jst(12, 9, 10))  # the officer comes back to it the day after the event
    real.publisher.default = "ok"
    retried = await real.handle(cmd.RetryPublish(OFFICER, draft.id))
    assert retried.state is S.SCHEDULED
    [note] = _notes(real)
    assert note.args == {"draft": draft.id, "at": jst(12, 9, 10), "dates": "12月8日(火)"}
    [entry] = [e for e in await real.audit() if e.record.action == "draft.publish_retried"]
    assert entry.record.details["dates_past"] == ["12月8日(火)"]


# Monday 7 December, announced as still to come; the slot is that Monday at 17:00.
MONDAY = "12月7日(月)に市民ギャラリーで版画展を開催します。ぜひお越しください。"


async def _scheduled_monday_evening(world: World) -> str:
    draft = await world.submit(MONDAY, wished_at=jst(12, 7, 17))
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    assert approved.scheduled_at == jst(12, 7, 17)
    world.at(jst(12, 7, 17))
    return str(draft.id)


async def test_waiting_for_the_limit_past_the_event_is_told(real: World) -> None:
    draft_id = await _scheduled_monday_evening(real)
    real.publisher.quotas[ACCOUNT] = Quota(used=100, total=100)
    report = await real.handle(cmd.RunDue("shonin"))
    assert report.waiting_for_limit == [draft_id]
    waiting = await real.draft(draft_id)
    # posts made elsewhere: an hour later, which is after hours, so Tuesday 08:30
    assert waiting.state is S.SCHEDULED and waiting.scheduled_at == jst(12, 8, 8, 30)
    [note] = _notes(real)
    assert note.args == {"draft": draft_id, "at": jst(12, 8, 8, 30), "dates": "12月7日(月)"}
    [entry] = [e for e in await real.audit() if e.record.action == "draft.publish_waiting"]
    assert entry.record.details["dates_past"] == ["12月7日(月)"]
    assert real.publisher.live == []


async def test_waiting_for_the_limit_within_the_day_says_nothing(real: World) -> None:
    draft = await real.submit(MONDAY, wished_at=jst(12, 7, 10))
    await real.handle(cmd.Approve(OFFICER, draft.id))
    real.at(jst(12, 7, 10))
    real.publisher.quotas[ACCOUNT] = Quota(used=100, total=100)
    report = await real.handle(cmd.RunDue("shonin"))
    assert report.waiting_for_limit == [draft.id]
    assert (await real.draft(draft.id)).scheduled_at == jst(12, 7, 11)
    assert _notes(real) == []
    [entry] = [e for e in await real.audit() if e.record.action == "draft.publish_waiting"]
    assert "dates_past" not in entry.record.details


async def test_an_automatic_retry_past_the_event_is_told(real: World) -> None:
    draft_id = await _scheduled_monday_evening(real)
    real.at(jst(12, 7, 17, 10))  # the first attempt fails near closing time
    real.publisher.default = "retryable"
    await real.handle(cmd.RunDue("shonin"))
    retrying = await real.draft(draft_id)
    assert retrying.state is S.SCHEDULED and retrying.scheduled_at == jst(12, 8, 8, 30)
    [note] = _notes(real)
    assert note.args == {"draft": draft_id, "at": jst(12, 8, 8, 30), "dates": "12月7日(月)"}
    [entry] = [e for e in await real.audit() if e.record.action == "draft.publish_failed"]
    assert entry.record.details["retry"] is True
    assert entry.record.details["dates_past"] == ["12月7日(月)"]


async def test_an_automatic_retry_the_same_day_says_nothing(real: World) -> None:
    draft = await real.submit(MONDAY, wished_at=jst(12, 7, 10))
    await real.handle(cmd.Approve(OFFICER, draft.id))
    real.at(jst(12, 7, 10))
    real.publisher.default = "retryable"
    await real.handle(cmd.RunDue("shonin"))
    assert (await real.draft(draft.id)).scheduled_at == jst(12, 7, 10, 5)
    assert _notes(real) == []


async def test_a_caption_without_dates_never_brings_the_note(real: World) -> None:
    draft = await real.submit("市民ギャラリーの版画展、好評開催中です。", wished_at=jst(12, 2, 9))
    await real.handle(cmd.Approve(OFFICER, draft.id))
    await real.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 28, 10)))
    assert _notes(real) == []


class _FailsAfterFirst:
    """The real engine for the check at posting; every later check raises."""

    def __init__(self) -> None:
        self.calls = 0

    def check(
        self,
        pack: str,
        caption: str,
        media: Sequence[MediaBlob] = (),
        *,
        publish_at: datetime | None = None,
    ) -> CheckResult:
        self.calls += 1
        if self.calls > 1:
            raise RuntimeError("engine down")
        return _ENGINE.check(pack, caption, media, publish_at=publish_at)

    def pack_version(self, pack: str) -> str:
        return _ENGINE.pack_version(pack)

    def clauses(self, pack: str) -> dict[str, str]:
        return _ENGINE.clauses(pack)


async def test_a_failing_re_check_never_stops_the_schedule() -> None:
    checker = _FailsAfterFirst()
    world = await make_world(checker=checker)
    draft = await world.submit(EVENT, wished_at=jst(12, 2, 9))
    await world.handle(cmd.Approve(OFFICER, draft.id))
    moved = await world.handle(cmd.Schedule(OFFICER, draft.id, jst(12, 10, 10)))
    assert checker.calls == 2  # it was asked, and failed
    assert moved.scheduled_at == jst(12, 10, 10)
    assert _notes(world) == []


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_the_note_reads_in_both_languages(locale: str) -> None:
    from chatbot.i18n import t

    text = t("note.dates_past_at_slot", locale, draft="d1", at=jst(12, 10, 10), dates="12月8日(火)")
    assert "d1" in text and "12月8日(火)" in text and "{" not in text
