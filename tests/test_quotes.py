"""The quote finder alone: regex only, no parse, no stanza."""

from __future__ import annotations

import pytest

from quoteattr.quotes import QuoteSpan, find_quotes, paragraph_spans


def texts(text: str, depth: int | None = 0) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text) if depth is None or q.depth == depth]


def test_curly_double_quotes() -> None:
    assert texts("“Yes,” she said. “No.”") == ["“Yes,”", "“No.”"]


def test_straight_double_quotes() -> None:
    assert texts('He said "yes" and then "no."') == ['"yes"', '"no."']


def test_straight_quote_after_punctuation_closes() -> None:
    assert texts('"We won," she said, "and we will win again."') == ['"We won,"', '"and we will win again."']


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("“He told me ‘never again’ and left,” she said.", ["‘never again’"]),
        ("\"He told me 'never again' and left,\" she said.", ["'never again'"]),
        ("“It’s the ‘new normal,’ he said.”", ["‘new normal,’"]),
    ],
)
def test_single_quotes_nested_in_double(text: str, inner: list[str]) -> None:
    assert texts(text, depth=1) == inner
    assert len(texts(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "“I don’t know,” she said.",
        "“Back in the ’90s it was different,” she said.",
        "“That is Jones’ car,” she said.",
        "“Rock ’n’ roll,” she said.",
        "\"We didn't go in '98,\" she said.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert texts(text, depth=1) == []
    assert len(texts(text)) == 1


def test_plural_possessive_inside_nested_quote() -> None:
    text = "“They called it ‘the Joneses’ car’ all year,” she said."
    assert texts(text, depth=1) == ["‘the Joneses’ car’"]


def test_guillemets_and_low_high_quotes() -> None:
    assert texts("Il a dit «non» hier.") == ["«non»"]
    assert texts("Er sagte „nein“ gestern.") == ["„nein“"]
    assert texts("Er sagte „nein” gestern.") == ["„nein”"]


def test_quote_over_several_paragraphs_is_one_span() -> None:
    text = "“First part of it.\n\n“Second part.\n\n“Third and last,” he said.\n\nNext paragraph."
    [quote] = find_quotes(text)
    assert text[quote.start : quote.end] == "“First part of it.\n\n“Second part.\n\n“Third and last,”"
    assert quote.closed


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“This one never closes, he said.\nNew paragraph “with a quote.”"
    assert [(text[q.start : q.end], q.closed) for q in find_quotes(text)] == [
        ("“This one never closes, he said.", False),
        ("“with a quote.”", True),
    ]


def test_new_opening_mark_while_open() -> None:
    text = "“One was left open. “Two is fine,” she said."
    found = find_quotes(text)
    assert [(text[q.start : q.end], q.closed) for q in found] == [
        ("“One was left open.", False),
        ("“Two is fine,”", True),
    ]


def test_stray_closing_mark_is_skipped() -> None:
    assert texts("A stray ” mark, then “a quote.”") == ["“a quote.”"]


def test_brackets_inside_quotes() -> None:
    text = "“The plans [in the number of joint exercises] have grown,” Pushilin said."
    assert texts(text) == ["“The plans [in the number of joint exercises] have grown,”"]


def test_no_marks_no_quotes() -> None:
    assert find_quotes("") == []
    assert find_quotes("Nothing quoted here, isn’t that so?") == []


@pytest.mark.parametrize("text", ['"', "“", "”", "'", "‘’", '"""', "“\n\n”", "\"'\"'", "„«»“”"])
def test_odd_and_stray_marks_never_raise(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)


def test_spans_are_sorted_and_nested_spans_inside() -> None:
    text = "“A ‘b’ c,” she said. “D.”"
    found = find_quotes(text)
    assert found == sorted(found, key=lambda q: (q.start, -q.end))
    outer, inner = found[0], found[1]
    assert outer.start <= inner.start and inner.end <= outer.end and inner.depth == 1


def test_paragraphs_by_blank_lines_when_present() -> None:
    assert paragraph_spans("a\nb\n\nc") == [(0, 3), (5, 6)]
    assert paragraph_spans("a\r\nb") == [(0, 1), (3, 4)]


def test_quote_span_record() -> None:
    assert QuoteSpan(0, 3) == QuoteSpan(0, 3, closed=True, depth=0)


def test_quote_marks_inside_html_tags_are_ignored() -> None:
    text = '<tweet id="67213" author="@someone">Hi</tweet> and <p class="x">“Real,” she said.</p>'
    assert texts(text) == ["“Real,”"]


def test_curly_quotes_nested_in_straight_ones() -> None:
    text = '"The point is “never again,” Earnest said." That was all.'
    assert texts(text) == ['"The point is “never again,” Earnest said."']
    assert texts(text, depth=1) == ["“never again,”"]


def test_mixed_marks_close_when_no_own_closer_follows() -> None:
    assert texts('"We won,” she said.') == ['"We won,”']


def test_a_closing_mark_of_the_other_family_closes_when_nothing_nested_is_open() -> None:
    text = '“We’re going to build a wall," he said. "It’s going to be a real wall.”'
    assert texts(text) == ['“We’re going to build a wall,"', '"It’s going to be a real wall.”']


def test_curly_marks_typed_the_wrong_way_round() -> None:
    assert texts("“It’s unusual,“ Noble said. He added ”it is rare.”") == ["“It’s unusual,“", "”it is rare.”"]


def test_each_turn_of_a_transcript_quoted_over_paragraphs_is_its_own_quotation() -> None:
    text = 'From the show:\n\n"HALE: Do you back it?\n\n"DIAZ: Yes. I do.\n\n"It is a good plan.\n\n"HALE: Thank you.'
    quoted = [(text[q.start : q.end], q.closed) for q in find_quotes(text)]
    assert quoted == [
        ("Do you back it?", False),
        ('Yes. I do.\n\n"It is a good plan.', False),
        ("Thank you.", False),
    ]


def test_marks_of_the_other_family_nest_in_a_quotation_that_goes_on_in_the_next_paragraph() -> None:
    text = '"It is like an episode of “Shark Tank.” But this is serious.\n\n"And it goes on," she said.'
    quoted = [(text[q.start : q.end], q.depth) for q in find_quotes(text)]
    assert quoted == [(text[: text.index(" she")], 0), ("“Shark Tank.”", 1)]
