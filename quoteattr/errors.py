"""Exceptions raised by quoteattr: one family, each message says how to fix it."""

from __future__ import annotations


class QuoteattrError(Exception):
    """Base class of every error quoteattr raises on purpose."""


class ModelError(QuoteattrError, RuntimeError):
    """The parsing models cannot be loaded or lack something quoteattr needs."""


def type_error(name: str, expected: str, got: object) -> TypeError:
    """A ``TypeError`` worded the same way everywhere.

    >>> str(type_error("text", "str", b"abc"))
    "text must be str (got bytes); decode it first, e.g. data.decode('utf-8')"
    """
    hint = "; decode it first, e.g. data.decode('utf-8')" if isinstance(got, (bytes, bytearray)) else ""
    return TypeError(f"{name} must be {expected} (got {type(got).__name__}){hint}")
