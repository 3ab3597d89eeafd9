"""Command line: ``python -m quoteattr FILE …`` prints quotes; ``--jsonl`` writes the scorer's format.

``--jsonl IN.jsonl`` reads one JSON object per line with at least ``"id"`` and
``"text"`` and writes, for each, ``{"id": …, "quotes": […]}`` in the prediction
format of the evaluation scorer: one output line per document, in order (a
document whose extraction fails gets no quotes; a line that is not such an object is
skipped; both are said on stderr, and the exit status is then 1).

``--sources OUT`` also writes each document's sources (who is quoted, how often, at
what length; see :mod:`quoteattr.sources`), one row per source with the document's
id (or file name) first: CSV when OUT ends in ``.csv``, else JSON lines.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from .api import Extractor
from .records import Quote
from .sources import COLUMNS, sources_of

# Called with a document's id and its quotes, for the sources table.
SourceSink = Callable[[Any, Sequence[Quote]], None]

__all__ = ["main", "prediction"]


def prediction(quote: Quote) -> dict[str, Any]:
    """One quote in the scorer's prediction format.

    >>> from quoteattr.records import Quote, Speaker
    >>> p = prediction(Quote("“Hi”", 0, 4, speaker=Speaker("Ann", 5, 8, name="Ann Lee")))
    >>> p["speaker"], p["name"], p["title"]
    ({'start': 5, 'end': 8, 'text': 'Ann'}, 'Ann Lee', None)
    """
    speaker = quote.speaker
    return {
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": None if speaker is None else {"start": speaker.start, "end": speaker.end, "text": speaker.text},
        "cue": None if quote.cue is None else {"start": quote.cue.start, "end": quote.cue.end, "text": quote.cue.text},
        "name": None if speaker is None else speaker.name,
        "title": None if speaker is None else speaker.title,
        "kind": None if speaker is None else speaker.kind,
        "gender": None if speaker is None else speaker.gender,
    }


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


def _jsonl(lines: Iterable[str], extractor: Extractor, out: TextIO, sink: SourceSink | None = None) -> int:
    """Write the predictions of each document line, in order, extracting
    :data:`CHUNK_DOCS` documents at a time (parsed together, as ``extract_many``
    does); return how many lines failed, each said on stderr."""
    failures = 0
    chunk: list[tuple[int, Any, Any]] = []  # (line number, id, text)
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            chunk.append((number, record["id"], record["text"]))
        except (ValueError, KeyError, TypeError) as exc:
            sys.stderr.write(f"line {number}: skipped, needs a JSON object with 'id' and 'text' ({exc})\n")
            failures += 1
        if len(chunk) >= CHUNK_DOCS:
            failures += _write_chunk(chunk, extractor, out, sink)
            chunk = []
    return failures + _write_chunk(chunk, extractor, out, sink)


def _write_chunk(
    chunk: Sequence[tuple[int, Any, Any]], extractor: Extractor, out: TextIO, sink: SourceSink | None = None
) -> int:
    """Write the predictions of ``chunk`` (and hand each document's quotes to ``sink``);
    return how many of its documents failed."""
    results = _extract_chunk(chunk, extractor)
    for (_, doc_id, _), quotes in zip(chunk, results, strict=True):
        predictions = [prediction(q) for q in quotes or []]
        out.write(json.dumps({"id": doc_id, "quotes": predictions}, ensure_ascii=False) + "\n")
        if sink is not None and quotes is not None:
            sink(doc_id, quotes)
    out.flush()
    return results.count(None)


# Documents extracted together by --jsonl: enough for full parse batches, few enough
# that predictions are written as the input streams in.
CHUNK_DOCS = 32


def _extract_chunk(chunk: Sequence[tuple[int, Any, Any]], extractor: Extractor) -> list[list[Quote] | None]:
    """The quotes of each document of ``chunk``, None where extraction failed."""
    try:
        return list(extractor.extract_many(text for _, _, text in chunk))
    except Exception:  # one bad document must not stop the others: find it, one at a time
        results: list[list[Quote] | None] = []
        for number, doc_id, text in chunk:
            try:
                results.append(extractor(text))
            except Exception as exc:
                sys.stderr.write(f"line {number} (id {doc_id!r}): no quotes written, {type(exc).__name__}: {exc}\n")
                results.append(None)
        return results


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="quoteattr", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="*", help="text files (UTF-8) to print the quotes of; - for stdin")
    ap.add_argument("--jsonl", metavar="IN.jsonl", help="read documents as JSON lines and write predictions")
    ap.add_argument("--all", action="store_true", help="also output quotations nobody is credited with")
    ap.add_argument("--sources", metavar="OUT", help="write each document's sources to OUT (.csv: CSV, else JSONL)")
    args = ap.parse_args(argv)
    if not args.files and not args.jsonl:
        ap.error("give text files or --jsonl IN.jsonl")
    extractor = Extractor(include_unattributed=args.all)
    with open(args.sources, "w", encoding="utf-8", newline="") if args.sources else _no_file() as sources_out:
        sink = SourcesWriter(sources_out, args.sources.lower().endswith(".csv")) if sources_out else None
        return _run(args.jsonl, args.files, extractor, sink)


def _no_file() -> Any:
    import contextlib

    return contextlib.nullcontext(None)


def _run(jsonl: str | None, files: Sequence[str], extractor: Extractor, sink: SourceSink | None) -> int:
    failures = 0
    if jsonl:
        if jsonl == "-":
            failures += _jsonl(sys.stdin, extractor, sys.stdout, sink)
        else:
            with open(jsonl, encoding="utf-8") as f:
                failures += _jsonl(f, extractor, sys.stdout, sink)
    for path in files:
        text = _read_text(path)
        quotes = extractor(text)
        _print_quotes(path, text, quotes, sys.stdout)
        if sink is not None:
            sink(path, quotes)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
