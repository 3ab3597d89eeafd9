"""quoteattr on a Dask cluster: the same records as ``extract()``, in order, through worker
deaths and failing documents. One LocalCluster of 2 worker processes (1 thread each)
serves the whole module."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

for module in ("dask", "distributed", "pandas", "pyarrow"):
    pytest.importorskip(module, reason="quoteattr.dask needs the dask extra: pip install 'quoteattr[dask]'")

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

import quoteattr
from quoteattr.cli import main
from quoteattr.dask import COLUMNS, WORKER_CONFIG, extract_bag, quotes_frame
from quoteattr.rows import flat_row

# Twenty short texts of our own: speakers before and after, titles, pronouns, several
# paragraphs, unattributed and unbalanced quotation marks, and texts with no quotes.
TEXTS = [
    "“We will rebuild the bridge by spring,” said Mayor Ann Lee.",
    "No quotation marks here at all.",
    "",
    "Bo Chen, the city's chief engineer, spoke on Monday.\n“The steel is sound,” he said.",
    "“It is too early to tell,” the senator told reporters. “We need more data.”",
    "According to Dr. Maria Gomez, “the trial went well.”",
    "The so-called “reform plan” was shelved again.",
    "“Prices will rise,” warned Tom Park, an economist at the bank.",
    "Ruth Ames said: “Nobody expected this.”",
    "“Yes,” Sen. Ed Marsh said. “And no.”\n\n“Maybe,” said his aide, Lou Ray.",
    "A quiet week in the markets.\n\nShares closed flat.",
    "“We are watching,” a spokesman said, declining to be named.",
    "Governor Kay Holt — “a fighter,” her allies say — signed the bill.",
    "“I never said that,” Jim Bell insisted on Tuesday, “and I never will.”",
    "The coach, Pat Moore, was blunt. “We played badly.”",
    "“Unbalanced quotes are common in archives, said nobody.",
    "She called it “a disaster” and left.",
    "“Four more years,” the crowd chanted as President Dana Reyes arrived.",
    "   \n\t  ",
    "“The vote is tomorrow,” said Ali Noor, the party's whip. “Be there.”",
]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        dask.config.set(WORKER_CONFIG),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def texts(seed_text: str) -> list[str]:
    return [seed_text, *TEXTS]


@pytest.fixture(scope="module")
def expected(texts: list[str]) -> list[quoteattr.Quotes]:
    return [quoteattr.extract(text) for text in texts]


def test_extract_bag_gives_extracts_records_in_order(
    client: Client, texts: list[str], expected: list[quoteattr.Quotes]
) -> None:
    results = extract_bag(db.from_sequence(texts, npartitions=5)).compute()
    assert results == expected
    assert [type(r) for r in results] == [quoteattr.Quotes] * len(texts)
    assert [r.text for r in results] == texts
    assert sum(map(len, results)) > 20  # the seed alone has a dozen or more: the comparison is not empty against empty


def test_quotes_frame_gives_one_row_per_quote_in_order(
    client: Client, texts: list[str], expected: list[quoteattr.Quotes], tmp_path: Path
) -> None:
    ids = [f"doc{i}" for i in range(len(texts))]
    frame = quotes_frame(dd.from_pandas(pd.DataFrame({"id": ids, "text": texts}), npartitions=4))
    rows = frame.compute()
    want = [{"id": i, **flat_row(q), "error": None} for i, quotes in zip(ids, expected, strict=True) for q in quotes]
    assert list(rows.columns) == list(COLUMNS)
    assert dict(rows.dtypes) == dict(frame.dtypes)  # the declared meta is what the partitions hold
    got = [{k: None if pd.isna(v) else v for k, v in row.items()} for row in rows.to_dict("records")]
    assert got == want
    frame.to_parquet(tmp_path / "quotes", write_index=False)
    assert len(pd.read_parquet(tmp_path / "quotes")) == len(want)


def test_a_failing_document_gets_an_error_record_and_the_rest_go_on(client: Client) -> None:
    texts: list[Any] = ["“Yes,” said Ann Lee.", 42, "“No,” Bo Chen said."]
    results = extract_bag(db.from_sequence(texts, npartitions=1), return_exceptions=True).compute()
    assert [type(r).__name__ for r in results] == ["Quotes", "TypeError", "Quotes"]
    assert [[q.speaker.name for q in r] for r in (results[0], results[2])] == [["Ann Lee"], ["Bo Chen"]]
    # In a frame a text that is not a string is a missing one (Dask reads other objects as strings).
    frame = pd.DataFrame({"id": [1, 2, 3], "text": [texts[0], None, texts[2]]})
    rows = quotes_frame(dd.from_pandas(frame, npartitions=1)).compute()
    assert rows["id"].tolist() == [1, 2, 3]
    assert rows["name"].tolist()[::2] == ["Ann Lee", "Bo Chen"]
    assert rows["error"].isna().tolist() == [True, False, True]
    assert rows["error"][1].startswith("TypeError: text must be str (got ")


def test_the_command_line_on_the_cluster_writes_what_it_writes_alone(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [json.dumps({"id": f"doc{i}", "text": text}) for i, text in enumerate(TEXTS)]
    lines[3:3] = ["not json", json.dumps({"id": "bad", "text": 5})]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--jsonl", str(src)]) == 1
    alone = capsys.readouterr()
    assert main(["--jsonl", str(src), "--dask", client.scheduler.address]) == 1
    on_cluster = capsys.readouterr()
    assert on_cluster.out == alone.out
    assert on_cluster.err == alone.err  # the bad line and the bad document, said the same way
    assert "line 4: skipped" in alone.err and "line 5 (id 'bad'): no quotes written, TypeError" in alone.err


def test_parquet_in_and_out(client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = [f"doc{i}" for i in range(len(TEXTS))]
    pd.DataFrame({"id": ids, "text": TEXTS}).to_parquet(tmp_path / "in.parquet")
    assert main(["--jsonl", str(tmp_path / "in.parquet"), "--dask", client.scheduler.address]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    out = tmp_path / "quotes"
    assert main(["--jsonl", str(tmp_path / "in.parquet"), "--dask", client.scheduler.address, "--out", str(out)]) == 0
    rows = pd.read_parquet(out)
    assert [line["id"] for line in lines] == ids
    assert rows["id"].tolist() == [line["id"] for line in lines for _ in line["quotes"]]
    assert rows["text"].tolist() == [q["text"] for line in lines for q in line["quotes"]]


def _arrive_and_wait(text: str, folder: str) -> str:
    """Say which worker process holds this task, then wait for the test's go."""
    Path(folder, f"arrived-{os.getpid()}").touch()
    while not Path(folder, "go").exists():
        time.sleep(0.05)
    return text


def test_a_killed_worker_loses_no_document(client: Client, expected: list[quoteattr.Quotes], tmp_path: Path) -> None:
    client.wait_for_workers(2)
    victim = next(iter(client.run(os.getpid).values()))
    gated = db.from_sequence(TEXTS, npartitions=6).map(partial(_arrive_and_wait, folder=str(tmp_path)))
    future = client.compute(extract_bag(gated))
    deadline = time.monotonic() + 60
    while not (tmp_path / f"arrived-{victim}").exists():
        assert time.monotonic() < deadline, "no task reached the worker to kill"
        time.sleep(0.05)
    os.kill(victim, signal.SIGKILL)  # mid-run: the worker holds a partition it has not finished
    (tmp_path / "go").touch()
    results = future.result(timeout=300)
    assert results == expected[1:]  # every document once, in order, as extract() gives it
    assert victim not in client.run(os.getpid).values()  # the worker did die (its nanny started another)


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def test_a_worker_process_parses_with_one_torch_thread(client: Client) -> None:
    # Dask's nanny starts workers with OMP_NUM_THREADS=1, so that N processes of one
    # thread each share N cores without torch's own threads crowding them.
    assert set(client.run(_torch_threads).values()) == {1}
