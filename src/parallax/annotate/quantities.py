"""Quantities: value, unit and what is counted, with exact/approximate bounds and a base-unit value,
so that equal amounts worded differently ("three days" / "72 hours", "over a fifth" / "more than
20 percent", "64 000" / "sixty-four thousand") compare equal through ``compatible``.
"""
from __future__ import annotations

import math
import re

from ..model import Quantity
from .doctext import text_of

SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
SMALL.update({"a": 1, "an": 1})
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# written against the number: "€2.4bn", "$40m". "m" and "k" are scales only after a currency sign:
# "a 40m drop" is metres
ABBREVIATED_SCALES = {"bn": 1_000_000_000, "tn": 1_000_000_000_000, "mn": 1_000_000, "m": 1_000_000, "k": 1_000}
_ABBREVIATED = {True: re.compile(r"(bn|tn|mn|m|k)\b", re.I), False: re.compile(r"(bn|tn)\b", re.I)}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "sixth": 1 / 6, "tenth": 0.1}
# Vague amounts: (low, high) bounds.
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
         "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
         "millions": (2_000_000, 9_999_999), "several": (3, 9), "a few": (2, 5), "a handful": (2, 6)}
# unit words ("|"-separated) -> (normalised unit, base unit, factor to base)
UNITS = {}
for _names, _unit, _base, _factor in [
    ("tonne|tonnes|ton|tons|t", "tonne", "kilogram", 1000.0),
    ("kilogram|kilograms|kilo|kilos|kg", "kilogram", "kilogram", 1.0),
    ("metre|metres|meter|meters|m", "metre", "metre", 1.0),
    ("kilometre|kilometres|kilometer|kilometers|km", "kilometre", "metre", 1000.0),
    ("mile|miles", "mile", "metre", 1609.344),
    ("foot|feet|ft", "foot", "metre", 0.3048),
    ("nautical mile|nautical miles", "nautical mile", "metre", 1852.0),
    ("minute|minutes|min", "minute", "hour", 1 / 60),
    ("hour|hours|hrs|h", "hour", "hour", 1.0),
    ("day|days", "day", "hour", 24.0),
    ("week|weeks", "week", "hour", 168.0),
    ("month|months", "month", "hour", 730.5),
    ("year|years", "year", "hour", 8766.0),
    ("percent|per cent|%|pct", "percent", "percent", 1.0),
    ("percentage point|percentage points", "percentage point", "percentage point", 1.0),
    ("litre|litres|liter|liters|l", "litre", "litre", 1.0),
    ("barrel|barrels", "barrel", "litre", 158.987),
    ("dollar|dollars|usd|$", "USD", "USD", 1.0),
    ("euro|euros|eur|€", "EUR", "EUR", 1.0),
    ("pound|pounds|gbp|£", "GBP", "GBP", 1.0),
    ("knot|knots", "knot", "knot", 1.0),
]:
    for _name in _names.split("|"):
        UNITS[_name] = (_unit, _base, _factor)

# approximation words -> (label, low factor, high factor); None = unbounded on that side
APPROX = [
    ("more than", "more than", 1.0, None), ("over", "more than", 1.0, None), ("above", "more than", 1.0, None),
    ("at least", "at least", 1.0, None), ("upwards of", "more than", 1.0, None), ("in excess of", "more than", 1.0, None),
    ("just over", "just over", 1.0, 1.1), ("just under", "nearly", 0.9, 1.0),
    ("less than", "less than", None, 1.0), ("fewer than", "less than", None, 1.0), ("under", "less than", None, 1.0),
    ("below", "less than", None, 1.0), ("up to", "up to", None, 1.0), ("at most", "up to", None, 1.0),
    ("nearly", "nearly", 0.9, 1.0), ("almost", "nearly", 0.9, 1.0), ("close to", "nearly", 0.9, 1.0),
    ("about", "about", 0.9, 1.1), ("around", "about", 0.9, 1.1), ("some", "about", 0.9, 1.1),
    ("roughly", "about", 0.9, 1.1), ("approximately", "about", 0.9, 1.1), ("an estimated", "about", 0.9, 1.1),
    ("estimated", "about", 0.9, 1.1), ("circa", "about", 0.9, 1.1), ("an approximate", "about", 0.9, 1.1),
]
_APPROX_RE = re.compile(r"^(?:" + "|".join(re.escape(a[0]) for a in sorted(APPROX, key=lambda a: -len(a[0])))
                        + r")\b\s*", re.I)
