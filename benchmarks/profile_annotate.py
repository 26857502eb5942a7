"""Where the annotate stage's time goes: each step of ``annotate_articles`` timed alone, per article,
against bare spaCy (the model as shipped) over the raw texts (one thread each, as in a worker).

    python benchmarks/profile_annotate.py [--articles 600] [--mean-chars 0]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_corpus import write as write_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--mean-chars", type=int, default=0, help="article length (generate_corpus.py --mean-chars)")
    args = ap.parse_args()

    from parallax.annotate import annotate
    from parallax.annotate.nlp import load_nlp
    from parallax.compare.claims import claim_indices, claim_text
    from parallax.embed import claim_embedder, embed, prepare
    from parallax.engine import warm
    from parallax.ingest import RawDoc, iter_docs
    from parallax.pipeline import LEAD_TOKENS, Options, lead_text, prepare_docs

    warm()  # one ONNX thread, models loaded: start-up is not per-article cost
    prepare("static")
    with tempfile.TemporaryDirectory() as tmp:
        docs = [d for d in iter_docs([write_corpus(tmp, args.articles, mean_chars=args.mean_chars)]) if isinstance(d, RawDoc)]
    articles, _ = prepare_docs(docs, Options())
    import spacy

    from parallax.annotate.nlp import MODEL

    stock, nlp, seconds = spacy.load(MODEL), load_nlp(), {}

    def timed(step: str, work):
        start = time.perf_counter()
        out = work()
        seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - start
        return out

    embed(["warm-up"], max_tokens=LEAD_TOKENS)  # the session's first run allocates its buffers
    timed("bare spaCy, raw texts", lambda: list(stock.pipe([d.raw for d in docs], batch_size=32)))
    spacy_docs = timed("spaCy + ruler index, repaired", lambda: list(nlp.pipe([a.text for a in articles], batch_size=32)))
    anns = []
    for a, doc in zip(articles, spacy_docs):
        anns.append(timed("our annotators", lambda: annotate(a.text, doc, a.published)))
        timed("noun chunks", lambda: [(c.start_char, c.end_char, c.root.lemma_.lower()) for c in doc.noun_chunks if c.root.pos_ != "PRON"])
    timed(f"leads (MiniLM, {LEAD_TOKENS} pieces)", lambda: embed([lead_text(a, n) for a, n in zip(articles, anns)], max_tokens=LEAD_TOKENS))
    claims = [claim_text(n, k) for n in anns for k in claim_indices(n)]
    timed("claim vectors (static)", lambda: claim_embedder("static")(claims))
    base = seconds["bare spaCy, raw texts"]
    print(f"{len(articles)} articles, {len(claims)} claims")
    print(f"{'step':<28}{'ms/article':>12}{'x spaCy':>9}")
    for step, s in seconds.items():
        print(f"{step:<28}{1000 * s / len(articles):>12.2f}{s / base:>9.2f}")


if __name__ == "__main__":
    main()
