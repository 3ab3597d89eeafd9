"""Fast paths: quicker routes through stanza to the same output.

stanza is written for accuracy and GPUs; on a laptop's CPU a good part of its time
goes to Python loops around the models. quoteattr replaces five of them, each
checked by ``tests/test_fast_paths.py`` against stanza's own code:

- tree decoding, about half of the parser's time;
- padding lists of ids into tensors and mapping characters to ids, loops per
  sentence and per character;
- the tagger's bilinear layers, which torch computes about 20 times slower on a CPU
  than the same product written as a matrix product (the widest folded with each of
  the few tag embeddings it is given);
- the parser's labels, scored for every pair of words where only the arcs of the
  trees found are read;
- the character models of the tagger and parser, run once per distinct word of a
  batch rather than once per word;

and :func:`gc_paused` keeps Python's garbage collector from walking the 200,000
objects that importing torch and stanza leaves, again and again, while a batch is parsed.

:func:`install` puts them in place once per process, when a pipeline is loaded, and
only where the stanza functions they stand in for are where stanza 1.15 has them;
anything else keeps stanza's own code, with one logged warning. They take effect only
inside :func:`enabled` blocks, which quoteattr opens around its own parsing: a stanza
pipeline used outside quoteattr, in the same process, runs stanza's code unchanged.
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
import logging
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["enabled", "gc_paused", "install", "speed_up", "torch_threads"]

logger = logging.getLogger(__name__)

# The stanza releases these paths were checked against.
TESTED_STANZA = ("1.15",)

_lock = threading.Lock()
_installed: bool | None = None  # None: not tried yet; then whether they are in place
_active = contextvars.ContextVar("quoteattr_fast_paths", default=False)
# Set while the parser's fast predict scores arcs: its label scorer then gives the
# words' hidden representations, for labelling the chosen arcs only, in place of a
# score for every label of every pair of words.
_labels_later = contextvars.ContextVar("quoteattr_labels_later", default=False)
_pauses = 0  # gc_paused blocks running now, in any thread
_gc_was_enabled = True
_threaded = 0  # torch_threads blocks running now, in any thread
_threads_before = 0


@contextlib.contextmanager
def enabled(on: bool = True) -> Iterator[None]:
    """Use the fast paths (or, with ``on=False``, stanza's own code) inside the block,
    in this thread or task only."""
    token = _active.set(on)
    try:
        yield
    finally:
        _active.reset(token)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Switch the cyclic garbage collector off for the block, and back on after it
    unless it was off before (the outermost block decides, if they nest or overlap
    in threads). Parsing a batch makes so many objects that the collector would
    otherwise walk everything alive, torch and stanza included, every second or so;
    the batch's garbage is collected after it, as usual."""
    global _pauses, _gc_was_enabled
    with _lock:
        if _pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _gc_was_enabled:
                gc.enable()


@contextlib.contextmanager
def torch_threads(threads: int | None) -> Iterator[None]:
    """Run torch with ``threads`` threads inside the block (``None``: as it is), and put
    torch's own setting back after it (the outermost block decides, if they nest or
    overlap in threads). stanza's layers are small: on news articles one thread
    measured faster than two on a 2-core machine, and when another process holds a
    core two threads wait for each other at every step of every LSTM
    (see docs/performance.md)."""
    global _threaded, _threads_before
    if threads is None:
        yield
        return
    import torch

    with _lock:
        if _threaded == 0:
            _threads_before = torch.get_num_threads()
            if _threads_before != threads:
                torch.set_num_threads(threads)
        _threaded += 1
    try:
        yield
    finally:
        with _lock:
            _threaded -= 1
            if _threaded == 0 and torch.get_num_threads() != _threads_before:
                torch.set_num_threads(_threads_before)


def install() -> bool:
    """Put the fast paths in place, once per process; whether they are.

    Each one stands in for a stanza function that must exist where stanza 1.15 has
    it; with another stanza release, or where one is missing, stanza's own code stays
    (one warning is logged) and quoteattr gives the same records, more slowly.

    The tree decoder: stanza decodes every sentence with Chu-Liu-Edmonds under a root
    penalty that makes the greedy heads cyclic, so it contracts cycle after cycle in
    pure Python: about half of the parser's time. When the greedy heads already form a
    tree with one root, that tree is the best single-root tree, which is exactly what
    stanza returns. When they have one root and a cycle, the best tree of all (stanza's
    algorithm without the penalty: few cycles) is the answer if it has one root too.
    Only otherwise does the penalised search run. Both searches find cycles with a
    search for graphs where every word has one head, in place of stanza's Tarjan's
    algorithm for any graph.
    """
    global _installed
    with _lock:
        if _installed is None:
            _installed = _install_all()
        return _installed


def _install_all() -> bool:
    import stanza

    version = str(getattr(stanza, "__version__", "?"))
    if not version.startswith(tuple(v + "." for v in TESTED_STANZA)):
        logger.warning(
            "quoteattr's fast paths are checked against stanza %s, not %s: stanza's own code runs "
            "(the same records, more slowly)",
            ", ".join(TESTED_STANZA),
            version,
        )
        return False
    try:
        targets = _targets()
    except (ImportError, AttributeError) as exc:
        logger.warning("stanza %s lacks what quoteattr's fast paths replace (%s): stanza's own code runs", version, exc)
        return False
    for owner, name, fast in targets:
        _rebind(owner, name, fast)
    return True


def _targets() -> list[tuple[Any, str, Callable[..., Any]]]:
    """(owner, attribute, fast version) for each stanza function replaced; raises
    ImportError or AttributeError, before anything is changed, if one is missing."""
    from stanza.models.common import char_model, chuliu_edmonds
    from stanza.models.common.biaffine import DeepBiaffineScorer
    from stanza.models.common.vocab import UNK, BaseVocab, CompositeVocab
    from stanza.models.depparse import data as depparse_data
    from stanza.models.depparse import model
    from stanza.models.pos import data as pos_data

    found: list[tuple[Any, str, Callable[..., Any]]] = [
        (chuliu_edmonds, "tarjan", _cycles),
        (chuliu_edmonds, "process_cycle", _contract),
        (model, "chuliu_edmonds_one_root", _tree_decoder(model.chuliu_edmonds_one_root, chuliu_edmonds)),
        (BaseVocab, "map", _unit_mapper(BaseVocab, UNK)),
        (CompositeVocab, "id2unit", _unit_memo(CompositeVocab.id2unit)),
        (model.GraphParser, "predict", _parser_predict(model.GraphParser.predict, model, DeepBiaffineScorer)),
        (char_model.CharacterModel, "forward", _distinct_words(char_model)),
    ]
    found += [(module, "get_long_tensor", long_tensor) for module in (char_model, depparse_data, pos_data)]
    for owner, name, _ in found:
        if not callable(getattr(owner, name)):
            raise AttributeError(f"{owner.__name__}.{name} is not a function")
    return found


def _rebind(owner: Any, name: str, fast: Callable[..., Any]) -> None:
    """Replace ``owner.name`` by a function that takes the fast path inside :func:`enabled`."""
    original = getattr(owner, name)

    def either(*args: Any, **kwargs: Any) -> Any:
        return (fast if _active.get() else original)(*args, **kwargs)

    either.__wrapped__ = original  # type: ignore[attr-defined]
    setattr(owner, name, either)


def speed_up(pipeline: Any) -> None:
    """Compute the bilinear layers of ``pipeline``'s models as matrix products inside
    :func:`enabled` blocks (torch's own layer elsewhere), and let the parser's label
    scorer label only the arcs chosen (see :func:`_parser_predict`); once per pipeline."""
    import torch
    from stanza.models.common.biaffine import DeepBiaffineScorer

    for processor in pipeline.processors.values():
        model = getattr(getattr(processor, "trainer", None), "model", None)
        if isinstance(model, torch.nn.Module):
            for module in model.modules():
                if isinstance(module, torch.nn.Bilinear) and "forward" not in vars(module):
                    module.forward = types.MethodType(_either_bilinear, module)  # type: ignore[method-assign]
            labels = getattr(model, "deprel", None)
            if isinstance(labels, DeepBiaffineScorer) and "forward" not in vars(labels):
                labels.forward = types.MethodType(_later_labels, labels)


def _later_labels(scorer: Any, x1: Any, x2: Any) -> Any:
    """The parser's label scorer: what stanza's computes, or inside the fast predict the
    two hidden representations its pairwise biaffine layer would take (ones appended)."""
    if not _labels_later.get():
        return type(scorer).forward(scorer, x1, x2)
    import torch

    h1 = scorer.dropout(scorer.hidden_func(scorer.W1(x1)))
    h2 = scorer.dropout(scorer.hidden_func(scorer.W2(x2)))
    return torch.cat([h1, h1.new_ones(*h1.shape[:-1], 1)], -1), torch.cat([h2, h2.new_ones(*h2.shape[:-1], 1)], -1)


def _parser_predict(plain: Callable[..., Any], model_module: Any, deep_biaffine: Any) -> Callable[..., Any]:
    """stanza's ``GraphParser.predict``, labelling only the arcs of the trees found.

    stanza scores every label for every pair of words (dependent, head), a tensor of
    sentences x words x words x 50 labels, and then reads the scores of one pair per
    word: about a tenth of the parser's time. This fast predict finds the trees as
    stanza does and then scores the labels of those pairs only, with the same weights
    and arithmetic, taking the best label as stanza does.
    """

    def predict(self: Any, *inputs: Any, resolve_head_constraints: bool = False) -> Any:
        scorer = getattr(self, "deprel", None)
        if (
            resolve_head_constraints
            or self.training
            or self.args.get("use_arc_embedding")
            or not isinstance(scorer, deep_biaffine)
            or "forward" not in vars(scorer)
            or len(inputs) != 15
        ):
            return plain(self, *inputs, resolve_head_constraints=resolve_head_constraints)
        import numpy as np
        import torch.nn.functional as F

        sentlens = inputs[12]
        token = _labels_later.set(True)
        try:
            unlabeled, (dependents, heads), *_ = self.forward_scores(*inputs)
        finally:
            _labels_later.reset(token)
        scores = F.log_softmax(unlabeled, 2).detach().cpu().numpy()
        trees = [model_module.chuliu_edmonds_one_root(scores[i][:n, :n]) for i, n in enumerate(sentlens)]
        sentence = np.concatenate([np.full(n - 1, i) for i, n in enumerate(sentlens)])
        word = np.concatenate([np.arange(1, n) for n in sentlens])
        head = np.concatenate([tree[1:] for tree in trees])
        layer = scorer.scorer.W_bilin
        u1, u2 = dependents[sentence, word], heads[sentence, head]
        in1, in2, out = layer.weight.shape
        tmp = (u1 @ layer.weight.reshape(in1, in2 * out)).view(-1, in2, out)
        label_scores = (tmp * u2.unsqueeze(-1)).sum(1) + layer.bias
        labels = (label_scores.argmax(1) + model_module.VOCAB_PREFIX_SIZE).tolist()
        deprels = self.vocab["deprel"].unmap(labels)
        found, at = [], 0
        for tree, n in zip(trees, sentlens, strict=True):
            found.append([[tree[1 + j], deprels[at + j]] for j in range(n - 1)])
            at += n - 1
        return found

    return predict


def _either_bilinear(layer: Any, x1: Any, x2: Any) -> Any:
    if _active.get():
        return bilinear(layer, x1, x2)
    return type(layer).forward(layer, x1, x2)


def bilinear(layer: Any, x1: Any, x2: Any) -> Any:
    """What ``torch.nn.Bilinear`` computes, as matrix products.

    The tagger's second inputs are embeddings of the word's UPOS tag (and a 1): a few
    distinct rows among hundreds of words. Where they are, the weights are first
    folded with each distinct row (one matrix per row), so that each word costs one
    product with its row's matrix instead of one with the whole weight tensor: about
    three times less arithmetic for the tagger's XPOS layer.
    """
    out, in1, in2 = layer.weight.shape
    flat1, flat2 = x1.reshape(-1, in1), x2.reshape(-1, in2)
    # Telling the rows apart costs about as much as the plain product of a layer with
    # a few outputs (the tagger's features): only the wide ones are folded.
    rows, which = unique_rows(flat2) if out * in2 >= 512 else (flat2, None)
    if which is not None and rows.shape[0] * (in2 + flat2.shape[0]) * 2 <= flat2.shape[0] * in2:
        folded = (rows @ layer.weight.permute(2, 0, 1).reshape(in2, out * in1)).view(-1, out, in1)
        products = flat1 @ folded.reshape(-1, in1).T  # every word against every row's matrix
        y = products.view(flat1.shape[0], -1, out)[range(flat1.shape[0]), which]
    else:
        tmp = (flat1 @ layer.weight.permute(1, 0, 2).reshape(in1, out * in2)).view(-1, out, in2)
        y = (tmp * flat2.unsqueeze(-2)).sum(-1)
    y = y.view(*x1.shape[:-1], out)
    return y + layer.bias if layer.bias is not None else y


def unique_rows(x: Any) -> tuple[Any, Any]:
    """Distinct rows of the float32 matrix ``x`` and, for each row of ``x``, which one it
    is; all of ``x``'s rows (``which`` their order) where that cannot be told cheaply.

    Rows are told apart by a sum of their bits weighted by fixed odd numbers, in integer
    arithmetic so that equal rows always get equal sums (sorting numbers is much quicker
    than sorting rows), and the answer is checked: two different rows with the same sum
    make it give up.
    """
    import torch

    if x.dtype != torch.float32:
        return x, torch.arange(x.shape[0])
    weights = torch.arange(x.shape[1], dtype=torch.int64) * 2_654_435_761 + 1
    keys, which = torch.unique((x.contiguous().view(torch.int32).to(torch.int64) * weights).sum(1), return_inverse=True)
    first = torch.empty(len(keys), dtype=torch.long).scatter_(0, which, torch.arange(len(which)))
    rows = x[first]
    if not torch.equal(rows[which], x):
        return x, torch.arange(x.shape[0])
    return rows, which


def _distinct_words(char_model: Any) -> Callable[..., Any]:
    """``CharacterModel.forward`` run once per distinct word of the batch.

    A word's character representation depends on its characters only, and news repeats
    its words ("the", "said", the names): a batch of sentences has about half as many
    distinct words as words. The distinct ones go through the same layers, longest
    first as stanza packs them, and each word takes its row.
    """
    import torch
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pack_sequence, pad_packed_sequence

    def forward(self: Any, chars: Any, chars_mask: Any, word_orig_idx: Any, sentlens: Any, wordlens: Any) -> Any:
        if self.training:
            return type(self).forward.__wrapped__(self, chars, chars_mask, word_orig_idx, sentlens, wordlens)
        distinct, which = torch.unique(chars, dim=0, return_inverse=True)
        lengths = torch.zeros(len(distinct), dtype=torch.long).scatter_(0, which, torch.as_tensor(wordlens))
        lengths, order = lengths.sort(descending=True, stable=True)
        distinct = distinct[order]
        where = torch.empty_like(order).scatter_(0, order, torch.arange(len(order)))[which]
        n = len(distinct)
        shape = (self.num_dir * self.args["char_num_layers"], n, self.args["char_hidden_dim"])
        start = (self.charlstm_h_init.expand(*shape).contiguous(), self.charlstm_c_init.expand(*shape).contiguous())
        embs = pack_padded_sequence(self.char_emb(distinct), lengths, batch_first=True)
        output = self.charlstm(embs, lengths, hx=start)
        if self.attn:
            states = output[0]
            weights = torch.sigmoid(self.char_attn(states.data))
            weighted = PackedSequence(states.data * weights, states.batch_sizes)
            res = pad_packed_sequence(weighted, batch_first=True)[0].sum(1)
        else:
            h, _ = output[1]
            res = h[-2:].transpose(0, 1).contiguous().view(n, -1)
        by_sentence = pack_sequence(char_model.tensor_unsort(res[where], word_orig_idx).split(sentlens))
        return pad_packed_sequence(by_sentence, batch_first=True)[0] if self.pad else by_sentence

    return forward


def _unit_mapper(base_vocab: Any, unknown_unit: str) -> Callable[[Any, list[Any]], list[int]]:
    """``BaseVocab.map`` with one dictionary lookup per character or word, where stanza
    calls a method or two for each."""
    plain_map, plain_units = base_vocab.map, (base_vocab.unit2id, base_vocab.normalize_unit)

    def map_units(self: Any, units: list[Any]) -> list[int]:
        ids = getattr(self, "_unit2id", None)
        if ids is None or (type(self).unit2id, type(self).normalize_unit) != plain_units:
            return plain_map(self, units)  # type: ignore[no-any-return]
        unknown = ids[unknown_unit]
        if self.lower:
            return [ids.get(u if u is None else u.lower(), unknown) for u in units]
        return [ids.get(u, unknown) for u in units]

    return map_units


def _unit_memo(plain_id2unit: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """``CompositeVocab.id2unit`` that remembers the tag string of each feature-id tuple."""

    def id2unit(self: Any, ids: Any) -> Any:
        if self.sep is None or not isinstance(ids, (list, tuple)):
            return plain_id2unit(self, ids)  # a list of parts, or a single id
        key = tuple(ids)
        known = self.__dict__.setdefault("_units_by_ids", {})
        if key not in known:
            known[key] = plain_id2unit(self, ids)
        return known[key]

    return id2unit


def long_tensor(tokens_list: list[Any], batch_size: int, pad_id: int = 0) -> Any:
    """stanza's ``get_long_tensor``: lists (of lists) of ids as one padded tensor."""
    import numpy as np
    import torch

    sizes = []
    x = tokens_list
    while isinstance(x[0], list):
        sizes.append(max(len(y) for y in x))
        x = [z for y in x for z in y]
    padded = np.full((batch_size, *sizes), pad_id, dtype=np.int64)
    for i, ids in enumerate(tokens_list):
        if ids:
            padded[i, : len(ids)] = ids
    return torch.from_numpy(padded)


def _tree_decoder(exact: Callable[[Any], Any], chuliu_edmonds: Any) -> Callable[[Any], Any]:
    """stanza's ``chuliu_edmonds_one_root`` (``exact``) that first tries the greedy heads
    and the unpenalised tree (see :func:`install`)."""
    import numpy as np

    def decode(scores: Any) -> Any:
        greedy = scores.astype(np.float64, copy=True)
        np.fill_diagonal(greedy, -np.inf)
        heads = greedy.argmax(axis=1)
        heads[0] = 0
        if np.count_nonzero(heads[1:] == 0) == 1:
            ancestors = heads
            for _ in range(len(heads).bit_length() + 1):  # 2**k steps up reach the root from any word
                ancestors = ancestors[ancestors]
            if not ancestors.any():
                return heads
            # One root but a cycle. The best tree of all, found without stanza's root
            # penalty and so with a few contractions instead of dozens, is the answer
            # whenever it too has one root.
            tree = chuliu_edmonds.chuliu_edmonds(greedy)
            if np.count_nonzero(tree[1:] == 0) == 1:
                return tree
        return exact(scores)

    return decode


def _contract(tree: Any, cycle: Any, scores: Any) -> tuple[Any, Any, Any, Any, Any]:
    """stanza's ``process_cycle`` (the graph with ``cycle`` contracted to one node) with
    the same arithmetic, in fewer array copies than its chain of masks and ``np.pad``."""
    import numpy as np

    cycle_locs = np.flatnonzero(cycle)
    noncycle_locs = np.flatnonzero(~cycle)
    cycle_scores = scores[cycle_locs, tree[cycle_locs]]
    cycle_score = cycle_scores.sum()
    metanode_head_scores = scores[np.ix_(cycle_locs, noncycle_locs)] - cycle_scores[:, None] + cycle_score
    metanode_dep_scores = scores[np.ix_(noncycle_locs, cycle_locs)]
    metanode_heads = np.argmax(metanode_head_scores, axis=0)
    metanode_deps = np.argmax(metanode_dep_scores, axis=1)
    n = len(noncycle_locs)
    subscores = np.zeros((n + 1, n + 1), dtype=scores.dtype)
    subscores[:n, :n] = scores[np.ix_(noncycle_locs, noncycle_locs)]
    subscores[n, :n] = metanode_head_scores[metanode_heads, np.arange(n)]
    subscores[:n, n] = metanode_dep_scores[np.arange(n), metanode_deps]
    return subscores, cycle_locs, noncycle_locs, metanode_heads, metanode_deps


def _cycles(heads: Any) -> list[Any]:
    """The cycles of a graph where ``heads[i]`` is the one head of word ``i`` (0 the root,
    its own head), each as a boolean mask over the words, as stanza's ``tarjan`` gives them.

    >>> import numpy as np
    >>> [mask.nonzero()[0].tolist() for mask in _cycles(np.array([0, 3, 1, 2, 0, 6, 5]))]
    [[1, 2, 3], [5, 6]]
    """
    import numpy as np

    head_of = heads.tolist()
    state = [0] * len(head_of)  # 0 unseen, 1 on the path being followed, 2 done
    found = []
    for start in range(len(head_of)):
        path = []
        node = start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = head_of[node]
        if state[node] == 1 and node != path[-1]:  # back on the path: a cycle, not the root's own loop
            mask = np.zeros(len(head_of), dtype=bool)
            mask[path[path.index(node) :]] = True
            found.append(mask)
        for node in path:
            state[node] = 2
    return found
