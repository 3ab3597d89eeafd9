"""Quotes as plain data for files: the scorer's prediction format, and flat table rows.

:func:`prediction` is the one place that says how a quote becomes plain data; the
command line writes it as JSON and :func:`flat_row` flattens it for tables (the
Parquet rows of :mod:`quoteattr.dask`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .records import Quote

__all__ = ["FLAT_COLUMNS", "document_predictions", "error_line", "flat_row", "prediction"]


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


# The columns of :func:`flat_row`, in table order.
FLAT_COLUMNS = ("start", "end", "text", "speaker", "speaker_start", "speaker_end", "name", "title", "cue", "rule")


def flat_row(quote: Quote) -> dict[str, Any]:
    """:func:`prediction` flattened to :data:`FLAT_COLUMNS`: the speaker's mention and
    offsets side by side, the cue's text, and the rule.

    >>> from quoteattr.records import Quote, Span, Speaker
    >>> row = flat_row(Quote("“Hi”", 0, 4, speaker=Speaker("Ann", 5, 8, name="Ann Lee"), cue=Span("said", 9, 13),
    ...                      rule="after"))
    >>> [row[column] for column in FLAT_COLUMNS]
    [0, 4, '“Hi”', 'Ann', 5, 8, 'Ann Lee', None, 'said', 'after']
    >>> flat_row(Quote("“Hi”", 0, 4))["speaker_start"] is None
    True
    """
    nested = prediction(quote)
    speaker, cue = nested["speaker"] or {}, nested["cue"] or {}
    flat = {
        **nested,
        "speaker": speaker.get("text"),
        "speaker_start": speaker.get("start"),
        "speaker_end": speaker.get("end"),
        "cue": cue.get("text"),
        "rule": quote.rule,
    }
    return {column: flat[column] for column in FLAT_COLUMNS}


def document_predictions(result: Sequence[Quote] | Exception) -> list[dict[str, Any]] | str:
    """A document's predictions, or, where extracting it raised, the error as one line
    (``"TypeError: …"``) to report in its place.

    >>> document_predictions([]), document_predictions(ValueError("bad"))
    ([], 'ValueError: bad')
    """
    if isinstance(result, Exception):
        return error_line(result)
    return [prediction(quote) for quote in result]


def error_line(error: Exception) -> str:
    """What went wrong, in one line, to say in a document's place.

    >>> error_line(TypeError("text must be str (got int)"))
    'TypeError: text must be str (got int)'
    """
    return f"{type(error).__name__}: {error}"
