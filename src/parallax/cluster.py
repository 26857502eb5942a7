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
    per item, groups numbered in order of their first item.

    The summed scores between groups are kept up to date as groups merge, so a merge costs the
    number of groups next to the smaller one, not the product of the two groups' sizes."""
    members = {i: [i] for i in range(n)}
    owner = list(range(n))
    between: dict[int, dict[int, float]] = {i: {} for i in range(n)}  # group -> neighbour group -> summed scores
    for (i, j), s in scores.items():
        between[i][j] = between[i].get(j, 0.0) + s
        between[j][i] = between[j].get(i, 0.0) + s

    for (i, j), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b or between[a].get(b, 0.0) / (len(members[a]) * len(members[b])) < threshold:
            continue
        if can_merge is not None and not can_merge(members[a], members[b]):
            continue
        keep, gone = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        for m in members[gone]:
            owner[m] = keep
        members[keep].extend(members.pop(gone))
        for c, total in between.pop(gone).items():
            if c == keep:
                continue
            between[keep][c] = between[keep].get(c, 0.0) + total
            between[c][keep] = between[c].get(keep, 0.0) + between[c].pop(gone)
        between[keep].pop(gone, None)
    roots = sorted(members, key=lambda r: min(members[r]))
    index = {r: k for k, r in enumerate(roots)}
    return [index[owner[i]] for i in range(n)]
