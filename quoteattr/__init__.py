"""quoteattr: the direct quotations of English news text, who said them, and with what title.

>>> import quoteattr
>>> quotes = quoteattr.extract("“It will pass,” said Sen. Elizabeth Warren.")
>>> quotes[0].speaker.name
'Elizabeth Warren'
"""

from __future__ import annotations

import logging

from .api import Extractor, extract, extract_many
from .errors import ModelError, QuoteattrError
from .records import Quote, Quotes, Span, Speaker
from .sources import Source, Sources, sources_table

__all__ = [
    "Extractor",
    "ModelError",
    "Quote",
    "QuoteattrError",
    "Quotes",
    "Source",
    "Sources",
    "Span",
    "Speaker",
    "extract",
    "extract_many",
    "sources_table",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
