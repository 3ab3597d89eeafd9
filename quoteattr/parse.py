"""Parse: run stanza and turn its output into plain sentences of tokens with character offsets.

This module runs stanza, importing it only when a parse is needed (with
:mod:`quoteattr.shortcuts`, which makes stanza faster, the only one that imports it). The
bundled English models (``quoteattr/models/en``) load offline, once per process;
any ``stanza.Pipeline`` with tokenize, pos, lemma and depparse can be passed instead.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import shortcuts
from .errors import ModelError
from .lexicon import TITLE_ABBREVIATIONS

if TYPE_CHECKING:
    import stanza

__all__ = [
    "MODEL_DIR",
    "REQUIRED_PROCESSORS",
    "ParseRequest",
    "Sentence",
    "Token",
    "check_pipeline",
    "default_pipeline",
    "load_pipeline",
    "parse",
    "parse_many",
]

MODEL_DIR = Path(__file__).parent / "models" / "en"
MODEL_FILES = {
    "tokenize_model_path": "tokenizer.pt",
    "mwt_model_path": "mwt.pt",
    "pos_model_path": "pos.pt",
    "pos_pretrain_path": "pretrain.pt",
    "lemma_model_path": "lemma.pt",
    "depparse_model_path": "depparse.pt",
    "depparse_pretrain_path": "pretrain.pt",
}
REQUIRED_PROCESSORS = ("tokenize", "pos", "lemma", "depparse")
# Parse long texts in pieces of about this many characters, cut at paragraph breaks,
# so that memory stays bounded; sentences never cross paragraphs anyway.
CHUNK_CHARS = 50_000

_lock = threading.Lock()
_default: stanza.Pipeline | None = None


@attrs.frozen
class Token:
    """One syntactic word. ``head`` is the index of its head in the sentence, -1 for the root."""

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
    """A parsed sentence: its character span in the text and its tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    def children(self, index: int) -> list[Token]:
        """The dependents of token ``index``, in order."""
        return [t for t in self.tokens if t.head == index]


def load_pipeline(model_dir: str | Path = MODEL_DIR) -> stanza.Pipeline:
    """Build a ``stanza.Pipeline`` from the bundled model files, never touching the network.

    Raises:
        ModelError: a model file is missing or cannot be loaded; the message names it.
    """
    import stanza

    model_dir = Path(model_dir)
    paths = {arg: model_dir / name for arg, name in MODEL_FILES.items()}
    for path in paths.values():
        if not path.is_file():
            raise ModelError(
                f"bundled model file missing: {path}. Reinstall quoteattr "
                "(pip install --force-reinstall quoteattr) or retrain it with tools/train_models.py"
            )
    trusted = set(paths.values()) if model_dir.resolve() == MODEL_DIR.resolve() else set()
    try:
        with _no_optimizers(), _pickle_loading(trusted):
            pipeline = stanza.Pipeline(
                lang="en",
                dir=str(model_dir),
                processors="tokenize,mwt,pos,lemma,depparse",
                download_method=None,
                logging_level="WARN",
                use_gpu=False,
                **{arg: str(path) for arg, path in paths.items()},
            )
    except Exception as exc:  # stanza raises many kinds for a bad file
        suspect = _corrupt_file(paths.values())
        where = f"model file {suspect} is corrupt" if suspect else f"the models in {model_dir} failed to load"
        raise ModelError(
            f"{where} ({type(exc).__name__}: {exc}). Reinstall quoteattr "
            "(pip install --force-reinstall quoteattr) or retrain it with tools/train_models.py"
        ) from exc
    shortcuts.speed_up(pipeline)
    return pipeline


@contextlib.contextmanager
def _no_optimizers() -> Iterator[None]:
    """stanza's tokenizer and tagger build an optimizer even to predict, and torch imports
    its compiler (about 2 s) for the first one; a pipeline that only predicts needs none."""
    from stanza.models.common import utils

    saved = utils.get_optimizer, utils.get_split_optimizer
    utils.get_optimizer = lambda *args, **kwargs: None
    utils.get_split_optimizer = lambda *args, **kwargs: {}
    try:
        yield
    finally:
        utils.get_optimizer, utils.get_split_optimizer = saved


