"""The data flows one way: no module of quoteattr imports one that comes later in the flow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quoteattr"

# The flow, first to last (docs/architecture.md). A module may import only those before it.
FLOW = [
    "errors",
    "lexicon",
    "tokens",
    "quotes",
    "windows",
    "focus",
    "fast_paths",
    "loading",
    "mending",
    "parse",
    "document",
    "attribution",
    "names",
    "titles",
    "speakers",
    "resolve",
    "display",  # renders records it is given; imports them for type hints only
    "records",
    "rows",
    "api",
    "dask",
    "cli",
    "__main__",
    "__init__",
]


def _imports(path: Path) -> set[str]:
    """The quoteattr modules that ``path`` imports when it runs (not for type checking only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for statement in block.body
        for node in ast.walk(statement)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only or not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
        elif node.level == 1:
            found.update(alias.name for alias in node.names)
        elif node.module and node.module.startswith("quoteattr."):
            found.add(node.module.split(".")[1])
    return found


def test_every_module_has_its_place_in_the_flow() -> None:
    assert sorted(p.stem for p in PACKAGE.glob("*.py")) == sorted(FLOW)


@pytest.mark.parametrize("module", FLOW)
def test_a_module_imports_only_what_comes_before_it(module: str) -> None:
    later = {name for name in _imports(PACKAGE / f"{module}.py") if FLOW.index(name) >= FLOW.index(module)}
    assert not later, f"{module} imports {sorted(later)}, which come after it in the flow"
