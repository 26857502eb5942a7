"""Where each claim comes from, so agreement is counted by origins rather than outlets.

An attributed claim traces to its speaker (the same tweet's author, the same agency, the
same office); a relayed one ("Sputnik cited an anonymous source") to the relay chain; an
unattributed claim is the outlet's own reporting, which is its own origin.
"""
from __future__ import annotations

import re

from .claims import Claim

_NOISE = re.compile(r"\b(the|agency|news|press service|press office|spokesperson for|spokesman for|'s|account|post|statement)\b", re.I)


def origin_key(c: Claim) -> tuple[str, str]:
    """(matching key, readable source) for one claim."""
    att = c.sentence.attribution
    if att.speaker and att.kind != "anonymous":
        return _fold(att.speaker), att.speaker + (f" ({att.kind})" if att.kind != "none" else "")
    if att.kind == "anonymous":
        relay = att.via or c.outlet
        return _fold(relay) + "/anon", f"anonymous source via {relay}"
    return _fold(c.outlet), f"{c.outlet} (own reporting)"


def _fold(s: str) -> str:
    from ..link import fold_key

    return fold_key(_NOISE.sub(" ", s))


def origins(claims: list[Claim]) -> list[dict]:
    """Group the fact's claims by origin; an outlet citing another outlet joins that outlet's origin."""
    from ..link import same_entity

    groups: list[dict] = []
    for c in claims:
        key, label = origin_key(c)
        for g in groups:
            if g["_key"] == key or same_entity(g["_key"], key):
                if c.article not in g["articles"]:
                    g["articles"].append(c.article)
                break
        else:
            groups.append({"_key": key, "source": label, "articles": [c.article]})
    return [{"source": g["source"], "articles": g["articles"]} for g in groups]
