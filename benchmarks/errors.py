"""Error categories: what is wrong in the names, titles and genders of a scored run.

    python benchmarks/accuracy.py --gold ../shared/data/polnear/dev.names.jsonl   # writes the predictions
    python benchmarks/errors.py --gold ../shared/data/polnear/dev.names.jsonl     # then counts their errors
    python benchmarks/errors.py --gold ../shared/data/polnear/dev.names.jsonl --list name

Reads ``build/bench/<gold stem>.pred.jsonl`` and, with the evaluation kit's scorer
(``score.py``), matches each found gold segment to a prediction as the scorer does.
Counts, per found segment with a gold name, title or gender, the categories that
``docs/accuracy.md`` reports; ``--list`` prints the wrong ones of one field.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it", "i", "we", "who", "you"})


def load_scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def matched(score: Any, quote: dict[str, Any], preds: list[Any]) -> list[tuple[tuple[int, int], Any]]:
    """Each segment of ``quote`` with the prediction the scorer credits for it (found ones only)."""
    found = []
    segments = [tuple(s) for s in quote["segments"]]
    for seg in segments:
        finders = [
            k
            for k, p in enumerate(preds)
            if p.end > p.start
            and sum(score.overlap(s, p.span) for s in segments) >= 0.5 * (p.end - p.start)
            and score.overlap(seg, p.span) >= 0.5 * (seg[1] - seg[0])
        ]
        if finders:
            k = max(finders, key=lambda k: (score.overlap(seg, preds[k].span), -k))
            found.append((seg, preds[k]))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "data" / "polnear" / "dev.names.jsonl")
    ap.add_argument("--list", choices=("name", "title", "gender"), help="print the wrong segments of one field")
    args = ap.parse_args()
    score = load_scorer(SHARED / "eval" / "score.py")
    gold = score.load_gold(str(args.gold))
    preds, _ = score.load_pred(str(ROOT / "build" / "bench" / f"{args.gold.stem}.pred.jsonl"), gold)
    names: Counter[str] = Counter()
    titles: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    for doc_id, doc in gold.items():
        text = doc["text"]
        for quote in doc["quotes"]:
            gold_spans = [tuple(s) for s in (quote.get("speaker") or {}).get("spans") or []]
            for seg, p in matched(score, quote, preds.get(doc_id, [])):
                mention = text[p.speaker[0] : p.speaker[1]] if p.speaker else None
                name_ok = bool(quote.get("name")) and score.name_matches(p.name, quote["name"])
                wrong = None
                if quote.get("name") and not name_ok:
                    if not (p.speaker and any(score.overlap(p.speaker, s) for s in gold_spans)):
                        wrong = "the mention is not the gold one"
                    elif (mention or "").lower() in PRONOUNS:
                        wrong = "a pronoun resolved to someone else"
                    else:
                        wrong = "a name, description, document or organisation resolved wrongly or not at all"
                    names[wrong] += 1
                    if args.list == "name":
                        print(f"{doc_id} {seg}: gold {quote['name']!r}, said by {mention!r} -> {p.name!r}")
                title = quote.get("title") if score.title_tokens(quote.get("title")) else None
                if title:
                    f1 = score.title_f1(p.title, title)
                    if f1 < 1:
                        titles["no title" if not p.title else "another title" if f1 == 0 else "partial"] += 1
                        if args.list == "title":
                            print(f"{doc_id} {seg}: gold {title!r} -> {p.title!r}")
                shown = quote.get("kind") in ("person", "unnamed_person") and quote.get("gender")
                if shown and p.gender != quote["gender"]:
                    named = "a wrong name or mention" if quote.get("name") and not name_ok else "the right one"
                    genders[f"{'no gender' if p.gender is None else 'another gender'}, {named}"] += 1
                    if args.list == "gender":
                        print(f"{doc_id} {seg}: gold {quote['gender']} ({quote.get('name')!r}) -> {p.gender}")
    for field, counts in (("names", names), ("titles", titles), ("genders", genders)):
        print(f"{field} wrong: {sum(counts.values())}")
        for category, n in counts.most_common():
            print(f"  {n:4d}  {category}")


if __name__ == "__main__":
    main()
