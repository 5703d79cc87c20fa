"""Turn the model's votes into findings that combine with the rules.

The model only speaks where the rules are silent: a category the rules already found is not
repeated. A sentence that warns against what it names (〜は犯罪です, 〜防止) does not count for
the model, as a rule match in it would not. Every model finding says it comes from the model, with
its confidence (calibrated on writers the model never saw) and the words around the n-grams that
weighed most, as the caption writes them, points at the sentence that scored highest, and
cites the pack's clause for that category.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from chatbot.i18n import t
from chatbot.policy.detectors.limits import HASHTAG_RE
from chatbot.policy.detectors.pii import holds_contact
from chatbot.policy.hearsay import mask_typical, other_hearsay
from chatbot.policy.model.scorer import Model, ModelVote, Skip, load_model
from chatbot.policy.normalize import NormalizedText
from chatbot.policy.packs import Rule
from chatbot.policy.stance import warns_against
from chatbot.policy.types import Finding

MakeFinding = Callable[..., Finding]
_RUMOUR = "misinformation"
_PII = "pii"


def _words(words: Sequence[str], locale: str) -> str:
    """The words, quoted the way each language quotes: 「語」、「語」 or “word”, “word”."""
    kept = list(dict.fromkeys(w.strip() for w in words if w.strip()))
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
    wanted = {c for kind, c in by_kind if kind == "model"} - flagged
    if not wanted:
        return []
    kana = nt.kana

    def skip(start: int, end: int, category: str) -> bool:
        return warns_against(kana, start, end, category)

    model = load_model()
    votes = model.score(kana, skip, wanted, nt.bigram_list, nt.text)
    if any(v.category == _RUMOUR for v in votes):
        votes = _without_typical_rashii(model, votes, nt, skip)
    if any(v.category == _PII for v in votes):
        votes = [v for v in votes if v.category != _PII or _private_details(nt.text, v)]
    out = []
    for vote in votes:
        rule = by_kind.get(("model", vote.category))
        if rule is None or vote.category not in wanted:
            continue
        start, end = nt.to_original(vote.start, vote.end)
        # The words as the caption writes them (カタカナ, full width), not as the model reads them.
        words = [nt.original[slice(*nt.to_original(a, b))] for a, b in vote.spans]
        confidence = f"{vote.confidence:.2f}"
        note = (
            t("policy.model.note", "ja", confidence=confidence, words=_words(words, "ja")),
            t("policy.model.note", "en", confidence=confidence, words=_words(words, "en")),
        )
        out.append(make(rule, start, end, nt.original[start:end], note=note))
    return out


def _private_details(text: str, vote: ModelVote) -> bool:
    """Whether a pii vote may stand. An address, phone or e-mail the PII rules passed is a
    venue's or the office's own: the model, which cannot tell whose it is, does not second-guess
    them there. Words read only inside hashtags (#tag19, #小倉南区) are the account's own tags,
    not a person's details."""
    if holds_contact(text[vote.start : vote.end]):
        return False
    tags = [m.span() for m in HASHTAG_RE.finditer(text, vote.start, vote.end)]
    inside = all(any(a <= lo and hi <= b for a, b in tags) for lo, hi in vote.spans)
    return not (vote.spans and inside)


def _without_typical_rashii(
    model: Model, votes: list[ModelVote], nt: NormalizedText, skip: Skip
) -> list[ModelVote]:
    """The votes, the rumour vote kept if the sentences it points at hold a hearsay cue besides
    the "typical of" らしい (閉館するらしいよ, 〜って話, 〜みたい), else scored again on the caption
    with those masked (春らしい色, 熊本らしさ: hearsay.mask_typical): a rumour that only that
    らしい made is dropped."""
    masked = mask_typical(nt.text, nt.kana)
    if masked is nt.kana:
        return votes
    rumour = next(v for v in votes if v.category == _RUMOUR)
    if other_hearsay(masked, rumour.start, rumour.end):
        return votes  # …らしい作品展でした。…が来るみたいですよ: the みたい is the rumour's
    again = model.score(masked, skip, {_RUMOUR}, None, nt.text)
    return [v for v in votes if v.category != _RUMOUR] + again
