"""Names: the proper-name mentions of a document, with titles and honorifics split off.

A name mention is the run of name words around a proper noun: hyphenated parts
("Crouse-Mays"), initials ("T.J."), particles ("de", "van", "bin") and suffixes
("Jr.") stay in; honorifics and titles in front of it are split off, so that
"Pennsylvania Gov. Ed Rendell" is the name "Ed Rendell" after the title words
"Pennsylvania Gov.". nameparser's lists of titles, suffixes and particles are used
where they are longer than a hand list could be.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs
import regex
from nameparser.config import CONSTANTS

from .document import Document, Mention, is_name_word, word_end
from .lexicon import (
    CUE_FORMS,
    FUNCTION_WORDS,
    HONORIFICS,
    ORGANISATION_WORDS,
    PARTY_WORDS,
    PERSON_NOUNS,
    RELATIONAL_NOUNS,
    TIME_NAMES,
    TITLE_EXPANSIONS,
    TITLE_NOUNS,
)
from .tokens import Token

__all__ = ["NameMention", "is_acronym", "name_in", "name_mentions", "normalise"]

_TITLE_WORDS = (
    frozenset(CONSTANTS.titles)
    | {w.rstrip(".") for w in TITLE_NOUNS}
    | {h.rstrip(".") for h in HONORIFICS}
    | set(TITLE_EXPANSIONS)
    | PARTY_WORDS
    | RELATIONAL_NOUNS
)
# Words that join the parts of an organisation's name: "Association of Flight Attendants".
_ORGANISATION_JOINERS = frozenset({"of", "for", "on", "and", "&"})
_SUFFIXES = frozenset(CONSTANTS.suffix_not_acronyms) | {"jr", "sr", "ii", "iii", "iv"}
_PARTICLES = frozenset(p for p in CONSTANTS.prefixes if p.isalpha()) - {"la", "le", "san", "santa", "st", "ste"}
_HYPHENS = frozenset("-‐‑")
_NOT_NAMES = TIME_NAMES | PERSON_NOUNS
_QUOTE_MARKS = frozenset("“”\"‘’'")


@attrs.frozen
class NameMention:
    """A name in the text: sentence, its tokens ``[first, last]``, the noun phrase's
    ``head``, the name's characters and the title words before it in the same run
    (``title_first`` is their first token, or -1 when there are none)."""

    sent: int
    head: int
    first: int
    last: int
    start: int
    end: int
    text: str
    title_first: int = -1

    @property
    def words(self) -> tuple[str, ...]:
        """The name's words, normalised: ``("ed", "rendell")``."""
        return tuple(w for w in normalise(self.text).split() if w not in _SUFFIXES)


def normalise(name: str) -> str:
    """Lower case, no periods or apostrophes, hyphens as spaces.

    >>> normalise("Jean-Marc Ayrault Jr.")
    'jean marc ayrault jr'
    """
    out = name.lower().replace(".", " ").replace("’", "").replace("'", "")
    for mark in _HYPHENS:
        out = out.replace(mark, " ")
    return " ".join(out.split())


def is_acronym(word: str) -> bool:
    """ "IMF", "F.B.I." or "NAACP": two to seven capitals, periods allowed.

    >>> [is_acronym(w) for w in ("IMF", "F.B.I.", "Obama", "I", "U.S.")]
    [True, True, False, False, True]
    """
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def _is_title_word(tok: Token) -> bool:
    word = tok.text.lower().rstrip(".")
    return word in _TITLE_WORDS or tok.lemma.lower() in TITLE_NOUNS


def _joins(tokens: tuple[Token, ...], i: int) -> bool:
    """A hyphen written tight between two name words ("Crouse - Mays" as tokens)."""
    return (
        tokens[i].text in _HYPHENS
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].end == tokens[i].start
        and tokens[i].end == tokens[i + 1].start
    )


def _name_word(doc: Document, tokens: tuple[Token, ...], i: int) -> bool:
    tok = tokens[i]
    if doc.in_quote(tok) or tok.text.lower() in CUE_FORMS or tok.text.lower() in TIME_NAMES:
        return False
    if is_name_word(tok):
        return True
    # "New" in "The New York Times" tagged an adjective; not the first word of a sentence
    capitalised = tok.text[:1].isupper() and any(c.islower() for c in tok.text) and i > 0
    return capitalised and tok.upos in ("ADJ", "NOUN", "NUM", "VERB") and tok.text.lower() not in FUNCTION_WORDS


def _run(doc: Document, sent: int, head: int) -> tuple[int, int]:
    """The tokens ``[lo, hi]`` of the name run around ``head``: name words, tight
    hyphens, particles between name words and a suffix at the end."""
    tokens = doc.sentences[sent].tokens

    def part(i: int) -> bool:
        if not 0 <= i < len(tokens):
            return False
        if _name_word(doc, tokens, i) or _joins(tokens, i):
            return True
        inner = 0 < i < len(tokens) - 1 and is_name_word(tokens[i + 1])
        return inner and tokens[i].text.lower() in _PARTICLES and is_name_word(tokens[i - 1])

    def joins_organisation(i: int) -> bool:
        """ "of" in "Association of Flight Attendants", after an organisation's word."""
        return (
            0 < i < len(tokens) - 1
            and tokens[i].text.lower() in _ORGANISATION_JOINERS
            and (tokens[i - 1].text.lower() in ORGANISATION_WORDS or _is_title_word(tokens[i - 1]))
            and (is_name_word(tokens[i + 1]) or (tokens[i + 1].text.lower() == "the" and i + 2 < len(tokens)))
        )

    lo = hi = head
    while part(lo - 1):
        lo -= 1
    while True:
        if part(hi + 1) or (hi + 1 < len(tokens) and normalise(tokens[hi + 1].text) in _SUFFIXES and hi > lo):
            hi += 1
        elif joins_organisation(hi + 1) and part(hi + 2 + (tokens[hi + 2].text.lower() == "the")):
            hi += 2 + (tokens[hi + 2].text.lower() == "the")
        else:
            break
    while lo < hi and (tokens[lo].text in _HYPHENS or not tokens[lo].text[:1].isalnum()):
        lo += 1
    while hi > lo and (tokens[hi].text in _HYPHENS or tokens[hi].text.lower() in _PARTICLES):
        hi -= 1
    return lo, hi


