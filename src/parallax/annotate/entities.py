"""Named-entity mentions: spaCy's entities, trimmed of articles, possessives and stray punctuation."""
from __future__ import annotations

import re

from ..model import Mention
from .titles import MODIFIERS, TITLE_HEADS

_MONTHS_AND_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday"}
NAMED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_LEADING = re.compile(r"^(?:the|a|an)\s+|^[\W_]+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s|['’])$|[^\w.)]+$|(?<=\w\w\w)\.$")


# Model designations the small model misses or splits: "Il-62", "IL-62M", "S-300", "Ilyushin Il-62",
# "Antonov 124" (a maker's name and a number not followed by another name).
_CODE = r"[A-Z][A-Za-z]{0,3}-\d+[A-Za-z0-9-]*"
_DESIGNATION = re.compile(rf"\b(?:[A-Z][a-z]+\s+)?{_CODE}\b|\b[A-Z][a-z]{{3,}}\s+\d{{2,4}}\b(?![ \t]+[A-Z])")
_NOT_MAKERS = {"The", "A", "An", "On", "In", "At", "By", "Since", "Until", "From", "And", "But", "Of"}


def mentions(doc) -> list[Mention]:
    designations = _designations(doc)
    out = [Mention(s, e, doc.text[s:e], "PRODUCT") for s, e in designations]
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS or any(s < ent.end_char and ent.start_char < e for s, e in designations):
            continue
        label, start_char = _without_title(ent)
        span = _clean(doc.text[start_char:ent.end_char], start_char)
        if span:
            out.append(Mention(span[0], span[1], doc.text[span[0]:span[1]], label))
    return sorted(out, key=lambda m: m.start)


def _designations(doc) -> list[tuple[int, int]]:
    out = []
    for match in _DESIGNATION.finditer(doc.text):
        start, end = match.span()
        first = match.group().split()[0]
        if first in _NOT_MAKERS or first.lower() in _MONTHS_AND_DAYS or _is_nationality(doc, start):
            start += len(first) + 1 if " " in match.group() else 0
        if start < end and not _inside_date(doc, start, end):
            out.append((start, end))
    return out


def _is_nationality(doc, start: int) -> bool:
    """"Russian S-300": the adjective is no maker's name."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and span[0].ent_type_ in ("NORP", "GPE")


def _inside_date(doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or any(t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY") for t in span)


def _without_title(ent) -> tuple[str, int]:
    """"Rear Admiral Marianny Mata" tagged ORG is a person after her rank: (label, name start)."""
    k = 0
    while k < len(ent) - 2 and ent[k].lower_ in TITLE_HEADS | MODIFIERS and ent[k].is_title:
        k += 1
    if k and all(t.is_title for t in ent[k:]):
        return "PERSON", ent[k].idx
    return ent.label_, ent.start_char


def _clean(text: str, start: int) -> tuple[int, int] | None:
    """Strip what is not part of the name; a name broken over lines is dropped (scrape damage)."""
    end = start + len(text)
    while True:
        lead = _LEADING.search(text)
        trail = _TRAILING.search(text)
        cut_lead = lead.end() if lead else 0
        cut_trail = len(text) - trail.start() if trail else 0
        if not cut_lead and not cut_trail:
            break
        start, end = start + cut_lead, end - cut_trail
        text = text[cut_lead:len(text) - cut_trail]
    if not text or "\n" in text or not any(c.isalpha() for c in text):
        return None
    return start, end
