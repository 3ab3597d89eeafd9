"""Throughput on Dask: 1 and 2 worker processes against extract_many(workers=2), on PolNeAR dev.

    python benchmarks/scaling.py             # 2 passes each, medians; the figures of docs/scaling.md
    python benchmarks/scaling.py --runs 1 --limit 10   # a quick try
    python benchmarks/scaling.py --check     # also: the cluster's records against extract()'s, one by one
    python benchmarks/scaling.py --runs 1 --runs1 1 --check
    python benchmarks/scaling.py --profile   # Dask's profiler on in the workers, as Dask has it by default

Reports, for ``extract_many(workers=2)``: each pass (which starts its two worker
processes, as every call does) and the pass less that start (timed on two tiny
texts); for a ``distributed.LocalCluster`` of 1 and of 2 worker processes of one
thread: the cold start (cluster up and models loaded in every worker), then passes of
``extract_bag`` over the texts in partitions of about one parse batch (50,000
characters); the overhead per task (a bag of empty texts, one per partition); and the
cost of a million 5 KB articles in worker-hours at the measured rate per worker.
The extract_many and Dask passes alternate, so that drift in the machine's speed
falls on both. The load average is printed with each pass: the figures mean little on
a busy machine.

Each pass also gives the CPU seconds it took, all processes together (this one, which
holds the Dask scheduler, the extract_many workers, the Dask workers): on a machine
that other work shares, documents per CPU second compare the two ways more steadily
than wall time does.

``--check`` extracts every text with ``extract()`` in this process and compares the
records of the 2-worker cluster with them, document by document and record by record,
both ``extract_bag``'s ``Quotes`` and ``quotes_frame``'s rows. Run it by hand; it is
not a test. The texts are read from ../shared and never copied.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
ARTICLE_KB = 5  # the projection's article: 5 KB of text
OVERHEAD_TASKS = 200


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def worker_cpu(client: Any) -> float:
    """CPU seconds the cluster's worker processes have used so far, all together."""
    return sum(client.run(cpu_seconds).values())


def cpu_timed(run: Callable[[], Any], client: Any = None) -> tuple[float, float, Any]:
    """Wall seconds, CPU seconds (this process, its finished children, and ``client``'s workers) and the result."""

    def used() -> float:
        workers = worker_cpu(client) if client is not None else 0.0
        return cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN) + workers

    before = used()
    seconds, result = timed(run)
    return seconds, used() - before, result


def start_cluster(workers: int, profile: bool) -> tuple[Any, Any, float]:
    """A LocalCluster of ``workers`` processes of one thread with the models loaded in each, and how long that
    took; Dask's profiler off (as the command line's local clusters have it) unless ``profile``."""
    import dask
    from distributed import Client, LocalCluster

    import quoteattr.dask

    started = time.perf_counter()
    config = {} if profile else quoteattr.dask.WORKER_CONFIG
    with dask.config.set(config):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    client.wait_for_workers(workers)
    client.run(lambda: quoteattr.dask._extractor({}) and None)  # what a worker's first task does
    return cluster, client, time.perf_counter() - started


def dask_pass(client: Any, texts: Sequence[str], partitions: int) -> list[Any]:
    import dask.bag as db

    from quoteattr.dask import extract_bag

    return extract_bag(db.from_sequence(texts, npartitions=partitions)).compute()


def overhead_per_task(client: Any, workers: int) -> float:
    """Seconds a task of the bag costs beyond its extraction: a bag of empty texts, one per partition."""
    seconds, _ = timed(lambda: dask_pass(client, [""] * OVERHEAD_TASKS, OVERHEAD_TASKS))
    return seconds * workers / OVERHEAD_TASKS


