"""Quote spans: find the quotations of raw text with regular expressions, no parse.

Double marks (“ ” " „ « ») delimit quotations; single marks (‘ ’ ') are read only
inside them, as nested quotations, and never mistaken for apostrophes (``don’t``,
``’90s``, ``Jones’``). A quotation that runs over several paragraphs re-opens its
mark at each new paragraph and closes only at the end; it is one span. Unbalanced
or stray marks never raise: what can be paired is paired, an opening mark left
open ends its quotation at the end of its paragraph (``closed=False``), a stray
closing mark is skipped, and marks typed the wrong way round (“A,“ he said) or
from the other family (“A," he said) pair as the writer meant. Quote marks inside
HTML tags left in scraped text (``<a href="…">``) are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import regex

__all__ = ["QuoteSpan", "find_quotes", "paragraph_spans"]

_DOUBLE = regex.compile(r'["“”„«»]')
_SINGLE = regex.compile(r"['‘’]")
# Hard-wrapped text (email, plain-text archives) keeps its lines to about 72-80 characters.
_WRAP_WIDTH = 80
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
_PARAGRAPH_BREAK = regex.compile(r"(?:\r?\n[^\S\n]*)+")
_BLANK_PARAGRAPH_BREAK = regex.compile(r"\r?\n(?:[^\S\n]*\r?\n)+")
_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
# Characters after which a straight mark opens, and before which it closes.
_OPEN_CONTEXT = frozenset("([{—–-/“‘«„")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}—–-/”’»…")
_CLAUSE_END = frozenset(".,!?…")
# HTML or XML tags left in scraped text: their attribute quotes are not quotations.
_TAG = regex.compile(r"</?[A-Za-z][^<>\n]{0,1000}>")
_ELISION = regex.compile(r"\d\d(?:s|’s|'s)?\b|em\b|tis\b|twas\b|cause\b|til\b|n\b", regex.IGNORECASE)


@attrs.frozen
class QuoteSpan:
    """One quotation found in the text: ``text[start:end]``, quote marks included.

    ``closed`` is False when its opening mark was never closed (the span then ends
    at the end of its paragraph); ``depth`` is 1 for a quotation nested in another.
    """

    start: int
    end: int
    closed: bool = True
    depth: int = 0


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each paragraph, line breaks excluded.

    Every line break ends a paragraph, unless the text is hard-wrapped (it has blank
    lines and most of its lines are short): then only blank lines do, so that wrapped
    paragraphs stay whole.

    >>> paragraph_spans("One.\\nTwo.")
    [(0, 4), (5, 9)]
    >>> paragraph_spans("One\\nstill one.\\n\\nTwo.")
    [(0, 14), (16, 20)]
    """
    breaks = _BLANK_PARAGRAPH_BREAK if _hard_wrapped(text) else _PARAGRAPH_BREAK
    spans, start = [], 0
    for m in breaks.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [stripped for s, e in spans if (stripped := _strip(text, s, e))[0] < stripped[1]]


