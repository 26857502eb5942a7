"""Annotation benchmark over our own labelled sentences (tests/fixtures/annotate/gold.json).

Prints precision and recall for attribution, hedges, denials, dates and entity links, and the cost of
annotation relative to bare spaCy ``nlp.pipe`` measured in the same run.

    .venv/bin/python benchmarks/bench_annotate.py
"""
from __future__ import annotations

import json
import time
from itertools import combinations
from pathlib import Path

from parallax.annotate import annotate
from parallax.annotate.nlp import load_nlp
from parallax.link import link_entities
from parallax.link.names import fold
from parallax.model import Mention

GOLD = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "annotate" / "gold.json"


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"P={p:.2f} R={r:.2f} (tp={tp} fp={fp} fn={fn})"


def same_words(a: str | None, b: str | None) -> bool:
    return bool(a and b) and (fold(a) in fold(b) or fold(b) in fold(a))


def sentence_of(nlp, text: str, published: str | None = None):
    return annotate(text, nlp(text), published)


def bench_attribution(nlp, cases) -> None:
    tp = fp = fn = kinds = 0
    for case in cases:
        att = sentence_of(nlp, case["text"]).sentences[0].attribution
        gold = case["speaker"]
        if att.speaker and same_words(att.speaker, gold):
            tp += 1
            kinds += att.kind == case["kind"]
        else:
            fp += att.speaker is not None
            fn += gold is not None
    print(f"attribution speaker   {prf(tp, fp, fn)}; kind right on {kinds}/{tp} found speakers")


def bench_hedges(nlp, cases) -> None:
    tp = fp = fn = 0
    for case in cases:
        hedge = sentence_of(nlp, case["text"]).sentences[0].hedge
        if hedge and same_words(hedge, case["hedge"]):
            tp += 1
        else:
            fp += hedge is not None
            fn += case["hedge"] is not None
    print(f"hedges                {prf(tp, fp, fn)}")


def bench_denials(nlp, cases) -> None:
    tp = fp = fn = 0
    for case in cases:
        denied = sentence_of(nlp, case["text"]).sentences[0].polarity == "denied"
        gold = case["polarity"] == "denied"
        tp, fp, fn = tp + (denied and gold), fp + (denied and not gold), fn + (gold and not denied)
    print(f"denials               {prf(tp, fp, fn)}")


def bench_dates(nlp, cases) -> None:
    tp = fp = fn = 0
    for case in cases:
        found = [(d.text, d.value) for d in sentence_of(nlp, case["text"], case["published"]).dates]
        gold = [tuple(g) for g in case["dates"]]
        hits = [g for g in gold if any(same_words(t, g[0]) and v == g[1] for t, v in found)]
        tp += len(hits)
        fn += len(gold) - len(hits)
        fp += sum(1 for t, v in found if not any(same_words(t, g[0]) and v == g[1] for g in gold))
    print(f"dates (text + value)  {prf(tp, fp, fn)}")


def bench_links(groups) -> None:
    """Pairwise precision/recall of 'same entity' over all names, each name its own article."""
    names = [(name, group["entity"]) for group in groups for name in group["names"]]
    items = [(f"a{i}", name, [Mention(0, len(name), name, _label(name))]) for i, (name, _) in enumerate(names)]
    cluster_of = {}
    for entity in link_entities(items):
        for m in entity["mentions"]:
            cluster_of[m["article"]] = entity["id"]
    tp = fp = fn = 0
    for (i, (_, gi)), (j, (_, gj)) in combinations(enumerate(names), 2):
        same = cluster_of[f"a{i}"] == cluster_of[f"a{j}"]
        tp, fp, fn = tp + (same and gi == gj), fp + (same and gi != gj), fn + (gi == gj and not same)
    print(f"entity links (pairs)  {prf(tp, fp, fn)}")


def _label(name: str) -> str:
    return "PRODUCT" if any(c.isdigit() for c in name) else "PERSON"


def bench_speed(nlp, texts) -> None:
    texts = texts * 20
    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    bare = time.perf_counter() - start
    start = time.perf_counter()
    for text, doc in zip(texts, docs):
        annotate(text, doc, "2029-04-11")
    extra = time.perf_counter() - start
    print(f"speed                 nlp.pipe {bare:.2f}s + annotate {extra:.2f}s = {(bare + extra) / bare:.3f}x bare spaCy")


def main() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    nlp = load_nlp()
    bench_attribution(nlp, gold["attribution"])
    bench_hedges(nlp, gold["hedges"])
    bench_denials(nlp, gold["denials"])
    bench_dates(nlp, gold["dates"])
    bench_links(gold["links"])
    texts = [c["text"] for key in ("attribution", "hedges", "denials", "dates") for c in gold[key]]
    bench_speed(nlp, [" ".join(texts)])


if __name__ == "__main__":
    main()
