"""What the engine misses on writers its model never saw: the list worth reading for new rules.

Usage: python scripts/new_writer_misses.py [--last N] [--c C] [--dump FILE]

The rules' misses on a training file (``scripts/rules_share.py``) are mostly captions the shipped
model already catches there, because the model was trained on that very file: a rule read from
them can add nothing on a new writer. (On the sixth day of 7 December seven rules read that way
caught 126 more labels of the training writers and not one more on seventeen held-out splits.)
This script trains the model without the last N hand-written training writers (one fit per
category, at C), scores their captions as the runtime does (the best sentence or pair not warning
against the category), maps the scores with the shipped calibration and thresholds, and prints per
category the labels the rules catch, the ones only that model catches, and the ones neither
catches, with the clean captions each flags. ``--dump`` writes the misses and the clean captions
flagged, with the rule ids, for reading. Training files only (the held-out splits are never
read); needs the ``train`` extra; takes a few minutes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.script_module import load_script  # noqa: E402


def trainer() -> ModuleType:
    """The training script as a module (its data preparation, features and fits)."""
    return load_script("train_policy_model")


def tally(
    categories: Sequence[str],
    truth: np.ndarray,
    clean: np.ndarray,
    rules: np.ndarray,
    model: np.ndarray,
) -> list[tuple[str, int, int, int, int, int]]:
    """Per category (captions x categories boolean arrays): labels, caught by the rules, caught
    by the model alone, missed by both, and clean captions the rules or the model flag."""
    out = []
    for k, name in enumerate(categories):
        labelled = truth[:, k]
        by_rules = labelled & rules[:, k]
        model_only = labelled & model[:, k] & ~rules[:, k]
        missed = labelled & ~rules[:, k] & ~model[:, k]
        flagged = clean & (rules[:, k] | model[:, k])
        out.append(
            (
                name,
                int(labelled.sum()),
                int(by_rules.sum()),
                int(model_only.sum()),
                int(missed.sum()),
                int(flagged.sum()),
            )
        )
    return out


def _shipped() -> tuple[list[tuple[float, float]], list[float]]:
    from chatbot.policy.model.scorer import WEIGHTS

    with gzip.open(WEIGHTS, "rt", encoding="utf-8") as f:
        data = json.load(f)
    calibration = [(float(a), float(b)) for a, b in data["calibration"]]
    return calibration, [float(t) for t in data["thresholds"]]


def _model_hits(t: ModuleType, last: int, c: float) -> tuple[object, np.ndarray, np.ndarray]:
    """The validation captions, which of them are the left-out writers', and per caption and
    category whether a model trained without those writers flags it at the shipped thresholds."""
    p = t.prepare()
    s = t.SETTINGS
    val = p.val
    hand = sorted(set(val.writer.tolist()))
    out_writers = set(hand[-last:])
    mine = np.isin(val.writer, sorted(out_writers))
    writer = np.array([e.writer for e in p.examples])
    weight = np.array([e.weight for e in p.examples])
    trains = np.array([e.trains for e in p.examples]) & ~np.isin(writer, sorted(out_writers))
    presence = np.delete(p.presence, sorted(out_writers), axis=0)
    cols = np.flatnonzero(presence.sum(axis=0) >= s.min_writers)
    calibration, thresholds = _shipped()
    hits = np.zeros((len(val.ids), len(t.CATEGORIES)), dtype=bool)
    for k, category in enumerate(t.CATEGORIES):
        y = np.array([category in e.labels for e in p.examples])
        fitted = t._fit(p.x[trains][:, cols], y[trains], weight[trains], c, s)
        coef = np.zeros(len(p.vocab))
        coef[cols] = fitted.coef_[0]
        bias = np.full(len(val.ids), float(fitted.intercept_[0]))
        logit = t._caption_logits(val, t._sentence_scores(val, coef), bias, k, s.pairs)
        hits[:, k] = t._calibrated(logit, calibration[k]) >= thresholds[k]
    return val, mine, hits


def _rules(val: object, mine: np.ndarray) -> tuple[np.ndarray, list[list[str]]]:
    """Per left-out caption and category whether the rules flag it, and the rule ids."""
    from chatbot.policy import engine as module
    from chatbot.policy.types import CATEGORIES as ALL

    keep = module.model_findings
    module.model_findings = lambda *_: []
    try:
        engine = module.PolicyEngine()
        found = [
            engine.check(pack, caption).findings
            for pack, caption, m in zip(val.packs, val.captions, mine, strict=True)  # type: ignore[attr-defined]
            if m
        ]
    finally:
        module.model_findings = keep
    index = {name: i for i, name in enumerate(ALL)}
    flags = np.zeros((len(found), len(ALL)), dtype=bool)
    ids = []
    for row, findings in enumerate(found):
        flags[row, [index[f.category] for f in findings if f.severity != "info"]] = True
        ids.append(sorted({f.rule for f in findings if f.severity != "info"}))
    return flags, ids


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--last", type=int, default=6, help="left-out writers (the newest N)")
    parser.add_argument("--c", type=float, default=0.3, help="regularisation of the fits")
    parser.add_argument("--dump", help="write the misses and clean flags as JSON")
    args = parser.parse_args(argv)
    t = trainer()
    from chatbot.policy.types import CATEGORIES as ALL

    val, mine, hits = _model_hits(t, args.last, args.c)
    flags, ids = _rules(val, mine)
    columns = [ALL.index(k) for k in t.CATEGORIES]
    truth = val.truth[mine]  # type: ignore[attr-defined]
    clean = val.clean[mine]  # type: ignore[attr-defined]
    rows = tally(t.CATEGORIES, truth, clean, flags[:, columns], hits[mine])
    names = sorted({t.SOURCES[w].name for w in val.writer[mine].tolist()})  # type: ignore[attr-defined]
    print(f"left out: {', '.join(names)} ({int(mine.sum())} captions, {int(clean.sum())} clean)")
    print(f"{'category':18} {'labels':>6} {'rules':>6} {'model':>6} {'missed':>6} {'clean':>6}")
    for name, n, r, m, x, f in rows:
        print(f"{name:18} {n:6} {r:6} {m:6} {x:6} {f:6}")
    n_all = sum(row[1] for row in rows)
    caught = sum(row[2] + row[3] for row in rows)
    share = caught / max(1, n_all)
    print(f"recall of rules + model on these writers: {caught}/{n_all} = {share:.2f}")
    if args.dump:
        entries = []
        kept = [i for i, m in enumerate(mine) if m]
        for row, i in enumerate(kept):
            missed = [
                k
                for j, k in enumerate(t.CATEGORIES)
                if truth[row, j] and not flags[row, columns[j]] and not hits[i, j]
            ]
            model_flags = [k for j, k in enumerate(t.CATEGORIES) if hits[i, j]]
            if missed or (clean[row] and (ids[row] or model_flags)):
                entries.append(
                    {
                        "id": val.ids[i],  # type: ignore[attr-defined]
                        "caption": val.captions[i],  # type: ignore[attr-defined]
                        "missed": missed,
                        "clean": bool(clean[row]),
                        "rules": ids[row],
                        "model": model_flags,
                    }
                )
        Path(args.dump).write_text(json.dumps(entries, ensure_ascii=False, indent=1), "utf-8")
        print(f"{len(entries)} captions written to {args.dump}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
