"""The command line's --jsonl: predictions in order, bad lines and documents said, the rest kept."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from quoteattr.cli import main


def test_jsonl_keeps_order_and_goes_on_past_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        json.dumps({"id": "a", "text": "“Yes,” said Ann Lee."}),
        "not json",
        json.dumps({"id": "b", "text": 5}),  # not a text: extracting it fails
        "",
        json.dumps({"id": "c", "text": "No quotes here."}),
        json.dumps({"id": "d", "text": "“No,” Bo Smith said."}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--jsonl", str(src)]) == 1
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    assert [[q["name"] for q in r["quotes"]] for r in records] == [["Ann Lee"], [], [], ["Bo Smith"]]
    assert "line 2: skipped" in err and "line 3 (id 'b'): no quotes written, TypeError" in err


def test_a_reader_that_goes_away_stops_the_cli_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "python -m quoteattr a.txt | head -1": the pipe closes while quoteattr still writes
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    path = tmp_path / "a.txt"
    path.write_text("“Yes,” said Ann Lee.", encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main([str(path)]) == 1
