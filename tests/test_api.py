"""The public API: input checks, the records it returns, broken installations."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import quoteattr
from quoteattr.errors import ModelError
from quoteattr.loading import MODEL_DIR, check_pipeline, load_pipeline


def speakers_and_rules(text: str) -> list[tuple[str | None, str | None]]:
    """Each quote's speaker mention and the rule that found it."""
    return [(q.speaker.text if q.speaker else None, q.rule) for q in quoteattr.extract(text)]


@pytest.mark.parametrize(("value", "name"), [(None, "NoneType"), (42, "int"), (["a"], "list"), (1.5, "float")])
def test_non_strings_raise_type_error_naming_the_type(value: object, name: str) -> None:
    with pytest.raises(TypeError, match=rf"text must be str \(got {name}\)"):
        quoteattr.extract(value)  # type: ignore[arg-type]


def test_bytes_say_to_decode_first() -> None:
    with pytest.raises(TypeError, match=r"got bytes.*decode it first"):
        quoteattr.extract(b"\xe2\x80\x9cHi\xe2\x80\x9d")  # type: ignore[arg-type]


def test_empty_and_blank_text_return_nothing_without_loading_stanza() -> None:
    code = (
        "import sys, quoteattr\n"
        "assert quoteattr.extract('') == [] and quoteattr.extract(' \\n\\t ') == []\n"
        "assert quoteattr.extract('No quotation marks at all.') == []\n"
        "assert [len(q) for q in quoteattr.extract_many(['', 'None here.'])] == [0, 0]\n"
        "print('stanza' in sys.modules, 'torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"]


def test_extract_returns_records_in_document_order() -> None:
    text = "“First,” said Ann Lee. Then Bob Ray spoke. “Second,” he said."
    quotes = quoteattr.extract(text)
    assert [q.text for q in quotes] == ["“First,”", "“Second,”"]
    assert all(isinstance(q, quoteattr.Quote) for q in quotes)
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Ann Lee"
    for q in quotes:
        assert quoteattr.Quote.from_dict(q.to_dict()) == q


def test_inverted_cue() -> None:
    [q] = quoteattr.extract("“We are ready,” said Michael Kofman, an analyst.")
    assert q.speaker is not None and q.speaker.name == "Michael Kofman"
    assert q.cue is not None and q.cue.text == "said"


def test_according_to() -> None:
    [q] = quoteattr.extract("The plan is “dead on arrival,” according to Senator John Smith.")
    assert q.speaker is not None and q.speaker.name == "John Smith"


def test_the_source_that_reports_a_speaker_is_credited() -> None:
    [q] = quoteattr.extract("“We care about them,” Obama said, according to a White House pool report.")
    assert q.speaker is not None and q.speaker.text == "a White House pool report"
    assert q.rule == "according-to"


def test_unattributed_quotes_only_on_request() -> None:
    text = "The film “Jaws” opened in 1975."
    assert quoteattr.extract(text) == []
    [q] = quoteattr.extract(text, include_unattributed=True)
    assert q.text == "“Jaws”" and q.speaker is None and q.rule is None


def test_pipeline_missing_a_processor_is_named() -> None:
    class FakePipeline:
        def __init__(self) -> None:
            self.processors = {"tokenize": object(), "pos": object(), "lemma": object()}

    with pytest.raises(ModelError, match=r"lacks the processor\(s\) depparse"):
        check_pipeline(FakePipeline())
    with pytest.raises(ModelError, match=r"must be a stanza\.Pipeline"):
        quoteattr.Extractor(object())  # type: ignore[arg-type]


def test_missing_model_file_is_named(tmp_path: Path) -> None:
    models = tmp_path / "en"
    shutil.copytree(MODEL_DIR, models)
    (models / "depparse.pt").unlink()
    with pytest.raises(ModelError, match=r"missing: .*depparse\.pt.*Reinstall"):
        load_pipeline(models)


def test_corrupt_model_file_is_named(tmp_path: Path) -> None:
    models = tmp_path / "en"
    shutil.copytree(MODEL_DIR, models)
    (models / "pos.pt").write_bytes(b"not a model")
    with pytest.raises(ModelError, match=r"pos\.pt is corrupt"):
        load_pipeline(models)


def test_result_shows_itself_as_escaped_html() -> None:
    text = "“<script>alert(1)</script> is bad,” said Ann Lee. The “so-called” plan."
    quotes = quoteattr.extract(text, include_unattributed=True)
    page = quotes._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Ann Lee" in page and page.count('class="qa-quote"') == len(quotes)
    rows = quotes.to_table()
    assert len(rows) == len(quotes)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("Smith was quoted as saying “the deal is dead.”", "Smith", ("quoted", "saying")),
        ("The senator told reporters: “We will vote no.”", "The senator", ("told",)),
        ("Officials insisted the plan was “on track.”", "Officials", ("insisted",)),
    ],
)
def test_passive_colon_and_partial_quotes(text: str, speaker: str, cue: tuple[str, ...]) -> None:
    [q] = quoteattr.extract(text)
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.cue is not None and q.cue.text in cue


