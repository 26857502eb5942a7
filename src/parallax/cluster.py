"""Average-linkage agglomeration over a sparse graph of scored pairs (used for stories and facts)."""
from __future__ import annotations

from typing import Callable


def average_linkage(
    n: int,
    scores: dict[tuple[int, int], float],
    threshold: float,
    can_merge: Callable[[list[int], list[int]], bool] | None = None,
) -> list[int]:
    """Merge items ``0..n-1`` along pairs in descending score while the mean score between the
    two groups (unscored pairs count as 0) stays at or above ``threshold``. Returns a group index
    per item, groups numbered in order of their first item."""
    members = {i: [i] for i in range(n)}
    owner = list(range(n))

    def link(a: int, b: int) -> float:
        total = sum(scores.get((min(i, j), max(i, j)), 0.0) for i in members[a] for j in members[b])
        return total / (len(members[a]) * len(members[b]))

    for (i, j), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b or link(a, b) < threshold:
            continue
        if can_merge is not None and not can_merge(members[a], members[b]):
            continue
        keep, gone = min(a, b), max(a, b)
        for m in members[gone]:
            owner[m] = keep
        members[keep].extend(members.pop(gone))
    roots = sorted(members, key=lambda r: min(members[r]))
    index = {r: k for k, r in enumerate(roots)}
    return [index[owner[i]] for i in range(n)]
