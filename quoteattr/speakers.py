"""Speakers: one registry per document of the people and organisations it names.

Name coreference builds it from :mod:`quoteattr.names`: a full name opens a
record, or joins the record whose name it contains or extends; a single word ("Cruz",
"Donna", "IMF") then joins the record it matches that is mentioned nearest, one that
agrees in gender first ("Mrs. Cruz" is not Ted Cruz); an acronym joins the name whose
initials it spells. Each record keeps its fullest name, its title (the one attached
to the first full-name mention, else the first anywhere) and the gender the article
shows for it, with the word that shows it.
"""

from __future__ import annotations

import bisect

import attrs
import regex

from .document import Document, is_headline
from .lexicon import (
    FUNCTION_WORDS,
    GENDERED_NOUNS,
    HONORIFICS,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    PRONOUN_GENDERS,
    TIME_NAMES,
    TITLE_ABBREVIATIONS,
    TITLE_NOUNS,
)
from .names import NameMention, is_acronym, name_mentions, normalise
from .titles import PRIORITY, WEAK, TitleClaim, title_claims

__all__ = ["Person", "Registry"]

_GENDER = {"m": "male", "f": "female"}
_NOT_INITIALS = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "&"})
# A name introduced this far after the mention (in characters) may still be whom it means.
_AHEAD_PENALTY = 5_000


@attrs.define
class Person:
    """One person or organisation: its fullest name and every mention of it."""

    name: str
    words: tuple[str, ...]
    mentions: list[int] = attrs.Factory(list)  # indices into Registry.names, in text order
    starts: list[int] = attrs.Factory(list)  # their character offsets
    title: str | None = None
    gender: str | None = None
    gender_evidence: tuple[int, int] | None = None
    # the gender of the pronouns the parse binds to the name ("Lee … his speech"): enough to
    # keep a pronoun of the other gender from them, not to answer for them
    bound_gender: str | None = None

    @property
    def is_organisation(self) -> bool:
        return bool(self.words) and (self.words[-1] in ORGANISATION_WORDS or is_acronym(self.name))

    def show_gender(self, gender: str | None, evidence: tuple[int, int]) -> None:
        """Record the first word that shows the person's gender."""
        if gender and self.gender is None:
            self.gender, self.gender_evidence = gender, evidence

    def nearest(self, offset: int) -> int:
        """How far, in characters, the nearest mention before ``offset`` is (or, at a
        cost, the first after it)."""
        k = bisect.bisect_right(self.starts, offset)
        if k > 0:
            return offset - self.starts[k - 1]
        return _AHEAD_PENALTY + self.starts[0] - offset if self.starts else 10**9