@contextlib.contextmanager
def _pickle_loading(trusted: Collection[Path]) -> Iterator[None]:
    """stanza reads model files with torch's weights-only unpickler, written in Python
    and eight times slower than pickle on these files (0.3 s of a 0.5 s load). The bundled
    files ship with quoteattr's own code and are as trusted as it is, so they are read
    with pickle; every other file is read the way stanza reads it."""
    import torch

    trusted_names = {str(path) for path in trusted}
    careful = torch.load

    def load(f: Any, *args: Any, **kwargs: Any) -> Any:
        if str(f) in trusted_names:
            kwargs["weights_only"] = False
        return careful(f, *args, **kwargs)

    torch.load = load
    try:
        yield
    finally:
        torch.load = careful


def _corrupt_file(paths: Iterable[Path]) -> Path | None:
    import torch

    for path in paths:
        try:
            torch.load(path, map_location="cpu", weights_only=False)
        except Exception:
            return path
    return None


def default_pipeline() -> stanza.Pipeline:
    """The bundled pipeline, loaded on first use and then shared by the whole process."""
    global _default
    with _lock:
        if _default is None:
            _default = load_pipeline()
        return _default


def check_pipeline(pipeline: Any) -> None:
    """Raise ``ModelError`` naming any processor quoteattr needs that ``pipeline`` lacks."""
    processors = getattr(pipeline, "processors", None)
    if not isinstance(processors, dict):
        raise ModelError(f"pipeline must be a stanza.Pipeline (got {type(pipeline).__name__})")
    missing = [name for name in REQUIRED_PROCESSORS if name not in processors]
    if missing:
        raise ModelError(
            f"the stanza pipeline lacks the processor(s) {', '.join(missing)}; quoteattr needs "
            f"{','.join(REQUIRED_PROCESSORS)}, e.g. stanza.Pipeline('en', processors='tokenize,pos,lemma,depparse')"
        )


@attrs.frozen
class ParseRequest:
    """One text to parse and how: the arguments of :func:`parse`, for :func:`parse_many`."""

    text: str
    regions: Sequence[tuple[int, int]] | None = None
    select: Callable[[Sequence[Sentence]], Collection[int]] | None = None
    paragraph_starts: Sequence[int] = ()


def parse(
    text: str,
    pipeline: stanza.Pipeline,
    *,
    regions: Sequence[tuple[int, int]] | None = None,
    select: Callable[[Sequence[Sentence]], Collection[int]] | None = None,
    paragraph_starts: Sequence[int] = (),
) -> list[Sentence]:
    """Parse ``text`` (or only the given character ``regions`` of it) into sentences.

    Offsets are into ``text``; regions should start and end at paragraph breaks.
    Each paragraph (blank-line separated, and also cut at every one of
    ``paragraph_starts``) is tokenized on its own, so no sentence crosses one: a
    tokenizer trained on web text runs a headline line on into the next paragraph.
    With ``select``, the text is tokenized first and only the sentences whose indexes
    ``select`` returns (given the tokenized, untagged sentences, in order) are tagged
    and parsed; the others are left out of the result.
    """
    return parse_many([ParseRequest(text, regions, select, paragraph_starts)], pipeline)[0]


