"""Precision, v10: fewer false flags on clean captions, by kind, without losing the slips.

Fresh captions written for this file (not taken from any corpus). Two kinds of false flag:
a rule's exception word read across sentence ends (the context that cancels a match is its own
sentence and the one before it, a heading or a topic sentence; the next sentence does not cancel
it), and the learned model reading the "typical of" らしい (春らしい色, 熊本らしさ) as a rumour.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from chatbot.policy.detectors.lexicon import Lexicon, LexiconRule, framed_context
from chatbot.policy.engine import PolicyEngine, _finding
from chatbot.policy.hearsay import mask_typical, typical_spans
from chatbot.policy.model.scorer import build
from chatbot.policy.model.second_opinion import _without_typical_rashii, model_findings
from chatbot.policy.normalize import normalize
from tests.unit.policy import case_checks as checks

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def _found(lexicon: Lexicon, text: str) -> list[str]:
    return [m.rule_id for m in lexicon.find(normalize(text))]


# ---- 1. a rule's context is its sentence (and, to cancel, the one before) ----------------------

_SHAME = LexiconRule(id="shame", phrases=("さらして",), unless_any=("歴史",), window=40)


def test_an_exception_word_in_the_next_sentence_does_not_cancel_a_slip() -> None:
    lexicon = Lexicon([_SHAME])
    assert _found(lexicon, "迷惑な客の名前をさらしておきます。歴史マップも配布中です。") == [
        "shame"
    ]
    assert _found(lexicon, "迷惑な客の名前をさらしておきます!\n歴史マップも配布中") == ["shame"]


def test_an_exception_word_in_its_sentence_or_the_one_before_cancels() -> None:
    lexicon = Lexicon([_SHAME])
    assert _found(lexicon, "歴史の授業で、罪人をさらして見せしめにした話を学びました。") == []
    assert _found(lexicon, "【歴史講座】\n罪人をさらして見せしめにした時代の話です。") == []
    # a blank line between the heading and the sentence is one break, not an empty sentence
    assert _found(lexicon, "歴史講座のご案内\n\n罪人をさらして見せしめにした話") == []


def test_an_exception_word_two_sentences_back_does_not_cancel() -> None:
    lexicon = Lexicon([_SHAME])
    text = "歴史マップ配布中。雨でした。迷惑な客の名前をさらしておきます。"
    assert _found(lexicon, text) == ["shame"]


def test_a_word_that_confirms_may_stand_in_the_sentence_before() -> None:
    # the one meant is named first, then called names: あの店…。あそこは最低
    rule = LexiconRule(id="who", phrases=("最低",), requires_any=("店",), window=30)
    lexicon = Lexicon([rule])
    assert _found(lexicon, "駅前のあの店。あそこは最低です") == ["who"]
    assert _found(lexicon, "今日の気温は最低でした") == []


def test_the_framed_context_reads_a_bounded_stretch() -> None:
    kana = normalize("あ。" * 5000 + "いう" + "え。" * 5000).kana
    at = kana.index("いう")
    context = framed_context(kana, at, at + 2, 10)
    assert "いう" in context and len(context) <= 2 + 2 * 10
    assert framed_context("ひとつの文", 0, 2, 30) == "ひとつの文"
    assert framed_context("前の文。この文。次の文", 5, 7, 30) == "前の文。この文"


test_a_slip_followed_by_a_history_or_story_sentence_is_still_flagged = checks.caught_in_category(
    [
        (
            KOKURA,
            "イベントで騒いでいた客の顔写真、掲示板に貼っておきました。歴史散策マップは"
            "区役所で配布しています。",
            "public_order",
        ),
        (
            KUMA,
            "あの評論家の家、みんなで押しかけて文句言おう。昔話の会も開催中です。",
            "public_order",
        ),
    ]
)


test_a_clean_caption_framed_by_its_heading_or_topic_stays_clean = checks.no_rule_finding(
    [
        (KOKURA, "【歴史講座】\n戦国武将が敵の首を討ち取った場面を紙芝居で再現します。"),
        (KOKURA, "ご意見を募集します。\n素案は区のホームページで公開中です。"),
        (KUMA, "ドローン撮影には許可が必要です。会場内での撮影は許可していません。"),
        # a published draft, a site still being chosen, "no sale", a pitch quoted to warn
        (KOKURA, "区のまちづくり計画案を公開中です。計画案は区役所の窓口でも閲覧できます。"),
        (KUMA, "新しい文化ホールの整備について、候補地も含めて検討を進めています。"),
        (KOKURA, "・入場無料\n・物販なし\n・駐車場あり"),
        (
            KOKURA,
            "「友達を誘うだけで毎月5万円」…そんな儲け話の誘い、ちょっと待って！"
            "困ったら消費生活センターへ。",
        ),
        (KUMA, "名画の模写展を開きます。模写した作品展では技法も紹介します。"),
    ]
)


# ---- 2. the "typical of" らしい is no rumour -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["春らしい色合い", "熊本らしい風景", "子どもらしい自由な絵", "小倉らしさ", "冬らしく晴れた朝",
     "作家さんらしい仕上がり", "ギャラリーらしい空間"],
)  # fmt: skip
def test_typical_rashii_is_recognised(text: str) -> None:
    [(start, end)] = typical_spans(text)
    assert text[start:end].startswith("らし")


@pytest.mark.parametrize(
    "text",
    ["閉館するらしいよ", "中止らしい", "事故らしいよ", "高いらしい", "中止だったらしい",
     "来るらしく、", "春らしいですね"],
)  # fmt: skip
def test_hearsay_rashii_is_never_masked(text: str) -> None:
    assert typical_spans(text) == []
    nt = normalize(text)
    assert mask_typical(nt.text, nt.kana) is nt.kana


def _model_rules(engine: PolicyEngine, pack: str, caption: str) -> list[str]:
    """The model's findings on the caption as if no rule had flagged anything."""
    compiled = engine._compiled(pack)
    return [f.rule for f in model_findings(normalize(caption), compiled.by_kind, [], _finding)]


