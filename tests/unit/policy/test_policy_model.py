"""The learned second opinion: shipped weights, pure-Python scoring, findings that explain."""

from __future__ import annotations

import gzip
import json
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.model.scorer import (
    CATEGORIES,
    FORMAT,
    MAX_SENTENCE,
    NGRAMS,
    WEIGHTS,
    _pack,
    _unpack,
    build,
    encode_weights,
    load_model,
    sentences,
    view,
    word_span,
)
from chatbot.policy.packs import load_pack
from chatbot.policy.stance import warns_against


def test_the_weights_ship_in_the_package_and_are_small() -> None:
    model = load_model()
    assert WEIGHTS.is_file() and model.size_bytes == WEIGHTS.stat().st_size
    assert model.size_bytes < 5 * 1024 * 1024
    assert model.categories == CATEGORIES
    assert all(0.0 < t < 1.0 for t in model.thresholds)
    assert len(model.packed) > 1000
    gram = next(iter(model.packed))
    assert len(model.weights(gram)) == len(CATEGORIES)
    assert any(w != 0 for w in model.weights(gram))
    assert model.weights("\x00\x00") == [0.0] * len(CATEGORIES)


def test_scoring_needs_no_scikit_learn() -> None:
    code = (
        "import sys; from chatbot.policy.engine import PolicyEngine;"
        "PolicyEngine().check('kokuraminami', 'テスト');"
        "print(any(m.split('.')[0] in ('sklearn', 'numpy', 'scipy') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_model_finding_says_where_it_comes_from(engine: PolicyEngine) -> None:
    caption = "仏さまの教えを学ぶめぐみ教会のつどい、ご家族でどうぞ"
    result = engine.check("kumamoto-artistspot", caption)
    model = [f for f in result.findings if f.rule.startswith("model.")]
    assert model, [(f.rule, f.excerpt) for f in result.findings]
    finding = model[0]
    assert (finding.category, finding.severity, finding.clause) == ("religious", "warn", "5(8)")
    assert "学習モデル" in finding.message_ja and "learned model" in finding.message_en
    assert "確信度" in finding.message_ja and "「" in finding.message_ja
    assert caption[finding.start : finding.end] == finding.excerpt != ""


@pytest.mark.parametrize(
    ("pack", "clause", "clause_text"),
    [
        ("kumamoto-artistspot", "5(14)", "その他公序良俗に反する一切の情報"),
        ("kokuraminami", "3(6)", "公序良俗に反する内容"),
    ],
)
def test_every_model_category_is_a_warning_that_cites_a_clause(
    pack: str, clause: str, clause_text: str
) -> None:
    rules = {r.id: r for r in load_pack(pack).rules}
    assert "public_order" in CATEGORIES
    for category in CATEGORIES:
        rule = rules[f"model.{category}"]
        assert (rule.detector, rule.category, rule.severity) == ("model", category, "warn")
        assert rule.settings["kinds"] == [category] and rule.clause and rule.clause_text
        assert "学習モデル" in rule.message.ja and "learned model" in rule.message.en
    public_order = rules["model.public_order"]
    assert (public_order.clause, public_order.clause_text) == (clause, clause_text)


@pytest.mark.parametrize(
    ("pack", "clause"), [("kokuraminami", "3(6)"), ("kumamoto-artistspot", "5(14)")]
)
def test_a_call_to_gang_up_no_rule_names_is_a_public_order_model_warning(
    engine: PolicyEngine, pack: str, clause: str
) -> None:
    caption = "公園でたむろしとる連中、今夜みんなで行って痛めつけちゃろうや👊"
    findings = engine.check(pack, caption).findings
    assert not [f for f in findings if not f.rule.startswith("model.")], findings
    found = [f for f in findings if f.rule == "model.public_order"]
    assert found, [(f.rule, f.excerpt) for f in findings]
    assert (found[0].category, found[0].severity, found[0].clause) == (
        "public_order",
        "warn",
        clause,
    )
    assert "公序良俗" in found[0].message_ja and "public order" in found[0].message_en
    assert "確信度" in found[0].message_ja
    # Asking people to leave it to the police is no call to violence.
    calm = engine.check(
        pack, "公園でたむろしている人を見かけたら、声をかけずに警察へ通報してください。"
    )
    assert not [f for f in calm.findings if f.category == "public_order"]


def test_the_model_does_not_repeat_a_rule(engine: PolicyEngine) -> None:
    result = engine.check("kumamoto-artistspot", "飲酒運転しても大丈夫、バレないから")
    assert any(f.rule == "illegal.acts" for f in result.findings)
    assert not any(f.rule == "model.illegal" for f in result.findings)


def test_a_warning_is_not_a_model_finding(engine: PolicyEngine) -> None:
    result = engine.check(
        "kumamoto-artistspot", "飲んだら運転しないでください。飲酒運転は犯罪です。"
    )
    assert not [f for f in result.findings if f.category == "illegal"]


def test_an_ordinary_notice_gets_no_model_finding(engine: PolicyEngine) -> None:
    result = engine.check(
        "kokuraminami", "12月12日(土)、小倉南区役所ロビーでミニライブを開催します。入場無料です。"
    )
    assert not [f for f in result.findings if f.rule.startswith("model.")]


def test_packed_weights_sum_every_category_at_once() -> None:
    # The most n-grams a pair of sentences can have (characters and bigrams), each at the
    # extreme weights: no field overflows.
    rng = random.Random(7)
    rows = [[rng.randint(-60_000, 60_000) for _ in range(11)] for _ in range(4 * MAX_SENTENCE)]
    total = sum(_pack(row, i) for i, row in enumerate(rows))
    assert _unpack(total, 11) == [sum(col) for col in zip(*rows, strict=True)]
    assert (total >> (32 * 11)) & 0xFFFFFFFF == len(rows)  # the count field
    assert len({_pack([0] * 11, i) for i in range(3)}) == 3  # rows are never equal


def test_a_weights_file_round_trips(tmp_path: Path) -> None:
    features = {
        "あい": [1000, -500, 0],
        "いう": [0, 250, -2000],
        "う": [3, 0, 0],
        "あいう": [9, 9, 9],
    }
    vocabulary, weights = encode_weights(features, 3)
    blob = {
        "format": FORMAT, "ngrams": list(NGRAMS), "categories": ["a", "b", "c"],
        "bias": [-1.0, 0.0, 0.5], "thresholds": [0.5, 0.5, 0.5], "scale": 0.001,
        "calibration": [[1.0, 0.0], [2.0, 0.5], [1.0, 0.0]], "runs": False,
        "vocabulary": vocabulary, "weights": weights,
    }  # fmt: skip
    path = tmp_path / "w.json.gz"
    path.write_bytes(gzip.compress(json.dumps(blob).encode()))
    model = load_model(path)
    assert model.weights("いう") == pytest.approx([0.0, 0.25, -2.0])
    # "あいう" holds both bigrams and う (each counted once; a trigram is no feature the scorer
    # reads): a = -1 + 1 + 0.003, b = -0.25, c = -1.5;
    # b's calibration maps its raw score z to 2 z + 0.5 = 0.
    (a, _, _), (b, _, _), (c, _, _) = model.probabilities("あいう")
    assert a == pytest.approx(1 / (1 + math.exp(-0.003)))
    assert b == pytest.approx(0.5)
    assert c == pytest.approx(1 / (1 + math.exp(1.5)))
    assert [v.category for v in model.score("あいう")] == ["a", "b"]
    # An n-gram counts once per sentence however often it repeats: b = 2 * -0.5 + 0.5.
    assert model.probabilities("あいあいあいあい")[1][0] == pytest.approx(1 / (1 + math.exp(0.5)))
    blob["calibration"] = [[1.0, 0.0]]
    path.write_bytes(gzip.compress(json.dumps(blob).encode()))
    with pytest.raises(ValueError, match="calibration"):
        load_model(path)
    blob["calibration"] = [[1.0, 0.0]] * 3
    for old, ngrams in ((4, [2, 3]), (5, [2, 3]), (FORMAT, [1, 3])):
        # Before kanji runs (4), trigrams without single characters (5), or n-grams the scorer
        # does not read.
        blob["format"], blob["ngrams"] = old, ngrams
        path.write_bytes(gzip.compress(json.dumps(blob).encode()))
        with pytest.raises(ValueError, match="unsupported"):
            load_model(path)


def test_single_characters_weigh_once_per_sentence_and_show_as_their_kanji_run() -> None:
    assert NGRAMS == (1, 2)
    model = build(["a"], [-1.0], [0.5], {"党": [1500], "は": [-200]}, scale=0.001)
    # 党 twice and は once in one sentence: -1 + 1.5 - 0.2, each counted once.
    ((p, _, _),) = model.probabilities("党は党")
    assert p == pytest.approx(1 / (1 + math.exp(-0.3)))
    # In two sentences, each counts once per sentence: the pair of them sums both.
    ((p, _, _),) = model.probabilities("党です。党です。")
    assert p == pytest.approx(1 / (1 + math.exp(-2.0)))
    # The word shown is the kanji run around the character, as the caption writes it.
    (vote,) = model.score("自民党へ", text="自民党へ")
    assert vote.words == ("自民党",)
    # A lone kanji is shown only when nothing longer weighed.
    (vote,) = model.score("党へ", text="党へ")
    assert vote.words == ("党",)
    both = build(["a"], [-1.0], [0.5], {"党": [1500], "政治": [100]}, scale=0.001)
    (vote,) = both.score("党の政治", text="党の政治")
    assert vote.words == ("政治",)


def test_sentences_split_on_stops_and_lines_and_cut_long_runs() -> None:
    assert sentences(" あいう。 えお\n\n  かき!!  ") == [(1, 5), (6, 8), (12, 16)]
    assert sentences("") == [] and sentences(" \n ") == []
    wall = "あ" * (MAX_SENTENCE * 2 + 5)
    assert [e - s for s, e in sentences(wall)] == [MAX_SENTENCE, MAX_SENTENCE, 5]


def test_a_slip_inside_a_long_notice_is_found_in_its_sentence(engine: PolicyEngine) -> None:
    notice = (
        "【冬のイベントのお知らせ】\n12月12日(土)、区役所ロビーでミニライブを開催します。\n"
        "入場無料です。どなたでもお越しください。\n"
    )
    # A complaint the rules do not catch (the model speaks only where no rule has).
    slip = "また企画がやり直しで、課の雰囲気は最悪です。"
    caption = notice * 3 + slip + "\n" + notice * 3
    result = engine.check("kokuraminami", caption)
    found = [f for f in result.findings if f.rule == "model.personal_opinion"]
    assert found, [(f.rule, f.excerpt) for f in result.findings]
    # The finding points at the sentence (or the two) that scored highest.
    assert slip in found[0].excerpt == caption[found[0].start : found[0].end]
    assert len(found[0].excerpt) < 2 * len(notice)
    assert not engine.check("kokuraminami", notice * 6).findings


def test_a_warning_sentence_does_not_count_but_the_next_one_does() -> None:
    model = load_model()
    k = CATEGORIES.index("illegal")
    warning = "不法投棄は犯罪です。見かけたら通報してください。"
    kana = view(warning)

    def skip(start: int, end: int, category: str) -> bool:
        return warns_against(kana, start, end, category)

    assert model.probabilities(kana, skip)[k][0] < model.thresholds[k]
    slip = view(warning + "でも粗大ごみは夜中に河原へ捨てちゃえば、お金もかからずバレません。")

    def skip2(start: int, end: int, category: str) -> bool:
        return warns_against(slip, start, end, category)

    probability, start, _ = model.probabilities(slip, skip2)[k]
    assert probability >= model.thresholds[k] and start >= len(kana)


def test_any_text_scores_without_error() -> None:
    model = load_model()
    for text in ("", "。", "\n\n", "あ", "😀" * 500, "1" * 20_000, "ー。" * 3000):
        for probability, start, end in model.probabilities(view(text)):
            assert 0.0 <= probability <= 1.0 and 0 <= start <= end


def test_a_fragment_is_no_evidence() -> None:
    # 「す。」 and 「ん。」 (the ends of line-wrapped sentences) are not scored on their own, and
    # an n-gram without two letters is never shown as a word that weighed, whatever its weight.
    assert sentences("ん。") == [] and sentences("す。\n😀😀。\n○○。") == []
    kana = "ご来場をお待ちしていま\nす。"
    assert [kana[a:b] for a, b in sentences(kana)] == ["ご来場をお待ちしていま"]
    tail = "あ" * (MAX_SENTENCE + 1)
    assert [e - s for s, e in sentences(tail + "。")] == [MAX_SENTENCE]
    model = build(["a"], [-1.0], [0.5], {"す。": [9000], "○○": [9000], "来場": [2000]}, scale=0.001)
    assert model.score("す。") == [] and model.score("○○。") == []
    assert model.probabilities("いらっしゃいま\nす。")[0][0] == pytest.approx(1 / (1 + math.e))
    (vote,) = model.score("○○へご来場くださいま\nす。")
    assert vote.words == ("来場",)


def test_model_findings_show_words_not_fragments(engine: PolicyEngine) -> None:
    captions = (
        "上の人たちの思いつきに振り回されて、課の雰囲気は最悪で\nす。",
        "○○さんは会費を持ち逃げしたらしいで\nす。みんな気をつけてくださ\nい。",
        "仏さまの教えを学ぶめぐみ教会のつどい、ご家族でどう\nぞ。",
    )
    for caption in captions:
        for finding in engine.check("kokuraminami", caption).findings:
            if finding.rule.startswith("model."):
                assert sum(map(str.isalnum, finding.excerpt)) >= 2, finding.excerpt
                quoted = [q.split("」")[0] for q in finding.message_ja.split("「")[1:]]
                assert quoted and all(sum(map(str.isalnum, q)) >= 2 for q in quoted)
                # The words are the caption's own, as written.
                assert all(q in caption for q in quoted), (quoted, caption)


def test_the_words_shown_are_words_not_ngrams() -> None:
    def word(text: str, gram: str) -> str:
        at = text.index(gram)
        start, end = word_span(text, 0, len(text), at, at + len(gram))
        return text[start:end]

    # A kanji, katakana or letter run is taken whole; one particle or okurigana at its end is not.
    assert word("次の選挙は森本さんに", "挙は") == "選挙"
    assert word("森本さんを応援しましょう", "援し") == "応援"
    assert word("日曜日は投票所へ", "票所") == "投票所"
    assert word("センキョ行くなら", "ンキ") == "センキョ"
    assert word("ABCマートで", "Cマ") == "ABCマート"
    assert word("、投票して", "、投") == "投票"
    assert word("お店で買える", "お店") == "お店"  # nothing left of a one-kanji word without お
    # A hiragana n-gram grows to its hiragana run when that is short enough to be one word.
    assert word("えっちな写真", "えっち") == "えっちな"
    assert word("市長にふさわしいのは", "さわし") == "さわし"
    # Never beyond the unit scored: the span stays inside [lo, hi).
    assert word_span("選挙選挙", 2, 4, 2, 4) == (2, 4)


def test_a_vote_shows_the_words_as_the_caption_writes_them() -> None:
    model = build(["a"], [-1.0], [0.5], {"んき": [5000]}, scale=0.001)
    text = "日曜はセンキョに行こう"
    kana = view(text)
    assert kana == "日曜はせんきょに行こう"
    (vote,) = model.score(kana, text=text)
    assert vote.words == ("センキョ",) and vote.spans == ((3, 7),)
    # Without the text view the words come from the kana view, where はせんきょに is one
    # hiragana run too long to be a word: the n-gram itself is shown.
    assert model.score(kana)[0].words == ("んき",)


def test_kanji_runs_are_features_and_words() -> None:
    # 投票所 weighs as a word of its own besides its n-grams, and is the word a vote shows.
    features = {"\x01投票所": [3000], "日曜": [-100]}
    model = build(["a"], [-1.0], [0.5], features, scale=0.001, runs=True)
    ((p, _, _),) = model.probabilities("日曜は投票所へ")
    assert p == pytest.approx(1 / (1 + math.exp(-(-1 + 3 - 0.1))))
    (vote,) = model.score("日曜は投票所へ")
    assert vote.words == ("投票所",)
    # Once per sentence however often it repeats, and only as a whole run.
    assert model.probabilities("投票所と投票所")[0][0] == pytest.approx(1 / (1 + math.exp(-2)))
    assert model.probabilities("期日前投票所")[0][0] == pytest.approx(1 / (1 + math.e))
    without = build(["a"], [-1.0], [0.5], features, scale=0.001)
    assert without.probabilities("日曜は投票所へ")[0][0] == pytest.approx(1 / (1 + math.exp(1.1)))


def test_single_characters_are_looked_up_by_code_point_as_by_name() -> None:
    model = load_model()
    known = sorted(g for g in model.packed if len(g) == 1)
    rng = random.Random(11)
    texts = [
        "".join(known),
        "熊本市のイベント😀🎉ｶﾀｶﾅ\u200b\n#熊本",
        "".join(chr(rng.randrange(0x30000)) for _ in range(3000)),
        "あ\U00030001い",  # beyond the table: looked up by name
        "\U000f0000\U0010ffff",
        "",
    ]
    for text in texts:
        text = "".join(c for c in text if not "\ud800" <= c <= "\udfff")
        assert model._unigram_rows(text) == [model.packed.get(c) for c in text]
