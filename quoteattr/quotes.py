"""Quote spans: find the quotations of raw text with regular expressions, no parse.

Quotations are delimited by double marks (“ ” " „ « »), as American news prints them,
or by single marks (‘ ’ '), as British, Irish and Commonwealth news does; the marks of
the other kind inside a quotation delimit a nested one. Which kind is outside is
decided per paragraph from the evidence in the text (``marks="auto"``, see
:func:`paragraph_styles`) or forced (``"double"``, ``"single"``). A single mark is
never mistaken for an apostrophe between letters (``don’t``), before an elided year
or word (``’90s``, ``’em``), or for a possessive (``Jones’``) where no quotation is
open or one closes later. A quotation nested in the same marks (“Call it “progress”
if you like,” she said.) is found inside its outer one when two closing marks follow
its opening mark.

A quotation that runs over several paragraphs re-opens its mark at each new
paragraph and closes only at the end; it is one span, unless it is a transcript whose
paragraphs open with a speaker's label ("PENCE: Well, …"): then each turn is a span
of its own, the label left outside it. A single line break inside a
quotation does not end it where the next line goes on with it (it starts in lower
case after a line with no full stop, or its first mark closes the quotation).
Unbalanced or stray marks never raise: what can be paired is paired, an opening mark
left open ends its quotation at the end of its paragraph (``closed=False``), a stray
closing mark is skipped, and marks typed the wrong way round (“A,“ he said) or from
the other family (“A," he said) pair as the writer meant. Quote marks inside HTML
tags left in scraped text (``<a href="…">``) are ignored.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import Literal, get_args

import attrs
import regex

__all__ = [
    "MARKS",
    "TURN_LABEL",
    "Marks",
    "QuoteSpan",
    "check_marks",
    "find_quotes",
    "paragraph_spans",
    "paragraph_styles",
]

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
# Four quote marks or more in a row, with nothing but blanks between: no writer's quotation
# opens or closes there, and a text of nothing else must not cost a span per mark.
_MARK_RUN = regex.compile(r"[\"“”„«»‘’'][\"“”„«»‘’'\s]{2,}[\"“”„«»‘’']")
# A transcript's speaker label opening a paragraph of a quotation, the label its group 1:
# "PENCE: ", "SEN. KAINE: ".
TURN_LABEL = regex.compile(r"[\"“‘']?[^\S\n]*(\p{Lu}[\p{Lu}.’'-]+(?:[^\S\n]\p{Lu}[\p{Lu}.’'-]+){0,2}):[^\S\n]+(?=\S)")
_ALL_MARKS = "\"“”„«»‘’'"
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


def _blank(match: regex.Match[str]) -> str:
    """Blanks as long as the match: the offsets of the text stay valid."""
    return " " * len(match.group())


def _blank_many_marks(match: regex.Match[str]) -> str:
    """A run of marks and blanks, blanked if it holds four marks or more (line breaks too:
    keeping them costs a second on a text of nothing else, and no paragraph of writing
    starts or ends inside such a run)."""
    run = match.group()
    return " " * len(run) if sum(map(run.count, _ALL_MARKS)) >= 4 else run


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
    part = text[start:end]
    stripped = part.lstrip()
    if not stripped:
        return start, start
    return start + len(part) - len(stripped), start + len(part.rstrip())


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
    no nested quotation open, closes the outer quotation. An opening mark of the same
    family opens a nested quotation when two closing marks follow it before the next
    opening one (“Call it “progress” if you like,” she said.).
    """
    spans: list[QuoteSpan] = []
    p_start, p_end = para
    marks = [m.start() for m in _DOUBLE.finditer(text, p_start, p_end)]
    roles = [_double_role(text, i) for i in marks]
    closers_ahead = _closers_before_next_opener(roles)
    last_of_family = {_family(text[i]): k for k, i in enumerate(marks)}  # is a closer still to come?
    opener = text[open_at] if open_at is not None else ""
    nested_at: int | None = None
    same_nested_at: int | None = None
    for k, i in enumerate(marks):
        if open_at is not None and i == p_start and opener and _reopens(text, i):
            continue  # the mark that re-opens a quote continued from the paragraph before
        role = roles[k]
        if open_at is None:
            if role != "close":
                open_at, opener = i, text[i]
            continue
        if same_nested_at is not None:
            if role != "open":
                spans.append(QuoteSpan(same_nested_at, i + 1, depth=1))
                same_nested_at = None
                continue
            same_nested_at = None  # a third opening mark: the nesting was a misreading
        mixed = _family(text[i]) != _family(opener)
        # "… an episode of “Shark Tank.” But …" in a quotation that goes on in the next
        # paragraph: its own closing mark is there, or further on
        closer_ahead = last_of_family.get(_family(opener), -1) > k or _reopened_next(text, next_para, opener)
        # “A," he said. "B.”: typists mix the families; a nested quotation must open first.
        if mixed and closer_ahead and (nested_at is not None or role != "close"):
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
        elif role == "open" and nested_at is None and closers_ahead[k] >= 2:
            same_nested_at = i
        else:  # a new opening mark while one is open: the first was never closed
            spans.append(QuoteSpan(open_at, _trim_end(text, open_at, i), closed=False))
            open_at, opener, nested_at = i, text[i], None
    if open_at is not None and not _continues(text, para, next_para):
        spans.append(QuoteSpan(open_at, _trim_end(text, open_at, p_end), closed=False))
        open_at = None
    return spans, open_at


