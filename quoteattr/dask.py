"""Quotes on a Dask cluster: a bag of texts, or a DataFrame of articles, in parallel.

Needs the ``dask`` extra, ``pip install 'quoteattr[dask]'`` (dask with dataframe and
distributed, and pyarrow for Parquet); this module imports Dask only when used.

Each worker process builds its :class:`~quoteattr.Extractor` and loads the bundled
models once, on its first task, and keeps them for the tasks after (a per-process
cache keyed by the options): a task carries texts and options, never a pipeline.
The texts of a partition go through :meth:`~quoteattr.Extractor.extract_many`, so
their sentences are parsed together: partitions of ten or more news articles (about
50,000 characters) fill the parser's batches. A worker runs one extraction at a time:
give workers one thread each and as many processes as cores, as ``dask worker
--nworkers N --nthreads 1`` and ``LocalCluster(n_workers=N, threads_per_worker=1)`` do,
and switch off Dask's profiler (:data:`WORKER_CONFIG`): it costs a fifth of the CPU.

>>> import dask.bag as db
>>> from quoteattr.dask import extract_bag
>>> bag = extract_bag(db.from_sequence(["“Yes,” said Ann Lee.", "No quotes.", "“No,” Bo Chen said."]))
>>> [[q.speaker.name for q in quotes] for quotes in bag.compute(scheduler="sync")]
[['Ann Lee'], [], ['Bo Chen']]
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from .api import Extractor, worker_extractor
from .records import Quotes
from .rows import FLAT_COLUMNS, document_predictions, error_line, flat_row

if TYPE_CHECKING:
    import pandas as pd

# Dask's classes are only partly annotated: to mypy they are Any here.
Bag: TypeAlias = Any
DataFrame: TypeAlias = Any
Client: TypeAlias = Any
Future: TypeAlias = Any

__all__ = [
    "COLUMNS",
    "WORKER_CONFIG",
    "cluster_client",
    "extract_bag",
    "parse_cluster",
    "predictions_in_order",
    "quotes_frame",
    "write_parquet",
]

# The columns of :func:`quotes_frame`: the document's id, the quote as
# :func:`quoteattr.rows.flat_row`, and ``error`` (null but in a failed document's row).
COLUMNS = ("id", *FLAT_COLUMNS, "error")
_OFFSETS = ("start", "end", "speaker_start", "speaker_end")

Key = TypeVar("Key")


def extract_bag(bag: Bag, *, return_exceptions: bool = False, **options: Any) -> Bag:
    """A bag with the :class:`~quoteattr.Quotes` of each text of ``bag``, in the same order.

    Options are those of :class:`~quoteattr.Extractor` but ``pipeline`` (each worker
    loads the bundled one). A text whose extraction raises makes the computation raise,
    as :func:`~quoteattr.extract` would; with ``return_exceptions=True`` its element is
    the exception instead and the others go on.

    >>> import dask.bag as db
    >>> bag = extract_bag(db.from_sequence(["“Yes,” said Ann Lee.", 5]), return_exceptions=True)
    >>> [type(result).__name__ for result in bag.compute(scheduler="sync")]
    ['Quotes', 'TypeError']
    """
    return bag.map_partitions(partial(_quotes_of, options=_checked(options), return_exceptions=return_exceptions))


def quotes_frame(df: DataFrame, text: str = "text", id: str = "id", **options: Any) -> DataFrame:
    """A dask DataFrame with one row per quote of the documents of ``df``, in order.

    ``df`` has a ``text`` column and an ``id`` column (named by those arguments). The
    result has the :data:`COLUMNS` ``id, start, end, text, speaker, speaker_start,
    speaker_end, name, title, cue, rule, error``, with declared ``meta``: the id's own
    type, nullable integers (``Int64``) for offsets and nullable strings for the rest,
    ready for ``to_parquet``. A document without quotes gives no rows; a document whose
    extraction raises gives one row with its id and the error (``"TypeError: …"``),
    everything else null, and the others go on. Options are those of
    :func:`extract_bag`.

    >>> import dask.dataframe as dd, pandas as pd
    >>> articles = pd.DataFrame({"id": ["a", "b", "c"], "text": ["“Yes,” said Ann Lee.", "No quotes.", None]})
    >>> rows = quotes_frame(dd.from_pandas(articles, npartitions=2)).compute(scheduler="sync")
    >>> rows[["id", "name", "cue", "speaker_start", "error"]].values.tolist()
    [['a', 'Ann Lee', 'said', 12, <NA>], ['c', <NA>, <NA>, <NA>, 'TypeError: text must be str (got NAType)']]
    """
    meta = _frame([], _import("pandas").Series(dtype=df[id].dtype).dtype)
    task = partial(_rows_of, text=text, id=id, options=_checked(options))
    return df[[id, text]].map_partitions(task, meta=meta, clear_divisions=True)


def _checked(options: dict[str, Any]) -> dict[str, Any]:
    """``options``, once :class:`Extractor` takes them: a wrong one fails here, not in every task."""
    if "pipeline" in options:
        raise ValueError("quoteattr.dask loads the bundled pipeline in each worker process; pass no pipeline")
    Extractor(**options)  # loads nothing
    return options


_extractors: dict[tuple[tuple[str, Any], ...], Extractor] = {}
_loading = threading.Lock()
# One extraction at a time in a process: the threads of a worker would share one pipeline.
_extracting = threading.Lock()


def _extractor(options: dict[str, Any]) -> Extractor:
    """This process's extractor for ``options``, its models loaded on first use."""
    key = tuple(sorted(options.items()))
    with _loading:
        if key not in _extractors:
            # A worker process (Dask's, or a multiprocessing pool's) is tuned for a long
            # life of extraction; the user's own process, under the sync or threads
            # scheduler, is left as it is.
            in_worker = multiprocessing.parent_process() is not None
            _extractors[key] = worker_extractor(options) if in_worker else Extractor(**options)
        return _extractors[key]


