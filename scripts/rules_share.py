"""The rules' share of the policy engine's findings on the TRAINING corpora (never held out).

Usage: python scripts/rules_share.py [--dump FILE] [--only file.yml ...]

For each training file: per category the recall of the rules alone (a labelled caption counts as
caught when a rule that is not the learned model's warns or blocks in that category), and on
clean captions the rules' false flag (any warning or block) and false block; the same figures for
the whole engine (rules and model) on the last lines. ``--dump`` writes every miss and every
clean caption the rules flag, with the rule ids, for reading.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatbot.policy.engine import PolicyEngine  # noqa: E402
from tests.corpus.corpus_loader import GENERATED, TRAINING, load_cases  # noqa: E402

# Every hand-written training file (the generated one is template fills: not a writer's).
HAND_WRITTEN = tuple(name for name in TRAINING if name != GENERATED)
HELD_OUT = ("frozen", "holdout")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump")
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    engine = PolicyEngine()
    dump = []
    names = args.only or HAND_WRITTEN
    for name in names:
        if name.startswith(HELD_OUT):
            raise SystemExit(f"{name} is held out: not read here")
        cases = load_cases(ROOT / "tests" / "corpus" / name)
        pos: Counter[str] = Counter()
        hit_rules: Counter[str] = Counter()
        hit_all: Counter[str] = Counter()
        clean = ff_rules = fb_rules = ff_all = fb_all = 0
        flagged_by: Counter[str] = Counter()
        for case in cases:
            result = engine.check(case.pack, case.caption, case.media)
            sev = [f for f in result.findings if f.severity in ("warn", "block")]
            rules = [f for f in sev if not f.rule.startswith("model.")]
            if not case.labels:
                clean += 1
                if rules:
                    ff_rules += 1
                    flagged_by.update({f.rule for f in rules})
                fb_rules += any(f.severity == "block" for f in rules)
                ff_all += bool(sev)
                fb_all += any(f.severity == "block" for f in sev)
                if rules:
                    dump.append(
                        {
                            "file": name,
                            "id": case.id,
                            "kind": "clean_flagged",
                            "caption": case.caption,
                            "findings": [(f.rule, f.severity, f.excerpt) for f in rules],
                        }
                    )
                continue
            for label in case.labels:
                pos[label] += 1
                if any(f.category == label for f in rules):
                    hit_rules[label] += 1
                if any(f.category == label for f in sev):
                    hit_all[label] += 1
                if not any(f.category == label for f in rules):
                    dump.append(
                        {
                            "file": name,
                            "id": case.id,
                            "kind": "miss",
                            "label": label,
                            "caption": case.caption,
                            "findings": [(f.rule, f.severity, f.excerpt) for f in sev],
                        }
                    )
        total = sum(pos.values())
        print(f"== {name}: {len(cases)} captions, {clean} clean, {total} expected flags")
        print(
            f"  rules: recall {sum(hit_rules.values()) / max(total, 1):.3f}"
            f"  false flag {ff_rules}/{clean} ({100 * ff_rules / max(clean, 1):.1f} %)"
            f"  false block {fb_rules}/{clean} ({100 * fb_rules / max(clean, 1):.1f} %)"
        )
        print(
            f"  all:   recall {sum(hit_all.values()) / max(total, 1):.3f}"
            f"  false flag {ff_all}/{clean} ({100 * ff_all / max(clean, 1):.1f} %)"
            f"  false block {fb_all}/{clean} ({100 * fb_all / max(clean, 1):.1f} %)"
        )
        print(
            "  rules recall by category: "
            + ", ".join(
                f"{c} {hit_rules[c]}/{pos[c]}"
                for c in sorted(pos, key=lambda c: hit_rules[c] / pos[c])
            )
        )
        print(
            "  rules flagging clean: " + ", ".join(f"{r} {n}" for r, n in flagged_by.most_common())
        )
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
