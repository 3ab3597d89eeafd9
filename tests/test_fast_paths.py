"""What makes extract() fast and bounded gives the same answers: focus, windows, fast paths through stanza."""

from __future__ import annotations

import itertools
import json
import logging
from functools import partial
from pathlib import Path

import numpy as np
import pytest
import torch

import quoteattr
from quoteattr import api, fast_paths
from quoteattr.loading import default_pipeline
from quoteattr.parse import _even_parts, at_once, parse
from quoteattr.quotes import find_quotes, paragraph_spans
from quoteattr.windows import windows

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev.jsonl"


def as_tuples(quotes: list[quoteattr.Quote], shift: int = 0) -> list[tuple[object, ...]]:
    return [
        (
            q.start - shift,
            q.end - shift,
            q.speaker and (q.speaker.start - shift, q.speaker.name, q.speaker.title),
            q.cue and q.cue.start - shift,
            q.rule,
        )
        for q in quotes
    ]


def test_focus_gives_the_same_quotes_as_parsing_everything(seed_text: str, seed_quotes: quoteattr.Quotes) -> None:
    assert as_tuples(seed_quotes) == as_tuples(quoteattr.extract(seed_text, parse_everything=True))


def test_windows_cover_the_text_in_order() -> None:
    text = ("“A,” he said.\n\n" + "Plain words here. " * 20 + "\n\n") * 30
    spans = find_quotes(text)
    starts = [s for s, _ in paragraph_spans(text)]
    cut = list(windows(text, spans, starts, size=1000, context=300))
    assert len(cut) > 5
    assert cut[0].start == 0 and cut[-1].end == len(text)
    for before, after in itertools.pairwise(cut):
        assert before.end == after.start
        assert after.context_start <= after.start and after.start - after.context_start <= 300
    for w in cut:
        assert all(q.end <= w.parse_end for q in spans if w.start <= q.start < w.end)


def test_a_long_text_in_windows_gives_each_copy_the_same_quotes(
    monkeypatch: pytest.MonkeyPatch, seed_text: str, seed_quotes: quoteattr.Quotes
) -> None:
    text = seed_text
    doubled = text + "\n\n" + text
    monkeypatch.setattr(api, "windows", partial(windows, size=len(text) + 10, context=len(text) + 2))
    quotes = quoteattr.extract(doubled)
    shift = len(text) + 2
    first = [q for q in quotes if q.start < shift]
    second = [q for q in quotes if q.start >= shift]
    assert as_tuples(first) == as_tuples(seed_quotes)
    assert as_tuples(second, shift) == as_tuples(first)
    assert all(doubled[q.start : q.end] == q.text for q in quotes)


def test_fast_tree_decoding_returns_stanzas_trees() -> None:
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root as exact
    from stanza.models.depparse import model

    assert fast_paths.install()
    decode = model.chuliu_edmonds_one_root
    assert decode is not exact
    rng = np.random.default_rng(7)
    for _ in range(500):
        n = int(rng.integers(2, 30))
        scores = rng.normal(size=(n, n))
        tree = [0] + [int(rng.integers(0, i)) for i in range(1, n)]
        for i in range(1, n):
            scores[i, tree[i]] += rng.uniform(0, 6)  # peaked like a trained parser's scores
        scores -= np.log(np.exp(scores).sum(axis=1, keepdims=True))
        with fast_paths.enabled():
            fast = decode(scores)
        assert (fast == exact(scores)).all()


def test_fast_tree_decoding_finds_the_best_single_root_tree_when_greedy_heads_cycle() -> None:
    from stanza.models.depparse import model

    assert fast_paths.install()
    rng = np.random.default_rng(11)
    for _ in range(200):
        n = int(rng.integers(3, 7))  # the root and 2 to 5 words: few enough trees to try them all
        scores = rng.normal(size=(n, n))
        with fast_paths.enabled():
            assert _best_single_root_tree(scores) == model.chuliu_edmonds_one_root(scores).tolist()


def _best_single_root_tree(scores: np.ndarray) -> list[int]:
    """Every assignment of heads, by brute force: the best that is a tree with one root."""
    n = len(scores)
    best: tuple[float, list[int]] = (-np.inf, [])
    for heads in itertools.product(range(n), repeat=n - 1):
        tree = [0, *heads]
        if tree[1:].count(0) != 1 or any(h == i for i, h in enumerate(tree) if i):
            continue
        if all(_reaches_root(tree, i) for i in range(1, n)):
            score = sum(scores[i, h] for i, h in enumerate(tree) if i)
            best = max(best, (score, tree))
    return best[1]


