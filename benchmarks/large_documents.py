"""Large documents: time and peak memory of extract() on one text of growing size.

    python benchmarks/large_documents.py                 # 1, 2, 4 and 8 MB
    python benchmarks/large_documents.py --sizes 0.25 0.5 1

Each text is the PolNeAR dev articles joined by blank lines and repeated up to the
size, run in a fresh process so that each peak RSS is its own. Run by hand, not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import quoteattr
from quoteattr.loading import default_pipeline
size = int(sys.argv[1])
texts = [json.loads(line)["text"] for line in open({dev!r}, encoding="utf-8")]
article = "\\n\\n".join(texts)
text = (article * (size // len(article) + 1))[:size]
default_pipeline()
started = time.perf_counter()
quotes = quoteattr.extract(text)
took = time.perf_counter() - started
assert all(text[q.start:q.end] == q.text for q in quotes)
print(json.dumps({{"chars": len(text), "quotes": len(quotes), "seconds": took,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="sizes in MB (10^6 characters)")
    args = ap.parse_args()
    code = CHILD.format(root=str(ROOT), dev=str(DEV))
    print(f"{'MB':>6} {'quotes':>8} {'seconds':>9} {'s/MB':>7} {'peak RSS MB':>12}")
    for mb in args.sizes:
        out = subprocess.run(
            [sys.executable, "-c", code, str(int(mb * 1_000_000))], check=True, capture_output=True, text=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{mb:6.2f} {r['quotes']:8d} {r['seconds']:9.1f} {r['seconds'] / mb:7.1f} {r['peak_mb']:12.0f}")


if __name__ == "__main__":
    main()
