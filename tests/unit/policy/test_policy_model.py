"""The learned second opinion: shipped weights, pure-Python scoring, findings that explain."""

from __future__ import annotations

import subprocess
import sys

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.model.scorer import CATEGORIES, WEIGHTS, load_model


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine()


def test_the_weights_ship_in_the_package_and_are_small() -> None:
    model = load_model()
    assert WEIGHTS.is_file() and model.size_bytes == WEIGHTS.stat().st_size
    assert model.size_bytes < 5 * 1024 * 1024
    assert model.categories == CATEGORIES
    assert all(0.0 < t < 1.0 for t in model.thresholds)
    assert all(len(row) == len(CATEGORIES) for row in model.features.values())


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
