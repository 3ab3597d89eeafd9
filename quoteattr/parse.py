"""Parse: run stanza in two phases, tokenizing, then tagging and parsing chosen sentences.

:func:`tokenize` splits texts (or regions of them) into sentences of words with
character offsets; the caller chooses which of those sentences matter (see
:mod:`quoteattr.focus`) and :func:`tag_and_parse` tags, lemmatizes and parses only
those. Both run stanza in batches of about :data:`CHUNK_CHARS` characters, several short
texts together, and give plain :class:`~quoteattr.tokens.Sentence` records whose
offsets slice the text exactly. stanza is imported only when a parse is needed.
"""

from __future__ import annotations

import bisect
import contextvars
import functools
import itertools
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import regex

from .fast_paths import gc_paused
from .mending import mend, mend_subjects, needs_mending
from .tokens import Sentence, Token

if TYPE_CHECKING:
    import stanza

T = TypeVar("T")

__all__ = ["CHUNK_CHARS", "DATELINE", "ParseRequest", "Tokenized", "parse", "tag_and_parse", "tokenize"]

# Parse long texts in pieces of about this many characters, cut at paragraph breaks,
# so that memory stays bounded; sentences never cross paragraphs anyway.
CHUNK_CHARS = 50_000
# "WASHINGTON, June 10 (UPI) — ", "FLINT, Mich. - ": a place in capitals (a state, a date, a
# news agency) and a dash that open a paragraph. Tokenized on its own: the parse would
# make the place the subject of the sentence after it ("WASHINGTON … Clinton told").
DATELINE = regex.compile(
    r"\p{Lu}[\p{Lu}.'’-]+(?:[ ]\p{Lu}[\p{Lu}.'’-]+){0,2}"  # the place: "LOS ANGELES"
    r"(?:,[ ]\p{Lu}[\p{L}.]*(?:[ ]\p{Lu}[\p{L}.]*)?)?"  # its state or country: ", N.Y.", ", W.Va."
    r"(?:,[ ]\p{Lu}\p{Ll}{2,4}\.?[ ]\d{1,2})?"  # the date: ", Sept. 26"
    r"(?:[ ]?\([^()\n]{1,30}\))?"  # the agency: "(UPI)"
    r"(?:[ ]?[—–]|[ ]--?)[ ]*"  # a dash, a hyphen only after a space ("AP-GfK Poll" is no dateline)
)
# What tag_and_parse runs; a user's pipeline may have more (ner, sentiment) that quoteattr does not read.
_TAG_AND_PARSE = ("pos", "lemma", "depparse")


@attrs.frozen
class ParseRequest:
    """A text to tokenize: all of it, or only ``regions`` (character spans that start and
    end at paragraph breaks). Each paragraph (blank-line separated, and also cut at every
    one of ``paragraph_starts``) is tokenized on its own, so no sentence crosses one: a
    tokenizer trained on web text runs a headline line on into the next paragraph."""

    text: str
    regions: Sequence[tuple[int, int]] | None = None
    paragraph_starts: Sequence[int] = ()


@attrs.frozen
class Tokenized:
    """A text after :func:`tokenize`: its ``sentences``, in order, as words with offsets
    but no tags or heads, ready to be chosen from and passed to :func:`tag_and_parse`."""

    text: str
    sentences: tuple[Sentence, ...]
    # stanza's own sentences, where each begins in ``text`` and the batch it was tokenized
    # in, one for each of ``sentences``: tag_and_parse parses them with the same companions.
    stanza_sentences: tuple[Any, ...] = attrs.field(repr=False)
    offsets: tuple[int, ...] = attrs.field(repr=False)
    batches: tuple[int, ...] = attrs.field(repr=False)


