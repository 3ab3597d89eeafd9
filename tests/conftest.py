"""Shared fixtures: the seed article and the scorer beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

import quoteattr

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_7ab7d04e848ba5f8.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    with open(SEED, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.fixture(scope="session")
def seed_quotes(seed_text: str) -> quoteattr.Quotes:
    return quoteattr.extract(seed_text)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"the shared evaluation files are not beside the repository ({SHARED})")
    return SHARED
