"""Attribution: for each quotation, the cue that introduces it and the mention of its speaker.

Rules are tried in the order of :data:`RULES`; the first that finds a speaker wins,
and its name (a :data:`Rule`) is recorded so that every attribution can be traced and
measured. To add a rule, write a function of the shape :data:`RuleFunction`, add its
name to :data:`Rule` and the function to :data:`RULES` where it should be tried.
Resolving the speaker mention to a full name and title is :mod:`quoteattr.resolve`' job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal

import attrs
import regex

from .document import Document, Mention, TokenRef
from .lexicon import (
    CUE_FORMS,
    CUE_PARTICLES,
    CUE_VERBS,
    DASHES,
    IMAGINING_VERBS,
    INSCRIPTION_NOUNS,
    MODALS,
    NEGATIONS,
    PERCEPTION_VERBS,
    RELATIVE_PRONOUNS,
    SPEAKER_NOUNS,
    SPEAKER_PRONOUNS,
    SPEAKING_VERBS,
    SUBORDINATORS,
    TIME_NAMES,
    WORK_INTRODUCERS,
)
from .quotes import TURN_LABEL, QuoteSpan
from .tokens import Token

__all__ = ["RULES", "Attribution", "Rule", "RuleFunction", "attribute"]

Rule = Literal["turn", "according-to", "after", "dash", "syntax", "before", "colon", "continuation"]
"""The name of an attribution rule; they are tried in this order (see :data:`RULES`)."""

# How far (in tokens) a cue may be from the quotation for the surface rules.
_WINDOW = 12
_SUBJECT = ("nsubj", "nsubj:pass", "nsubj:outer", "csubj")
# Relations a cue climbs to find its subject; "advmod" because a parser may hang a clause
# on an adverb ("refused thus far to release them, calling it …").
_CLIMB = frozenset({"xcomp", "advcl", "conj", "acl", "ccomp", "parataxis", "dep", "advcl:relcl", "advmod"})
_SENTENCE_END = frozenset({".", "!", "?"})


@attrs.frozen
class Attribution:
    """Who said one quotation, as found in the parse; ``speaker`` is None when nobody is credited."""

    cue: TokenRef | None = None
    speaker: Mention | None = None
    rule: Rule | None = None


RuleFunction = Callable[[Document, QuoteSpan, Sequence[Attribution]], "Attribution | None"]
"""A rule: the attribution of a quotation of the document, given those of the quotations
before it, or None when the rule does not apply."""


def attribute(doc: Document) -> list[Attribution]:
    """One :class:`Attribution` per top-level quotation of ``doc``, in order."""
    if not doc.sentences:
        return [Attribution() for _ in doc.quotes]
    results: list[Attribution] = []
    for quote in doc.quotes:
        if _names_a_work(doc, quote) or _in_headline(doc, quote):
            results.append(Attribution())
            continue
        if _names_something(doc, quote):  # unless a cue follows: “Make America Great Again,” they chanted
            results.append(_after(doc, quote) or Attribution())
            continue
        found = next((a for rule in RULES.values() if (a := rule(doc, quote, results)) is not None), None)
        if found is not None and found.cue is not None and not _speech(doc, found.cue):
            found = None  # an inscription or imagined words: nobody said them
        results.append(found or Attribution())
    return results


# -------------------------------------------------------------------- helpers
def _is_cue(tok: Token) -> bool:
    if tok.upos in ("VERB", "AUX"):  # the form too: a dictionary lemmatizer misses rarer inflections
        return tok.lemma.lower() in CUE_VERBS or tok.text.lower() in CUE_FORMS
    # "Viguerie notes." with "notes" tagged a noun: trust the inflected form
    return (
        tok.upos in ("NOUN", "PROPN", "ADJ")
        and tok.text.lower() in CUE_FORMS
        and tok.deprel in ("root", "parataxis", "conj", "ccomp", "dep", "acl", "acl:relcl")
    )


def _is_phrasal_cue(doc: Document, sent: int, tok: Token) -> bool:
    """A verb that introduces speech with its particle ("as Trump went on about “…”")."""
    particle = CUE_PARTICLES.get(tok.lemma.lower()) if tok.upos == "VERB" else None
    # the parse tags the particle "compound:prt" or, as often, "advmod": its place tells
    return particle is not None and any(
        kid.text.lower() == particle and 0 < kid.index - tok.index <= 2 for kid in doc.children(sent, tok.index)
    )


def _can_speak(doc: Document, mention: Mention) -> bool:
    """Whether a noun phrase can be a speaker: a name, a personal pronoun, or a person,
    organisation or document noun ("the official", "the campaign", "the report")."""
    tokens = doc.sentences[mention.sent].tokens
    head = tokens[mention.head]
    if head.upos == "PROPN":
        return head.text.lower() not in TIME_NAMES and not _in_dateline(doc, mention)
    if head.upos == "PRON":
        return head.text.lower() in SPEAKER_PRONOUNS
    if head.lemma.lower() in SPEAKER_NOUNS or head.text.lower() in SPEAKER_NOUNS:
        return True
    if head.upos in ("NOUN", "ADJ") and head.text[:1].isupper() and head.text[1:2].islower():
        return True  # a name the tagger took for a noun or adjective ("Weaver says", "Young said"), or "Critics say"
    # "the Clinton campaign", "Trump's spokesman": a noun owned or named by a proper noun
    return head.upos == "NOUN" and any(t.upos == "PROPN" for t in tokens[mention.first : mention.last + 1])


def _in_dateline(doc: Document, mention: Mention) -> bool:
    """ "RENO, Nev. (AP) —": a capitalised place that opens a paragraph, then a comma or dash."""
    start, end = doc.span(mention)
    word = doc.text[start:end]
    opens = doc.paragraph_start(start) == start
    return opens and word.isupper() and len(word) > 3 and doc.text[end : end + 2].strip()[:1] in (",", "—", "-", "(")


def _speaker(doc: Document, mention: Mention | None) -> Mention | None:
    return mention if mention is not None and _can_speak(doc, mention) else None


def _subject(doc: Document, sent: int, cue: int) -> Mention | None:
    """The speaker of a cue verb: its subject (or passive agent), climbing out of
    xcomp/advcl/conj when it has none, else the noun phrase just before the verb (a parse
    may miss "the administration threatens"). Any noun that a verb of speaking has as
    subject speaks ("the driver said"), whether the word lists know it or not."""
    raw = _raw_subject(doc, sent, cue)
    if raw is not None and _speaks_by_verb(doc, raw, cue):
        return raw
    return _speaker(doc, raw) or _left_neighbour(doc, sent, cue)


def _speaks_by_verb(doc: Document, mention: Mention, cue: int) -> bool:
    """A common noun that a verb of speaking has as its subject: "the driver said"."""
    tokens = doc.sentences[mention.sent].tokens
    head, verb = tokens[mention.head], tokens[cue]
    return (
        head.upos == "NOUN"
        and head.lemma.lower() not in INSCRIPTION_NOUNS
        and verb.lemma.lower() in SPEAKING_VERBS
        and head.head == cue
    )


def _speech(doc: Document, cue: TokenRef) -> bool:
    """Whether the words a cue introduces were said: not an inscription ("The banner read
    “Vote Yes.”") nor words only imagined ("You will never hear him say “I was wrong.”")."""
    tokens = doc.sentences[cue.sent].tokens
    subject = _raw_subject(doc, cue.sent, cue.index)
    if subject is not None and tokens[subject.head].lemma.lower() in INSCRIPTION_NOUNS:
        return False
    verb = tokens[cue.index]
    governor = tokens[verb.head] if verb.deprel in ("xcomp", "ccomp") and verb.head >= 0 else None
    for tok in (verb, governor):
        if tok is None:
            continue
        lemma = tok.lemma.lower()
        negated = any(kid.text.lower() in NEGATIONS for kid in doc.children(cue.sent, tok.index))
        if lemma in IMAGINING_VERBS or (negated and lemma in PERCEPTION_VERBS):
            return False
    return True


def _left_neighbour(doc: Document, sent: int, cue: int) -> Mention | None:
    """The noun phrase ending just before the verb, skipping adverbs and auxiliaries."""
    tokens = doc.sentences[sent].tokens
    for i in range(cue - 1, max(-1, cue - 5), -1):
        tok = tokens[i]
        if doc.in_quote(tok):
            return None
        if tok.upos in ("ADV", "AUX", "PART"):
            continue
        return _nominal_near(doc, sent, [i])
    return None


def _raw_subject(doc: Document, sent: int, cue: int) -> Mention | None:
    tokens = doc.sentences[sent].tokens
    current = cue
    for _ in range(4):
        subjects = [
            kid
            for kid in doc.children(sent, current)
            if (kid.deprel in _SUBJECT or kid.deprel == "obl:agent") and not doc.in_quote(kid)
        ]
        agents = [kid for kid in subjects if kid.deprel == "obl:agent"]
        if agents:  # "The plan was condemned by the mayor": the agent speaks, not the plan
            subjects = agents
        if tokens[current].xpos == "VBG" and tokens[current].deprel == "advcl":
            # ", arguing that the epidemic should be …": a participle's subject is the clause
            # above's; one after it is the parser's misreading of what it says
            subjects = [kid for kid in subjects if kid.index < current]
        if not subjects and current == cue and tokens[cue].xpos == "VBG":
            subjects = _participle_subject(doc, sent, cue)
        if subjects:
            # Two subjects is a parse error ("Beck, who described …" with both on the verb): the
            # nearer is the verb's own. "who" is kept: resolve takes it for "Beck".
            nominal = [kid for kid in subjects if kid.upos in ("PRON", "PROPN", "NOUN")] or subjects
            nearest = min(nominal, key=lambda kid: abs(kid.index - current))
            return doc.mention(sent, nearest.index)
        tok = tokens[current]
        if tok.deprel not in _CLIMB or tok.head < 0:
            return None
        if current == cue and tok.deprel == "conj" and (same := _same_verb_above(doc, sent, cue)) is not None:
            current = same
            continue
        # "issued a statement saying …": climb to the verb that has the statement
        current = tokens[tok.head].head if tok.deprel == "acl" and tokens[tok.head].head >= 0 else tok.head
    return None


def _same_verb_above(doc: Document, sent: int, cue: int) -> int | None:
    """ "Roberts said that she thinks the video should be released but said “…”" parsed
    with the second "said" joined to "released": the verb of the same lemma above it,
    whose subject the two share, where the verb it is joined to is no cue or a passive
    one (what is released does not speak)."""
    tokens = doc.sentences[sent].tokens
    head = tokens[cue].head
    passive = any(kid.deprel == "aux:pass" for kid in doc.children(sent, head))
    if _is_cue(tokens[head]) and not passive:
        return None
    for _ in range(6):
        head = tokens[head].head
        if head < 0:
            return None
        if tokens[head].lemma == tokens[cue].lemma and tokens[head].upos == tokens[cue].upos:
            return head
    return None


def _participle_subject(doc: Document, sent: int, cue: int) -> list[Token]:
    """The noun phrase a participle follows after "with" or "of": "with Sen. John McCain
    calling it …", "footage of Hillary Clinton asking, …". The parse often hangs the
    participle on the clause above, whose subject did not say it."""
    tokens = doc.sentences[sent].tokens
    before = cue - 1
    while before >= 0 and tokens[before].upos == "ADV":  # "with Cruz recently promising"
        before -= 1
    if before < 0 or tokens[before].upos not in ("PROPN", "NOUN", "PRON"):
        return []
    head = before
    while tokens[head].deprel in ("flat", "flat:name", "compound") and tokens[head].head >= 0:
        head = tokens[head].head
    cases = [kid.lemma.lower() for kid in doc.children(sent, head) if kid.deprel == "case"]
    return [tokens[head]] if cases in (["with"], ["of"]) and not doc.in_quote(tokens[head]) else []


def _nominal_near(doc: Document, sent: int, indices: Iterable[int]) -> Mention | None:
    """The first noun phrase among ``indices`` that can be a speaker (a name, pronoun or noun)."""
    tokens = doc.sentences[sent].tokens
    for i in indices:
        tok = tokens[i]
        if tok.upos not in ("PROPN", "NOUN", "PRON") or doc.in_quote(tok):
            continue
        head = i
        # climb to the phrase head ("Michael" -> "Kofman", "Smith's" -> "spokesman"), within the phrase
        while 0 <= tokens[head].head < len(tokens) and tokens[tokens[head].head].upos in ("PROPN", "NOUN"):
            rel, up = tokens[head].deprel, tokens[head].head
            if not (rel in ("flat", "flat:name") or (rel in ("compound", "nmod:poss") and up > head)):
                break
            head = up
        mention = _speaker(doc, doc.mention(sent, head))
        if mention is not None:
            return mention
    return None


def _window_after(doc: Document, quote: QuoteSpan) -> list[TokenRef]:
    """Tokens right after the quotation, up to the end of its clause or the next quotation."""
    refs: list[TokenRef] = []
    paragraph = doc.paragraph_of(quote.end - 1)  # where it ends: it may run over paragraphs
    last_mark = doc.text[max(quote.start, quote.end - 2) : quote.end].rstrip("”\"»'’")[-1:]
    ends_clause = last_mark in (",", "?", "!", "—", "-")
    if not ends_clause and not _starts_sentence(doc, quote):
        return refs  # "Sanders called it “arbitrary.” Josh Hendler said …": the narrative's own sentence ended
    sent = doc.sentence_of(quote.end)
    while sent < len(doc.sentences) and len(refs) < _WINDOW:
        tokens = doc.sentences[sent].tokens
        for tok in tokens:
            if tok.start < quote.end:
                continue
            if doc.paragraph_of(tok.start) != paragraph or doc.in_quote(tok):
                return refs
            if not refs and not ends_clause and tok.text[:1].isupper() and tok.upos not in ("PROPN",):
                return refs  # "“….” He then left": a new sentence, not an attribution
            refs.append(TokenRef(sent, tok.index))
            if tok.text in _SENTENCE_END or len(refs) >= _WINDOW:
                return refs
        sent += 1
    return refs


def _window_before(doc: Document, quote: QuoteSpan) -> list[TokenRef]:
    """Tokens right before the quotation, nearest first, back to the start of its sentence."""
    refs: list[TokenRef] = []
    sent = doc.sentence_of(quote.start)
    paragraph = doc.paragraph_of(quote.start)
    for tok in reversed(doc.sentences[sent].tokens):
        if tok.end > quote.start:
            continue
        if doc.paragraph_of(tok.start) != paragraph or doc.in_quote(tok) or len(refs) >= _WINDOW:
            break
        refs.append(TokenRef(sent, tok.index))
    return refs


def _text_before(doc: Document, quote: QuoteSpan, reach: int = 80) -> tuple[int, str]:
    """The text just before a quotation without the blanks (any kind) that end it, and
    where those blanks start. Only ``reach`` characters are read: texts can be long."""
    window_start = max(0, quote.start - reach)
    before = doc.text[window_start : quote.start].rstrip()
    return window_start + len(before), before


_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "but", "or", "nor", "for", "of", "on", "in", "at", "to", "by", "from", "with", "as"}
)


