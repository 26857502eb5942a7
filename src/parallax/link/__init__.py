"""Cross-article entity linking for one story: every spelling of one person, place, organisation or
object becomes one contract entity ``{"id", "name", "type", "aliases", "mentions"}``.

Distinct alias strings are compared, not mentions, and only within blocks that share a surname key
or a designation number, so huge stories do not compare all pairs. Full names cluster first; a
surname alone then joins the biggest cluster it fits, so "Trump" never glues Donald Trump and
Donald Trump Jr. together.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.fuzz import ratio
from wordfreq import zipf_frequency

from ..model import Mention
from .names import block_keys, fold, parts, same_entity

__all__ = ["link_entities", "same_entity"]

CENTRALITY_SAMPLE = 50  # spellings compared when choosing an entity's name

# Labels that may name the same thing; spaCy often tags one object ORG in one sentence and PRODUCT in the next.
_GROUPS = {"PERSON": "person", "NORP": "group"}


def link_entities(items: list[tuple[str, str, list[Mention]]]) -> list[dict]:
    """``items``: (article_id, article_text, mentions) for the articles of one story."""
    aliases = _collect(items)
    clusters = _cluster(aliases)
    entities = [_entity(members, aliases) for members in clusters]
    entities.sort(key=lambda e: _first_position(e, items))
    for i, entity in enumerate(entities, 1):
        entity["id"] = f"e{i}"
    return [{k: e[k] for k in ("id", "name", "type", "aliases", "mentions")} for e in entities]


def _collect(items) -> dict[str, dict]:
    """alias text -> {labels: Counter, mentions: [...]}; mentions that do not match their text are dropped."""
    aliases: dict[str, dict] = {}
    for article_id, text, mentions in items:
        for m in mentions:
            if text[m.start:m.end] != m.text or not fold(m.text):
                continue
            entry = aliases.setdefault(m.text, {"labels": Counter(), "mentions": []})
            entry["labels"][m.label] += 1
            entry["mentions"].append({"article": article_id, "start": m.start, "end": m.end})
    for entry in aliases.values():
        entry["group"] = _GROUPS.get(entry["labels"].most_common(1)[0][0], "thing")
    return aliases


def _cluster(aliases: dict[str, dict]) -> list[list[str]]:
    order = sorted(aliases, key=lambda a: (-_length(a), -len(aliases[a]["mentions"]), a))
    parent: dict[str, str] = {}
    size: dict[str, int] = {}
    blocks: dict[str, list[str]] = defaultdict(list)
    for alias in order:
        matches = {_root(parent, other) for key in block_keys(alias) for other in blocks[key]
                   if _may_match(alias, other, aliases)}
        if matches and _length(alias) <= 1:
            matches = {max(matches, key=lambda r: (size[r], r))}  # a surname alone joins one cluster only
        parent[alias], size[alias] = alias, len(aliases[alias]["mentions"])
        for root in matches:
            parent[root] = alias
            size[alias] += size[root]
        for key in block_keys(alias):
            blocks[key].append(alias)
    clusters: dict[str, list[str]] = defaultdict(list)
    for alias in order:
        clusters[_root(parent, alias)].append(alias)
    return list(clusters.values())


def _length(alias: str) -> int:
    words, _, codes = parts(alias)
    return len(words) + len(codes)


def _may_match(a: str, b: str, aliases) -> bool:
    group_a, group_b = aliases[a]["group"], aliases[b]["group"]
    if group_a != group_b:
        # a lone surname tagged ORG next to a full PERSON name: spaCy's label is unreliable on one word
        lone, full = sorted((a, b), key=lambda x: len(parts(x)[0]))
        if len(parts(lone)[0]) != 1 or aliases[full]["group"] != "person" or "group" in (group_a, group_b):
            return False
        return same_entity(a, b, person=True)
    return same_entity(a, b, person=group_a == "person")


def _root(parent: dict[str, str], alias: str) -> str:
    while parent[alias] != alias:
        parent[alias] = parent[parent[alias]]
        alias = parent[alias]
    return alias


def _entity(members: list[str], aliases: dict[str, dict]) -> dict:
    labels = sum((aliases[a]["labels"] for a in members), Counter())
    name = max(members, key=lambda a: (_length(a), len(aliases[a]["mentions"]), _familiarity(a),
                                       _centrality(a, members), any(ord(c) > 127 for c in a)))
    mentions = sorted((m for a in members for m in aliases[a]["mentions"]), key=lambda m: (m["article"], m["start"]))
    return {"name": name, "type": labels.most_common(1)[0][0], "aliases": sorted(members), "mentions": mentions}


def _familiarity(alias: str) -> float:
    """Between equally frequent spellings, the commoner word is rarely the typo (Antonov, not Antomov)."""
    return sum(zipf_frequency(w, "en") for w in parts(alias)[0])


def _centrality(alias: str, members: list[str]) -> float:
    """The spelling closest to all the others (Dosmukhamedov among Dosmukhammedov and Dosmuchamedow)."""
    return sum(ratio(fold(alias), fold(other)) for other in members[:CENTRALITY_SAMPLE])


def _first_position(entity: dict, items) -> tuple[int, int]:
    order = {article_id: i for i, (article_id, _, _) in enumerate(items)}
    return min((order[m["article"]], m["start"]) for m in entity["mentions"])
