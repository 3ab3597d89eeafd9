"""How close the bundled models' LSTMs run to what one CPU core can do.

    python benchmarks/layers.py            # one torch thread, as quoteattr parses
    python benchmarks/layers.py --reps 20

Times each LSTM of the bundled tokenizer, tagger and parser on inputs of the sizes
news gives them (stanza's batches: 32 paragraphs of characters for the tokenizer, 50
sentences for the tagger, about 1,000 words for the parser, and the distinct words of
such a batch for the character models), and reports the arithmetic rate it reaches
against a plain matrix product of the same size: where the two are alike, only fewer
operations (a smaller model) make that layer faster. Then it times tagging and parsing
one short sentence, processor by processor: the cost every call pays, however little
it is given.

Run it by hand on an otherwise idle machine; it is not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speed import time_stanza_processors  # noqa: E402 - beside this script, after the path is set

# (processor, module path, rows, steps): the shapes news gives each LSTM in one stanza batch
SHAPES = [
    ("tokenize", "rnn", 32, 400),
    ("tokenize", "rnn2", 32, 400),
    ("pos", "charmodel.charlstm.lstm", 600, 8),
    ("pos", "taggerlstm.lstm.0.lstm", 50, 25),
    ("pos", "taggerlstm.lstm.1.lstm", 50, 25),
    ("depparse", "charmodel.charlstm.lstm", 500, 8),
    ("depparse", "parserlstm.lstm.0.lstm", 40, 25),
    ("depparse", "parserlstm.lstm.1.lstm", 40, 25),
]


def median_seconds(call: Callable[[], Any], reps: int) -> float:
    call()
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=10, help="timed calls per layer; medians are reported")
    args = ap.parse_args()

    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    import quoteattr
    from quoteattr import fast_paths
    from quoteattr.loading import default_pipeline
    from quoteattr.parse import ParseRequest, tag_and_parse, tokenize

    torch.set_num_threads(1)
    torch.manual_seed(0)
    pipeline = default_pipeline()
    print("layer                                   rows x steps   ms     GFLOP/s  (matrix product of that size)")
    with torch.no_grad():
        for processor, path, rows, steps in SHAPES:
            lstm = pipeline.processors[processor].trainer.model.get_submodule(path)
            directions = 2 if lstm.bidirectional else 1
            packed = pack_padded_sequence(torch.randn(rows, steps, lstm.input_size), [steps] * rows, batch_first=True)
            seconds = median_seconds(lambda: lstm(packed), args.reps)  # noqa: B023 - called at once
            gates = 4 * lstm.hidden_size
            flops = 2 * rows * steps * directions * gates * (lstm.input_size + lstm.hidden_size)
            a = torch.randn(rows * steps, lstm.input_size + lstm.hidden_size)
            b = torch.randn(lstm.input_size + lstm.hidden_size, directions * gates)
            product = median_seconds(lambda: a @ b, args.reps)  # noqa: B023
            name = f"{processor}.{path}"
            print(
                f"{name:<40}{rows:>4} x {steps:<4}{1e3 * seconds:8.1f}{flops / seconds / 1e9:9.1f}"
                f"   ({flops / product / 1e9:.1f})"
            )

    quoteattr.Extractor(threads=1)("“Warm up,” she said.")
    spent: dict[str, float] = defaultdict(float)
    time_stanza_processors(pipeline, spent)
    text = "“It is fine,” she said."
    with fast_paths.enabled():
        for _ in range(args.reps):
            [tokenized] = tokenize([ParseRequest(text)], pipeline)
            tag_and_parse([tokenized], [range(len(tokenized.sentences))], pipeline)
    per_call = ", ".join(f"{name} {1e3 * s / args.reps:.1f}" for name, s in spent.items())
    print(f"one sentence of {len(tokenized.sentences[0].tokens)} words, ms a call: {per_call}")


if __name__ == "__main__":
    main()
