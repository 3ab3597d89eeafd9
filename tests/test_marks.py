"""The quote finder on quotations in single marks, same-mark nesting and line breaks."""

from __future__ import annotations

import pytest

from quoteattr.quotes import Marks, check_marks, find_quotes, paragraph_spans, paragraph_styles


def texts(text: str, marks: Marks = "auto", depth: int | None = 0) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, marks) if depth is None or q.depth == depth]


def test_single_marks_outside() -> None:
    assert texts("‘We will not wait,’ the minister said. ‘Nor should we.’") == [
        "‘We will not wait,’",
        "‘Nor should we.’",
    ]


def test_straight_single_marks_outside() -> None:
    text = "'We won't back down,' the mayor said. 'It's the voters' choice.'"
    assert texts(text) == ["'We won't back down,'", "'It's the voters' choice.'"]


@pytest.mark.parametrize(
    "text",
    [
        "‘I don’t know what Clinton’s team wants,’ she said.",
        "‘Back in the ’90s it was different,’ she said.",
        "‘Rock ’n’ roll,’ she said.",
        "‘Give ’em a chance,’ she said.",
    ],
)
def test_apostrophes_inside_single_marks_do_not_close(text: str) -> None:
    assert texts(text) == [text[: text.index(",’") + 2]]


def test_possessive_after_s_is_an_apostrophe_when_a_closing_mark_follows() -> None:
    text = "‘The officials’ plan is a mess,’ she said."
    assert texts(text) == ["‘The officials’ plan is a mess,’"]


def test_closing_mark_after_s_closes_when_nothing_else_does() -> None:
    text = "‘We will talk to the unions’ he said, and left."
    assert texts(text) == ["‘We will talk to the unions’"]


def test_possessive_outside_a_quotation_opens_nothing() -> None:
    text = "The ministers’ decision was final, and ‘nobody is happy’, he said."
    assert texts(text) == ["‘nobody is happy’"]


def test_double_marks_nested_in_single_ones() -> None:
    text = "‘He told me “never again” and left,’ she said."
    assert texts(text) == ["‘He told me “never again” and left,’"]
    assert texts(text, depth=1) == ["“never again”"]


def test_single_quotation_over_paragraphs_is_one_span() -> None:
    text = "‘The first part of it.\n\n‘The second part,’ she said.\n\nNext."
    assert texts(text) == ["‘The first part of it.\n\n‘The second part,’"]


def test_a_double_mark_paragraph_in_a_single_mark_text() -> None:
    text = "‘We agree,’ he said.\n\nThe headline read “Vote Yes” all week.\n\n‘So do we,’ she said."
    assert paragraph_styles(text, paragraph_spans(text)) == ["single", "double", "single"]
    assert texts(text) == ["‘We agree,’", "“Vote Yes”", "‘So do we,’"]


def test_auto_reads_double_mark_text_as_before() -> None:
    text = "“It’s the ‘new normal’ now,” he said. Jones’ car is red."
    assert find_quotes(text) == find_quotes(text, "double")
    assert texts(text) == ["“It’s the ‘new normal’ now,”"]


def test_marks_can_be_forced() -> None:
    assert texts("He said ‘no’ twice.", "double") == []
    assert texts("He said ‘no’ twice.", "single") == ["‘no’"]
    assert texts("He said “no” twice.", "single") == ["“no”"]  # double marks still read outside


def test_doubled_straight_apostrophes_are_not_single_marks() -> None:
    assert paragraph_styles("''Yes,'' he said.", [(0, 16)]) == ["double"]


def test_bad_marks_value() -> None:
    with pytest.raises(ValueError, match="marks must be one of 'auto', 'double', 'single'"):
        check_marks("british")
    with pytest.raises(ValueError, match="got None"):
        find_quotes("“a”", None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "nested"),
    [
        ("“Call it “progress” if you like,” she said.", "“progress”"),
        ("‘Call it ‘progress’ if you like,’ she said.", "‘progress’"),
        ('"Call it "progress" if you like," she said.', '"progress"'),
    ],
)
def test_same_mark_nesting(text: str, nested: str) -> None:
    assert texts(text) == [text[: text.index(",") + 2]]
    assert texts(text, depth=1) == [nested]


def test_a_new_opening_mark_with_one_closer_still_ends_the_open_quotation() -> None:
    text = "“One was left open. “Two is fine,” she said."
    assert [(text[q.start : q.end], q.closed) for q in find_quotes(text)] == [
        ("“One was left open.", False),
        ("“Two is fine,”", True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“This quotation runs on\nover a line break,” she said.",
        "“The first line ends.\nThe second one closes it,” she said.",
        "‘This one runs on\nover a line break,’ she said.",
    ],
)
def test_a_line_break_inside_a_quotation_does_not_end_it(text: str) -> None:
    assert texts(text) == [text[: text.index(",") + 2]]


def test_a_line_break_that_ends_the_paragraph_ends_an_open_quotation() -> None:
    text = "“This one is never closed.\nAnother paragraph with “its own quote.”"
    assert [(text[q.start : q.end], q.closed) for q in find_quotes(text)] == [
        ("“This one is never closed.", False),
        ("“its own quote.”", True),
    ]


def test_other_marks_read_as_before() -> None:
    assert texts("Il a dit «non» hier.") == ["«non»"]
    assert texts("Er sagte „nein“ gestern.") == ["„nein“"]
    assert texts("“It’s unusual,“ Noble said.") == ["“It’s unusual,“"]