_APPROX = {a[0]: a[1:] for a in APPROX}
_DIGITS = re.compile(r"(?<![\d.])\d{1,3}(?:(?:,|[ \u00a0\u202f](?=\d{3}\b))\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD_NUMBER = re.compile(r"\b(?:(?:" + "|".join(sorted(list(SMALL) + list(TENS) + list(SCALES), key=len, reverse=True))
                          + r"|and|half)\b[\s-]*)+", re.I)
_FRACTION = re.compile(r"\b(?P<n>a|an|one|two|three|four)\s+(?P<f>half|third|quarter|fifth|sixth|tenth)s?\b", re.I)
_RANGES = [re.compile(r"^between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$", re.I),
           re.compile(r"^(?P<a>[\d.,]+)\s*(?:-|–|to)\s*(?P<b>\d.*)$", re.I),
           re.compile(r"^(?P<a>\S+)\s+to\s+(?P<b>.+)$", re.I)]
_VAGUE = re.compile(r"\b(?:" + "|".join(sorted(VAGUE, key=len, reverse=True)) + r")\b", re.I)
_UNIT_RE = re.compile(r"^\s*(?:" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
                      + r")(?![\w])", re.I)
QUANTITY_LABELS = {"CARDINAL", "QUANTITY", "PERCENT", "MONEY"}


def find(doc) -> list[Quantity]:
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in QUANTITY_LABELS or (ent.label_ in ("DATE", "TIME") and _UNIT_RE.search(ent[-1].text)):
            quantity = _from_span(doc, ent.start_char, ent.end_char)
            if quantity is not None:
                out.append(quantity)
                taken.append((quantity.start, quantity.end))
    for match in _VAGUE.finditer(text_of(doc)):
        if not any(s <= match.start() < e for s, e in taken):
            quantity = _from_span(doc, match.start(), match.end())
            if quantity is not None:
                out.append(quantity)
    return sorted(out, key=lambda q: q.start)


def _from_span(doc, start: int, end: int) -> Quantity | None:
    text = text_of(doc)
    if start and text[start - 1] in "$€£":  # the model may leave the sign out of the amount ("€2.4bn")
        start -= 1
    if text[end - 1] == "." and text[end - 2:end - 1].isalnum():  # the sentence's full stop, taken with "$40m."
        end -= 1
    start = _take_modifier(text, start)
    unit = _UNIT_RE.match(text, end)
    if unit and not text[start:end].rstrip().endswith(("%", "percent")):
        end = unit.end()
    quantity = parse(text[start:end])
    if quantity is None or "\n" in text[start:end] or "/" in text[start:end] or _designation(doc, start, end, quantity):
        return None
    quantity.start, quantity.end, quantity.text = start, end, text[start:end]
    quantity.counted = _counted(doc, start, end, quantity.unit)
    return quantity


def _designation(doc, start: int, end: int, quantity: Quantity) -> bool:
    """A bare number in a name ("Antonov 124", "Zone 61", "39 Simón Bolívar Airport") counts nothing."""
    if quantity.unit or quantity.approx:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" and t.is_title for t in (before, after))


def _take_modifier(text: str, start: int) -> int:
    """Include "more than", "nearly", "about" standing just before the number."""
    window = text[max(0, start - 16):start]
    for phrase in sorted(_APPROX, key=len, reverse=True):
        if window.lower().endswith(phrase + " "):
            return start - len(phrase) - 1
    return start


def parse(expr: str) -> Quantity | None:
    """Parse one amount ("more than 20 percent", "sixty-four thousand tonnes", "72 hours")."""
    expr = " ".join(expr.split())
    approx_match = _APPROX_RE.match(expr)
    approx = approx_match.group().strip().lower() if approx_match else None
    body = expr[approx_match.end():] if approx_match else expr
    ranged = next((m for m in (r.match(body) for r in _RANGES) if m), None)
    if ranged and _number(ranged["a"])[0] is not None and _number(ranged["b"])[0] is not None:
        low, _ = _number(ranged["a"])
        high, rest = _number(ranged["b"])
        unit = _unit(rest) or _unit(ranged["a"].split(maxsplit=1)[-1] if " " in ranged["a"] else "")
        return _build(expr, (low + high) / 2, low, high, unit, "range")
    vague = _VAGUE.match(body) if not approx else None
    if vague:
        low, high = VAGUE[vague.group().lower()]
        return _build(expr, None, low, high, _unit(body[vague.end():]), vague.group().lower())
    value, rest = _number(body)
    if value is None:
        return None
    unit = _unit(rest) or next((UNITS[c] for c in "$€£" if c in body), None)
    if unit is None and _is_fraction(body):
        value, unit = value * 100, UNITS["percent"]
    if approx is None:
        return _build(expr, value, value, value, unit, None)
    label, lo, hi = _APPROX[approx]
    return _build(expr, value, value * lo if lo is not None else None, value * hi if hi is not None else None,
                  unit, label)


def _build(expr, value, low, high, unit, approx) -> Quantity:
    name, base, factor = unit if unit else (None, None, 1.0)
    scaled = (lambda v: v * factor if v is not None else None)
    return Quantity(0, len(expr), expr, value, low=low, high=high, unit=name, approx=approx,
                    base_value=scaled(value), base_unit=base)


def _unit(rest: str):
    match = _UNIT_RE.match(rest)
    return UNITS[match.group().strip().lower()] if match else None


def _is_fraction(body: str) -> bool:
    return bool(_FRACTION.match(body))


def _number(text: str) -> tuple[float | None, str]:
    """(value, the text after the number); the number may be digits, words or both ("1.5 million")."""
    text = text.strip()
    money = text.startswith(("$", "€", "£"))
    text = text.lstrip("$€£").strip()
    fraction = _FRACTION.match(text)
    if fraction:
        whole = SMALL.get(fraction["n"].lower(), 1)
        return whole * FRACTIONS[fraction["f"].lower()], text[fraction.end():]
    digits = _DIGITS.match(text)
    if digits:
        value = float(re.sub(r"[, \u00a0\u202f]", "", digits.group()))
        rest = text[digits.end():]
        scale = re.match(r"\s*(hundred|thousand|million|billion)\b", rest, re.I)
        if scale:
            value, rest = value * SCALES[scale.group(1).lower()], rest[scale.end():]
        elif abbreviated := _ABBREVIATED[money].match(rest):
            value, rest = value * ABBREVIATED_SCALES[abbreviated.group(1).lower()], rest[abbreviated.end():]
        return value, rest
    words = _WORD_NUMBER.match(text)
    if words:
        value = _words_value(words.group())
        if value is not None:
            return value, text[words.end():]
    return None, text


def _words_value(words: str) -> float | None:
    """"sixty-four thousand" -> 64000, "sixteen and a half" -> 16.5."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t]
    total, current, seen = 0.0, 0.0, False
    for i, tok in enumerate(tokens):
        if tok == "half" and i and tokens[i - 1] == "a":
            current += 0.5
        elif tok in ("and", "a", "an") and seen:
            continue
        elif tok in SMALL and tok not in ("a", "an"):
            current, seen = current + SMALL[tok], True
        elif tok in TENS:
            current, seen = current + TENS[tok], True
        elif tok in ("dozen", "hundred"):
            current, seen = (current or 1) * SCALES[tok], True
        elif tok in SCALES:
            total, current, seen = total + (current or 1) * SCALES[tok], 0.0, True
        elif tok in ("a", "an") and not seen:
            current = 1.0
    return total + current if seen else None


def _counted(doc, start: int, end: int, unit: str | None) -> str | None:
    """The noun the number counts: "99 soldiers", "300 tonnes of humanitarian aid"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root.head if span.root.dep_ in ("nummod", "quantmod", "npadvmod") else span.root
    if head.i < span.end and head.i >= span.start:
        head = span[-1]
    if unit or head.text.lower() in UNITS:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return _noun_phrase(obj) if obj is not None else None
    return head.text if head.pos_ in ("NOUN", "PROPN") else None


def _noun_phrase(noun) -> str:
    words = [c for c in noun.lefts if c.dep_ in ("amod", "compound")] + [noun]
    return " ".join(w.text for w in words)


def compatible(q1: Quantity, q2: Quantity) -> bool:
    """Two quantities can describe the same amount: same unit family and overlapping bounds."""
    if q1.base_unit != q2.base_unit:
        return False
    lo1, hi1 = _bounds(q1)
    lo2, hi2 = _bounds(q2)
    return lo1 <= hi2 and lo2 <= hi1


def _bounds(q: Quantity) -> tuple[float, float]:
    """Bounds in base units; an exact value keeps a hair of tolerance for float rounding."""
    factor = (q.base_value / q.value) if q.value and q.base_value is not None else 1.0
    low = q.low if q.low is not None else (-math.inf if q.high is not None else q.value)
    high = q.high if q.high is not None else (math.inf if q.low is not None else q.value)
    low, high = (low if low is not None else -math.inf), (high if high is not None else math.inf)
    eps = 1e-9 * max(1.0, abs(q.value or 0))
    return low * factor - eps, high * factor + eps
