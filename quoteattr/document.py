"""Document: the parse and the quote spans of one text, indexed for attribution.

Attribution asks the same questions again and again (is this token inside a quote?
which paragraph is it in? what is the noun phrase around this head?); this module
answers them once, from plain sentences and spans.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import attrs
import regex

from .lexicon import ABBREVIATIONS, CUE_FORMS, SPEAKER_NOUNS
from .quotes import QuoteSpan, paragraph_spans
from .tokens import Sentence, Token

__all__ = [
    "PARTY_LABEL",
    "Document",
    "Mention",
    "TokenRef",
    "is_headline",
    "is_main_subject",
    "is_name_word",
    "is_turn_label",
    "plural_name",
    "word_end",
]

# Dependents that belong to a noun phrase's core ("the Ukrainian official", "Foreign Minister Kuleba").
_NP_CORE = frozenset(
    {
        "det",
        "amod",
        "compound",
        "flat",
        "flat:name",
        "nmod:poss",
        "nummod",
        "case",
        "compound:prt",
        "det:poss",
        "nmod:npmod",
        "fixed",
    }
)

# "Sen. Jon Tester (D-Mont.)", "Rep. Ann Lee (R-N.Y.)": a party and state, the named one's own.
PARTY_LABEL = regex.compile(r"\((?:D|R|I|Dem|Rep|Ind)\.?\s?[-–]\s?\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?\)")


def is_name_word(tok: Token) -> bool:
    """A word tagged as part of a name; the tagger calls an odd mark a name now and then
    ("PHILADELPHIA ― Felicia Sanders"), and a mark is never one."""
    return tok.upos == "PROPN" and any(c.isalpha() for c in tok.text)


def is_main_subject(tokens: Sequence[Token], tok: Token) -> bool:
    """Whether a word is the subject of its sentence's main clause."""
    return tok.deprel.startswith("nsubj") and 0 <= tok.head < len(tokens) and tokens[tok.head].deprel == "root"


def is_turn_label(tokens: Sequence[Token], tok: Token) -> bool:
    """Whether a word in capitals labels a transcript's turn, a colon after it ("PENCE:")."""
    after = tokens[tok.index + 1] if tok.index + 1 < len(tokens) else None
    return after is not None and after.text == ":" and tok.text.isupper() and len(tok.text) > 1


def plural_name(tok: Token) -> bool:
    """ "Democrats", "Women": a plural noun for people written like a name, not one named
    person (a tagger calls "Sims" plural too, so the word must be a noun for people)."""
    plural = "Number=Plur" in tok.feats or tok.xpos in ("NNS", "NNPS")
    return plural and (tok.lemma.lower() in SPEAKER_NOUNS or tok.text.lower() in SPEAKER_NOUNS)


def is_headline(tokens: Sequence[Token]) -> bool:
    """Whether a sentence is written like a headline, most of its words capitalised: its
    tagger's names then run over words that are none ("Gold Star Mom Corners Obama").

    >>> from quoteattr.tokens import Token
    >>> words = lambda text: [Token(i, w, 0, 0, w, "", "", "", -1, "") for i, w in enumerate(text.split())]
    >>> is_headline(words("Gold Star Mom Corners Obama")), is_headline(words("Rosa Lee runs the club ."))
    (True, False)
    """
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def word_end(tok: Token) -> int:
    """Where a word ends, without a sentence's full stop that the tokenizer left on it
    ("Lee." -> "Lee"); abbreviations and initials keep theirs ("Jr.", "J.", "U.S.").

    >>> from quoteattr.tokens import Token
    >>> [word_end(Token(0, w, 0, len(w), w, "", "", "", -1, "")) for w in ("Lee.", "Jr.", "J.", "U.S.", "Lee")]
    [3, 3, 2, 4, 3]
    """
    word = tok.text
    if (
        len(word) > 2
        and word.endswith(".")
        and word[:-1].isalpha()
        and word[:-1].lower() not in ABBREVIATIONS
        and tok.end - tok.start == len(word)
    ):
        return tok.end - 1
    return tok.end


def _names_tagged_alike(sentences: Sequence[Sentence]) -> list[Sentence]:
    """A capitalised word tagged a proper noun anywhere in the text is one everywhere:
    a tagger often takes "Sanders" or "Weaver" that opens a sentence for a common noun."""
    names = {t.text for s in sentences for t in s.tokens if t.upos == "PROPN"}

    def retag(tok: Token) -> Token:
        if tok.upos == "NOUN" and tok.text in names and tok.text[:1].isupper():
            return attrs.evolve(tok, upos="PROPN")
        return tok

    return [attrs.evolve(s, tokens=tuple(retag(t) for t in s.tokens)) for s in sentences]


@attrs.frozen
class TokenRef:
    """A token's address: sentence index and token index in it."""

    sent: int
    index: int


@attrs.frozen
class Mention:
    """A noun phrase: its head and the contiguous token range ``[first, last]`` of one sentence."""

    sent: int
    head: int
    first: int
    last: int


