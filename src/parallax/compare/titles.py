"""Title and rank conflicts: what each outlet calls the same person.

A person's title is a property of the story rather than of one sentence, so titles are
collected per linked person across every article; when two outlets give titles that cannot
both hold, the sentences that carry them become a fact of their own ("X's title") with a
``title`` conflict.
"""
from __future__ import annotations

import re

from .claims import Claim, sentence_at

# words that change the rank ("Governor" is not "Deputy Governor"); others such as "acting"
# or "interim" describe the tenure, not the post
RANK_MODIFIERS = {"deputy", "vice", "first", "second", "assistant", "lieutenant", "major", "rear", "brigadier",
                  "senior", "junior", "associate", "under", "sub"}
IGNORED = {"the", "of", "a", "an", "and", "for", "acting", "interim", "then", "current", "incumbent", "s", "city", "its", "his", "her"}
HEAD_SYNONYMS = {"chief": "head", "director": "head", "leader": "head", "boss": "head", "chairman": "chair",
                 "chairwoman": "chair", "chairperson": "chair", "administration": "authority", "spokesman": "spokesperson",
                 "spokeswoman": "spokesperson"}


def title_key(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """(rank modifiers, core words); 'chief'/'director' count as 'head' when they head the title."""
    words = [w for w in re.findall(r"[a-z]+", title.lower())]
    core, mods = set(), set()
    for k, w in enumerate(words):
        if w in IGNORED:
            continue
        if w in RANK_MODIFIERS:
            mods.add(w)
            continue
        is_head = k == len(words) - 1 or (k + 1 < len(words) and words[k + 1] == "of")
        core.add(HEAD_SYNONYMS.get(w, w) if (is_head or w not in ("chief", "director", "leader")) else w)
    return frozenset(mods), frozenset(core)


def compatible(a: str, b: str) -> bool:
    (ma, ca), (mb, cb) = title_key(a), title_key(b)
    if ma != mb:
        return False
    if not ca or not cb:
        return True
    return ca <= cb or cb <= ca or len(ca & cb) / len(ca | cb) >= 0.5


def _person_of(name: str, people: list[dict]) -> dict | None:
    from ..link.names import same_entity

    return next((e for e in people if any(same_entity(name, a) for a in e["aliases"])), None)


def title_facts(items, entities: list[dict], make_claim) -> list[dict]:
    """Facts for persons whose titles differ between outlets. ``make_claim(item, sentence_index)``
    builds a Claim for a sentence of an article."""
    people = [e for e in entities if e["type"] == "PERSON"]
    titles: dict[str, dict[str, list[tuple[str, int, object]]]] = {}  # entity id -> article -> [(title, sentence, item)]
    for x in items:
        for t in x.ann.titles:
            if "former" in t.title.lower():
                continue  # a past post is not a claim about the present one
            e = _person_of(t.person, people)
            if e is not None:
                titles.setdefault(e["id"], {}).setdefault(x.article.id, []).append((t.title, sentence_at(x.ann, t.start), x))
    facts = []
    for eid, per_article in titles.items():
        arts = list(per_article)
        clash = None
        for i, a in enumerate(arts):
            for b in arts[i + 1 :]:
                xa, xb = per_article[a][0][2], per_article[b][0][2]
                if xa.article.outlet == xb.article.outlet:
                    continue
                if not any(compatible(ta, tb) for ta, _, _ in per_article[a] for tb, _, _ in per_article[b]):
                    clash = clash or (a, b)
        if clash is None:
            continue
        name = next(e["name"] for e in people if e["id"] == eid)
        claims: list[Claim] = [make_claim(v[0][2], v[0][1]) for v in per_article.values()]
        values = {art: v[0][0] for art, v in per_article.items()}
        a, b = clash
        facts.append({
            "summary": f"{name}'s title or rank",
            "claims": claims,
            "conflict": {
                "type": "title",
                "values": values,
                "explanation": f"{name} is '{values[a]}' in one article and '{values[b]}' in another; the two titles "
                               "differ in rank or post (spelling and word order are ignored)",
                "rule": "conflict.title",
            },
        })
    return facts
