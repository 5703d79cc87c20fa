"""The gate through the bus: blocks stop approval, overrides and acknowledgements are recorded,
Instagram's limits hold at approval and again at publishing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chatbot.cards import build_card
from chatbot.domain import commands as cmd
from chatbot.domain.states import DraftState
from chatbot.gate import GateRefused
from chatbot.i18n import t
from tests.fakes import finding
from tests.fakes.images import image_bytes
from tests.unit.services.conftest import ACCOUNTS, OFFICER, STAFF, START, World, jst

S = DraftState
BLOCK = (finding("block", rule="pii.contact", clause="5(1)"),)
WARN = (finding("warn", rule="links.http", clause="5(8)"),)


async def _approve_refused(world: World, draft_id: str, key: str, **kw: object) -> None:
    before = await world.actions(draft_id)
    with pytest.raises(GateRefused) as raised:
        await world.handle(cmd.Approve(OFFICER, draft_id, **kw))  # type: ignore[arg-type]
    assert raised.value.key == key
    stored = await world.draft(draft_id)
    assert stored.state is S.AWAITING_APPROVAL and stored.decisions == []
    assert await world.actions(draft_id) == before  # nothing recorded


async def test_block_finding_needs_a_written_override(world: World) -> None:
    world.checker.by_word["電話"] = BLOCK
    draft = await world.submit("電話でお問い合わせください")
    await _approve_refused(world, draft.id, "error.gate_override_required")
    await _approve_refused(world, draft.id, "error.gate_override_required", override_reason="  ")
    approved = await world.handle(
        cmd.Approve(OFFICER, draft.id, override_reason="代表番号であることを確認済み")
    )
    assert approved.state is S.APPROVED
    decision = approved.last_decision("approve")
    assert decision is not None and decision.override_reason == "代表番号であることを確認済み"
    assert decision.overridden == ("pii.contact [5(1)]",)
    entry = [e for e in await world.audit() if e.record.action == "draft.approved"][-1]
    assert entry.record.details["override"] == {
        "reason": "代表番号であることを確認済み",
        "findings": ["pii.contact [5(1)]"],
    }
    card = build_card(await world.draft(draft.id), ACCOUNTS["kumamoto"])
    assert card.override_reason == "代表番号であることを確認済み"
    assert card.overridden == ("pii.contact [5(1)]",)


async def test_warn_findings_need_an_acknowledgement(world: World) -> None:
    world.checker.by_word["http"] = WARN
    draft = await world.submit("詳しくは http://example.jp へ")
    card = build_card(draft, ACCOUNTS["kumamoto"])
    assert card.requirements.needs_acknowledgement and not card.requirements.needs_override
    assert [f.rule for f in card.requirements.warns] == ["links.http"]
    await _approve_refused(world, draft.id, "error.gate_ack_required")
    approved = await world.handle(cmd.Approve(OFFICER, draft.id, acknowledged=True))
    assert approved.state is S.APPROVED
    entry = [e for e in await world.audit() if e.record.action == "draft.approved"][-1]
    assert entry.record.details["acknowledged"] == ["links.http [5(8)]"]
    assert "override" not in entry.record.details


@pytest.mark.parametrize(
    ("caption", "media", "kind"),
    [
        ("あ" * 2300, None, "caption_too_long"),
        (" ".join(f"#tag{n}" for n in range(35)), None, "too_many_hashtags"),
        (" ".join(f"@user{n}" for n in range(21)), None, "too_many_mentions"),
        ("画像なしの投稿", (), "no_media"),
        (
            "テキストを画像と偽る",
            (cmd.MediaUpload("notes.jpg", b"just some text\n"),),
            "unreadable",
        ),
        ("PDF", (cmd.MediaUpload("flyer.jpg", b"%PDF-1.7\n..."),), "disguised"),
    ],
)
async def test_instagram_limits_can_never_be_overridden(
    world: World, caption: str, media: tuple[cmd.MediaUpload, ...] | None, kind: str
) -> None:
    kw = {} if media is None else {"media": media}
    draft = await world.submit(caption, **kw)
    check = draft.current.check
    assert check is not None and check.verdict == "block"
    assert kind in {f.kind for f in check.findings if f.severity == "block"}
    card = build_card(draft, ACCOUNTS["kumamoto"])
    assert not card.requirements.approvable and "approve" not in card.buttons
    await _approve_refused(
        world, draft.id, "error.gate_hard_limit", override_reason="責任者判断", acknowledged=True
    )
    message = t("error.gate_hard_limit", "en", findings=f"instagram.{kind}")
    assert "no one can override" in message


async def test_a_post_without_media_says_why(world: World) -> None:
    draft = await world.submit("画像なし", media=())
    [missing] = [f for f in draft.current.check.findings if f.kind == "no_media"]  # type: ignore[union-attr]
    assert "画像" in missing.message_ja and "image" in missing.message_en


async def test_png_is_converted_to_jpeg_and_named_so(world: World) -> None:
    png = cmd.MediaUpload("poster.png", image_bytes("PNG"))
    draft = await world.submit("ポスターです", media=(png,))
    [ref] = draft.current.media
    assert ref.filename == "poster.jpg" and ref.content_type == "image/jpeg"
    stored = await world.deps.media.get(ref.key)
    assert stored.startswith(b"\xff\xd8\xff")
    assert "not_jpeg" not in {f.kind for f in draft.current.check.findings}  # type: ignore[union-attr]


async def test_strip_location_on_upload_removes_gps(world: World) -> None:
    gps = cmd.MediaUpload("spot.jpg", image_bytes("JPEG", gps=True))
    kept = await world.submit("位置情報つき", media=(gps,))
    stripped = await world.handle(
        cmd.SubmitDraft(STAFF, "kumamoto", "位置情報なし", (gps,), strip_location=True)
    )
    from chatbot.policy.detectors.media import MediaConfig, detect_media
    from chatbot.policy.types import MediaBlob

    for draft, expected in ((kept, True), (stripped, False)):
        data = await world.deps.media.get(draft.current.media[0].key)
        hits = detect_media([MediaBlob("x.jpg", data)], MediaConfig())
        assert any(h.kind == "gps" for h in hits) is expected


async def test_approval_of_a_revision_nobody_looked_at_is_refused(world: World) -> None:
    draft = await world.submit("第1版")
    await world.handle(cmd.ReviseDraft(STAFF, draft.id, "第2版"))
    with pytest.raises(GateRefused) as raised:
        await world.handle(cmd.Approve(OFFICER, draft.id, revision=1))
    assert raised.value.key == "error.gate_revision_changed"
    approved = await world.handle(cmd.Approve(OFFICER, draft.id, revision=2))
    assert approved.state is S.APPROVED


async def test_publishing_revalidates_and_refuses_visibly(world: World) -> None:
    draft = await world.submit("公開前に画像が壊れた", wished_at=jst(12, 1, 11))
    await world.handle(cmd.Approve(OFFICER, draft.id))
    [ref] = draft.current.media
    world.deps.media.blobs[ref.key] = b"%PDF-1.4 replaced"  # type: ignore[attr-defined]
    world.at(jst(12, 1, 11))
    report = await world.handle(cmd.RunDue(OFFICER))
    assert world.publisher.requests == []  # Instagram never saw it
    assert report.refused and draft.id in report.failed
    stored = await world.draft(draft.id)
    assert stored.state is S.FAILED and "instagram.disguised" in stored.last_error
    assert "draft.publish_refused" in await world.actions(draft.id)
    assert "note.publish_failed" in world.notifier.direct_keys(OFFICER)


async def test_officer_recorded_as_absent_may_approve_and_it_says_so(world: World) -> None:
    await world.absent(OFFICER, START - timedelta(hours=1), START + timedelta(days=1))
    draft = await world.submit()
    approved = await world.handle(cmd.Approve(OFFICER, draft.id))
    decision = approved.last_decision("approve")
    assert decision is not None and decision.while_absent and decision.role == "officer"
    entry = [e for e in await world.audit() if e.record.action == "draft.approved"][-1]
    assert entry.record.details["while_absent"] is True
    card = build_card(await world.draft(draft.id), ACCOUNTS["kumamoto"])
    assert card.approved_while_absent
    assert t("gate.approved_while_absent", "en") == "approved while absent"


async def test_decisions_survive_storage_with_their_gate_record(world: World) -> None:
    world.checker.by_word["電話"] = BLOCK + WARN
    draft = await world.submit("電話とリンク")
    await world.handle(
        cmd.Approve(OFFICER, draft.id, override_reason="確認済み", acknowledged=True)
    )
    stored = (await world.draft(draft.id)).last_decision("approve")
    assert stored is not None
    assert (stored.override_reason, stored.overridden, stored.acknowledged) == (
        "確認済み",
        ("pii.contact [5(1)]",),
        ("links.http [5(8)]",),
    )
