"""parse(): the tokenizer's sentences, mended where a web-text tokenizer errs on news."""

from __future__ import annotations

from quoteattr.parse import default_pipeline, parse
from quoteattr.quotes import paragraph_spans


def test_no_sentence_crosses_a_paragraph_and_a_title_stays_with_its_name() -> None:
    text = "Cruz Speaks In Ohio\nSen. Ted Cruz said it was over. Gov. Ann Lee left."
    starts = [start for start, _ in paragraph_spans(text)]
    sentences = parse(text, default_pipeline(), paragraph_starts=starts)
    assert [text[s.start : s.end] for s in sentences] == [
        "Cruz Speaks In Ohio",
        "Sen. Ted Cruz said it was over.",
        "Gov. Ann Lee left.",
    ]
    assert all(text[t.start : t.end] == t.text for s in sentences for t in s.tokens)
    assert [t.index for t in sentences[1].tokens] == list(range(len(sentences[1].tokens)))
