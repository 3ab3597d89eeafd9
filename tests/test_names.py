"""Who is speaking: names, titles, nominals, pronouns and documents, end to end.

Every sentence here is made up for these tests.
"""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr.names import is_acronym, normalise


def _speaker(text: str, quote_start: str) -> quoteattr.Speaker:
    quotes = quoteattr.extract(text)
    found = next(q for q in quotes if q.text.startswith(quote_start))
    assert found.speaker is not None, quotes
    return found.speaker


def test_a_title_before_the_name_is_split_off() -> None:
    speaker = _speaker("“We will rebuild the bridge,” said Oregon Gov. Martha Quill on Tuesday.", "“We")
    assert speaker.name == "Martha Quill"
    assert speaker.title == "Oregon Gov."


def test_a_job_with_its_employer_before_the_name() -> None:
    text = "Harbor Freight campaign manager Tobias Renn said the numbers were “simply wrong.”"
    speaker = _speaker(text, "“simply")
    assert speaker.name == "Tobias Renn"
    assert speaker.title == "Harbor Freight campaign manager"


def test_apposition() -> None:
    text = "Lena Marsh, the treasurer of the Riverside Rowing Club, said, “The boathouse needs a new roof.”"
    speaker = _speaker(text, "“The boathouse")
    assert speaker.name == "Lena Marsh"
    assert speaker.title == "treasurer of the Riverside Rowing Club"


def test_relative_clause() -> None:
    text = (
        "The vote was close. Omar Feld, who is the director of the city zoo, spoke first.\n\n"
        "“We need the money,” Feld said."
    )
    speaker = _speaker(text, "“We need")
    assert speaker.name == "Omar Feld"
    assert speaker.title == "director of the city zoo"


def test_copula() -> None:
    text = "Priya Anand is the chief economist of the Lakeside Bank.\n\n“Rates will fall,” Anand said."
    speaker = _speaker(text, "“Rates")
    assert speaker.name == "Priya Anand"
    assert speaker.title is not None and "chief economist" in speaker.title


def test_possessive_title() -> None:
    text = "“No comment,” the company’s spokeswoman Ada Birch told reporters."
    speaker = _speaker(text, "“No comment")
    assert speaker.name == "Ada Birch"
    assert speaker.title is not None and "spokeswoman" in speaker.title
    assert speaker.text  # the mention itself


def test_a_party_label_in_brackets_is_neither_name_nor_title() -> None:
    text = "“This bill is a disgrace,” said Sen. Walter Brandt (I-Vt.)."
    speaker = _speaker(text, "“This bill")
    assert speaker.name == "Walter Brandt"
    assert speaker.title == "Sen."


def test_a_surname_two_people_share_goes_to_the_nearest_who_agrees_in_gender() -> None:
    text = (
        "Senator Paul Okafor and his wife, Mrs. Grace Okafor, arrived at the rally.\n\n"
        "Paul Okafor spoke about taxes for an hour.\n\n"
        "“We are going to win,” Okafor said."
    )
    assert _speaker(text, "“We are").name == "Paul Okafor"
    later = text + "\n\nMrs. Okafor smiled. “I am proud of him,” Mrs. Okafor said."
    assert _speaker(later, "“I am proud").name == "Grace Okafor"


def test_hyphenated_and_initialled_names_stay_whole() -> None:
    text = (
        "Anne-Marie Delacroix-Vega met T.J. Ormond on Friday.\n\n"
        "“The talks went well,” Delacroix-Vega said. “I disagree,” Ormond said."
    )
    assert _speaker(text, "“The talks").name == "Anne-Marie Delacroix-Vega"
    assert _speaker(text, "“I disagree").name == "T.J. Ormond"


def test_an_acronym_resolves_to_its_expansion() -> None:
    text = (
        "The Global Water Council released new figures on Monday.\n\n"
        "“Droughts are getting longer,” the GWC said in a statement."
    )
    assert _speaker(text, "“Droughts").name == "Global Water Council"


def test_a_nominal_resolves_to_the_person_whose_title_it_shares() -> None:
    text = "Rosa Ibarra, the mayor of Dunmore, opened the meeting.\n\n“We cannot wait any longer,” the mayor said."
    speaker = _speaker(text, "“We cannot")
    assert speaker.name == "Rosa Ibarra"
    assert speaker.title == "mayor of Dunmore"


def test_an_anonymous_nominal_stays_unnamed() -> None:
    text = "Rosa Ibarra, the mayor of Dunmore, opened the meeting.\n\n“Nobody asked us,” a local farmer said."
    assert _speaker(text, "“Nobody").name is None


