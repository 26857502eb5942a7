"""Stated purposes across outlets: "arrived to take part in consultations" against "was tasked
with repairing the missiles".

Two outlets that give different reasons for one action rarely word the rest of the sentence
alike, so ordinary alignment seldom puts such claims in one fact. Here every claim that states a
purpose is matched with the closest purpose-stating claim of each other outlet; a mutual best
match above ``PAIR_BAR`` whose purposes share no content word becomes a fact of its own with a
``purpose`` conflict (the claims stay in their aligned facts too).
"""
from __future__ import annotations

import numpy as np

from .claims import Claim
from .conflicts import purpose_conflict, purpose_of

PAIR_BAR = 0.3  # meaning similarity two purpose claims need to count as one action's reasons


def purpose_pairs(claims: list[Claim], groups: list[list[int]], sim: np.ndarray) -> list[list[int]]:
    """Index pairs of claims from different outlets that give conflicting purposes for what is
    probably one action, and that alignment did not already put in one fact."""
    fact_of = {i: k for k, g in enumerate(groups) for i in g}
    stating = [i for i, c in enumerate(claims) if purpose_of(c)]
    best: dict[tuple[int, str], int] = {}  # (claim, other outlet) -> closest purpose claim there
    for i in stating:
        for j in stating:
            o = claims[j].outlet
            if o != claims[i].outlet and ((i, o) not in best or sim[i, j] > sim[i, best[(i, o)]]):
                best[(i, o)] = j
    pairs = []
    for (i, o), j in sorted(best.items()):
        mutual = best.get((j, claims[i].outlet)) == i
        if i < j and mutual and sim[i, j] >= PAIR_BAR and fact_of.get(i) != fact_of.get(j) \
                and purpose_conflict(claims[i], claims[j]):
            pairs.append([i, j])
    return pairs
