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

from .document import Document
from .lexicon import GENDERED_NOUNS, HONORIFICS, ORGANISATION_WORDS, PRONOUN_GENDERS
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
        for person in self.people:
            person.title = self._title(person)
            person.name = _with_initials(doc.text, person.name)

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
        # "Derelict Obama" at a sentence's start: a capitalised word that is no part of the name
        tokens = self.doc.sentences[self.names[k].sent].tokens
        if self.names[k].first == 0 or tokens[self.names[k].first - 1].upos == "PUNCT":
            for person in reversed(self.people):
                if set(words[1:]) <= set(person.words) and words[-1] == person.words[-1]:
                    self._join(k, person)
                    return
        self._new(k)

    def _link_single(self, k: int) -> None:
        name = self.names[k]
        word = " ".join(name.words)
        gender, _ = self._gender_shown(k)
        candidates: list[tuple[int, Person]] = []
        for person in self.people:
            if is_acronym(name.text) and _initials(person.name) == word.replace(" ", ""):
                candidates.append((person.nearest(name.start) // 2, person))  # an acronym's expansion
            elif word in person.words and (word == person.words[-1] or word == person.words[0]):
                if gender and person.gender and gender != person.gender:
                    continue
                cost = person.nearest(name.start) + (0 if word == person.words[-1] else 2_000)
                cost += _AHEAD_PENALTY if gender and person.gender != gender else 0  # "Mrs. Lee": a woman first
                candidates.append((cost, person))
        if candidates:
            self._join(k, min(candidates, key=lambda c: c[0])[1])
        else:
            self._new(k)

    def _gender_shown(self, k: int) -> tuple[str | None, tuple[int, int]]:
        """The gender that a mention's honorific ("Mrs.") or its title's gendered noun
        ("spokeswoman") shows, with that word's span."""
        name = self.names[k]
        tokens = self.doc.sentences[name.sent].tokens
        lo = name.title_first if name.title_first >= 0 else name.first
        for tok in tokens[max(0, lo - 3) : name.first]:
            honorific = HONORIFICS.get(tok.text.lower())
            if honorific in _GENDER:
                return _GENDER[honorific], (tok.start, tok.end)
            if tok.text.lower() in GENDERED_NOUNS:
                return GENDERED_NOUNS[tok.text.lower()], (tok.start, tok.end)
        for claim in self._claims.get(k, []):
            for word in claim.text.split():
                found = GENDERED_NOUNS.get(word.lower().strip(",.’'s"))
                if found:
                    at = claim.start + claim.text.find(word)
                    return found, (at, at + len(word))
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

    # ------------------------------------------------------------- titles
    def _title(self, person: Person) -> str | None:
        """The title attached to the first full-name mention, else the first anywhere."""
        full = [k for k in person.mentions if self.names[k].words == person.words]
        on_full = [c for c in self._claims.get(full[0], []) if c.construction not in WEAK] if full else []
        if on_full:
            return min(on_full, key=lambda c: (PRIORITY[c.construction], c.start)).text
        claims = [c for k in person.mentions for c in self._claims.get(k, [])]
        return min(claims, key=lambda c: (c.construction in WEAK, c.start)).text if claims else None

    def claims_of(self, person: Person) -> list[TitleClaim]:
        """Every title the article attaches to the person's mentions."""
        return [c for k in person.mentions for c in self._claims.get(k, [])]


def _with_initials(text: str, name: str) -> str:
    """ "Donald Trump" as "Donald J. Trump" where the article writes it so anywhere,
    even in a sentence that was not parsed: the name as fully as the article gives it."""
    parts = name.split()
    if len(parts) != 2 or is_acronym(name):
        return name
    pattern = regex.escape(parts[0]) + r"((?:[^\S\n]+\p{Lu}\.)+)[^\S\n]+" + regex.escape(parts[1]) + r"\b"
    found = regex.search(pattern, text)
    return f"{parts[0]}{found.group(1)} {parts[1]}" if found else name


def _initials(name: str) -> str:
    """ "International Monetary Fund" -> "imf"; "Federal Bureau of Investigation" -> "fbi"."""
    return "".join(w[0] for w in normalise(name).split() if w not in _NOT_INITIALS)
