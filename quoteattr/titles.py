"""Titles: how the article describes a named person, from the constructions news uses.

- before the name: "Clinton campaign manager Robby Mook", "Vermont Sen. Bernie Sanders";
- apposition: "Ann Lee, the mayor of Springfield," (a party label in brackets,
  "(D-Vt.)", may come between), "Ann Lee — the mayor — said", and the role first:
  "An attorney for the city, Ann Lee, said";
- relative clause and copula: "Ann Lee, who is the mayor", "Lee is the mayor of ...",
  "since becoming secretary of state";
- descriptions with no name in them ("the Vermont senator"), for nominal speakers
  and for people the article describes only apart from their name.

Each construction gives a :class:`TitleClaim`; :mod:`quoteattr.speakers` chooses
among the claims of each person. The title is the article's wording, without the
name and without a leading article.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from .document import Document, word_end
from .lexicon import (
    DOCUMENT_NOUNS,
    FUNCTION_WORDS,
    ORGANISATION_WORDS,
    PARTY_WORDS,
    PERSON_NOUNS,
    RELATIONAL_NOUNS,
    TITLE_EXPANSIONS,
    TITLE_NOUNS,
)
from .names import NameMention
from .tokens import Token

__all__ = ["Description", "TitleClaim", "descriptions", "is_role_text", "role_words", "title_claims"]

# Which claim wins on one mention: an apposition says most ("Rep. Jim Lee (D-Ohio), head of
# the caucus"), then the words before the name, then a clause.
PRIORITY = {"apposition": 0, "before": 1, "clause": 2, "affiliation": 3, "label": 4}
# Claims that only stand in where nothing better describes the person.
WEAK = frozenset({"affiliation", "label"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_CLAUSE_VERBS = frozenset({"be", "become", "serve", "remain"})
_BECOME = _CLAUSE_VERBS - {"be"}
_PEOPLE = PERSON_NOUNS - ORGANISATION_WORDS  # "the administration" describes no one person
_NOT_BEFORE = frozenset({"VERB", "AUX", "PRON", "SCONJ", "CCONJ", "DET", "NUM"})
_MAX_APPOSITION = 24  # tokens: longer is a clause of the narrative, not a description
_PERSONAL_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
_ANYONE = frozenset({"person", "people", "man", "woman", "men", "women", "source", "sources", "guy"})


@attrs.frozen
class TitleClaim:
    """A title that a construction attaches to the name ``name`` (an index into the name mentions)."""

    name: int
    text: str
    start: int
    construction: str


@attrs.frozen
class Description:
    """A role noun phrase with no name: "the Vermont senator"; ``head`` is its noun's lemma."""

    sent: int
    head: int
    start: int
    text: str
    words: frozenset[str]


def is_role(tok: Token) -> bool:
    """A noun that names a role, office or job ("senator", "spokeswoman", "CEO")."""
    word = tok.text.lower().rstrip(".")
    return (
        word in TITLE_NOUNS
        or tok.lemma.lower() in TITLE_NOUNS
        or word + "." in TITLE_NOUNS
        or word in TITLE_EXPANSIONS
        or word in PARTY_WORDS
    )


def is_role_text(text: str) -> bool:
    """Whether a title has a word for a role or a kind of person in it.

    >>> is_role_text("mayor of Springfield"), is_role_text("state where it rained")
    (True, False)
    """
    words = {w.lower().strip(",.’'") for w in text.replace("-", " ").split()}
    return bool(words & (TITLE_NOUNS | PERSON_NOUNS | set(TITLE_EXPANSIONS)) - {"state", "foreign", "prime"} - _ANYONE)


def _clean(doc: Document, tokens: Sequence[Token]) -> str | None:
    """The text of ``tokens`` without a leading article or trailing punctuation."""
    toks = list(tokens)
    while toks and (toks[0].text.lower() in _DETERMINERS or toks[0].upos == "PUNCT"):
        toks = toks[1:]
    while toks and (toks[-1].upos in ("PUNCT", "CCONJ", "ADP") or toks[-1].text.lower() in ("who", "that")):
        toks = toks[:-1]
    if not toks or any(doc.in_quote(t) for t in toks):
        return None
    text = doc.text[toks[0].start : word_end(toks[-1])].strip()
    return text or None


