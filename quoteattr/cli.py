"""Command line: ``python -m quoteattr FILE …`` prints quotes; ``--jsonl`` writes the scorer's format.

``--jsonl IN.jsonl`` reads one JSON object per line with at least ``"id"`` and
``"text"`` and writes, for each, ``{"id": …, "quotes": […]}`` in the prediction
format of the evaluation scorer: one output line per document, in order (a
document whose extraction fails gets no quotes; a line that is not such an object is
skipped; both are said on stderr, and the exit status is then 1). ``IN.parquet`` (or
a folder of Parquet files) with columns ``id`` and ``text`` is read the same way.

``--dask local:N`` (N worker processes on this machine) or ``--dask tcp://HOST:PORT``
(a running Dask scheduler) extracts on a Dask cluster and writes the same lines, in
order; with ``--out DIR`` it writes one Parquet row per quote (see
:func:`quoteattr.dask.quotes_frame`) to partitions under DIR instead.

``--sources OUT`` also writes each document's sources (who is quoted, how often, at
what length; see :mod:`quoteattr.sources`), one row per source with the document's
id (or file name) first: CSV when OUT ends in ``.csv``, else JSON lines.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext, suppress
from typing import Any, TextIO

from .api import BATCH_CHARS, Extractor
from .quotes import MARKS
from .records import Quote
from .rows import document_predictions, prediction
from .sources import COLUMNS, sources_of

# Called with a document's id and its quotes, for the sources table.
SourceSink = Callable[[Any, Sequence[Quote]], None]

__all__ = ["main", "prediction"]


class SourcesWriter:
    """Writes the sources of each document as rows, its id first: CSV or JSON lines."""

    def __init__(self, out: TextIO, as_csv: bool) -> None:
        self.out = out
        self.csv = csv.DictWriter(out, fieldnames=["id", *COLUMNS]) if as_csv else None
        if self.csv is not None:
            self.csv.writeheader()

    def __call__(self, doc_id: Any, quotes: Sequence[Quote]) -> None:
        for source in sources_of(quotes):
            row = {"id": doc_id, **source.row()}
            if self.csv is not None:
                self.csv.writerow(row)
            else:
                self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.out.flush()


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _print_quotes(name: str, text: str, quotes: Sequence[Quote], out: TextIO) -> None:
    out.write(f"{name}: {len(quotes)} quote{'s' if len(quotes) != 1 else ''}\n")
    for q in quotes:
        who = "(no speaker)"
        if q.speaker is not None:
            who = q.speaker.name or q.speaker.text
            if q.speaker.title:
                who += f", {q.speaker.title}"
            who += "".join(f"; {part}" for part in (q.speaker.kind, q.speaker.gender) if part)
        out.write(f"  [{q.start}:{q.end}] {who}  ({q.rule})\n      {q.text}\n")


# Where a document was read ("line 3", "row 3"), its id and its text.
Document = tuple[str, Any, Any]
# A document's predictions, or the error that stopped its extraction.
Result = list[dict[str, Any]] | str


def is_parquet(path: str) -> bool:
    """Whether ``path`` names Parquet (it ends in ``.parquet``, or is a folder) rather than JSON lines."""
    return path.rstrip("/").endswith(".parquet") or os.path.isdir(path)


def _documents(source: str, skipped: list[int]) -> Iterator[Document]:
    """The documents of ``source``: JSON lines (``-``: stdin) or Parquet (:func:`is_parquet`)."""
    if source == "-":
        yield from _jsonl_documents(sys.stdin, skipped)
    elif is_parquet(source):
        yield from _parquet_documents(source)
    else:
        with open(source, encoding="utf-8") as f:
            yield from _jsonl_documents(f, skipped)


def _jsonl_documents(lines: Iterable[str], skipped: list[int]) -> Iterator[Document]:
    """The documents of JSON lines; a line that is not an object with ``id`` and ``text``
    is said on stderr and its number added to ``skipped``."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            document = (f"line {number}", record["id"], record["text"])
        except (ValueError, KeyError, TypeError) as exc:
            sys.stderr.write(f"line {number}: skipped, needs a JSON object with 'id' and 'text' ({exc})\n")
            skipped.append(number)
            continue
        yield document


def _parquet_documents(path: str) -> Iterator[Document]:
    """The rows of a Parquet file, or of the ``.parquet`` files of a folder in natural
    order (``part.2`` before ``part.10``), read a batch at a time."""
    try:
        import pyarrow.parquet
    except ImportError as error:
        raise ImportError("reading Parquet needs pyarrow: pip install 'quoteattr[dask]'") from error
    files = [path]
    if os.path.isdir(path):
        files = sorted(glob.glob(os.path.join(path, "*.parquet")), key=_natural_order)
    number = 0
    for file in files:
        for batch in pyarrow.parquet.ParquetFile(file).iter_batches(columns=["id", "text"]):
            for record in batch.to_pylist():
                number += 1
                yield f"row {number}", record["id"], record["text"]


