"""PII the detectors did not see: number plates, and a person's health, welfare or family matters.

Two kinds the new training writers slipped with and the rules missed: a private car's number
plate (北九州 500 さ 12-34: it points at the owner), and sensitive matters told about someone the
post names or points at (illness, leave, pregnancy plans, welfare, divorce: 要配慮個人情報).
Fresh cases written for this file, with clean captions that use the same words in an allowed
sense (an office car, a sample plate, a consultation desk, a health check, a novel's hero). Only
the rules are judged.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import load_pack
from tests.unit.policy.rules_only import rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

PLATES = [
    (KOKURA, "市民センターの駐車場に、北九州 501 せ 38-07 の黒いワゴンがずっと停まっています。"),
    (KUMA, "ライトつけっぱなしの車の持ち主さん！ 熊本 330 ち 91-15 です🚗"),
    (KOKURA, "当て逃げした車、北九州５００ふ２２－６１って誰か知らん？"),
    (KUMA, "いつも展示の前に停める車（熊本 581 わ ・・・8）、困ってます。"),
    (KOKURA, "ナンバー：北九州 300 ま 4-56、運転手さんはメガネの男性でした"),
]
SENSITIVE = [
    (KUMA, "受付の山内さん、実は適応障害で休職中なんです。早く戻ってきてね。"),
    (KOKURA, "ボランティアの○○さん、先週から入院中らしいよ。みんなでお見舞いに行こう"),
    (KUMA, "講師の先生、最近離婚されて大変みたい…作品は相変わらず素敵です✨"),
    (KOKURA, "いつも来てくれる△△さん、生活保護を受けながら絵を続けてるそうです"),
    (KUMA, "スタッフのあやちゃん、妊活のため今月でお休みに入ります🌸"),
    (KOKURA, "係長の奥さん、認知症が進んで大変らしい"),
]
NOT_FLAGGED = [
    (KOKURA, "区の公用車（北九州 300 さ 12-34）が新しくなりました。"),
    (KUMA, "ナンバープレートの見本「熊本 500 あ 12-34」のように、ナンバーは伏せて投稿しましょう。"),
    (KOKURA, "市営バス 北九州 200 か 12-34 は臨時便として運行します。"),
    (KUMA, "皆さん、がん検診は受けましたか？ 市の検診は12月まで無料です。"),
    (KOKURA, "生活保護の相談は、小倉南区役所の保護課の窓口へどうぞ。"),
    (KUMA, "認知症カフェに市長さんが来られ、参加者の皆さんと歓談しました。"),
    (KOKURA, "うつ病について正しく知る講座を、区民の皆さんを対象に開きます。"),
    (KUMA, "主人公の画家が離婚を経て再起する映画の上映会です。"),
    (KOKURA, "がんばって完走した皆さん、おつかれさまでした！"),
    (KUMA, "ボランティアの皆さんのおかげで、入院中の子どもたちに絵本を届けられました。"),
]


@pytest.mark.parametrize(("pack", "caption"), PLATES)
def test_a_private_car_s_plate_is_personal_information(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    rules = [rule for rule, _severity, _excerpt in rule_findings(engine.check(pack, caption))]
    assert "pii.vehicle_plate" in rules


@pytest.mark.parametrize(("pack", "caption"), SENSITIVE)
def test_a_person_s_health_welfare_or_family_matters_are_caught(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    rules = [rule for rule, _severity, _excerpt in rule_findings(engine.check(pack, caption))]
    assert "pii.sensitive" in rules


@pytest.mark.parametrize(("pack", "caption"), NOT_FLAGGED)
def test_the_same_words_in_an_allowed_sense_are_not_flagged(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    rules = {rule for rule, _severity, _excerpt in rule_findings(engine.check(pack, caption))}
    assert not rules & {"pii.vehicle_plate", "pii.sensitive"}


def test_both_warn_and_cite_the_pii_clause() -> None:
    for name in (KUMA, KOKURA):
        rules = {r.id: r for r in load_pack(name).rules}
        for new in ("pii.vehicle_plate", "pii.sensitive"):
            assert rules[new].severity == "warn" and rules[new].category == "pii"
            assert (rules[new].clause, rules[new].clause_text) == (
                rules["pii.age"].clause,
                rules["pii.age"].clause_text,
            )
