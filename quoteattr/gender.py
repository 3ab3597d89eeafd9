"""Gender: the gender an article itself shows for a speaker, and the word that shows it.

Only the article's words count: a pronoun that refers to the speaker ("he said"), an
honorific ("Ms. Lee") or a gendered noun for them ("spokeswoman", "congressman",
"mother"). A first name is never evidence, so a speaker the article shows nothing for
keeps ``None``. Each answer carries the span of its evidence, for a reader to check.

Like :mod:`quoteattr.kinds`, the functions take explicit inputs (the Document, the speaker
mentions, the names and titles a resolver gave them), so any resolver can feed them.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Literal

import attrs
import regex

from .document import Document, Mention, is_headline, is_main_subject, is_name_word, plural_name, word_end
from .kinds import bare, is_organisation_name, is_title
from .lexicon import (
    DOCUMENT_NOUNS,
    FEMALE_WORDS,
    HONORIFICS,
    MALE_WORDS,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    PLACE_PREPOSITIONS,
    PRONOUN_GENDERS,
    TIME_NAMES,
    TITLE_NOUNS,
    TITLE_PARTS,
)
from .quotes import QuoteSpan
from .records import Gender, Kind
from .resolve import stand_in
from .speakers import Registry
from .tokens import Token

__all__ = [
    "GenderEvidence",
    "bound_genders",
    "mention_gender",
    "pronoun_antecedents",
    "self_described",
    "speaker_genders",
]

Source = Literal["pronoun", "honorific", "noun"]
# Whose evidence is pooled: ("name", a resolved name) or ("mention", sentence, head) of an unnamed person.
Key = tuple[object, ...]
# How much each kind of evidence counts when an article's words disagree: what the
# speaker is called outweighs a pronoun tied to them. "speaker": a quote's own pronoun
# that the links tie to the name a resolver gave it; "unlinked": one the links leave
# untied, where only the resolver says whose it is: a resolver's pick is often another
# person's ("she said" given to the man quoted before her), so one such pronoun alone is
# not enough (:data:`_ENOUGH`), two are. Measured on PolNeAR dev, counting one alone
# as enough gives gender accuracy 0.914 and restraint 0.972; requiring two gives 0.914
# and 0.978 (see docs/accuracy.md).
_WEIGHT = {"honorific": 6, "noun": 6, "speaker": 4, "pronoun": 2, "unlinked": 1}
# A pronoun that is one of these of a verb is never that verb's subject ("Lee called him").
_ARGUMENTS = frozenset({"obj", "iobj", "obl", "nmod"})
# Verbs whose object is the one told: a "he" in what is told is the teller's ("Lee told Cole he …").
_TELLING = frozenset({"tell", "assure"})
# The least weight that shows a gender: one honorific, noun or tied pronoun, or two untied ones.
_ENOUGH = 2
# How far back a pronoun's antecedent is looked for across a quotation's own sentences.
_QUOTED_SENTENCES = 8
_GENDERED = {w: "female" for w in FEMALE_WORDS} | {w: "male" for w in MALE_WORDS}
# A speaker's words about themselves: "As a young, Hispanic woman … I’d rather", "As a
# mother, my …", "I’m a woman". Not "remembered as a man who", said of anyone.
_NOUN = "|".join(sorted((regex.escape(w) for w in _GENDERED if w.isalpha()), key=len, reverse=True))
_SELF_DESCRIBED = regex.compile(
    rf"(?:(?<!\p{{L}} )\b[Aa]s an?\s+(?:[\p{{L}}-]+,?\s+){{0,3}}?(?P<noun>{_NOUN})"
    rf"(?:\s+of\s+[\p{{L}}-]+)?[\s,.…]+(?:I|my|me)\b"
    rf"|\bI(?:\s+am|[’']m)\s+an?\s+(?:[\p{{L}}-]+\s+){{0,2}}?(?P<noun>{_NOUN})\b)"
)
_HONORIFIC_GENDER = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male", "dame": "female"}


@attrs.frozen
class GenderEvidence:
    """A gender the article shows, the span of the word that shows it and what that word is."""

    gender: Gender
    start: int
    end: int
    source: Source


def mention_gender(doc: Document, mention: Mention) -> GenderEvidence | None:
    """The gender a speaker mention shows by itself: a gendered pronoun ("she"), an
    honorific ("Mr. Kofman") or a gendered noun for the speaker ("the spokeswoman",
    "Congresswoman Waters", or in apposition, "Hicks, a spokeswoman for …"). Words for
    someone else in the phrase do not count ("Trump's mother" is female, "the mother's
    lawyer" shows nothing)."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    if head.upos == "PRON":
        gender = PRONOUN_GENDERS.get(head.text.lower())
        return GenderEvidence(gender, head.start, head.end, "pronoun") if gender else None  # type: ignore[arg-type]
    own = [w for w in doc.words(mention) if not doc.in_quote(w) and not _owned_by_other(tokens, w, head)]
    # an apposition hangs on the name's first word in UD ("Rosa" of "Rosa Delgado, a spokeswoman")
    holders = {head.index, *(w.index for w in doc.words(mention) if is_name_word(w))}
    if 0 <= head.head < len(tokens) and head.deprel in ("flat", "flat:name"):
        holders.add(head.head)
    own += [
        k for h in sorted(holders) for k in doc.children(mention.sent, h) if k.deprel == "appos" and not doc.in_quote(k)
    ]
    headline = is_headline(tokens)
    for word in own:
        text = word.text.lower()
        # a name's own words ("Stephen King") are no evidence; a word before it is ("Congresswoman
        # Waters"), but in a headline the name may have run over other words ("Gold Star Mom Corners Obama")
        named = word.upos == "PROPN" and (word.index >= head.index or headline) and text not in HONORIFICS
        gender = None if named else _GENDERED.get(text) or _GENDERED.get(word.lemma.lower())
        if gender:
            source: Source = "honorific" if text in HONORIFICS or text.rstrip(".") in _HONORIFIC_GENDER else "noun"
            return GenderEvidence(gender, word.start, word_end(word), source)  # type: ignore[arg-type]
    return None


def self_described(text: str, start: int = 0, end: int | None = None) -> GenderEvidence | None:
    """The gender a speaker's own words in ``text[start:end]`` (a quotation) show of
    themselves: a gendered noun they call themselves by.

    >>> self_described("“As a mother of three, I worry,” she said.").gender
    'female'
    >>> self_described("“I’m a businessman,” Lee said.").gender
    'male'
    >>> self_described("“He will be remembered as a man who cared,” Lee said.") is None
    True
    """
    found = _SELF_DESCRIBED.search(text, start, len(text) if end is None else end)
    if found is None:
        return None
    gender: Gender = _GENDERED[found.group("noun").lower()]  # type: ignore[assignment]
    start, end = found.span("noun")
    return GenderEvidence(gender, start, end, "noun")


def pronoun_antecedents(
    doc: Document,
    known: Mapping[str, str] | None = None,
    people: Collection[str] = (),
    ambiguous: set[tuple[int, int]] | None = None,
) -> dict[tuple[int, int], Mention]:
    """For each gendered pronoun outside quotations (he, his, her, herself …), the noun
    phrase it refers to, where the parse leaves one person to mean.

    In its own sentence, the subject of the nearest clause above it that has a person
    for subject ("Graham assures his audience he will …", "In his remarks, Graham
    argued"), never the subject of the verb it is an object of ("Lee called him"), and
    not where another person stands between the two ("Romney went after Trump over his
    refusal": Trump or Romney, so neither), a person being a noun for one ("the mogul"),
    a name with a title ("Sen. Cruz") or one of ``people`` (lower-case surnames, e.g. the
    speakers'). Else, when it is the subject of its sentence's main clause ("He added",
    "“…,” she said"), the one person of the sentence before, or of the one before that
    when the sentence before names nobody (a quotation alone), if they were parsed.
    People of the other gender are left out: a pronoun or gendered noun for them, or
    ``known``, the genders already shown for surnames (lower-case). Better no evidence
    than another person's; ``ambiguous``, when given, receives the pronouns left unlinked
    because two people stood between. A pronoun whose antecedent is another pronoun takes
    that one's. Keys are (sentence, token index)."""
    known = known or {}
    links: dict[tuple[int, int], Mention] = {}
    for s, sentence in enumerate(doc.sentences):
        candidates = list(_person_mentions(doc, s))
        for tok in sentence.tokens:
            if tok.text.lower() not in PRONOUN_GENDERS or tok.upos != "PRON" or doc.in_quote(tok):
                continue
            gender = PRONOUN_GENDERS[tok.text.lower()]
            fits = [
                m for m in candidates if not m.first <= tok.index <= m.last and _may_be(doc, m, gender, known, links)
            ]
            # "Donald Trump, her opponent, said": a pronoun in a phrase is not its person's
            before = [m for m in fits if m.last < tok.index and not _within(sentence.tokens, tok, m.head)]
            found, blocked = _coordinated(doc, s, tok, fits), False
            if found is None:
                found, blocked = _binding_subject(doc, s, tok, fits, links, people)
            if blocked and ambiguous is not None:
                ambiguous.add((s, tok.index))
            if found is None and not before and _opens_clause(doc, s, tok):
                found = _one_before(doc, s, gender, known, links)
            if found is not None:
                links[(s, tok.index)] = links.get((found.sent, found.head), found)
    return links


def _coordinated(doc: Document, sent: int, pronoun: Token, fits: Sequence[Mention]) -> Mention | None:
    """ "Trump or his staff", "Clinton and her campaign": the person a possessive's noun is joined to."""
    tokens = doc.sentences[sent].tokens
    if pronoun.deprel not in ("nmod:poss", "det:poss") or pronoun.head < 0:
        return None
    owned = tokens[pronoun.head]
    if owned.deprel != "conj" or owned.head < 0 or owned.head > pronoun.index:
        return None
    return next((m for m in fits if m.first <= owned.head <= m.last), None)


def _binding_subject(
    doc: Document,
    sent: int,
    pronoun: Token,
    fits: Sequence[Mention],
    links: Mapping[tuple[int, int], Mention],
    people: Collection[str],
) -> tuple[Mention | None, bool]:
    """The person subject of the nearest clause above ``pronoun``, if no other person of
    ``fits`` (one surely a person, see :func:`pronoun_antecedents`) stands between them;
    and whether one did."""
    tokens = doc.sentences[sent].tokens
    by_head = {m.head: m for m in fits}
    # "Lee said if Cole picked him": the subject of the verb "him" is an object of is not
    # "him", so Cole stands between nobody
    unmeant = set()
    if pronoun.head >= 0 and pronoun.deprel.split(":")[0] in _ARGUMENTS:
        unmeant = {k.index for k in doc.children(sent, pronoun.head) if k.deprel.startswith("nsubj")}
    current = pronoun
    for _ in range(12):
        if current.head < 0:
            return None, False
        current = tokens[current.head]
        if current.index == pronoun.head and pronoun.deprel.split(":")[0] in _ARGUMENTS:
            continue  # "Cummings called him": him is not Cummings (nor "McConnell met with her")
        subjects = [
            k
            for k in doc.children(sent, current.index)
            if k.index != pronoun.index
            and (k.deprel.startswith("nsubj") or (k.deprel == "nmod:poss" and k.index in by_head))
        ]  # a person owning a noun binds like a subject: "Gingrich’s inclusion of it in his Contract"
        subject = next((by_head[k.index] for k in subjects if k.index in by_head), None)
        if subject is None and subjects:
            subject = next((m for m in fits if m.first <= subjects[0].index <= m.last), None)
        if subject is None and subjects and subjects[0].text.lower() in TIME_NAMES:
            # "Wednesday on CNN’s “New Day,” Rep. Lee said he …" parsed with the day for subject
            subject = next((m for m in reversed(fits) if _within(tokens, tokens[m.head], subjects[0].index)), None)
        if subject is not None and _within(tokens, pronoun, subject.head):
            return None, False  # "Trump, her opponent, said": a pronoun in the phrase is someone else's
        if subject is not None:
            lo, hi = sorted((subject.head, pronoun.index))
            entity = _entity(doc, subject, links)
            between = [
                m
                for m in fits
                if lo < m.head < hi
                and m.head not in unmeant
                and _entity(doc, m, links) != entity
                and _surely_person(doc, m, people)
                and not _same_description(doc, subject, m)
                and not _told(doc, current, m)
                and not _within(tokens, tokens[m.head], subject.head)  # "Lee, an aide of Clinton's, said she"
            ]
            return (None, True) if between else (subject, False)
        if subjects and _within(tokens, pronoun, subjects[0].index):
            continue  # "Lee said his wife was qualified": the clause above tells whose
        if subjects and not (pronoun.head == current.index and pronoun.deprel.startswith("nsubj")):
            return None, False  # a clause with a subject that is no person: "the report said he …"
        # else a second subject beside the pronoun's own: a misparse ("how surprised he is
        # that health has been …" read as one clause); the clause above tells
    return None, False


def _told(doc: Document, verb: Token, mention: Mention) -> bool:
    """Whether ``mention`` is who ``verb`` tells something ("Lee told host Ann Cole how
    surprised he is"): what the teller says of "he" is the teller's."""
    if verb.lemma.lower() not in _TELLING:
        return False
    tokens = doc.sentences[mention.sent].tokens
    word = tokens[mention.head]
    while word.deprel in ("appos", "flat", "flat:name") and word.head >= 0:
        word = tokens[word.head]  # "host Ann Cole": the name set beside the object
    return word.head == verb.index and word.deprel in ("obj", "iobj")


def _same_description(doc: Document, first: Mention, other: Mention) -> bool:
    """Whether ``other`` describes the person ``first`` does: set beside it ("Trump, her
    opponent,") or joined to it under one determiner ("the former secretary of state and
    current nominee")."""
    tokens = doc.sentences[first.sent].tokens
    word = tokens[other.head]
    if word.deprel == "appos" and word.head == first.head:
        return True  # "Donald Trump, her Republican opponent, … said he"
    if word.upos != "NOUN" or tokens[first.head].upos != "NOUN" or not _within(tokens, word, first.head):
        return False
    # the parse may hang the second on the first's last noun ("nmod" of "state"): the "and" tells
    kids = {k.deprel for k in doc.children(other.sent, other.head)}
    return "cc" in kids and not kids & {"det", "nmod:poss", "det:poss"}


def _within(tokens: Sequence[Token], word: Token, head: int) -> bool:
    """Whether ``word`` is in the phrase of the token at ``head``."""
    current = word
    for _ in range(8):
        if current.head < 0:
            return False
        if current.head == head:
            return True
        current = tokens[current.head]
    return False


def _full_names(doc: Document) -> set[str]:
    """The surnames (lower-case) of the names written in full somewhere: "Donald Trump"."""
    found = set()
    for s in range(len(doc.sentences)):
        for mention in _person_mentions(doc, s):
            run = [w for w in doc.words(mention) if is_name_word(w) and w.text.lower() not in HONORIFICS]
            if len(run) > 1 and is_name_word(doc.sentences[s].tokens[mention.head]):
                found.add(_fold(run[-1].text))
    return found


def _surely_person(doc: Document, mention: Mention, people: Collection[str]) -> bool:
    """A noun for a person, a name with a title or honorific before it, or one of ``people``
    (surnames of speakers and of names written in full)."""
    head = doc.sentences[mention.sent].tokens[mention.head]
    if not is_name_word(head):
        return head.upos == "NOUN"
    titled = any(w.index < head.index and (is_title(w) or w.text.lower() in HONORIFICS) for w in doc.words(mention))
    return titled or _fold(head.text) in people


def _one_before(
    doc: Document, sent: int, gender: str, known: Mapping[str, str], links: Mapping[tuple[int, int], Mention]
) -> Mention | None:
    """The one person of ``gender`` the sentences just before ``sent`` can mean: those of
    the sentence before, or where it has none, of the one before that; sentences wholly
    inside a quotation (a quote of several sentences) are passed over; of several, the
    subject of that sentence's main clause; None where two can be meant and none is that
    subject, or a sentence between was not parsed."""
    earlier, looked = sent - 1, 0
    while looked < 2 and earlier >= 0 and sent - earlier <= _QUOTED_SENTENCES:
        if not _adjacent(doc, earlier, earlier + 1):
            return None
        if not any(tok.text[:1].isalnum() for tok in doc.outside_tokens(earlier)):
            earlier -= 1  # a sentence of the quotation itself: it names nobody who speaks
            continue
        looked += 1
        pool = [m for m in _person_mentions(doc, earlier) if _may_be(doc, m, gender, known, links)]
        if pool and len({_entity(doc, m, links) for m in pool}) == 1:
            return pool[-1]
        if pool:  # "Lee said Pence did well. “…,” he said": the main clause's subject, as a reader takes it
            tokens = doc.sentences[earlier].tokens
            subjects = [m for m in pool if is_main_subject(tokens, tokens[m.head])]
            return subjects[0] if len(subjects) == 1 else None
        earlier -= 1
    return None


def _opens_clause(doc: Document, sent: int, pronoun: Token) -> bool:
    """Whether a pronoun is the subject of its sentence's main clause, or in it ("He said",
    "“…,” she said", "His opponent"); a speech clause the parse hangs on a word of its
    quotation counts as main ("“…, say, look, …,” she continued")."""
    tokens = doc.sentences[sent].tokens
    current = pronoun
    for _ in range(4):
        if current.deprel.startswith("nsubj"):
            if current.head < 0:
                return False
            clause = tokens[current.head]
            main = clause.deprel in ("root", "parataxis")
            return main or (clause.head >= 0 and doc.in_quote(tokens[clause.head]) and not doc.in_quote(clause))
        if current.head < 0:
            return False
        current = tokens[current.head]
    return False


def speaker_genders(
    doc: Document,
    speakers: Sequence[Mention | None],
    names: Sequence[str | None],
    titles: Sequence[str | None],
    kinds: Sequence[Kind | None],
    resolver: Sequence[tuple[str | None, tuple[int, int] | None]] = (),
    registry: Registry | None = None,
    quotes: Sequence[QuoteSpan] = (),
) -> list[GenderEvidence | None]:
    """The gender the article shows for each speaker (aligned with ``speakers``), for
    persons and unnamed persons only; None where the article shows none.

    The evidence for one named person is pooled over the article, so all their quotes
    agree: what each of their mentions shows (:func:`mention_gender`), an honorific before
    their surname anywhere in the text, and the pronouns :func:`pronoun_antecedents` ties
    to a mention of their name or to a description that gives their title. ``resolver``
    may add what a resolver learnt for each speaker from the words about their name: (its
    gender, "m"/"f" or "male"/"female" or None, and the span of the word that showed it).
    ``registry``, the resolver's, tells whom a surname two speakers share stands for
    where it stands alone ("Clinton" for Hillary or Bill Clinton); without it such a
    surname ties a pronoun to neither. ``quotes``, the quotations the speakers speak
    (aligned with them), add what a speaker says of themselves ("As a mother, I …",
    :func:`self_described`).
    An unnamed person has only what their own mention and the pronouns tied to it show.
    Where the words disagree, the weightier side wins (:data:`_WEIGHT`); a tie shows nothing.
    """
    pools: dict[Key, list[tuple[int, GenderEvidence]]] = defaultdict(list)
    keys: list[Key | None] = []
    own_pronouns: dict[int, GenderEvidence] = {}
    said: dict[tuple[Key, int], GenderEvidence] = {}  # speakers' pronouns, weighed once the links are known
    for i, (mention, name, kind) in enumerate(zip(speakers, names, kinds, strict=True)):
        if mention is None or kind not in ("person", "unnamed_person"):
            keys.append(None)
            continue
        mention = stand_in(doc, mention)
        key: Key = ("name", name) if kind == "person" and name else ("mention", mention.sent, mention.head)
        keys.append(key)
        found = [e for e in [mention_gender(doc, mention)] if e is not None]
        if i < len(quotes) and (own := self_described(doc.text, quotes[i].start, quotes[i].end)) is not None:
            pools[key].append((_WEIGHT["noun"], own))
        if i < len(resolver):  # what the article's words about the name show ("Lee said she …")
            pools[key].extend(_resolver_evidence(doc, *resolver[i]))
        for evidence in found:
            if evidence.source != "pronoun":
                pools[key].append((_WEIGHT[evidence.source], evidence))
            else:
                said[(key, evidence.start)] = evidence
        if found and found[0].source == "pronoun" and (found[0].start, found[0].end) == doc.span(mention):
            own_pronouns[i] = found[0]  # "she said": whoever she is, the speaker is female
    named = {key: str(key[1]) for key in keys if key is not None and key[0] == "name"}
    index = _name_words(doc) if named else {}
    for key, name in named.items():
        pools[key].extend(_name_evidence(doc, name, index))
    # what the names show already keeps their pronouns apart: "Clinton attacked Trump, saying he …"
    shown = {key: first for key in named if (first := _decide(pools[key]))}
    surnames = [_fold(name.split()[-1]) for name in named.values()]
    # a surname two people share ("Bill" and "Hillary" Clinton) says nothing of either
    known = {
        _fold(name.split()[-1]): shown[key].gender
        for key, name in named.items()
        if key in shown and surnames.count(_fold(name.split()[-1])) == 1
    }
    people = {_fold(name.split()[-1]) for name in named.values()} | _full_names(doc)
    ambiguous: set[tuple[int, int]] = set()
    links = pronoun_antecedents(doc, known, people, ambiguous)
    doubtful = {doc.sentences[s].tokens[t].start for s, t in ambiguous}
    shared = {surname for surname in surnames if surnames.count(surname) > 1}
    titles_of = {key: title for key, title in zip(keys, titles, strict=True) if key is not None and title}
    tied: dict[Key, set[int]] = defaultdict(set)
    linked: set[int] = set()
    # a description that speaks is the person it was resolved to ("the former secretary
    # of state said she …"): a pronoun tied to it is theirs
    spoken = {
        (m.sent, m.head): key
        for m, key in zip(speakers, keys, strict=True)
        if m is not None and key is not None and key[0] == "name"
    }
    for (s, t), antecedent in links.items():
        pronoun = doc.sentences[s].tokens[t]
        linked.add(pronoun.start)
        for key in {k for k in keys if k is not None}:
            described = spoken.get((antecedent.sent, antecedent.head)) == key
            if described or _ties(doc, key, antecedent, titles_of.get(key), shared, registry):
                tied[key].add(pronoun.start)
                pools[key].append((_WEIGHT["pronoun"], _pronoun_evidence(doc, s, t)))
    # A speaker's pronoun counts for the person a resolver gave it to, unless the links
    # tie it to someone else: a resolver's pick can be another's ("she said" given to Trump).
    for (key, start), evidence in said.items():
        if start in tied[key]:
            pools[key].append((_WEIGHT["speaker"] - _WEIGHT["pronoun"], evidence))
        elif start not in linked and start not in doubtful:
            pools[key].append((_WEIGHT["unlinked"], evidence))
    decided = {key: _decide(pool) for key, pool in pools.items()}
    return [own_pronouns.get(i) or (decided.get(key) if key is not None else None) for i, key in enumerate(keys)]


def bound_genders(doc: Document, registry: Registry) -> None:
    """Give each person of ``registry`` whose gender it does not know yet the gender of
    the pronouns the parse binds to their name (:func:`pronoun_antecedents`), where all
    of those agree: "Trump reached the end of his speech" makes Trump male before any
    "she said" is resolved, so the resolver does not give it to him."""
    people = {_fold(p.words[-1]) for p in registry.people if p.words} | _full_names(doc)
    shown: dict[int, list[str]] = defaultdict(list)
    persons = {}
    for (s, t), antecedent in pronoun_antecedents(doc, None, people).items():
        k = registry.name_at(antecedent.sent, antecedent.head)
        if k is None or (person := registry.person_of_name.get(k)) is None or person.gender:
            continue
        pronoun = doc.sentences[s].tokens[t]
        shown[id(person)].append(PRONOUN_GENDERS[pronoun.text.lower()])
        persons[id(person)] = person
    for key, found in shown.items():
        if len(set(found)) == 1:
            persons[key].bound_gender = found[0]


def _ties(
    doc: Document,
    key: Key,
    antecedent: Mention,
    title: str | None,
    shared: Collection[str] = (),
    registry: Registry | None = None,
) -> bool:
    """Whether a pronoun's antecedent is the speaker of ``key``: a mention of their name
    (more than the surname where two speakers share it, unless ``registry`` gives that
    surname to them) or a description that gives their title; for an unnamed speaker,
    their own mention."""
    if key[0] == "name":
        parts = _name_parts(str(key[1]))
        run = [w for w in doc.words(antecedent) if is_name_word(w)]
        alone = parts[-1] in shared and len(run) < 2
        named = _is_named(doc, antecedent, parts) and (not alone or _registered(registry, antecedent, str(key[1])))
        return named or bool(title and _gives_title(doc, antecedent, title))
    return (antecedent.sent, antecedent.head) == key[1:]


def _registered(registry: Registry | None, mention: Mention, name: str) -> bool:
    """Whether the registry gives the name at ``mention`` to the person called ``name``."""
    if registry is None or (k := registry.name_at(mention.sent, mention.head)) is None:
        return False
    person = registry.person_of_name.get(k)
    return person is not None and person.name == name


def _resolver_evidence(
    doc: Document, gender: str | None, span: tuple[int, int] | None
) -> Iterator[tuple[int, GenderEvidence]]:
    """What a resolver learnt: the gender ("m"/"f" or "male"/"female") and the span of the
    word that showed it."""
    if gender in ("m", "f", "male", "female") and span is not None:
        start, end = span
        shown: Gender = "male" if gender in ("m", "male") else "female"
        source: Source = "pronoun" if doc.text[start:end].lower() in PRONOUN_GENDERS else "honorific"
        yield _WEIGHT["speaker" if source == "pronoun" else source], GenderEvidence(shown, start, end, source)


# ------------------------------------------------------------------ helpers
def _decide(pool: Sequence[tuple[int, GenderEvidence]]) -> GenderEvidence | None:
    """The weightier gender of ``pool`` with its first strongest piece of evidence; None on a
    tie or below :data:`_ENOUGH`."""
    totals: dict[str, int] = defaultdict(int)
    for weight, evidence in pool:
        totals[evidence.gender] += weight
    if not totals or totals["female"] == totals["male"] or max(totals.values()) < _ENOUGH:
        return None
    winner = max(totals, key=lambda g: totals[g])
    best = max(w for w, e in pool if e.gender == winner)
    return min((e for w, e in pool if e.gender == winner and w == best), key=lambda e: e.start)


def _name_parts(name: str) -> list[str]:
    return [_fold(p) for p in name.split() if _fold(p) not in _HONORIFIC_GENDER]


def _name_evidence(
    doc: Document, name: str, index: Mapping[str, Sequence[tuple[int, int]]]
) -> Iterator[tuple[int, GenderEvidence]]:
    """What the article's words show for the person called ``name``: their mentions' own
    words ("Congresswoman Lund", "Lund, a spokeswoman") and honorifics before their
    surname anywhere in the text, parsed or not, quoted or not ("Ms. Lund", or a block
    quote's "Mrs. Clinton": an honorific leaves no doubt whom it is for).
    ``index``: :func:`_name_words`."""
    parts = _name_parts(name)
    if not parts:
        return
    for sent, token in index.get(parts[-1], ()):
        mention = doc.mention(sent, token)
        if not _is_named(doc, mention, parts):
            continue
        found = mention_gender(doc, mention)
        if found is not None and found.source != "pronoun":
            yield _WEIGHT[found.source], found
    surname = regex.escape(name.split()[-1])
    honorific = rf"\b(Mr|Mrs|Ms|Miss|Sir|Dame)\b\.?\s+(?:\p{{Lu}}[\p{{L}}.'’-]*\s+){{0,2}}{surname}\b"
    for match in regex.finditer(honorific, doc.text):
        start, end = match.span(1)
        gender: Gender = _HONORIFIC_GENDER[match.group(1).lower()]  # type: ignore[assignment]
        yield _WEIGHT["honorific"], GenderEvidence(gender, start, end, "honorific")


def _pronoun_evidence(doc: Document, sent: int, index: int) -> GenderEvidence:
    tok = doc.sentences[sent].tokens[index]
    return GenderEvidence(PRONOUN_GENDERS[tok.text.lower()], tok.start, tok.end, "pronoun")  # type: ignore[arg-type]


@functools.lru_cache(maxsize=65536)  # called for every name word of every sentence, many times over
def _fold(word: str) -> str:
    return bare(word).lower().rstrip(".,")


def _name_words(doc: Document) -> dict[str, list[tuple[int, int]]]:
    """Where each name word stands outside quotations, folded ("lund" -> [(sentence, token), …]), in order."""
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, sentence in enumerate(doc.sentences):
        for tok in sentence.tokens:
            if is_name_word(tok) and not doc.in_quote(tok):
                index[_fold(tok.text)].append((s, tok.index))
    return index


def _is_named(doc: Document, mention: Mention, parts: Sequence[str]) -> bool:
    """Whether a mention names the person whose name has ``parts``: its name words are all theirs."""
    run = [_fold(w.text) for w in doc.words(mention) if is_name_word(w)]
    run = [w for w in run if w not in HONORIFICS and w + "." not in HONORIFICS]
    head = doc.sentences[mention.sent].tokens[mention.head]
    # "pollster Omar Reyes" parsed with the role for head and the name set beside it
    beside = any(
        w.head == head.index and w.deprel in ("appos", "flat", "flat:name") and is_name_word(w)
        for w in doc.words(mention)
    )
    named = is_name_word(head) or (head.upos == "NOUN" and beside)
    return bool(run) and named and parts[-1] in run and all(w in parts for w in run[-2:])


def _gives_title(doc: Document, mention: Mention, title: str) -> bool:
    """Whether a description is the speaker's title ("the head of the … Republic")."""
    head = doc.sentences[mention.sent].tokens[mention.head]
    if head.upos != "NOUN":
        return False
    start = doc.span(mention)[0]
    described = str(regex.sub(r"^(?:the|a|an)\s+", "", doc.text[start : start + len(title) + 4].lower()))
    return described.startswith(title.lower())


def _owned_by_other(tokens: Sequence[Token], word: Token, head: Token) -> bool:
    """Whether ``word`` belongs to a possessor inside the phrase ("Trump's" in "Trump's lawyer")."""
    current = word
    for _ in range(8):
        if current.index == head.index:
            return False
        if current.deprel == "nmod:poss":
            return True
        if current.head < 0:
            return False
        current = tokens[current.head]
    return False


def _person_mentions(doc: Document, sent: int) -> Iterator[Mention]:
    """The noun phrases of a sentence, outside quotations, that can be a person: names
    (not organisations'), singular person nouns, and gendered pronouns."""
    tokens = doc.sentences[sent].tokens
    for tok in tokens:
        if doc.in_quote(tok) or doc.in_party_label(tok.start):
            continue  # "Lynch (D-Mass.)" names one person
        head = tokens[tok.head] if tok.head >= 0 else None
        if is_name_word(tok) and tok.text.lower() not in TIME_NAMES:
            joined = tok.deprel in ("flat", "flat:name", "compound")
            inside = head is not None and joined and head.upos in ("PROPN", "NOUN")
            aide = (
                tok.deprel == "compound"
                and head is not None
                and head.upos == "NOUN"
                and head.lemma.lower() in TITLE_NOUNS
                and "Number=Plur" not in head.feats
            )
            if inside and not aide:
                continue  # part of a longer name, or "the Biden administration"; "a Clinton aide" is Clinton's
            if tok.deprel == "nmod:poss" and head is not None and head.upos == "NOUN":
                pass  # "Trump's campaign": still Trump, a person a pronoun may refer to
            mention = doc.mention(sent, tok.index)
            placed = any(
                k.deprel == "case" and k.text.lower() in PLACE_PREPOSITIONS for k in doc.children(sent, tok.index)
            )
            if not plural_name(tok) and not placed and not is_organisation_name(doc, mention):
                yield mention
        elif tok.upos == "NOUN" and "Number=Plur" not in tok.feats:
            lemma = tok.lemma.lower()
            # "director" in "Kofman, director of …" is Kofman again, not a second person
            modifier = tok.deprel in ("compound", "appos") and head is not None and head.upos in ("NOUN", "PROPN")
            no_person = ORGANISATION_NOUNS | DOCUMENT_NOUNS | TITLE_PARTS
            if lemma in PERSON_NOUNS and lemma not in no_person and not modifier:
                yield doc.mention(sent, tok.index)
        elif tok.upos == "PRON" and tok.text.lower() in PRONOUN_GENDERS:
            yield doc.mention(sent, tok.index)


def _may_be(
    doc: Document, mention: Mention, gender: str, known: Mapping[str, str], links: Mapping[tuple[int, int], Mention]
) -> bool:
    """Whether a candidate antecedent can have ``gender``: not a pronoun or a noun of the
    other, nor a surname known to be of the other."""
    shown = mention_gender(doc, mention)
    if shown is not None:
        return shown.gender == gender
    entity = _entity(doc, mention, links)
    return entity[0] != "name" or known.get(str(entity[1]), gender) == gender


def _entity(doc: Document, mention: Mention, links: Mapping[tuple[int, int], Mention]) -> tuple[object, ...]:
    """Who a candidate is, to tell one person from two: a name by its last word, a
    pronoun by its antecedent, a noun phrase by itself."""
    mention = links.get((mention.sent, mention.head), mention)
    head = doc.sentences[mention.sent].tokens[mention.head]
    if is_name_word(head):  # "Rep. Ann Lee" and "Lee" alike, whichever word the parse made the head
        return "name", _fold([w for w in doc.words(mention) if is_name_word(w)][-1].text)
    return "phrase", mention.sent, mention.head


def _adjacent(doc: Document, first: int, second: int) -> bool:
    """Whether two parsed sentences follow each other in the text (none unparsed between)."""
    gap = doc.text[doc.sentences[first].end : doc.sentences[second].start]
    return len(gap) < 4 and not gap.strip()
