"""Framing: the words each outlet uses for the same referent.

Referents come from the data first: every noun phrase that contains a mention of a linked
entity refers to that entity ("the Oralov government" / "the Oralov regime"). Noun phrases
without an entity are grouped by their head word into referent classes; the small lexicon
below only names those classes, and a class is reported only when outlets word it differently.
"""
from __future__ import annotations

from collections import defaultdict

CLASSES = {
    "the government": {"government", "regime", "authority", "authorities", "administration", "junta", "leadership", "state", "cabinet", "ministry", "kremlin"},
    "the opposition": {"opposition", "dissident", "activist", "extremist", "radical", "protester", "protestor", "rioter", "demonstrator", "marcher", "crowd", "mob", "critic", "agitator"},
    "armed forces": {"force", "troop", "military", "militant", "rebel", "insurgent", "fighter", "terrorist", "soldier", "occupier", "army", "contingent", "personnel", "mercenary"},
    "the media": {"media", "outlet", "newsroom", "journalist", "propagandist", "press", "reporter", "newspaper"},
    "the event": {"incident", "accident", "collapse", "disaster", "tragedy", "crisis", "catastrophe", "malfunction", "grounding", "raid", "search", "crackdown", "operation"},
    "the police": {"police", "officer", "security", "cordon", "perimeter", "guard"},
}
_HEAD_CLASS = {w: c for c, ws in CLASSES.items() for w in ws}
_DET = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
_REFERENT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "LAW", "EVENT"}


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DET:
        words = words[1:]
    return " ".join(words)


def framing(items, entities: list[dict]) -> list[dict]:
    spans: dict[str, list[tuple[int, int, dict]]] = defaultdict(list)
    for e in entities:
        if e["type"] in _REFERENT_TYPES:
            for m in e["mentions"]:
                spans[m["article"]].append((m["start"], m["end"], e))
    terms: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for x in items:
        outlet = x.article.outlet
        text = x.article.text
        for start, end, head in x.chunks:
            phrase = text[start:end]
            inner = [(s, t, e) for s, t, e in spans.get(x.article.id, []) if s >= start and t <= end]
            if inner:
                s, t, e = inner[0]
                if _strip_det(phrase) == text[s:t]:
                    continue  # the bare name carries no framing
                referent = e["name"]
            elif head in _HEAD_CLASS:
                referent = _HEAD_CLASS[head]
            else:
                continue
            term = phrase.strip()
            if term and term not in terms[referent][outlet]:
                terms[referent][outlet].append(term)
    out = []
    for referent, per_outlet in terms.items():
        if len(per_outlet) < 2:
            continue
        wordings = {frozenset(_strip_det(t).lower() for t in ts) for ts in per_outlet.values()}
        if len(wordings) < 2:
            continue  # every outlet words it the same way: no framing difference
        out.append({"referent": referent, "terms": {o: ts for o, ts in sorted(per_outlet.items())}})
    out.sort(key=lambda r: -len(r["terms"]))
    return out
