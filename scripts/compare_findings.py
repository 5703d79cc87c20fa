"""Every finding of this checkout's policy engine against another checkout's, case by case.

Usage: python scripts/compare_findings.py OTHER_CHECKOUT [--show] [--held-out]

For speed work, which must change no finding: each engine runs in its own process (its checkout
first on ``sys.path``) over the same inputs, read from this checkout: every TRAINING corpus file
(``tests/corpus/corpus_loader.TRAINING``), each case without and with a publish time,
``captions.yml`` also padded to 2,200 characters as the benchmark pads it, and the benchmark's
adversarial families at 3,000 and 20,000 characters. A case differs when its verdict or one of its
findings' rule, category, severity, span, image index or kind differs; texts are not compared.
Prints per file the number of differing cases. ``--show`` prints the differing training cases by
id with both findings (never a caption). ``--held-out`` compares the held-out splits too and prints
only their counts: never a case, a caption or a finding (one look spoils them).
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
PUBLISH_AT = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
LONG = 2200
# (case id, findings without a publish time, findings with one), findings as compared.
Row = tuple[str, Any, Any]


def differing(ours: Sequence[Row], theirs: Sequence[Row]) -> list[str]:
    """The ids of the cases whose findings differ (a case only one side has differs too)."""
    mine = {row[0]: row[1:] for row in ours}
    other = {row[0]: row[1:] for row in theirs}
    return [
        case for case in sorted(mine.keys() | other.keys()) if mine.get(case) != other.get(case)
    ]


def _key(result: Any) -> Any:
    return (
        result.verdict,
        tuple(
            (f.rule, f.category, f.severity, f.start, f.end, f.media_index, f.kind)
            for f in result.findings
        ),
    )


def _held_out_files() -> list[str]:
    return [*sorted(p.name for p in CORPUS.glob("frozen*.yml")), "holdout.yml"]


def _dump(engine_root: Path, out: Path, held_out: bool) -> None:
    """In a child process: run the engine of ``engine_root`` and pickle its rows by file."""
    sys.path.insert(0, str(engine_root))
    from chatbot.policy.engine import PolicyEngine
    from tests.corpus.corpus_loader import TRAINING, load_cases

    engine = PolicyEngine()
    rows: dict[str, list[Row]] = {}
    for name in _held_out_files() if held_out else TRAINING:
        cases = load_cases(CORPUS / name)
        rows[name] = [
            (
                c.id,
                _key(engine.check(c.pack, c.caption, c.media)),
                _key(engine.check(c.pack, c.caption, c.media, publish_at=PUBLISH_AT)),
            )
            for c in cases
        ]
        if name == "captions.yml":
            filler = "".join(c.caption for c in cases if not c.labels)
            rows["captions.yml (2,200 characters)"] = [
                (c.id, _key(engine.check(c.pack, (c.caption + "\n" + filler * 3)[:LONG])), None)
                for c in cases
            ]
    if not held_out:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from policy_bench import ADVERSARIAL

        rows["adversarial"] = [
            (f"{family} {size}", _key(engine.check("kumamoto-artistspot", text)), None)
            for family, unit in ADVERSARIAL.items()
            for size in (3000, 20_000)
            if (text := (unit * (size // len(unit) + 1))[:size])
        ]
    out.write_bytes(pickle.dumps(rows))


def _rows_of(engine_root: Path, held_out: bool, workdir: Path) -> dict[str, list[Row]]:
    out = workdir / f"{abs(hash(str(engine_root)))}-{held_out}.pickle"
    args = [sys.executable, __file__, "--dump", str(engine_root), str(out)]
    subprocess.run(args + (["--held-out"] if held_out else []), check=True, cwd=engine_root)
    rows: dict[str, list[Row]] = pickle.loads(out.read_bytes())
    return rows


def _compare(other: Path, held_out: bool, show: bool) -> int:
    total = 0
    with tempfile.TemporaryDirectory() as workdir:
        ours = _rows_of(ROOT, held_out, Path(workdir))
        theirs = _rows_of(other, held_out, Path(workdir))
    for name in sorted(ours.keys() | theirs.keys()):
        cases = differing(ours.get(name, []), theirs.get(name, []))
        total += len(cases)
        print(f"{name}: {len(cases)} differing cases of {len(ours.get(name, []))}")
        if show and not held_out:
            mine = {row[0]: row[1:] for row in ours.get(name, [])}
            other_rows = {row[0]: row[1:] for row in theirs.get(name, [])}
            for case in cases:
                print(f"  {case}\n    here:  {mine.get(case)}\n    other: {other_rows.get(case)}")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, nargs="?", help="the other checkout (e.g. main's)")
    parser.add_argument("--show", action="store_true", help="print differing training cases")
    parser.add_argument(
        "--held-out", action="store_true", help="also the held-out splits (counts only)"
    )
    parser.add_argument("--dump", nargs=2, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump:
        _dump(Path(args.dump[0]).resolve(), Path(args.dump[1]), args.held_out)
        return 0
    if args.other is None:
        parser.error("the other checkout is required")
    total = _compare(args.other.resolve(), held_out=False, show=args.show)
    if args.held_out:
        total += _compare(args.other.resolve(), held_out=True, show=False)
    print(f"differing cases in all: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