def parse_many(requests: Sequence[ParseRequest], pipeline: stanza.Pipeline) -> list[list[Sentence]]:
    """Parse several texts as :func:`parse` parses each, and give their sentences in order.

    The texts go through stanza about :data:`CHUNK_CHARS` characters at a time, several
    short ones together: tokenized as one text, their chosen sentences tagged and parsed
    in one document. Fuller batches make stanza a fifth faster on news articles than
    text by text. The results do not change, as stanza tokenizes each paragraph and tags
    and parses each sentence on its own, and a request is split across batches only
    where it is longer than one, at the same places whatever comes before it.
    """
    shortcuts.install()
    results: list[list[Sentence]] = [[] for _ in requests]
    group: list[tuple[int, int, int]] = []  # pieces (request, start, end) to parse together
    size = 0
    for k, request in enumerate(requests):
        pieces = [(start, end) for start, end in _pieces(request) if request.text[start:end].strip()]
        if group and size + sum(end - start for start, end in pieces) > CHUNK_CHARS:
            _parse_group(pipeline, requests, group, results)
            group, size = [], 0
        for start, end in pieces:
            group.append((k, start, end))
            size += end - start
            if size >= CHUNK_CHARS:
                _parse_group(pipeline, requests, group, results)
                group, size = [], 0
    _parse_group(pipeline, requests, group, results)
    return results


def _pieces(request: ParseRequest) -> Iterator[tuple[int, int]]:
    """The request's regions cut at its paragraph starts, and where a paragraph is
    longer than :data:`CHUNK_CHARS`, at line breaks or anywhere."""
    text, starts = request.text, request.paragraph_starts
    for start, end in [(0, len(text))] if request.regions is None else request.regions:
        inner = starts[bisect.bisect_right(starts, start) : bisect.bisect_left(starts, end)]
        for piece_start, piece_end in itertools.pairwise([start, *inner, end]):
            yield from _chunks(text, piece_start, piece_end)


@shortcuts.gc_paused()
def _parse_group(
    pipeline: stanza.Pipeline,
    requests: Sequence[ParseRequest],
    group: Sequence[tuple[int, int, int]],
    results: list[list[Sentence]],
) -> None:
    """Tokenize the pieces of ``group`` as one text, a blank line between them (each
    is a paragraph, or several), then choose sentences request by request, and tag and
    parse the chosen ones of all requests in one document."""
    from stanza.models.common.doc import Document as StanzaDocument

    if not group:
        return
    texts = [requests[k].text[start:end] for k, start, end in group]
    at = list(itertools.accumulate((len(t) + 2 for t in texts[:-1]), initial=0))  # where each begins
    joined_text = "\n\n".join(texts)
    doc: Any = joined_text
    names = list(pipeline.processors)
    for name in names[: names.index("pos")]:  # tokenize (and mwt): needed everywhere
        doc = pipeline.processors[name].process(doc)
    by_piece: list[list[Any]] = [[] for _ in group]
    for sentence in doc.sentences:
        by_piece[bisect.bisect_right(at, sentence.tokens[0].start_char) - 1].append(sentence)
    # each request's sentences, with the offset that turns a token's start_char into
    # an offset in the request's text
    found: dict[int, list[tuple[Any, int]]] = {}
    for (k, start, _), begins, piece_text, sentences in zip(group, at, texts, by_piece, strict=True):
        if _needs_mending(sentences, joined_text):
            # rare (29 of the 1,283 pieces of PolNeAR dev): rebuild stanza's sentences from mended dictionaries
            mended = _mend([s.to_dict() for s in sentences], joined_text)
            sentences = StanzaDocument(mended, text=piece_text).sentences
        found.setdefault(k, []).extend((sentence, start - begins) for sentence in sentences)
    chosen: list[tuple[int, Any, int]] = []  # (request, sentence, offset), in order
    for k, candidates in found.items():
        select = requests[k].select
        indexes: Collection[int] = range(len(candidates))
        if select is not None:
            indexes = sorted(select([_untagged(sentence, requests[k].text, offset) for sentence, offset in candidates]))
        chosen.extend((k, *candidates[i]) for i in indexes)
    if not chosen:
        return
    combined: Any = StanzaDocument([])
    combined.sentences = [sentence for _, sentence, _ in chosen]
    combined.num_tokens = sum(len(s.tokens) for s in combined.sentences)
    combined.num_words = sum(len(s.words) for s in combined.sentences)
    for name in names[names.index("pos") :]:
        combined = pipeline.processors[name].process(combined)
    for k, sentence, offset in chosen:
        results[k].extend(_convert([sentence], requests[k].text, offset))