def _names_a_work(doc: Document, quote: QuoteSpan) -> bool:
    """ "CNN's “New Day”": a title-cased quotation right after a possessive names a show,
    book or film; nobody says it."""
    _, before = _text_before(doc, quote, reach=4)
    return before.endswith(("’s", "'s", "s’", "s'")) and _title_cased(doc, quote, least=1)


def _in_headline(doc: Document, quote: QuoteSpan) -> bool:
    """A quotation in a headline: the text's first paragraph written in title case
    ("Senator: ‘We Will Not Back Down’"), or a paragraph that is nothing but a
    title-cased quotation (a subheading, "‘All Bets Are Off.’"). It repeats, cut
    short, what the article reports with its speaker."""
    start = doc.paragraph_start(quote.start)
    line_end = doc.text.find("\n", quote.end)
    end = line_end if line_end >= 0 else len(doc.text)
    if not doc.text[start : quote.start].strip() and not doc.text[quote.end : end].strip():
        return _title_cased(doc, quote, least=3)
    if doc.paragraph_of(quote.start) != 0:
        return False
    words = regex.findall(r"\p{L}{4,}", doc.text[start:end])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _title_cased(doc: Document, quote: QuoteSpan, least: int = 2) -> bool:
    """Every word but the small ones capitalised, at least ``least`` of them."""
    words = regex.findall(r"\p{L}[\p{L}’'-]*", doc.text[quote.start : quote.end])
    big = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return len(big) >= least and all(w[0].isupper() for w in big)


