"""Loading: the bundled English stanza models, offline, and checks on any other pipeline.

The bundled models (``quoteattr/models/en``) load once per process, never touching
the network; any ``stanza.Pipeline`` with tokenize, pos, lemma and depparse can be
used instead. Loading is where the fast paths (:mod:`quoteattr.fast_paths`) are put
in place, once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import fast_paths
from .errors import ModelError

if TYPE_CHECKING:
    import stanza

__all__ = [
    "MODEL_DIR",
    "REQUIRED_PROCESSORS",
    "check_pipeline",
    "default_pipeline",
    "load_pipeline",
    "prepare",
]

MODEL_DIR = Path(__file__).parent / "models" / "en"
MODEL_FILES = {
    "tokenize_model_path": "tokenizer.pt",
    "mwt_model_path": "mwt.pt",
    "pos_model_path": "pos.pt",
    "pos_pretrain_path": "pretrain.pt",
    "lemma_model_path": "lemma.pt",
    "depparse_model_path": "depparse.pt",
    "depparse_pretrain_path": "pretrain.pt",
}
REQUIRED_PROCESSORS = ("tokenize", "pos", "lemma", "depparse")


_lock = threading.Lock()
_default: stanza.Pipeline | None = None


def load_pipeline(model_dir: str | Path = MODEL_DIR) -> stanza.Pipeline:
    """Build a ``stanza.Pipeline`` from the bundled model files, never touching the network.

    Raises:
        ModelError: a model file is missing or cannot be loaded; the message names it.
    """
    import stanza

    model_dir = Path(model_dir)
    paths = {arg: model_dir / name for arg, name in MODEL_FILES.items()}
    for path in paths.values():
        if not path.is_file():
            raise ModelError(
                f"bundled model file missing: {path}. Reinstall quoteattr "
                "(pip install --force-reinstall quoteattr) or retrain it with tools/train_models.py"
            )
    trusted = set(paths.values()) if model_dir.resolve() == MODEL_DIR.resolve() else set()
    try:
        with _no_optimizers(), _pickle_loading(trusted):
            pipeline = stanza.Pipeline(
                lang="en",
                dir=str(model_dir),
                processors="tokenize,mwt,pos,lemma,depparse",
                download_method=None,
                logging_level="WARN",
                use_gpu=False,
                **{arg: str(path) for arg, path in paths.items()},
            )
    except Exception as exc:  # stanza raises many kinds for a bad file
        suspect = _corrupt_file(paths.values())
        where = f"model file {suspect} is corrupt" if suspect else f"the models in {model_dir} failed to load"
        raise ModelError(
            f"{where} ({type(exc).__name__}: {exc}). Reinstall quoteattr "
            "(pip install --force-reinstall quoteattr) or retrain it with tools/train_models.py"
        ) from exc
    prepare(pipeline)
    return pipeline


@contextlib.contextmanager
def _no_optimizers() -> Iterator[None]:
    """stanza's tokenizer and tagger build an optimizer even to predict, and torch imports
    its compiler (about 2 s) for the first one; a pipeline that only predicts needs none."""
    from stanza.models.common import utils

    if not all(hasattr(utils, name) for name in ("get_optimizer", "get_split_optimizer")):
        yield  # another stanza release: it builds its optimizers, a little more slowly
        return
    saved = utils.get_optimizer, utils.get_split_optimizer
    utils.get_optimizer = lambda *args, **kwargs: None
    utils.get_split_optimizer = lambda *args, **kwargs: {}
    try:
        yield
    finally:
        utils.get_optimizer, utils.get_split_optimizer = saved


@contextlib.contextmanager
def _pickle_loading(trusted: Collection[Path]) -> Iterator[None]:
    """stanza reads model files with torch's weights-only unpickler, written in Python
    and eight times slower than pickle on these files (0.3 s of a 0.5 s load). The bundled
    files ship with quoteattr's own code and are as trusted as it is, so they are read
    with pickle; every other file is read the way stanza reads it."""
    import torch

    trusted_names = {str(path) for path in trusted}
    careful = torch.load

    def load(f: Any, *args: Any, **kwargs: Any) -> Any:
        if str(f) in trusted_names:
            kwargs["weights_only"] = False
        return careful(f, *args, **kwargs)

    torch.load = load
    try:
        yield
    finally:
        torch.load = careful


def _corrupt_file(paths: Iterable[Path]) -> Path | None:
    import torch

    for path in paths:
        try:
            torch.load(path, map_location="cpu", weights_only=False)
        except Exception:
            return path
    return None


def default_pipeline() -> stanza.Pipeline:
    """The bundled pipeline, loaded on first use and then shared by the whole process."""
    global _default
    with _lock:
        if _default is None:
            _default = load_pipeline()
        return _default


def check_pipeline(pipeline: Any) -> None:
    """Raise ``ModelError`` naming any processor quoteattr needs that ``pipeline`` lacks."""
    processors = getattr(pipeline, "processors", None)
    if not isinstance(processors, dict):
        raise ModelError(f"pipeline must be a stanza.Pipeline (got {type(pipeline).__name__})")
    missing = [name for name in REQUIRED_PROCESSORS if name not in processors]
    if missing:
        raise ModelError(
            f"the stanza pipeline lacks the processor(s) {', '.join(missing)}; quoteattr needs "
            f"{','.join(REQUIRED_PROCESSORS)}, e.g. stanza.Pipeline('en', processors='tokenize,pos,lemma,depparse')"
        )


def prepare(pipeline: stanza.Pipeline) -> None:
    """Put the fast paths in place for ``pipeline`` (once per process, and once per
    pipeline for its own layers); they take effect only while quoteattr parses."""
    if fast_paths.install():
        fast_paths.speed_up(pipeline)
