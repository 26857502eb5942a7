"""Align claims across the articles of a story into facts.

A pair of claims from different articles is scored by meaning (cosine of sentence embeddings)
plus shared slots (linked entities, the same counted thing, the same date); best-match pairs
above the threshold are merged by average linkage, with at most one claim per article in a fact.
"""
from __future__ import annotations

import numpy as np

from ..cluster import average_linkage
from .claims import Claim

THRESHOLD = 0.62
ENTITY_BONUS = 0.05  # per shared linked entity
MAX_ENTITY_BONUS = 0.15
SLOT_BONUS = 0.08  # same counted thing, or the same resolved date


def _counted(c: Claim) -> set[str]:
    return {(q.counted or q.unit or "").lower() for q in c.quantities if (q.counted or q.unit)}


def _dates(c: Claim) -> set[str]:
    return {d.value for d in c.dates if d.value}


def pair_score(a: Claim, b: Claim, cos: float) -> float:
    bonus = min(MAX_ENTITY_BONUS, ENTITY_BONUS * len(a.entities & b.entities))
    if _counted(a) & _counted(b):
        bonus += SLOT_BONUS
    if _dates(a) & _dates(b):
        bonus += SLOT_BONUS
    return cos + bonus


def align(claims: list[Claim], vectors: np.ndarray) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Group claim indices into facts; returns the groups and the pair scores that decided them.

    Between two articles a pair is a candidate when one claim is the other's closest in that
    article, which keeps a fact from swallowing merely related sentences."""
    n = len(claims)
    if n == 0:
        return [], {}
    by_article: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_article.setdefault(c.article, []).append(i)
    arts = list(by_article)
    scores: dict[tuple[int, int], float] = {}
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            ia, ib = by_article[arts[x]], by_article[arts[y]]
            sims = vectors[ia] @ vectors[ib].T
            full = np.array([[pair_score(claims[i], claims[j], float(sims[r, c])) for c, j in enumerate(ib)]
                             for r, i in enumerate(ia)])
            best = {(r, int(c)) for r, c in enumerate(full.argmax(1))} | {(int(r), c) for c, r in enumerate(full.argmax(0))}
            for r, c in best:
                if full[r, c] >= THRESHOLD:
                    i, j = ia[r], ib[c]
                    scores[(min(i, j), max(i, j))] = float(full[r, c])

    def one_per_article(ga: list[int], gb: list[int]) -> bool:
        return not ({claims[i].article for i in ga} & {claims[i].article for i in gb})

    labels = average_linkage(n, scores, THRESHOLD, one_per_article)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    return [groups[g] for g in sorted(groups)], scores
