"""Entities: resolve speaker mentions to a full name and a title.

A named mention gets the longest form of its name in the article ("Kofman" ->
"Michael Kofman"); a pronoun gets the most recent compatible person; a nominal
("the Ukrainian official") gets the person whose title it echoes. Titles come from
appositions ("Michael Kofman, director of …"), words before the name ("Ukrainian
Foreign Minister Dmytro Kuleba"), predicates ("since becoming secretary of state")
and descriptions that introduce a person before the name ("the head of …").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import attrs

from .attribution import Attribution
from .document import Document, Mention, is_name_word, word_end
from .lexicon import HONORIFICS, PERSON_NOUNS, PERSONAL_PRONOUNS, RELATIVE_PRONOUNS, TITLE_NOUNS
from .parse import Token

__all__ = ["Resolution", "resolve"]

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Dependents kept in a title phrase: "head of the self-proclaimed Donetsk People's Republic".
_TITLE_LEFT = frozenset({"det", "amod", "compound", "flat", "flat:name", "nmod:poss", "nummod", "advmod"})
_TITLE_RIGHT_SKIP = frozenset({"acl:relcl", "appos", "parataxis", "punct", "acl", "advcl", "dep"})
# How far back a pronoun or nominal looks for its person, in sentences.
_LOOKBACK = 8
_HONORIFIC_WORDS = frozenset(h.lower().rstrip(".") for h in HONORIFICS)
# Prepositions that keep a phrase a title: "secretary of state", "professor at Yale", "envoy to the UN".
_TITLE_PREPOSITIONS = frozenset({"of", "at", "for", "in", "on", "to", "from"})
_INTRO_WINDOW = 6


@attrs.frozen
class Resolution:
    """The resolved ``name`` and ``title`` of one speaker mention (None where unknown),
    and the ``gender`` ("m"/"f") the registry learnt for that person with the character
    span of the word that showed it (an honorific, a pronoun resolved to them)."""

    name: str | None = None
    title: str | None = None
    gender: str | None = None
    gender_evidence: tuple[int, int] | None = None


@attrs.define
class _Person:
    name: str
    first: int  # character offset of the first mention
    first_sent: int  # and its sentence
    sentences: list[int] = attrs.Factory(list)  # every sentence that names them, in order
    title: str | None = None
    gender: str | None = None
    gender_evidence: tuple[int, int] | None = None  # the span of the word that showed the gender
    speaker: bool = False


def _norm(word: str) -> str:
    return word.lower().rstrip(".")


def _is_title_word(tok: Token) -> bool:
    return tok.text.lower() in TITLE_NOUNS or tok.lemma.lower() in TITLE_NOUNS


def _name_tokens(doc: Document, mention: Mention) -> list[Token]:
    """The proper-name part of a mention: the run of PROPN around the head, titles stripped."""
    words = doc.words(mention)
    head = mention.head - mention.first
    if not is_name_word(words[head]):
        return []
    lo = hi = head
    while lo - 1 >= 0 and is_name_word(words[lo - 1]):
        lo -= 1
    while hi + 1 < len(words) and is_name_word(words[hi + 1]):
        hi += 1
    run = words[lo : hi + 1]
    while run and (_is_title_word(run[0]) or _norm(run[0].text) in _HONORIFIC_WORDS):
        run = run[1:]
    return run


def _text(doc: Document, tokens: Sequence[Token]) -> str:
    return doc.text[tokens[0].start : word_end(tokens[-1])] if tokens else ""


def _title_phrase(doc: Document, sent: int, head: int, after: int = -1) -> str | None:
    """The text of a title noun phrase headed by ``head``, without its determiner.

    Left: the modifiers next to the head ("self-proclaimed", "Russian"); right: the
    "of/at/for …" phrases with everything in them ("of the Russia Studies at CNA").
    """
    tokens = doc.sentences[sent].tokens
    lo = hi = head
    for kid in reversed([k for k in doc.children(sent, head) if k.index < head]):
        if kid.deprel not in _TITLE_LEFT or doc.in_quote(kid):
            break
        lo = min(lo, doc.subtree(sent, kid.index)[0])
    for kid in (k for k in doc.children(sent, head) if k.index > head):
        if kid.deprel.startswith("nmod") and any(
            c.deprel == "case" and c.lemma.lower() in _TITLE_PREPOSITIONS for c in doc.children(sent, kid.index)
        ):
            hi = max(hi, _clean_subtree_end(doc, sent, kid.index))
        elif kid.deprel in ("flat", "compound", "amod", "nummod") and kid.index == hi + 1:
            hi = kid.index
        else:
            break
    if hi == head and head + 1 < len(tokens) and tokens[head + 1].lemma.lower() in _TITLE_PREPOSITIONS:
        hi = _surface_phrase_end(doc, sent, head + 1)  # "head of the … Republic" the parse cut off
    lo = max(lo, min(after + 1, head))
    while lo < head and (tokens[lo].upos in ("DET", "PUNCT", "ADP", "PRON") or tokens[lo].text.lower() in _DEFINITE):
        lo += 1
    while hi > head and tokens[hi].upos in ("PUNCT", "CCONJ", "ADP"):
        hi -= 1
    if any(doc.in_quote(t) for t in tokens[lo : hi + 1]):
        return None
    text = doc.text[tokens[lo].start : tokens[hi].end].strip()
    return text or None


def _surface_phrase_end(doc: Document, sent: int, start: int) -> int:
    """The last token of a prepositional phrase read from the surface: up to a verb, comma or quote."""
    tokens = doc.sentences[sent].tokens
    end = start
    for tok in tokens[start + 1 : start + 12]:
        clause = tok.upos in ("VERB", "AUX") and tok.deprel not in ("amod", "compound")
        if clause or tok.upos in ("SCONJ", "PRON") or tok.text in (",", ";", ":", ".") or doc.in_quote(tok):
            break
        end = tok.index
    return end


def _clean_subtree_end(doc: Document, sent: int, head: int) -> int:
    """The last token of ``head``'s subtree, stopping before clauses, appositions and punctuation."""
    hi = head
    for kid in doc.children(sent, head):
        if kid.index > head and kid.deprel not in _TITLE_RIGHT_SKIP:
            hi = max(hi, _clean_subtree_end(doc, sent, kid.index))
    return hi


