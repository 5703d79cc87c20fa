"""The learned second opinion on personal information (model.pii, seventh day of 7 December).

The PII patterns block a private person's phone, e-mail or street address and warn on names,
ages, sensitive facts and whereabouts they can read; a private person's details told in other
words (their treatment, their family situation, when they are where) reach no pattern. The model
warns on those, cites the pack's PII clause, and stays silent where a PII rule already spoke and
on public and historical persons, venues and the office's own care for privacy. Captions written
for this file (none is a corpus caption).
"""

from __future__ import annotations

import pytest

from chatbot.policy.detectors.pii import holds_contact
from chatbot.policy.engine import PolicyEngine
from chatbot.policy.normalize import normalize

PACKS = (("kokuraminami", "3(7)"), ("kumamoto-artistspot", "5(5)"))

# A private person's health, family situation or routine, told without a name pattern's cue.
TOLD_IN_OTHER_WORDS = (
    "ギター弾きのケンタさん、平日の昼間は市内の病院で透析を受けているそうで、演奏は土日だけです",
    "似顔絵コーナーのミホさん、実はシングルマザーで、昼はスーパーのレジ打ちをしているそうです",
    "ボランティアのタケシさんは毎週火曜と金曜、夕方6時ごろに駅裏のジムに通っているそうですよ",
)
NOT_PRIVATE = (
    "夏目漱石は熊本で4年あまりを過ごし、旧居が今も残っています",
    "区長が交流センターの開所式であいさつしました",
    "個人情報保護のため、参加者のお名前やお顔は掲載していません",
    "来月の展示では、地元の高校生の作品を紹介します。ぜひお越しください",
)


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine()


@pytest.mark.parametrize(("pack", "clause"), PACKS)
@pytest.mark.parametrize("caption", TOLD_IN_OTHER_WORDS)
def test_a_private_persons_details_no_pattern_reads_are_a_model_warning(
    engine: PolicyEngine, pack: str, clause: str, caption: str
) -> None:
    findings = engine.check(pack, caption).findings
    assert [(f.rule, f.severity) for f in findings] == [("model.pii", "warn")], findings
    found = findings[0]
    assert (found.category, found.clause) == ("pii", clause)
    assert "学習モデル" in found.message_ja and "learned model" in found.message_en
    assert "確信度" in found.message_ja and "confidence" in found.message_en
    assert found.excerpt and found.excerpt in caption


@pytest.mark.parametrize(("pack", "clause"), PACKS)
def test_the_model_stays_silent_where_a_pii_rule_spoke(
    engine: PolicyEngine, pack: str, clause: str
) -> None:
    # The same kind of detail with a name the patterns read: the rule speaks, the model does not
    # repeat it.
    caption = "実行委員のさとうさんは先月離婚されたばかりで、今はお子さんと二人暮らしだそうです"
    rules = [f.rule for f in engine.check(pack, caption).findings if f.category == "pii"]
    assert rules and "model.pii" not in rules, rules
    assert all(r.startswith("pii.") for r in rules)


@pytest.mark.parametrize(("pack", "clause"), PACKS)
@pytest.mark.parametrize("caption", NOT_PRIVATE)
def test_public_and_historical_persons_venues_and_privacy_care_are_not_pii(
    engine: PolicyEngine, pack: str, clause: str, caption: str
) -> None:
    assert not [f for f in engine.check(pack, caption).findings if f.category == "pii"]


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("〒862-0971 熊本市中央区大江5丁目1-1 熊本市民会館", True),
        ("会場の住所は熊本市中央区桜町3-40です。", True),
        ("お問い合わせは096-328-2393まで", True),
        ("minami-soumu@city.kitakyushu.lg.jp までお送りください", True),
        ("ギター弾きのケンタさん、平日の昼間は市内の病院で透析を受けているそうです", False),
        ("12月19日(土)10時から、3階ホールで開催します", False),
    ],
)
def test_the_model_leaves_addresses_phones_and_mail_to_the_pii_patterns(
    text: str, held: bool
) -> None:
    # The patterns tell a venue's or the office's own from a private person's; a model vote on a
    # sentence holding one is dropped (a venue's postal address was a model.pii warning before).
    assert holds_contact(normalize(text).text) is held


@pytest.mark.parametrize("count", [10, 20, 30])
def test_hashtags_are_the_accounts_own_tags_not_a_persons_details(
    engine: PolicyEngine, count: int
) -> None:
    # tag19 read like a handle: the model's pii vote on words inside hashtags only is dropped.
    caption = "お知らせ " + " ".join(f"#tag{i}" for i in range(count))
    assert [f.rule for f in engine.check("kokuraminami", caption).findings] == [
        "platform.hashtags_recommended"
    ]