def _natural_order(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _chunks(documents: Iterable[Document], most_chars: float = math.inf) -> Iterator[list[Document]]:
    """The documents in lists of :data:`CHUNK_DOCS`, or fewer that reach ``most_chars`` characters."""
    chunk: list[Document] = []
    chars = 0
    for document in documents:
        chunk.append(document)
        chars += len(document[2]) if isinstance(document[2], str) else 0
        if len(chunk) >= CHUNK_DOCS or chars >= most_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


# Documents extracted together by --jsonl: enough for full parse batches, few enough
# that predictions are written as the input streams in. On a cluster a chunk is one
# task, cut at about one parse batch of text so that every worker gets a share.
CHUNK_DOCS = 32
CLUSTER_CHUNK_CHARS = BATCH_CHARS


def _batches(chunks: Iterable[list[Document]]) -> Iterator[tuple[list[Document], list[Any]]]:
    return ((chunk, [text for _, _, text in chunk]) for chunk in chunks)


def _extract_here(
    batches: Iterable[tuple[list[Document], list[Any]]], extractor: Extractor, sink: SourceSink | None = None
) -> Iterator[tuple[list[Document], list[Result]]]:
    for chunk, texts in batches:
        results = extractor.extract_each(texts)
        if sink is not None:
            for (_, doc_id, _), result in zip(chunk, results, strict=True):
                if not isinstance(result, Exception):
                    sink(doc_id, result)
        yield chunk, [document_predictions(result) for result in results]


def _write_all(predicted: Iterable[tuple[list[Document], list[Result]]], out: TextIO) -> int:
    """Write each document's predictions, in order; return how many failed, each said on stderr."""
    failures = 0
    for chunk, results in predicted:
        for (where, doc_id, _), result in zip(chunk, results, strict=True):
            if isinstance(result, str):
                sys.stderr.write(f"{where} (id {doc_id!r}): no quotes written, {result}\n")
                failures += 1
            quotes = [] if isinstance(result, str) else result
            out.write(json.dumps({"id": doc_id, "quotes": quotes}, ensure_ascii=False) + "\n")
        out.flush()
    return failures


def _jsonl(
    source: str, cluster: str | None, options: dict[str, Any], out: TextIO, sink: SourceSink | None = None
) -> int:
    """Write the predictions of each document of ``source``, in order, extracted here
    (:data:`CHUNK_DOCS` at a time, parsed together, each document's quotes also handed
    to ``sink``) or on the Dask ``cluster``; return how many documents or lines failed."""
    skipped: list[int] = []
    documents = _documents(source, skipped)
    if cluster is None:
        failures = _write_all(_extract_here(_batches(_chunks(documents)), Extractor(**options), sink), out)
    else:
        from .dask import cluster_client, predictions_in_order

        with cluster_client(cluster) as client:
            batches = _batches(_chunks(documents, CLUSTER_CHUNK_CHARS))
            failures = _write_all(predictions_in_order(client, batches, **options), out)
    return failures + len(skipped)


def _parquet_out(source: str, cluster: str, options: dict[str, Any], out_dir: str) -> int:
    """Write the quotes of ``source`` as Parquet rows under ``out_dir`` on the Dask
    ``cluster``; return how many documents failed, each said on stderr."""
    from .dask import cluster_client, write_parquet

    with cluster_client(cluster):
        failed = write_parquet(source, out_dir, parquet=is_parquet(source), **options)
    for doc_id, error in failed:
        sys.stderr.write(f"id {doc_id!r}: no quotes written, {error}\n")
    return len(failed)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="quoteattr", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="*", help="text files (UTF-8) to print the quotes of; - for stdin")
    ap.add_argument(
        "--jsonl", metavar="IN", help="JSON lines (or Parquet: IN.parquet, a folder) to write predictions of"
    )
    ap.add_argument("--all", action="store_true", help="also output quotations nobody is credited with")
    ap.add_argument(
        "--marks",
        choices=MARKS,
        default="auto",
        help="quote marks outside quotations: told from the text (auto, the default), double or single",
    )
    ap.add_argument("--dask", metavar="CLUSTER", help="extract on Dask: local:N (N processes here) or tcp://HOST:PORT")
    ap.add_argument("--out", metavar="DIR", help="with --dask: write Parquet rows, one per quote, to DIR instead")
    ap.add_argument("--sources", metavar="OUT", help="write each document's sources to OUT (.csv: CSV, else JSONL)")
    args = ap.parse_args(argv)
    if not args.files and not args.jsonl:
        ap.error("give text files or --jsonl IN.jsonl")
    if args.dask is not None:
        from .dask import parse_cluster

        try:
            parse_cluster(args.dask)
        except ValueError as exc:
            ap.error(str(exc))
    if args.out is not None and (args.dask is None or args.jsonl in (None, "-")):
        ap.error("--out DIR goes with --dask and --jsonl IN (a file the workers read)")
    if args.sources is not None and args.dask is not None:
        ap.error("--sources is written where quoteattr runs, without --dask")
    options = {"include_unattributed": args.all, "marks": args.marks}
    try:
        with open(args.sources, "w", encoding="utf-8", newline="") if args.sources else nullcontext() as sources_out:
            sink = SourcesWriter(sources_out, args.sources.lower().endswith(".csv")) if sources_out else None
            return _run(args, options, sink)
    except BrokenPipeError:
        _quiet_stdout()  # the reader went away ("| head"): stop as a Unix filter does, without a traceback
        return 1


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that nothing more is written (nor
    flushed at exit) to a pipe whose reader is gone."""
    # no file descriptor behind it (a test's capture): then nothing is flushed there either
    with suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _run(args: argparse.Namespace, options: dict[str, Any], sink: SourceSink | None) -> int:
    failures = 0
    if args.jsonl and args.out:
        failures += _parquet_out(args.jsonl, args.dask, options, args.out)
    elif args.jsonl:
        failures += _jsonl(args.jsonl, args.dask, options, sys.stdout, sink)
    extractor = Extractor(**options)
    for path in args.files:
        text = _read_text(path)
        quotes = extractor(text)
        _print_quotes(path, text, quotes, sys.stdout)
        if sink is not None:
            sink(path, quotes)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