def test_relative_pronoun_speaker_resolves_to_the_noun() -> None:
    [q] = quoteattr.extract("It was Ann Lee, who said “we are done here,” that left first.")
    assert q.speaker is not None and q.speaker.text in ("who", "Ann Lee") and q.speaker.name == "Ann Lee"


def test_speaker_without_the_full_stop_the_tokenizer_left_on_it() -> None:
    [q] = quoteattr.extract("“Yes,” said Ann Lee. Next sentence.")
    assert (q.speaker.text, q.speaker.name) == ("Ann Lee", "Ann Lee")  # type: ignore[union-attr]


def test_title_abbreviation_does_not_end_the_sentence() -> None:
    [q] = quoteattr.extract("Sen. Ted Cruz says the senator is “standing tall” despite losing.")
    assert q.speaker is not None and q.speaker.text.endswith("Ted Cruz")


def test_continuation_after_a_non_breaking_space() -> None:
    text = "“Let’s boil it down,” he continued. \xa0“I’ve met him more than once.”"
    quotes = quoteattr.extract(text)
    assert [q.rule for q in quotes] == ["after", "continuation"]
    assert quotes[1].speaker == quotes[0].speaker


def test_any_verb_closing_the_sentence_after_a_comma_quote_is_the_cue() -> None:
    [q] = quoteattr.extract("“France will always be France,” an angry Hollande retaliated.")
    assert q.speaker is not None and q.speaker.text.endswith("angry Hollande") and q.speaker.name == "Hollande"
    assert q.cue is not None and q.cue.text == "retaliated"


def test_a_quote_ending_a_narrative_sentence_takes_no_speaker_from_the_next() -> None:
    text = "Sanders called the suspension “arbitrary.” Josh Hendler, a consultant, said it was fair."
    [q] = quoteattr.extract(text)
    assert q.speaker is not None and q.speaker.text == "Sanders"


def test_a_title_cased_name_of_a_show_is_not_speech() -> None:
    text = "“We are ready,” Carson said on “Meet the Press.”"
    assert [q.text for q in quoteattr.extract(text)] == ["“We are ready,”"]


def test_each_line_is_a_paragraph_unless_the_text_is_hard_wrapped() -> None:
    text = (
        "The mayor of Springfield spoke to reporters after the vote on Tuesday evening at city hall.\n\n"
        "“We won, and we won fairly in the end after a long fight over the budget,” Lee said.\n"
        "“They lost the game, and they know that they lost it for reasons of their own.”\n"
        "Smith said nothing new when reporters asked him about the vote later that evening."
    )
    assert speakers_and_rules(text) == [("Lee", "after"), ("Lee", "continuation")]


def test_a_name_ending_the_introduction_before_a_colon_speaks() -> None:
    text = "POLLS WERE NOT WRONG, JUST EARLY - Mark Blumenthal and Jon Cohen: “The polls simply ended too early.”"
    [q] = quoteattr.extract(text)
    assert q.speaker is not None and "Cohen" in q.speaker.text and q.rule == "colon"


def test_no_sentence_runs_on_into_the_next_paragraph() -> None:
    text = (
        "Donald Trump is keeping up his criticism of his rivals in the hours before the first polls close \n"
        "Trump, in Kentucky, said Tuesday that Rubio was “a total lightweight” and would lose the state."
    )
    [q] = quoteattr.extract(text)
    assert q.speaker is not None and q.speaker.text == "Trump" and q.speaker.start == text.index("\n") + 1


def test_a_dash_and_a_name_after_the_quote_sign_it() -> None:
    text = (
        "Readers wrote to us after the debate.\n"
        "“He represents our greatest shame.” ― Sonya Herridge\n"
        "“I cannot believe what I heard tonight.”\n\n- Pamela Padilla.\n"
    )
    assert speakers_and_rules(text) == [("Sonya Herridge", "dash"), ("Pamela Padilla", "dash")]


def test_a_name_tagged_as_an_adjective_still_speaks() -> None:
    text = "“It’s a good day for a bank robber, because everybody in town will show up,” Young said."
    [q] = quoteattr.extract(text)
    assert q.speaker is not None and q.speaker.text == "Young"


def test_a_dateline_dash_is_not_part_of_a_name() -> None:
    text = (
        "PHILADELPHIA ― Felicia Sanders, a survivor of the shooting, spoke on Monday.\n\n"
        "“No one should feel what I’ve seen,” she said."
    )
    [q] = quoteattr.extract(text)
    assert q.speaker is not None and q.speaker.name == "Felicia Sanders"


def test_a_partial_quote_in_a_participle_clause_belongs_to_the_sentence_subject() -> None:
    text = (
        "Romney went after Trump on Wednesday over his refusal thus far to release his taxes, "
        "calling it “disqualifying” and asserting that the only explanation must be “a bombshell of unusual size.”"
    )
    assert [q.speaker.text for q in quoteattr.extract(text)] == ["Romney", "Romney"]  # type: ignore[union-attr]
