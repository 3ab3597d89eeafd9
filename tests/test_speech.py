"""Speech, not just marks: cues without a comma, any speaker a verb of speaking has,
passive agents, and quotations nobody said (inscriptions, imagined words); single
marks end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quoteattr
from quoteattr.attribution import attribute
from quoteattr.cli import main
from quoteattr.document import Document
from quoteattr.quotes import find_quotes
from quoteattr.tokens import Sentence, Token


def speakers(text: str, **options: object) -> list[tuple[str, str | None]]:
    """Each quotation with its speaker mention (None when nobody said it)."""
    quotes = quoteattr.extract(text, include_unattributed=True, **options)  # type: ignore[arg-type]
    return [(q.text, q.speaker.text if q.speaker else None) for q in quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("She told reporters “we are ready.”", "She"),
        ("He wrote “enough.”", "He"),
        ("The coach told his players “nobody goes home early.”", "The coach"),
    ],
)
def test_cue_without_a_comma(text: str, speaker: str) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We are going to be late,” the driver said.", "the driver"),
        ("“Get out of the way,” the nurse shouted.", "the nurse"),
        ("“The bridge is closed,” a ferryman told us.", "a ferryman"),
    ],
)
def test_a_noun_the_lexicon_does_not_know_speaks_as_subject_of_a_verb_of_speaking(text: str, speaker: str) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The plan was condemned by the mayor as “reckless.”", "the mayor"),
        ("The proposal was described by the minister as “a disaster.”", "the minister"),
    ],
)
def test_a_passive_agent_speaks(text: str, speaker: str) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


def test_a_participle_s_speaker_is_the_subject_of_the_clause_above() -> None:
    # the parse a tagger gave a real article: "arguing" takes the subject of the clause it governs
    text = "Ann Lee spoke, arguing that the delay should be seen as “intolerable.”"
    rows = [
        ("Ann", "Ann", "PROPN", "NNP", 2, "nsubj"),
        ("Lee", "Lee", "PROPN", "NNP", 0, "flat"),
        ("spoke", "speak", "VERB", "VBD", -1, "root"),
        (",", ",", "PUNCT", ",", 4, "punct"),
        ("arguing", "argue", "VERB", "VBG", 2, "advcl"),
        ("that", "that", "SCONJ", "IN", 10, "mark"),
        ("the", "the", "DET", "DT", 7, "det"),
        ("delay", "delay", "NOUN", "NN", 4, "nsubj"),
        ("should", "should", "AUX", "MD", 10, "aux"),
        ("be", "be", "AUX", "VB", 10, "aux:pass"),
        ("seen", "see", "VERB", "VBN", 4, "ccomp"),
        ("as", "as", "ADP", "IN", 13, "case"),
        ("“", "“", "PUNCT", "``", 13, "punct"),
        ("intolerable", "intolerable", "ADJ", "JJ", 10, "obl"),
        (".", ".", "PUNCT", ".", 10, "punct"),
        ("”", "”", "PUNCT", "''", 10, "punct"),
    ]
    tokens, at = [], 0
    for i, (word, lemma, upos, xpos, head, deprel) in enumerate(rows):
        at = text.index(word, at)
        tokens.append(Token(i, word, at, at + len(word), lemma, upos, xpos, "", head, deprel))
        at += len(word)
    doc = Document(text, [Sentence(0, len(text), tuple(tokens))], find_quotes(text))
    [found] = attribute(doc)
    assert found.speaker is not None and doc.text[slice(*doc.span(found.speaker))] == "Ann Lee"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Critics shared footage of Governor Tom Reed asking, “Where is the money?”", "Governor Tom Reed"),
        ("The debate ended with Senator Mary Fox calling the plan “a disaster.”", "Senator Mary Fox"),
    ],
)
def test_a_participle_after_with_or_of_is_said_by_the_noun_before_it(text: str, speaker: str) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


def test_a_clause_of_time_or_cause_keeps_its_own_speaker() -> None:
    # "after she blamed …" reports her words, not those of the clause above
    text = "Dan Boyd called her a “liar” after she blamed the crisis on “bad luck.”"
    assert speakers(text) == [("“liar”", "Dan Boyd"), ("“bad luck.”", "she")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Dana Lee stated that Sam Cole would discuss his plan “in a few weeks.”", "Dana Lee"),
        ("Dana Lee said that Sam Cole called the plan “a disaster.”", "Sam Cole"),
    ],
)
def test_words_someone_is_yet_to_say_are_the_reporter_s(text: str, speaker: str) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


def test_a_second_verb_of_speaking_joined_to_a_passive_shares_the_first_s_subject() -> None:
    # the parse joins the second "said" to "published": what is published does not speak
    text = "Mayor Dana Cole said Monday that she thinks the report should be published but said “the question is when.”"
    assert [s for _, s in speakers(text)] == ["Mayor Dana Cole"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ann Lee was dozing, and as Dan Boyd went on about “how the system is rigged,” nobody listened.", "Dan Boyd"),
        ("Critics were furious. Ann Lee shot back, “We did nothing wrong.”", "Ann Lee"),
        ("Ann Lee talked about “a broken system” for an hour.", "Ann Lee"),
    ],
)
def test_verbs_that_speak_with_their_particle(text: str, speaker: str) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


def test_the_clause_that_ends_in_a_colon_introduces_the_quotation() -> None:
    text = (
        "With Democratic leaders increasingly worried about a lack of passion among young voters,"
        " President Dan Boyd is rolling out a new and more personal campaign message: “It’s about me.”"
    )
    assert [s for _, s in speakers(text)] == ["President Dan Boyd"]


def test_a_clause_of_time_after_a_quotation_does_not_say_it() -> None:
    assert speakers("“We won,” when Dan Boyd shouted at the crowd.") == [("“We won,”", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The banner read “Vote Yes.”",
        "The sign on the door said “Closed for the holidays.”",
        "Her new novel, “The Long Road Home,” came out on Tuesday.",
        "You will never hear him say “I was wrong.”",
        "I can’t imagine her saying “sorry.”",
    ],
)
def test_words_nobody_said_have_no_speaker(text: str) -> None:
    assert [s for _, s in speakers(text)] == [None]
    assert quoteattr.extract(text) == []


def test_single_marks_end_to_end() -> None:
    text = "‘We don’t expect the unions’ support,’ the minister said. ‘We will win it.’"
    assert speakers(text) == [
        ("‘We don’t expect the unions’ support,’", "the minister"),
        ("‘We will win it.’", "the minister"),
    ]
    assert speakers(text, marks="double") == []


def test_a_double_mark_paragraph_in_a_single_mark_text() -> None:
    text = "‘We agree,’ said Ann Lee.\n\nBo Chen said “no” twice.\n\n‘So do we,’ said Bo Chen."
    assert speakers(text) == [("‘We agree,’", "Ann Lee"), ("“no”", "Bo Chen"), ("‘So do we,’", "Bo Chen")]


def test_a_quotation_over_a_line_break_keeps_its_speaker() -> None:
    text = "“This quotation runs on\nover a line break,” said Ann Lee."
    assert speakers(text) == [("“This quotation runs on\nover a line break,”", "Ann Lee")]


def test_marks_option_is_checked() -> None:
    with pytest.raises(ValueError, match="marks must be one of"):
        quoteattr.Extractor(marks="curly")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="marks must be one of"):
        quoteattr.extract("“Hi,” she said.", marks=2)


def test_cli_marks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "‘Yes,’ said Ann Lee."}) + "\n", encoding="utf-8")
    assert main(["--jsonl", str(src)]) == 0
    assert [q["name"] for q in json.loads(capsys.readouterr().out)["quotes"]] == ["Ann Lee"]
    assert main(["--jsonl", str(src), "--marks", "double"]) == 0
    assert json.loads(capsys.readouterr().out)["quotes"] == []


def test_a_headline_quotation_has_no_speaker() -> None:
    text = "Mayor Tells Council: ‘We Will Not Back Down’\n\n‘We will not back down,’ the mayor told the council."
    assert speakers(text) == [("‘We Will Not Back Down’", None), ("‘We will not back down,’", "the mayor")]


def test_a_subheading_quotation_has_no_speaker() -> None:
    text = "“We are ready,” the mayor said on Monday.\n\n“Ready For Another Long Storm”\n\nThe city has sandbags."
    assert speakers(text) == [("“We are ready,”", "the mayor"), ("“Ready For Another Long Storm”", None)]


def test_a_transcript_turn_is_said_by_the_person_its_label_names() -> None:
    text = (
        "Senator Rosa Diaz spoke to host Tom Hale on Sunday.\n\n"
        '"HALE: Do you back the plan?\n\n"DIAZ: Yes, I do. It is a good plan.\n\n"HALE: Thank you, senator.'
    )
    quotes = quoteattr.extract(text)
    assert [(q.text, q.speaker.text if q.speaker else None, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("Do you back the plan?", "HALE", "Tom Hale"),
        ("Yes, I do. It is a good plan.", "DIAZ", "Rosa Diaz"),
        ("Thank you, senator.", "HALE", "Tom Hale"),
    ]
    assert {q.rule for q in quotes} == {"turn"}
    british = quoteattr.extract(text.replace('"', "'"), marks="single")
    assert [(q.text, q.speaker.name if q.speaker else None, q.rule) for q in british] == [
        ("Do you back the plan?", "Tom Hale", "turn"),
        ("Yes, I do. It is a good plan.", "Rosa Diaz", "turn"),
        ("Thank you, senator.", "Tom Hale", "turn"),
    ]