class Registry:
    """The people and organisations of one document, from its parsed sentences."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.names: list[NameMention] = list(name_mentions(doc))
        self.people: list[Person] = []
        self.person_of_name: dict[int, Person] = {}
        # the text this document's parsed sentences span (one window of a long text)
        self._span = (doc.sentences[0].start, doc.sentences[-1].end) if doc.sentences else (0, 0)
        self._raw = _raw_sentences(doc.text, *self._span)
        self._raw_starts = [start for start, _ in self._raw]
        self._full_words = {w for n in self.names if len(n.words) >= 2 and not is_acronym(n.text) for w in n.words}
        self._single_words = {w for n in self.names for w in n.words}
        self._sentence_gender_of: dict[int, tuple[str | None, tuple[int, int]]] = {}  # linking and showing ask
        self._at: dict[tuple[int, int], int] = {
            (n.sent, i): k for k, n in enumerate(self.names) for i in range(n.first, n.last + 1)
        }
        claims = title_claims(doc, self.names)
        self._claims: dict[int, list[TitleClaim]] = {}
        for claim in claims:
            self._claims.setdefault(claim.name, []).append(claim)
        single: list[int] = []
        for k, name in enumerate(self.names):
            if len(name.words) >= 2 and not is_acronym(name.text):
                self._link_full(k)
            else:
                single.append(k)
        for k in single:
            self._link_single(k)
        self._pronoun_genders()
        self._sentence_genders()
        for person in self.people:
            person.title = self._title(person)
            person.name = _with_initials(doc.text, person.name)
            if is_acronym(person.name) and len(person.words) == 1:
                person.name = _spelt_out(doc.text, person.name) or person.name

    # ------------------------------------------------------------- lookups
    def name_at(self, sent: int, index: int) -> int | None:
        """The name mention that holds token ``index`` of sentence ``sent``."""
        return self._at.get((sent, index))

    def add(self, name: NameMention) -> Person:
        """The person of a name found outside the registry's own mentions (a speaker
        mention the parse put elsewhere); it joins as a single word would."""
        self.names.append(name)
        k = len(self.names) - 1
        if len(name.words) >= 2:
            self._link_full(k)
        else:
            self._link_single(k)
        return self.person_of_name[k]

    # ------------------------------------------------------------- linking
    def _join(self, k: int, person: Person) -> None:
        name = self.names[k]
        at = bisect.bisect_left(person.starts, name.start)
        person.starts.insert(at, name.start)
        person.mentions.insert(at, k)
        self.person_of_name[k] = person
        if len(name.words) > len(person.words) and not is_acronym(name.text):
            person.name, person.words = name.text, name.words
        gender, evidence = self._gender_shown(k)
        person.show_gender(gender, evidence)

    def _new(self, k: int) -> None:
        name = self.names[k]
        person = Person(name.text, name.words)
        self.people.append(person)
        self._join(k, person)

    def _link_full(self, k: int) -> None:
        words = self.names[k].words
        for person in reversed(self.people):
            known = person.words
            if known[-1] == words[-1] and (set(words) <= set(known) or set(known) <= set(words)):
                self._join(k, person)
                return
        # "Derelict Obama" at the start of a headline, where every word is capitalised: a
        # word that is no part of the name (in running text, "Rakeyia Scott" is a new person)
        tokens = self.doc.sentences[self.names[k].sent].tokens
        starts = self.names[k].first == 0 or tokens[self.names[k].first - 1].upos == "PUNCT"
        if starts and is_headline(tokens):
            for person in reversed(self.people):
                if set(words[1:]) <= set(person.words) and words[-1] == person.words[-1]:
                    self._join(k, person)
                    return
        self._new(k)

    def _link_single(self, k: int) -> None:
        name = self.names[k]
        word = " ".join(name.words)
        gender = self._gender_shown(k)[0] or self._sentence_gender(k)[0]
        candidates: list[tuple[int, Person]] = []
        for person in self.people:
            if is_acronym(name.text) and _initials(person.name) == word.replace(" ", ""):
                candidates.append((person.nearest(name.start) // 2, person))  # an acronym's expansion
            elif word in person.words and (word == person.words[-1] or word == person.words[0]):
                if gender and person.gender and gender != person.gender:
                    continue
                cost = person.nearest(name.start) + (0 if word == person.words[-1] else 2_000)
                if word == person.words[-1] and (self._called_by_first_name(person) or self._later_namesake(person)):
                    # "his wife, Heidi", or a second Scott after the article's first: news keeps
                    # the bare surname for the person it introduced first
                    cost += 2_000
                cost += _AHEAD_PENALTY if gender and person.gender != gender else 0  # "Mrs. Lee": a woman first
                candidates.append((cost, person))
        if candidates:
            self._join(k, min(candidates, key=lambda c: c[0])[1])
        else:
            self._new(k)

    def _called_by_first_name(self, person: Person) -> bool:
        """Whether the article calls a person named in full by first name alone ("Heidi")."""
        return len(person.words) > 1 and any(self.names[k].words == person.words[:1] for k in person.mentions)

    def _later_namesake(self, person: Person) -> bool:
        """Whether someone named in full before this person shares their surname."""
        first = next((p for p in self.people if len(p.words) > 1 and p.words[-1] == person.words[-1]), None)
        return first is not None and first is not person

    def _gender_shown(self, k: int) -> tuple[str | None, tuple[int, int]]:
        """The gender that a mention's honorific ("Mrs.") or its title's gendered noun
        ("spokeswoman") shows, with that word's span."""
        name = self.names[k]
        tokens = self.doc.sentences[name.sent].tokens
        lo = name.title_first if name.title_first >= 0 else name.first
        nouns = not is_headline(tokens)  # "Gold Star Mom Corners Obama": no noun there is the name's
        for tok in tokens[max(0, lo - 3) : name.first]:
            if tok.index < lo and not name.first <= tok.head <= name.last and tokens[name.head].head != tok.index:
                continue  # "the businessman says of Clinton": a word for someone else ("his wife Heidi" is hers)
            honorific = HONORIFICS.get(tok.text.lower())
            if honorific in _GENDER:
                return _GENDER[honorific], (tok.start, tok.end)
            if nouns and tok.text.lower() in GENDERED_NOUNS:
                return GENDERED_NOUNS[tok.text.lower()], (tok.start, tok.end)
        for claim in self._claims.get(k, []) if nouns else []:
            # the claim's text is the article's from its start on, less a leading "a": "a spokeswoman for …"
            offset = self.doc.text.find(claim.text, claim.start)
            for word in _WORD.finditer(claim.text):
                noun = _unpossessed(word.group().rstrip("."))  # "spokesman", "mother’s"
                found = GENDERED_NOUNS.get(noun.lower())
                if found and offset >= 0:
                    return found, (offset + word.start(), offset + word.start() + len(noun))
        return None, (0, 0)

    def _pronoun_genders(self) -> None:
        """ "Lee said she would run": a gendered subject pronoun after the subject of
        its sentence, the only person named there before it, shows that person's gender."""
        doc = self.doc
        by_sentence: dict[int, list[int]] = {}
        for k, name in enumerate(self.names):
            by_sentence.setdefault(name.sent, []).append(k)
        for s, ks in by_sentence.items():
            tokens = doc.sentences[s].tokens
            for tok in tokens:
                gender = PRONOUN_GENDERS.get(tok.text.lower())
                # a subject pronoun: "his" in "Lee cited his remarks" is as often someone else's
                if gender is None or not tok.deprel.startswith("nsubj") or doc.in_quote(tok):
                    continue
                before = {id(self.person_of_name[k]): k for k in ks if self.names[k].last < tok.index}
                if len(before) != 1:
                    break
                k = next(iter(before.values()))
                name = self.names[k]
                if any(tokens[i].deprel.startswith("nsubj") for i in range(name.first, name.last + 1)):
                    self.person_of_name[k].show_gender(gender, (tok.start, tok.end))
                break

    def _sentence_genders(self) -> None:
        """Each person's gender from the sentences that name them alone (:meth:`_sentence_gender`):
        their mentions in parsed sentences, and their surname anywhere else in the text."""
        for k in range(len(self.names)):
            gender, evidence = self._sentence_gender(k)
            if gender and k in self.person_of_name:
                self.person_of_name[k].show_gender(gender, evidence)
        parsed = [(s.start, s.end) for s in self.doc.sentences]
        by_surname: dict[str, list[Person]] = {}
        for person in self.people:
            if not person.is_organisation:
                by_surname.setdefault(person.words[-1], []).append(person)
        for match in _WORD.finditer(self.doc.text, *self._span):
            people = by_surname.get(normalise(_unpossessed(match.group())), [])
            at = bisect.bisect_right(parsed, (match.start(), len(self.doc.text))) - 1
            if len(people) != 1 or people[0].gender or (at >= 0 and parsed[at][1] > match.start()):
                continue  # a namesake, known already, or in a parsed sentence (done above)
            if self.doc.quote_at(match.start(), match.end()) is not None:
                continue
            gender, evidence = self._gender_around(match.start(), match.end(), set(people[0].words))
            people[0].show_gender(gender, evidence)

    def _sentence_gender(self, k: int) -> tuple[str | None, tuple[int, int]]:
        """ "Cruz said he has had …", "Clinton now says she opposes the deal": the first
        gendered pronoun after name mention ``k`` in its sentence (found from punctuation
        alone), where the sentence, outside quotations, names nobody else and has pronouns
        of one gender only (:meth:`_gender_around`)."""
        if k not in self._sentence_gender_of:
            name = self.names[k]
            self._sentence_gender_of[k] = self._gender_around(name.start, name.end, set(name.words))
        return self._sentence_gender_of[k]

    def _gender_around(self, name_start: int, name_end: int, own: set[str]) -> tuple[str | None, tuple[int, int]]:
        """The gender a sentence shows for the name at ``[name_start, name_end)`` whose
        words are ``own``: its first gendered pronoun after the name, where the sentence,
        outside quotations, names nobody else and has pronouns of one gender only. Any
        other capitalised word that is no title or common word, or a gendered noun ("his
        wife"), may be someone else's, and then the sentence shows nothing."""
        text = self.doc.text
        i = bisect.bisect_right(self._raw_starts, name_start) - 1
        if i < 0:
            return None, (0, 0)
        start, end = self._raw[i]
        lead = name_start
        while found := _TITLE_RUN.search(text[start:lead]):
            lead = start + found.start()
        pronouns: list[tuple[str, int, int]] = []
        opened = described_before = False
        for match in _WORD.finditer(text, start, end):
            word = match.group()
            if self.doc.quote_at(match.start(), match.end()) is not None:
                folded = normalise(word)
                if word[0].isupper() and folded not in own and folded in self._full_words:
                    return None, (0, 0)  # "X claimed “Trump exaggerates” and doubted his …"
                continue
            if lead <= match.start() < name_end or self.doc.in_party_label(match.start()):
                continue  # the name, its party label "(D-Mass.)" and the title run before it ("German Chancellor")
            if word.lower() in PRONOUN_GENDERS:
                previous = text[start : match.start()].split()[-1:]
                if previous and previous[0].lower() in _NEW_CLAUSE:
                    return None, (0, 0)  # "Lee waved, and she …": a new clause's subject may be anyone
                if match.start() > name_end and _stands_for_subject(text, start, match):
                    pronouns.append((PRONOUN_GENDERS[word.lower()], match.start(), match.end()))
                elif word[0].isupper() and match.start() == start:
                    opened = True  # "He said Lee …": a pronoun before the name is someone else's, or this one's
                    continue
                else:
                    return None, (0, 0)
            elif word.lower() in GENDERED_NOUNS:
                return None, (0, 0)
            elif _one_person_noun(word) and not pronouns and match.start() > name_end:
                if not _apposed(text, name_end, match.start()):
                    return None, (0, 0)  # "Lee spoke to the nominee, who began his speech"
            elif _one_person_noun(word) and match.end() <= lead and text[match.end() : lead].strip(" ,"):
                described_before = True  # "The Vermont senator won, beating rival Hillary Clinton in his …"
            elif word[0].isupper() and match.start() != start and not _ignorable(word):
                folded = normalise(_unpossessed(word))
                if folded and folded not in own and self._may_be_person(folded, text[start : match.start()]):
                    # "Lee insisted he has questions for Pane": a "he" before anyone else
                    # is named is the one who opens the sentence
                    said = [text[s:e].lower() for _, s, e in pronouns]
                    if said and lead == start and set(said) <= {"he", "she"}:
                        break
                    return None, (0, 0)
        if described_before and not _RELATIVE.match(text, name_end):
            return None, (0, 0)  # someone else is in the sentence, unless a clause of the name's own has the pronoun
        if not pronouns and not opened and i + 1 < len(self._raw):
            # "Lee spoke. She said …"; not "He took over Lee's mines. He also …": the second "he" is the first's
            return self._opening_pronoun(*self._raw[i + 1])
        if len({g for g, _, _ in pronouns}) != 1:
            return None, (0, 0)
        gender, s, e = pronouns[0]
        return gender, (s, e)

    def _opening_pronoun(self, start: int, end: int) -> tuple[str | None, tuple[int, int]]:
        """The gender of a sentence's opening "He" or "She", where the rest of it, outside
        quotations, names nobody and has no pronoun or gendered noun of the other gender."""
        text = self.doc.text
        first = _WORD.match(text, start)
        if first is None or first.group() not in ("He", "She") or self.doc.quote_at(*first.span()) is not None:
            return None, (0, 0)
        gender = PRONOUN_GENDERS[first.group().lower()]
        for match in _WORD.finditer(text, first.end(), end):
            word = match.group()
            if self.doc.quote_at(match.start(), match.end()) is not None:
                continue
            other = PRONOUN_GENDERS.get(word.lower()) or GENDERED_NOUNS.get(word.lower())
            if other and other != gender:
                return None, (0, 0)
            if word[0].isupper() and not _ignorable(word):
                folded = normalise(_unpossessed(word))
                if self._may_be_person(folded, text[start : match.start()]):
                    return None, (0, 0)
        return gender, first.span()

    def _may_be_person(self, word: str, before: str) -> bool:
        """Whether a capitalised word may name a person: a word of a full name the registry
        holds ("Trump" of "Donald Trump"), or a word the registry does not know that no
        article or preposition comes before ("a Facebook message", "in Novi" are none)."""
        full = self._full_words
        if word in full:
            return True
        previous = before.split()[-1] if before.split() else ""
        return (
            word not in self._single_words and previous.lower() not in _NOT_BEFORE_PEOPLE and not previous[:1].isupper()
        )

    # ------------------------------------------------------------- titles
    def _title(self, person: Person) -> str | None:
        """The title attached to the first full-name mention, else the first anywhere."""
        full = [k for k in person.mentions if self.names[k].words == person.words]
        on_full = [c for c in self._claims.get(full[0], []) if c.construction not in WEAK] if full else []
        if on_full:
            return min(on_full, key=lambda c: (PRIORITY[c.construction], c.start)).text
        claims = [c for k in person.mentions for c in self._claims.get(k, [])]
        return min(claims, key=lambda c: (c.construction in WEAK, c.start)).text if claims else None

    def claims_on(self, k: int) -> list[TitleClaim]:
        """The titles the article attaches to name mention ``k``."""
        return self._claims.get(k, [])

    def claims_of(self, person: Person) -> list[TitleClaim]:
        """Every title the article attaches to the person's mentions."""
        return [c for k in person.mentions for c in self._claims.get(k, [])]


