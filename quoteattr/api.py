"""The front door: ``extract(text)`` and the reusable :class:`Extractor`.

``extract`` reads as the chain it is: find the quote spans, parse, attribute,
resolve names and titles, build records.
"""

from __future__ import annotations

import bisect
import gc
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from . import fast_paths
from .attribution import attribute
from .document import Document
from .errors import type_error
from .focus import paragraphs_to_tokenize, sentences_to_parse
from .gender import bound_genders, speaker_genders
from .kinds import speaker_kind
from .loading import check_pipeline, default_pipeline, prepare
from .parse import CHUNK_CHARS, ParseRequest, tag_and_parse, tokenize
from .quotes import Marks, QuoteSpan, check_marks, find_quotes, paragraph_spans
from .records import Quote, Quotes, Span, Speaker
from .resolve import resolve
from .speakers import Registry
from .tokens import Sentence
from .windows import Window, windows

if TYPE_CHECKING:
    from concurrent.futures import Future

    import stanza

__all__ = ["Extractor", "extract", "extract_many"]

# Two threads parse about 1.5 times faster than one on a 2-core machine; more are untried.
DEFAULT_THREADS = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class Extractor:
    """Extracts quotes with one stanza pipeline; reuse it across many texts.

    Args:
        pipeline: a ``stanza.Pipeline`` with tokenize, pos, lemma and depparse; the
            bundled English models (loaded once, offline) when None.
        include_unattributed: also return quotations nobody is credited with
            (scare quotes, titles of works), with ``speaker=None``.
        parse_everything: tag and parse every sentence, not only those that quote,
            report speech or name a speaker (see :mod:`quoteattr.focus`): slower, for
            comparison.
        marks: which quote marks open and close quotations: ``"auto"`` (each paragraph's
            own, told from the text: “double” as in American news, ‘single’ as in
            British), or ``"double"`` or ``"single"`` to force one; the other kind
            then marks quotations nested inside.
        fast_paths: take quoteattr's quicker routes through stanza to the same output
            (see :mod:`quoteattr.fast_paths`); ``False`` runs stanza's own code throughout.
        threads: how many threads parse at once, each batch cut into that many parts,
            each thread with one torch thread (torch's own setting put back after): by
            default two, or one on a one-core machine, which measures fastest on news
            (``docs/performance.md``). ``None`` parses in the calling thread with torch's
            own threads, as torch is set.

    Raises:
        ModelError: the pipeline lacks a processor quoteattr needs.
        ValueError: ``marks`` is none of those, or ``threads`` is not a positive int.
    """

    def __init__(
        self,
        pipeline: stanza.Pipeline | None = None,
        *,
        include_unattributed: bool = False,
        parse_everything: bool = False,
        marks: Marks = "auto",
        fast_paths: bool = True,
        threads: int | None = DEFAULT_THREADS,
    ) -> None:
        self.marks = check_marks(marks)
        if threads is not None and (not isinstance(threads, int) or threads < 1):
            raise ValueError(f"threads must be a positive int or None (got {threads!r})")
        if pipeline is not None:
            check_pipeline(pipeline)
            prepare(pipeline)
        self._pipeline = pipeline
        self.include_unattributed = include_unattributed
        self.parse_everything = parse_everything
        self.fast_paths = fast_paths
        self.threads = threads

    @property
    def pipeline(self) -> stanza.Pipeline:
        if self._pipeline is None:
            self._pipeline = default_pipeline()
        return self._pipeline

    def __call__(self, text: str) -> Quotes:
        """The quotes of ``text`` in document order; see :func:`extract`."""
        return next(self.extract_many([text]))  # which checks that it is a str

    def extract_many(self, texts: Iterable[str]) -> Iterator[Quotes]:
        """The quotes of each text, in order; the sentences of several texts are tagged
        and parsed together, which is faster than one text at a time. Memory stays
        bounded: a result is given as soon as its text is parsed.

        >>> extractor = Extractor()
        >>> [len(quotes) for quotes in extractor.extract_many(["“Yes,” said Ann Lee.", "No quotes."])]
        [1, 0]
        """
        results: deque[_Result] = deque()  # in input order; the front ones may be ready
        jobs: list[_Job] = []
        batched = 0  # characters the jobs will parse
        for text in texts:
            if not isinstance(text, str):
                self._run(jobs)  # the results before a bad text are not lost
                yield from (result.quotes() for result in results)
                raise type_error("text", "str", text)
            result = _Result(text)
            results.append(result)
            spans = find_quotes(text, self.marks)
            if text.strip() and spans:
                paragraphs = paragraph_spans(text)
                paragraph_starts = [start for start, _ in paragraphs]
                for window in windows(text, spans, paragraph_starts):
                    in_view = [q for q in spans if q.end > window.context_start and q.start < window.parse_end]
                    jobs.append(_Job(result, in_view, paragraphs, paragraph_starts, window))
                    result.waiting += 1
                    batched += window.parse_end - window.context_start
                    if batched >= BATCH_CHARS:
                        self._run(jobs)
                        jobs, batched = [], 0
            while results and not results[0].waiting:
                yield results.popleft().quotes()
        self._run(jobs)
        yield from (result.quotes() for result in results)

    def extract_each(self, texts: Iterable[Any]) -> list[Quotes | Exception]:
        """The quotes of each text, in order, or in its place the exception extracting it
        raised: the texts are parsed together (:meth:`extract_many`) and, if that fails,
        again one at a time, so that a bad text only costs itself.

        >>> results = Extractor().extract_each(["“Yes,” said Ann Lee.", 5, "No quotes."])
        >>> [len(r) if isinstance(r, list) else type(r).__name__ for r in results]
        [1, 'TypeError', 0]
        """
        texts = list(texts)
        try:
            return list(self.extract_many(texts))
        except Exception:
            results: list[Quotes | Exception] = []
            for text in texts:
                try:
                    results.append(self(text))
                except Exception as error:
                    results.append(error)
            return results

    def _run(self, jobs: Sequence[_Job]) -> None:
        """Parse the windows of ``jobs`` together, then attribute each."""
        if not jobs:
            return  # nothing to parse: no need to load the models
        requests = [ParseRequest(job.result.text, self._regions(job), job.paragraph_starts) for job in jobs]
        threads = self.threads or 1
        with fast_paths.enabled(self.fast_paths), fast_paths.torch_threads(None if self.threads is None else 1):
            tokenized = tokenize(requests, self.pipeline, threads=threads)
            chosen = [
                range(len(text.sentences)) if self.parse_everything else sentences_to_parse(text.sentences, job.in_view)
                for job, text in zip(jobs, tokenized, strict=True)
            ]
            parsed = tag_and_parse(tokenized, chosen, self.pipeline, threads=threads)
        for job, sentences in zip(jobs, parsed, strict=True):
            job.result.found.extend(self._window_quotes(job, sentences))
            job.result.waiting -= 1

    def _regions(self, job: _Job) -> list[tuple[int, int]]:
        """The parts of the job's window to tokenize: all of it, or the paragraphs focus needs."""
        text, start, end = job.result.text, job.window.context_start, job.window.parse_end
        if self.parse_everything:
            return [(start, end)]
        first = max(bisect.bisect_right(job.paragraph_starts, start) - 1, 0)
        nearby = job.paragraphs[first : bisect.bisect_left(job.paragraph_starts, end)]
        in_window = [(max(s, start), min(e, end)) for s, e in nearby if s < end and e > start]
        return paragraphs_to_tokenize(text, in_window, job.in_view)

    def _window_quotes(self, job: _Job, sentences: list[Sentence]) -> Iterator[Quote]:
        text, window = job.result.text, job.window
        doc = Document(text, sentences, job.in_view, job.paragraph_starts)
        attributions = attribute(doc)
        registry = Registry(doc)
        bound_genders(doc, registry)
        resolutions = resolve(doc, attributions, registry)
        speakers = [found.speaker for found in attributions]
        names = [resolved.name for resolved in resolutions]
        kinds = [speaker_kind(doc, m, name) if m is not None else None for m, name in zip(speakers, names, strict=True)]
        genders = speaker_genders(
            doc,
            speakers,
            names,
            [resolved.title for resolved in resolutions],
            kinds,
            [(resolved.gender, resolved.gender_evidence) for resolved in resolutions],
            registry,
            doc.quotes,
        )
        described = zip(doc.quotes, attributions, resolutions, kinds, genders, strict=True)
        for span, found, resolved, kind, gender in described:
            if not window.start <= span.start < window.end:
                continue  # context, or a quote the next window owns
            if found.speaker is None and not self.include_unattributed:
                continue
            speaker = cue = None
            if found.speaker is not None:
                start, end = doc.span(found.speaker)
                evidence = None if gender is None else Span(text[gender.start : gender.end], gender.start, gender.end)
                speaker = Speaker(
                    text[start:end],
                    start,
                    end,
                    name=resolved.name,
                    title=resolved.title,
                    kind=kind,
                    gender=None if gender is None else gender.gender,
                    gender_evidence=evidence,
                )
            if found.cue is not None:
                tok = doc.token(found.cue)
                cue = Span(text[tok.start : tok.end], tok.start, tok.end)
            yield Quote(text[span.start : span.end], span.start, span.end, speaker=speaker, cue=cue, rule=found.rule)