def _names_something(doc: Document, quote: QuoteSpan) -> bool:
    """ "appeared on “Meet the Press”", "the podcast “Here’s the Thing”": a title-cased
    quotation after a preposition, an article or a word for a work is a name. After a
    verb ("nicknamed him “King James”") or "as" it may well be someone's words."""
    if not _title_cased(doc, quote):
        return False
    _, before = _text_before(doc, quote, reach=20)
    words = regex.findall(r"[\p{L}-]+", before)
    return bool(words) and words[-1].lower() in WORK_INTRODUCERS


def _starts_sentence(doc: Document, quote: QuoteSpan) -> bool:
    """Whether a quotation begins a sentence or paragraph (not "called it “arbitrary.”")."""
    gap_start, before = _text_before(doc, quote)
    return (
        not before
        or before[-1] in ".!?:”\"’'—"
        or before.endswith(("...", "…"))
        or "\n" in doc.text[gap_start : quote.start]
    )


def _stands_alone(doc: Document, quote: QuoteSpan) -> bool:
    """A quotation that begins a sentence or paragraph and is more than a phrase."""
    return _starts_sentence(doc, quote) and len(doc.text[quote.start : quote.end].split()) >= 3


# -------------------------------------------------------------------- rules
_NP_START = frozenset({"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"})