def _reaches_root(tree: list[int], word: int) -> bool:
    for _ in tree:
        word = tree[word]
    return word == 0


def test_texts_parsed_together_give_what_each_gives_alone(seed_text: str, seed_quotes: quoteattr.Quotes) -> None:
    texts = ["“Yes,” said Ann Lee.", seed_text, "", "No quotes here.", "“No,” Bob Hale said. “Never.”"]
    extractor = api.Extractor()
    together = list(extractor.extract_many(texts))
    assert [as_tuples(q) for q in together] == [as_tuples(extractor(text)) for text in texts]
    assert as_tuples(together[1]) == as_tuples(seed_quotes)
    assert [q.text for q in together] == texts


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_many_gives_the_results_before_a_text_that_is_not_a_string(workers: int) -> None:
    texts: list[object] = ["“Yes,” said Ann Lee.", "No quotes here.", b"bytes", "“No,” Bob Hale said."]
    given = []
    with pytest.raises(TypeError, match="got bytes"):
        for quotes in quoteattr.extract_many(texts, workers=workers):  # type: ignore[arg-type]
            given.append(len(quotes))
    assert given == [1, 0]


def test_extract_many_in_worker_processes_gives_the_same_results_in_order(seed_text: str) -> None:
    texts = [seed_text, "", "“Yes,” said Ann Lee.", "No quotes here."]
    one = [as_tuples(q) for q in quoteattr.extract_many(texts)]
    two = [as_tuples(q) for q in quoteattr.extract_many(texts, workers=2)]
    assert one == two and [len(q) for q in one][1:] == [0, 1, 0]


@pytest.mark.parametrize("bad", [{"workers": 0}, {"workers": 2, "pipeline": object()}])
def test_extract_many_refuses_bad_worker_options(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="workers"):
        list(quoteattr.extract_many(["“Yes,” said Ann Lee."], **bad))  # type: ignore[arg-type]


def test_padding_gives_stanzas_tensors() -> None:
    from stanza.models.common.data import get_long_tensor

    rng = np.random.default_rng(3)
    for _ in range(50):
        ragged = [
            [int(i) for i in rng.integers(0, 99, int(rng.integers(0, 9)))] for _ in range(int(rng.integers(1, 6)))
        ]
        ragged[0].append(1)  # stanza's own needs one non-empty list
        nested = [[[int(i) for i in rng.integers(0, 99, 3)] for _ in range(int(rng.integers(1, 5)))] for _ in range(3)]
        for lists, pad in ((ragged, 0), (ragged, 7), (nested, 0)):
            assert torch.equal(
                fast_paths.long_tensor(lists, len(lists) + 1, pad), get_long_tensor(lists, len(lists) + 1, pad)
            )


def test_bilinear_as_a_matrix_product_is_torchs_bilinear() -> None:
    torch.manual_seed(5)
    layer = torch.nn.Bilinear(6, 4, 3)
    x1, x2 = torch.randn(2, 5, 6), torch.randn(2, 5, 4)
    assert torch.allclose(fast_paths.bilinear(layer, x1, x2), layer(x1, x2), atol=1e-6)


def test_bilinear_with_few_distinct_second_inputs_is_torchs_bilinear() -> None:
    torch.manual_seed(6)
    layer = torch.nn.Bilinear(40, 21, 30)
    tags = torch.randn(6, 21)  # like the tagger's: an embedding of each word's tag
    x1, x2 = torch.randn(3, 50, 40), tags[torch.randint(0, 6, (3, 50))]
    rows, which = fast_paths.unique_rows(x2.reshape(-1, 21))
    assert len(rows) <= 6 and torch.equal(rows[which], x2.reshape(-1, 21))
    assert torch.allclose(fast_paths.bilinear(layer, x1, x2), layer(x1, x2), atol=1e-5)


