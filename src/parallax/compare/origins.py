"""Where each claim comes from, so agreement is counted by origins rather than outlets.

Claims of one fact share an origin when
- they name the same speaker (spelling variants, surname alone, or the same generic source
  such as "the ministry" resolved to the story's entity of that name where possible);
- one outlet cites another outlet of the story ("according to the Lodestar Press agency"):
  the citing claim joins the cited outlet's origin;
- they carry the same quotation (the same words can only come from one statement).
An unattributed claim is the outlet's own reporting, its own origin: two reporters on the scene
are two independent sources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

from .claims import Claim

_GENERIC = re.compile(r"\b(the|a|an|its|his|her|their|official|officials|spokesperson|spokesman|spokeswoman|"
                      r"press service|press office|statement|'s|news|of)\b", re.I)
# a named person in the sentence who is doing the saying: "Minister Maren Østby demanded ..."
_SPEECH = re.compile(r"\b(?:said|says|wrote|writes|posted|tweeted|called(?: for)?|demanded|urged|announced|declared|"
                     r"insisted|warned|told|stated|added)\b")
SAME_SPEAKER = 90  # rapidfuzz token-set ratio: "the statistics bureau" = "the Bureau of National Statistics"
_QUOTE = re.compile(r"[\"“”„«»]([^\"“”„«»]{12,})[\"“”„«»]")
_SAME_QUOTE = 90  # rapidfuzz ratio for two quotations to be the same words


@dataclass
class OriginContext:
    """Story-wide knowledge: entity names and aliases, and which article each outlet wrote."""

    entity_names: list[tuple[str, list[str]]]  # (canonical name, aliases)
    outlet_articles: dict[str, set[str]]  # outlet name -> article ids
    speakers: dict[str, tuple[str, str] | None] = field(default_factory=dict)  # speaker -> its key; a story repeats few speakers

    @cached_property
    def outlet_keys(self) -> dict[str, str]:
        """Outlet name -> its folded form without parenthesised parts, as claims are matched to it
        (computed on first use, once the outlets are known)."""
        return {o: _fold(re.sub(r"\(.*?\)", "", o)) for o in self.outlet_articles}

    @cached_property
    def outlet_patterns(self) -> dict[str, re.Pattern | None]:
        """Outlet name -> a pattern for its folded name as a whole phrase; None when the name is
        too short to tell from ordinary words."""
        return {o: re.compile(rf"\b{re.escape(k)}\b") if len(k) >= 6 else None for o, k in self.outlet_keys.items()}


def _fold(s: str) -> str:
    from ..link.names import fold

    return fold(_GENERIC.sub(" ", s)).strip()


def speaker_key(c: Claim, ctx: OriginContext) -> tuple[str, str] | None:
    """(key, readable name) for an attributed claim (or one whose named person is doing the
    saying); None for the outlet's own reporting."""
    att = c.sentence.attribution
    if att.kind == "anonymous":
        relay = att.via or c.outlet
        return "anon:" + _fold(relay), f"anonymous source via {relay}"
    speaker = att.speaker if att.kind != "none" else None
    speaker = speaker or _speaking_person(c)
    if not speaker:
        return None
    if speaker not in ctx.speakers:
        ctx.speakers[speaker] = _resolve_speaker(speaker, ctx)
    return ctx.speakers[speaker]


def _resolve_speaker(speaker: str, ctx: OriginContext) -> tuple[str, str] | None:
    from ..link.names import same_entity

    key = _fold(speaker)
    if not key:
        return None
    for name, aliases in ctx.entity_names:
        if any(same_entity(speaker, a) for a in aliases) or (
            " " not in key and len(key) > 3 and any(key in _fold(a).split() for a in aliases)
        ):  # "the agency" -> "Nordhallen Environment Agency"
            return "entity:" + _fold(name), name
    return "speaker:" + key, speaker


def _speaking_person(c: Claim) -> str | None:
    """The person named just before a speech verb in an unattributed sentence."""
    m = _SPEECH.search(c.sentence.text)
    if not m:
        return None
    verb_at = c.sentence.start + m.start()
    people = [x for x in c.mentions if x.label == "PERSON" and x.end <= verb_at]
    return people[-1].text if people else None


def _same_key(a: str, b: str) -> bool:
    if a == b:
        return True
    ka, kb = a.split(":", 1), b.split(":", 1)
    return ka[0] == kb[0] != "anon" and fuzz.token_set_ratio(ka[1], kb[1]) >= SAME_SPEAKER


def cited_outlet(c: Claim, ctx: OriginContext) -> str | None:
    """The story outlet a claim relies on: its named source, or an outlet of the story named
    in the sentence ("tracking data published by Meridian Wire show ...")."""
    att = c.sentence.attribution
    key = _fold(att.speaker) if att.speaker and att.kind == "outlet" else ""
    text = _fold(c.sentence.text)
    for outlet, name in ctx.outlet_keys.items():
        if outlet == c.outlet:
            continue
        if key and fuzz.token_set_ratio(key, name) >= 85:
            return outlet
        pattern = ctx.outlet_patterns[outlet]
        if pattern and pattern.search(text):
            return outlet
    return None


def _quotes(c: Claim) -> list[str]:
    return [q.strip().lower() for q in _QUOTE.findall(c.sentence.text)]


def origins(claims: list[Claim], ctx: OriginContext) -> list[dict]:
    n = len(claims)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    keys = [speaker_key(c, ctx) for c in claims]
    quotes = [_quotes(c) for c in claims]
    reasons: list[tuple[int, str]] = []  # (member, why) for merges a reader could not guess from the source name
    for i in range(n):
        for j in range(i + 1, n):
            if keys[i] and keys[j] and _same_key(keys[i][0], keys[j][0]):
                union(i, j)
            elif any(fuzz.ratio(a, b) >= _SAME_QUOTE for a in quotes[i] for b in quotes[j]):
                union(i, j)
                reasons.append((i, "the same quotation"))
    # a citing claim joins the claims of the outlet it cites, so a one-outlet fact has none to join
    for i, c in enumerate(claims if len({c.outlet for c in claims}) > 1 else []):
        cited = cited_outlet(c, ctx)
        if cited:
            for j, d in enumerate(claims):
                if d.outlet == cited:
                    union(i, j)
                    reasons.append((i, f"{c.outlet} cites {cited}"))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    out = []
    for root, members in groups.items():
        named = [keys[i][1] for i in members if keys[i]]
        if named:
            source = max(dict.fromkeys(named), key=len)  # ties: the first named (a set's order varies by process)
        else:
            source = f"{claims[members[0]].outlet} (own reporting)"
        entry = {"source": source, "articles": list(dict.fromkeys(claims[i].article for i in members))}
        why = list(dict.fromkeys(w for i, w in reasons if find(i) == root))
        if why:
            entry["why"] = "; ".join(why)
        out.append(entry)
    return out
