"""The generated corpus: reproducible from its fragments, big enough, and split by family."""

from __future__ import annotations

from collections import Counter

import yaml

from chatbot.policy.model import scorer
from tests.corpus.corpus_loader import CORPUS, load_cases
from tests.corpus.generator import generate

HOLDOUT = CORPUS.with_name("holdout.yml")
# The model's categories that the generator has template families for: every one but
# public_order and pii, which were added to the model later and are taught by the hand-written
# files only (the generated training file holds no PII slip: its template fills would teach the
# model the patterns' phone and address shapes, which the rules already block).
GENERATED_LATER = ("public_order", "pii")
MODEL_CATEGORIES = tuple(c for c in scorer.CATEGORIES if c not in GENERATED_LATER)


def _family(entry_id: str) -> str:
    return entry_id.removeprefix("gen-").rsplit("-", 1)[0]


def test_the_files_are_what_the_generator_makes() -> None:
    train, frozen = generate.build()
    for path, entries in ((generate.TRAIN, train), (generate.FROZEN, frozen)):
        assert yaml.safe_load(path.read_text(encoding="utf-8")) == entries, path.name


def test_no_family_is_in_both_splits() -> None:
    train = {_family(c.id) for c in load_cases(generate.TRAIN)}
    frozen = {_family(c.id) for c in load_cases(generate.FROZEN)}
    assert train and frozen and not train & frozen


def test_at_least_2000_labelled_captions_and_every_category_both_ways() -> None:
    cases = [
        c for path in (CORPUS, HOLDOUT, generate.TRAIN, generate.FROZEN) for c in load_cases(path)
    ]
    assert len(cases) >= 2000
    generated = [c.id for p in (generate.TRAIN, generate.FROZEN) for c in load_cases(p)]
    assert len(set(generated)) == len(generated)
    for path in (generate.TRAIN, generate.FROZEN):
        counts = Counter(label for c in load_cases(path) for label in c.labels)
        short = [cat for cat in MODEL_CATEGORIES if counts[cat] < 20]
        assert not short, (path.name, short)
        assert sum(1 for c in load_cases(path) if not c.labels) >= 100
