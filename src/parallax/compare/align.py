"""Align claims across the articles of a story into facts.

A pair of claims from different articles is scored by meaning (cosine of sentence embeddings)
plus shared slots (linked entities, the same counted thing, the same date); best-match pairs
above the threshold are merged by average linkage, with at most one claim per article in a fact.
"""
from __future__ import annotations

import math
import re

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from ..cluster import average_linkage
from .claims import Claim

THRESHOLD = 0.55  # a best-match pair needs this combined score
MUTUAL_THRESHOLD = 0.25  # a pair where each is the other's best match needs less
LEXICAL_WEIGHT = 0.4  # share of rare-word overlap in the similarity (the rest is embeddings)
BACKGROUND_Z = 2.5  # standard deviations above the mean similarity of the two articles' claims
CONTESTED_JOIN = 0.3
PLACE_JOIN = 0.4  # most sentences name some place, so a place alone needs closer meaning  # a fact of denials (or purposes) joins the closest fact of assertions above this
ENTITY_BONUS = 0.05  # per shared linked entity
MAX_ENTITY_BONUS = 0.15
SLOT_BONUS = 0.08  # same counted thing, or the same resolved date


def _counted(c: Claim) -> set[str]:
    return {(q.counted or q.unit or "").lower() for q in c.quantities if (q.counted or q.unit)}


def _dates(c: Claim) -> set[str]:
    return {d.value for d in c.dates if d.value}


_WORD = re.compile(r"[a-z0-9]+")


def lexical_matrix(claims: list[Claim]) -> np.ndarray:
    """Rows: claims as tf-idf vectors of their content words, idf taken within the story, so
    the words every article of the story uses (the place, the ship) weigh little and the
    specific ones (a number, "tugboats") weigh much."""
    docs = [[w for w in _WORD.findall(c.sentence.text.lower()) if w not in STOP_WORDS and len(w) > 1] for c in claims]
    vocab: dict[str, int] = {}
    df: dict[str, int] = {}
    for words in docs:
        for w in dict.fromkeys(words):  # first-seen order: a set's order, and so the sums, would vary by process
            vocab.setdefault(w, len(vocab))
            df[w] = df.get(w, 0) + 1
    m = np.zeros((len(docs), max(len(vocab), 1)), dtype=np.float32)
    n = len(docs)
    for r, words in enumerate(docs):
        for w in words:
            m[r, vocab[w]] += math.log((n + 1) / (df[w] + 0.5))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-9)


def _incidence(sets: list[set[str]]) -> np.ndarray:
    """Claims by values: 1 where the claim has the value."""
    index: dict[str, int] = {}
    rows = [[index.setdefault(v, len(index)) for v in values] for values in sets]
    m = np.zeros((len(sets), max(len(index), 1)), dtype=np.float64)
    for r, cols in enumerate(rows):
        m[r, cols] = 1.0
    return m


def slot_bonus(claims: list[Claim]) -> np.ndarray:
    """What every pair of claims gains for shared slots: ENTITY_BONUS per shared linked entity (at
    most MAX_ENTITY_BONUS), and SLOT_BONUS each for the same counted thing and the same date."""
    def shared(sets: list[set[str]]) -> np.ndarray:
        m = _incidence(sets)
        return m @ m.T

    bonus = np.minimum(MAX_ENTITY_BONUS, ENTITY_BONUS * shared([c.entities for c in claims]))
    bonus += SLOT_BONUS * (shared([_counted(c) for c in claims]) > 0)
    bonus += SLOT_BONUS * (shared([_dates(c) for c in claims]) > 0)
    return bonus


def similarity(claims: list[Claim], vectors: np.ndarray) -> np.ndarray:
    """Claim-by-claim meaning similarity: embeddings blended with rare-word overlap."""
    lex = lexical_matrix(claims)
    return (1 - LEXICAL_WEIGHT) * (vectors @ vectors.T) + LEXICAL_WEIGHT * (lex @ lex.T)


def align(claims: list[Claim], sim: np.ndarray) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
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
    pair = sim.astype(np.float64) + slot_bonus(claims)  # meaning plus shared slots
    scores: dict[tuple[int, int], float] = {}
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            ia, ib = by_article[arts[x]], by_article[arts[y]]
            full = pair[np.ix_(ia, ib)]
            # two articles about one event share a vocabulary; a match must stand out from that
            background = float(full.mean() + BACKGROUND_Z * full.std())
            best_b, best_a = full.argmax(1), full.argmax(0)
            for r, c in {(r, int(c)) for r, c in enumerate(best_b)} | {(int(r), c) for c, r in enumerate(best_a)}:
                mutual = best_b[r] == c and best_a[c] == r
                if full[r, c] >= max(background, MUTUAL_THRESHOLD if mutual else THRESHOLD):
                    i, j = ia[r], ib[c]
                    scores[(min(i, j), max(i, j))] = float(full[r, c])

    labels = average_linkage(n, scores, MUTUAL_THRESHOLD, lambda ga, gb: _disjoint_articles(claims, ga, gb))
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    return [groups[g] for g in sorted(groups)], scores


def _disjoint_articles(claims: list[Claim], ga: list[int], gb: list[int]) -> bool:
    return not ({claims[i].article for i in ga} & {claims[i].article for i in gb})


def join_contested(groups: list[list[int]], claims: list[Claim], sim: np.ndarray) -> list[list[int]]:
    """Contested versions are worded unlike each other: "X denied that ..." against a report of
    it, "to prevent provocations" against "to stop the lawyers", "in Dravik" against "at the
    Presidential Palace". A fact from one outlet that denies (gives a purpose, a place) is joined
    to the closest fact from other outlets that asserts it (gives a purpose, a place), at a lower
    bar than ordinary alignment."""
    from .conflicts import located, purpose_of

    def denial_pair(i: int, j: int) -> bool:
        return claims[i].sentence.polarity == "denied" and claims[j].sentence.polarity == "asserted"

    def purpose_pair(i: int, j: int) -> bool:
        return purpose_of(claims[i]) is not None and purpose_of(claims[j]) is not None

    def place_pair(i: int, j: int) -> bool:
        return bool(located(claims[i])) and bool(located(claims[j]))

    def all_denials(g: list[int]) -> bool:
        return all(claims[i].sentence.polarity == "denied" for i in g)

    def one_outlet(g: list[int]) -> bool:
        return len({claims[i].outlet for i in g}) == 1

    groups = [list(g) for g in groups]
    # outlets agreeing on a denial still face the assertion; other facts of several outlets
    # already compare their versions as they stand
    rules = ((denial_pair, all_denials, CONTESTED_JOIN), (purpose_pair, one_outlet, CONTESTED_JOIN),
             (place_pair, one_outlet, PLACE_JOIN))
    for related, eligible, bar in rules:
        for g in list(groups):
            if not g or not eligible(g):
                continue
            best, best_score = None, bar
            for h in groups:
                if h is g or not h or not _disjoint_articles(claims, g, h):
                    continue
                pairs = [(i, j) for i in g for j in h if claims[j].outlet != claims[i].outlet and related(i, j)]
                if pairs:
                    score = max(float(sim[i, j]) for i, j in pairs)
                    if score > best_score:
                        best, best_score = h, score
            if best is not None:
                best.extend(g)
                g.clear()
    return [g for g in groups if g]
