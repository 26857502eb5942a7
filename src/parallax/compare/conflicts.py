"""Typed conflicts between the claims of one fact, one named rule per type.

A rule looks at two claims from different outlets and returns their differing values with a
one-line explanation, or None. Rules are registered by name so they can be swapped or switched
off; every conflict in the report names the rule that decided it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .claims import Claim


@dataclass
class Finding:
    value_a: str
    value_b: str
    explanation: str


PairRule = Callable[[Claim, Claim], "Finding | None"]
RULES: dict[str, PairRule] = {}


def conflict_rule(type_: str):
    def deco(fn: PairRule) -> PairRule:
        RULES[type_] = fn
        return fn

    return deco


ATTRIBUTION_AGAINST_PLAIN = {"weak"}  # sourcing that conflicts with a plain statement of fact
_WORDLIKE = re.compile(r"[a-z]{3,}")


def _norm_thing(s: str | None) -> str:
    s = (s or "").lower().strip()
    return re.sub(r"(?<=[a-z]{3})s$", "", s)


_NEXT_WORD = re.compile(r"\s+([A-Za-z][a-z-]{2,})")
_NOT_THINGS = {"of", "and", "the", "which", "who", "that", "per", "percent", "were", "was", "had", "have", "has", "are",
               "for", "from", "with", "said", "more", "less", "than", "times", "out"}


def thing(q, c: Claim) -> str:
    """What an amount counts: the annotated noun, else the word right after the number
    ("2.4 billion euros"); a number that only labels something ("Shaft No. 5, which") counts nothing."""
    t = _norm_thing(q.counted)
    if _WORDLIKE.search(t):
        return t
    m = _NEXT_WORD.match(c.sentence.text, q.end - c.sentence.start)
    word = m.group(1).lower() if m else ""
    return _norm_thing(word) if word and word not in _NOT_THINGS else ""


def same_thing(qa, ca: Claim, qb, cb: Claim) -> bool:
    """Two amounts measure the same thing when they count the same noun, or share a unit and
    count nothing else."""
    ta, tb = thing(qa, ca), thing(qb, cb)
    if ta and tb:
        return ta == tb
    return bool(qa.unit and qb.unit and qa.unit == qb.unit and not ta and not tb)


@conflict_rule("number")
def number_conflict(a: Claim, b: Claim) -> Finding | None:
    from ..annotate.quantities import compatible

    for qa in a.quantities:
        partners = [qb for qb in b.quantities if same_thing(qa, a, qb, b)]
        if partners and not any(compatible(qa, qb) for qb in partners):
            qb = partners[0]
            what = thing(qa, a) or qa.unit or "amount"
            return Finding(qa.text, qb.text, f"different amounts of the same thing ({what}): "
                           f"'{qa.text}' vs '{qb.text}', and the two cannot both be true even allowing for approximation")
    return None


def _first_day_date(c: Claim):
    """The claim's first date resolved to a day: in news style the event's own date comes first
    ("came down on Saturday night, but the company waited until Sunday to ...")."""
    return next((d for d in sorted(c.dates, key=lambda d: d.start) if d.value and d.granularity == "day"), None)


_WEEKDAY = re.compile(r"^(?:on |next |last |this )?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def _week_apart_weekday(va: str, ta: str, vb: str, tb: str) -> bool:
    """A bare weekday may mean the last or the next one: a week's difference is ambiguity,
    not a contradiction."""
    from datetime import date

    apart = abs((date.fromisoformat(va) - date.fromisoformat(vb)).days)
    return apart == 7 and bool(_WEEKDAY.match(ta.strip()) or _WEEKDAY.match(tb.strip()))


@conflict_rule("date")
def date_conflict(a: Claim, b: Claim) -> Finding | None:
    da, db = _first_day_date(a), _first_day_date(b)
    if da is None or db is None or da.value == db.value:
        return None
    if _week_apart_weekday(da.value, da.text, db.value, db.text):
        return None
    return Finding(f"{da.text} ({da.value})", f"{db.text} ({db.value})",
                   f"the same event is dated {da.value} ('{da.text}') in one article and {db.value} ('{db.text}') in the other, "
                   "after resolving relative dates against each article's publication date")


@conflict_rule("denial")
def denial_conflict(a: Claim, b: Claim) -> Finding | None:
    pa, pb = a.sentence.polarity, b.sentence.polarity
    if pa != pb:
        denier = a.sentence.denied_by if pa == "denied" else b.sentence.denied_by
        va = "denied" + (f" by {a.sentence.denied_by}" if a.sentence.denied_by else "") if pa == "denied" else "asserted"
        vb = "denied" + (f" by {b.sentence.denied_by}" if b.sentence.denied_by else "") if pb == "denied" else "asserted"
        return Finding(va, vb, f"one article asserts what the other reports as denied{' by ' + denier if denier else ''}")
    return None


def _sourcing(c: Claim) -> tuple[str, str]:
    """('plain' | 'weak' | 'named', description) for how a claim is vouched for."""
    att, hedge = c.sentence.attribution, c.sentence.hedge
    if att.kind == "anonymous":
        return "weak", f"attributed to an anonymous source ({att.speaker or 'unnamed'})"
    if hedge:
        return "weak", f"hedged ('{hedge}')" + (f", {att.speaker}" if att.speaker else "")
    if att.kind == "social" and not _named(att):
        return "weak", f"attributed to unnamed social-media posts ({att.speaker or 'unnamed'})"
    if att.kind == "none" and att.speaker:
        return "weak", f"attributed to {att.speaker}"
    if att.kind in ("none", "document") or not att.speaker:
        return "plain", "stated as fact" if att.kind == "none" else f"from a document ({att.speaker})"
    return "named", f"attributed to {att.speaker} ({att.kind})"


def _named(att) -> bool:
    """A speaker given by a capitalised name ("Mayorca", "Javier Mayorca"), not a description."""
    words = (att.speaker or "").split()
    return bool(words) and all(w[:1].isupper() for w in words)


@conflict_rule("attribution")
def attribution_conflict(a: Claim, b: Claim) -> Finding | None:
    """One outlet states as fact (or from a document) what another only attributes to an
    anonymous source, social media, an unofficial speaker, or hedges."""
    (ka, da), (kb, db) = _sourcing(a), _sourcing(b)
    if "plain" in (ka, kb) and {ka, kb} & ATTRIBUTION_AGAINST_PLAIN:
        weak = da if ka == "weak" else db
        return Finding(da, db, f"one outlet states it as fact, the other has it only {weak.split(' (')[0]}")
    return None


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|into|off|from|towards?)\s+(?:the\s+)?$", re.I)


_PLACE_PHRASE = re.compile(
    r"\b(?:in|at|near|outside|inside|off|on)\s+(?:the\s+|a\s+)?((?:[A-Z][\w'’-]*|No\.|\d+)(?:\s+(?:of\s+)?(?:[A-Z][\w'’-]*|No\.|\d+))*)")
_ON_PLACES = re.compile(r"(?:Street|Square|Avenue|Road|Quay|Mole|Island|River|Bank|Coast|Border|Boulevard|Lane|Embankment|Bridge)$")
_NOT_PLACES = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|"
                         r"September|October|November|December|\d+)\b")


def located(c: Claim) -> dict[str, str]:
    """Places the claim puts something in: place names and proper-noun phrases after a locative
    preposition ("at the Presidential Palace", "on Harbour Square"; not "on Monday")."""
    text = c.sentence.text
    out = {}
    for m in c.mentions:
        if m.label in ("GPE", "LOC", "FAC") and _LOCATIVE.search(text[max(0, m.start - c.sentence.start - 16) : m.start - c.sentence.start]):
            out[m.text] = m.text
    for m in _PLACE_PHRASE.finditer(text):
        phrase = m.group(1)
        if _NOT_PLACES.match(phrase) or (m.group(0).lower().startswith("on") and not _ON_PLACES.search(phrase)):
            continue
        if not any(phrase in p or p in phrase for p in out):
            out[phrase] = phrase
    return out


@conflict_rule("place")
def place_conflict(a: Claim, b: Claim) -> Finding | None:
    """The same actors or event put in places that share no name (spelling variants aside)."""
    from ..link.names import same_entity

    pa, pb = located(a), located(b)
    if not pa or not pb:
        return None
    if any(same_entity(x, y, person=False) or x.lower() in y.lower() or y.lower() in x.lower() for x in pa for y in pb):
        return None
    if any(same_entity(x, m.text, person=False) for x in pa for m in b.mentions) or any(
            same_entity(y, m.text, person=False) for y in pb for m in a.mentions):
        return None  # the other claim names the place too, only not as the location
    va, vb = ", ".join(sorted(pa)), ", ".join(sorted(pb))
    return Finding(va, vb, f"one article places it in '{va}', the other in '{vb}'")


_STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "with", "its", "their", "his", "her", "be", "take", "part",
         "that", "this", "it", "they", "would", "could", "was", "is", "were", "from", "by", "at", "as", "so", "not"}


def purpose_of(c: Claim) -> str | None:
    """The stated reason for an action, as annotation found it (``annotate/purposes.py``)."""
    return c.sentence.purpose


def _content(text: str) -> set[str]:
    return {w.lower()[:6] for w in re.findall(r"[a-z]+", text, re.I)} - _STOP


@conflict_rule("purpose")
def purpose_conflict(a: Claim, b: Claim) -> Finding | None:
    """Both claims state why something was done, and the reasons share no content word."""
    pa, pb = purpose_of(a), purpose_of(b)
    if not pa or not pb:
        return None
    wa, wb = _content(pa), _content(pb)
    if wa and wb and not (wa & wb):
        return Finding(pa, pb, f"the stated purpose differs: '{pa}' vs '{pb}'")
    return None


def find_conflicts(claims: list[Claim], enabled: set[str] | None = None) -> list[dict]:
    """Conflicts among the claims of one fact, one per type, with each article's value."""
    found: dict[str, dict] = {}
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a.outlet == b.outlet:
                continue
            for type_, rule in RULES.items():
                if enabled is not None and type_ not in enabled:
                    continue
                f = rule(a, b)
                if f is None:
                    continue
                c = found.setdefault(type_, {"type": type_, "values": {}, "explanation": f.explanation, "rule": f"conflict.{type_}"})
                c["values"].setdefault(a.article, f.value_a)
                c["values"].setdefault(b.article, f.value_b)
    return list(found.values())
