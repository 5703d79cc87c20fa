"""Clean kinds the rules flagged or blocked, and the real slip of each kind that still flags.

Fresh captions written for this file (none is a corpus caption): an established theory, water
sprinkled as a summer custom, staff's playful asides about harmless things, a fraud warning headed
by a pun, self-deprecation, the office's own notices (what it does not handle, a contest's rules,
an impersonation called out, PIN advice, a candidate site). Each clean case sits beside a caption
of the same kind that must still be caught. And a birth a century back is history against the
check's publish time, never the machine's date.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy.rules_only import rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def _rules(engine: PolicyEngine, pack: str, caption: str, prefix: str) -> list[tuple[str, str]]:
    found = rule_findings(engine.check(pack, caption))
    return [(rule, severity) for rule, severity, _ in found if rule.startswith(prefix)]


def _blocks(engine: PolicyEngine, pack: str, caption: str) -> list[str]:
    return [
        rule
        for rule, severity, _ in rule_findings(engine.check(pack, caption))
        if severity == "block"
    ]


# ---- an established theory is not hearsay ------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "水前寺成趣園は細川忠利が茶屋を構えたのが始まりだという説が有力です。",
        "阿蘇の大カルデラは、巨大な噴火のあとに陥没してできたという説が有力です🌋",
        "「くまもと」の名は、もとは隈本と書いたという説が一般的です。",
    ],
)
def test_an_established_theory_is_not_hearsay(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KUMA, caption, "misinformation.") == []


@pytest.mark.parametrize(
    "caption",
    [
        "来年の春で市民会館が閉館するという説が有力です。",
        "区のプールが有料になるって説、みんな言いよるよ。",
    ],
)
def test_a_rumour_told_as_a_theory_still_flags(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "misinformation.") != []


# ---- water sprinkled as a summer custom -------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "商店街の打ち水大作戦！みんなで水をかけて、アスファルトを冷やしましょう💦",
        "夏の夕方は打ち水、みんなで水をかけて涼しくしよう🌻",
    ],
)
def test_sprinkling_water_as_a_custom_is_not_harassment(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "public_order.") == []


def test_water_thrown_at_a_person_still_flags(engine: PolicyEngine) -> None:
    caption = "うるさい店員には、みんなで水をかけてやろう"
    assert _rules(engine, KOKURA, caption, "public_order.") != []


# ---- staff's playful asides about harmless things -----------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "ここだけの話…展望台から見る夜景、実は冬がいちばんきれいです🌃 公開情報だけど笑",
        "ここだけの話、2階の食堂の日替わりランチは木曜がいちばんおいしい説🍛",
        "個人的に今回の展示でいちばん好きなのは、あの大きな版画です🖼",
        "中の人的には、スケッチは色鉛筆派です✏️ 描き方のコツは今度紹介しますね笑",
        "内緒にしてたけど、中の人は書道3段です✍️ 入口の看板を書きました笑",
    ],
)
def test_a_playful_aside_about_something_harmless_is_not_a_leak_or_an_opinion(
    engine: PolicyEngine, caption: str
) -> None:
    found = rule_findings(engine.check(KUMA, caption))
    categories = {rule.split(".")[0] for rule, _, _ in found}
    assert categories.isdisjoint({"confidential", "personal_opinion", "undecided"})


@pytest.mark.parametrize(
    ("caption", "prefix"),
    [
        ("ここだけの話、来月の人事で課長が異動します。お昼はカレーでした🍛", "confidential."),
        ("ここだけの話、新しい図書館の候補地は駅の北口が有力です。食堂のランチもおいしい", ""),
        ("個人的には区長の方針には反対です。ランチはうどんでした。", "personal_opinion."),
        ("個人的にいちばんおいしいラーメン屋は断トツであの店です🍜", "personal_opinion."),
        ("こんな夕焼けを見ると、仕事辞めてどこか行きたくなります笑", "personal_opinion."),
    ],
)
def test_a_real_leak_or_opinion_beside_a_harmless_word_still_flags(
    engine: PolicyEngine, caption: str, prefix: str
) -> None:
    found = rule_findings(engine.check(KUMA, caption))
    kinds = ("confidential.", "undecided.", "personal_opinion.")
    assert [rule for rule, _, _ in found if rule.startswith(prefix or kinds)] != []


# ---- a fraud warning headed by a pun -------------------------------------------------


def test_a_fraud_warning_punning_on_a_blessing_is_not_religious(engine: PolicyEngine) -> None:
    caption = "ご利益があります…？いいえ、その壺は買わなくても大丈夫！霊感商法の詐欺にご注意を"
    assert _rules(engine, KOKURA, caption, "religious.") == []


def test_a_real_invitation_still_blocks(engine: PolicyEngine) -> None:
    caption = "信じる者は救われます。日曜の礼拝へどなたでもどうぞ。"
    assert ("religious.activity", "block") in _rules(engine, KOKURA, caption, "religious.")


def test_the_fraudster_of_a_described_fraud_is_not_defamed(engine: PolicyEngine) -> None:
    caption = "オレオレ詐欺の手口が変わってきています。「詐欺師」は息子や警察官を名乗ります。"
    assert _rules(engine, KUMA, caption, "defamation.") == []


def test_a_named_business_called_a_fraud_still_blocks(engine: PolicyEngine) -> None:
    caption = "還付金詐欺にご注意。駅前の田中さんは詐欺師です。"
    assert ("defamation.insult", "block") in _rules(engine, KUMA, caption, "defamation.")


# ---- self-deprecation ----------------------------------------------------------------


def test_running_down_ones_own_work_is_not_an_insult(engine: PolicyEngine) -> None:
    caption = "「若いころの自分の字はヘタクソで」と笑う書家の方。40年の作品が並びます。"
    assert _blocks(engine, KUMA, caption) == []


@pytest.mark.parametrize(
    "caption",
    ["あの作家の絵は下手くそで見る価値なし", "自分の先生の絵は下手くそだと思う"],
)
def test_running_down_someone_elses_work_still_blocks(engine: PolicyEngine, caption: str) -> None:
    assert ("defamation.insult", "block") in _rules(engine, KUMA, caption, "defamation.")


# ---- the office's own notices ------------------------------------------------------------


@pytest.mark.parametrize(
    ("pack", "caption"),
    [
        (KUMA, "当アカウントでは、機密にかかわるご相談はあつかいません。窓口へお問い合わせを。"),
        (KOKURA, "「内部情報を売ります」のようなDMは偽物です。区は機密情報をSNSで扱いません。"),
        (KUMA, "フォトコンテスト：わいせつな写真の応募は失格とします。"),
        (KOKURA, "「区長が給付金を配る」という投稿はなりすましです。ご注意を。"),
        (KOKURA, "区のなりすましアカウントが出回っています。公式はこのアカウントだけです！"),
        (KUMA, "市を名乗るなりすましにも注意してください🙅"),
        (KOKURA, "暗証番号は電話番号や同じ数字の並びを避けましょう。"),
        (KOKURA, "秋の写真展の「候補地」を募集します📸 おすすめの撮影地を教えてください。"),
    ],
)
def test_the_offices_own_notice_is_not_blocked(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert _blocks(engine, pack, caption) == []


@pytest.mark.parametrize(
    ("pack", "caption"),
    [
        (KUMA, "内部情報ですが、来年度の予算は3割カットです。"),
        (KOKURA, "【公式】熊本県警察からのお知らせです。なりすましではありません。"),
        (KOKURA, "暗証番号を入力してください。アカウントが停止されています。"),
        (KOKURA, "市長選、〇〇候補を応援しましょう！"),
        (KUMA, "わいせつな写真、たくさん載せます"),
    ],
)
def test_the_real_slip_of_each_notice_kind_still_blocks(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert _blocks(engine, pack, caption) != []


# ---- a birth a century back, against the check's reference date ----------------------------

BIRTH = "区民の山本さんは1928年5月3日生まれです。"


def _birthdate(engine: PolicyEngine, publish_at: datetime | None) -> bool:
    result = engine.check(KOKURA, BIRTH, publish_at=publish_at)
    return any(f.rule == "pii.birthdate" for f in result.findings)


def test_a_birth_a_century_before_the_publish_time_is_history(engine: PolicyEngine) -> None:
    assert not _birthdate(engine, datetime(2029, 1, 10, 9, 0, tzinfo=UTC))


def test_the_same_birth_read_earlier_is_a_living_persons(engine: PolicyEngine) -> None:
    assert _birthdate(engine, datetime(2027, 12, 20, 9, 0, tzinfo=UTC))


def test_without_a_publish_time_the_shipped_year_is_the_reference(engine: PolicyEngine) -> None:
    # 1928 is within a century of the shipped year: whatever the machine's date, it flags.
    assert _birthdate(engine, None)