def name_in(doc: Document, mention: Mention) -> NameMention | None:
    """The name in a noun phrase whose head is a name word, titles split off; None
    when it is only a title ("Sen.") or a time ("Sunday")."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    if not is_name_word(head) or head.text.lower() in TIME_NAMES or doc.in_quote(head):
        return None
    lo, hi = _run(doc, mention.sent, mention.head)
    name_lo, title_first = lo, -1
    org = tokens[hi].text.lower() in ORGANISATION_WORDS
    if not org:  # "Wells Fargo CEO John Stumpf": the name is what follows the last title word
        last_title = max((i for i in range(lo, hi) if _is_title_word(tokens[i])), default=-1)
        if last_title >= 0:
            name_lo, title_first = last_title + 1, lo
    while name_lo < hi and tokens[name_lo].text in _HYPHENS | {"(", ","}:
        name_lo += 1
    if tokens[name_lo].text.lower() in _ORGANISATION_JOINERS:
        return None  # "Secretary of State": a title, no name
    # "the Washington Post Trump said": an organisation's name run into a person's
    inner = [i for i in range(name_lo, hi) if tokens[i].text.lower() in ORGANISATION_WORDS]
    inner = [i for i in inner if is_name_word(tokens[i + 1])]
    if inner and inner[-1] < mention.head:
        name_lo = inner[-1] + 1
    elif inner:
        hi = inner[-1]
    if name_lo > hi:
        return None
    if all(_is_title_word(t) for t in tokens[name_lo : hi + 1]) and not _surname(doc, tokens[name_lo : hi + 1]):
        return None
    start, end = tokens[name_lo].start, word_end(tokens[hi])
    text = doc.text[start:end]
    if not any(c.isalpha() for c in text) or any(c in _QUOTE_MARKS for c in text[:1]):
        return None
    name = NameMention(mention.sent, mention.head, name_lo, hi, start, end, text, title_first)
    return name if name.words else None  # "V", "Jr.": a suffix alone names nobody


def _surname(doc: Document, words: Sequence[Token]) -> bool:
    """Whether a lone word that is also a title ("Dean", "Judge") is a surname here: the
    article writes it after a first name somewhere ("Howard Dean")."""
    if len(words) != 1 or "." in words[0].text or not words[0].text[:1].isupper():
        return False
    before = regex.finditer(r"(\p{Lu}\p{Ll}+)[^\S\n]+" + regex.escape(words[0].text) + r"\b", doc.text)
    return any(m.group(1).lower() not in _TITLE_WORDS | FUNCTION_WORDS for m in before)


def _headline(tokens: tuple[Token, ...]) -> bool:
    """A title-cased line ("Christie Calls Clinton 'Unfit' For Office"): every word
    capitalised, so the tagger's names there run into the verbs."""
    words = [t.text for t in tokens if t.text.isalpha() and t.text.lower() not in FUNCTION_WORDS]
    return len(words) >= 4 and all(w[:1].isupper() for w in words)


def _headline_words(doc: Document, sent: int) -> Iterator[NameMention]:
    """A headline's name words one by one: there the tagger takes verbs for names
    ("Obama Sees …"), and a word alone still finds the full name it belongs to."""
    for tok in doc.sentences[sent].tokens:
        named = is_name_word(tok) and not _is_title_word(tok) and tok.text.lower() not in _NOT_NAMES
        if named and not doc.in_quote(tok):
            end = word_end(tok)
            name = NameMention(sent, tok.index, tok.index, tok.index, tok.start, end, doc.text[tok.start : end])
            if name.words:
                yield name


def name_mentions(doc: Document) -> Iterator[NameMention]:
    """Every name in the parsed sentences outside quotations, in text order, once per
    run: "Kuleba" in "Dmytro Kuleba" is not a name of its own, nor "Biden" in "the
    Biden administration" (it names the administration, not a person)."""
    for s, sent in enumerate(doc.sentences):
        if _headline(sent.tokens):
            yield from _headline_words(doc, s)
            continue
        done = -1
        depth = 0
        for tok in sent.tokens:
            depth += (tok.text == "(") - (tok.text == ")")
            if depth > 0 or tok.xpos == "NNPS":
                continue  # "(D-Mo.)" is a label; "Democrats" are a group
            if tok.index <= done or not is_name_word(tok) or doc.in_quote(tok):
                continue
            head = sent.tokens[tok.head] if 0 <= tok.head < len(sent.tokens) else None
            if head is not None and tok.deprel in ("compound", "amod") and head.upos == "NOUN":
                continue
            found = name_in(doc, Mention(s, tok.index, tok.index, tok.index))
            if found is not None:
                done = found.last
                yield found
