"""parse(): the tokenizer's sentences, mended where a web-text tokenizer errs on news."""

from __future__ import annotations

from collections.abc import Sequence

from quoteattr.focus import paragraphs_to_tokenize, sentences_to_parse
from quoteattr.loading import default_pipeline
from quoteattr.mending import mend_subjects
from quoteattr.parse import ParseRequest, parse, tag_and_parse, tokenize
from quoteattr.quotes import QuoteSpan, find_quotes, paragraph_spans
from quoteattr.tokens import Sentence, Token


def parse_focused(
    text: str, quotes: Sequence[QuoteSpan], regions: list[tuple[int, int]] | None = None, starts: Sequence[int] = ()
) -> list[Sentence]:
    """The two phases as extract() runs them: tokenize, let focus choose, tag and parse those."""
    [tokenized] = tokenize([ParseRequest(text, regions, starts)], default_pipeline())
    return tag_and_parse([tokenized], [sentences_to_parse(tokenized.sentences, quotes)], default_pipeline())[0]


def test_no_sentence_crosses_a_paragraph_and_a_title_stays_with_its_name() -> None:
    # the bundled tokenizer breaks the headline ("Cruz Speaks | In Ohio") and the title
    # ("Gov. | Ann Lee"); a break right after a word on the same line is joined back
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


def test_a_dateline_is_tokenized_on_its_own() -> None:
    # else the parse makes the place the subject of the first sentence ("WASHINGTON … told")
    text = "WASHINGTON, June 10 (UPI) — The nominee Mara Quill told a rally she will fight on.\nAP-GfK Poll: Lee leads."
    starts = [start for start, _ in paragraph_spans(text)]
    sentences = parse(text, default_pipeline(), paragraph_starts=starts)
    assert [text[s.start : s.end] for s in sentences] == [
        "WASHINGTON, June 10 (UPI) —",
        "The nominee Mara Quill told a rally she will fight on.",
        "AP-GfK Poll: Lee leads.",
    ]


def test_a_paragraph_opening_with_a_title_keeps_its_period() -> None:
    # seen on its own, a paragraph's opening "Sen." is split by the tokenizer into "Sen" + "."
    text = "Sen. Bernie Sanders said it was over.\nRep. Ann Lee’s aide left."
    starts = [start for start, _ in paragraph_spans(text)]
    sentences = parse(text, default_pipeline(), paragraph_starts=starts)
    assert [[t.text for t in s.tokens][:2] for s in sentences] == [["Sen.", "Bernie"], ["Rep.", "Ann"]]
    assert all(text[t.start : t.end] == t.text for s in sentences for t in s.tokens)
    assert [t.index for t in sentences[1].tokens] == list(range(len(sentences[1].tokens)))


def test_a_title_keeps_its_period_inside_a_sentence() -> None:
    # the bundled tokenizer splits "Sen." into "Sen" + "." and ends a sentence there
    text = "“We will win,” said Sen. Ted Cruz, the Texas Republican. “We will,” said Rep. Ann Lee."
    sentences = parse(text, default_pipeline(), paragraph_starts=[0])
    words = [[t.text for t in s.tokens] for s in sentences]
    assert [w[w.index("said") : w.index("said") + 3] for w in words] == [
        ["said", "Sen.", "Ted"],
        ["said", "Rep.", "Ann"],
    ]
    assert all(text[t.start : t.end] == t.text for s in sentences for t in s.tokens)
    assert all([t.index for t in s.tokens] == list(range(len(s.tokens))) for s in sentences)
    ted = sentences[0].tokens[8]
    assert ted.text == "Ted" and sentences[0].tokens[ted.head].text == "said"  # the name is the subject


def test_a_name_split_like_a_contraction_is_one_word_again() -> None:
    # the expander splits "Donna" as it splits "gonna": "Don" + "na"; "gonna" stays split
    text = "Del. Donna Ruiz said they are gonna vote. Donna left."
    sentences = parse(text, default_pipeline(), paragraph_starts=[0])
    words = [t.text for s in sentences for t in s.tokens]
    assert words.count("Donna") == 2 and "Don" not in words and "gon" in words
    assert words[:2] == ["Del.", "Donna"]
    assert all(text[t.start : t.end] == t.text for s in sentences for t in s.tokens)
    assert all([t.index for t in s.tokens] == list(range(len(s.tokens))) for s in sentences)


