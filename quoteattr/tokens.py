"""Tokens: the parsed sentences every later stage reads, as plain frozen records.

Offsets are into the text the sentence came from, so ``text[token.start:token.end]``
is the token (a multi-word token's words share its offsets: "Trump’s" -> "Trump", "’s"
where they do not spell it out). Nothing here imports stanza.
"""

from __future__ import annotations

import attrs

__all__ = ["Sentence", "Token"]


@attrs.frozen
class Token:
    """One syntactic word. ``head`` is the index of its head in the sentence, -1 for the root.

    A token that is only tokenized, not yet tagged and parsed, has empty tags, its text
    as lemma, and ``head=-1``.

    >>> Token(0, "said", 10, 14, "say", "VERB", "VBD", "", -1, "root").lemma
    'say'
    """

    index: int
    text: str
    start: int
    end: int
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str


@attrs.frozen
class Sentence:
    """A sentence: its character span in the text and its tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    def children(self, index: int) -> list[Token]:
        """The dependents of token ``index``, in order."""
        return [t for t in self.tokens if t.head == index]