def _after(doc: Document, quote: QuoteSpan, earlier: Sequence[Attribution] = ()) -> Attribution | None:
    """“…,” Kofman said / “…,” said Kofman: the quotation is followed by the speaker or the cue,
    and an inverted cue by the speaker (not "“…,” but also …", not "“…,” claiming that …")."""
    window = _window_after(doc, quote)
    if not window:
        return None
    first = doc.token(window[0])
    if first.upos not in _NP_START and not _is_cue(first):
        return None
    if _is_cue(first) and (len(window) < 2 or doc.token(window[1]).upos not in _NP_START):
        return None
    for n, ref in enumerate(window):
        tok = doc.token(ref)
        # right after a quotation, "says"/"notes" is the cue whatever its tag ("“…,” Viguerie notes.")
        if not (_is_cue(tok) or (n <= 4 and tok.text.lower() in CUE_FORMS)):
            continue
        between = [r.index for r in window[:n] if r.sent == ref.sent]
        after = [r.index for r in window[n + 1 :] if r.sent == ref.sent]
        if between:  # “…,” Blinken, seated beside Lavrov, told: the first noun phrase, whatever the parse says
            speaker = _nominal_near(doc, ref.sent, between) or _subject(doc, ref.sent, ref.index)
        else:  # “…,” said Kofman
            speaker = _subject(doc, ref.sent, ref.index) or _nominal_near(doc, ref.sent, after)
        if speaker is not None:
            return Attribution(ref, speaker, "after")
    return _after_any_verb(doc, quote, window)