# A model that reads らし as a rumour, as the shipped one does (whatever its weights are after a
# retraining): a sentence holding it scores 0.88, one without it 0.12, against a threshold of 0.5.
_STUB = build(
    ["misinformation"], [-2.0], [0.5], {"らし": [4000]}, scale=0.001, calibration=[(1.0, 0.0)]
)


def _stub_rumours(caption: str) -> list[str]:
    nt = normalize(caption)
    votes = _STUB.score(nt.kana, None, None, None, nt.text)
    return [v.category for v in _without_typical_rashii(_STUB, votes, nt, lambda a, b, c: False)]


@pytest.mark.parametrize(
    "caption",
    [
        "子どもらしい笑顔がたくさん見られたそうです",
        "熊本らしい風景を集めた写真展を開きます",
        "小倉らしさを感じる冬の夜景です",
        "新しい作品は、とても作家さんらしい仕上がりになりました",
    ],
)
def test_a_typical_rashii_alone_is_no_model_rumour(engine: PolicyEngine, caption: str) -> None:
    assert _STUB.score(normalize(caption).kana)  # the model alone reads a rumour in it
    assert _stub_rumours(caption) == []
    assert "model.misinformation" not in _model_rules(engine, KUMA, caption)


@pytest.mark.parametrize(
    "caption",
    [
        "春らしい陽気になるらしい",
        "熊本らしいお店、来月閉店するらしいよ",
        "冬らしい朝。来月から美術館が閉館だったらしい",
    ],
)
def test_hearsay_beside_a_typical_rashii_is_still_a_model_rumour(caption: str) -> None:
    assert _stub_rumours(caption) == ["misinformation"]


@pytest.mark.parametrize(
    "caption",
    [
        "熊本らしいお店、来月閉店するみたい",
        "小倉らしい景色が来月なくなるって話",
        "熊本らしいお店が来月閉店するらしいよ",
        # the typical らしい and the hearsay in two sentences: the みたい keeps the finding
        "小倉らしい冬の催しでした。次は有名な芸人さんが来るみたいです",
    ],
)
def test_the_shipped_model_still_reads_hearsay_beside_a_typical_rashii(
    engine: PolicyEngine, caption: str
) -> None:
    assert "model.misinformation" in _model_rules(engine, KOKURA, caption)


# ---- 3. a report of a past event is no past-date slip ---------------------------------------------

REF = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def _past_dates(engine: PolicyEngine, caption: str) -> list[str]:
    result = engine.check(KOKURA, caption, publish_at=REF)
    return [f.excerpt for f in result.findings if f.rule == "accuracy.past_date"]


