"""Accuracy benchmark: run quoteattr over a gold file and score it with the project's scorer.

    python benchmarks/accuracy.py                      # PolNeAR dev (../shared/data/polnear/dev.jsonl)
    python benchmarks/accuracy.py --gold ../shared/eval/gold/seed.jsonl
    python benchmarks/accuracy.py --verbose 10         # also the scorer's misses per document

Prints the scorer's table, then attribution precision per rule (each rule's
predictions scored on their own). Predictions are written to build/bench/.
The gold texts are read from ../shared and never copied into the repository.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quoteattr.api import Extractor  # noqa: E402
from quoteattr.cli import prediction  # noqa: E402
from quoteattr.loading import load_pipeline  # noqa: E402

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"


def score(gold: Path, pred: Path, *extra: str) -> str:
    return subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), *extra], check=True, capture_output=True, text=True
    ).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "data" / "polnear" / "dev.jsonl")
    ap.add_argument("--models", type=Path, default=None, help="a model folder other than the bundled one")
    ap.add_argument("--verbose", nargs="?", const=5, type=int, default=None, help="list N misses per document")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--parse-everything", action="store_true", help="parse every sentence (no focus)")
    args = ap.parse_args()

    pipeline = load_pipeline(args.models) if args.models else None
    extractor = Extractor(pipeline, parse_everything=args.parse_everything)
    out_dir = ROOT / "build" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    pred_path = out_dir / f"{args.gold.stem}.pred.jsonl"
    by_rule: dict[str, list[str]] = {}
    rules: Counter[str] = Counter()
    started, chars, docs = time.perf_counter(), 0, 0
    with open(args.gold, encoding="utf-8") as gold, open(pred_path, "w", encoding="utf-8") as out:
        docs_in = [json.loads(line) for line in itertools.islice(gold, args.limit)]
        for doc, quotes in zip(docs_in, extractor.extract_many(d["text"] for d in docs_in), strict=True):
            chars, docs = chars + len(doc["text"]), docs + 1
            out.write(json.dumps({"id": doc["id"], "quotes": [prediction(q) for q in quotes]}) + "\n")
            for q in quotes:
                rule = q.rule or "none"
                rules[rule] += 1
                by_rule.setdefault(rule, []).append(json.dumps({"id": doc["id"], "quotes": [prediction(q)]}))
    took = time.perf_counter() - started
    extra = ["--verbose", str(args.verbose)] if args.verbose is not None else []
    print(score(args.gold, pred_path, *extra), end="")
    print(f"\n{docs} documents, {chars / 1000:.0f} KB in {took:.1f} s\n")
    print(f"{'rule':15} {'quotes':>7} {'attribution precision':>22}")
    for rule, count in rules.most_common():
        merged: dict[str, list[dict]] = {}
        for row in by_rule[rule]:
            rec = json.loads(row)
            merged.setdefault(rec["id"], []).extend(rec["quotes"])
        rule_path = out_dir / f"{args.gold.stem}.{rule}.jsonl"
        rule_path.write_text("".join(json.dumps({"id": k, "quotes": v}) + "\n" for k, v in merged.items()))
        metrics = json.loads(score(args.gold, rule_path, "--json"))["metrics"]
        precision = metrics.get("attribution_precision")
        shown = "-" if precision is None else f"{precision:.3f}"
        print(f"{rule:15} {count:7d} {shown:>22}")


if __name__ == "__main__":
    main()