def _after_any_verb(doc: Document, quote: QuoteSpan, window: list[TokenRef]) -> Attribution | None:
    """ "“…,” Trump shot back." / "“…,” an angry Hollande retaliated.": after a quotation that
    ends in a comma, a subject and its verb closing the sentence speak, whatever the verb."""
    if not doc.text[quote.start : quote.end].rstrip("”\"»'’").endswith(","):
        return None
    for n, ref in enumerate(window):
        tok = doc.token(ref)
        if tok.upos == "VERB":
            rest = [doc.token(r) for r in window[n + 1 :] if r.sent == ref.sent]
            closes = not rest or rest[0].upos in ("PUNCT", "ADV", "ADP")
            speaker = _subject(doc, ref.sent, ref.index)
            inside = {r.index for r in window[:n] if r.sent == ref.sent}
            if closes and speaker is not None and speaker.head in inside:
                return Attribution(ref, speaker, "after")
            return None
        if tok.upos not in _NP_START and tok.upos not in ("ADJ", "ADV", "PUNCT", "ADP"):
            return None
    return None


# A dash, on the quotation's line or opening the next, then a name that ends its clause.
_DASH_NAME = regex.compile(
    rf"[^\S\n]*(?:\n\s*)?[{DASHES}]{{1,2}}[^\S\n]*(\p{{Lu}}[\p{{L}}’'-]*\.?(?:[^\S\n]+\p{{Lu}}[\p{{L}}’'-]*\.?){{0,4}})"
    r"[^\S\n]*(?=[,\n]|\Z)"
)


