"""Who gets quoted: each speaker's kind and the gender the article shows, and the sources table.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import quoteattr
from quoteattr.cli import main
from quoteattr.document import Document
from quoteattr.gender import bound_genders, pronoun_antecedents
from quoteattr.records import Quote, Span, Speaker
from quoteattr.sources import Source
from quoteattr.speakers import Registry
from quoteattr.tokens import Sentence, Token


def _parsed(text: str, rows: list[tuple[str, str, int, str]]) -> Document:
    """A one-sentence document with the parse given: (word, upos, head, deprel) per word."""
    tokens, at = [], 0
    for i, (word, upos, head, deprel) in enumerate(rows):
        at = text.index(word, at)
        tokens.append(Token(i, word, at, at + len(word), word, upos, "", "", head, deprel))
        at += len(word)
    return Document(text, [Sentence(0, len(text), tuple(tokens))], [])


def _speaker(text: str, said: str) -> Speaker:
    """The speaker of the quote of ``text`` that starts with ``said``."""
    [quote] = [q for q in quoteattr.extract(text) if q.text.startswith(said)]
    assert quote.speaker is not None
    return quote.speaker


# ------------------------------------------------------------------ kinds
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("“We will not back down,” Jane Smith, the mayor of Springfield, said.", "person"),
        ("“The rates stay where they are,” the Federal Reserve said on Wednesday.", "organisation"),
        ("“Demand fell for a third month,” the report said.", "document"),
        ("“I voted for change,” a voter in Dayton said.", "unnamed_person"),
        ("“This plan is a giveaway,” critics said.", "unnamed_group"),
        (
            "“The talks went nowhere,” said a senior official, who spoke on condition of anonymity because he was "
            "not authorized to speak publicly.",
            "anonymous",
        ),
    ],
)
def test_each_kind_of_source(text: str, kind: str) -> None:
    assert _speaker(text, "“").kind == kind


@pytest.mark.parametrize(
    ("before", "name", "kind"),
    [
        ("The Springfield City Council voted on Monday.", "Springfield City Council", "organisation"),
        ("Hundreds of farmers marched on Monday.", None, "unnamed_group"),
    ],
)
def test_they_is_the_organisation_it_stands_for_else_a_group(before: str, name: str | None, kind: str) -> None:
    speaker = _speaker(before + "\n\n“We will fix the road,” they said.", "“We")
    assert (speaker.name, speaker.kind) == (name, kind)


def test_a_person_named_after_an_organisation_s_acronym_is_a_person() -> None:
    # the speaker mention stops inside "AFL-CIO"; the name the resolver finds is a person's
    speaker = _speaker("Ohio AFL-CIO President Dana Rusk said, “We will strike.”", "“")
    assert (speaker.name, speaker.kind) == ("Dana Rusk", "person")


def test_a_source_familiar_with_the_talks_is_anonymous() -> None:
    text = "“Nobody expected a deal this week,” a person familiar with the negotiations said."
    speaker = _speaker(text, "“")
    assert speaker.kind == "anonymous" and speaker.anonymous


def test_a_document_the_article_makes_the_source() -> None:
    text = "The committee released its findings on Monday. “The agency failed to act,” the letter said."
    speaker = _speaker(text, "“")
    assert speaker.kind == "document" and speaker.gender is None


def test_a_named_organisation_is_no_person() -> None:
    text = "“We stand by our reporting,” the Daily Courier said in a statement."
    speaker = _speaker(text, "“")
    assert speaker.kind == "organisation" and speaker.gender is None


def test_an_organisation_named_in_full_elsewhere_is_no_person_by_its_short_name() -> None:
    text = "The fund was a spinoff of the mining giant Ridge Energy. “We are fine,” Ridge said in a statement."
    speaker = _speaker(text, "“")
    assert speaker.name == "Ridge Energy" and speaker.kind == "organisation"


# ------------------------------------------------------------------ gender
def test_gender_from_the_speakers_own_pronoun() -> None:
    text = "Dana Whitfield runs the clinic.\n“We need more nurses,” she said."
    speaker = _speaker(text, "“")
    assert speaker.gender == "female" and speaker.name == "Dana Whitfield"
    assert speaker.gender_evidence == Span("she", text.index("she"), text.index("she") + 3)


def test_gender_from_a_pronoun_elsewhere_holds_for_every_quote() -> None:
    text = "“The bridge will open in May,” said Robin Castell. “It is on budget,” Castell added, and he smiled."
    quotes = quoteattr.extract(text)
    assert [q.speaker.gender for q in quotes if q.speaker] == ["male", "male"]
    evidence = quotes[0].speaker.gender_evidence if quotes[0].speaker else None
    assert evidence is not None and evidence.text == "he"


def test_gender_from_an_honorific() -> None:
    text = "“The vote was fair,” said Ms. Avery Lund."
    speaker = _speaker(text, "“")
    assert speaker.gender == "female" and speaker.gender_evidence is not None
    assert speaker.gender_evidence.text == "Ms."


def test_gender_from_an_honorific_inside_a_quotation() -> None:
    # a block quote of another paper: "Mrs. Price" is still the article's word for her
    text = "“We are done,” said Dale Price.\n\nThe Gazette wrote: “Mrs. Price has never lost a vote.”"
    speaker = _speaker(text, "“We")
    assert speaker.gender == "female" and speaker.gender_evidence is not None
    assert speaker.gender_evidence.text == "Mrs"


def test_gender_from_a_gendered_noun() -> None:
    text = "“The numbers are wrong,” said Leslie Park, a spokeswoman for the union."
    speaker = _speaker(text, "“")
    assert speaker.gender == "female"
    assert speaker.gender_evidence is not None and speaker.gender_evidence.text == "spokeswoman"


def test_gender_of_an_unnamed_person_from_a_noun() -> None:
    text = "“We have waited for years,” said a man who lives near the plant."
    speaker = _speaker(text, "“")
    assert (speaker.kind, speaker.gender) == ("unnamed_person", "male")


def test_a_first_name_gives_no_gender() -> None:
    text = "“The school needs a new roof,” said Mary Johnson, the head of the parents' council."
    speaker = _speaker(text, "“")
    assert speaker.name == "Mary Johnson" and speaker.gender is None and speaker.gender_evidence is None


def test_chairman_is_a_title_that_shows_no_gender() -> None:
    # written for women too ("Chairman Janet Yellen"), unlike "congressman" or "spokeswoman"
    speaker = _speaker("Budget Committee Chairman Dale Price said “we are done.”", "“we")
    assert speaker.name == "Dale Price" and speaker.gender is None


def test_a_pronoun_that_belongs_to_someone_else() -> None:
    text = "“The deal is good,” said Kim Oduya. Paul Grant disagreed, and he said the deal came too late."
    speaker = _speaker(text, "“")
    assert speaker.name == "Kim Oduya" and speaker.gender is None


def test_gender_from_a_sentence_that_names_one_person_far_from_the_quotes() -> None:
    # the pronoun's sentence quotes nothing and is far from the quotations
    filler = "The council met on Monday. " * 12
    text = (
        f"“The library stays open,” said Jordan Vail.\n\n{filler}\n\n"
        f"Vail said last year that she would retire.\n\n{filler}\n\n“We found the money,” Vail said."
    )
    genders = {q.speaker.gender for q in quoteattr.extract(text) if q.speaker}
    assert genders == {"female"}


def test_gender_from_a_pronoun_tied_to_a_description_that_speaks() -> None:
    text = (
        "Dana Pell toured the flooded plant on Monday.\n\n"
        "“We will rebuild it,” the former governor of Ohio said, adding that she would return.\n\n"
        "“It is a good day,” Pell said."
    )
    quotes = quoteattr.extract(text)
    assert [(q.speaker.name, q.speaker.gender) for q in quotes if q.speaker] == [
        ("Dana Pell", "female"),
        ("Dana Pell", "female"),
    ]


def test_gender_from_a_pronoun_that_takes_up_the_last_subject() -> None:
    text = (
        "“The plan works,” said Rosa Lind.\n\nLind said Pane had done well in the talks.\n\n"
        "“It was a fair deal,” she said."
    )
    first = _speaker(text, "“The plan")
    assert (first.name, first.gender) == ("Rosa Lind", "female")


def test_a_pronoun_after_a_quote_of_several_sentences_takes_up_who_spoke_before_it() -> None:
    text = "“We will win,” Rosa Diaz said. “The team is ready. The fans are ready. We are ready,” she continued."
    speaker = _speaker(text, "“We will")
    assert speaker.gender == "female" and speaker.gender_evidence is not None
    assert speaker.gender_evidence.text == "she"


def test_a_title_in_two_parts_is_one_person_for_a_pronoun() -> None:
    # "state" is part of the title and "senator" joined by "and" is the same person: "she" is hers
    text = "“It is time,” the secretary of state and former senator said, adding that she would go."
    speaker = _speaker(text, "“It is")
    assert speaker.gender == "female"


def test_a_party_label_after_a_name_is_no_second_person() -> None:
    # "(D-Mass.)" is the senator's own label: the "He" of the next sentence is still his
    text = (
        "However, Sen. Paul Orbin (D-Mass.) said the law does not require it. He said he was not worried.\n\n"
        "“It is going nowhere,” Orbin said."
    )
    speaker = _speaker(text, "“It is")
    assert (speaker.name, speaker.gender) == ("Paul Orbin", "male")
    assert speaker.gender_evidence is not None and speaker.gender_evidence.text.lower() == "he"


def test_gender_from_the_first_sentence_after_a_dateline() -> None:
    text = (
        "WASHINGTON, June 10 (UPI) — Presumptive nominee Mara Quill told a rally in Ohio she will fight on.\n\n"
        "“We are not done,” Quill said."
    )
    speaker = _speaker(text, "“We are")
    assert (speaker.name, speaker.gender) == ("Mara Quill", "female")


def test_a_possessive_inside_a_subject_is_the_speaker_s_above_it() -> None:
    # "his" is inside "his wife", the subject of "was": the clause above, "Vane said", tells whose
    text = (
        "In Ohio on Tuesday, former mayor Tom Vane said his wife was the best candidate in years.\n\n"
        "“She will win,” Vane said."
    )
    speaker = _speaker(text, "“She")
    assert (speaker.name, speaker.gender) == ("Tom Vane", "male")
    assert speaker.gender_evidence is not None and speaker.gender_evidence.text == "his"


def test_a_person_named_inside_the_subject_does_not_stand_between_it_and_a_pronoun() -> None:
    # Paglia is inside the subject "An attorney for Paglia, Mark Dugal": "his" is still Dugal's
    text = (
        "“It is a ploy,” said Rep. Bryan Paglia.\n\n"
        "An attorney for Paglia, Mark Dugal, stressed that his client was ready to appear.\n\n"
        "“The vote was for show,” Dugal said."
    )
    speaker = _speaker(text, "“The vote")
    assert (speaker.name, speaker.gender) == ("Mark Dugal", "male")


def test_a_pronoun_finds_the_person_under_a_weekday_the_parse_made_the_subject() -> None:
    # the parse as the bundled models give it on such openings: "Wednesday" is the subject
    # of "discussed", and the senator hangs under it
    text = "Wednesday on CNN, Rep. Tom Marlo discussed a bill he was writing."
    rows = [
        ("Wednesday", "PROPN", 7, "nsubj"),
        ("on", "ADP", 2, "case"),
        ("CNN", "PROPN", 0, "nmod"),
        (",", "PUNCT", 4, "punct"),
        ("Rep.", "PROPN", 2, "conj"),
        ("Tom", "PROPN", 4, "flat"),
        ("Marlo", "PROPN", 4, "flat"),
        ("discussed", "VERB", -1, "root"),
        ("a", "DET", 9, "det"),
        ("bill", "NOUN", 7, "obj"),
        ("he", "PRON", 12, "nsubj"),
        ("was", "AUX", 12, "aux"),
        ("writing", "VERB", 9, "acl:relcl"),
        (".", "PUNCT", 7, "punct"),
    ]
    doc = _parsed(text, rows)
    found = pronoun_antecedents(doc)[(0, 10)]
    assert [w.text for w in doc.words(found)] == ["Rep.", "Tom", "Marlo"]


def test_the_subject_of_the_verb_a_pronoun_is_object_of_stands_between_nobody() -> None:
    # Birch picks "him", so Birch is not "him": the speaker of the sentence is
    text = "Ned Garlo said that if Sen. Tom Birch picked him, he would accept.\n\n“It works,” Garlo said."
    speaker = _speaker(text, "“It works")
    assert (speaker.name, speaker.gender) == ("Ned Garlo", "male")


def test_a_possessive_joined_to_a_name_is_that_person_s() -> None:
    text = "The agency had not spoken with Sam Tolle or his staff about the plan.\n\n“We are ready,” Tolle said."
    speaker = _speaker(text, "“We are")
    assert (speaker.name, speaker.gender) == ("Sam Tolle", "male")


def test_a_surname_two_speakers_share_ties_a_pronoun_to_the_one_the_registry_gives_it() -> None:
    # "Vole" alone is Jed Vole, named just before; Gary Vole spoke long before
    filler = "The council met on Monday. " * 100
    text = (
        f"“We will win,” said Gary Vole, the party's nominee.\n\n{filler}\n\n"
        "Security Secretary Jed Vole says hackers are busy. Vole did not name a state in his remarks.\n\n"
        "“It is serious,” Vole said.\n\n“We are ready,” Jed Vole told reporters."
    )
    speakers = [q.speaker for q in quoteattr.extract(text) if q.speaker]
    assert [(s.name, s.gender) for s in speakers] == [("Gary Vole", None), ("Jed Vole", "male"), ("Jed Vole", "male")]


def test_a_person_owning_a_noun_binds_a_pronoun_inside_it() -> None:
    text = "Critics cited Ned Orr's inclusion of it in his platform."
    rows = [
        ("Critics", "NOUN", 1, "nsubj"),
        ("cited", "VERB", -1, "root"),
        ("Ned", "PROPN", 5, "nmod:poss"),
        ("Orr", "PROPN", 2, "flat"),
        ("'s", "PART", 2, "case"),
        ("inclusion", "NOUN", 1, "obj"),
        ("of", "ADP", 7, "case"),
        ("it", "PRON", 5, "nmod"),
        ("in", "ADP", 10, "case"),
        ("his", "PRON", 10, "nmod:poss"),
        ("platform", "NOUN", 5, "nmod"),
        (".", "PUNCT", 1, "punct"),
    ]
    found = pronoun_antecedents(_parsed(text, rows))[(0, 9)]
    assert found.head == 2  # Ned Orr


@pytest.mark.parametrize(("noun", "gender"), [("spokesman", "male"), ("spokeswoman", "female")])
def test_gender_from_a_gendered_noun_in_a_title_before_the_name(noun: str, gender: str) -> None:
    # the noun is inside the title "Clinton campaign spokesman", not just before the name
    text = f"Clinton campaign {noun} Brian Vell responded on Twitter, calling the charge “pathetic” and “dangerous.”"
    speaker = _speaker(text, "“pathetic")
    assert speaker.gender == gender and speaker.gender_evidence is not None
    assert speaker.gender_evidence.text == noun == text[speaker.gender_evidence.start : speaker.gender_evidence.end]


def test_a_gendered_noun_in_an_apposed_title_is_the_evidence_word_itself() -> None:
    # the title "spokeswoman for the port authority" drops the "a" its claim starts at
    text = "Rosa Delgado, a spokeswoman for the port, said it would reopen.\n\n“We are ready,” Delgado said."
    evidence = _speaker(text, "“We are").gender_evidence
    assert evidence is not None and evidence.text == text[evidence.start : evidence.end] == "spokeswoman"


def test_a_pronoun_for_the_person_an_aide_works_for_is_not_the_aide_s() -> None:
    text = (
        "“It went well,” said Mona Lind.\n\n"
        "Erin Vale, a former Lind aide who went with her to Rome, said the talks were hard."
        " “They were long,” Vale said."
    )
    speaker = _speaker(text, "“They were")
    assert speaker.name == "Erin Vale" and speaker.gender is None


def test_a_he_before_anyone_else_is_named_is_the_one_who_opens_the_sentence() -> None:
    text = (
        "“We are done,” said Dale Price after meeting Omar Reyes.\n\nThe vote is on Friday.\n\n"
        "Price insisted he has questions for Reyes.\n\nThe hall was full.\n\n“It is late,” said Reyes."
    )
    speaker = _speaker(text, "“We")
    assert speaker.gender == "male" and speaker.gender_evidence is not None
    assert speaker.gender_evidence.text == "he"


def test_a_he_in_what_someone_tells_another_is_the_teller_s() -> None:
    text = (
        "Longtime pollster Omar Reyes told radio host Tom Hale on Thursday how surprised he is that turnout"
        " has been so low.\n\n“One of the things I see is fatigue,” said Reyes."
    )
    speaker = _speaker(text, "“One")
    assert speaker.name == "Omar Reyes" and speaker.gender == "male"


def test_a_pronoun_inside_a_description_of_the_subject_is_someone_else_s() -> None:
    # "her" of "her rival" is not Hale's; the "he" after is
    text = (
        "Rosa Diaz toured the plant on Monday.\n\n"
        "Omar Reyes, her Republican rival, bemoaned the unrest in Dayton and said he thought that fear was a"
        " “very, very big factor” in the vote."
    )
    speaker = _speaker(text, "“very")
    assert speaker.name == "Omar Reyes" and speaker.gender == "male"


def test_a_sentence_with_another_person_shows_no_gender() -> None:
    text = "“The library stays open,” said Jordan Vail. Vail thanked Casey Brook for his help."
    speaker = _speaker(text, "“")
    assert speaker.name == "Jordan Vail" and speaker.gender is None


def test_a_he_that_opens_a_sentence_before_a_name_goes_on_in_the_next() -> None:
    # the second "He" is the first's, Clarke's, not the man named between them
    text = (
        "Mr. Clarke bought the mines. He took over the debts of Dale Ridge. He also bought a plant."
        " “We are fine,” said Dale Ridge."
    )
    speaker = _speaker(text, "“")
    assert speaker.name == "Dale Ridge" and speaker.gender is None


def test_a_possessive_in_a_description_of_the_subject_is_the_person_before() -> None:
    text = (
        "“We will rebuild,” Robin Hale said. Hale plans to visit the town on Sunday."
        " Dan Boyd, her opponent, said the plan was “a fantasy.”"
    )
    hale, boyd = (q.speaker for q in quoteattr.extract(text))
    assert hale is not None and boyd is not None
    assert (hale.name, hale.gender) == ("Robin Hale", "female") and hale.gender_evidence == Span("her", 86, 89)
    assert (boyd.name, boyd.gender) == ("Dan Boyd", None)


def test_a_word_for_someone_else_before_a_name_shows_nothing() -> None:
    text = "The businessman spoke of Robin Hale, and “Hale will win,” said Hale’s aide."
    quotes = quoteattr.extract(text)
    assert all(q.speaker is None or q.speaker.name != "Robin Hale" or q.speaker.gender is None for q in quotes)


# ------------------------------------------------------------------ records
def test_speaker_round_trips_with_kind_and_gender() -> None:
    speaker = Speaker(
        "she", 10, 13, name="Ann Lee", kind="person", gender="female", gender_evidence=Span("she", 10, 13)
    )
    assert Speaker.from_dict(json.loads(json.dumps(speaker.to_dict()))) == speaker
    quote = Quote("“Hi”", 0, 4, speaker=speaker)
    assert Quote.from_dict(quote.to_dict()) == quote


def test_speaker_refuses_what_is_no_kind_or_gender() -> None:
    with pytest.raises(ValueError, match="kind"):
        Speaker("it", 0, 2, kind="company")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="gender"):
        Speaker("he", 0, 2, gender="m")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="gender_evidence needs a gender"):
        Speaker("he", 0, 2, gender_evidence=Span("he", 0, 2))


# ------------------------------------------------------------------ sources
ARTICLE = (
    "Dana Whitfield, the director of the clinic, said the wait had doubled.\n"
    "“We need more nurses,” she said. “We cannot keep up.”\n"
    "“The budget is fixed,” the health department said.\n"
    "“I waited six hours,” a nurse said."
)


def test_sources_counts_quotes_words_and_cues() -> None:
    sources = quoteattr.extract(ARTICLE).sources()
    assert [(s.name or s.speaker, s.kind, s.quotes) for s in sources] == [
        ("Dana Whitfield", "person", 2),
        ("the health department", "organisation", 1),
        ("a nurse", "unnamed_person", 1),
    ]
    dana = sources[0]
    assert dana.words == 8 and dana.gender == "female" and dana.cues == ("said",)
    assert dana.title == "director of the clinic" and dana.first == ARTICLE.index("“We need")
    assert sum(s.share for s in sources) == pytest.approx(1.0)
    assert Source.from_dict(json.loads(json.dumps(dana.to_dict()))) == dana


def test_sources_table_per_article_and_across_articles() -> None:
    pd = pytest.importorskip("pandas")
    results = list(quoteattr.extract_many([ARTICLE, "“No comment,” said Ray Olin."]))
    table = results[0].sources().to_table()
    assert isinstance(table, pd.DataFrame) and list(table["quotes"]) == [2, 1, 1]
    archive = quoteattr.sources_table(results, ids=["clinic", "olin"])
    assert list(archive["id"]) == ["clinic", "clinic", "clinic", "olin"]
    assert archive.groupby("id")["share"].sum().round(6).tolist() == [1.0, 1.0]


def test_seed_sources_are_its_six_speakers(seed_quotes: quoteattr.Quotes) -> None:
    sources = seed_quotes.sources()
    counts = {s.name: s.quotes for s in sources}
    assert counts == {
        "Biden administration": 1,
        "Blinken": 2,
        "Lavrov": 2,
        "Dmytro Kuleba": 1,
        "Michael Kofman": 3,
        "Denis Pushilin": 1,
    }
    kinds = {s.name: (s.kind, s.gender) for s in sources}
    assert kinds["Biden administration"] == ("organisation", None)
    assert kinds["Michael Kofman"] == ("person", "male") and kinds["Denis Pushilin"] == ("person", "male")
    assert all(kinds[n] == ("person", None) for n in ("Blinken", "Lavrov", "Dmytro Kuleba"))


def test_html_legend_shows_kind_and_gender_and_marks_anonymous() -> None:
    text = (
        "“We need more nurses,” said Dana Whitfield. She runs the clinic.\n"
        "“The wait is long,” said an official who spoke on condition of anonymity."
    )
    html = quoteattr.extract(text).to_html()
    assert 'data-kind="person" data-gender="female"' in html
    assert 'class="qa-anonymous"' in html and 'data-kind="anonymous"' in html


# ------------------------------------------------------------------ command line
def test_cli_jsonl_has_kind_and_gender_and_writes_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "clinic", "text": ARTICLE}) + "\n", encoding="utf-8")
    for name in ("sources.csv", "sources.jsonl"):
        assert main(["--jsonl", str(src), "--sources", str(tmp_path / name)]) == 0
        [line] = capsys.readouterr().out.splitlines()
        quotes = json.loads(line)["quotes"]
        assert {"kind", "gender"} <= set(quotes[0]) and quotes[0]["kind"] == "person"
    with open(tmp_path / "sources.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["id"], r["kind"], r["quotes"]) for r in rows] == [
        ("clinic", "person", "2"),
        ("clinic", "organisation", "1"),
        ("clinic", "unnamed_person", "1"),
    ]
    lines = (tmp_path / "sources.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["gender"] for line in lines] == ["female", None, None]


def test_a_speaker_s_words_about_themselves_show_their_gender() -> None:
    text = "“As a mother of three, I worry about the schools,” Dana Whitfield said."
    speaker = _speaker(text, "“")
    assert speaker.gender == "female"
    assert speaker.gender_evidence == Span("mother", text.index("mother"), text.index("mother") + 6)


def test_a_gendered_noun_in_a_quote_about_someone_else_shows_nothing() -> None:
    text = "“Mine will be remembered as a man who cared,” Ann Lee said."
    assert _speaker(text, "“").gender is None


def test_pronouns_the_parse_binds_to_a_name_keep_the_other_gender_from_them() -> None:
    # the sentence names two people, so the registry's own reading of it shows nothing
    text = "Tom Marlo told Ann Lee about his speech."
    rows = [
        ("Tom", "PROPN", 2, "nsubj"),
        ("Marlo", "PROPN", 0, "flat"),
        ("told", "VERB", -1, "root"),
        ("Ann", "PROPN", 2, "obj"),
        ("Lee", "PROPN", 3, "flat"),
        ("about", "ADP", 7, "case"),
        ("his", "PRON", 7, "nmod:poss"),
        ("speech", "NOUN", 2, "obl"),
        (".", "PUNCT", 2, "punct"),
    ]
    doc = _parsed(text, rows)
    registry = Registry(doc)
    bound_genders(doc, registry)
    marlo, lee = registry.people
    assert lee.bound_gender is None
    # enough to keep "she" from him; the answer for him still needs a tie to his quotes
    assert marlo.bound_gender == "male" and marlo.gender is None


def test_a_description_of_someone_else_before_a_name_keeps_their_pronoun_from_it() -> None:
    text = (
        "The Vermont senator won the caucuses, beating rival Ann Lee in his fourth win of the night.\n\n"
        "“We will fight on,” Lee said."
    )
    speaker = _speaker(text, "“")
    assert (speaker.name, speaker.title, speaker.gender) == ("Ann Lee", None, None)


def test_a_pronoun_in_a_relative_clause_of_the_name_is_its_own() -> None:
    text = "The senator also pressed Dan Boyd, who was questioned over his bank’s conduct.\n\n“I am sorry,” Boyd said."
    speaker = _speaker(text, "“")
    assert speaker.name == "Dan Boyd" and speaker.gender == "male"