def check(client: Any, texts: Sequence[str], from_cluster: Sequence[Any]) -> None:
    """Compare the cluster's records with extract()'s, document by document and record by record."""
    import dask.dataframe as dd
    import pandas as pd

    import quoteattr
    from quoteattr.dask import quotes_frame
    from quoteattr.rows import flat_row

    seconds, expected = timed(lambda: [quoteattr.extract(text) for text in texts])
    print(f"check: extract() on {len(texts)} texts in this process, {seconds:.1f} s")
    records = sum(len(quotes) for quotes in expected)
    differing = [i for i, (a, b) in enumerate(zip(from_cluster, expected, strict=True)) if list(a) != list(b)]
    same_records = sum(
        a == b for got, want in zip(from_cluster, expected, strict=True) for a, b in zip(got, want, strict=False)
    )
    print(
        f"  extract_bag:  {len(from_cluster)} documents, {same_records} of {records} records identical, "
        f"{len(differing)} documents differ {differing[:10]}"
    )
    ids = [f"doc{i}" for i in range(len(texts))]
    frame = dd.from_pandas(pd.DataFrame({"id": ids, "text": list(texts)}), npartitions=len(from_cluster) // 10 + 1)
    rows = quotes_frame(frame).compute()
    got = [{k: None if pd.isna(v) else v for k, v in row.items()} for row in rows.to_dict("records")]
    want = [{"id": i, **flat_row(q), "error": None} for i, quotes in zip(ids, expected, strict=True) for q in quotes]
    same_rows = sum(a == b for a, b in zip(got, want, strict=False))
    print(f"  quotes_frame: {len(got)} rows for {len(want)} records, {same_rows} identical in order")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEV, help="JSONL with a 'text' per line")
    ap.add_argument("--runs", type=int, default=2, help="timed passes of each setup; medians are reported")
    ap.add_argument("--check", action="store_true", help="compare the cluster's records with extract()'s")
    ap.add_argument("--profile", action="store_true", help="leave Dask's profiler on in the workers (its default)")
    ap.add_argument("--runs1", type=int, default=None, help="passes with 1 Dask worker (default: --runs)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts (while trying the script)")
    args = ap.parse_args()

    import quoteattr
    from quoteattr.api import BATCH_CHARS

    texts = [json.loads(line)["text"] for line in args.gold.open(encoding="utf-8")][: args.limit]
    kb = sum(len(t.encode()) for t in texts) / 1000
    partitions = math.ceil(sum(map(len, texts)) / BATCH_CHARS)
    print(
        f"texts   {len(texts)} documents, {kb:.0f} KB ({args.gold.name}), {partitions} partitions;"
        f" {os.cpu_count()} cores, {load()}"
    )

    def many() -> list[Any]:
        return list(quoteattr.extract_many(texts, workers=2))

    start_s, start_cpu, _ = cpu_timed(lambda: list(quoteattr.extract_many(["“Hi,” said Ann Lee."] * 2, workers=2)))
    print(f"extract_many(workers=2) start (two tiny texts): {start_s:.1f} s, {start_cpu:.1f} CPU s")
    cluster, client, cold_s = start_cluster(2, args.profile)
    print(f"dask 2 workers: cluster up, models loaded in {cold_s:.1f} s")
    many_s, dask2_s, many_cpu, dask2_cpu = [], [], [], []
    from_cluster: list[Any] = []
    for run in range(args.runs):
        seconds, cpu, _ = cpu_timed(many)
        many_s.append(seconds)
        many_cpu.append(cpu)
        print(f"  pass {run + 1}: extract_many(workers=2) {seconds:.1f} s, {cpu:.1f} CPU s ({load()})")
        seconds, cpu, from_cluster = cpu_timed(lambda: dask_pass(client, texts, partitions), client)
        dask2_s.append(seconds)
        dask2_cpu.append(cpu)
        print(f"  pass {run + 1}: dask, 2 workers        {seconds:.1f} s, {cpu:.1f} CPU s ({load()})")
    overhead2 = overhead_per_task(client, 2)
    if args.check:
        check(client, texts, from_cluster)
    client.close()
    cluster.close()

    cluster, client, cold1_s = start_cluster(1, args.profile)
    print(f"dask 1 worker: cluster up, models loaded in {cold1_s:.1f} s")
    dask1_s, dask1_cpu = [], []
    for run in range(args.runs1 or args.runs):
        seconds, cpu, _ = cpu_timed(lambda: dask_pass(client, texts, partitions), client)
        dask1_s.append(seconds)
        dask1_cpu.append(cpu)
        print(f"  pass {run + 1}: dask, 1 worker         {seconds:.1f} s, {cpu:.1f} CPU s ({load()})")
    overhead1 = overhead_per_task(client, 1)
    client.close()
    cluster.close()

    many_m, dask2_m, dask1_m = map(statistics.median, (many_s, dask2_s, dask1_s))
    steady = many_m - start_s
    print()
    print("setup                              median s   docs/s   KB/s   KB/s per worker")
    rows = [
        ("extract_many(workers=2), per call", many_m, 2),
        ("extract_many(workers=2), less start", steady, 2),
        ("dask LocalCluster, 1 worker", dask1_m, 1),
        ("dask LocalCluster, 2 workers", dask2_m, 2),
    ]
    for name, seconds, workers in rows:
        print(f"{name:<35}{seconds:9.1f}{len(texts) / seconds:9.2f}{kb / seconds:7.1f}{kb / seconds / workers:10.1f}")
    print(
        f"dask 2 workers / extract_many(workers=2): {many_m / dask2_m:.2f} per call,"
        f" {steady / dask2_m:.2f} less its start"
    )
    print(f"dask 2 workers / 1 worker: {dask1_m / dask2_m:.2f}")
    many_c, dask2_c, dask1_c = map(statistics.median, (many_cpu, dask2_cpu, dask1_cpu))
    print(
        f"CPU seconds a pass (medians): extract_many(workers=2) {many_c:.1f} ({many_c - start_cpu:.1f} less its start),"
        f" dask 2 workers {dask2_c:.1f}, dask 1 worker {dask1_c:.1f}"
    )
    print(
        f"documents per CPU second: dask 2 workers / extract_many(workers=2) = {many_c / dask2_c:.2f} per call,"
        f" {(many_c - start_cpu) / dask2_c:.2f} less its start"
    )
    print(
        f"overhead per task: {1000 * overhead1:.1f} ms (1 worker), {1000 * overhead2:.1f} ms (2 workers), "
        f"{OVERHEAD_TASKS} tasks of one empty text"
    )
    for name, seconds, workers in rows[2:]:
        per_worker = kb / seconds / workers
        hours = 1e6 * ARTICLE_KB / per_worker / 3600
        print(f"a million {ARTICLE_KB} KB articles at the rate of {name}: {hours:.0f} worker-hours")
    for name, cpu in (("extract_many(workers=2), less start", many_c - start_cpu), ("dask, 2 workers", dask2_c)):
        hours = 1e6 * ARTICLE_KB * cpu / kb / 3600
        print(f"a million {ARTICLE_KB} KB articles at the CPU cost of {name}: {hours:.0f} worker-hours on free cores")


if __name__ == "__main__":
    main()