def test_telling_rows_apart_gives_up_when_two_rows_sum_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [1.0, 2.0]])
    rows, which = fast_paths.unique_rows(x)
    assert len(rows) == 2 and torch.equal(rows[which], x)
    every_sum_the_same = lambda keys, return_inverse: (keys[:1], torch.zeros(len(keys), dtype=torch.long))  # noqa: E731
    monkeypatch.setattr(torch, "unique", every_sum_the_same)
    rows, which = fast_paths.unique_rows(x)
    assert torch.equal(rows[which], x)


def test_tagging_with_the_fast_paths_gives_stanzas_tags(seed_text: str) -> None:
    pipeline = default_pipeline()
    starts = [start for start, _ in paragraph_spans(seed_text)]
    layers = [m for m in pipeline.processors["pos"].trainer.model.modules() if isinstance(m, torch.nn.Bilinear)]
    assert layers and all("forward" in vars(m) for m in layers)
    with fast_paths.enabled():
        fast = parse(seed_text, pipeline, paragraph_starts=starts)
    with fast_paths.enabled(False):
        plain = parse(seed_text, pipeline, paragraph_starts=starts)
    assert fast == plain


def _dev_articles(count: int) -> list[str]:
    if not POLNEAR_DEV.is_file():
        pytest.skip(f"PolNeAR dev is not at {POLNEAR_DEV}")
    with POLNEAR_DEV.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in itertools.islice(lines, count)]


def test_the_fast_paths_give_the_same_records_as_stanzas_own_code(seed_text: str) -> None:
    texts = [seed_text, *_dev_articles(10)]
    fast = list(api.Extractor().extract_many(texts))
    plain = list(api.Extractor(fast_paths=False).extract_many(texts))
    assert sum(len(q) for q in fast) > 50
    assert fast == plain


def test_parsing_in_two_threads_gives_what_one_thread_gives(seed_text: str) -> None:
    texts = [seed_text, *_dev_articles(10)]
    one, two = api.Extractor(threads=1), api.Extractor(threads=2)
    assert list(two.extract_many(texts)) == list(one.extract_many(texts))
    assert [two(text) for text in texts[:3]] == [one(text) for text in texts[:3]]


def test_parts_for_threads_keep_the_order_and_lose_nothing() -> None:
    items = list(range(1, 30))
    for parts in range(1, 6):
        cut = _even_parts(items, parts, lambda n: n)
        assert [n for part in cut for n in part] == items and 1 <= len(cut) <= parts
    assert at_once([lambda: 1, lambda: fast_paths._active.get()]) == [1, False]
    with fast_paths.enabled():
        assert at_once([lambda: 1, lambda: fast_paths._active.get()]) == [1, True]  # the caller's context


def test_character_model_once_per_distinct_word_gives_stanzas_output() -> None:
    from stanza.models.common.char_model import CharacterModel

    model = default_pipeline().processors["pos"].trainer.model.charmodel
    vocabulary = [[5, 6, 7], [8, 9], [5, 6, 7, 10, 11], [12], [13, 14, 15, 16]]
    spelt = sorted((vocabulary[i] for i in [0, 1, 2, 0, 3, 1, 4, 0, 2, 3, 0, 4]), key=len, reverse=True)
    lengths = [len(word) for word in spelt]  # longest first, as stanza packs them
    words = torch.tensor([word + [0] * (lengths[0] - len(word)) for word in spelt])
    torch.manual_seed(0)
    order, sentences = torch.randperm(12).tolist(), [5, 4, 3]
    plain = CharacterModel.forward.__wrapped__(model, words, words == 0, order, sentences, lengths)  # type: ignore[attr-defined]
    with fast_paths.enabled():
        fast = CharacterModel.forward(model, words, words == 0, order, sentences, lengths)
    assert torch.allclose(fast.data, plain.data, atol=1e-6) and torch.equal(fast.batch_sizes, plain.batch_sizes)


