"""Mending: undo the sentence breaks and splits a web-trained tokenizer makes in news.

A tokenizer trained on web text, where sentences often end with no mark, breaks
sentences after a title before a name ("Sen. | Ted Cruz said") and after a word that
ends a line of a headline, and splits a title's period off as a full stop ("Sen" +
"." + "Ted"). Its multi-word token expander, which splits "gonna" as "gon" + "na",
splits names alike ("Donna" -> "Don" + "na"). News ends its sentences with a mark and
its names are words, so these are mended in stanza's own sentence dictionaries before
tagging.

After parsing, one misreading is mended in the parsed tokens: a name just before a verb
left without it as subject, while a noun after the verb takes its place ("Gov. Mike
Pence (R-Ind.) said his running mate's tweet was …" parsed with "mate" as subject). In
news prose a name right before a finite verb with no subject before it is its subject
(:func:`mend_subjects`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import attrs

from .lexicon import TITLE_ABBREVIATIONS
from .tokens import Token

__all__ = ["mend", "mend_subjects", "needs_mending"]

# Contractions the expander rightly splits ("gonna" -> "gon" + "na").
_CONTRACTIONS = frozenset({"gonna", "wanna", "gotta", "cannot", "gimme", "lemme", "dunno", "outta", "kinda", "sorta"})


def needs_mending(sentences: Sequence[Any], text: str) -> bool:
    """Whether the tokenizer broke a sentence where news does not (:func:`_false_break`)
    or split a title's period off before a name (:func:`_split_titles`) or a name into
    words (:func:`_is_split_name`)."""
    for before, after in itertools.pairwise(sentences):
        last = [(t.text, t.start_char, t.end_char) for t in before.tokens[-2:]]
        first = [(t.text, t.start_char, t.end_char) for t in after.tokens[:1]]
        if last and first and _false_break(text, last, first[0]):
            return True
    return any(
        _split_titles([(t.text, t.start_char, t.end_char) for t in s.tokens])
        or any(len(t.words) > 1 and _is_split_name(t.text, [w.text for w in t.words]) for t in s.tokens)
        for s in sentences
    )


def mend(sentences: list[list[dict[str, Any]]], text: str) -> list[list[dict[str, Any]]]:
    """stanza's ``sentences`` (as its dictionaries, offsets into ``text``) with the false
    breaks joined, the titles' periods put back and split names whole again."""
    return [_rejoin_names(_rejoin_titles(sentence)) for sentence in _join_false_breaks(sentences, text)]


def _join_false_breaks(sentences: list[list[dict[str, Any]]], text: str) -> list[list[dict[str, Any]]]:
    """Undo the sentence breaks that :func:`_false_break` finds."""
    joined: list[list[dict[str, Any]]] = []
    for sent in sentences:
        ends = [(e["text"], e["start_char"], e["end_char"]) for e in joined[-1] if "start_char" in e] if joined else []
        first = [(e["text"], e["start_char"], e["end_char"]) for e in sent[:1]]
        if ends and first and _false_break(text, ends[-2:], first[0]):
            words = sum(1 for w in joined[-1] if isinstance(w["id"], int))
            joined[-1] = joined[-1] + [{**w, "id": _shift(w["id"], words)} for w in sent]
        else:
            joined.append(sent)
    return joined


def _false_break(text: str, last_tokens: Sequence[tuple[str, int, int]], first_token: tuple[str, int, int]) -> bool:
    """Whether a sentence break, between tokens (text, start, end) of ``text``, falls where
    news does not end a sentence: after a title before a name ("Sen. | Ted Cruz said"),
    or right after a word on the same line ("Cruz Speaks | In Ohio"). A tokenizer
    trained on web text, where sentences often end with no mark, breaks there; news
    ends its sentences with one, and a line of its own (a headline) is a paragraph."""
    if _title_before_name(last_tokens, first_token[0]):
        return True
    last = last_tokens[-1]
    return last[0][-1:].isalnum() and "\n" not in text[last[2] : first_token[1]]


def _split_titles(tokens: Sequence[tuple[str, int, int]]) -> list[int]:
    """The indexes of the titles among ``tokens`` (text, start, end) whose period the
    tokenizer split off before a name: "Sen" + "." + "Ted"."""
    return [
        i
        for i in range(len(tokens) - 2)
        if tokens[i + 1][0] == "." and _title_before_name(tokens[i : i + 2], tokens[i + 2][0])
    ]