def _before(doc: Document, name: NameMention) -> list[Token]:
    """The words right before a name that describe it: "Clinton campaign manager" in
    "Clinton campaign manager Robby Mook", up to a verb, determiner, comma or clause word."""
    tokens = doc.sentences[name.sent].tokens
    lo = name.first
    while lo > 0:
        tok = tokens[lo - 1]
        participle = tok.upos == "VERB" and _modifies(doc, name.sent, tok, tokens[lo])  # "Retired Lt. Gen. Ann Lee"
        if doc.in_quote(tok) or (tok.upos in _NOT_BEFORE and not participle):
            break
        if tok.upos == "PUNCT" and not (tok.text in "-‐‑" or tok.text == "’s"):
            break
        if tok.upos == "ADP" and not (
            tok.text.lower() == "of" and lo - 2 >= 0 and is_role(tokens[lo - 2]) and is_role(tokens[lo])
        ):
            break
        if tok.text.lower() in FUNCTION_WORDS and tok.upos != "ADP":
            break
        lo -= 1
    words = list(tokens[lo : name.first])
    while words and words[-1].text.lower().rstrip(".") in _PERSONAL_HONORIFICS:
        words.pop()  # "editor Dr. Sebastian Gorka": the honorific is neither name nor title
    if any(_describes(w) for w in words):
        return words
    # "NBC’s Dante Chinni": the outlet or body the person speaks for
    return words if len(words) >= 2 and words[-1].text in ("’s", "'s") else []


def _modifies(doc: Document, sent: int, verb: Token, after: Token) -> bool:
    """Whether a word tagged as a verb is a modifier in a title ("Retired Lt. Gen.",
    "conservative talk radio host"): marked so, or with no arguments of its own and a
    noun right after it; the tagger takes either for a verb now and then."""
    if verb.deprel == "amod":
        return True
    arguments = {"obj", "iobj", "nsubj", "nsubj:pass", "ccomp", "xcomp", "obl"}
    own = [k for k in doc.children(sent, verb.index) if k.deprel in arguments and k.index != after.index]
    # "see Ohio Gov. John Kasich" is a verb: before a name's own words, only a capitalised one modifies
    noun = after.upos == "NOUN" or (after.upos == "PROPN" and verb.text[:1].isupper())
    return not own and noun and after.index == verb.index + 1


def _describes(tok: Token) -> bool:
    """A role ("editor") or a word for a kind of person ("billionaire"), not a relation ("rival")."""
    lemma = tok.lemma.lower()
    if lemma in RELATIONAL_NOUNS or tok.text.lower() in RELATIONAL_NOUNS:
        return False
    return is_role(tok) or (lemma in PERSON_NOUNS and lemma not in _ANYONE)


def _after(doc: Document, name: NameMention) -> tuple[list[Token], str] | None:
    """ "Ann Lee, the mayor of Springfield," or "Ann Lee, who is the mayor": the words
    after the name's comma, to the next comma or the end of the sentence."""
    tokens = doc.sentences[name.sent].tokens
    i = name.last + 1
    if i < len(tokens) and tokens[i].text == "(":  # "(D-N.C.)": a party label is no title
        while i < len(tokens) and tokens[i].text != ")":
            i += 1
        i += 1
    if i + 1 < len(tokens) and tokens[i].text.lower() in ("of", "from") and tokens[i + 1].text[:1].isupper():
        i += 1  # "Rep. Elijah Cummings of Maryland, the panel's ranking Democrat"
        while i < len(tokens) and (tokens[i].text[:1].isupper() or tokens[i].text in (".", "-")):
            i += 1
    if i >= len(tokens) or tokens[i].text not in (",", "—", "–"):
        return None
    if i + 2 < len(tokens) and tokens[i + 1].upos == "NUM" and tokens[i + 2].text == ",":
        i += 2  # "Ann Lee, 53, a security guard": the age comes first
    words: list[Token] = []
    for tok in tokens[i + 1 : i + 1 + _MAX_APPOSITION]:
        if tok.text in (",", ";", ":", "—", "–", "(") or doc.in_quote(tok) or tok.text in (".", "?", "!"):
            break
        words.append(tok)
    if not words or len(words) >= _MAX_APPOSITION:
        return None
    first = words[0]
    if first.text.lower() in ("who", "whose"):
        return _relative(words), "clause"
    start = 1 if first.text.lower() in _DETERMINERS else 0
    nouns = [w for w in words[start:] if w.upos in ("NOUN", "PROPN")]
    if not nouns or words[start].upos not in ("NOUN", "PROPN", "ADJ", "NUM", "ADV", "VERB"):
        return None
    inside = {w.index for w in words}
    roots = [w for w in words[start:] if w.head not in inside]
    head = next((w for w in roots if w.upos in ("NOUN", "PROPN")), None)
    if head is None or (head.upos == "PROPN" and not is_role(head)):
        return None
    if head.lemma.lower() in RELATIONAL_NOUNS or head.text.lower() in RELATIONAL_NOUNS:
        return None
    if head.lemma.lower() in DOCUMENT_NOUNS:
        return None  # "Debating The Donald, a book analyzing …": the name is a work's title
    tokens = doc.sentences[name.sent].tokens
    attached = 0 <= head.head < len(tokens) and name.first <= head.head <= name.last
    if not attached and head.deprel not in ("appos", "dep", "parataxis", "list"):
        return None  # "After meeting Lee, the senator said": the next clause's subject
    if any(w.upos in ("VERB", "AUX") and w.deprel in ("root", "ccomp") for w in words[: words.index(head)]):
        return None  # "Lee, said on Monday …": a clause, not a description
    return words, "apposition"