class Document:
    """Sentences, top-level quote spans and paragraphs of a text, with lookups.

    The sentences and quotes may cover only part of ``text`` (a window of a long
    text); offsets are always into the whole ``text``. ``paragraph_starts`` saves
    finding the paragraphs of a long text again for each window.
    """

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        quotes: Sequence[QuoteSpan],
        paragraph_starts: Sequence[int] | None = None,
    ) -> None:
        self.text = text
        self.sentences = _names_tagged_alike(sentences)
        self.quotes = [q for q in quotes if q.depth == 0]
        self._quote_starts = [q.start for q in self.quotes]
        if paragraph_starts is None:
            paragraph_starts = [s for s, _ in paragraph_spans(text)]
        self._paragraph_starts = paragraph_starts
        self._sentence_starts = [s.start for s in self.sentences]
        self._labels = [m.span() for m in PARTY_LABEL.finditer(text)]
        self._children: list[list[list[int]]] = []
        for sent in self.sentences:
            kids: list[list[int]] = [[] for _ in sent.tokens]
            for tok in sent.tokens:
                if 0 <= tok.head < len(sent.tokens):
                    kids[tok.head].append(tok.index)
            self._children.append(kids)

    # ---------------------------------------------------------------- lookups
    def token(self, ref: TokenRef) -> Token:
        return self.sentences[ref.sent].tokens[ref.index]

    def children(self, sent: int, index: int) -> list[Token]:
        tokens = self.sentences[sent].tokens
        return [tokens[i] for i in self._children[sent][index]]

    def quote_at(self, start: int, end: int) -> int | None:
        """Index of the top-level quote containing ``[start, end)``, or None."""
        k = bisect.bisect_right(self._quote_starts, start) - 1
        if k >= 0 and self.quotes[k].start <= start and end <= self.quotes[k].end:
            return k
        return None

    def in_quote(self, tok: Token) -> bool:
        return self.quote_at(tok.start, tok.end) is not None

    def in_party_label(self, offset: int) -> bool:
        """Whether ``offset`` is inside a party label such as "(D-Mont.)" (:data:`PARTY_LABEL`)."""
        k = bisect.bisect_right(self._labels, (offset, len(self.text))) - 1
        return k >= 0 and self._labels[k][0] <= offset < self._labels[k][1]

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, offset) - 1

    def paragraph_start(self, offset: int) -> int:
        """The offset where the paragraph holding ``offset`` begins."""
        k = self.paragraph_of(offset)
        return self._paragraph_starts[k] if k >= 0 else 0

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentences_of(self, start: int, end: int) -> range:
        """Indices of the sentences that overlap ``[start, end)``."""
        first = self.sentence_of(start)
        if first < len(self.sentences) and self.sentences[first].end <= start:
            first += 1  # only some sentences may be parsed: this one ends before ``start``
        last = first - 1
        while last + 1 < len(self.sentences) and self.sentences[last + 1].start < end:
            last += 1
        return range(first, last + 1)

    def outside_tokens(self, sent: int) -> Iterator[Token]:
        """Tokens of a sentence that are not inside a quotation."""
        return (t for t in self.sentences[sent].tokens if not self.in_quote(t))

    # ---------------------------------------------------------------- noun phrases
    def mention(self, sent: int, head: int) -> Mention:
        """The core noun phrase around ``head``: determiners, modifiers, compounds, flat names.

        Appositions, relative clauses and punctuation are left out, and so is
        anything inside a quotation.
        """
        tokens = self.sentences[sent].tokens
        members = {head}
        stack = [head]
        while stack:
            i = stack.pop()
            for kid in self._children[sent][i]:
                rel = tokens[kid].deprel
                if rel in _NP_CORE and not self.in_quote(tokens[kid]) and kid not in members:
                    # "case" only for the possessive 's inside a name ("Russia's"), not prepositions.
                    if rel == "case" and tokens[kid].upos != "PART":
                        continue
                    members.add(kid)
                    stack.append(kid)
        first, last = head, head
        while first - 1 in members:
            first -= 1
        while last + 1 in members:
            last += 1
        if tokens[head].upos == "PROPN":  # a name stays whole even where the parse split it
            while first > 0 and self._name_part(tokens[first - 1]):
                first -= 1
            while last + 1 < len(tokens) and self._name_part(tokens[last + 1]):
                last += 1
        return Mention(sent, head, first, last)

    def _name_part(self, tok: Token) -> bool:
        # "Viguerie notes." tags "notes" PROPN now and then: a cue form is not part of a name
        return is_name_word(tok) and tok.text.lower() not in CUE_FORMS and not self.in_quote(tok)

    def span(self, mention: Mention) -> tuple[int, int]:
        tokens = self.sentences[mention.sent].tokens
        return tokens[mention.first].start, word_end(tokens[mention.last])

    def words(self, mention: Mention) -> list[Token]:
        return list(self.sentences[mention.sent].tokens[mention.first : mention.last + 1])

    def subtree(self, sent: int, head: int) -> tuple[int, int]:
        """The token range ``[first, last]`` of the whole subtree of ``head``."""
        lo = hi = head
        stack = [head]
        while stack:
            i = stack.pop()
            lo, hi = min(lo, i), max(hi, i)
            stack.extend(self._children[sent][i])
        return lo, hi