def _closers_before_next_opener(roles: Sequence[str]) -> list[int]:
    """For each mark, how many of the marks after it can close, up to the next that only opens."""
    counts = [0] * len(roles)
    running = 0
    for k in range(len(roles) - 1, -1, -1):
        counts[k] = running
        if roles[k] == "open":
            running = 0
        else:
            running += 1
    return counts


def _reopened_next(text: str, next_para: tuple[int, int] | None, opener: str) -> bool:
    """Whether the next paragraph opens with a mark of ``opener``'s family: a quotation
    open at this paragraph's end goes on there."""
    return next_para is not None and _reopens(text, next_para[0]) and _family(text[next_para[0]]) == _family(opener)


def _reopens(text: str, i: int) -> bool:
    return text[i] in _OPENERS or (text[i] == '"' and _double_role(text, i) != "close")


def _continues(text: str, para: tuple[int, int], next_para: tuple[int, int] | None) -> bool:
    """Whether a quotation open at the end of ``para`` goes on in ``next_para``: it re-opens
    its mark there, or only one line break parts them and the next line reads on (it
    starts in lower case after a line with no full stop, or its first mark closes)."""
    if next_para is None:
        return False
    if _reopens(text, next_para[0]):
        return True
    if text.count("\n", para[1], next_para[0]) != 1:
        return False
    ends_sentence = text[para[1] - 1] in _SENTENCE_END
    if not ends_sentence and text[next_para[0]].islower():
        return True
    first = _DOUBLE.search(text, next_para[0], next_para[1])
    return first is not None and _double_role(text, first.start()) == "close"


def _single_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """``open``, ``close`` or None (an apostrophe) for the single mark at ``i``, nested in a quotation."""
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
        for j in range(k + 1, len(marks)):
            if marks[j][1] == "open":
                break
            close = marks[j][0]
        if close is not None:
            yield QuoteSpan(i, close + 1, depth=1)


