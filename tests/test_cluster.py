"""Average linkage over a sparse score graph, against a direct implementation of its definition."""
from __future__ import annotations

import random

import pytest

from parallax.cluster import average_linkage


def reference(n, scores, threshold, can_merge=None):
    """The definition, recomputing the mean between two groups from scratch at every step."""
    groups = {i: [i] for i in range(n)}
    owner = list(range(n))
    for (i, j), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        total = sum(scores.get((min(x, y), max(x, y)), 0.0) for x in groups[a] for y in groups[b])
        if total / (len(groups[a]) * len(groups[b])) < threshold:
            continue
        if can_merge is not None and not can_merge(groups[a], groups[b]):
            continue
        for m in groups[b]:
            owner[m] = a
        groups[a].extend(groups.pop(b))
    roots = sorted(groups, key=lambda r: min(groups[r]))
    index = {r: k for k, r in enumerate(roots)}
    return [index[owner[i]] for i in range(n)]


@pytest.mark.parametrize("seed", range(30))
def test_matches_the_definition_on_random_graphs(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 60)
    # scores on a grid of eighths, so sums are exact and both orders of addition agree
    scores = {(i, j): rng.randint(0, 8) / 8 for i in range(n) for j in range(i + 1, n) if rng.random() < 0.3}
    threshold = rng.choice([0.25, 0.5, 0.75])
    assert average_linkage(n, scores, threshold) == reference(n, scores, threshold)


def test_respects_can_merge():
    scores = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    odd_apart = lambda a, b: not ({x % 2 for x in a} & {x % 2 for x in b})  # noqa: E731
    assert average_linkage(3, scores, 0.5, odd_apart) == reference(3, scores, 0.5, odd_apart) == [0, 0, 1]


def test_a_weak_link_does_not_chain_two_tight_groups():
    scores = {(0, 1): 1.0, (2, 3): 1.0, (1, 2): 0.6}
    assert average_linkage(4, scores, 0.5) == [0, 0, 1, 1]
