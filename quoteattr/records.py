"""Records: what quoteattr returns, as small frozen ``attrs`` classes with plain offsets.

Every record satisfies ``text == source[start:end]`` for the string it came from,
and converts to and from plain dicts (``to_dict`` / ``from_dict``) for JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, get_args

import attrs

from .attribution import Rule


def _check_span(instance: Span, attribute: attrs.Attribute[int], value: int) -> None:
    if attribute.name == "start" and value < 0:
        raise ValueError(f"start must be >= 0 (got {value})")
    if attribute.name == "end" and value < instance.start:
        raise ValueError(f"end must be >= start (got start={instance.start}, end={value})")
    if attribute.name == "end" and len(instance.text) != value - instance.start:
        raise ValueError(f"text must have end - start = {value - instance.start} characters (got {len(instance.text)})")


@attrs.frozen
class Span:
    """A piece of the input text, e.g. a cue word.

    >>> Span("said", 10, 14)
    Span(text='said', start=10, end=14)
    >>> Span("said", 10, 12)
    Traceback (most recent call last):
    ...
    ValueError: text must have end - start = 2 characters (got 4)
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    start: int = attrs.field(validator=[attrs.validators.instance_of(int), _check_span])
    end: int = attrs.field(validator=[attrs.validators.instance_of(int), _check_span])

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict (JSON-ready)."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        """Rebuild a record from :meth:`to_dict`'s output."""
        return cls(data["text"], data["start"], data["end"])


def _check_rule(instance: Quote, attribute: attrs.Attribute[Rule | None], value: Rule | None) -> None:
    if value is not None and value not in _RULES:
        raise ValueError(f"rule must be None or one of {', '.join(_RULES)} (got {value!r})")


_RULES = get_args(Rule)


def _optional_str() -> Any:
    return attrs.field(default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str)))


@attrs.frozen
class Speaker(Span):
    """Who said a quote: the mention as it appears (``text``, e.g. "he"), the resolved
    full ``name`` ("Michael Kofman") and the ``title`` the article gives ("director of ...").

    >>> Speaker("he", 2820, 2822, name="Michael Kofman", title="director of Russia Studies")
    Speaker(text='he', start=2820, end=2822, name='Michael Kofman', title='director of Russia Studies')
    """

    name: str | None = _optional_str()
    title: str | None = _optional_str()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        return cls(data["text"], data["start"], data["end"], name=data.get("name"), title=data.get("title"))


@attrs.frozen
class Quote(Span):
    """A direct quotation, quote marks included, with its speaker and cue.

    ``rule`` says how the attribution was decided, one of :data:`quoteattr.attribution.Rule`
    (see :data:`quoteattr.attribution.RULES`); it is ``None`` when nobody is credited.

    >>> q = Quote("“Hi,”", 0, 5, speaker=Speaker("Ann", 6, 9, name="Ann Lee"), cue=Span("said", 10, 14),
    ...           rule="after")
    >>> q.to_dict()["speaker"]["name"]
    'Ann Lee'
    >>> Quote.from_dict(q.to_dict()) == q
    True
    >>> Quote("“Hi,”", 0, 5, rule="guess")
    Traceback (most recent call last):
    ...
    ValueError: rule must be None or one of according-to, after, dash, syntax, before, colon, continuation (got 'guess')
    """

    speaker: Speaker | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Speaker))
    )
    cue: Span | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Span))
    )
    rule: Rule | None = attrs.field(default=None, validator=_check_rule)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        speaker, cue = data.get("speaker"), data.get("cue")
        return cls(
            data["text"],
            data["start"],
            data["end"],
            speaker=Speaker.from_dict(speaker) if speaker else None,
            cue=Span.from_dict(cue) if cue else None,
            rule=data.get("rule"),
        )


class Quotes(list[Quote]):
    """The quotes of one text, in document order: a plain list of :class:`Quote` that also
    shows itself in notebooks (as the article with each quote highlighted) and as a table.

    >>> quotes = Quotes([Quote("“Hi,”", 0, 5)], text="“Hi,” Ann said.")
    >>> len(quotes), quotes.text
    (1, '“Hi,” Ann said.')
    """

    def __init__(self, quotes: Iterable[Quote] = (), *, text: str = "") -> None:
        super().__init__(quotes)
        self.text = text

    # The views are imported when asked for: the records do not depend on how they are shown.
    def _repr_html_(self) -> str:
        from .display import render_html

        return render_html(self.text, self)

    def to_html(self) -> str:
        """The HTML view (see :func:`quoteattr.display.render_html`)."""
        from .display import render_html

        return render_html(self.text, self)

    def to_table(self) -> Any:
        """One row per quote (see :func:`quoteattr.display.table`)."""
        from .display import table

        return table(self)