def _quotes_of(texts: Iterable[Any], options: dict[str, Any], return_exceptions: bool) -> list[Quotes | Exception]:
    """The task of a bag partition: the quotes of each text (or, if asked, its exception)."""
    extractor = _extractor(options)
    with _extracting:
        if return_exceptions:
            return extractor.extract_each(texts)
        return list(extractor.extract_many(texts))


def _rows_of(part: pd.DataFrame, text: str, id: str, options: dict[str, Any]) -> pd.DataFrame:
    """The task of a DataFrame partition: its quotes as rows of :data:`COLUMNS`."""
    rows: list[dict[str, Any]] = []
    results = _quotes_of(part[text].tolist(), options, return_exceptions=True)
    for doc_id, result in zip(part[id].tolist(), results, strict=True):
        if isinstance(result, Exception):
            rows.append({"id": doc_id, "error": error_line(result)})
        else:
            rows.extend({"id": doc_id, **flat_row(quote)} for quote in result)
    return _frame(rows, part[id].dtype)


def _frame(rows: Sequence[dict[str, Any]], id_dtype: Any) -> pd.DataFrame:
    """``rows`` as a pandas DataFrame of :data:`COLUMNS` and their declared types."""
    pd = _import("pandas")
    dtypes = {column: "Int64" if column in _OFFSETS else "string" for column in COLUMNS}
    dtypes["id"] = id_dtype
    columns = {column: pd.array([row.get(column) for row in rows], dtype=dtypes[column]) for column in COLUMNS}
    return pd.DataFrame(columns)


def predictions_in_order(
    client: Client, batches: Iterable[tuple[Key, list[Any]]], **options: Any
) -> Iterator[tuple[Key, list[list[dict[str, Any]] | str]]]:
    """For each ``(key, texts)`` of ``batches``, extracted on ``client``'s cluster, the key
    and each text's predictions (:func:`quoteattr.rows.document_predictions`), in order:
    what the command line writes. Twice as many batches as the cluster has threads are
    in flight; a batch lost with a worker is done again by Dask.
    """
    task = partial(_predictions_of, options=_checked(options))
    in_flight: deque[tuple[Key, Future]] = deque()
    for key, texts in batches:
        in_flight.append((key, client.submit(task, texts, pure=False)))
        threads = sum(client.nthreads().values())  # workers may come and go
        while in_flight and (len(in_flight) > 2 * threads or in_flight[0][1].done()):
            done_key, future = in_flight.popleft()
            yield done_key, future.result()
    for key, future in in_flight:
        yield key, future.result()


