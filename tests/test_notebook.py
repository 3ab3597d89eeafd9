"""The notebooks (docs/example.ipynb, docs/sources.ipynb) run top to bottom in a fresh kernel of this Python.

The kernel is this interpreter (a kernelspec written to a temporary folder at test
time, so no kernel installed elsewhere on the machine is picked up) with the working
tree first on its path, and the notebook runs in docs/, as Jupyter would run it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "example.ipynb"
SOURCES_NOTEBOOK = ROOT / "docs" / "sources.ipynb"
KERNEL = "quoteattr-test"


@pytest.mark.parametrize("path", [NOTEBOOK, SOURCES_NOTEBOOK], ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.id} has outputs: strip them"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example notebook's code cells by id, after running it, plus a last cell that reports the kernel's Python."""
    return _execute(NOTEBOOK, tmp_path_factory)


@pytest.fixture(scope="module")
def executed_sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sources notebook's code cells by id, after running it (matplotlib is in the test extra)."""
    pytest.importorskip("matplotlib")
    return _execute(SOURCES_NOTEBOOK, tmp_path_factory)


def _execute(path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    jupyter = tmp_path_factory.mktemp("jupyter")
    spec = jupyter / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"}))
    nb = nbformat.read(path, as_version=4)
    check = nbformat.v4.new_code_cell("import sys, quoteattr\nprint(sys.executable)\nprint(quoteattr.__file__)")
    check.id = "kernel-check"
    nb.cells.append(check)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(jupyter))
        mp.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
        mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiets ipykernel's debugger warning on stderr
        client = NotebookClient(
            nb,
            kernel_name=KERNEL,
            timeout=600,
            allow_errors=False,  # any cell error raises CellExecutionError and fails the test
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
    return {cell.id: cell for cell in nb.cells if cell.cell_type == "code"}


def _text(cell: Any) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def _result(cell: Any) -> dict[str, str]:
    [result] = [o for o in cell.outputs if o.output_type == "execute_result"]
    data: dict[str, str] = result.data
    return data


def test_notebook_runs_in_this_python_on_the_working_tree(executed: dict[str, Any]) -> None:
    executable, module = _text(executed["kernel-check"]).splitlines()
    assert Path(executable) == Path(sys.executable)
    assert Path(module).resolve() == ROOT / "quoteattr" / "__init__.py"
    for cell in executed.values():
        assert not [o for o in cell.outputs if o.output_type == "error"]


def test_view_cell_shows_every_quote_highlighted(executed: dict[str, Any]) -> None:
    n = int(_text(executed["extract"]).split()[0])
    assert n > 0
    html = _result(executed["view"])["text/html"]
    assert html.count('class="qa-quote"') == n
    assert 'class="qa-legend"' in html and "Michael Kofman" in html


def test_table_cell_has_one_row_per_quote(executed: dict[str, Any]) -> None:
    n = int(_text(executed["extract"]).split()[0])
    data = _result(executed["table"])
    assert data["text/plain"]
    if "text/html" in data:  # a DataFrame
        body = data["text/html"].split("<tbody>", 1)[1]
        assert len(re.findall(r"<tr\b", body)) == n
        assert "<th>speaker</th>" in data["text/html"]


def test_filter_cells_keep_one_speaker(executed: dict[str, Any]) -> None:
    lines = _text(executed["filter"]).splitlines()
    assert lines and all("“" in line for line in lines)
    html = _result(executed["filter-view"])["text/html"]
    assert html.count('class="qa-quote"') == len(lines)
    assert html.count('class="qa-speaker"') == 1 and 'data-speaker="Michael Kofman"' in html


def test_sources_notebook_runs_in_this_python_on_the_working_tree(executed_sources: dict[str, Any]) -> None:
    executable, module = _text(executed_sources["kernel-check"]).splitlines()
    assert Path(executable) == Path(sys.executable)
    assert Path(module).resolve() == ROOT / "quoteattr" / "__init__.py"


def test_sources_notebook_tables_every_article(executed_sources: dict[str, Any]) -> None:
    assert _text(executed_sources["texts"]).split()[0] == "4"
    html = _result(executed_sources["table"])["text/html"]
    body = html.split("<tbody>", 1)[1]
    assert len(re.findall(r"<tr\b", body)) >= 10  # the seed's six sources and the short texts'
    assert "Michael Kofman" in html and "anonymous" in html


def test_sources_notebook_charts_shares_by_kind_and_gender(executed_sources: dict[str, Any]) -> None:
    for cell, labels in (("by-kind", {"person", "organisation", "document"}), ("by-gender", {"female", "male"})):
        shares = dict(line.rsplit(None, 1) for line in _text(executed_sources[cell]).splitlines()[1:])
        assert labels <= set(shares), shares
        assert abs(sum(float(v) for v in shares.values()) - 1) < 0.01
        assert any("image/png" in o.get("data", {}) for o in executed_sources[cell].outputs), f"{cell} draws no chart"


def test_sources_notebook_shows_the_evidence(executed_sources: dict[str, Any]) -> None:
    lines = _text(executed_sources["evidence"]).splitlines()
    assert "Michael Kofman: male from “he”" in " ".join(lines)
    assert any(line.startswith("Rosa Delgado: female from “spokeswoman”") for line in lines)
