"""Train taggers and parsers side by side on one GPU, within a fixed time.

A GPU trains stanza's compact tagger and parser 10-50 times faster than the two CPU
cores that ``tools/train_models.py`` is sized for, but this project is lent one only
now and then, for minutes. This script spends such minutes in two phases:

1. Several tagger recipes train at once (``TAGGERS``), while the parser of
   ``--start-from`` goes on training on the tags that its tagger predicts.
2. The tagger with the best UPOS on EWT dev retags the parser's data, and two parsers go
   on training on those tags: the one from phase 1 and the one of ``--start-from``.

Every model is scored on dev only; EWT test is left for ``tools/evaluate_models.py``.
The models (float16, as shipped) and a tarball of the logs land in ``--out``::

    python tools/train_on_gpu.py --minutes 9 --out "$OUT"

It needs ``build/train/data/pos/en_qa.{train,dev}.in.conllu`` (``train_models.py
--stages prepare``) and the models to go on from: ``--start-from``, by default the
bundled ones. The shipped models were trained from those of commit b9dc7cd (the compact
CPU-trained tagger and parser): ``pos_more`` expects that tagger's sizes. ``--smoke``
trains on 200 sentences for a quick check of the whole run on a CPU.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_models as tm
from train_models import log

GPU = tm.WORK / "gpu"  # models, tagged data and dev output of these runs
FOREVER = ["--max_steps", "1000000"]  # the clock stops these runs, not a step count

# Going on from a trained tagger: AMSGrad at a lower rate, as stanza's second optimizer does.
AMSGRAD = ["--optim", "amsgrad", "--lr", "0.001", "--no_second_optim", "--max_steps_before_stop", "1000000"]
WIDE = ["--hidden_dim", "256", "--char_hidden_dim", "200", "--deep_biaff_hidden_dim", "400",
        "--composite_deep_biaff_hidden_dim", "100"]  # fmt: skip
# name -> (arguments after TAGGER_ARGS, whether it starts from the --start-from tagger)
TAGGERS: dict[str, tuple[list[str], bool]] = {
    # the compact CPU size, five times the batch, stanza's switch to AMSGrad once dev stalls
    "pos_b250": (["--batch_size", "250", "--max_steps_before_stop", "1500"], False),
    # the tagger of --start-from itself (the compact CPU-trained one), going on
    "pos_more": ([*AMSGRAD, "--batch_size", "100"], True),
    # wider layers (slower to run: measure before shipping)
    "pos_wide": ([*WIDE, "--batch_size", "250", "--max_steps_before_stop", "1500"], False),
}
PARSER_MORE = ["--lr", "0.001", "--batch_size", "2000", "--max_steps_before_stop", "1000000", "--no_checkpoint"]


def stop_at(deadline: float, procs: list[subprocess.Popen[bytes]]) -> None:
    """Wait for the processes until ``deadline``, then stop those still training."""
    for p in procs:
        try:
            p.wait(timeout=max(0.0, deadline - time.time()))
        except subprocess.TimeoutExpired:
            p.terminate()
    for p in procs:
        p.wait()


def tag(tagger: Path, conllu: Path, output: Path, name: str) -> subprocess.Popen[bytes]:
    return tm.start_stanza("stanza.models.tagger", tm.tagging_args(tagger, conllu, output), name)


def retag(tagger: Path, data: Path, out_dir: Path) -> None:
    """Tag the train and dev files of ``data`` with ``tagger`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    procs = [
        tag(tagger, data / f"{split}.conllu", out_dir / f"{split}.conllu", f"retag_{out_dir.name}")
        for split in ("train", "dev")
    ]
    for p in procs:
        if p.wait():
            raise SystemExit(f"retagging with {tagger} failed")


def tag_accuracy(pred: Path, gold: Path) -> dict[str, float]:
    """UPOS and all-tags accuracy of ``pred`` against ``gold`` (same tokens, line by line)."""

    def words(path: Path) -> list[list[str]]:
        rows = (line.split("\t") for line in path.read_text().splitlines())
        return [row for row in rows if len(row) == 10 and row[0].isdigit()]

    pairs = list(zip(words(pred), words(gold), strict=True))
    right = {"upos": sum(p[3] == g[3] for p, g in pairs), "alltags": sum(p[3:6] == g[3:6] for p, g in pairs)}
    return {k: round(100 * v / len(pairs), 2) for k, v in right.items()}


def start_parser(data: Path, name: str, start_from: Path, eval_interval: str) -> subprocess.Popen[bytes]:
    args = [*tm._vectors(), *tm.training_args(data / "train.conllu", data / "dev.conllu", GPU, name),
            *tm.PARSER_ARGS, *PARSER_MORE, *FOREVER, "--eval_interval", eval_interval,
            "--continue_from", str(start_from)]  # fmt: skip
    # the parser must read its data with the vocabulary of the model it goes on from
    return tm.start_stanza("stanza.models.parser", args, name, vocab_from=start_from)


def ship(model: Path, out: Path) -> None:
    import torch

    if model.exists():
        torch.save(tm._half(torch.load(model, map_location="cpu", weights_only=False)), out / model.name)


def pack_logs(out: Path, summary: dict[str, object]) -> None:
    (tm.WORK / "logs" / "gpu_summary.json").write_text(json.dumps(summary, indent=1))
    with tarfile.open(out / "logs.tar.gz", "w:gz") as tar:
        tar.add(tm.WORK / "logs", arcname="logs")


def start_tagger(
    name: str, extra: list[str], weights: Path | None, gold: Path, eval_interval: str
) -> subprocess.Popen[bytes]:
    """Train tagger recipe ``extra`` (after ``TAGGER_ARGS``) into ``gpu/<name>.pt``, from ``weights`` if given."""
    args = [*tm._vectors(), *tm.training_args(gold / "train.conllu", gold / "dev.conllu", GPU, name),
            *tm.TAGGER_ARGS, *extra, *FOREVER, "--eval_interval", eval_interval]  # fmt: skip
    return tm.start_stanza("stanza.models.tagger", args, name, weights_from=weights)


def score_taggers(names: list[str], gold: Path) -> dict[str, dict[str, float]]:
    """Dev UPOS and all-tags accuracy of each trained tagger of ``names``."""
    preds = {name: tag(GPU / f"{name}.pt", gold / "dev.conllu", GPU / f"{name}.dev.conllu", f"score_{name}")
             for name in names if (GPU / f"{name}.pt").exists()}  # fmt: skip
    return {
        name: tag_accuracy(GPU / f"{name}.dev.conllu", gold / "dev.conllu")
        for name, p in preds.items()
        if p.wait() == 0
    }


def continue_tagger(recipe: str, weights: Path, gold: Path, end: float, out: Path, eval_interval: str) -> None:
    """Train tagger ``recipe`` on from ``weights`` until ``end``, with its own optimizer and with AMSGrad."""
    extra = TAGGERS[recipe][0]
    runs = {f"{recipe}_on": extra, f"{recipe}_ams": [*extra, *AMSGRAD]}
    stop_at(end, [start_tagger(name, args, weights, gold, eval_interval) for name, args in runs.items()])
    scores = score_taggers(list(runs), gold)
    log(f"tagger dev scores: {scores}")
    for name in runs:
        ship(GPU / f"{name}.pt", out)
    pack_logs(out, {"tagger_dev": scores, "from": str(weights)})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, required=True, help="wall time for the whole run")
    ap.add_argument("--out", type=Path, required=True, help="folder for the trained models and logs")
    ap.add_argument("--smoke", action="store_true", help="200 training sentences, evaluation every 5 steps")
    ap.add_argument("--continue-tagger", metavar="RECIPE=MODEL", help="only train tagger RECIPE on from MODEL")
    ap.add_argument("--start-from", type=Path, default=tm.MODELS_OUT, help="models to go on from (default: bundled)")
    args = ap.parse_args()
    began = time.time()
    end = began + 60 * args.minutes - 30  # leave time to store the models
    phase_one_end = began + 0.55 * (end - began)
    tagger_eval, parser_eval = ("5", "5") if args.smoke else ("200", "400")
    for d in (GPU, tm.WORK / "logs", args.out):
        d.mkdir(parents=True, exist_ok=True)
    models = args.start_from.resolve()
    shutil.copy(models / "pretrain.pt", tm.WORK / "pretrain.pt")
    gold = GPU / "gold"
    gold.mkdir(exist_ok=True)
    for split in ("train", "dev"):
        text = (tm.WORK / "data" / "pos" / f"{tm.SHORT}.{split}.in.conllu").read_text()
        if args.smoke:
            text = "\n\n".join(text.split("\n\n")[:200]) + "\n\n"
        (gold / f"{split}.conllu").write_text(text)
    if args.continue_tagger:
        recipe, weights = args.continue_tagger.split("=")
        continue_tagger(recipe, Path(weights).resolve(), gold, end, args.out, tagger_eval)
        return
    summary: dict[str, object] = {"started": time.strftime("%H:%M:%S"), "minutes": args.minutes}

    # Phase 1: taggers; the parser of --start-from goes on, on its tagger's tags.
    taggers = [start_tagger(name, extra, models / "pos.pt" if goes_on else None, gold, tagger_eval)
               for name, (extra, goes_on) in TAGGERS.items()]  # fmt: skip
    start_tags = GPU / "start_tags"
    retag(models / "pos.pt", gold, start_tags)
    log(f"retagged with the --start-from tagger in {time.time() - began:.0f} s")
    parser_one = start_parser(start_tags, "depparse_more", models / "depparse.pt", parser_eval)
    stop_at(phase_one_end, [*taggers, parser_one])
    log(f"phase 1 stopped at {time.time() - began:.0f} s")

    scores = score_taggers(list(TAGGERS), gold)
    summary["tagger_dev"] = scores
    log(f"tagger dev scores: {scores}")
    for name in TAGGERS:
        ship(GPU / f"{name}.pt", args.out)
    ship(GPU / "depparse_more.pt", args.out)
    pack_logs(args.out, summary)

    # Phase 2: the best tagger's tags; both parsers go on, on them.
    if not scores:
        raise SystemExit("no tagger saved a model in phase 1: give the run more --minutes")
    best = max(scores, key=lambda n: (scores[n]["upos"], scores[n]["alltags"]))
    summary["best_tagger"] = best
    new_tags = GPU / "new_tags"
    retag(GPU / f"{best}.pt", gold, new_tags)
    log(f"retagged with {best} at {time.time() - began:.0f} s")
    parsers = [start_parser(new_tags, "depparse_retagged", models / "depparse.pt", parser_eval)]
    if (GPU / "depparse_more.pt").exists():
        parsers.append(start_parser(new_tags, "depparse_more_retagged", GPU / "depparse_more.pt", parser_eval))
    stop_at(end, parsers)
    for name in ("depparse_retagged", "depparse_more_retagged"):
        ship(GPU / f"{name}.pt", args.out)
    summary["seconds"] = round(time.time() - began)
    pack_logs(args.out, summary)
    log(f"done in {time.time() - began:.0f} s: {sorted(p.name for p in args.out.iterdir())}")


if __name__ == "__main__":
    main()
