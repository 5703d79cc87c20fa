"""The policy engine: packs, detectors and media together, as the product calls it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import PackError
from chatbot.policy.types import CATEGORIES, MediaBlob

KUMAMOTO = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def jpeg(width: int = 1080, height: int = 1080, gps: bool = False) -> bytes:
    exif = Image.Exif()
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (32.0, 48.0, 1.0), 3: "E", 4: (130.0, 42.0, 1.0)})
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_an_ordinary_event_post_passes(engine: PolicyEngine) -> None:
    caption = (
        "【出演情報】12/5(土)10:00～16:00、花畑広場でミニライブを開催します♪\n"
        "入場無料・予約不要です。お問合せは文化政策課 TEL 096-328-2039 まで。\n"
        "詳しくは https://www.city.kumamoto.jp/ をご覧ください。#熊本 #ライブ"
    )
    result = engine.check(KUMAMOTO, caption, [MediaBlob("a.jpg", jpeg())])
    assert result.findings == ()
    assert result.verdict == "pass"
    assert result.pack_name == KUMAMOTO
    assert result.pack_version == engine.pack_version(KUMAMOTO)


def test_findings_cite_the_clause_and_point_into_the_original(engine: PolicyEngine) -> None:
    caption = "今なら２０％オフ！ご購入はこちら"
    result = engine.check(KUMAMOTO, caption)
    assert result.verdict == "block"
    [finding] = [f for f in result.findings if f.rule == "commercial.sales"][:1]
    assert finding.category == "commercial"
    assert finding.clause == "5(7)"
    assert "商業的行為" in finding.clause_text
    assert caption[finding.start : finding.end] == finding.excerpt
    assert finding.message("en") and finding.message("ja") != finding.message("en")


def test_the_same_text_cites_each_guideline_s_own_clause(engine: PolicyEngine) -> None:
    caption = "○○候補に清き一票をお願いします"
    clauses = {
        pack: {f.clause for f in engine.check(pack, caption).findings if f.category == "political"}
        for pack in (KUMAMOTO, KOKURA)
    }
    assert clauses == {KUMAMOTO: {"5(6)"}, KOKURA: {"3(10)"}}


def test_a_neutral_election_notice_is_at_most_info(engine: PolicyEngine) -> None:
    caption = "選挙管理委員会からのお知らせ: 投票日は7月10日(日)です。期日前投票もご利用ください。"
    result = engine.check(KOKURA, caption)
    assert result.verdict == "pass"
    assert {f.severity for f in result.findings} == {"info"}


def test_context_keeps_cultural_and_fee_posts_quiet(engine: PolicyEngine) -> None:
    for caption in (
        "神社の例大祭が今年も開催されます。伝統の神楽をお楽しみください。",
        "入場料500円、参加費無料のワークショップです。",
        "新しいメニューを検討中です。",
    ):
        assert engine.check(KUMAMOTO, caption).verdict == "pass", caption


def test_undecided_policy_needs_a_policy_word_nearby(engine: PolicyEngine) -> None:
    result = engine.check(KUMAMOTO, "市民会館の移転について、現在は内部で検討中です。")
    assert [f.category for f in result.findings] == ["undecided"]
    assert result.findings[0].clause == "5(3)"


def test_allow_listed_mention_is_quiet_and_others_warn(engine: PolicyEngine) -> None:
    quiet = engine.check(KUMAMOTO, "詳しくは @artistspot_kumamoto をご覧ください")
    assert quiet.verdict == "pass"
    loud = engine.check(KUMAMOTO, "詳しくは @someone_else をご覧ください")
    assert [(f.rule, f.clause, f.severity) for f in loud.findings] == [
        ("platform.mention_not_allowed", "8(7)", "warn")
    ]


def test_hashtags_tip_above_five_and_block_above_thirty(engine: PolicyEngine) -> None:
    def tags(n: int) -> str:
        return "お知らせ " + " ".join(f"#tag{i}" for i in range(n))

    assert engine.check(KOKURA, tags(5)).findings == ()
    six = engine.check(KOKURA, tags(6))
    # more than 5 is allowed: a tip for information, nothing to acknowledge
    assert [(f.rule, f.severity) for f in six.findings] == [
        ("platform.hashtags_recommended", "info")
    ]
    assert six.verdict == "pass"
    assert [f.rule for f in engine.check(KOKURA, tags(30)).findings] == [
        "platform.hashtags_recommended"
    ]
    assert [f.rule for f in engine.check(KOKURA, tags(31)).findings] == ["platform.hashtags"]


def test_media_findings_name_the_image(engine: PolicyEngine) -> None:
    media = [MediaBlob("ok.jpg", jpeg()), MediaBlob("where.jpg", jpeg(gps=True))]
    result = engine.check(KUMAMOTO, "写真展のお知らせ", media)
    assert result.verdict == "block"
    [finding] = result.findings
    assert (finding.rule, finding.media_index, finding.start, finding.end) == (
        "media.location",
        1,
        0,
        0,
    )
    assert "where.jpg" in finding.excerpt
    disguised = engine.check(KOKURA, "", [MediaBlob("a.jpg", b"PK\x03\x04" + bytes(64))])
    assert [(f.category, f.clause) for f in disguised.findings] == [("media", "3(8)")]


def test_every_category_is_reachable_in_both_packs(engine: PolicyEngine) -> None:
    for pack in (KUMAMOTO, KOKURA):
        compiled = engine._compiled(pack)
        assert {r.category for r in compiled.pack.rules} == set(CATEGORIES)


def test_unknown_pack_raises_and_an_office_pack_path_works(
    engine: PolicyEngine, tmp_path: Path
) -> None:
    with pytest.raises(PackError):
        engine.check("no-such-pack", "x")
    office = tmp_path / "office.yml"
    office.write_text(
        "name: office\nextends: kokuraminami\nrules:\n  - {id: commercial.sales, severity: info}\n"
        "  - {id: model.commercial, severity: info}\n",
        "utf-8",
    )
    result = engine.check(str(office), "購入はこちら")
    assert result.pack_name == "office"
    # The office made selling informational, for the rules and the model alike.
    assert {(f.category, f.severity) for f in result.findings} == {("commercial", "info")}
    assert any(f.rule == "commercial.sales" for f in result.findings)
    assert result.verdict == "pass"


def test_extra_pack_dirs_and_warm_up(tmp_path: Path) -> None:
    (tmp_path / "ward.yml").write_text("name: ward\nextends: kokuraminami\n", "utf-8")
    engine = PolicyEngine(extra_pack_dirs=[tmp_path])
    engine.warm_up()
    assert {"ward", KOKURA, KUMAMOTO} <= set(engine._cache)
    assert engine.check("ward", "部外秘の資料です").verdict == "block"