def _prenominal_title(doc: Document, mention: Mention, name: list[Token]) -> str | None:
    words = doc.words(mention)
    before = [w for w in words if w.end <= name[0].start]
    while before and (
        before[0].upos in ("DET", "PUNCT", "PRON")
        or before[0].deprel == "nmod:poss"
        or before[0].text.lower() in _DEFINITE
    ):
        before = before[1:]
    before = [w for w in before if w.upos != "PART"]
    titled = [w for w in before if _is_title_word(w) and _norm(w.text) not in ("mr", "mrs", "ms", "miss")]
    if not titled:
        return None
    return _text(doc, before)


class _Registry:
    """The people of a document, found from its named mentions, with their titles."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.people: list[_Person] = []
        self.by_mention: dict[tuple[int, int], _Person] = {}
        self.by_sentence: dict[int, list[Mention]] = {}
        for mention in self._named_mentions():
            self._add(mention)

    def _named_mentions(self) -> Iterator[Mention]:
        doc = self.doc
        for s, sent in enumerate(doc.sentences):
            for tok in sent.tokens:
                if tok.upos != "PROPN":
                    continue
                head = sent.tokens[tok.head] if tok.head >= 0 else None
                # not separate people: "Kuleba" in a flat name, "Biden" in "the Biden administration"
                if head is not None and tok.deprel in ("flat", "flat:name") and is_name_word(head):
                    continue
                if head is not None and tok.deprel in ("compound", "amod") and head.upos in ("NOUN", "PROPN"):
                    continue
                yield doc.mention(s, tok.index)

    def _add(self, mention: Mention) -> _Person | None:
        doc = self.doc
        name = _name_tokens(doc, mention)
        if not name:
            return None
        words = [_norm(t.text) for t in name]
        person = self._match(words)
        if person is None:
            person = _Person(_text(doc, name), name[0].start, mention.sent)
            self.people.append(person)
        elif len(words) > len(person.name.split()):
            person.name = _text(doc, name)
        self.by_mention[(mention.sent, mention.head)] = person
        bisect.insort(person.sentences, mention.sent)
        self.by_sentence.setdefault(mention.sent, []).append(mention)
        honorific = next((w for w in doc.words(mention) if HONORIFICS.get(w.text.lower())), None)
        if honorific is not None and person.gender is None:
            person.gender, person.gender_evidence = HONORIFICS[honorific.text.lower()], (honorific.start, honorific.end)
        person.title = person.title or _prenominal_title(doc, mention, name)
        return person

    def _match(self, words: list[str]) -> _Person | None:
        """The person whose name contains all of ``words`` (most recent first)."""
        for person in reversed(self.people):
            known = [_norm(w) for w in person.name.split()]
            contained = all(w in known for w in words) or all(w in words for w in known)
            if contained and (words[-1] == known[-1] or len(words) == 1 or len(known) == 1):
                return person
        return None

    def person_of(self, mention: Mention) -> _Person | None:
        found = self.by_mention.get((mention.sent, mention.head))
        if found is None:
            found = self._add(mention)
        return found


# ------------------------------------------------------------------ titles
def _assign_titles(doc: Document, registry: _Registry) -> list[tuple[int, str, Mention]]:
    """Titles from appositions and predicates; returns the unlinked descriptions too."""
    descriptions: list[tuple[int, str, Mention]] = []
    seen_nouns: set[str] = set()
    for s, sent in enumerate(doc.sentences):
        for tok in sent.tokens:
            if doc.in_quote(tok):
                continue
            anaphoric = tok.lemma.lower() in seen_nouns  # "the official" after "a senior official"
            if tok.upos == "NOUN":
                seen_nouns.add(tok.lemma.lower())
            if tok.deprel == "appos" and tok.head >= 0:
                _link_apposition(doc, registry, s, tok.head, tok.index)
                continue
            if _is_title_word(tok) and tok.upos in ("NOUN", "PROPN") and _link_after_comma(doc, registry, s, tok.index):
                continue
            if tok.lemma.lower() == "become" and tok.upos in ("VERB", "AUX"):
                _link_predicate(doc, registry, s, tok.index)
            elif tok.upos == "NOUN" and _is_title_word(tok) and tok.deprel not in ("appos", "compound"):
                if any(k.deprel == "cop" for k in doc.children(s, tok.index)):
                    _link_predicate(doc, registry, s, tok.index)
                elif _is_definite(doc, s, tok.index) and not _has_name(doc, s, tok.index) and not anaphoric:
                    title = _title_phrase(doc, s, tok.index)
                    if title:
                        descriptions.append((tok.start, title, doc.mention(s, tok.index)))
    return descriptions


def _is_definite(doc: Document, sent: int, head: int) -> bool:
    return any(k.deprel == "det" and k.text.lower() in _DEFINITE for k in doc.children(sent, head))


def _has_name(doc: Document, sent: int, head: int) -> bool:
    return any(k.deprel in ("appos", "flat", "compound") and k.upos == "PROPN" for k in doc.children(sent, head))


def _link_apposition(doc: Document, registry: _Registry, sent: int, a: int, b: int) -> None:
    tokens = doc.sentences[sent].tokens
    for name_head, title_head in ((a, b), (b, a)):
        if (
            tokens[name_head].upos == "PROPN"
            and not _is_title_word(tokens[name_head])
            and tokens[title_head].upos in ("NOUN", "PROPN")
            and _is_title_word(tokens[title_head])
        ):
            person = registry.person_of(doc.mention(sent, name_head))
            title = _title_phrase(doc, sent, title_head)
            if person is not None and title and person.title is None:
                person.title = title
            return


def _link_after_comma(doc: Document, registry: _Registry, sent: int, title_head: int) -> bool:
    """ "Jane Smith, the mayor of Springfield, said": an apposition the parse did not mark.

    The name must not sit in a prepositional phrase ("In eastern Ukraine, the head of …").
    """
    tokens = doc.sentences[sent].tokens
    first = doc.mention(sent, title_head).first
    if first < 2 or tokens[first - 1].text != "," or tokens[first - 2].upos != "PROPN":
        return False
    name = doc.mention(sent, first - 2)
    if any(w.deprel == "case" and w.upos == "ADP" for w in doc.words(name)) or tokens[name.head].deprel in (
        "obl",
        "nmod",
        "obl:tmod",
        "nmod:tmod",
    ):
        return False
    person = registry.person_of(name)
    title = _title_phrase(doc, sent, title_head)
    if person is None or not title or person.title is not None:
        return False
    person.title = title
    return True


def _link_predicate(doc: Document, registry: _Registry, sent: int, verb: int) -> None:
    """ "X is director of …" / "since becoming secretary of state" (owner: nearest name before)."""
    tokens = doc.sentences[sent].tokens
    pred = verb
    if tokens[verb].upos in ("VERB", "AUX"):
        objects = (k.index for k in doc.children(sent, verb) if k.deprel in ("xcomp", "obj") and k.upos == "NOUN")
        pred = next(objects, -1)
        head = tokens[verb].head
        if pred < 0 and head > verb and tokens[verb].deprel in ("amod", "acl"):
            pred = head  # a parse that hangs "becoming" on the title it introduces
        if pred < 0 or not _is_title_word(tokens[pred]):
            return
    subject = next((k for k in doc.children(sent, verb) if k.deprel.startswith("nsubj")), None)
    if subject is None:
        before = [t for t in tokens[: tokens[verb].index] if t.upos == "PROPN" and not doc.in_quote(t)]
        subject = before[-1] if before else None
    if subject is None or subject.upos != "PROPN":
        return
    person = registry.person_of(doc.mention(sent, subject.index))
    title = _title_phrase(doc, sent, pred, after=verb if verb < pred else -1)
    if person is not None and title and person.title is None:
        person.title = title


# ------------------------------------------------------------------ speakers
def _antecedent(doc: Document, registry: _Registry, mention: Mention, gender: str | None) -> _Person | None:
    """The most recent person before a pronoun, preferring subjects and speakers."""
    start = doc.span(mention)[0]
    for s in range(mention.sent, max(-1, mention.sent - _LOOKBACK), -1):
        found: list[tuple[int, _Person]] = []
        for m in registry.by_sentence.get(s, []):
            tok = doc.sentences[s].tokens[m.head]
            if doc.span(m)[0] >= start or doc.in_quote(tok):
                continue
            person = registry.by_mention[(m.sent, m.head)]
            if gender and person.gender and person.gender != gender:
                continue
            if not _person_like(person):
                continue
            rank = 2 if tok.deprel.startswith("nsubj") else 1
            found.append((rank * 10_000_000 + doc.span(m)[0], person))
        if found:
            return max(found, key=lambda f: f[0])[1]
    return None


def _person_like(person: _Person) -> bool:
    return person.speaker or person.title is not None or person.gender is not None or len(person.name.split()) > 1


def _echoed(doc: Document, registry: _Registry, mention: Mention) -> _Person | None:
    """The person whose title shares a word with a nominal ("the Ukrainian official")."""
    words = {w.lemma.lower() for w in doc.words(mention) if w.upos in ("ADJ", "NOUN", "PROPN")}
    start = doc.span(mention)[0]
    best: _Person | None = None
    for person in registry.people:
        if person.title is None or person.first >= start:
            continue
        k = bisect.bisect_right(person.sentences, mention.sent)
        if k == 0 or mention.sent - person.sentences[k - 1] > _LOOKBACK * 2:
            continue  # not named recently enough
        title_words = {w.lower() for w in person.title.split()}
        if words & title_words:
            best = person if best is None or person.first > best.first else best
    return best


def resolve(doc: Document, attributions: Sequence[Attribution]) -> list[Resolution]:
    """Name and title for the speaker of each attribution (empty where there is no speaker)."""
    registry = _Registry(doc)
    descriptions = _assign_titles(doc, registry)
    # "who" in "Kofman, who said …" stands for "Kofman"
    speakers = [_antecedent_of_relative(doc, a.speaker) if a.speaker is not None else None for a in attributions]
    for named in speakers:
        if named is not None and (person := registry.by_mention.get((named.sent, named.head))):
            person.speaker = True
    _link_introductions(doc, registry, descriptions, attributions)
    resolved = [_resolve_one(doc, registry, named) if named is not None else (Resolution(), None) for named in speakers]
    # a gender learnt from a later pronoun holds for the earlier quotes too
    return [
        attrs.evolve(found, gender=person.gender, gender_evidence=person.gender_evidence) if person else found
        for found, person in resolved
    ]


def _antecedent_of_relative(doc: Document, mention: Mention) -> Mention:
    """ "who" in "Kofman, who said …" stands for "Kofman"; any other mention for itself."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
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