# A capitalised word and one space right before a name: part of its title run ("German Chancellor Merkel").
_TITLE_RUN = regex.compile(r"\p{Lu}[\p{L}.’'-]*[^\S\n]$")
_WORD = regex.compile(r"\p{L}[\p{L}’'.-]*")
_RELATIVE = regex.compile(r",\s+who(?:se)?\b")  # "Stumpf, who was questioned over his bank’s …"
# Sentence ends in raw text: a period, question or exclamation mark (and a closing
# mark), then space and a capital; not after an abbreviation ("Sen.") or an initial.
_SENTENCE_END = regex.compile(r"(?<=[.!?][”\"’']?)[^\S\n]+(?=[“\"‘']?\p{Lu})|\n+")
# Words before a capitalised word that make it a thing or a place ("a Facebook post", "in Ohio").
# Pronouns that stand for a sentence's one person; "her" and "him", as often objects, are
# as often someone else's ("Sanders told MSNBC that nobody would question her").
_SENTENCE_PRONOUNS = frozenset({"he", "she", "his", "himself", "herself"})
_PREPOSITIONS = frozenset({"of", "in", "on", "for", "with", "at", "about", "from", "by", "into", "during", "over"})
_NEW_CLAUSE = frozenset({"and", "but", "or", "yet", "while", "whereas"})
_NOT_BEFORE_PEOPLE = frozenset({"a", "an", "the", "in", "at", "on", "from", "of", "for", "by", "into", "across", "its"})
_IGNORED = FUNCTION_WORDS | TIME_NAMES | TITLE_ABBREVIATIONS | TITLE_NOUNS | frozenset(HONORIFICS)