def _rejoin_titles(sentence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put each title's period back on it before a name ("Sen" + "." + "Ted" -> "Sen." +
    "Ted"): the tokenizer takes it for a full stop, and a parser would not see a title."""
    at = [i for i, entry in enumerate(sentence) if "start_char" in entry]  # the tokens' entries
    spans = [(sentence[i]["text"], sentence[i]["start_char"], sentence[i]["end_char"]) for i in at]
    periods = {at[k + 1] for k in _split_titles(spans) if at[k + 1] == at[k] + 1}
    if not periods:
        return sentence
    mended: list[dict[str, Any]] = []
    for i, entry in enumerate(sentence):
        if i in periods:
            title = mended[-1]
            merged = {k: v for k, v in title.items() if k != "misc"}  # its SpaceAfter=No is the period's now
            merged.update({k: entry[k] for k in ("end_char", "misc") if k in entry})
            merged["text"] = title["text"] + "."
            mended[-1] = merged
        else:
            removed = i - len(mended)  # the periods merged so far
            mended.append({**entry, "id": _shift(entry["id"], -removed)} if removed else entry)
    return mended


def _is_split_name(token: str, words: Sequence[str]) -> bool:
    """Whether the expander split a capitalised word that is no contraction into words
    ("Donna" -> "Don" + "na", as it splits "gonna").

    >>> _is_split_name("Donna", ["Don", "na"]), _is_split_name("Gonna", ["Gon", "na"])
    (True, False)
    """
    return token[:1].isupper() and token.isalpha() and "".join(words) == token and token.lower() not in _CONTRACTIONS


def _rejoin_names(sentence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Make each split name (:func:`_is_split_name`) one word again."""
    mended: list[dict[str, Any]] = []
    removed, skip = 0, 0
    for i, entry in enumerate(sentence):
        if skip:
            skip -= 1
            continue
        ident = entry["id"]
        if isinstance(ident, tuple):
            parts = [w["text"] for w in sentence[i + 1 : i + 2 + ident[1] - ident[0]]]
            if _is_split_name(entry["text"], parts):
                mended.append({**entry, "id": ident[0] - removed})
                skip, removed = len(parts), removed + len(parts) - 1
                continue
        mended.append({**entry, "id": _shift(ident, -removed)} if removed else entry)
    return mended


def _title_before_name(last_tokens: Sequence[tuple[str, int, int]], next_word: str) -> bool:
    """Whether a sentence break falls between a title's abbreviation and a name: the
    sentence's last tokens (text, start, end) are "Sen." or, split off as a full stop,
    "Sen" + ".", and the next sentence starts with a capital."""
    if not last_tokens or not next_word[:1].isupper():
        return False
    word = last_tokens[-1][0]
    if word == "." and len(last_tokens) > 1 and last_tokens[-2][2] == last_tokens[-1][1]:
        word = last_tokens[-2][0] + word
    word = word.lower()
    return word.endswith(".") and word[:-1] in TITLE_ABBREVIATIONS


def mend_subjects(tokens: Sequence[Token]) -> list[Token]:
    """``tokens`` of a parsed sentence, with each finite verb whose subjects all follow it
    given the name just before it as subject (skipping adverbs and a bracket such as a
    party label); the noun the parse made subject is left attached, its relation unknown.

    >>> words = "Lee said the plan was good".split()
    >>> heads, rels = [4, -1, 3, 4, 4, 1], ["nmod", "root", "det", "nsubj", "cop", "ccomp"]
    >>> tokens = [Token(i, w, 0, 0, w, "PROPN" if w == "Lee" else "VERB" if w == "said" else "X",
    ...                 "VBD" if w == "said" else "", "", h, r) for i, (w, h, r) in enumerate(zip(words, heads, rels))]
    >>> tokens[3] = attrs.evolve(tokens[3], head=1)  # "plan" read as the subject of "said"
    >>> [(t.text, t.head, t.deprel) for t in mend_subjects(tokens)[:4]]
    [('Lee', 1, 'nsubj'), ('said', -1, 'root'), ('the', 3, 'det'), ('plan', 1, 'dep')]
    """
    mended = list(tokens)
    for verb in tokens:
        if verb.upos != "VERB" or verb.xpos not in _FINITE:
            continue
        subjects = [t for t in tokens if t.head == verb.index and t.deprel.startswith("nsubj")]
        if not subjects or any(t.index < verb.index for t in subjects):
            continue
        name = _name_before(mended, verb.index)
        if name is None or _governs(mended, name.index, verb.index):
            continue
        mended[name.index] = attrs.evolve(name, head=verb.index, deprel="nsubj")
        for subject in subjects:
            mended[subject.index] = attrs.evolve(mended[subject.index], deprel="dep")
    return mended


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _name_before(tokens: Sequence[Token], at: int) -> Token | None:
    """The head word of the name ending just before token ``at`` (skipping adverbs and one
    bracket of a few words), if it is no one's subject already."""
    i = at - 1
    while i >= 0 and tokens[i].upos == "ADV":
        i -= 1
    if i >= 0 and tokens[i].text == ")":
        opening = next((j for j in range(i - 1, max(-1, i - 8), -1) if tokens[j].text == "("), None)
        i = -1 if opening is None else opening - 1
    if i < 0 or tokens[i].upos != "PROPN":
        return None
    word = tokens[i]
    while word.deprel in ("flat", "flat:name") and 0 <= word.head < word.index:
        word = tokens[word.head]  # "Mike Pence": the name's first word heads it
    return None if word.deprel.startswith("nsubj") else word


def _governs(tokens: Sequence[Token], ancestor: int, index: int) -> bool:
    """Whether token ``index`` lies under token ``ancestor`` (so it cannot be its head)."""
    seen = 0
    while index >= 0 and seen <= len(tokens):
        if index == ancestor:
            return True
        index, seen = tokens[index].head, seen + 1
    return False


def _shift(ident: Any, by: int) -> Any:
    return tuple(i + by for i in ident) if isinstance(ident, tuple) else ident + by
