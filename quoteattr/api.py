"""The front door: ``extract(text)`` and the reusable :class:`Extractor`.

``extract`` reads as the chain it is: find the quote spans, parse, attribute,
resolve names and titles, build records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from .attribution import attribute
from .display import Quotes
from .document import Document
from .entities import resolve
from .errors import type_error
from .focus import sentences_to_parse
from .parse import check_pipeline, default_pipeline, parse
from .quotes import QuoteSpan, find_quotes, paragraph_spans
from .records import Quote, Span, Speaker
from .windows import Window, windows

if TYPE_CHECKING:
    import stanza

__all__ = ["Extractor", "extract", "extract_many"]


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

    Raises:
        ModelError: the pipeline lacks a processor quoteattr needs.
    """

    def __init__(
        self,
        pipeline: stanza.Pipeline | None = None,
        *,
        include_unattributed: bool = False,
        parse_everything: bool = False,
    ) -> None:
        if pipeline is not None:
            check_pipeline(pipeline)
        self._pipeline = pipeline
        self.include_unattributed = include_unattributed
        self.parse_everything = parse_everything

    @property
    def pipeline(self) -> stanza.Pipeline:
        if self._pipeline is None:
            self._pipeline = default_pipeline()
        return self._pipeline

    def __call__(self, text: str) -> Quotes:
        """The quotes of ``text`` in document order; see :func:`extract`."""
        if not isinstance(text, str):
            raise type_error("text", "str", text)
        spans = find_quotes(text)
        if not text.strip() or not spans:
            return Quotes(text=text)
        paragraph_starts = [start for start, _ in paragraph_spans(text)]
        quotes: list[Quote] = []
        for window in windows(text, spans, paragraph_starts):
            quotes.extend(self._window_quotes(text, spans, paragraph_starts, window))
        return Quotes(quotes, text=text)

    def _window_quotes(
        self, text: str, spans: Sequence[QuoteSpan], paragraph_starts: Sequence[int], window: Window
    ) -> Iterator[Quote]:
        in_view = [q for q in spans if q.end > window.context_start and q.start < window.parse_end]
        select = None if self.parse_everything else partial(sentences_to_parse, quotes=in_view)
        region = (window.context_start, window.parse_end)
        sentences = parse(text, self.pipeline, regions=[region], select=select, paragraph_starts=paragraph_starts)
        doc = Document(text, sentences, in_view, paragraph_starts)
        attributions = attribute(doc)
        resolutions = resolve(doc, attributions)
        for span, found, resolved in zip(doc.quotes, attributions, resolutions, strict=True):
            if not window.start <= span.start < window.end:
                continue  # context, or a quote the next window owns
            if found.speaker is None and not self.include_unattributed:
                continue
            speaker = cue = None
            if found.speaker is not None:
                start, end = doc.span(found.speaker)
                speaker = Speaker(text[start:end], start, end, name=resolved.name, title=resolved.title)
            if found.cue is not None:
                tok = doc.token(found.cue)
                cue = Span(text[tok.start : tok.end], tok.start, tok.end)
            yield Quote(text[span.start : span.end], span.start, span.end, speaker=speaker, cue=cue, rule=found.rule)


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
        extractor = _extractor(options)
        for text in texts:
            yield extractor(text)
        return
    if "pipeline" in options:
        raise ValueError("extract_many(workers=N) builds the bundled pipeline in each process; pass no pipeline")
    yield from _in_processes(texts, workers, options)


def _in_processes(texts: Iterable[str], workers: int, options: dict[str, Any]) -> Iterator[Quotes]:
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    # "spawn": a fresh interpreter per worker; forking a process that holds torch threads can hang.
    context = multiprocessing.get_context("spawn")
    in_flight: deque[Future[Quotes]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options,)) as pool:
        for text in texts:
            in_flight.append(pool.submit(_extract_in_worker, text))
            if len(in_flight) >= 2 * workers:  # bounded: never more than this many texts queued
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


_worker: Extractor | None = None


def _start_worker(options: dict[str, Any]) -> None:
    global _worker
    import torch

    torch.set_num_threads(1)
    _worker = Extractor(**options)


def _extract_in_worker(text: str) -> Quotes:
    assert _worker is not None, "worker not started"
    return _worker(text)