def test_a_pronoun_takes_the_nearest_person_of_its_gender() -> None:
    text = "Mr. Hugo Lind met Ms. Tara Voss in the lobby. Voss handed him a folder.\n\n“This is everything,” she said."
    speaker = _speaker(text, "“This is")
    assert speaker.name == "Tara Voss"


def test_a_pronoun_takes_the_person_of_a_subject_pronoun_before_it() -> None:
    # "he" of the quote is whoever "he could not explain" is, not the woman named since
    text = (
        "Tom Hale, a spokesman, said the plan works. However, he could not explain why it was mentioned by "
        "Rosa Diaz in an interview.\n\n“We do not have the text yet,” he said."
    )
    assert _speaker(text, "“We do").name == "Tom Hale"


def test_of_two_subjects_as_near_a_pronoun_takes_the_main_clause_s() -> None:
    text = "Ann Voss said Rosa Diaz erred on the vote.\n\n“It was a mistake,” she said."
    assert _speaker(text, "“It was").name == "Ann Voss"


def test_a_person_just_introduced_with_a_title_is_as_near_as_a_subject() -> None:
    text = (
        "While Omar Reyes had a song, none was written for Diaz, which worries Tom Hale, president of the club."
        "\n\n“Nobody writes for her,” he said."
    )
    assert _speaker(text, "“Nobody").name == "Tom Hale"


def test_a_plural_noun_written_like_a_name_is_nobody_a_pronoun_means() -> None:
    text = (
        "Mia Lund runs the Springfield library. She joined a project called Women in Power, and her talk drew a"
        " crowd. She said she liked it.\n\n“We read more now,” she said."
    )
    assert _speaker(text, "“We read").name == "Mia Lund"


def test_a_document_resolves_to_its_author() -> None:
    text = "“Costs rose sharply,” the Northfield Transit Authority’s report said."
    assert _speaker(text, "“Costs").name == "Northfield Transit Authority"


def test_a_fragment_of_a_longer_name_is_never_a_name() -> None:
    text = "“The tax is unfair,” The New York Times wrote in an editorial."
    assert _speaker(text, "“The tax").name == "New York Times"


@pytest.mark.parametrize(("word", "expected"), [("IMF", True), ("F.B.I.", True), ("Obama", False), ("A", False)])
def test_acronyms(word: str, expected: bool) -> None:
    assert is_acronym(word) is expected


def test_normalise_splits_hyphens_and_drops_periods() -> None:
    assert normalise("Crouse-Mays, T.J.") == "crouse mays, t j"


def test_the_resolver_tells_the_gender_and_the_word_that_shows_it() -> None:
    from quoteattr.attribution import attribute
    from quoteattr.document import Document
    from quoteattr.loading import default_pipeline
    from quoteattr.parse import parse
    from quoteattr.quotes import find_quotes
    from quoteattr.resolve import resolve

    text = "Mrs. Ines Calder chairs the board.\n\n“We will vote today,” Calder said. “It is time,” she added."
    doc = Document(text, parse(text, default_pipeline()), find_quotes(text))
    [first, second] = resolve(doc, attribute(doc))
    assert first.name == second.name == "Ines Calder"
    assert first.gender == "female" and first.gender_evidence is not None
    assert text[slice(*first.gender_evidence)] == "Mrs."


def test_no_gender_without_a_word_that_shows_it() -> None:
    from quoteattr.attribution import attribute
    from quoteattr.document import Document
    from quoteattr.loading import default_pipeline
    from quoteattr.parse import parse
    from quoteattr.quotes import find_quotes
    from quoteattr.resolve import resolve

    text = "“We will vote today,” said Robin Calder, who chairs the board."
    doc = Document(text, parse(text, default_pipeline()), find_quotes(text))
    [only] = resolve(doc, attribute(doc))
    assert only.name == "Robin Calder"
    assert only.gender is None and only.gender_evidence is None


def test_a_bare_surname_goes_to_the_namesake_not_called_by_first_name() -> None:
    text = (
        "Sen. Arlo Quint endorsed the plan. Quint was booed, and his wife, Mira, left early. "
        "A photo of Mira Quint was shared.\n\n“I will not take it back,” Quint said."
    )
    assert _speaker(text, "“I will").name == "Arlo Quint"


def test_a_new_person_who_shares_a_surname_in_running_text() -> None:
    text = (
        "Dario Venn Holt was arrested on Friday.\n\nMaren Holt can be heard shouting that he was unarmed.\n\n"
        "“Please do not hurt him,” Maren Holt says."
    )
    assert _speaker(text, "“Please").name == "Maren Holt"


def test_a_name_the_tokenizer_splits_like_gonna_stays_whole() -> None:
    text = "“We are not done,” said Donna Ferreira, the party chairwoman."
    speaker = _speaker(text, "“")
    assert speaker.name == "Donna Ferreira" and speaker.text.startswith("Donna")


