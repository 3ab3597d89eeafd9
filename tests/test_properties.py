"""Property tests: any string in, valid records out.

Example counts come from the hypothesis profile: ``ci`` (the default, hundreds per
property) or ``long`` (QUOTEATTR_PROFILE=long: 100,000 per property of the quote
finder, 5,000 per property of ``extract``, a third as many lists of texts).
"""

from __future__ import annotations

import os
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quoteattr
from quoteattr.quotes import MARKS as STYLES
from quoteattr.quotes import find_quotes

LONG = os.environ.get("QUOTEATTR_PROFILE") == "long"
FINDER_EXAMPLES = 100_000 if LONG else 500
EXTRACT_EXAMPLES = 5_000 if LONG else 150

MARKS = "“”\"‘’'«»„"
ODD = "\n\r\t\x00\x07\x1b\u200b\u200d\ufeff\u202e\u2028\ud800\udfff😀𝔸שלוםمرحبا"
WORDS = [
    "he said",
    "said Ann Lee",
    "Kofman added",
    "according to",
    "the official told reporters",
    "don’t",
    "’90s",
    "Jones’",
    "[in brackets]",
    ":",
    ",",
    ".",
    "\n\n",
    "\r\n",
    "Michael Kofman, director of CNA,",
    # single marks outside quotations, as British news prints them
    "‘We won,’ she said.",
    "‘The officials’ plan",
    "the unions’",
    "’n’",
    "'em",
    "''",
    "s’ ",
    "‘Call it ‘progress’ if you like,’",
    "“Call it “progress” if you like,”",
    "\n",
]

texts = st.one_of(
    st.text(alphabet=st.sampled_from(list(MARKS + ODD + "ab .,")), max_size=80),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(list(MARKS)), st.text(max_size=6)), max_size=25).map(
        " ".join
    ),
    st.text(max_size=60),
)


marks = st.sampled_from(STYLES)


@settings(max_examples=FINDER_EXAMPLES, deadline=None)
@given(texts, marks)
def test_finder_spans_are_valid_ordered_and_nested_or_disjoint(text: str, marks: str) -> None:
    spans = find_quotes(text, marks)  # type: ignore[arg-type]
    assert spans == sorted(spans, key=lambda q: (q.start, -q.end))
    top = [q for q in spans if q.depth == 0]
    for q in spans:
        assert 0 <= q.start < q.end <= len(text)
    for a, b in pairwise(top):
        assert a.end <= b.start  # top-level spans never overlap
    for inner in (q for q in spans if q.depth == 1):
        assert any(o.start < inner.start and inner.end <= o.end for o in top)


@settings(max_examples=FINDER_EXAMPLES, deadline=None)
@given(texts, marks)
def test_finder_is_deterministic(text: str, marks: str) -> None:
    assert find_quotes(text, marks) == find_quotes(text, marks)  # type: ignore[arg-type]


@settings(max_examples=EXTRACT_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, marks)
def test_extract_never_raises_and_offsets_slice_the_text(text: str, marks: str) -> None:
    quotes = quoteattr.extract(text, include_unattributed=True, marks=marks)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        for span in (q.speaker, q.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    starts = [(q.start, q.end) for q in quotes]
    assert starts == sorted(starts)
    for a, b in pairwise(quotes):
        assert a.end <= b.start
    assert quoteattr.extract(text, include_unattributed=True, marks=marks) == quotes


@settings(max_examples=EXTRACT_EXAMPLES // 3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, max_size=4), marks)
def test_texts_extracted_together_give_what_each_gives_alone(batch: list[str], marks: str) -> None:
    extractor = quoteattr.Extractor(include_unattributed=True, marks=marks)  # type: ignore[arg-type]
    together = list(extractor.extract_many(batch))
    assert together == [extractor(text) for text in batch]
    for text, quotes in zip(batch, together, strict=True):
        assert quotes.text == text
        assert all(text[q.start : q.end] == q.text for q in quotes)