def _hard_wrapped(text: str) -> bool:
    """Blank lines between paragraphs, and lines mostly shorter than a wrapped line's
    limit: a news text that puts each paragraph on one line has lines far longer."""
    if not _BLANK_LINE.search(text):
        return False
    lengths = sorted(len(line) for line in text.splitlines() if line.strip())
    return bool(lengths) and lengths[len(lengths) // 2] <= _WRAP_WIDTH


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_space(text: str, i: int) -> bool:
    return i < 0 or i >= len(text) or text[i].isspace()


def _double_role(text: str, i: int) -> str:
    """``open``, ``close`` or ``either`` for the double mark at ``i``."""
    mark = text[i]
    before_opens = _is_space(text, i - 1) or text[i - 1] in _OPEN_CONTEXT
    after_closes = _is_space(text, i + 1) or text[i + 1] in _CLOSE_CONTEXT
    # Curly marks typed the wrong way round: “It’s unusual,“ he said. / ”get close …”
    if mark in _OPENERS:
        return "close" if mark == "“" and after_closes and i > 0 and text[i - 1] in _CLAUSE_END else "open"
    if mark in _CLOSERS:
        return "open" if mark == "”" and before_opens and not after_closes else "close"
    if before_opens and not after_closes:
        return "open"
    if after_closes and not before_opens:
        return "close"
    return "either"


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _family(mark: str) -> str:
    return "straight" if mark == '"' else "typographic"


def _double_spans(
    text: str, para: tuple[int, int], next_para: tuple[int, int] | None, open_at: int | None
) -> tuple[list[QuoteSpan], int | None]:
    """Pair the double marks of one paragraph; return the spans and a quote still open.

    Inside a quotation, marks of the other family (curly inside straight, or straight
    inside curly) delimit a nested quotation, as long as the outer quotation's own
    closing mark is still to come in the paragraph; but one that can only close, with
    no nested quotation open, closes the outer quotation.
    """
    spans: list[QuoteSpan] = []
    p_start, p_end = para
    marks = [m.start() for m in _DOUBLE.finditer(text, p_start, p_end)]
    last_of_family = {_family(text[i]): k for k, i in enumerate(marks)}  # is a closer still to come?
    opener = text[open_at] if open_at is not None else ""
    nested_at: int | None = None
    for k, i in enumerate(marks):
        if open_at is not None and i == p_start and opener and _reopens(text, i):
            continue  # the mark that re-opens a quote continued from the paragraph before
        role = _double_role(text, i)
        if open_at is None:
            if role != "close":
                open_at, opener = i, text[i]
            continue
        mixed = _family(text[i]) != _family(opener)
        # “A," he said. "B.”: typists mix the families; a nested quotation must open first.
        if mixed and last_of_family.get(_family(opener), -1) > k and (nested_at is not None or role != "close"):
            if nested_at is None:
                nested_at = i
            elif role != "open":
                spans.append(QuoteSpan(nested_at, i + 1, depth=1))
                nested_at = None
            continue
        closes = role in ("close", "either") or (opener == "„" and text[i] == "“")
        if closes:
            spans.append(QuoteSpan(open_at, i + 1))
            open_at, nested_at = None, None
        else:  # a new opening mark while one is open: the first was never closed
            spans.append(QuoteSpan(open_at, _trim_end(text, open_at, i), closed=False))
            open_at, opener, nested_at = i, text[i], None
    if open_at is not None:
        continues = next_para is not None and _reopens(text, next_para[0])
        if not continues:
            spans.append(QuoteSpan(open_at, _trim_end(text, open_at, p_end), closed=False))
            open_at = None
    return spans, open_at


def _reopens(text: str, i: int) -> bool:
    return text[i] in _OPENERS or (text[i] == '"' and _double_role(text, i) != "close")


def _single_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """``open``, ``close`` or None (an apostrophe) for the single mark at ``i``."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return None  # don’t, rock’n’roll
    mark = text[i]
    opens = (before.isspace() or before in _OPEN_CONTEXT) and not after.isspace()
    if opens and mark != "’" and not _ELISION.match(text, i + 1, hi):
        return "open"
    if not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT or after in '"”'):
        return "close" if mark != "‘" else None
    return None


def _single_spans(text: str, outer: QuoteSpan) -> Iterator[QuoteSpan]:
    """Quotations in single marks nested inside a double-quoted span."""
    lo, hi = outer.start + 1, outer.end - 1 if outer.closed else outer.end
    roles = [(m.start(), _single_role(text, m.start(), lo, hi)) for m in _SINGLE.finditer(text, lo, hi)]
    marks = [(i, r) for i, r in roles if r is not None]
    for k, (i, role) in enumerate(marks):
        if role != "open":
            continue
        # The last closing mark before the next opening one: "‘the Joneses’ car’" pairs the outer two.
        close = None
        for j, r in marks[k + 1 :]:
            if r == "open":
                break
            close = j
        if close is not None:
            yield QuoteSpan(i, close + 1, depth=1)


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quotation of ``text``, in document order (nested ones after their outer one).

    >>> find_quotes('“I don’t know,” she said. He said "no."')
    [QuoteSpan(start=0, end=15, closed=True, depth=0), QuoteSpan(start=34, end=39, closed=True, depth=0)]
    >>> t = '“It’s the ‘new normal’ now,” he said.'
    >>> [t[q.start:q.end] for q in find_quotes(t)]
    ['“It’s the ‘new normal’ now,”', '‘new normal’']
    >>> t = '“First paragraph.\\n“Second, and last.” Stray ” mark.'
    >>> [(t[q.start:q.end], q.closed) for q in find_quotes(t)]
    [('“First paragraph.\\n“Second, and last.”', True)]
    """
    if "<" in text:
        text = _TAG.sub(lambda m: " " * len(m.group()), text)  # same length: offsets stay valid
    paragraphs = paragraph_spans(text)
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for k, para in enumerate(paragraphs):
        found, open_at = _double_spans(text, para, paragraphs[k + 1] if k + 1 < len(paragraphs) else None, open_at)
        spans.extend(found)
    nested = [inner for outer in spans for inner in _single_spans(text, outer)]
    return sorted(spans + nested, key=lambda q: (q.start, -q.end))
