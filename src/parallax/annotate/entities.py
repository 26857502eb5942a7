"""Named-entity mentions: spaCy's entities, trimmed of articles, possessives and stray punctuation."""
from __future__ import annotations

import re

from ..model import Mention
from .doctext import text_of
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
    out = [Mention(s, e, text_of(doc)[s:e], "PRODUCT") for s, e in designations]
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS or any(s < ent.end_char and ent.start_char < e for s, e in designations):
            continue
        label, start_char = _without_title(ent)
        span = _clean(text_of(doc)[start_char:ent.end_char], start_char)
        if span:
            out.append(Mention(span[0], span[1], text_of(doc)[span[0]:span[1]], label))
    return sorted(out, key=lambda m: m.start)


def _designations(doc) -> list[tuple[int, int]]:
    out = []
    for match in _DESIGNATION.finditer(text_of(doc)):
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


def entity_at(tok):
    """The entity holding ``tok``, found from its IOB tags (``doc.ents`` rebuilds a list on every access)."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


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
