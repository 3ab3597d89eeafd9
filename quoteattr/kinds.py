"""Kinds: what kind of source speaks, from the speaker mention and the article's words.

One of the six kinds of :data:`quoteattr.records.KINDS`: a named ``person`` or
``organisation``; a ``document`` the article makes the source ("the report said"); an
``unnamed_person`` ("a voter"); an ``unnamed_group`` ("critics", "officials"); or an
``anonymous`` source, one the article says it keeps unnamed ("spoke on condition of
anonymity", "not authorized to speak publicly", "a source familiar with the talks").

Every function takes explicit inputs (the :class:`~quoteattr.document.Document`, the
speaker :class:`~quoteattr.document.Mention`, the name the resolver gave it), so that any
resolver can feed it. Word lists live in :mod:`quoteattr.lexicon`.
"""

from __future__ import annotations

import regex

from .document import Document, Mention, is_name_word, is_turn_label, plural_name
from .lexicon import (
    ANONYMITY_PATTERNS,
    ANONYMOUS_NOUNS,
    COLLECTIVE_NOUNS,
    COUNTRIES,
    CUE_FORMS,
    DOCUMENT_NOUNS,
    GENERIC_PERSON_NOUNS,
    HONORIFICS,
    INDEFINITE_WORDS,
    KIN_NOUNS,
    ORGANISATION_NAME_WORDS,
    ORGANISATION_NOUNS,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    TITLE_NOUNS,
)
from .records import Kind
from .resolve import stand_in
from .tokens import Token

_POSSESSIVE = regex.compile(r"(?:’s|'s|’|')$")
__all__ = ["bare", "is_anonymous", "is_organisation_name", "is_title", "speaker_kind"]

_ANONYMITY = regex.compile("|".join(ANONYMITY_PATTERNS))
_ACRONYM = regex.compile(r"(?:\p{Lu}\.?){2,}(?:’s|'s)?")
# A capital after three small letters inside one word: "PolitiFact", "HuffPo"; not "McCain", "DeSantis".
_INNER_CAPITAL = regex.compile(r"\p{Ll}{3,}\p{Lu}")
# How many sentences back a definite description ("the official") looks for the one it repeats.
_LOOKBACK = 6
# First words of many-word country names ("South Korea", "United States").
_PLACE_WORDS = frozenset({"south", "north", "east", "west", "new", "united", "saudi", "sri", "el", "costa", "great"})


def speaker_kind(doc: Document, mention: Mention, name: str | None) -> Kind:
    """What kind of source the speaker ``mention`` is, given the ``name`` the resolver found
    for it (None when it found none).

    Named mentions are people unless the name reads as an organisation's; a noun phrase
    is a document, a group, an organisation or one unnamed person by its head noun; a
    pronoun by what it can stand for. Unnamed sources the article keeps unnamed on purpose
    are anonymous.
    """
    mention = stand_in(doc, mention)
    head = _head(doc, mention)
    if head.text.lower() in CUE_FORMS and mention.head > mention.first:  # "The New York Times reports"
        mention = doc.mention(mention.sent, mention.head - 1)
        head = _head(doc, mention)
    word, lemma = head.text.lower(), head.lemma.lower()
    if head.upos == "PRON" or word in RELATIVE_PRONOUNS:
        return _pronoun_kind(doc, mention, name)
    named = _name_in(doc, mention)
    if named is not None and is_turn_label(doc.sentences[mention.sent].tokens, named):
        return "person"  # "PENCE: Well, …": a transcript names its speakers, not acronyms
    if named is not None and not plural_name(named):
        if _someone_else_named(doc, mention, name):
            return "person"  # "Virginia AFL-CIO President Doris Crouse-Mays" cut to "Virginia AFL"
        return "organisation" if is_organisation_name(doc, doc.mention(mention.sent, named.index), name) else "person"
    if word in ANONYMOUS_NOUNS or lemma in ANONYMOUS_NOUNS or is_anonymous(doc, mention):
        return "anonymous"
    if lemma in DOCUMENT_NOUNS or word in DOCUMENT_NOUNS:
        return "document"
    if _plural(head) or lemma in COLLECTIVE_NOUNS or head.upos == "NUM":
        return "unnamed_group"
    if lemma in ORGANISATION_NOUNS or word in ORGANISATION_NOUNS:
        return "organisation"
    if _beside_a_name(doc, mention):
        return "person"  # "Dean, a medical doctor, said": the description is the named man
    if _indefinite(doc, mention):
        return "unnamed_person"  # someone new: "a voter", "one questioner"
    if name is not None and not _named_inside(doc, mention, name):
        return "person"  # a description of someone the article names: "the Ukrainian official"
    if is_title(head) and lemma not in GENERIC_PERSON_NOUNS:
        return "person"  # an office held by one person: "the Florida senator", "Trump's campaign manager"
    words = doc.words(mention)
    if words[0].text.lower() == "the" and any(is_name_word(w) for w in words if w.index < head.index):
        return "person"  # one the article knows: "the New York businessman"
    if lemma in KIN_NOUNS and any(
        k.deprel == "nmod:poss" and k.upos in ("PROPN", "PRON") for k in doc.children(mention.sent, head.index)
    ):
        return "person"  # someone's own kin: "Scott's niece", "my father"
    return "unnamed_person"