def _dash(doc: Document, quote: QuoteSpan, earlier: Sequence[Attribution] = ()) -> Attribution | None:
    """ "“…” ― Sonya Herridge": a name after a dash signs the quotation, as under a reader's
    comment or an epigraph (not "“…” — Clinton said", where a cue follows)."""
    found = _DASH_NAME.match(doc.text, quote.end, min(len(doc.text), quote.end + 120))
    if found is None:
        return None
    start, end = found.span(1)
    sent = doc.sentence_of(start)
    words = [t.index for t in doc.sentences[sent].tokens if start <= t.start and t.end <= end and t.text != "."]
    if not words or doc.sentences[sent].tokens[words[0]].start != start:
        return None
    return Attribution(None, Mention(sent, words[-1], words[0], words[-1]), "dash")


def _syntax(doc: Document, quote: QuoteSpan, earlier: Sequence[Attribution] = ()) -> Attribution | None:
    """The quotation is in what a cue verb governs: a partial quote in reported speech, ccomp, parataxis."""
    best: tuple[int, int, TokenRef] | None = None
    introduced = _colon_clause(doc, quote)
    for s in doc.sentences_of(quote.start, quote.end):
        tokens = doc.sentences[s].tokens
        inside = {t.index for t in tokens if quote.start <= t.start and t.end <= quote.end}
        if not inside:
            continue
        # a comma's head is a parser's guess ("“…,” when Clinton blasted him": on "blasted")
        commas = {i for i in inside if tokens[i].text in (",", ";")}
        for i in inside - commas:
            head, steps = tokens[i].head, 1
            while head >= 0 and head not in inside and steps <= 6:
                if (_is_cue(tokens[head]) or _is_phrasal_cue(doc, s, tokens[head])) and not doc.in_quote(tokens[head]):
                    if introduced is None or (introduced[0] == s and head in introduced[2]):
                        cand = (steps, abs(tokens[head].start - quote.start), TokenRef(s, head))
                        best = cand if best is None or cand[:2] < best[:2] else best
                    break
                head, steps = tokens[head].head, steps + 1
        for tok in tokens:
            if tok.head in inside and _is_cue(tok) and not doc.in_quote(tok) and not _subordinate(doc, s, tok):
                cand = (1, abs(tok.start - quote.start), TokenRef(s, tok.index))
                best = cand if best is None or cand[:2] < best[:2] else best
    if best is None:
        return None
    cue = _outer_cue(doc, best[2])
    speaker = _subject(doc, cue.sent, cue.index)
    return Attribution(cue, speaker, "syntax") if speaker is not None else None


def _subordinate(doc: Document, sent: int, tok: Token) -> bool:
    """A clause of time, cause or condition: "“That makes me smart,” when Clinton blasted
    him" is not what Clinton said ("“…,” as she put it" is)."""
    openers = (kid.lemma.lower() for kid in doc.children(sent, tok.index) if kid.deprel in ("mark", "advmod"))
    return tok.deprel.startswith("advcl") and any(word in SUBORDINATORS for word in openers)


def _outer_cue(doc: Document, cue: TokenRef) -> TokenRef:
    """ "Graham said he would tell the “bigots” …": a cue whose subject is a pronoun, inside
    what a higher cue reports, belongs to the higher cue's named speaker; so does one of
    words not yet said ("Trump stated that Melania would discuss it “in a few weeks”")."""
    subject = _raw_subject(doc, cue.sent, cue.index)
    if subject is None:
        return cue
    tokens = doc.sentences[cue.sent].tokens
    pronoun = tokens[subject.head]
    if pronoun.text.lower() in RELATIVE_PRONOUNS:  # "Beck, who called him …"
        return cue
    if pronoun.upos != "PRON" and not _unsaid(doc, cue.sent, cue.index):
        return cue
    below, head = cue.index, tokens[cue.index].head
    while head >= 0:
        if _subordinate(doc, cue.sent, tokens[below]):
            return cue  # "Christie called her a “disgrace” after she blamed … on “bias”": her words
        if _is_cue(tokens[head]) and not doc.in_quote(tokens[head]):
            outer = _subject(doc, cue.sent, head)
            if outer is not None and tokens[outer.head].upos in ("PROPN", "NOUN"):
                return TokenRef(cue.sent, head)
            return cue
        below, head = head, tokens[head].head
    return cue


