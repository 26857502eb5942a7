"""Static sentence vectors distilled from the packaged MiniLM: one vector per word piece.

Each word piece of MiniLM's vocabulary is run through the (float) model once, alone between
[CLS] and [SEP]. Its output vector at the piece's position, centred on the vocabulary mean and
weighted down when the word is common (``A / (A + frequency)``, word frequencies from wordfreq),
is its static vector. A sentence is the normalised sum of its pieces' vectors. This costs a table
look-up per token instead of a transformer pass; with the same thresholds it kept about 95 % of
MiniLM's alignment recall on our two gold sets (``benchmarks/bench_compare.py`` and the devset),
at a small fraction of its time.

The same pass also keeps the model's whole (mean-pooled) vector for each piece alone, which is
what :func:`parallax.embed.word_vectors` reads for one-piece words.

The table is built on first use (about 20 s on two cores) and cached (``cache.py``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

SIF_A = 1e-3  # weight = A / (A + p(word)): "the" counts ~0.3 % as much as a rare name
SUBWORD_FREQUENCY = 1e-6  # "##ing"-style pieces have no word frequency; treat them as rare
FORMAT = 2  # bump when the recipe below changes, so old caches are rebuilt
_BATCH = 1024
_CLS, _SEP = 101, 102


def file_name() -> str:
    from .cache import model_key

    return f"static-minilm-{model_key()}-v{FORMAT}.npy"


def build_table() -> np.ndarray:
    """Shape (vocabulary, 2, DIM), float32: [:, 0] the weighted static vectors, [:, 1] the
    normalised mean-pooled vector of each piece seen alone."""
    from wordfreq import word_frequency

    from . import DIM, normalise, run_model, session, tokenizer
    from .cache import source_model

    sess = session(source_model())
    vocab = tokenizer().get_vocab()
    n = max(vocab.values()) + 1
    table = np.zeros((n, 2, DIM), dtype=np.float32)
    for start in range(0, n, _BATCH):
        ids = np.arange(start, min(n, start + _BATCH), dtype=np.int64)
        x = np.stack([np.full_like(ids, _CLS), ids, np.full_like(ids, _SEP)], axis=1)
        out = run_model(sess, x, np.ones_like(x))
        table[ids, 0] = out[:, 1]
        table[ids, 1] = normalise(out.mean(axis=1))
    table[:, 0] -= table[:, 0].mean(axis=0)  # the direction every piece shares says nothing about meaning
    weights = np.zeros(n, dtype=np.float32)
    for piece, i in vocab.items():
        if piece.startswith("[") and piece.endswith("]"):
            continue  # [PAD], [UNK], [unused7]: no meaning of their own
        p = SUBWORD_FREQUENCY if piece.startswith("##") else word_frequency(piece, "en")
        weights[i] = SIF_A / (SIF_A + p)
    table[:, 0] *= weights[:, None]
    return table


def _save(path: Path) -> None:
    with open(path, "wb") as f:
        np.save(f, build_table())


@lru_cache(maxsize=1)
def table() -> np.ndarray:
    """The cached table, memory-mapped (worker processes share one copy), built if missing."""
    from .cache import cached

    return np.load(cached(file_name(), _save), mmap_mode="r")


def alone() -> np.ndarray:
    """Each piece's pooled vector seen alone, shape (vocabulary, DIM)."""
    return table()[:, 1]


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised sums of the pieces' static vectors, shape (len(texts), DIM), float32."""
    from . import MAX_TOKENS, normalise, tokenizer

    vectors = table()[:, 0]
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    if not texts:
        return out
    tok = tokenizer()
    tok.enable_truncation(MAX_TOKENS)  # the shared tokenizer: the last caller may have cut shorter
    for k, enc in enumerate(tok.encode_batch([t or " " for t in texts], add_special_tokens=False)):
        ids = [i for i, m in zip(enc.ids, enc.attention_mask) if m]
        if ids:
            out[k] = vectors[ids].sum(axis=0)
    return normalise(out)
