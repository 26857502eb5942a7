"""Profanity-filter damage: a filter replaced substrings such as "ass" and "anal" inside words
with "bad" (badistance, Cbad, badysts). A token is restored only when it is not a known word and
a restoration is a frequent English word or is spelled that way elsewhere in the corpus."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from wordfreq import zipf_frequency

from ..carrier import Change
from .registry import RepairContext, rule

MASK = "bad"
# the substrings seen replaced; frequencies below keep real words (badly, Abadi, Baghdad) intact
TARGETS = ("ass", "anal")
# other common filter targets, tried only in a text that shows the filter at work and only towards
# words the corpus spells elsewhere: else they turn foreign words and names into English ones
# (Bado -> Hello, badan -> titan)
MORE_TARGETS = ("tit", "cum", "hell", "sex", "shit", "piss", "cock", "dick", "damn", "crap")
KNOWN_ZIPF = 2.0  # the token itself at least this frequent: a real word or name, leave it
RESTORED_ZIPF = 3.0  # a restoration this frequent is an ordinary English word
MAX_MASKS = 3  # candidates grow as len(TARGETS) ** masks
WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def match_case(model: str, target: str) -> str:
    if model.isupper() and len(model) > 1:
        return target.upper()
    return target.capitalize() if model[0].isupper() else target


def candidates(token: str, targets: tuple[str, ...]) -> list[str]:
    """Every spelling of ``token`` with each masked substring replaced by one of ``targets``."""
    parts = re.split(f"({MASK})", token, flags=re.IGNORECASE)
    masks = parts[1::2]
    if not masks or len(masks) > MAX_MASKS:
        return []
    out = []
    for choice in product(targets, repeat=len(masks)):
        pieces = list(parts)
        for i, (mask, target) in enumerate(zip(masks, choice)):
            pieces[2 * i + 1] = match_case(mask, target)
        out.append("".join(pieces))
    return out


def restore(token: str, corpus_words: dict[str, int], targets: tuple[str, ...] = TARGETS, seen_only: bool = False) -> str | None:
    """The restored spelling of a filtered token, or None when it should stay; ``seen_only``
    accepts only spellings found elsewhere in the corpus."""
    if MASK not in token.lower() or zipf(token.lower()) >= KNOWN_ZIPF:
        return None
    scored = []
    for cand in candidates(token, targets):
        freq, seen = zipf(cand.lower()), corpus_words.get(cand.lower(), 0)
        if seen or (freq >= RESTORED_ZIPF and not seen_only):
            scored.append((freq, seen, cand))
    return max(scored)[2] if scored else None


@rule("profanity_filter", kind="profanity_filter", order=20)
def fix_profanity_filter(text: str, ctx: RepairContext) -> list[Change]:
    """Restore words a profanity filter mangled into "bad" (badistance -> assistance, Cbad -> Canal)."""
    tokens = [m for m in WORD.finditer(text) if MASK in m.group().lower()]
    fixes = {m.start(): restore(m.group(), ctx.corpus_words) for m in tokens}
    if any(fixes.values()):
        for m in tokens:
            fixes[m.start()] = fixes[m.start()] or restore(m.group(), ctx.corpus_words, MORE_TARGETS, seen_only=True)
    return [Change(m.start(), m.end(), fixes[m.start()], "profanity_filter", "profanity_filter") for m in tokens if fixes[m.start()]]
