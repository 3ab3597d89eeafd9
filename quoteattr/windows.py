"""Windows: cut a long text into pieces that are parsed and attributed one at a time.

A news article fits in one window. A 10 MB dump of many articles goes through in
windows of about :data:`WINDOW_CHARS`, so memory stays bounded and time grows
linearly. Each window is cut at a paragraph break that no quotation crosses where
there is one, and is parsed together with the paragraphs just before it, so that a
quote continuing an earlier speaker's words, or a pronoun naming them, is still
attributed across the cut.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import attrs

from .quotes import QuoteSpan

__all__ = ["CONTEXT_CHARS", "WINDOW_CHARS", "Window", "windows"]

WINDOW_CHARS = 100_000
CONTEXT_CHARS = 10_000


@attrs.frozen
class Window:
    """Quotes starting in ``[start, end)`` belong to this window; the text parsed for
    them is ``[context_start, parse_end)``, which reaches back for context and on to
    the end of the window's last quotation."""

    context_start: int
    start: int
    end: int
    parse_end: int


def windows(
    text: str,
    quotes: Sequence[QuoteSpan],
    paragraph_starts: Sequence[int],
    size: int = WINDOW_CHARS,
    context: int = CONTEXT_CHARS,
) -> Iterator[Window]:
    """The windows of ``text``, in order; one window when the text is short.

    >>> from quoteattr.quotes import find_quotes, paragraph_spans
    >>> text = "“One,” he said.\\n“Two,” she said.\\nThree.\\n“Four,” it said."
    >>> starts = [s for s, _ in paragraph_spans(text)]
    >>> for w in windows(text, find_quotes(text), starts, size=24, context=20):
    ...     print(w, repr(text[w.start : w.end]))
    Window(context_start=0, start=0, end=16, parse_end=16) '“One,” he said.\\n'
    Window(context_start=0, start=16, end=40, parse_end=40) '“Two,” she said.\\nThree.\\n'
    Window(context_start=33, start=40, end=56, parse_end=56) '“Four,” it said.'
    """
    if len(text) <= size:
        yield Window(0, 0, len(text), len(text))
        return
    clean_cuts = _paragraph_cuts_outside_quotes(quotes, paragraph_starts)
    by_start = sorted(quotes, key=lambda q: q.start)
    quote_starts = [q.start for q in by_start]
    start = 0
    while start < len(text):
        end = _cut(text, start, size, clean_cuts, paragraph_starts)
        owned = by_start[bisect.bisect_left(quote_starts, start) : bisect.bisect_left(quote_starts, end)]
        parse_end = max([end, *(q.end for q in owned)])
        k = bisect.bisect_left(paragraph_starts, start - context)
        context_start = min(paragraph_starts[k], start) if k < len(paragraph_starts) else start
        yield Window(context_start, start, end, parse_end)
        start = end


def _paragraph_cuts_outside_quotes(quotes: Sequence[QuoteSpan], paragraph_starts: Sequence[int]) -> list[int]:
    spans = sorted((q.start, q.end) for q in quotes)
    cuts, k, reach = [], 0, 0
    for offset in paragraph_starts:
        while k < len(spans) and spans[k][0] < offset:
            reach = max(reach, spans[k][1])
            k += 1
        if reach <= offset:
            cuts.append(offset)
    return cuts


def _cut(text: str, start: int, size: int, clean_cuts: Sequence[int], paragraph_starts: Sequence[int]) -> int:
    """Where the window starting at ``start`` ends: the last good break in its second half."""
    limit = start + size
    if limit >= len(text):
        return len(text)
    for candidates in (clean_cuts, paragraph_starts):
        k = bisect.bisect_right(candidates, limit) - 1
        if k >= 0 and candidates[k] > start + size // 2:
            return candidates[k]
    space = text.rfind(" ", start + size // 2, limit)
    return space + 1 if space > 0 else limit