def test_the_role_set_before_the_name_in_apposition() -> None:
    text = "An attorney for the zoo, Petra Kolb, said, “The lease is valid.”"
    speaker = _speaker(text, "“The lease")
    assert (speaker.name, speaker.title) == ("Petra Kolb", "attorney for the zoo")


def test_a_dash_apposition() -> None:
    text = "Ivo Marsh — harbour master and ferry captain — said, “The boats are late.”"
    speaker = _speaker(text, "“The boats")
    assert speaker.name == "Ivo Marsh" and speaker.title is not None and "harbour master" in speaker.title


def test_an_apposition_after_the_place_a_name_is_of() -> None:
    text = "“The budget is short,” said Sen. Ada Wren of Maine, the committee's ranking Democrat."
    speaker = _speaker(text, "“The budget")
    assert speaker.name == "Ada Wren" and speaker.title == "committee's ranking Democrat"


def test_a_work_named_like_a_person_takes_no_title() -> None:
    text = (
        "Kall, co-editor of Debating The Donald, a book about debates, spoke.\n\n"
        "“He will attack,” said Donald Brenn, the campaign chairman."
    )
    speaker = _speaker(text, "“He will")
    assert speaker.name == "Donald Brenn" and speaker.title == "campaign chairman"


def test_a_role_that_refers_back_keeps_its_of_phrase_and_a_second_role() -> None:
    text = (
        "Mara Quill toured the plant.\n\n“We will rebuild,” the former governor of Ohio and current "
        "Democratic nominee said."
    )
    speaker = _speaker(text, "“We will")
    assert speaker.name == "Mara Quill"
    assert speaker.title == "former governor of Ohio and current Democratic nominee"


def test_a_bare_surname_stays_with_the_first_of_two_namesakes() -> None:
    text = (
        "Rep. Bram Tolliver spoke at the rally on Monday.\n\n"
        "Sen. Cade Tolliver of Ohio, who is no relation, spoke too.\n\n"
        "“We need the plant,” Tolliver said."
    )
    assert _speaker(text, "“We need").name == "Bram Tolliver"


def test_a_nickname_in_quotation_marks_is_part_of_the_full_name() -> None:
    text = 'The seat has been held by Rep. Roland T. "Buddy" Marsh since 1993.\n\n“I will run again,” Marsh said.'
    name = _speaker(text, "“I will").name
    assert name is not None and name.startswith("Roland T.") and name.endswith('"Buddy" Marsh')


@pytest.mark.parametrize("text", ['V/"', "“We won,” said V.", "“We won,” said Jr. and V."])
def test_a_suffix_alone_names_nobody_and_breaks_nothing(text: str) -> None:
    # found by the property test: "V" normalises to no name words at all
    for quote in quoteattr.extract(text):
        assert quote.speaker is None or quote.speaker.name != ""


def test_a_role_a_speaker_s_title_fits_is_theirs_not_the_last_speaker_s() -> None:
    text = (
        "President Dan Boyd answered a mother by saying the issue was “manufactured.”\n\n"
        "At a town hall, Ann Lee had a question for the president.\n\n"
        "“My son gave his life,” she said.\n\n"
        "“The truth is that this is an issue,” the president said."
    )
    lee, boyd = _speaker(text, "“My son"), _speaker(text, "“The truth")
    assert (lee.name, lee.title) == ("Ann Lee", None)
    assert (boyd.name, boyd.title) == ("Dan Boyd", "President")


def test_the_owner_in_a_description_is_not_the_person_named_after_it() -> None:
    text = "The senator’s former doctor has written a book.\n\n“She did have a pain in her calf,” Connie Marsh wrote."
    assert _speaker(text, "“She").title != "senator"


def test_a_name_in_a_clause_beside_the_pronoun_is_farther_than_the_speaker_before() -> None:
    text = (
        "“We will win,” Ann Lee said on Sunday.\n\n"
        "“That is a fair concern,” Rosa Diaz, 69, told reporters on Monday when asked about voters who would not"
        " back Lee.\n\n"
        "“I think voters will decide,” she said. “But many are tired.”\n\n"
        "Asked about her own vote in the event that Lee faces Dan Boyd, who has insulted women, she replied:"
        " “I don’t know.”"
    )
    assert _speaker(text, "“I don’t").name == "Rosa Diaz"


def test_a_pronoun_in_a_name_s_own_phrase_is_that_person_s() -> None:
    text = (
        "For Senator Marco Reyes it is never too late to pick up another endorsement.\n\n"
        "The latest is Rep. Joe Wilson, the Ohio congressman who gained national attention in 2009 when he"
        " yelled “You lie!” at the president during a speech."
    )
    assert _speaker(text, "“You lie").name == "Joe Wilson"