# Parse the windows of several texts together until they hold about this much text:
# enough to fill stanza's batches, little enough to give results early.
BATCH_CHARS = CHUNK_CHARS


@attrs.define
class _Result:
    """A text's quotes as its windows are attributed; ``waiting``: windows not yet done."""

    text: str
    found: list[Quote] = attrs.Factory(list)
    waiting: int = 0

    def quotes(self) -> Quotes:
        return Quotes(self.found, text=self.text)


@attrs.frozen
class _Job:
    """One window of a text to parse and attribute, with the quotations in its view."""

    result: _Result
    in_view: list[QuoteSpan]
    paragraphs: list[tuple[int, int]]
    paragraph_starts: list[int]
    window: Window


_shared: Extractor | None = None


def _extractor(options: dict[str, Any]) -> Extractor:
    global _shared
    if options:
        return Extractor(**options)
    if _shared is None:
        _shared = Extractor()
    return _shared


def extract(text: str, **options: Any) -> Quotes:
    """Every attributed direct quotation of ``text``, with speaker, full name and title.

    Loads the bundled English models on first call (offline, once per process).
    Options are those of :class:`Extractor`. The result is a list of :class:`Quote`
    that also shows itself as HTML in notebooks (``_repr_html_``) and has ``to_table()``.

    >>> import quoteattr
    >>> [q] = quoteattr.extract("“We will not back down,” Jane Smith, the mayor of Springfield, said.")
    >>> q.text, q.speaker.name, q.speaker.title, q.cue.text
    ('“We will not back down,”', 'Jane Smith', 'mayor of Springfield', 'said')
    >>> quoteattr.extract("")
    []
    """
    return _extractor(options)(text)