def parse(
    text: str,
    pipeline: stanza.Pipeline,
    *,
    regions: Sequence[tuple[int, int]] | None = None,
    paragraph_starts: Sequence[int] = (),
    threads: int = 1,
) -> list[Sentence]:
    """Tokenize, tag and parse every sentence of ``text`` (or of its ``regions``, see
    :class:`ParseRequest`); offsets are into ``text``."""
    [tokenized] = tokenize([ParseRequest(text, regions, paragraph_starts)], pipeline, threads=threads)
    return tag_and_parse([tokenized], [range(len(tokenized.sentences))], pipeline, threads=threads)[0]


def tokenize(requests: Sequence[ParseRequest], pipeline: stanza.Pipeline, *, threads: int = 1) -> list[Tokenized]:
    """Split each request's text into sentences, in order, with stanza's tokenizer (and
    multi-word token expander), mending the breaks news does not make (:mod:`quoteattr.mending`).

    The texts go through stanza about :data:`CHUNK_CHARS` characters at a time, several
    short ones together as one text, a blank line between them. The results do not
    change with the company: stanza tokenizes each paragraph on its own, and a request
    is split across batches only where it is longer than one, at the same places
    whatever comes before it.

    With ``threads`` above 1, each batch is cut at paragraphs into that many parts of
    about equal size, tokenized at once in as many threads (see :func:`at_once`).
    """
    found: list[list[tuple[Any, int, int]]] = [[] for _ in requests]  # (stanza sentence, offset, batch)
    batch: list[tuple[int, int, int]] = []  # pieces (request, start, end) to tokenize together
    size = 0
    batches = 0

    def flush() -> None:
        nonlocal batch, size, batches
        if batch:
            parts = _even_parts(batch, threads, lambda piece: piece[2] - piece[1])
            for sentences in at_once([functools.partial(_tokenize_pieces, pipeline, requests, part) for part in parts]):
                for (k, start, _), piece_sentences, begins in sentences:
                    found[k].extend((sentence, start - begins, batches) for sentence in piece_sentences)
            batch, size, batches = [], 0, batches + 1

    for k, request in enumerate(requests):
        pieces = [(start, end) for start, end in _pieces(request) if request.text[start:end].strip()]
        if batch and size + sum(end - start for start, end in pieces) > CHUNK_CHARS:
            flush()
        for start, end in pieces:
            batch.append((k, start, end))
            size += end - start
            if size >= CHUNK_CHARS:
                flush()
    flush()
    return [
        Tokenized(
            request.text,
            tuple(_untagged(sentence, request.text, offset) for sentence, offset, _ in sentences),
            tuple(sentence for sentence, _, _ in sentences),
            tuple(offset for _, offset, _ in sentences),
            tuple(b for _, _, b in sentences),
        )
        for request, sentences in zip(requests, found, strict=True)
    ]


def tag_and_parse(
    tokenized: Sequence[Tokenized],
    chosen: Sequence[Collection[int]],
    pipeline: stanza.Pipeline,
    *,
    threads: int = 1,
) -> list[list[Sentence]]:
    """Tag, lemmatize and parse the ``chosen`` sentences (indexes into ``sentences``) of
    each tokenized text; gives each text's parsed sentences in order.

    The chosen sentences of the texts tokenized in one batch are tagged and parsed in
    one stanza document: fuller batches make stanza a fifth faster on news articles
    than text by text, and stanza tags and parses each sentence on its own; so with
    ``threads`` above 1, a batch's sentences are cut into that many parts of about
    equal length, tagged and parsed at once in as many threads (see :func:`at_once`).
    """
    by_batch: dict[int, list[tuple[int, int]]] = {}  # batch -> (text, sentence), in order
    for k, (text, indexes) in enumerate(zip(tokenized, chosen, strict=True)):
        for i in sorted(indexes):
            by_batch.setdefault(text.batches[i], []).append((k, i))
    results: list[list[Sentence]] = [[] for _ in tokenized]
    for batch in sorted(by_batch):
        members = [tokenized[k].stanza_sentences[i] for k, i in by_batch[batch]]
        parts = _even_parts(members, threads, lambda sentence: len(sentence.words))
        at_once([functools.partial(_tag_and_parse_sentences, pipeline, part) for part in parts])
        for k, i in by_batch[batch]:
            text = tokenized[k]
            results[k].extend(_convert([text.stanza_sentences[i]], text.text, text.offsets[i]))
    return results