def _raw_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` found from punctuation alone, parsed or not."""
    spans, at = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        before = text[at : match.start()].split()
        last = before[-1].lower().rstrip(".”\"’'") if before else ""
        abbreviated = last in TITLE_ABBREVIATIONS or len(last) == 1
        if "\n" not in match.group() and abbreviated:
            continue  # "Sen. Lee", "John F. Kerry"
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, end))
    return [(s, e) for s, e in spans if e > s]


def _stands_for_subject(text: str, start: int, match: regex.Match[str]) -> bool:
    """Whether a pronoun in a sentence (from ``start``) that names one person stands for
    them: he, she, his, himself, herself, and "her" where it owns a noun after a
    preposition ("a memoir of her time"); "her" and "him" as objects are as often
    someone else's ("Sanders said nobody would question her intelligence")."""
    word = match.group().lower()
    if word in _SENTENCE_PRONOUNS:
        return True
    before, after = text[start : match.start()].split()[-1:], text[match.end() : match.end() + 30].split()[:1]
    return (
        word == "her"
        and bool(before and after)
        and before[0].lower() in _PREPOSITIONS
        and after[0][:1].islower()
        and after[0].isalpha()
    )


def _one_person_noun(word: str) -> bool:
    """A noun for one person ("the nominee"); "reporters" cannot be a "he" or "she"."""
    lower = word.lower()
    return lower in PERSON_NOUNS and not (lower.endswith("s") and lower[:-1] in PERSON_NOUNS)


def _apposed(text: str, name_end: int, at: int) -> bool:
    """Whether a word at ``at`` is in an apposition right after a name ("Lee, the mayor,")."""
    between = text[name_end:at]
    return between.startswith(",") and "," not in between[1:]


def _ignorable(word: str) -> bool:
    """A capitalised word that names nobody: a function or time word, a title ("Sen.", "President")."""
    lower = word.lower().rstrip(".")
    return lower in _IGNORED or word.lower() in _IGNORED or lower.removesuffix("s") in _IGNORED


def _unpossessed(word: str) -> str:
    """ "Lee’s" -> "Lee"."""
    return word.removesuffix("’s").removesuffix("'s")


def _with_initials(text: str, name: str) -> str:
    """ "Donald Trump" as "Donald J. Trump", "Bobby Scott" as 'Robert C. "Bobby" Scott',
    where the article writes it so anywhere, even in a sentence that was not parsed: the
    name as fully as the article gives it."""
    parts = name.split()
    if len(parts) > 2 or is_acronym(name):
        return name
    # 'Robert C. "Bobby" Scott' for "Bobby Scott" or "Scott": a nickname in quotation marks
    nick = regex.escape(parts[0]) if len(parts) == 2 else r"\p{Lu}\p{L}+"
    quoted = any(f"{mark} {parts[-1]}" in text for mark in ('"', "”"))  # a cheap test before the pattern
    nickname = r"(\p{Lu}[\p{L}.'’-]*(?:[^\S\n]+\p{Lu}\.)*[^\S\n]+[\"“]" + nick + r"[\"”])"
    found = regex.search(nickname + r"[^\S\n]+" + regex.escape(parts[-1]) + r"\b", text) if quoted else None
    if found:
        return f"{found.group(1)} {parts[-1]}"
    if len(parts) != 2 or f"{parts[0]} " not in text:
        return name
    pattern = regex.escape(parts[0]) + r"((?:[^\S\n]+\p{Lu}\.)+)[^\S\n]+" + regex.escape(parts[1]) + r"\b"
    found = regex.search(pattern, text)
    return f"{parts[0]}{found.group(1)} {parts[1]}" if found else name


def _spelt_out(text: str, acronym: str) -> str | None:
    """The first capitalised name in ``text``, parsed or not, whose initials spell an
    acronym ("International Monetary Fund" for "IMF"); None where the text has none.

    >>> _spelt_out("The International Monetary Fund said. The IMF agreed.", "IMF")
    'International Monetary Fund'
    """
    letters = acronym.replace(".", "").lower()
    joiner = "|".join(sorted(_NOT_INITIALS - {"&"}))
    word = r"\p{Lu}[\p{L}’'-]*"
    pattern = rf"\b{word}(?:[^\S\n]+(?:(?:{joiner})[^\S\n]+)*{word})+"
    for match in regex.finditer(pattern, text):
        words = match.group().split()
        for start in range(len(words)):  # "The International Monetary Fund": from any capitalised word
            if words[start].lower() in _NOT_INITIALS:
                continue
            for end in range(len(words), start, -1):
                candidate = " ".join(words[start:end])
                if words[end - 1].lower() not in _NOT_INITIALS and _initials(candidate) == letters:
                    return candidate
    return None


def _initials(name: str) -> str:
    """ "International Monetary Fund" -> "imf"; "Federal Bureau of Investigation" -> "fbi"."""
    return "".join(w[0] for w in normalise(name).split() if w not in _NOT_INITIALS)
