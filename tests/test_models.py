"""The bundled models load and parse with the network blocked."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quoteattr.loading import MODEL_DIR

NO_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import quoteattr
from quoteattr.loading import default_pipeline
from quoteattr.parse import parse
sentences = parse("Michael Kofman said the plan would fail. It did.", default_pipeline())
print(len(sentences), [t.deprel for t in sentences[0].tokens if t.text == "Kofman"])
"""


def test_bundled_models_parse_with_sockets_blocked() -> None:
    out = subprocess.run([sys.executable, "-c", NO_NETWORK], check=True, capture_output=True, text=True)
    count, rels = out.stdout.split(" ", 1)
    assert count == "2"
    assert "nsubj" in rels or "flat" in rels


def test_bundled_models_fit_the_size_budget() -> None:
    total = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert total <= 50 * 1024 * 1024


def test_loading_leaves_stanza_able_to_train() -> None:
    from stanza.models.common import utils

    from quoteattr.loading import load_pipeline

    before = utils.get_optimizer, utils.get_split_optimizer
    load_pipeline()  # builds no optimizers while it loads, then puts stanza's back
    assert (utils.get_optimizer, utils.get_split_optimizer) == before


def test_only_the_bundled_files_are_read_with_pickle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    from quoteattr.loading import load_pipeline

    careful = torch.load
    read: dict[str, object] = {}

    def spy(f: object, *args: object, **kwargs: object) -> object:
        read[Path(str(f)).name if Path(str(f)).parent == MODEL_DIR else str(f)] = kwargs.get("weights_only")
        return careful(f, *args, **kwargs)

    monkeypatch.setattr(torch, "load", spy)
    load_pipeline()
    assert read and all(weights_only is False for weights_only in read.values())
    assert torch.load is spy  # put back after loading

    copy = tmp_path / "models"
    shutil.copytree(MODEL_DIR, copy)
    read.clear()
    load_pipeline(copy)  # files from elsewhere: as stanza reads them, weights only
    assert read and all(weights_only is True for weights_only in read.values())
