"""Parse speed of the bundled stanza pipeline on news text.

    python benchmarks/parse_speed.py                 # the texts of PolNeAR dev, all cores
    python benchmarks/parse_speed.py --threads 1

Reports cold load time (import stanza + build the pipeline from the bundled files),
sentences/s and KB/s of raw text through tokenize, mwt, pos, lemma and depparse, and
the process's peak RSS. Run it by hand on an otherwise idle machine; it is not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEV, help="JSONL with a 'text' per line")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's own choice)")
    args = ap.parse_args()

    started = time.perf_counter()
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    from quoteattr.loading import load_pipeline

    pipeline = load_pipeline()
    load_s = time.perf_counter() - started

    texts = [json.loads(line)["text"] for line in args.gold.open(encoding="utf-8")]
    chars = sum(len(t.encode("utf-8")) for t in texts)
    pipeline("Warm up the pipeline once.")
    started = time.perf_counter()
    sentences = sum(len(pipeline(t).sentences) for t in texts)
    took = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts            {len(texts)} documents, {chars / 1000:.0f} KB, {sentences} sentences")
    print(f"torch threads    {torch.get_num_threads()}")
    print(f"cold load        {load_s:.2f} s (import stanza and torch, build the pipeline)")
    print(f"parse            {took:.1f} s: {sentences / took:.1f} sentences/s, {chars / 1000 / took:.1f} KB/s")
    print(f"peak RSS         {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