def _untagged(sentence: Any, text: str, offset: int) -> Sentence:
    """A tokenized stanza sentence as words with text and offsets only (no tags, no
    heads): enough to choose what to parse. The words of a multi-word token
    ("Trump’s" -> "Trump", "’s") get the token's offsets."""
    tokens: list[Token] = []
    for token in sentence.tokens:
        start, end = offset + token.start_char, offset + token.end_char
        for word in token.words:
            tokens.append(Token(len(tokens), word.text, start, end, word.text, "", "", "", -1, ""))
    if not tokens:
        return Sentence(offset, offset, ())
    return Sentence(tokens[0].start, tokens[-1].end, tuple(tokens))


def _needs_mending(sentences: Sequence[Any], text: str) -> bool:
    """Whether the tokenizer broke a sentence where news does not (:func:`_false_break`)
    or split a title's period off before a name (:func:`_split_titles`)."""
    for before, after in itertools.pairwise(sentences):
        last = [(t.text, t.start_char, t.end_char) for t in before.tokens[-2:]]
        first = [(t.text, t.start_char, t.end_char) for t in after.tokens[:1]]
        if last and first and _false_break(text, last, first[0]):
            return True
    return any(_split_titles([(t.text, t.start_char, t.end_char) for t in s.tokens]) for s in sentences)


def _mend(sentences: list[list[dict[str, Any]]], text: str) -> list[list[dict[str, Any]]]:
    return [_rejoin_titles(sentence) for sentence in _join_false_breaks(sentences, text)]


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


def _shift(ident: Any, by: int) -> Any:
    return tuple(i + by for i in ident) if isinstance(ident, tuple) else ident + by


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > CHUNK_CHARS:
        cut = text.rfind("\n", start, start + CHUNK_CHARS)
        if cut <= start:
            cut = start + CHUNK_CHARS
        yield start, cut
        start = cut
    yield start, end


def _convert(stanza_sentences: Sequence[Any], text: str, offset: int) -> list[Sentence]:
    sentences = []
    for sent in stanza_sentences:
        tokens = []
        for token in sent.tokens:
            start, end = _locate(text, token.text, offset + token.start_char, offset + token.end_char)
            words = token.words
            pieces = [(start, end)] if len(words) == 1 else _word_offsets(token, start, end)
            for word, (w_start, w_end) in zip(words, pieces, strict=True):
                tokens.append(
                    Token(
                        index=word.id - 1,
                        text=text[w_start:w_end] if w_end > w_start else word.text,
                        start=w_start,
                        end=w_end,
                        lemma=word.lemma or word.text,
                        upos=word.upos or "X",
                        xpos=word.xpos or "",
                        feats=word.feats or "",
                        head=(word.head or 0) - 1,
                        deprel=word.deprel or "dep",
                    )
                )
        if tokens:
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tuple(tokens)))
    return sentences


def _word_offsets(token: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of each word of a token: its own piece where the words spell the token
    ("Blinken’s" -> "Blinken" + "’s"), else the whole token."""
    words = [w.text for w in token.words]
    if len(words) > 1 and "".join(words) == token.text and end - start == len(token.text):
        spans, at = [], start
        for w in words:
            spans.append((at, at + len(w)))
            at += len(w)
        return spans
    return [(start, end)] * len(words)


def _locate(text: str, token_text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets that slice ``text`` exactly; stanza's are trusted when they do."""
    if text[start:end] == token_text:
        return start, end
    found = text.find(token_text, max(0, start - 10), end + 10 + len(token_text))
    if found >= 0:
        return found, found + len(token_text)
    return start, max(start, min(end, len(text)))
