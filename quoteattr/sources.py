"""Sources: who is quoted in an article, how often and at what length.

One :class:`Source` per distinct speaker of an article, built from its quote records
alone: name, title, kind, gender (with the word that shows it), how many quotes, how
many words quoted and what share of the article's quoted words that is, where the
first quote starts and which cue verbs introduce them. :func:`sources_table` puts the
sources of many articles in one pandas DataFrame, for a source audit of an archive.

A named speaker (a person, organisation or document with a resolved name) is one source
however the article mentions them ("Ann Lee", "Lee", "she"); an unnamed or anonymous one
is one source per way of calling them ("a voter"), whatever name a resolver may have
tied to it: an anonymous source has no name to count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import regex

from .records import GENDERS, KINDS, Gender, Kind, Quote, Span, one_of

__all__ = ["COLUMNS", "Source", "Sources", "count_words", "sources_of", "sources_table"]

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*")
# The columns of a sources table, in order (an archive's table starts with "id").
COLUMNS = (
    "name",
    "speaker",
    "title",
    "kind",
    "gender",
    "gender_evidence",
    "quotes",
    "words",
    "share",
    "first",
    "cues",
)


def count_words(text: str) -> int:
    """The words of a quotation, marks and punctuation aside.

    >>> count_words("“It’s a U.S. decision — mine,” ")
    5
    """
    return len(_WORD.findall(text))


def _non_negative(instance: Any, attribute: attrs.Attribute[Any], value: int | float) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0 (got {value})")


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _share(instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"share must be between 0 and 1 (got {value})")


@attrs.frozen
class Source:
    """One speaker of an article and what they are quoted saying, in total.

    ``name`` is the resolved name (None for an unnamed source) and ``speaker`` how the
    article first calls them ("a senior official"); ``kind``, ``gender`` and
    ``gender_evidence`` are those of :class:`~quoteattr.records.Speaker`; ``quotes``
    counts their quotations, ``words`` the words in them and ``share`` that as a part of
    all the words the article quotes; ``first`` is where their first quotation starts;
    ``cues`` the cue words that introduce them, lower-cased, in order of first use.

    >>> s = Source("Ann Lee", "Lee", kind="person", quotes=2, words=9, share=0.75, first=0, cues=("said",))
    >>> Source.from_dict(s.to_dict()) == s
    True
    """

    name: str | None = attrs.field(default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str)))
    speaker: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    title: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    kind: Kind | None = attrs.field(default=None, validator=one_of(KINDS))
    gender: Gender | None = attrs.field(default=None, validator=one_of(GENDERS))
    gender_evidence: Span | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Span))
    )
    quotes: int = attrs.field(default=0, validator=[attrs.validators.instance_of(int), _non_negative])
    words: int = attrs.field(default=0, validator=[attrs.validators.instance_of(int), _non_negative])
    share: float = attrs.field(default=0.0, converter=float, validator=_share)
    first: int = attrs.field(default=0, validator=[attrs.validators.instance_of(int), _non_negative])
    cues: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def anonymous(self) -> bool:
        """Whether the article says this source is kept unnamed on purpose."""
        return self.kind == "anonymous"

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict (JSON-ready)."""
        data = attrs.asdict(self, recurse=True)
        data["cues"] = list(self.cues)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """Rebuild a record from :meth:`to_dict`'s output."""
        evidence = data.get("gender_evidence")
        fields = {k: v for k, v in data.items() if k in attrs.fields_dict(cls) and k != "gender_evidence"}
        return cls(**fields, gender_evidence=Span.from_dict(evidence) if evidence else None)

    def row(self) -> dict[str, Any]:
        """The record as a table row: the evidence as its word, the cues joined by commas."""
        data = self.to_dict()
        data["gender_evidence"] = self.gender_evidence.text if self.gender_evidence else None
        data["cues"] = ", ".join(self.cues)
        return {column: data[column] for column in COLUMNS}


class Sources(list[Source]):
    """The sources of one article, in order of their first quotation; a plain list of
    :class:`Source` with :meth:`to_table`."""

    def to_table(self) -> Any:
        """One row per source: a pandas DataFrame when pandas is installed, else a list of dicts."""
        rows = [source.row() for source in self]
        try:
            import pandas as pd
        except ImportError:
            return rows
        return pd.DataFrame(rows, columns=list(COLUMNS))