def at_once(calls: Sequence[Callable[[], T]]) -> list[T]:
    """The results of ``calls``, made at once: the first in this thread, the others in
    threads of a pool kept for the process, each in a copy of this thread's context (so
    that quoteattr's fast paths are on or off there as here).

    torch lets go of Python's lock inside its layers, so two threads keep two cores
    busy in one process: on a 2-core machine a batch parses about 1.5 times faster in
    two parts than in one (``docs/performance.md``), each thread with one torch thread.
    """
    if len(calls) <= 1:
        return [call() for call in calls]
    pool = _pool(len(calls) - 1)
    futures = [pool.submit(contextvars.copy_context().run, call) for call in calls[1:]]
    try:
        first = calls[0]()
    finally:
        wait(futures)  # an error here must not leave the others still parsing with the pipeline
    return [first, *(future.result() for future in futures)]


_pool_lock = threading.Lock()
_thread_pool: ThreadPoolExecutor | None = None
_pool_size = 0


def _pool(size: int) -> ThreadPoolExecutor:
    """A thread pool of at least ``size`` threads, made once (larger if asked later)."""
    global _thread_pool, _pool_size
    with _pool_lock:
        if _thread_pool is None or _pool_size < size:
            if _thread_pool is not None:
                _thread_pool.shutdown(wait=False)
            _thread_pool, _pool_size = ThreadPoolExecutor(size, thread_name_prefix="quoteattr-parse"), size
        return _thread_pool


def _even_parts(items: Sequence[T], parts: int, size: Callable[[T], int]) -> list[Sequence[T]]:
    """``items`` cut, in order, into at most ``parts`` runs of about equal total size.

    >>> _even_parts([5, 1, 1, 3, 2], 2, lambda n: n)
    [[5, 1], [1, 3, 2]]
    """
    if parts <= 1 or len(items) <= 1:
        return [items]
    sizes = list(itertools.accumulate(size(item) for item in items))
    total = sizes[-1]
    cuts = sorted({bisect.bisect_left(sizes, total * j / parts) + 1 for j in range(1, parts)})
    return [items[a:b] for a, b in itertools.pairwise([0, *(c for c in cuts if c < len(items)), len(items)])]


def _pieces(request: ParseRequest) -> Iterator[tuple[int, int]]:
    """The request's regions cut at its paragraph starts and after a paragraph's
    dateline (:data:`DATELINE`), and where a paragraph is longer than
    :data:`CHUNK_CHARS`, at line breaks or anywhere."""
    text, starts = request.text, request.paragraph_starts
    for start, end in [(0, len(text))] if request.regions is None else request.regions:
        inner = starts[bisect.bisect_right(starts, start) : bisect.bisect_left(starts, end)]
        for piece_start, piece_end in itertools.pairwise([start, *inner, end]):
            dateline = DATELINE.match(text, piece_start, piece_end)
            if dateline and dateline.end() < piece_end:
                yield dateline.span()
                piece_start = dateline.end()
            yield from _chunks(text, piece_start, piece_end)


@gc_paused()
def _tokenize_pieces(
    pipeline: stanza.Pipeline, requests: Sequence[ParseRequest], pieces: Sequence[tuple[int, int, int]]
) -> list[tuple[tuple[int, int, int], list[Any], int]]:
    """Tokenize ``pieces`` (request, start, end) as one text, a blank line between them
    (each is a paragraph, or several); gives each piece with its stanza sentences and
    where the piece begins in the joined text, their offsets' origin."""
    from stanza.models.common.doc import Document as StanzaDocument

    texts = [requests[k].text[start:end] for k, start, end in pieces]
    at = list(itertools.accumulate((len(t) + 2 for t in texts[:-1]), initial=0))  # where each begins
    joined_text = "\n\n".join(texts)
    doc = pipeline(joined_text, processors="tokenize")  # and mwt, which stanza adds where the pipeline has it
    by_piece: list[list[Any]] = [[] for _ in pieces]
    for sentence in doc.sentences:
        by_piece[bisect.bisect_right(at, sentence.tokens[0].start_char) - 1].append(sentence)
    found = []
    for piece, begins, piece_text, sentences in zip(pieces, at, texts, by_piece, strict=True):
        if needs_mending(sentences, joined_text):
            # rare (29 of the 1,283 pieces of PolNeAR dev): rebuild stanza's sentences from mended dictionaries
            mended = mend([s.to_dict() for s in sentences], joined_text)
            sentences = StanzaDocument(mended, text=piece_text).sentences
        found.append((piece, sentences, begins))
    return found


