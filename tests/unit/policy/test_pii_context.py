"""PII with context: public venues, the office's own numbers, officials and historical persons."""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine


def pii(engine: PolicyEngine, pack: str, caption: str) -> list[tuple[str, str]]:
    result = engine.check(pack, caption)
    return [(f.rule, f.excerpt) for f in result.findings if f.category == "pii"]


@pytest.mark.parametrize(
    ("pack", "caption"),
    [
        ("kokuraminami", "会場：小倉南区生涯学習センター（小倉南区若園三丁目2番5号）"),
        ("kumamoto-artistspot", "会場は熊本市国際交流会館（中央区花畑町4番8号）です"),
        ("kumamoto-artistspot", "場所：上通町2番3号の広場"),
        ("kokuraminami", "北九州市小倉南区若園5丁目1-2 小倉南区役所"),
    ],
)
def test_a_public_venue_s_address_is_not_personal(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert pii(engine, pack, caption) == []


@pytest.mark.parametrize(
    "caption",
    [
        "熊本市 文化政策課 096-328-2039",
        "熊本市文化政策課096-328-2039",
        "文化政策課（０９６－３２８－２０３９）",
        "TEL:096(328)2039",
        "電話 +81-96-328-2039",
        "〇九六‐三二八‐二〇三九",
    ],
)
def test_the_office_s_own_number_however_written(engine: PolicyEngine, caption: str) -> None:
    assert pii(engine, "kumamoto-artistspot", caption) == []


@pytest.mark.parametrize(
    "caption",
    [
        "山田太郎さんの自宅は中央区花畑町4番8号です",
        "鈴木一郎の住所は東区健軍2丁目3-4",
        "中央区花畑町4番8号の山田です",
    ],
)
def test_a_private_address_still_blocks(engine: PolicyEngine, caption: str) -> None:
    assert "pii.address" in {r for r, _ in pii(engine, "kumamoto-artistspot", caption)}


@pytest.mark.parametrize(
    "caption",
    [
        "夏目漱石の旧居を訪ねて",
        "1867年生まれの夏目漱石が熊本で暮らした家",
        "大西一史市長があいさつしました",
        "大西一史から新年のごあいさつ",  # the pack's list of the office's officials
    ],
)
def test_officials_and_historical_persons_are_not_private(
    engine: PolicyEngine, caption: str
) -> None:
    assert pii(engine, "kumamoto-artistspot", caption) == []


def test_a_private_person_is_still_named(engine: PolicyEngine) -> None:
    assert pii(engine, "kumamoto-artistspot", "受付は山田太郎さんが担当します") == [
        ("pii.person_name", "山田太郎")
    ]
