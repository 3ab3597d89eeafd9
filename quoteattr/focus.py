"""Focus: which paragraphs to tokenize and which sentences to parse, from words alone.

Most sentences of a news article neither quote nor report speech, and tagging and
parsing them is most of quoteattr's cost. Before anything is parsed,
:func:`paragraphs_to_tokenize` picks from the raw text the paragraphs where the
sentences below can be: those with a quotation, their neighbours, and the first
paragraph with each capitalised word of those. After tokenizing those, only these
sentences go on to the tagger and parser:

- those that overlap a quotation;
- the sentence just before each of them, where a pronoun's antecedent or an
  introducing clause ("He put it this way:") usually is, and where that one has a
  "he" or "she", the one before it too (up to three back); the sentence just
  after when it has a speech cue ("said", "according to") and the quote's has none,
  or when a dash leads into it ("― Sonya Herridge", a signature);
- for every capitalised word in those, the first sentence that contains it, and the
  first where it ends a longer name: a person is introduced there with full name and
  title ("Michael Kofman, director of ..."), even after a namesake ("Heidi Cruz");
  and for every acronym, the first sentence with it, where it is usually spelt out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from .lexicon import CUE_FORMS, CUE_NOUNS, DASHES, FUNCTION_WORDS
from .quotes import QuoteSpan
from .tokens import Sentence

__all__ = ["paragraphs_to_tokenize", "sentences_to_parse"]

_CUES = CUE_FORMS | CUE_NOUNS | {"according"}
_DASHES = frozenset([*DASHES, "--"])
_NAME_LIKE = regex.compile(r"\p{Lu}\p{Ll}+")  # also inside run-together words ("ImagesRepublican")
# A capitalised word right after another: the end of a full name ("Ted Cruz").
_NAME_END = regex.compile(r"(?<=\p{Lu}[\p{L}.’'-]*[^\S\n]+)\p{Lu}\p{Ll}+")
# Sentences with a personal pronoun, followed back from the one before a quotation.
_PRONOUN_RUN = 3
_PRONOUNS = frozenset({"he", "she"})
_ACRONYM = regex.compile(r"(?<![\p{L}.])\p{Lu}{2,6}(?![\p{L}.])")


def paragraphs_to_tokenize(
    text: str, paragraphs: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]
) -> list[tuple[int, int]]:
    """The ``paragraphs`` (spans of ``text``, in order) that :func:`sentences_to_parse`
    can choose sentences from: each with a quotation, the one before and the one after
    it, and for every capitalised word in those, the first paragraph with that word.
    The others need not even be tokenized.

    >>> from quoteattr.quotes import find_quotes, paragraph_spans
    >>> text = "Ann Lee runs the club.\\nRain fell.\\nSnow fell.\\nIt is cold.\\nLee said “no.”"
    >>> [text[s:e] for s, e in paragraphs_to_tokenize(text, paragraph_spans(text), find_quotes(text))]
    ['Ann Lee runs the club.', 'It is cold.', 'Lee said “no.”']
    """
    keep: set[int] = set()
    for i in _with_quotes(paragraphs, quotes):
        keep.update(range(max(i - 1, 0), min(i + 2, len(paragraphs))))
    words = [
        {w for w in _NAME_LIKE.findall(text, start, end) if w.lower() not in FUNCTION_WORDS}
        | {"+" + w for w in _NAME_END.findall(text, start, end) if w.lower() not in FUNCTION_WORDS}
        | set(_ACRONYM.findall(text, start, end))
        for start, end in paragraphs
    ]
    return [paragraphs[i] for i in sorted(_with_first_mentions(keep, words))]


def sentences_to_parse(sentences: Sequence[Sentence], quotes: Sequence[QuoteSpan]) -> set[int]:
    """Indexes of the ``sentences`` (tokenized, not yet parsed) that attribution needs.

    >>> from quoteattr.tokens import Sentence, Token
    >>> def sent(start, *words):
    ...     tokens, at = [], start
    ...     for i, w in enumerate(words):
    ...         tokens.append(Token(i, w, at, at + len(w), w, "", "", "", -1, ""))
    ...         at += len(w) + 1
    ...     return Sentence(start, at - 1, tuple(tokens))
    >>> from quoteattr.quotes import find_quotes
    >>> text = "Ann Lee runs the club. Rain fell. Snow fell. Lee said “no.”"
    >>> sentences = [sent(0, "Ann", "Lee", "runs", "the", "club", "."), sent(23, "Rain", "fell", "."),
    ...              sent(34, "Snow", "fell", "."), sent(45, "Lee", "said", "“no.”")]
    >>> sorted(sentences_to_parse(sentences, find_quotes(text)))
    [0, 2, 3]
    """
    keep: set[int] = set()
    spans = sorted((q.start, q.end) for q in quotes)
    for i in _with_quotes([(sent.start, sent.end) for sent in sentences], quotes):
        sent = sentences[i]
        keep.update(range(max(i - 1, 0), i + 1))
        before = i - 1
        while before > 0 and i - before <= _PRONOUN_RUN and _has_pronoun(sentences[before]):
            before -= 1
            keep.add(before)  # "Trump trails. He pitched …": whom the pronoun means
        if i + 1 < len(sentences) and not _has_cue(sent, spans):
            after = sentences[i + 1]
            signed = sent.tokens[-1].text in _DASHES or (after.tokens and after.tokens[0].text in _DASHES)
            if signed or _has_cue(after, spans):
                keep.add(i + 1)  # “...” Said the senator. / “...” ― Sonya Herridge
    return _with_first_mentions(keep, [_introducing(sent) for sent in sentences])


def _has_pronoun(sent: Sentence) -> bool:
    """Whether a sentence has a personal pronoun ("He said", "During his tour, he paused"),
    whose person may be named only in a sentence before."""
    return any(tok.text.lower() in _PRONOUNS for tok in sent.tokens)


def _with_quotes(spans: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]) -> Iterator[int]:
    """Indexes of the ``spans`` (in text order, not overlapping) that overlap a quotation."""
    quoted = sorted((q.start, q.end) for q in quotes)
    k = 0
    for i, (start, end) in enumerate(spans):
        while k < len(quoted) and quoted[k][1] <= start:
            k += 1
        if k < len(quoted) and quoted[k][0] < end:
            yield i


def _with_first_mentions(keep: set[int], words: Sequence[set[str]]) -> set[int]:
    """``keep`` and, for every word of a unit it holds, the first unit with that word
    and the first where it ends a name ("+Cruz"), where a person is introduced with
    full name and title."""
    first_with: dict[str, int] = {}
    for i, found in enumerate(words):
        for word in found:
            first_with.setdefault(word, i)
    wanted = {w for i in keep for word in words[i] for w in (word, "+" + word.lstrip("+"))}
    return keep | {first_with[word] for word in wanted if word in first_with}


def _has_cue(sent: Sentence, quotes: Sequence[tuple[int, int]]) -> bool:
    """Whether the sentence has a cue word outside the quotations (a "response" quoted is none)."""
    inside = [(s, e) for s, e in quotes if s < sent.end and e > sent.start]
    return any(tok.text.lower() in _CUES and not any(s <= tok.start < e for s, e in inside) for tok in sent.tokens)


def _introducing(sent: Sentence) -> set[str]:
    """Words of a sentence written like names ("Kofman", not "the" or "The"), acronyms
    ("CNA"), and "+Kofman" where one ends a longer name."""
    found: set[str] = set()
    before = False
    for tok in sent.tokens:
        word = tok.text
        name_like = word[:1].isupper() and word[1:].islower() and word.lower() not in FUNCTION_WORDS
        if name_like:
            found.add("+" + word if before else word)
            found.add(word)
        elif 2 <= len(word) <= 6 and word.isalpha() and word.isupper():
            found.add(word)  # an acronym: where it is first written is where it is spelt out
        before = word[:1].isupper() and word.lower() not in FUNCTION_WORDS
    return found
