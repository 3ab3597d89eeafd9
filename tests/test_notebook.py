"""The example notebook (docs/example.ipynb) runs top to bottom in a fresh kernel of this Python.

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
KERNEL = "quoteattr-test"


def test_committed_notebook_has_no_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.id} has outputs: strip them"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The notebook's code cells by id, after running it, plus a last cell that reports the kernel's Python."""
    jupyter = tmp_path_factory.mktemp("jupyter")
    spec = jupyter / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"}))
    nb = nbformat.read(NOTEBOOK, as_version=4)
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
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
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
