"""Large documents: time and peak memory of extract() on one text of growing size.

    python benchmarks/large_documents.py                 # 1, 2, 4 and 8 MB
    python benchmarks/large_documents.py --sizes 0.25 0.5 1
    python benchmarks/large_documents.py --finder        # quote finding alone on 10 MB of marks

Each text is the PolNeAR dev articles joined by blank lines and repeated up to the
size, run in a fresh process so that each peak RSS is its own. Run by hand, not a test.
``--finder`` times :func:`quoteattr.quotes.find_quotes` alone on texts of 10^7
characters made of apostrophes and quote marks (the finder must stay linear: under
a second each).
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


# Texts that make a careless pairing quadratic: marks that all open, that all close,
# apostrophes and possessives that might close, same-mark nesting, no paragraph break.
FINDER_PATTERNS = {
    "straight apostrophes": "'",
    "curly apostrophes": "’",
    "single marks": "‘’",
    "every mark": "“”\"‘’'«»„",
    "marks and blanks": "‘ ’ ' “ ” \" ",
    "marks and line breaks": "‘’\n“”\n",
    "apostrophes in words": "a’s b’ ’c s’ ",
}


def time_finder(size: int = 10_000_000) -> None:
    """Print the seconds :func:`find_quotes` takes on each of :data:`FINDER_PATTERNS` repeated to ``size``."""
    import time

    sys.path.insert(0, str(ROOT))
    from quoteattr.quotes import find_quotes

    print(f"{'text':32} {'MB':>5} {'quotes':>9} {'seconds':>8}")
    for name, unit in FINDER_PATTERNS.items():
        text = (unit * (size // len(unit) + 1))[:size]
        started = time.perf_counter()
        found = find_quotes(text)
        took = time.perf_counter() - started
        print(f"{name:32} {len(text) / 1e6:5.1f} {len(found):9d} {took:8.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="sizes in MB (10^6 characters)")
    ap.add_argument("--finder", action="store_true", help="time quote finding alone on 10 MB texts of marks")
    args = ap.parse_args()
    if args.finder:
        time_finder()
        return
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
