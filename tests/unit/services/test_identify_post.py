"""A post settled as live but unidentified: the officer records which Instagram post it is."""

from __future__ import annotations

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.errors import IllegalTransition, InvalidInput, NotPermitted
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.ports import LiveSearch
from chatbot.services.wiring import Core
from tests.conftest import Backend
from tests.fakes import InMemoryMediaStore, RecordingNotifier
from tests.unit.services.conftest import OFFICER, STAFF, jst
from tests.unit.services.test_publish_recovery import CrashingPublisher, Office, run

S = DraftState


@pytest.fixture
async def office(db_backend: Backend) -> Office:
    return Office(
        db_backend.make_uow,
        ManualClock(jst(12, 1, 10)),
        CrashingPublisher(),
        InMemoryMediaStore(),
        RecordingNotifier("console"),
    )


async def unidentified(office: Office) -> tuple[Core, Draft]:
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    office.publisher.outcomes = ["live_then_error"]
    office.publisher.matches["c1"] = LiveSearch(("m1", "m2"))  # two posts with its caption
    assert (await run(core)).published == [draft.id]
    done = await office.draft(core, draft.id)
    assert (done.state, done.published_media_id, done.permalink) == (S.PUBLISHED, "", "")
    return core, done


async def audit_details(core: Core, action: str) -> list[dict[str, object]]:
    async with core.deps.uow() as uow:
        entries = await uow.audit.entries()
    return [dict(e.record.details) for e in entries if e.record.action == action]


async def test_the_officer_records_the_post_by_its_url(office: Office) -> None:
    core, draft = await unidentified(office)
    office.notifier.clear()
    url = "https://www.instagram.com/p/DAbc_12-x/?igsh=abc"
    done: Draft = await core.handle(cmd.IdentifyPost(OFFICER, draft.id, url))
    assert done.permalink == "https://www.instagram.com/p/DAbc_12-x/"
    assert done.state is S.PUBLISHED  # still to be confirmed (確認しました)
    [details] = await audit_details(core, "draft.post_identified")
    assert details["permalink"] == done.permalink and details["given"] == url
    assert "note.post_identified" in office.notifier.thread_keys()
    with pytest.raises(IllegalTransition):  # recorded once; a wrong one is a problem report
        await core.handle(cmd.IdentifyPost(OFFICER, draft.id, url))


async def test_a_media_id_is_looked_up_for_its_permalink(office: Office) -> None:
    core, draft = await unidentified(office)
    done: Draft = await core.handle(cmd.IdentifyPost(OFFICER, draft.id, "17912345678901234"))
    assert done.published_media_id == "17912345678901234"
    assert done.permalink == f"https://instagram.example/p/{draft.id}"
    stored = await office.draft(core, draft.id)
    assert (stored.published_media_id, stored.permalink) == (
        done.published_media_id,
        done.permalink,
    )


async def test_only_the_officer_or_deputy_and_only_a_post_reference(office: Office) -> None:
    core, draft = await unidentified(office)
    with pytest.raises(NotPermitted):
        await core.handle(cmd.IdentifyPost(STAFF, draft.id, "17912345678901234"))
    for junk in ("", "https://example.com/p/abcdef/", "instagram のどれか", "12"):
        with pytest.raises(InvalidInput):
            await core.handle(cmd.IdentifyPost(OFFICER, draft.id, junk))
    assert await audit_details(core, "draft.post_identified") == []


async def test_an_identified_post_cannot_be_re_identified(office: Office) -> None:
    core = await office.worker("w1")
    draft = await office.scheduled(core, jst(12, 1, 11))
    office.clock.set(jst(12, 1, 11))
    assert (await run(core)).published == [draft.id]
    with pytest.raises(IllegalTransition):
        await core.handle(cmd.IdentifyPost(OFFICER, draft.id, "17912345678901234"))