def _resolve_one(doc: Document, registry: _Registry, mention: Mention) -> tuple[Resolution, _Person | None]:
    head = doc.sentences[mention.sent].tokens[mention.head]
    words = doc.words(mention)
    person: _Person | None = None
    if head.upos == "PROPN" and _name_tokens(doc, mention):
        person = registry.person_of(mention)
    elif head.upos in ("NOUN", "PROPN", "ADJ") and head.lemma.lower() in PERSON_NOUNS:
        person = _echoed(doc, registry, mention)
    elif head.upos == "PRON" and head.text.lower() in PERSONAL_PRONOUNS:
        gender, number = PERSONAL_PRONOUNS[head.text.lower()]
        if number == "sg" and gender in ("m", "f"):
            person = _antecedent(doc, registry, mention, gender)
            if person is not None and person.gender is None:
                person.gender, person.gender_evidence = gender, (head.start, head.end)
    if person is not None:
        return Resolution(person.name, person.title), person
    if any(w.upos == "PROPN" for w in words):  # an organisation: "the Biden administration"
        core = [w for w in words if w.upos not in ("DET", "PART") and w.deprel != "case"]
        return Resolution(_text(doc, core) or None, None), None
    return Resolution(), None


def _link_introductions(
    doc: Document,
    registry: _Registry,
    descriptions: list[tuple[int, str, Mention]],
    attributions: Sequence[Attribution],
) -> None:
    """A description that introduces someone before the name ("the head of X told …", then
    "Denis Pushilin said") becomes the title of the next speaker who has none."""
    speaker_heads = {(a.speaker.sent, a.speaker.head) for a in attributions if a.speaker is not None}
    for start, title, mention in descriptions:
        if (mention.sent, mention.head) in speaker_heads and _echoed(doc, registry, mention) is not None:
            continue  # a nominal speaker already resolved to a named person
        later = [
            p
            for p in registry.people
            if p.speaker and p.title is None and p.first > start and p.first_sent - mention.sent <= _INTRO_WINDOW
        ]
        if later:
            min(later, key=lambda p: p.first).title = title