def _someone_else_named(doc: Document, mention: Mention, name: str | None) -> bool:
    """Whether the resolver found a person's full name ("Doris Crouse-Mays") that is none
    of the mention's own words: the mention is a piece of the phrase before that name."""
    parts = (name or "").split()
    if not 2 <= len(parts) <= 4 or not all(p[:1].isupper() for p in parts):
        return False
    if bare(parts[-1]).lower() in ORGANISATION_NAME_WORDS | ORGANISATION_NOUNS:
        return False
    own = {bare(w.text).lower() for w in doc.words(mention)}
    return not own & {bare(p).lower() for p in parts}


def is_organisation_name(doc: Document, mention: Mention, name: str | None = None) -> bool:
    """Whether a named mention names an organisation, outlet, agency or country rather than
    a person: a name that ends in an organisation's word ("New York Times", "Democratic
    National Committee"), an acronym ("FBI"), a country ("Russia"), a name after a bare
    "the" ("The Hill", "the United Nations") or a word with an inner capital ("PolitiFact").
    An honorific or a title before the name ("Mr.", "Sen.", "President") makes it a person.
    """
    words = doc.words(mention)
    head = _head(doc, mention)
    run = [w for w in words if is_name_word(w)]
    if bare(head.text).lower() in ORGANISATION_NAME_WORDS:
        return True
    if any(w.text.lower() in HONORIFICS or is_title(w) for w in words if w.start < head.start):
        return False
    if _ACRONYM.fullmatch(head.text) or _INNER_CAPITAL.search(head.text):
        return True
    full = (name or "").lower().split()
    if len(full) > len(run) and bare(full[-1]) in ORGANISATION_NAME_WORDS:
        return True  # "Peabody" for "Peabody Energy", named in full elsewhere
    # a country, unless the article gives the name more than that ("Jim Jordan" for "Jordan")
    if (" ".join(w.text.lower() for w in run) in COUNTRIES or head.text.lower() in COUNTRIES) and (
        len(full) < 2 or full[0] in _PLACE_WORDS or " ".join(full) in COUNTRIES
    ):
        return True
    the = [w for w in words if w.text.lower() == "the" and w.start < head.start]
    between = words[words.index(the[-1]) + 1 : head.index - words[0].index] if the else []
    return bool(the) and all(w.text[:1].isupper() and not is_title(w) for w in between)


def is_anonymous(doc: Document, mention: Mention) -> bool:
    """Whether the article says the unnamed speaker of ``mention`` is kept unnamed on
    purpose: in the mention's sentence, outside quotations ("a senior official, who spoke
    on condition of anonymity, said"), or where a definite description repeats a noun of
    an earlier sentence that did ("the official said" after that)."""
    if _says_anonymous(doc, mention.sent):
        return True
    words = doc.words(mention)
    if not any(w.text.lower() in ("the", "this", "that") for w in words):
        return False
    # "the Ukrainian official" does not repeat "a senior State Department official": every
    # word that describes the head must be in the earlier sentence too
    described = {w.lemma.lower() for w in words if w.upos in ("ADJ", "NOUN", "PROPN")}
    for sent in range(mention.sent - 1, max(-1, mention.sent - _LOOKBACK), -1):
        earlier = {t.lemma.lower() for t in doc.outside_tokens(sent)}
        if described <= earlier and _says_anonymous(doc, sent):
            return True
    return False


# ------------------------------------------------------------------ helpers
def _head(doc: Document, mention: Mention) -> Token:
    return doc.sentences[mention.sent].tokens[mention.head]


