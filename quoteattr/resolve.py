"""Resolve: the full name, title and gender of the speaker of each attribution.

A speaker mention is resolved by what it is:

- a name: its record in the document's :class:`~quoteattr.speakers.Registry`;
- "who" in "Lee, who said": the noun it stands for;
- a pronoun: the nearest person before it that agrees in number and in the gender
  the article shows, a clause's subject first, or the person of a subject pronoun
  before it; never a name inside a quotation;
- a transcript's label ("PENCE:"): the person of that surname;
- a role ("the spokeswoman", "the former secretary of state"): the nearest person
  whose title has that noun (and the mention's other words, where any person's
  does); nobody, when no title fits (an anonymous official stays anonymous);
- a document ("the report", "a statement from X", "X's letter"): its author, where
  the article names one;
- any other phrase with a name in it ("the Clinton campaign"): that phrase.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .attribution import Attribution
from .document import Document, Mention, is_main_subject, is_turn_label, plural_name, word_end
from .lexicon import (
    DOCUMENT_NOUNS,
    GENDERED_NOUNS,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    PRONOUN_GENDERS,
    RELATIVE_PRONOUNS,
    TITLE_EXPANSIONS,
)
from .names import NameMention, name_in, normalise
from .speakers import Person, Registry
from .titles import Description, descriptions, is_role_text, role_words
from .tokens import Token

__all__ = ["Resolution", "resolve", "stand_in"]

_LOOKBACK = 8  # sentences a pronoun looks back for its person
# A pronoun's person may be the one of a subject pronoun before it, found the same way:
# the nearest this many, this many steps back.
_CHAIN_PRONOUNS = 2
_CHAIN_DEPTH = 2
_ROLE_REACH = 6_000  # characters a role looks back for the person it describes
_INTRO_WINDOW = 2  # sentences between a description and the name it introduces
_GENDER = {"m": "male", "f": "female"}
_SALIENCE = 0.6
_SPEAKING = 0.6
# sentences a name in a clause beside a pronoun's own counts as farther: measured on PolNeAR
# train 41-120, 1 gives name accuracy 0.887, 2 gives 0.892 (dev 0.917 either way)
_BESIDE = 2
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "across", "near", "to", "into", "throughout", "outside"})
_DEFINITE = frozenset({"the", "this", "that"})
_ROLE_NOUNS = PERSON_NOUNS - ORGANISATION_WORDS


@attrs.frozen
class Resolution:
    """The resolved ``name``, ``title`` and ``gender`` of one speaker mention (None where
    unknown); ``gender_evidence`` is the span of the word that shows the gender."""

    name: str | None = None
    title: str | None = None
    gender: str | None = None
    gender_evidence: tuple[int, int] | None = None


def resolve(doc: Document, attributions: Sequence[Attribution], registry: Registry | None = None) -> list[Resolution]:
    """Name, title and gender for the speaker of each attribution (empty where there is none).

    The gender is the one the article's words about the person's name show (see
    :class:`~quoteattr.speakers.Registry`); a speaker pronoun resolved to them adds
    nothing to it, since a wrong pick would then keep them from every pronoun of the
    other gender. ``registry``: the document's (:class:`~quoteattr.speakers.Registry`),
    built here when None; resolving adds to it.
    """
    registry = registry if registry is not None else Registry(doc)
    mentions = [stand_in(doc, a.speaker) if a.speaker is not None else None for a in attributions]
    speaking = {id(p) for m in mentions if m is not None and (p := _named(doc, registry, m)) is not None}
    found = descriptions(doc)
    _introduce(doc, registry, found, speaking)
    _refer_back(doc, registry, found, speaking)
    chain: list[tuple[int, int, Person]] = []  # speakers resolved so far: sentence, offset, person
    people: list[Person | None] = []
    for m in mentions:
        person = _person(doc, registry, m, speaking, chain) if m is not None else None
        if m is not None and person is not None and not person.is_organisation:
            chain.append((m.sent, doc.span(m)[0], person))  # "“…,” Lee said. … “…,” she added."
        people.append(person)
    results: list[Resolution] = []
    for mention, person in zip(mentions, people, strict=True):
        if person is not None:
            results.append(Resolution(person.name, person.title, person.gender, person.gender_evidence))
        elif mention is not None:
            results.append(Resolution(_phrase_name(doc, registry, mention)))
        else:
            results.append(Resolution())
    return results


def stand_in(doc: Document, mention: Mention) -> Mention:
    """The noun phrase a relative pronoun stands for ("Kofman" for "who" in "Kofman, who
    said …"), and the name under a stray mark the tagger made a phrase's head; any other
    mention is its own."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    if not any(c.isalnum() for c in head.text):  # "'” Clinton told": a stray mark the tagger made the head
        names = [k for k in doc.children(mention.sent, head.index) if k.deprel.startswith("flat") and k.upos == "PROPN"]
        return doc.mention(mention.sent, names[0].index) if names else mention
    clause = tokens[head.head] if head.head >= 0 else None
    if head.lemma.lower() not in RELATIVE_PRONOUNS:
        return mention
    if clause is not None and clause.deprel.startswith("acl"):
        return doc.mention(mention.sent, clause.head) if clause.head >= 0 else mention
    # a parse that missed the relative clause: the noun just before "who" (past a comma)
    before = [t for t in tokens[: mention.first] if t.upos != "PUNCT"]
    if before and before[-1].upos in ("PROPN", "NOUN"):
        return doc.mention(mention.sent, before[-1].index)
    return mention


def _name_of(doc: Document, registry: Registry, mention: Mention) -> int | None:
    """The registry's name mention for a speaker mention whose head is a name."""
    k = registry.name_at(mention.sent, mention.head)
    if k is not None:
        return k
    name = name_in(doc, mention)
    if name is None:
        return None
    registry.add(name)
    return len(registry.names) - 1


def _named(doc: Document, registry: Registry, mention: Mention) -> Person | None:
    k = _name_of(doc, registry, mention)
    return registry.person_of_name.get(k) if k is not None else None


def _labelled(doc: Document, registry: Registry, mention: Mention) -> Person | None:
    """A transcript's label in capitals ("PENCE:"): the person named nearest before it
    whose surname it is ("Mike Pence"); a label is never an acronym."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    if not is_turn_label(tokens, head):
        return None
    surname = normalise(head.text)
    start = doc.span(mention)[0]
    people = [p for p in registry.people if p.words and p.words[-1] == surname and not p.is_organisation]
    return min(people, key=lambda p: p.nearest(start)) if people else None


def _apposed(doc: Document, mention: Mention) -> Mention | None:
    """The name that a mention is set beside: "Lee" for "the mayor" in "Lee, the mayor"
    and in "the mayor, Lee"."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    if head.deprel == "appos" and 0 <= head.head < len(tokens) and tokens[head.head].upos == "PROPN":
        return doc.mention(mention.sent, head.head)
    kids = [k for k in doc.children(mention.sent, mention.head) if k.deprel == "appos" and k.upos == "PROPN"]
    if kids and head.upos != "PROPN":
        return doc.mention(mention.sent, kids[0].index)
    if head.upos != "NOUN":
        return None
    # the parser's other readings of an apposition: a second subject beside the role ("Dean,
    # a medical doctor, said") or a conjunct with no "and" ("Scott's niece, state Del. Marcia Price,")
    beside = [k for k in doc.children(mention.sent, head.head) if k.deprel == head.deprel] if head.head >= 0 else []
    beside += [
        k
        for k in doc.children(mention.sent, mention.head)
        if k.deprel == "conj" and not any(c.deprel == "cc" for c in doc.children(mention.sent, k.index))
    ]
    for name in beside:
        if name.upos == "PROPN" and name.index != head.index and _only_commas_between(doc, mention, name):
            return doc.mention(mention.sent, name.index)
    return None


def _only_commas_between(doc: Document, mention: Mention, name: Token) -> bool:
    """Whether a name stands right beside a role mention, a comma between them and no
    clause: "Dean, a medical doctor", "His former partner at Lenox, Lawrence Cummings"."""
    tokens = doc.sentences[mention.sent].tokens
    named = doc.mention(mention.sent, name.index)
    lo, hi = named.first, named.last
    if hi < mention.first:
        between = tokens[hi + 1 : mention.first]
        return bool(between) and all(t.text == "," for t in between)
    between = tokens[mention.last + 1 : lo]
    return bool(between) and between[-1].text == "," and not any(t.upos in ("VERB", "AUX") for t in between)


def _person(
    doc: Document, registry: Registry, mention: Mention, speaking: set[int], chain: list[tuple[int, int, Person]]
) -> Person | None:
    head = doc.sentences[mention.sent].tokens[mention.head]
    if (person := _labelled(doc, registry, mention)) is not None:
        return person
    if (person := _named(doc, registry, mention)) is not None:
        return person
    apposed = _apposed(doc, mention)
    if apposed is not None and (person := _named(doc, registry, apposed)) is not None:
        return person
    word = head.text.lower()
    if head.upos == "PRON" and word in PERSONAL_PRONOUNS:
        gender, number = PERSONAL_PRONOUNS[word]
        if number == "sg" and gender in _GENDER:
            # the pronoun's gender is not the person's to keep: a pick can be wrong, and then
            # it would keep them from every pronoun of the other gender
            return _antecedent(doc, registry, mention, _GENDER[gender], speaking, chain)
        if word in ("it", "they", "them"):
            return _organisation_before(doc, registry, mention)
        return None
    if head.upos in ("NOUN", "PROPN", "ADJ") and head.lemma.lower() in DOCUMENT_NOUNS:
        return _author(doc, registry, mention)
    if head.upos in ("NOUN", "PROPN", "ADJ") and head.lemma.lower() in _ROLE_NOUNS:
        return _described(doc, registry, mention) or _referred(doc, registry, mention, speaking)
    if head.upos == "NOUN" and head.lemma.lower() in ORGANISATION_WORDS:  # "the commission"
        start = doc.span(mention)[0]
        named = [p for p in registry.people if head.lemma.lower() in p.words and p.nearest(start) < _ROLE_REACH]
        # the full name before a bare "Commission" that a sentence's capital made a name
        return min(named, key=lambda p: (len(p.words) < 2, p.nearest(start))) if named else None
    return None


def _antecedent(
    doc: Document,
    registry: Registry,
    mention: Mention,
    gender: str | None,
    speaking: set[int],
    chain: Sequence[tuple[int, int, Person]] = (),
    depth: int = 0,
) -> Person | None:
    """The person a pronoun stands for: among the people named in the sentences before
    it (and in its own, before it) who agree in gender, the nearest, where a clause's
    subject and a person quoted count as nearer by ``_SALIENCE`` and ``_SPEAKING``
    sentences; of two as near, a subject or one just introduced, then the main clause's
    subject, then the later. A subject pronoun before it counts as the person it stands
    for, found the same way (``depth`` steps so far, at most ``_CHAIN_DEPTH``).
    Places ("in Ohio") and organisations are no candidates, nor bare names of people
    who neither speak nor are described. A quote's speaker resolved before counts as a
    subject that speaks ("he said … he added")."""
    start = doc.span(mention)[0]
    best: tuple[float, bool, bool, int, Person] | None = None
    for k, name in enumerate(registry.names):
        if not (mention.sent - _LOOKBACK < name.sent <= mention.sent and name.start < start):
            continue
        person = registry.person_of_name[k]
        shown = person.gender or person.bound_gender
        if person.is_organisation or (gender and shown and shown != gender) or _placed(doc, name):
            continue
        tokens = doc.sentences[name.sent].tokens
        plural = len(person.words) == 1 and plural_name(tokens[name.head])
        if doc.quote_at(name.start, name.end) is not None or plural:
            continue  # a name quoted, or "Women" of "a project on Women in Power": nobody to go on about
        subject = any(tokens[i].deprel.startswith("nsubj") for i in range(name.first, name.last + 1))
        known = id(person) in speaking or person.gender or len(person.words) > 1 or _has_role(registry, person)
        if not known:
            continue
        # "… concerns Henry Crespo, president of the caucus.“…,” he said": one just introduced
        introduced = person.mentions[0] == k and bool(registry.claims_on(k))
        cost = mention.sent - name.sent - _SALIENCE * (subject or introduced) - _SPEAKING * (id(person) in speaking)
        if name.sent == mention.sent and not _binds(doc, name, mention):
            cost += _BESIDE  # "Asked whether Clinton would win, she replied": someone of an earlier sentence
        # of two as near, the subject or one just introduced, then the main clause's subject
        # ("Lee said Clinton erred. “…,” she said": Lee), then the later
        main = subject and any(is_main_subject(tokens, tok) for tok in tokens[name.first : name.last + 1])
        if best is None or (cost, not (subject or introduced), not main, -name.start) < best[:4]:
            best = (cost, not (subject or introduced), not main, -name.start, person)
    for sent, offset, person in chain:  # "Lee said … he said": the speakers of the quotes before
        if (
            mention.sent - _LOOKBACK < sent <= mention.sent
            and offset < start
            and (person.gender or person.bound_gender) in (None, gender)
        ):
            cost = mention.sent - sent - _SALIENCE - _SPEAKING
            if best is None or (cost, False, False, -offset) < best[:4]:
                best = (cost, False, False, -offset, person)
    if gender and depth < _CHAIN_DEPTH:
        # "Trump trails. He pitched … “…,” he said": a subject pronoun between keeps its person in view
        for pronoun in _subject_pronouns_before(doc, mention, gender):
            meant = _antecedent(doc, registry, pronoun, gender, speaking, chain, depth + 1)
            if meant is None or (meant.gender and meant.gender != gender):
                continue
            cost = mention.sent - pronoun.sent - _SALIENCE - _SPEAKING * (id(meant) in speaking)
            if pronoun.sent == mention.sent and not _binds(doc, pronoun, mention):
                cost += _BESIDE
            offset = doc.span(pronoun)[0]
            if best is None or (cost, False, False, -offset) < best[:4]:
                best = (cost, False, False, -offset, meant)
    return best[4] if best is not None else None


def _subject_pronouns_before(doc: Document, mention: Mention, gender: str) -> list[Mention]:
    """The nearest subject pronouns of ``gender`` ("he", "she") outside quotations before
    ``mention``, in its sentence and the ones before it, nearest first."""
    start = doc.span(mention)[0]
    found: list[Mention] = []
    for sent in range(mention.sent, max(mention.sent - _LOOKBACK, -1), -1):
        for tok in reversed(doc.sentences[sent].tokens):
            if tok.start >= start or tok.upos != "PRON" or not tok.deprel.startswith("nsubj") or doc.in_quote(tok):
                continue
            if PRONOUN_GENDERS.get(tok.text.lower()) == gender:
                found.append(doc.mention(sent, tok.index))
                if len(found) == _CHAIN_PRONOUNS:
                    return found
    return found


def _binds(doc: Document, name: NameMention | Mention, pronoun: Mention) -> bool:
    """Whether a name in the pronoun's own sentence is the subject (or in the subject) of
    a clause the pronoun's clause hangs from ("Lee said she would run"), or has the
    pronoun in its own phrase ("Rep. Joe Wilson, the congressman who gained attention
    when he yelled"); a name in a clause beside it ("Asked whether Lee would win, she
    replied") is not."""
    tokens = doc.sentences[pronoun.sent].tokens
    current = tokens[pronoun.head]
    for _ in range(12):
        if current.head < 0:
            return False
        current = tokens[current.head]
        if name.first <= current.index <= name.last:
            return True
        subjects = [k for k in doc.children(pronoun.sent, current.index) if k.deprel.startswith("nsubj")]
        if any(name.first <= k.index <= name.last or k.index == name.head for k in subjects):
            return True
    return False


def _has_role(registry: Registry, person: Person) -> bool:
    """Whether any title of the person names a role ("Ohio, the state where …" has none)."""
    return any(is_role_text(claim.text) for claim in registry.claims_of(person))


def _placed(doc: Document, name: NameMention) -> bool:
    """A name after a preposition of place or time ("in Ohio", "from New York")."""
    tokens = doc.sentences[name.sent].tokens
    if name.first > 1 and tokens[name.first - 2].text.lower() == "according":
        return False  # "according to Ham": a source, not a place
    return name.first > 0 and tokens[name.first - 1].text.lower() in _PLACE_PREPOSITIONS


def _organisation_before(doc: Document, registry: Registry, mention: Mention) -> Person | None:
    """ "it" or "they" for an organisation: the one named last before it, not far back."""
    start = doc.span(mention)[0]
    found = [
        (name.start, registry.person_of_name[k])
        for k, name in enumerate(registry.names)
        if mention.sent - _LOOKBACK < name.sent <= mention.sent
        and name.start < start
        and registry.person_of_name[k].is_organisation
    ]
    return max(found, key=lambda f: f[0])[1] if found else None


def _head_words(doc: Document, mention: Mention) -> tuple[str, set[str]]:
    """A role mention's head lemma and its other content words ("official", {"ukrainian"})."""
    head = doc.sentences[mention.sent].tokens[mention.head]
    words = {w.lemma.lower() for w in doc.words(mention) if w.upos in ("ADJ", "NOUN", "PROPN") and w is not head}
    return head.lemma.lower(), words - {"former", "then", "current"}


def _title_words(text: str) -> set[str]:
    """A title's words as a role mention may echo them: "Vermont Sen." -> vermont, sen, senator."""
    words = {w.lower().strip(",.’'") for w in text.replace("-", " ").split()}
    words |= {w.removesuffix("’s").removesuffix("'s") for w in words}
    return words | {w[:-1] for w in words if w.endswith("s")} | {TITLE_EXPANSIONS.get(w, w) for w in words}


def _described(doc: Document, registry: Registry, mention: Mention) -> Person | None:
    """The person before a role mention whose titles share its head noun and most of its
    other words, nearest first ("the mayor" for "Ann Lee, the mayor of X"); failing the
    head, one whose title shares another of its words ("the Ukrainian official" for the
    "Ukrainian Foreign Minister")."""
    fits = _title_fits(doc, registry, mention)
    return max(fits, key=lambda f: f[:3])[3] if fits else None


def _title_fits(doc: Document, registry: Registry, mention: Mention) -> list[tuple[bool, int, int, Person]]:
    """The people near a role mention whose titles share words with it: whether its head
    noun, how many of its other words, and how near (negated), with the person."""
    start = doc.span(mention)[0]
    head, others = _head_words(doc, mention)
    fits: list[tuple[bool, int, int, Person]] = []
    for person in registry.people:
        distance = person.nearest(start)
        if distance > _ROLE_REACH:
            continue
        titles = [c.text for c in registry.claims_of(person)] + ([person.title] if person.title else [])
        words = set().union(*(_title_words(t) for t in titles)) if titles else set()
        if head in words or others & words:
            fits.append((head in words, len(others & words), -distance, person))
    return fits


def _referred(doc: Document, registry: Registry, mention: Mention, speaking: set[int]) -> Person | None:
    """ "the Vermont senator said", "Obama's former strategist said": a definite role
    that no title fits refers back to the person most in view, as a pronoun would
    (agreeing with a gendered noun); its words become that person's title if they have
    none. An indefinite one ("a senior official") refers to nobody; one that belongs to
    a named person ("Obama's former strategist") only to someone with no title yet."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    kids = doc.children(mention.sent, mention.head)
    possessed = any(k.deprel == "nmod:poss" and k.upos == "PROPN" for k in kids)
    definite = possessed or any(k.deprel == "det" and k.text.lower() in _DEFINITE for k in kids)
    if not definite or head.xpos in ("NNS", "NNPS"):
        return None
    person = _antecedent(doc, registry, mention, GENDERED_NOUNS.get(head.lemma.lower()), speaking)
    if possessed and person is not None and registry.claims_of(person):
        return None  # "Johnson's doctor" is not whoever is in view with a title of their own
    if person is not None and person.title is None:
        words = role_words(doc, mention.sent, mention.head)
        words = [w for w in words if not (w.deprel == "det" and w.head == mention.head)]
        while words and words[-1].text in ("’s", "'s", "’"):
            words.pop()  # "the nominee’s plan": the description is "nominee"
        text = doc.text[words[0].start : word_end(words[-1])] if words else ""
        if is_role_text(text):
            person.title = text
    return person


def _author(doc: Document, registry: Registry, mention: Mention) -> Person | None:
    """The author of a document mention: the one it names ("X's letter", "a GAO report",
    "a statement from X", "a complaint filed by X", "the party's bylaws" for the party
    named before), else the organisation named last before it ("the report said")."""
    tokens = doc.sentences[mention.sent].tokens
    lo, hi = doc.subtree(mention.sent, mention.head)
    for tok in tokens[lo : hi + 1]:
        if tok.index == mention.head or doc.in_quote(tok):
            continue
        owner = tok.deprel in ("nmod:poss", "compound") and tok.head == mention.head
        cases = {c.lemma.lower() for c in doc.children(mention.sent, tok.index) if c.deprel == "case"}
        by = tok.deprel in ("nmod", "obl", "obl:agent") and bool(cases & {"by", "from", "of"})
        if (owner or by) and tok.upos == "PROPN":
            k = _name_of(doc, registry, doc.mention(mention.sent, tok.index))
            if k is not None:
                return registry.person_of_name[k]
        if owner and tok.upos == "NOUN":  # "the party's": the organisation of that word named nearest
            start = doc.span(mention)[0]
            named = [p for p in registry.people if tok.lemma.lower() in p.words and p.nearest(start) < _ROLE_REACH]
            return min(named, key=lambda p: p.nearest(start)) if named else None
    return _organisation_before(doc, registry, mention)


def _phrase_name(doc: Document, registry: Registry, mention: Mention) -> str | None:
    """ "the Clinton campaign" -> "Clinton campaign": a phrase with a name in it that is
    no person's (not for a document: its author, where named, was resolved already)."""
    words = doc.words(mention)
    head = doc.sentences[mention.sent].tokens[mention.head]
    if head.lemma.lower() in DOCUMENT_NOUNS | _ROLE_NOUNS or not any(w.upos == "PROPN" for w in words):
        return None  # a document's author or a role's holder was looked for: never a guess
    core = [w for w in words if w.upos not in ("DET", "PART", "PRON") and w.deprel != "case"]
    if not core:
        return None
    return doc.text[core[0].start : word_end(core[-1])] or None


def _refer_back(doc: Document, registry: Registry, found: list[Description], speaking: set[int]) -> None:
    """ "the Vermont senator acknowledged …": a definite description in the narrative
    that refers back to someone with no title yet gives them its words."""
    for description in found:
        mention = doc.mention(description.sent, description.head)
        if not doc.sentences[mention.sent].tokens[mention.head].deprel.startswith(("nsubj", "nmod:poss")):
            continue
        # "the president said" after "President Barack Obama" is his, not whoever spoke last:
        # a speaker's title with all of the description's words fits it
        others = len(_head_words(doc, mention)[1])
        fits = _title_fits(doc, registry, mention)
        if not any(head and shared == others and id(person) in speaking for head, shared, _, person in fits):
            _referred(doc, registry, mention, speaking)


def _beside_in_clause(doc: Document, description: Description, name: NameMention) -> bool:
    """Whether a name stands in the description's sentence but not set beside it: "The
    Vermont senator won, beating rival Ann Lee" names two people."""
    if name.sent != description.sent:
        return False
    apposed = _apposed(doc, doc.mention(description.sent, description.head))
    return apposed is None or not name.first <= apposed.head <= name.last


def _introduce(doc: Document, registry: Registry, found: list[Description], speaking: set[int]) -> None:
    """A definite description that introduces someone before the name ("the head of X
    told …", then "Denis Pushilin said") is the title of the next speaker who has none."""
    seen_nouns: set[str] = set()
    for description in found:
        tokens = doc.sentences[description.sent].tokens
        head = tokens[description.head]
        anaphoric = head.lemma.lower() in seen_nouns
        seen_nouns.add(head.lemma.lower())
        definite = any(
            k.deprel == "det" and k.text.lower() in _DEFINITE for k in doc.children(description.sent, description.head)
        )
        # "the candidate's former doctor, Connie Mariano": the owner is not the one named next
        if anaphoric or not definite or head.deprel == "nmod:poss":
            continue
        later = [
            (registry.names[p.mentions[0]].start, p)
            for p in registry.people
            if id(p) in speaking
            and p.title is None
            and p.mentions
            and registry.names[p.mentions[0]].start > description.start
            and registry.names[p.mentions[0]].sent - description.sent <= _INTRO_WINDOW
            and not _beside_in_clause(doc, description, registry.names[p.mentions[0]])
        ]
        if later:
            min(later, key=lambda item: item[0])[1].title = description.text
