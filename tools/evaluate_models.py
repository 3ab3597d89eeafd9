"""Score the bundled models end to end from raw text, the way users meet them.

    python tools/evaluate_models.py                 # EWT test + GUM news/interview test
    python tools/evaluate_models.py --models DIR    # another model folder

The raw text of each test file (sentences joined by spaces, documents and
paragraphs by blank lines) goes through tokenizer, tagger, lemmatizer and parser
in a row; the output is scored against the gold trees with the CoNLL 2018 scorer
that stanza uses (``stanza.models.common.utils.ud_scores``, i.e. ``udtools.udeval``). Test files are never seen
by training or tuning. Results are also written to build/eval/scores.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quoteattr.loading import MODEL_DIR, load_pipeline  # noqa: E402

UD = ROOT.parent / "shared" / "data" / "ud"
METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS")


def raw_text(conllu: str, genres: tuple[str, ...] | None = None) -> tuple[str, str]:
    """The raw text of a CoNLL-U file, and the gold file restricted to ``genres`` (GUM)."""
    paragraphs: list[list[str]] = []
    kept: list[str] = []
    for block in conllu.strip().split("\n\n"):
        lines = block.splitlines()
        sent_id = next((ln.split("= ", 1)[1] for ln in lines if ln.startswith("# sent_id")), "")
        if genres is not None and sent_id.split("_")[1:2] and sent_id.split("_")[1] not in genres:
            continue
        text = next((ln.split("= ", 1)[1] for ln in lines if ln.startswith("# text =")), "")
        if any(ln.startswith(("# newdoc", "# newpar")) for ln in lines) or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(text)
        kept.append(block)
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n", "\n\n".join(kept) + "\n\n"


def evaluate(pipeline: object, gold_conllu: str, text: str, work: Path, name: str) -> dict[str, float]:
    from stanza.models.common.utils import ud_scores  # the CoNLL 2018 scorer (udtools.udeval)

    started = time.perf_counter()
    doc = pipeline(text)  # type: ignore[operator]
    took = time.perf_counter() - started
    for sentence in doc.sentences:  # type: ignore[attr-defined]
        for token in sentence.tokens:  # stanza writes <UNK> for over-long tokens (URLs): restore the text
            original = text[token.start_char : token.end_char]
            if token.text != original and len(token.words) == 1:
                token.text = token.words[0].text = original
    gold_path, pred_path = work / f"{name}.gold.conllu", work / f"{name}.pred.conllu"
    gold_path.write_text(gold_conllu, encoding="utf-8")
    pred_path.write_text(f"{doc:C}\n\n", encoding="utf-8")
    scores = ud_scores(str(gold_path), str(pred_path))
    result = {m: round(100 * scores[m].f1, 2) for m in METRICS}
    result["sentences/s"] = round(len(doc.sentences) / took, 1)  # type: ignore[attr-defined]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", type=Path, default=MODEL_DIR)
    args = ap.parse_args()
    pipeline = load_pipeline(args.models)
    work = ROOT / "build" / "eval"
    work.mkdir(parents=True, exist_ok=True)
    sets = {
        "EWT test": raw_text((UD / "en_ewt" / "test.conllu").read_text(encoding="utf-8")),
        "GUM test news+interview": raw_text(
            (UD / "en_gum" / "test.conllu").read_text(encoding="utf-8"), ("news", "interview")
        ),
    }
    results = {}
    for name, (text, gold) in sets.items():
        results[name] = evaluate(pipeline, gold, text, work, name.split()[0].lower())
    (work / "scores.json").write_text(json.dumps(results, indent=1))
    print(f"models: {args.models}")
    print(f"{'set':26}" + "".join(f"{m:>9}" for m in (*METRICS, "sent/s")))
    for name, r in results.items():
        print(f"{name:26}" + "".join(f"{r[m]:9.2f}" for m in METRICS) + f"{r['sentences/s']:9.1f}")


if __name__ == "__main__":
    main()
