"""The data flows one way: no module of quoteattr imports one that comes later in the flow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quoteattr"
# The one import against the flow: ``Quotes.sources()`` loads the sources view when called.
LAZY_VIEWS = {"records": {"sources"}}

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
    "kinds",
    "gender",
    "sources",
    "rows",
    "api",
    "dask",
    "cli",
    "__main__",
    "__init__",
]


def _imports(path: Path, *, lazy: bool) -> set[str]:
    """The quoteattr modules that ``path`` imports when it runs (not for type checking
    only): at import time, or with ``lazy`` inside functions only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def inside(kind: type | tuple[type, ...], test: str = "") -> set[int]:
        return {
            id(node)
            for block in ast.walk(tree)
            if isinstance(block, kind) and test in (ast.unparse(block.test) if isinstance(block, ast.If) else "")
            for statement in block.body
            for node in ast.walk(statement)
        }

    type_only = inside(ast.If, "TYPE_CHECKING")
    in_functions = inside((ast.FunctionDef, ast.AsyncFunctionDef))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only or not isinstance(node, ast.ImportFrom) or (id(node) in in_functions) != lazy:
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
    path = PACKAGE / f"{module}.py"
    imported = _imports(path, lazy=False) | (_imports(path, lazy=True) - LAZY_VIEWS.get(module, set()))
    later = {name for name in imported if FLOW.index(name) >= FLOW.index(module)}
    assert not later, f"{module} imports {sorted(later)}, which come after it in the flow"