def test_a_stanza_release_they_do_not_fit_keeps_stanzas_code(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import stanza
    from stanza.models.common import chuliu_edmonds

    before = chuliu_edmonds.tarjan
    monkeypatch.setattr(fast_paths, "_installed", None)
    monkeypatch.setattr(stanza, "__version__", "9.0.0")
    with caplog.at_level(logging.WARNING, logger="quoteattr.fast_paths"):
        assert not fast_paths.install()
        assert not fast_paths.install()  # decided once: one warning
    [warning] = [r.getMessage() for r in caplog.records]
    assert "not 9.0.0" in warning
    monkeypatch.setattr(fast_paths, "_installed", None)
    monkeypatch.setattr(stanza, "__version__", "1.15.0")
    monkeypatch.delattr(chuliu_edmonds, "process_cycle")
    with caplog.at_level(logging.WARNING, logger="quoteattr.fast_paths"):
        assert not fast_paths.install()
    assert "process_cycle" in caplog.records[-1].getMessage()
    assert chuliu_edmonds.tarjan is before  # nothing was rebound


def test_mapping_units_to_ids_gives_stanzas_ids() -> None:
    from stanza.models.common.vocab import BaseVocab, CharVocab

    assert fast_paths.install()
    vocab = default_pipeline().processors["pos"].trainer.vocab["char"]
    assert isinstance(vocab, CharVocab)
    units = [*"Blinken’s “talks” ✓ 東京", None]
    lower = BaseVocab.load_state_dict({**vocab.state_dict(), "lower": True})
    with fast_paths.enabled():
        assert vocab.map(units) == [vocab.unit2id(u) for u in units]
        assert lower.map(list("AbC")) == [lower.unit2id(u) for u in "AbC"]


def test_the_garbage_collector_is_paused_while_parsing_and_left_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    with fast_paths.gc_paused():
        with fast_paths.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with fast_paths.gc_paused():
            pass
        assert not gc.isenabled()  # the user's choice stands
    finally:
        gc.enable()
    with pytest.raises(ValueError), fast_paths.gc_paused():
        raise ValueError
    assert gc.isenabled()


def test_contracting_a_cycle_gives_stanzas_subproblem() -> None:
    import importlib.util

    from stanza.models.common import chuliu_edmonds

    # a fresh copy of stanza's module: install() rebound process_cycle in the imported one
    spec = importlib.util.spec_from_file_location("stanzas_chuliu_edmonds", chuliu_edmonds.__file__)
    assert spec is not None and spec.loader is not None
    stanzas = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stanzas)
    rng = np.random.default_rng(13)
    compared = 0
    for _ in range(200):
        n = int(rng.integers(3, 20))
        scores = rng.normal(size=(n, n))
        tree = np.array([0] + [int(rng.integers(0, n)) for _ in range(1, n)])
        for mask in fast_paths._cycles(tree):
            ours = fast_paths._contract(tree, mask, scores)
            theirs = stanzas.process_cycle(tree, mask, scores)
            assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))
            compared += 1
    assert compared > 100


def test_parsing_runs_with_the_threads_asked_for_and_puts_torchs_setting_back(
    monkeypatch: pytest.MonkeyPatch, seed_text: str, seed_quotes: quoteattr.Quotes
) -> None:
    seen: list[int] = []
    plain_tokenize = api.tokenize

    def tokenize(*args: object, **kwargs: object) -> object:
        seen.append(torch.get_num_threads())
        return plain_tokenize(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "tokenize", tokenize)
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        assert as_tuples(quoteattr.Extractor()(seed_text)) == as_tuples(seed_quotes)
        assert set(seen) == {1} and torch.get_num_threads() == 2
        quoteattr.Extractor(threads=None)(seed_text)
        assert seen[-1] == 2 and torch.get_num_threads() == 2
        with fast_paths.torch_threads(1), fast_paths.torch_threads(3):
            assert torch.get_num_threads() == 1  # the outermost block decides
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


@pytest.mark.parametrize("threads", [0, -1, 1.5, "2"])
def test_an_extractor_refuses_bad_thread_counts(threads: object) -> None:
    with pytest.raises(ValueError, match="threads"):
        quoteattr.Extractor(threads=threads)  # type: ignore[arg-type]


def test_parsing_with_the_fast_paths_gives_stanzas_heads_and_labels() -> None:
    pipeline = default_pipeline()
    assert "forward" in vars(pipeline.processors["depparse"].trainer.model.deprel)  # labels only the arcs chosen
    for text in _dev_articles(3):
        starts = [start for start, _ in paragraph_spans(text)]
        with fast_paths.enabled():
            fast = parse(text, pipeline, paragraph_starts=starts)
        with fast_paths.enabled(False):
            plain = parse(text, pipeline, paragraph_starts=starts)
        assert [[(t.head, t.deprel) for t in s.tokens] for s in fast] == [
            [(t.head, t.deprel) for t in s.tokens] for s in plain
        ]