def _name_in(doc: Document, mention: Mention) -> Token | None:
    """The name a mention is or ends in: its head ("Kofman"), or a name set beside a role
    noun ("Republican pollster Daron Shaw"); not an owner's ("Trump's lawyer") nor a
    modifier's ("the Trump campaign")."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    if is_name_word(head):
        # the last word of the name: "Tusk" in "European Council President Donald Tusk"
        while head.index < mention.last and is_name_word(tokens[head.index + 1]):
            head = tokens[head.index + 1]
        return head
    if head.upos == "PRON":
        return None
    after = [w for w in doc.words(mention) if w.index > head.index and is_name_word(w) and not doc.in_quote(w)]
    owned = [w for w in after if w.deprel in ("nmod:poss", "case") or tokens[w.head].deprel == "nmod:poss"]
    return after[-1] if after and not owned else None


def _says_anonymous(doc: Document, sent: int) -> bool:
    outside = " ".join(t.text for t in doc.outside_tokens(sent)).lower()
    return _ANONYMITY.search(outside) is not None


def _pronoun_kind(doc: Document, mention: Mention, name: str | None) -> Kind:
    word = _head(doc, mention).text.lower()
    gender, number = PERSONAL_PRONOUNS.get(word, (None, None))
    if gender == "n" or word in ("its", "which"):
        return _it_kind(doc, mention)
    if number == "pl" or word in ("their", "us", "our"):
        # the resolver gives "they" only to an organisation it names ("the council … they said")
        return "organisation" if name is not None and word in ("they", "them") else "unnamed_group"
    if name is None and (
        _says_anonymous(doc, mention.sent) or (mention.sent > 0 and _says_anonymous(doc, mention.sent - 1))
    ):
        return "anonymous"
    return "person"  # "he said", "I said": news gives pronouns to people it names


def _it_kind(doc: Document, mention: Mention) -> Kind:
    """ "it said": a document when the nearest thing before it that could speak is one, else an organisation."""
    for sent in range(mention.sent, max(-1, mention.sent - 3), -1):
        tokens = [t for t in doc.outside_tokens(sent) if sent < mention.sent or t.index < mention.first]
        for tok in reversed(tokens):
            if tok.upos == "NOUN" and (tok.lemma.lower() in DOCUMENT_NOUNS or tok.text.lower() in DOCUMENT_NOUNS):
                return "document"
            if tok.upos in ("NOUN", "PROPN") and tok.deprel.startswith("nsubj"):
                return "organisation"
    return "organisation"


def _plural(tok: Token) -> bool:
    return "Number=Plur" in tok.feats or tok.xpos in ("NNS", "NNPS")


def is_title(tok: Token) -> bool:
    """Whether a word names an office or role ("senator", "spokeswoman")."""
    return tok.text.lower() in TITLE_NOUNS or tok.lemma.lower() in TITLE_NOUNS


def _beside_a_name(doc: Document, mention: Mention) -> bool:
    """Whether a description stands in apposition to a name ("Dean, a medical doctor", "Roy
    Cooper (D), McCrory's opponent"), as the parse says or as the comma does."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    if head.deprel == "appos" and 0 <= head.head < len(tokens) and is_name_word(tokens[head.head]):
        return True
    if any(k.deprel == "appos" and is_name_word(k) for k in doc.children(mention.sent, head.index)):
        return True
    before = mention.first - 1
    if before < 1 or tokens[before].text != ",":
        return False
    before -= 1
    if tokens[before].text == ")":  # "Roy Cooper (D), McCrory's opponent"
        while before > 0 and tokens[before].text != "(":
            before -= 1
        before -= 1
    return before >= 0 and is_name_word(tokens[before])


def _indefinite(doc: Document, mention: Mention) -> bool:
    """ "a voter", "one questioner": someone new, not a person named before."""
    words = doc.words(mention)
    return bool(words) and words[0].text.lower() in INDEFINITE_WORDS


def _named_inside(doc: Document, mention: Mention, name: str) -> bool:
    """Whether the resolver's name is only the mention's own words ("Trump's spokesman"
    for "Trump's spokesman"): a person it owns, not the person it is."""
    start, end = doc.span(mention)
    inside = doc.text[start:end].lower()
    return all(bare(part).lower() in inside for part in name.split())


def bare(word: str) -> str:
    """A word without its possessive ending ("Trump’s" -> "Trump", "Jones’" -> "Jones").

    >>> bare("Trump’s"), bare("Jones’")
    ('Trump', 'Jones')
    """
    return str(_POSSESSIVE.sub("", word))