def extract_many(texts: Iterable[str], *, progress: bool = False, workers: int = 1, **options: Any) -> Iterator[Quotes]:
    """The quotes of each text, in order, one result at a time: memory stays bounded
    on an endless iterator. ``progress=True`` shows a progress bar (tqdm).

    ``workers=N`` extracts in N processes, each with its own copy of the bundled models
    (about 0.7 GB each) and one thread; on a machine with N free cores it is the
    fastest way through an archive (see ``docs/performance.md``). It cannot take a
    ``pipeline`` option: a stanza pipeline does not cross process boundaries.

    >>> import quoteattr
    >>> [len(quotes) for quotes in quoteattr.extract_many(["“Yes,” said Ann Lee.", "", "No quotes."])]
    [1, 0, 0]
    """
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive int (got {workers!r})")
    if progress:
        from tqdm import tqdm  # a dependency of stanza

        texts = tqdm(texts, unit="doc")
    if workers == 1:
        yield from _extractor(options).extract_many(texts)
        return
    if "pipeline" in options:
        raise ValueError("extract_many(workers=N) builds the bundled pipeline in each process; pass no pipeline")
    yield from _in_processes(texts, workers, options)


def _in_processes(texts: Iterable[str], workers: int, options: dict[str, Any]) -> Iterator[Quotes]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn": a fresh interpreter per worker; forking a process that holds torch threads can hang.
    context = multiprocessing.get_context("spawn")
    in_flight: deque[Future[tuple[list[Quotes], Exception | None]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options,)) as pool:
        for batch in _batches(texts):
            in_flight.append(pool.submit(_extract_in_worker, batch))
            while in_flight and (len(in_flight) >= 2 * workers or in_flight[0].done()):
                yield from _results(in_flight.popleft())  # bounded: never more than 2N batches queued
        while in_flight:
            yield from _results(in_flight.popleft())


def _results(future: Future[tuple[list[Quotes], Exception | None]]) -> Iterator[Quotes]:
    """A worker's results, then the error that stopped it, if any."""
    results, error = future.result()
    yield from results
    if error is not None:
        raise error


def _batches(texts: Iterable[str]) -> Iterator[list[str]]:
    """The texts in lists of about :data:`BATCH_CHARS` characters (a long text alone)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text) if isinstance(text, str) else 0
        if size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


_worker: Extractor | None = None


def _start_worker(options: dict[str, Any]) -> None:
    global _worker
    import torch

    torch.set_num_threads(1)
    _worker = worker_extractor(options)


def worker_extractor(options: dict[str, Any]) -> Extractor:
    """An :class:`Extractor` with ``options`` and its models loaded, for a worker process
    that will extract until it ends (``extract_many``'s, or a Dask worker's)."""
    extractor = Extractor(**{"threads": 1, **options})  # the worker processes share the cores
    extractor.pipeline  # noqa: B018 (loads the models)
    # What is loaded now lives as long as the process, so the garbage collector need
    # not walk it again and again (5 % of the time).
    gc.collect()
    gc.freeze()
    return extractor


def _extract_in_worker(texts: list[str]) -> tuple[list[Quotes], Exception | None]:
    """The results of ``texts`` up to the first error, and that error."""
    assert _worker is not None, "worker not started"
    results: list[Quotes] = []
    try:
        results.extend(_worker.extract_many(texts))
    except Exception as error:
        return results, error
    return results, None