def sources_of(quotes: Sequence[Quote]) -> Sources:
    """The distinct speakers of one article's ``quotes``, in order of their first quotation.

    The share of quoted words is taken over all of ``quotes``, so quotations nobody is
    credited with (``include_unattributed=True``) count in the whole but belong to no source.

    >>> from quoteattr.records import Quote, Speaker, Span
    >>> ann = Speaker("Ann Lee", 20, 27, name="Ann Lee", kind="person")
    >>> she = Speaker("she", 60, 63, name="Ann Lee", kind="person", gender="female",
    ...               gender_evidence=Span("she", 60, 63))
    >>> quotes = [Quote("“Yes, we will,”", 0, 15, speaker=ann, cue=Span("said", 28, 32)),
    ...           Quote("“Soon.”", 40, 47, speaker=she, cue=Span("added", 64, 69))]
    >>> [source] = sources_of(quotes)
    >>> source.name, source.quotes, source.words, source.share, source.cues, source.gender
    ('Ann Lee', 2, 4, 1.0, ('said', 'added'), 'female')
    """
    total = sum(count_words(q.text) for q in quotes)
    groups: dict[tuple[str, str], list[Quote]] = {}
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.speaker is not None:
            groups.setdefault(_key(quote), []).append(quote)
    return Sources(_source(group, total) for group in groups.values())


# Kinds whose resolved name says who the source is; the others have none.
_NAMED_KINDS = frozenset({"person", "organisation", "document", None})


def _key(quote: Quote) -> tuple[str, str]:
    assert quote.speaker is not None
    if quote.speaker.name and quote.speaker.kind in _NAMED_KINDS:
        return "name", quote.speaker.name.casefold()
    return "mention", quote.speaker.text.casefold()


def _source(quotes: Sequence[Quote], total: int) -> Source:
    first = quotes[0].speaker
    assert first is not None
    speakers = [q.speaker for q in quotes if q.speaker is not None]
    shown = next((s for s in speakers if s.gender is not None), None)
    words = sum(count_words(q.text) for q in quotes)
    cues: dict[str, None] = dict.fromkeys(q.cue.text.lower() for q in quotes if q.cue is not None)
    return Source(
        name=first.name if first.kind in _NAMED_KINDS else None,
        speaker=first.text,
        title=next((s.title for s in speakers if s.title), None),
        kind=first.kind,
        gender=shown.gender if shown else None,
        gender_evidence=shown.gender_evidence if shown else None,
        quotes=len(quotes),
        words=words,
        share=words / total if total else 0.0,
        first=quotes[0].start,
        cues=tuple(cues),
    )


_NO_ID = object()


def sources_table(results: Iterable[Sequence[Quote]], ids: Iterable[Any] | None = None) -> Any:
    """The sources of many articles in one pandas DataFrame: a row per source of each
    article, its ``id`` first (from ``ids``, else the article's position).

    ``results`` are the articles' quotes, e.g. what :func:`quoteattr.extract_many` yields.

    >>> from quoteattr.records import Quote, Speaker
    >>> one = [Quote("“Yes,”", 0, 6, speaker=Speaker("Ann Lee", 7, 14, name="Ann Lee", kind="person"))]
    >>> two = [Quote("“No,”", 0, 5, speaker=Speaker("critics", 6, 13, kind="unnamed_group"))]
    >>> table = sources_table([one, two], ids=["a", "b"])
    >>> table[["id", "speaker", "kind", "quotes"]].values.tolist()
    [['a', 'Ann Lee', 'person', 1], ['b', 'critics', 'unnamed_group', 1]]
    >>> table["name"].isna().tolist()
    [False, True]
    """
    import pandas as pd  # an optional dependency: pip install quoteattr[pandas]

    rows: list[dict[str, Any]] = []
    names = iter(ids) if ids is not None else None
    for position, quotes in enumerate(results):
        article = next(names, _NO_ID) if names is not None else position
        if article is _NO_ID:
            raise ValueError(f"ids has fewer items than results ({position})")
        rows.extend({"id": article, **source.row()} for source in sources_of(quotes))
    return pd.DataFrame(rows, columns=["id", *COLUMNS])
