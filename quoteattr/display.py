"""Display: the quotes of a text as HTML (highlighted by speaker) and as a table.

Built from the records alone, never from a parse: every piece of article text is
HTML-escaped, the CSS is inline (no CDN, works offline) and readable in light and
dark notebook themes.

Hooks for styling and tests: each quote is a ``span.qa-quote`` with ``data-speaker``,
``data-start`` and ``data-end``; each legend entry is an ``li.qa-speaker`` with
``data-speaker`` and ``data-count`` (and ``data-kind``, ``data-gender`` where known), its
colour a ``span.qa-swatch``, its kind and gender a ``span.qa-kind`` (an anonymous source's
inside a ``span.qa-anonymous``); cues outside their quote are ``span.qa-cue``.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .records import Quote

__all__ = ["render_html", "table"]

# Colours readable on white and on dark backgrounds (as translucent fills).
_PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#9a6324",
    "#469990",
    "#808000",
    "#000075",
    "#bfef45",
)
_NO_SPEAKER = "(no speaker)"


def _who(quote: Quote) -> str:
    if quote.speaker is None:
        return _NO_SPEAKER
    return quote.speaker.name or quote.speaker.text


def _described(quotes: Sequence[Quote], who: str) -> tuple[str | None, str | None, str | None]:
    """The kind, gender and gender evidence of the speaker shown as ``who`` (the first that says)."""
    speakers = [q.speaker for q in quotes if q.speaker is not None and _who(q) == who]
    kind = next((s.kind for s in speakers if s.kind), None)
    shown = next((s for s in speakers if s.gender), None)
    evidence = shown.gender_evidence if shown else None
    return kind, shown.gender if shown else None, evidence.text if evidence else None


def _kind_attributes(quotes: Sequence[Quote], who: str) -> str:
    kind, gender, _ = _described(quotes, who)
    return (f' data-kind="{kind}"' if kind else "") + (f' data-gender="{gender}"' if gender else "")


def _kind_note(quotes: Sequence[Quote], who: str) -> str:
    """ " · person, female (“she”)", with an anonymous source marked as such."""
    kind, gender, evidence = _described(quotes, who)
    if kind is None:
        return ""
    note = html.escape(kind.replace("_", " "))
    if gender:
        note += f", {gender}" + (f" (“{html.escape(evidence)}”)" if evidence else "")
    if kind == "anonymous":
        note = (
            '<span class="qa-anonymous" style="font-style:italic;border:1px solid #888;border-radius:3px;'
            f'padding:0 3px">{note}</span>'
        )
    return f' <span class="qa-kind" style="opacity:.75">· {note}</span>'


def render_html(text: str, quotes: Sequence[Quote]) -> str:
    """The article with each quote highlighted in its speaker's colour, cues underlined,
    and a legend (speaker, title, number of quotes, kind and gender; anonymous sources
    marked).

    >>> page = render_html("“<b>Hi</b>,” said Ann.", [])
    >>> "&lt;b&gt;Hi&lt;/b&gt;" in page and "<b>" not in page
    True
    """
    speakers = list(dict.fromkeys(_who(q) for q in quotes if q.speaker is not None))
    colour = {name: _PALETTE[i % len(_PALETTE)] for i, name in enumerate(speakers)}
    marks: list[tuple[int, int, str]] = []  # (offset, order, tag): closing tags sort before opening ones
    for q in sorted(quotes, key=lambda q: q.start):
        who = _who(q)
        if who == _NO_SPEAKER:
            style = "border:1px dashed #888;border-radius:3px;padding:0 1px"
        else:
            style = f"background:{colour[who]}33;border-bottom:2px solid {colour[who]};border-radius:3px"
        tip = html.escape(who + (f", {q.speaker.title}" if q.speaker and q.speaker.title else ""), quote=True)
        data = f'data-speaker="{html.escape(who, quote=True)}" data-start="{q.start}" data-end="{q.end}"'
        marks.append((q.start, 1, f'<span class="qa-quote" {data} style="{style}" title="{tip}">'))
        marks.append((q.end, 0, "</span>"))
        if q.cue is not None and not (q.start <= q.cue.start < q.end):
            marks.append((q.cue.start, 1, '<span class="qa-cue" style="text-decoration:underline dotted">'))
            marks.append((q.cue.end, 0, "</span>"))
    marks.sort(key=lambda m: (m[0], m[1]))
    out, at = [], 0
    for offset, _, tag in marks:
        out.append(html.escape(text[at:offset]))
        out.append(tag)
        at = max(at, offset)
    out.append(html.escape(text[at:]))
    body = "".join(out).replace("\n", "<br>\n")
    counts = Counter(_who(q) for q in quotes)
    titles = {_who(q): q.speaker.title for q in quotes if q.speaker is not None and q.speaker.title}
    legend = "".join(
        f'<li class="qa-speaker" data-speaker="{html.escape(name, quote=True)}" data-count="{counts[name]}"'
        f"{_kind_attributes(quotes, name)}>"
        f'<span class="qa-swatch" style="display:inline-block;width:.8em;height:.8em;'
        f'background:{colour.get(name, "#888")};border-radius:2px"></span> <b>{html.escape(name)}</b>'
        + (f", {html.escape(titles[name])}" if name in titles else "")
        + f" ({counts[name]}){_kind_note(quotes, name)}</li>"
        for name in [*speakers, *([_NO_SPEAKER] if _NO_SPEAKER in counts else [])]
    )
    return (
        '<div class="quoteattr" style="font-family:sans-serif;line-height:1.6;color:inherit">'
        f'<ul class="qa-legend" style="list-style:none;padding:0;margin:0 0 .8em 0">{legend}</ul>'
        f'<div class="qa-text">{body}</div></div>'
    )


def table(quotes: Iterable[Quote]) -> Any:
    """One row per quote: a pandas DataFrame when pandas is installed, else a list of dicts.

    >>> from quoteattr.records import Quote, Speaker
    >>> rows = table([Quote("“Hi”", 0, 4, speaker=Speaker("Ann", 5, 8, name="Ann Lee"), rule="after")])
    >>> row = rows[0] if isinstance(rows, list) else rows.iloc[0].to_dict()
    >>> row["name"], row["quote"]
    ('Ann Lee', '“Hi”')
    """
    rows = [
        {
            "start": q.start,
            "end": q.end,
            "quote": q.text,
            "speaker": q.speaker.text if q.speaker else None,
            "name": q.speaker.name if q.speaker else None,
            "title": q.speaker.title if q.speaker else None,
            "cue": q.cue.text if q.cue else None,
            "rule": q.rule,
        }
        for q in quotes
    ]
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows, columns=["start", "end", "quote", "speaker", "name", "title", "cue", "rule"])