@pytest.mark.parametrize(
    "caption",
    [
        "【開催報告】\n📅開催日：11月29日(日)\n📍区民センター\nたくさんのご来場ありがとうございました！",
        "開催日：11月29日(日)\n当日はたくさんの方にお越しいただきました。",
        "12月1日(火)に開催されたマルシェの様子をお届けします。",
        "前回（11月28日）は200名が参加。次回もぜひご参加ください。",
        # a period that started before and runs on
        "11月28日(土)〜12月20日(日)まで開催中です。",
        "11月28日(土)から12月20日(日)まで、ロビーで作品展を開催します。",
        "12月4日から10日は人権週間です。",
        # a date in brackets says when its event was; the verb is about something else
        "ロビーの清掃（11月14日(土)）に、朝早くから約40人が集まってくださいました。",
        "フリーマーケット（11月15日(日)）の売上は、全額が施設の修繕に使われます。",
        "文化祭（11月1日(日)）会場での忘れ物を、受付でお預かりしています。お電話ください。",
        "秋のコンサート（11月3日(火)）、約200人にお越しいただきました。",
    ],
)
def test_a_report_or_a_running_period_has_no_past_date(engine: PolicyEngine, caption: str) -> None:
    assert _past_dates(engine, caption) == []


@pytest.mark.parametrize(
    ("caption", "past"),
    [
        ("12月5日(土)に表彰式が行われます。", ["12月5日(土)"]),
        ("12月5日(土)、活動報告会を開催します。", ["12月5日(土)"]),
        # a report and an announcement in one caption: the announced date is still checked
        ("先日はありがとうございました。次回は12月5日(土)に開催します！", ["12月5日(土)"]),
        (
            "たくさんのご来場ありがとうございました！\n\n【次回】\n開催日：12月5日(土)\n"
            "ぜひお越しください！",
            ["12月5日(土)"],
        ),
        ("11月28日に開催した作品展の会期を12月5日(土)まで延長します。", ["12月5日(土)"]),
        ("12月1日(火)から12月5日(土)まで募集します", ["12月1日(火)", "12月5日(土)"]),
        ("12月1日から5日まで受付します。", ["12月1日"]),
        ("文化祭（12月5日(土)）では、ステージ発表を行います。ぜひお越しください", ["12月5日(土)"]),
        ("文化祭（12月5日(土)）のステージ出演者を募集します。", ["12月5日(土)"]),
    ],
)
def test_a_past_date_announced_as_to_come_is_still_flagged(
    engine: PolicyEngine, caption: str, past: list[str]
) -> None:
    assert _past_dates(engine, caption) == past


# ---- 4. over-general rules, fixed for their kind -------------------------------------------------


test_public_notices_that_use_the_words_stay_clean = checks.no_rule_finding(
    [
        # the election board's published figures are public
        (KOKURA, "選挙管理委員会の資料によると、前回の投票率は約40％でした。"),
        # a rumour checked and found wrong
        (KUMA, "公園にクマ？って話題になってたけど、確認したら大きな犬でした。安心してね"),
        # drink-driving prevention and tax notices name parties and side jobs
        (KOKURA, "年末は飲酒運転防止の強化期間。飲み会のあとは代行かタクシーで。"),
        (KOKURA, "副業の所得が20万円を超える方は確定申告が必要です。"),
        # a request not to do it
        (KUMA, "写真をSNSに載せるときは、わいせつな加工をしないようお願いします。"),
        # a warning about impersonators, with the call to report in the next sentence
        (KOKURA, "区役所のなりすましアカウントが出回っています。見つけたら通報をお願いします。"),
        # candidates put to a public vote announced right after
        (KOKURA, "新しいマスコットの名前、候補は3つ！みなさんの投票で決めます"),
    ]
)


test_the_same_words_in_a_slip_still_flag = checks.caught_in_category(
    [
        # an impersonator calls the others unofficial: not a warning about impersonation
        (
            KOKURA,
            "こちらが本当の区の公式アカウントです。他の「公式」を名乗るアカウントは非公式なので、"
            "フォローしないでください！",
            "impersonation",
        ),
        # "not X but Y" inside the rumour is the rumour itself
        (KUMA, "展示中の絵、実は本物じゃなくてレプリカだったって噂があります", "misinformation"),
        # candidates leaked, not put to a vote
        (
            KOKURA,
            "市民会館の愛称、候補は3つに絞られました。「ひかりホール」が一歩リードです。",
            "undecided",
        ),
        (KOKURA, "区の飲み会、今年は二次会まで行きました！", "off_topic"),
    ]
)


def test_unless_next_cancels_from_the_next_sentence_only_for_its_words() -> None:
    rule = LexiconRule(
        id="p", phrases=("候補は",), unless_any=("投票",), unless_next=("投票で決め",)
    )
    lexicon = Lexicon([rule])
    assert _found(lexicon, "候補は3つ！みなさんの投票で決めます") == []
    assert _found(lexicon, "候補は3つ！課内投票ではA案が優勢") == ["p"]