@gc_paused()
def _tag_and_parse_sentences(pipeline: stanza.Pipeline, sentences: Sequence[Any]) -> None:
    """Tag and parse stanza ``sentences``, in place, as one stanza document."""
    from stanza.models.common.doc import Document as StanzaDocument

    combined: Any = StanzaDocument([])
    combined.sentences = list(sentences)
    combined.num_tokens = sum(len(s.tokens) for s in combined.sentences)
    combined.num_words = sum(len(s.words) for s in combined.sentences)
    pipeline(combined, processors=_TAG_AND_PARSE)


def _untagged(sentence: Any, text: str, offset: int) -> Sentence:
    """A tokenized stanza sentence as words with text and offsets only (no tags, no
    heads): enough to choose what to parse. The words of a multi-word token
    ("Trump’s" -> "Trump", "’s") get the token's offsets."""
    tokens: list[Token] = []
    for token in sentence.tokens:
        start, end = offset + token.start_char, offset + token.end_char
        for word in token.words:
            tokens.append(Token(len(tokens), word.text, start, end, word.text, "", "", "", -1, ""))
    if not tokens:
        return Sentence(offset, offset, ())
    return Sentence(tokens[0].start, tokens[-1].end, tuple(tokens))


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > CHUNK_CHARS:
        cut = text.rfind("\n", start, start + CHUNK_CHARS)
        if cut <= start:
            cut = start + CHUNK_CHARS
        yield start, cut
        start = cut
    yield start, end


def _convert(stanza_sentences: Sequence[Any], text: str, offset: int) -> list[Sentence]:
    sentences = []
    for sent in stanza_sentences:
        tokens = []
        for token in sent.tokens:
            start, end = _locate(text, token.text, offset + token.start_char, offset + token.end_char)
            words = token.words
            pieces = [(start, end)] if len(words) == 1 else _word_offsets(token, start, end)
            for word, (w_start, w_end) in zip(words, pieces, strict=True):
                tokens.append(
                    Token(
                        index=word.id - 1,
                        text=text[w_start:w_end] if w_end > w_start else word.text,
                        start=w_start,
                        end=w_end,
                        lemma=word.lemma or word.text,
                        upos=word.upos or "X",
                        xpos=word.xpos or "",
                        feats=word.feats or "",
                        head=(word.head or 0) - 1,
                        deprel=word.deprel or "dep",
                    )
                )
        if tokens:
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tuple(mend_subjects(tokens))))
    return sentences


def _word_offsets(token: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of each word of a token: its own piece where the words spell the token
    ("Blinken’s" -> "Blinken" + "’s"), else the whole token."""
    words = [w.text for w in token.words]
    if len(words) > 1 and "".join(words) == token.text and end - start == len(token.text):
        spans, at = [], start
        for w in words:
            spans.append((at, at + len(w)))
            at += len(w)
        return spans
    return [(start, end)] * len(words)


def _locate(text: str, token_text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets that slice ``text`` exactly; stanza's are trusted when they do."""
    if text[start:end] == token_text:
        return start, end
    found = text.find(token_text, max(0, start - 10), end + 10 + len(token_text))
    if found >= 0:
        return found, found + len(token_text)
    return start, max(start, min(end, len(text)))
