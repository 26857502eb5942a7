"""Foreign-language insertions left by a translation ("[hacia Cuba]"): found and marked for the
annotate stage, never deleted, since they may carry meaning."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

BRACKETED = re.compile(r"[\[(]([^\[\]()\n]{1,80})[\])]")
WORD = re.compile(r"[^\W\d_]+")
OTHER_LANGUAGES = ("es", "fr", "de", "it", "pt", "nl")
ENGLISH_RARE = 3.0  # a word rarer than this in English ...
FOREIGN_MARGIN = 1.5  # ... and this much more frequent in another language reads as foreign


@dataclass(frozen=True)
class ForeignSpan:
    start: int
    end: int
    language: str  # the likeliest language code


@lru_cache(maxsize=65536)
def best_other(word: str) -> tuple[float, str]:
    return max((zipf_frequency(word, lang), lang) for lang in OTHER_LANGUAGES)


def foreign_language(words: list[str]) -> str | None:
    """The language of a short run of words when most of its lower-case words are not English."""
    votes: dict[str, int] = {}
    common = [w for w in words if w.islower()]
    for w in common:
        freq, lang = best_other(w)
        if zipf_frequency(w, "en") < ENGLISH_RARE and freq >= zipf_frequency(w, "en") + FOREIGN_MARGIN:
            votes[lang] = votes.get(lang, 0) + 1
    if not common or 2 * sum(votes.values()) < len(common):
        return None
    return max(votes, key=votes.get)


def find_foreign_spans(text: str) -> list[ForeignSpan]:
    """Bracketed or parenthesised runs of foreign words, brackets included."""
    out = []
    for m in BRACKETED.finditer(text):
        lang = foreign_language(WORD.findall(m.group(1)))
        if lang:
            out.append(ForeignSpan(m.start(), m.end(), lang))
    return out