def _role_before(doc: Document, name: NameMention) -> list[Token]:
    """ "An attorney for Pagliano, Mark MacDougall, said": the role noun phrase that a
    name is set beside, written before it."""
    tokens = doc.sentences[name.sent].tokens
    head = tokens[name.head]
    if head.deprel == "appos" and 0 <= head.head < name.first:
        role = tokens[head.head]
    elif head.deprel.startswith("nsubj") and name.first > 0 and tokens[name.first - 1].text == ",":
        # parsed as two subjects of one verb: "An attorney for the zoo, Petra Kolb, said"
        twins = [k for k in doc.children(name.sent, head.head) if k.deprel == head.deprel and k.index < name.first]
        if not twins:
            return []
        role = twins[-1]
    else:
        return []
    if role.upos != "NOUN" or not _describes(role):
        return []
    lo = doc.subtree(name.sent, role.index)[0]
    words = list(tokens[lo : name.first])
    while words and words[-1].upos == "PUNCT":
        words.pop()
    if not words or any(w.upos in ("VERB", "AUX") and w.deprel not in ("amod", "acl") for w in words):
        return []  # "After the vote the senator met Lee, …": a clause, not a description
    return words if words[-1].index >= role.index else []


def _relative(words: list[Token]) -> list[Token]:
    """ "who is the mayor of X" -> "mayor of X"; "who runs the club" -> nothing."""
    if len(words) > 2 and words[1].lemma.lower() in _CLAUSE_VERBS:
        rest = words[2:]
        if rest and rest[0].lemma.lower() == "as":
            rest = rest[1:]
        if any(is_role(w) for w in rest) or any(w.upos == "NOUN" for w in rest):
            return rest
    return []


def _copula(doc: Document, names: Sequence[NameMention], index_of: dict[tuple[int, int], int]) -> Iterator[TitleClaim]:
    """ "Lee is the mayor of Springfield", "since becoming secretary of state": a role
    predicated of a name that is the clause's subject (or the nearest name before)."""
    for s, sent in enumerate(doc.sentences):
        for tok in sent.tokens:
            if doc.in_quote(tok) or not is_role(tok) or tok.upos != "NOUN":
                continue
            kids = doc.children(s, tok.index)
            verb: Token | None = next((k for k in kids if k.deprel == "cop"), None)
            owner = tok
            if verb is None and tok.deprel in ("xcomp", "obj") and 0 <= tok.head < len(sent.tokens):
                head = sent.tokens[tok.head]
                if head.lemma.lower() in _CLAUSE_VERBS - {"be"}:
                    verb, owner = head, head
            if verb is None:  # "since becoming secretary of state" parsed with the verb under the title
                verb = next((k for k in kids if k.lemma.lower() in _BECOME and k.index < tok.index), None)
            if verb is None:
                continue
            subject = next((k for k in doc.children(s, owner.index) if k.deprel.startswith("nsubj")), None)
            if subject is None and verb.lemma.lower() != "be":  # "since becoming …": the name before it
                before = [i for (sn, i) in index_of if sn == s and i < verb.index]
                subject = sent.tokens[max(before)] if before else None
            if subject is None or (s, subject.index) not in index_of:
                continue
            lo, hi = doc.subtree(s, tok.index)
            span = [t for t in sent.tokens[max(lo, verb.index + 1) : hi + 1]]
            span = _without_clauses(doc, s, tok, span)
            text = _clean(doc, span)
            if text:
                yield TitleClaim(index_of[(s, subject.index)], text, span[0].start, "clause")