def _unsaid(doc: Document, sent: int, verb: int) -> bool:
    """Whether a verb tells of what is yet to come ("would discuss", "will say")."""
    return any(kid.deprel == "aux" and kid.lemma.lower() in MODALS for kid in doc.children(sent, verb))


def _before(doc: Document, quote: QuoteSpan, earlier: Sequence[Attribution] = ()) -> Attribution | None:
    """A cue right before the quotation: Kofman said, “…” / called it “…”."""
    for ref in _window_before(doc, quote):
        tok = doc.token(ref)
        if _is_cue(tok):
            speaker = _subject(doc, ref.sent, ref.index)
            if speaker is not None:
                return Attribution(ref, speaker, "before")
    return None


def _according_to(doc: Document, quote: QuoteSpan, earlier: Sequence[Attribution] = ()) -> Attribution | None:
    """ "“…,” according to Kofman": the source a report is credited to."""
    for s in doc.sentences_of(quote.start, quote.end):
        for tok in doc.outside_tokens(s):
            if tok.text.lower() == "according" and tok.index + 1 < len(doc.sentences[s].tokens):
                nxt = doc.sentences[s].tokens[tok.index + 1]
                if nxt.text.lower() == "to":
                    head = tok.head if tok.head >= 0 and tok.head != nxt.index else None
                    speaker = (
                        _speaker(doc, doc.mention(s, head))
                        if head is not None and not doc.in_quote(doc.sentences[s].tokens[head])
                        else _nominal_near(doc, s, range(tok.index + 2, len(doc.sentences[s].tokens)))
                    )
                    if speaker is not None:
                        return Attribution(TokenRef(s, tok.index), speaker, "according-to")
    return None


def _turn(doc: Document, quote: QuoteSpan, earlier: Sequence[Attribution] = ()) -> Attribution | None:
    """A transcript's turn: the speaker's label in capitals opens the paragraph ("PENCE: Well, …")."""
    label = TURN_LABEL.match(doc.text, doc.paragraph_start(quote.start))
    if label is None or label.end() != quote.start:
        return None
    sent = doc.sentence_of(label.start(1))
    tokens = doc.sentences[sent].tokens
    # the label's words, also one the tokenizer ran into the opening mark ("'DIAZ")
    words = [t for t in tokens if label.start(1) <= t.end and t.start < label.end(1) and t.text[-1:].isalpha()]
    return Attribution(None, doc.mention(sent, words[-1].index), "turn") if words else None


def _colon(doc: Document, quote: QuoteSpan, earlier: Sequence[Attribution] = ()) -> Attribution | None:
    """An introduction that ends with a colon: Kofman told reporters: “…”."""
    if (found := _colon_clause(doc, quote)) is None:
        return None
    sent, tokens, path = found
    introduced = _name_before_colon(doc, sent, tokens)
    if introduced is not None:
        return Attribution(None, introduced, "colon")
    for cue in [i for i in path if _is_cue(doc.sentences[sent].tokens[i])]:
        speaker = _subject(doc, sent, cue)
        if speaker is not None:
            return Attribution(TokenRef(sent, cue), speaker, "colon")
    # "President Clinton released the following statement:": the introducing clause's subject;
    # "The surge does not surprise pollster Daron Shaw:": else the last who can speak
    root = doc.sentences[sent].tokens[path[-1]]
    subject = next((k for k in doc.children(sent, root.index) if k.deprel in ("nsubj", "nsubj:pass")), None)
    if subject is not None and subject.upos in ("PROPN", "NOUN", "PRON") and not doc.in_quote(subject):
        speaker = _speaker(doc, doc.mention(sent, subject.index))
        if speaker is not None:
            return Attribution(TokenRef(sent, root.index), speaker, "colon")
    named = [t.index for t in reversed(tokens) if t.upos == "PROPN" and t.index != root.index]
    speaker = _nominal_near(doc, sent, named)
    return Attribution(TokenRef(sent, root.index), speaker, "colon") if speaker is not None else None