# ------------------------------------------------------------ single marks outside
def _top_single_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """What the single mark at ``i`` of a paragraph ``[lo, hi)`` written in single marks is:
    ``open``, ``close``, ``either``, ``maybe`` (a closing mark or a plural possessive:
    "the officials’ plan" / "‘… by the officials’ he said"), ``pair`` (the first of two
    straight marks that close: ``'… 'the term,''``) or None (an apostrophe)."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return None  # don’t, Clinton’s, rock’n’roll
    mark = text[i]
    if mark == "'" and "'" in (before, after):
        # ''…'': a double mark typed as two single ones, read as double marks are; but two
        # that close after a word may close a nested quotation and its outer one
        closing = after == "'" and not before.isspace() and not text[i + 2 : i + 3].isalnum()
        return "pair" if closing else None
    if mark == "‘":
        return "open" if not before.isalnum() and not after.isspace() else None
    opens = (before.isspace() or before in _OPEN_CONTEXT) and not after.isspace()
    closes = not before.isspace() and not after.isalnum()
    if opens and closes:
        return "either"
    if opens:
        return None if _ELISION.match(text, i + 1, hi) else "open"  # ’90s, ’em
    if not closes:
        return None
    if before == "n" and i - 3 >= lo and text[i - 2] in "’'" and text[i - 3].isspace():
        return None  # rock ’n’ roll
    if before in "sS" and after.isspace() and i + 1 < hi:
        return "maybe"
    return "close"


def _single_to_double(text: str, lo: int, hi: int, carried_open: bool, continued: bool) -> tuple[dict[int, str], bool]:
    """The quote marks of a paragraph ``[lo, hi)`` written in single marks, each with the
    double mark that plays its part (" for a straight one, “ for a curly one that opens
    and ” for one that closes), and whether a quotation is still open at its end.

    A ``maybe`` mark closes a quotation that is open there when no mark that can close
    follows it before the next opening one, unless the quotation opened the paragraph
    and goes on into the next one (``continued``: it re-opens there, no mark opening in
    between); else it is a possessive.
    """
    found = [(m.start(), _top_single_role(text, m.start(), lo, hi)) for m in _SINGLE.finditer(text, lo, hi)]
    marks = [(i, role) for i, role in found if role is not None]
    closer_ahead = [False] * len(marks)
    opener_ahead = [False] * len(marks)
    closer, opener = False, False
    for k in range(len(marks) - 1, -1, -1):
        closer_ahead[k], opener_ahead[k] = closer, opener
        role = marks[k][1]
        if role == "open":
            closer, opener = False, True
        elif role in ("close", "either", "pair"):
            closer = True
    swapped: dict[int, str] = {}
    depth = 1 if carried_open else 0  # quotations open here: 2 when one is nested in another
    opened_at = lo
    for k, (i, role) in enumerate(marks):
        if role == "pair":
            if depth == 2:
                swapped[i] = swapped[i + 1] = '"'
                depth = 0
            continue
        if role == "maybe":
            goes_on = continued and opened_at == lo and not opener_ahead[k]
            if depth == 0 or (depth == 1 and (closer_ahead[k] or goes_on)):
                continue
            role = "close"
        if role == "either":
            role = "open" if depth == 0 else "close"
        if text[i] == "'":
            swapped[i] = '"'
        else:
            swapped[i] = "“" if role == "open" else "”"
        if role == "open" and depth == 0:
            opened_at = i
        depth = min(depth + 1, 2) if role == "open" else max(depth - 1, 0)
    return swapped, depth > 0


Marks = Literal["auto", "double", "single"]
MARKS: tuple[str, ...] = get_args(Marks)


def check_marks(marks: object) -> Marks:
    """``marks`` if it is one of :data:`MARKS`, else a ValueError that lists them.

    >>> check_marks("single")
    'single'
    >>> check_marks("british")
    Traceback (most recent call last):
    ...
    ValueError: marks must be one of 'auto', 'double', 'single' (got 'british')
    """
    if not isinstance(marks, str) or marks not in MARKS:
        raise ValueError(f"marks must be one of {', '.join(map(repr, MARKS))} (got {marks!r})")
    return marks  # type: ignore[return-value]


def paragraph_styles(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[str]:
    """``"double"`` or ``"single"`` for each paragraph: which marks are outside its quotations.

    A paragraph's evidence is its first quote mark that opens: single (‘ or ' before a
    word, not ``’90s``) or double. The text is in single marks when more paragraphs
    show single than double; its paragraphs are then read in single marks, but for
    those whose evidence is double (a British paper quoting an American headline).
    A text in double marks is read in double marks throughout: single marks outside
    them there are apostrophes, or the marks of a headline that its reports of speech
    do not use.

    >>> text = "‘We won,’ she said.\\nIt’s over.\\nHe said “no.”"
    >>> paragraph_styles(text, paragraph_spans(text))
    ['single', 'single', 'double']
    >>> text = "Trump: ‘We will win’\\n“We will,” he said.\\n“Soon,” he added."
    >>> paragraph_styles(text, paragraph_spans(text))
    ['double', 'double', 'double']
    """
    own: list[str | None] = []
    for lo, hi in paragraphs:
        style = None
        for m in _ANY_MARK.finditer(text, lo, hi):
            i = m.start()
            if text[i] in '“”"„«»':
                if _double_role(text, i) != "close":
                    style = "double"
                    break
            elif _top_single_role(text, i, lo, hi) == "open":
                style = "single"
                break
        own.append(style)
    singles, doubles = own.count("single"), own.count("double")
    default = "single" if singles and singles >= doubles else "double"
    return ["double" if style == "double" else default for style in own]


_ANY_MARK = regex.compile(r"[\"“”„«»‘']|(?<!\p{L})’|’(?!\p{L})")
_SENTENCE_END = frozenset(".!?…:;")
_SINGLE_TO_DOUBLE_FAMILY = str.maketrans({"“": "‘", "”": "’", '"': "'", "„": "‘"})


def _as_double(text: str, paragraphs: Sequence[tuple[int, int]], styles: Sequence[str]) -> str:
    """``text`` with the marks of its single-mark paragraphs swapped for the double ones
    that play their parts (and their double marks for single ones, as nested marks), so
    that one pairing reads both styles. Each mark is one character: offsets stay valid."""
    chars: list[str] | None = None
    carried_open = False
    for k, (lo, hi) in enumerate(paragraphs):
        if styles[k] != "single":
            carried_open = False
            continue
        if chars is None:
            chars = list(text)
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        continued = nxt is not None and text[nxt[0]] in "‘'"
        swapped, still_open = _single_to_double(text, lo, hi, carried_open, continued)
        for m in _DOUBLE.finditer(text, lo, hi):
            chars[m.start()] = text[m.start()].translate(_SINGLE_TO_DOUBLE_FAMILY)
        for i, mark in swapped.items():
            chars[i] = mark
        carried_open = continued and still_open
    return text if chars is None else "".join(chars)


def _split_turns(text: str, spans: Sequence[QuoteSpan], paragraphs: Sequence[tuple[int, int]]) -> Iterator[QuoteSpan]:
    """Each turn of a transcript quoted over several paragraphs ("WALLACE: Do you …",
    "PENCE: Well, …") as a quotation of its own, the speaker's label left outside it
    for attribution to find; other spans as they are."""
    starts = [start for start, _ in paragraphs]
    for span in spans:
        cuts = []
        if span.depth == 0:
            first = bisect.bisect_left(starts, span.start)
            for start in starts[first : bisect.bisect_left(starts, span.end)]:
                turn = TURN_LABEL.match(text, start)
                if turn is not None and turn.end() < span.end:
                    cuts.append((start, turn.end()))
        begin = span.start
        for label_start, words in cuts:
            if label_start > begin:
                yield QuoteSpan(begin, _trim_end(text, begin, label_start), closed=False)
            begin = words
        yield span if not cuts else QuoteSpan(begin, span.end, closed=span.closed)


def find_quotes(text: str, marks: Marks = "auto") -> list[QuoteSpan]:
    """Every quotation of ``text``, in document order (nested ones after their outer one).

    ``marks`` says which marks are outside quotations: ``"double"`` (“…”), ``"single"``
    (‘…’) or ``"auto"``: each paragraph's own, from the evidence (:func:`paragraph_styles`).

    >>> find_quotes('“I don’t know,” she said. He said "no."')
    [QuoteSpan(start=0, end=15, closed=True, depth=0), QuoteSpan(start=34, end=39, closed=True, depth=0)]
    >>> t = '“It’s the ‘new normal’ now,” he said.'
    >>> [t[q.start:q.end] for q in find_quotes(t)]
    ['“It’s the ‘new normal’ now,”', '‘new normal’']
    >>> t = '‘The officials’ plan is “a mess”,’ she said.'
    >>> [t[q.start:q.end] for q in find_quotes(t)]
    ['‘The officials’ plan is “a mess”,’', '“a mess”']
    >>> t = '“First paragraph.\\n“Second, and last.” Stray ” mark.'
    >>> [(t[q.start:q.end], q.closed) for q in find_quotes(t)]
    [('“First paragraph.\\n“Second, and last.”', True)]
    """
    check_marks(marks)
    if "<" in text:
        text = _TAG.sub(_blank, text)
    text = _MARK_RUN.sub(_blank_many_marks, text)
    if not _ANY_MARK.search(text):
        return []
    paragraphs = paragraph_spans(text)
    if marks != "double" and ("‘" in text or "’" in text or "'" in text):
        styles = paragraph_styles(text, paragraphs) if marks == "auto" else ["single"] * len(paragraphs)
        text = _as_double(text, paragraphs, styles)
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for k, para in enumerate(paragraphs):
        found, open_at = _double_spans(text, para, paragraphs[k + 1] if k + 1 < len(paragraphs) else None, open_at)
        spans.extend(found)
    spans = list(_split_turns(text, spans, paragraphs))
    nested = [inner for outer in spans if outer.depth == 0 for inner in _single_spans(text, outer)]
    return sorted(spans + nested, key=lambda q: (q.start, -q.end))
