"""Framing: the words each outlet uses for the same referent.

Referents come from the data first: every noun phrase that contains a mention of a linked
entity refers to that entity ("the Oralov government" / "the Oralov regime"). Noun phrases
without an entity are grouped by their head word: heads whose embeddings are close
("freighter", "ship", "vessel") form one referent, and a small lexicon joins the loaded
pairs that embeddings keep apart ("government" / "regime"). A referent is reported only
when outlets word it differently.
"""
from __future__ import annotations

from collections import Counter, defaultdict

HEAD_SIMILARITY = 0.6  # cosine between head-word embeddings for one referent
MAX_REFERENTS = 20  # per story: the most widely covered, most differently worded referents

CLASSES = {
    "the government": {"government", "regime", "authority", "authorities", "administration", "junta", "leadership", "state", "cabinet", "ministry", "kremlin"},
    "the opposition": {"opposition", "dissident", "activist", "extremist", "radical", "protester", "protestor", "rioter", "demonstrator", "marcher", "crowd", "mob", "critic", "agitator"},
    "armed forces": {"force", "troop", "military", "militant", "rebel", "insurgent", "fighter", "terrorist", "soldier", "occupier", "army", "contingent", "personnel", "mercenary"},
    "the media": {"media", "outlet", "newsroom", "journalist", "propagandist", "press", "reporter", "newspaper"},
    "the event": {"incident", "accident", "collapse", "disaster", "tragedy", "crisis", "catastrophe", "malfunction", "grounding", "raid", "search", "crackdown", "operation"},
    "the police": {"police", "officer", "security", "cordon", "perimeter", "guard"},
}
# times of day and calendar words head many noun phrases but are never framed
_TIME_HEADS = {"morning", "afternoon", "evening", "night", "day", "week", "month", "year", "hour", "minute", "weekend",
               "today", "yesterday", "tomorrow", "time", "moment", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday"}
_HEAD_CLASS = {w: c for c, ws in CLASSES.items() for w in ws}
_DET = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
_REFERENT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "LAW", "EVENT"}


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DET:
        words = words[1:]
    return " ".join(words)


def head_referents(heads: list[str]) -> dict[str, str]:
    """Head word -> referent name: the lexicon's class, else a group of heads with close
    embeddings named after its most frequent member."""
    from wordfreq import word_frequency

    from ..cluster import average_linkage
    from ..embed import word_vectors

    out = {h: _HEAD_CLASS[h] for h in heads if h in _HEAD_CLASS}
    # a head English does not know is a name the entity tagger missed, or a typo: no common referent
    rest = [h for h in dict.fromkeys(heads) if h not in out and h.isalpha() and len(h) > 2 and word_frequency(h, "en") > 0]
    if not rest:
        return out
    vecs = word_vectors(rest)
    sims = vecs @ vecs.T
    pairs = {(i, j): float(sims[i, j]) for i in range(len(rest)) for j in range(i + 1, len(rest)) if sims[i, j] >= HEAD_SIMILARITY}
    labels = average_linkage(len(rest), pairs, HEAD_SIMILARITY)
    counts = Counter(heads)
    groups: dict[int, list[str]] = defaultdict(list)
    for h, lab in zip(rest, labels):
        groups[lab].append(h)
    for members in groups.values():
        name = "the " + max(members, key=lambda h: counts[h])
        out.update({h: name for h in members})
    return out


def framing(items, entities: list[dict]) -> list[dict]:
    spans: dict[str, list[tuple[int, int, dict]]] = defaultdict(list)
    for e in entities:
        if e["type"] in _REFERENT_TYPES:
            for m in e["mentions"]:
                spans[m["article"]].append((m["start"], m["end"], e))
    terms: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    referent_of = head_referents([head for x in items for _, _, head in x.chunks if head not in _TIME_HEADS])
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
            elif head in referent_of:
                referent = referent_of[head]
            else:
                continue
            term = phrase.strip()
            if term and term not in terms[referent][outlet]:
                terms[referent][outlet].append(term)
    out = []
    for referent, per_outlet in terms.items():
        if len(per_outlet) < 2:
            continue
        score = divergence(per_outlet)
        if score == 0:
            continue  # every outlet words it the same way: no framing difference
        out.append({"referent": referent, "terms": {o: ts for o, ts in sorted(per_outlet.items())},
                    "divergence": round(score, 3)})
    out.sort(key=lambda r: (-len(r["terms"]), -r["divergence"], r["referent"]))
    return out[:MAX_REFERENTS]


def divergence(per_outlet: dict[str, list[str]]) -> float:
    """Share of the descriptive words that not every outlet uses: 0 when all word it alike."""
    words = [{w for t in ts for w in _strip_det(t).lower().split() if w.isalpha()} for ts in per_outlet.values()]
    union = set().union(*words)
    return 1 - len(set.intersection(*words)) / len(union) if union else 0.0