def _colon_clause(doc: Document, quote: QuoteSpan) -> tuple[int, list[Token], list[int]] | None:
    """The clause that ends in a colon right before the quotation, which introduces it:
    its sentence, the tokens outside quotations up to the colon, and the words from the
    last before the colon up to the head of its clause, where a clause joined on with a
    subject of its own starts (:func:`_own_clause`). A cue among them introduces the
    quotation; one in a clause beside or below them does not ("With leaders worried,
    Obama is rolling out a message: “…”" is Obama's). None without a colon or a word before it."""
    colon, before = _text_before(doc, quote)
    if not before.endswith(":"):
        return None
    sent = doc.sentence_of(colon - 1)
    tokens = [t for t in doc.outside_tokens(sent) if t.end <= colon]
    words = [t for t in tokens if t.upos != "PUNCT"]
    if not words:
        return None
    parsed = doc.sentences[sent].tokens
    current, path = words[-1], [words[-1].index]
    while current.head >= 0 and not _own_clause(doc, sent, current):
        current = parsed[current.head]
        path.append(current.index)
    return sent, tokens, path


def _own_clause(doc: Document, sent: int, tok: Token) -> bool:
    """Whether ``tok`` heads a clause joined to the one above with a subject of its own
    ("…, Obama is rolling out a message": what it says is not the first clause's). "And
    there was “no evidence”" has none: it goes on with what was said."""
    if tok.deprel != "conj":
        return False
    kids = doc.children(sent, tok.index)
    return not any(kid.deprel == "expl" for kid in kids) and any(
        kid.deprel in _SUBJECT and not doc.in_quote(kid) for kid in kids
    )


def _name_before_colon(doc: Document, sent: int, tokens: list[Token]) -> Mention | None:
    """ "POLLS TOO EARLY - Mark Blumenthal and Jon Cohen: “…”": a name that ends the
    introduction, where no verb takes it as its object ("told CNN:"), is the speaker."""
    if len(tokens) < 2 or tokens[-1].text != ":" or tokens[-2].upos != "PROPN":
        return None
    mention = _nominal_near(doc, sent, [tokens[-2].index])
    if mention is None:
        return None
    head = doc.sentences[sent].tokens[mention.head]
    return mention if head.deprel not in ("obj", "iobj", "obl", "nmod", "nmod:poss", "compound") else None


def _continuation(doc: Document, quote: QuoteSpan, earlier: Sequence[Attribution] = ()) -> Attribution | None:
    """The latest speech before the quotation, in its paragraph or the one before.

    Only a quotation that stands as a sentence of its own continues someone's speech;
    a phrase quoted inside a sentence of the narrative does not.
    """
    if not _stands_alone(doc, quote):
        return None
    paragraph = doc.paragraph_of(quote.start)
    previous = next(
        ((doc.quotes[k], earlier[k]) for k in range(len(earlier) - 1, -1, -1) if earlier[k].speaker is not None), None
    )
    last_end = -1
    candidate: Attribution | None = None
    if previous is not None and paragraph - doc.paragraph_of(previous[0].end) <= 1:
        last_end, candidate = previous[0].end, previous[1]
    # Reported speech between that quotation and this one takes precedence ("Kofman also said …").
    cue_sentence = candidate.cue.sent if candidate is not None and candidate.cue is not None else -1
    for s in range(doc.sentence_of(max(last_end, 0)), doc.sentence_of(quote.start) + 1):
        sentence = doc.sentences[s]
        if s == cue_sentence or sentence.start >= quote.start or sentence.end <= last_end:
            continue  # the sentence of the quotation before speaks for it already
        if paragraph - doc.paragraph_of(sentence.start) > 1:
            continue
        for tok in doc.outside_tokens(s):
            if _is_cue(tok) and tok.end <= quote.start and tok.start >= last_end:
                speaker = _subject(doc, s, tok.index)
                if speaker is not None:
                    candidate = Attribution(TokenRef(s, tok.index), speaker, "continuation")
    if candidate is None:
        return None
    return Attribution(None, candidate.speaker, "continuation")


RULES: dict[Rule, RuleFunction] = {
    "turn": _turn,
    "according-to": _according_to,  # the source of a report outranks the speaker it reports: PolNeAR and readers agree
    "after": _after,
    "dash": _dash,
    "syntax": _syntax,
    "before": _before,
    "colon": _colon,
    "continuation": _continuation,
}
"""Every rule by name, in the order they are tried; each function's docstring says what it finds."""
