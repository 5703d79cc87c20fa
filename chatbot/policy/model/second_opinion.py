"""Turn the model's votes into findings that combine with the rules.

The model only speaks where the rules are silent: a category the rules already found is not
repeated. A vote whose strongest words sit in a warning (〜は犯罪です, 〜防止) is dropped like a
rule match would be. Every model finding says it comes from the model, with its confidence and
the words that weighed most, and cites the pack's clause for that category.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from chatbot.i18n import t
from chatbot.policy.model.scorer import load_model
from chatbot.policy.normalize import NormalizedText
from chatbot.policy.packs import Rule
from chatbot.policy.stance import warns_against
from chatbot.policy.types import Finding

MakeFinding = Callable[..., Finding]


def _words(words: Sequence[str], locale: str) -> str:
    """The words, quoted the way each language quotes: 「語」、「語」 or “word”, “word”."""
    kept = [w.strip() for w in words if w.strip()]
    if locale == "en":
        return ", ".join(f"\u201c{w}\u201d" for w in kept)
    return "、".join(f"「{w}」" for w in kept)


def model_findings(
    nt: NormalizedText,
    by_kind: Mapping[tuple[str, str], Rule],
    found: Sequence[Finding],
    make: MakeFinding,
) -> list[Finding]:
    """Findings for the model's votes in categories no rule has flagged."""
    flagged = {f.category for f in found if f.severity != "info"}
    out = []
    for vote in load_model().score(nt.kana, nt.bigrams):
        rule = by_kind.get(("model", vote.category))
        if rule is None or vote.category in flagged:
            continue
        if warns_against(nt.kana, vote.start, vote.end, vote.category):
            continue
        start, end = nt.to_original(vote.start, vote.end)
        confidence = f"{vote.confidence:.2f}"
        note = (
            t("policy.model.note", "ja", confidence=confidence, words=_words(vote.words, "ja")),
            t("policy.model.note", "en", confidence=confidence, words=_words(vote.words, "en")),
        )
        out.append(make(rule, start, end, nt.original[start:end], note=note))
    return out
