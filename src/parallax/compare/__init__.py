"""Compare one story: candidate claims -> aligned facts -> conflicts, single-source facts, origins."""
from __future__ import annotations

import numpy as np

from .amounts import amount_groups
from .align import align, join_contested, similarity
from .claims import Claim, build_claims
from .conflicts import find_conflicts
from .origins import OriginContext, origins
from .purposes import purpose_pairs
from .titles import title_facts


def _entity_index(entities: list[dict]) -> dict:
    return {(m["article"], m["start"], m["end"]): (e["id"], e["type"]) for e in entities for m in e["mentions"]}


def story_claims(items, entity_of: dict) -> tuple[list[Claim], np.ndarray]:
    claims, vecs = [], []
    for x in items:
        idx = sorted(x.claim_vectors)
        for c in build_claims(x.article.id, x.article.outlet, x.ann, idx, entity_of):
            claims.append(c)
            vecs.append(x.claim_vectors[c.index])
    return claims, (np.stack(vecs).astype(np.float32) if vecs else np.zeros((0, 1), dtype=np.float32))


def claim_dict(c: Claim) -> dict:
    s = c.sentence
    att = s.attribution
    d = {
        "article": c.article,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "attribution": {"speaker": att.speaker, "kind": att.kind},
        "hedge": s.hedge,
        "polarity": s.polarity,
    }
    if att.verb:
        d["attribution"]["verb"] = att.verb
    if att.via:
        d["attribution"]["via"] = att.via
    if s.denied_by:
        d["denied_by"] = s.denied_by
    if s.purpose:
        d["purpose"] = {"text": s.purpose, "start": s.purpose_start, "end": s.purpose_end}
    return d


def fact_summary(group: list[Claim]) -> str:
    """The shortest claim sentence stands for the fact."""
    return min((c.sentence.text for c in group), key=len)


def scores_of(group: list[int], scores: dict) -> list[float]:
    return [scores[(i, j)] for i in group for j in group if i < j and (i, j) in scores]


def fact_dict(summary: str, members: list[Claim], conflicts: list[dict], octx: OriginContext,
              pair_scores: list[float], rule: str = "embedding+rare-word similarity, best-match average linkage") -> dict:
    outlets = {c.outlet for c in members}
    if len(outlets) < 2:
        conflicts = []
    orig = origins(members, octx)
    status = "conflict" if conflicts else ("single-source" if len(outlets) == 1 else "agreed")
    return {
        "id": "",
        "summary": summary,
        "status": status,
        "claims": [claim_dict(c) for c in members],
        "conflicts": conflicts,
        "origins": orig,
        "independent_sources": len(orig),
        "alignment": {"rule": rule, "min_pair_score": round(min(pair_scores), 3) if pair_scores else None},
    }


def compare_story(items, entities: list[dict]) -> list[dict]:
    entity_of = _entity_index(entities)
    claims, vecs = story_claims(items, entity_of)
    sim = similarity(claims, vecs) if claims else np.zeros((0, 0))
    groups, scores = align(claims, sim)
    groups = join_contested(groups, claims, sim)
    octx = OriginContext(
        entity_names=[(e["name"], e["aliases"]) for e in entities if e["type"] in ("PERSON", "ORG", "NORP", "GPE")],
        outlet_articles={},
    )
    for x in items:
        octx.outlet_articles.setdefault(x.article.outlet, set()).add(x.article.id)
    facts = [fact_dict(fact_summary(members), members, find_conflicts(members), octx, scores_of(g, scores))
             for g in groups for members in [[claims[i] for i in g]]]

    def make_claim(x, k: int) -> Claim:
        return build_claims(x.article.id, x.article.outlet, x.ann, [k], entity_of)[0]

    for words, members in amount_groups(claims, groups):
        picked = [claims[i] for i in members]
        facts.append(fact_dict(f"The same figure: {words}", picked, find_conflicts(picked), octx, [], rule="shared amount"))
    for pair in purpose_pairs(claims, groups, sim):
        picked = [claims[i] for i in pair]
        # paired for their purposes: other differences between the two sentences are not this fact's
        facts.append(fact_dict(fact_summary(picked), picked, find_conflicts(picked, {"purpose"}), octx,
                               [float(sim[pair[0], pair[1]])], rule="closest claims that both state a purpose"))
    for tf in title_facts(items, entities, make_claim):
        facts.append(fact_dict(tf["summary"], tf["claims"], [tf["conflict"]], octx, [], rule="title table"))
    # shared facts first, then by how many outlets carry them
    facts.sort(key=lambda f: (f["status"] == "single-source", -len({c["article"] for c in f["claims"]})))
    for k, f in enumerate(facts):
        f["id"] = f"f{k + 1}"
    return facts