def _predictions_of(texts: list[Any], options: dict[str, Any]) -> list[list[dict[str, Any]] | str]:
    return [document_predictions(result) for result in _quotes_of(texts, options, return_exceptions=True)]


def write_parquet(source: str, out: str, *, parquet: bool, **options: Any) -> list[tuple[Any, str]]:
    """Write the quotes of the documents of ``source`` (Parquet with columns ``id`` and
    ``text`` where ``parquet``, else JSON lines) as :func:`quotes_frame` rows to Parquet
    partitions in the folder ``out``, on the current Dask client; return the
    ``(id, error)`` of each document that failed. Both paths must be readable by the
    workers (a shared file system, or a URL such as ``s3://…`` that fsspec opens).
    A JSON line that is not an object with ``id`` and ``text`` gives an error row
    with a null id.
    """
    dd = _import("dask.dataframe")
    if parquet:
        documents = dd.read_parquet(source, columns=["id", "text"])
    else:
        lines = _import("dask.bag").read_text(source, blocksize=JSONL_BLOCK_BYTES)
        records = lines.filter(str.strip).map(_document_record)
        documents = records.to_dataframe(meta={"id": object, "text": object})
    quotes_frame(documents, **options).to_parquet(out, write_index=False)
    failed = dd.read_parquet(out, columns=["id", "error"]).dropna(subset=["error"]).compute()
    return list(zip(failed["id"].tolist(), failed["error"].tolist(), strict=True))


# The size of a partition of a JSON lines file that write_parquet reads: about fifty
# news articles, many partitions for a cluster to share.
JSONL_BLOCK_BYTES = 256 * 1024


def _document_record(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
        return {"id": record["id"], "text": record["text"]}
    except (ValueError, KeyError, TypeError):
        return {"id": None, "text": None}


def parse_cluster(spec: str) -> int | str:
    """The number of local worker processes that ``local:N`` asks for, or the scheduler
    address that ``tcp://HOST:PORT`` (or another Dask protocol) names.

    >>> parse_cluster("local:2"), parse_cluster("tcp://10.0.0.5:8786")
    (2, 'tcp://10.0.0.5:8786')
    >>> parse_cluster("local:0")
    Traceback (most recent call last):
    ...
    ValueError: --dask takes local:N (N >= 1 worker processes) or a scheduler address ... (got 'local:0')
    """
    if spec.startswith("local:") and spec[6:].isdigit() and int(spec[6:]) >= 1:
        return int(spec[6:])
    if "://" in spec and not spec.startswith("local:"):
        return spec
    raise ValueError(
        f"--dask takes local:N (N >= 1 worker processes) or a scheduler address such as tcp://HOST:8786 (got {spec!r})"
    )


@contextmanager
def cluster_client(spec: str) -> Iterator[Client]:
    """A Dask client for :func:`parse_cluster`'s ``spec``: a ``LocalCluster`` of N worker
    processes of one thread, closed at the end, or the running scheduler at an address."""
    where = parse_cluster(spec)
    distributed = _import("distributed")
    if isinstance(where, str):
        with distributed.Client(where) as client:
            yield client
        return
    with (
        _import("dask").config.set(WORKER_CONFIG),
        distributed.LocalCluster(n_workers=where, threads_per_worker=1, processes=True) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


# Dask's workers sample the stack of the running task every 10 ms for the dashboard's
# profile: over stanza's and quoteattr's deep stacks that costs about a fifth of the
# CPU (docs/scaling.md). The local clusters of the command line go without it; for
# others, set it in their Dask config (DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def _import(name: str) -> Any:
    """The module ``name``, or an ImportError that says how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise ImportError(
            f"quoteattr.dask needs {name.split('.')[0]}, which is not installed: pip install 'quoteattr[dask]'"
            " (dask[dataframe,distributed] and pyarrow)"
        ) from error