def _without_clauses(doc: Document, sent: int, head: Token, span: list[Token]) -> list[Token]:
    """A predicate's words up to where a clause or a second predicate starts."""
    out: list[Token] = []
    for tok in span:
        if tok.index > head.index and (tok.text in (",", ";") or tok.upos in ("VERB", "AUX", "SCONJ")):
            break
        out.append(tok)
    return out


def title_claims(doc: Document, names: Sequence[NameMention]) -> list[TitleClaim]:
    """Every title a construction attaches to one of ``names``."""
    claims: list[TitleClaim] = []
    index_of = {(n.sent, i): k for k, n in enumerate(names) for i in range(n.first, n.last + 1)}
    for k, name in enumerate(names):
        before = _before(doc, name)
        if before and (text := _clean(doc, before)):
            claims.append(TitleClaim(k, text, before[0].start, "before"))
        role = _role_before(doc, name)
        if role and (text := _clean(doc, role)):
            claims.append(TitleClaim(k, text, role[0].start, "apposition"))
        after = _after(doc, name)
        if after is not None and after[0] and (text := _clean(doc, after[0])):
            claims.append(TitleClaim(k, text, after[0][0].start, after[1]))
        claims.extend(_label_and_affiliation(doc, k, name))
    claims.extend(_copula(doc, names, index_of))
    return claims


def _label_and_affiliation(doc: Document, k: int, name: NameMention) -> Iterator[TitleClaim]:
    """ "Jon Lee (D-Mont.)": the party label; "Ann Lee of the Daily Star", "Ann Lee for
    Morning Report": the affiliation. Both weak: any other title says more."""
    tokens = doc.sentences[name.sent].tokens
    i = name.last + 1
    if i + 2 < len(tokens) and tokens[i].text == "(":
        close = next((j for j in range(i + 1, min(i + 8, len(tokens))) if tokens[j].text == ")"), None)
        inside = tokens[i + 1 : close] if close is not None else ()
        if 0 < len(inside) <= 4 and all(t.text[:1].isupper() or not t.text[:1].isalpha() for t in inside):
            start, end = inside[0].start, word_end(inside[-1])
            yield TitleClaim(k, doc.text[start:end], start, "label")
        return
    if i + 1 < len(tokens) and tokens[i].text.lower() in ("of", "for", "with"):
        words: list[Token] = [tokens[i]]
        for tok in tokens[i + 1 : i + 8]:
            if not (tok.text[:1].isupper() or tok.text.lower() in ("the", "of", "and", "&")) or doc.in_quote(tok):
                break
            words.append(tok)
        if len(words) > 1 and words[-1].upos == "PROPN" and (text := _clean(doc, words)):
            yield TitleClaim(k, text, words[0].start, "affiliation")


def role_words(doc: Document, sent: int, head: int) -> list[Token]:
    """The words of the noun phrase of role noun ``head``, with an "of" phrase and a
    second role joined to it: "the chair of the DNC", "the former secretary of state
    and current Democratic nominee"."""
    tokens = doc.sentences[sent].tokens
    lo, hi = min(doc.mention(sent, head).first, head), head
    kids = [k for k in doc.children(sent, head) if k.index > head and k.deprel.startswith("nmod")]
    if kids and any(c.deprel == "case" and c.lemma.lower() == "of" for c in doc.children(sent, kids[0].index)):
        hi = doc.subtree(sent, kids[0].index)[1]
    # "the former secretary of state and current Democratic nominee": a second role joined on
    roles = [
        k
        for k in doc.children(sent, head)
        if k.deprel in ("conj", "nmod")
        and k.index > hi
        and is_role(k)
        and any(c.deprel == "cc" for c in doc.children(sent, k.index))
    ]
    if roles:
        hi = max(hi, doc.subtree(sent, roles[0].index)[1])
    return list(tokens[lo : hi + 1])


def descriptions(doc: Document) -> list[Description]:
    """Role noun phrases with no name in them, outside quotations: "the Vermont
    senator", "the chair of the DNC", "a senior official"."""
    found: list[Description] = []
    for s, sent in enumerate(doc.sentences):
        for tok in sent.tokens:
            if tok.upos != "NOUN" or doc.in_quote(tok) or tok.lemma.lower() not in _PEOPLE:
                continue
            mention = doc.mention(s, tok.index)
            if any(w.upos == "PROPN" and w.deprel in ("flat", "appos") for w in doc.words(mention)):
                continue
            span = role_words(doc, s, tok.index)
            text = _clean(doc, span)
            if text:
                keep = {w.lemma.lower() for w in span if w.upos in ("NOUN", "ADJ", "PROPN")}
                found.append(Description(s, tok.index, span[0].start, text, frozenset(keep)))
    return found
