"""Amount facts: the same figure for the same thing in several articles.

Sentence alignment puts each sentence in one fact, but one sentence often carries two facts
("the Antonov and the Ilyushin also carried 35 tons of equipment"). Claims from different
outlets that give a matching amount of the same thing, and do not already share a fact, form an
extra fact of their own, so agreement on a figure is never lost.
"""
from __future__ import annotations

from .claims import Claim
from .conflicts import same_thing

MIN_VALUE = 3  # "two ships", "one official": too common to tie sentences together


def _key(q) -> tuple | None:
    if q.value is None or q.value < MIN_VALUE or not (q.counted or q.unit):
        return None
    if q.unit is None and 1900 <= q.value <= 2100 and float(q.value).is_integer():
        return None  # a year, not an amount
    return (q.base_unit or q.unit or "", q.base_value if q.base_value is not None else q.value)


def _same_amount(a, ca: Claim, b, cb: Claim) -> bool:
    """A measured amount (35 tonnes) matches whatever it is said to weigh; a bare count (99)
    must count the same thing."""
    return bool(a.unit and b.unit) or same_thing(a, ca, b, cb)


def amount_groups(claims: list[Claim], groups: list[list[int]]) -> list[tuple[str, list[int]]]:
    """(the amount's words, claim indices) for each figure shared across outlets outside one fact."""
    from ..annotate.quantities import compatible

    fact_of = {i: k for k, g in enumerate(groups) for i in g}
    found: dict[tuple, list[tuple[int, object]]] = {}
    for i, c in enumerate(claims):
        for q in c.quantities:
            k = _key(q)
            if k is not None:
                found.setdefault(k, []).append((i, q))
    out = []
    for members in found.values():
        chosen: dict[str, tuple[int, object]] = {}  # one claim per article
        for i, q in members:
            chosen.setdefault(claims[i].article, (i, q))
        picked = list(chosen.values())
        if len({claims[i].outlet for i, _ in picked}) < 2 or len({fact_of[i] for i, _ in picked}) < 2:
            continue
        i0, first = picked[0]
        if all(_same_amount(first, claims[i0], q, claims[i]) and compatible(first, q) for i, q in picked[1:]):
            out.append((first.text + (f" {first.counted}" if first.counted and first.counted not in first.text else ""),
                        [i for i, _ in picked]))
    return out