def test_tokenizing_only_the_focused_paragraphs_chooses_the_same_sentences(seed_text: str) -> None:
    text = seed_text
    paragraphs, quotes = paragraph_spans(text), find_quotes(text)
    starts = [start for start, _ in paragraphs]
    regions = paragraphs_to_tokenize(text, paragraphs, quotes)
    assert len(regions) < len(paragraphs)
    assert parse_focused(text, quotes, regions, starts) == parse_focused(text, quotes, None, starts)


def test_focus_parses_fewer_sentences(seed_text: str) -> None:
    text = seed_text + "\n\nThe weather was mild. Markets closed higher. Nothing else happened today.\n"
    everything = parse(text, default_pipeline())
    chosen = parse_focused(text, find_quotes(text))
    assert len(chosen) < len(everything)
    assert {(s.start, s.end) for s in chosen} <= {(s.start, s.end) for s in everything}


def test_focus_follows_sentences_that_open_with_a_pronoun_back_to_a_name() -> None:
    text = "Rain fell. Omar Reyes trails. He spoke. Later that day he left.\n\n“Look at it,” he said. Snow fell."
    chosen = {text[s.start : s.end] for s in parse_focused(text, find_quotes(text))}
    assert {"Omar Reyes trails.", "He spoke.", "Later that day he left."} <= chosen
    assert "Rain fell." not in chosen and "Snow fell." not in chosen


def test_tagging_does_not_depend_on_the_company_of_other_texts(seed_text: str) -> None:
    texts = ["“Yes,” said Ann Lee.", seed_text, "Rain fell. “No,” he said."]
    together = tokenize([ParseRequest(t) for t in texts], default_pipeline())
    alone = [tokenize([ParseRequest(t)], default_pipeline())[0] for t in texts]
    assert [t.sentences for t in together] == [t.sentences for t in alone]
    every = [range(len(t.sentences)) for t in together]
    assert tag_and_parse(together, every, default_pipeline()) == [
        tag_and_parse([t], [range(len(t.sentences))], default_pipeline())[0] for t in alone
    ]


def _tokens(rows: Sequence[tuple[str, str, str, int, str]]) -> list[Token]:
    """Parsed tokens from (word, upos, xpos, head, deprel) rows; offsets don't matter here."""
    return [Token(i, w, 0, 0, w, upos, xpos, "", head, rel) for i, (w, upos, xpos, head, rel) in enumerate(rows)]


def test_a_name_before_a_verb_is_its_subject_not_the_noun_after_it() -> None:
    # the misparse of "Gov. Ann Lee (R-Ind.) said his running mate's tweet was a joke"
    tokens = _tokens(
        [
            ("Ann", "PROPN", "NNP", 6, "appos"),
            ("Lee", "PROPN", "NNP", 0, "flat"),
            ("(", "PUNCT", "-LRB-", 3, "punct"),
            ("R-Ind.", "PROPN", "NNP", 0, "appos"),
            (")", "PUNCT", "-RRB-", 3, "punct"),
            ("said", "VERB", "VBD", -1, "root"),
            ("his", "PRON", "PRP$", 7, "nmod:poss"),
            ("mate", "NOUN", "NN", 5, "nsubj"),
        ]
    )
    mended = mend_subjects(tokens)
    assert (mended[0].head, mended[0].deprel) == (5, "nsubj")
    assert (mended[7].head, mended[7].deprel) == (5, "dep")


def test_a_subject_after_its_verb_stays_after_a_quotation() -> None:
    # "“We won,” said Lee": the inverted subject is the verb's own
    tokens = _tokens(
        [
            ("”", "PUNCT", "''", 1, "punct"),
            ("said", "VERB", "VBD", -1, "root"),
            ("Lee", "PROPN", "NNP", 1, "nsubj"),
        ]
    )
    assert mend_subjects(tokens) == tokens
