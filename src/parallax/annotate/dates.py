"""Where dates are resolved: date expressions normalised to ISO, relative ones against the publication date.

Candidates are spaCy's DATE/TIME entities plus ordinal days ("the 7th") the model misses. Our own rules
resolve the common shapes (absolute dates, weekdays, yesterday/today/tomorrow, this/next/last week,
"the 7th", "since January", ranges); dateparser is the fallback, and only for strings that name a month
or hold a digit. Without a publication date a relative expression keeps ``value=None``: never guessed.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import DateMention
from .doctext import text_of

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
DAY_OFFSETS = {"day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0, "tonight": 0,
               "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "an": 1}

_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<day>\d{1,2})\s?(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_M}\s+{_D}\b(?:,?\s+{_Y})?", re.I)
_DAY_MONTH = re.compile(rf"\b{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?", re.I)
_MONTH_YEAR = re.compile(rf"\b{_M}(?:\s+{_Y})?\b", re.I)
_YEAR = re.compile(rf"^(?:in |since |by |of |the year )?{_Y}$", re.I)
_ORDINAL_DAY = re.compile(r"\bthe\s+(?P<day>\d{1,2})\s?(?:st|nd|rd|th)\b", re.I)
_WEEKDAY = re.compile(r"\b(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.I)
_OFFSET = re.compile(r"\b(?:the )?(?:" + "|".join(sorted(DAY_OFFSETS, key=len, reverse=True)) + r")\b", re.I)
_PERIOD = re.compile(r"\b(?P<rel>last|next|this|coming|past)\s+(?P<unit>week|month|year)\b", re.I)
_AGO = re.compile(r"\b(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)
_RANGE = re.compile(r"^(?:between\s+)?(?P<a>.+?)\s+(?:and|to|until|till|through|-|–)\s+(?P<b>.+)$", re.I)
_DURATION = re.compile(r"\b(?:days|weeks|months|years|hours|decades|centuries|the \d{4}s|\d+s)\b", re.I)
_JOIN = re.compile(r"\s+(?:and|to|until|till|through)\s+|\s*[-–]\s*", re.I)
_RANGE_OPEN = re.compile(r"between|from", re.I)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./]\d{1,2}[./]\d{1,4}\b")
_MONTH_PREFIX = re.compile(r"^(?:(?:in|by|since|until|early|mid|late|the end of|end of|the beginning of|the start of)"
                           r"[\s-]+)+", re.I)
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
FUTURE_WINDOW = timedelta(days=183)  # a yearless date further ahead than this is last year's
_MONTH_WORD = re.compile(r"\b" + _M + r"\b", re.I)


def find(doc, published: str | None) -> list[DateMention]:
    pub = date.fromisoformat(published) if published else None
    out: list[DateMention] = []
    for start, end in _candidates(doc):
        mention = resolve(text_of(doc)[start:end], pub, _looks_ahead(doc, start, end))
        if mention is not None:
            # resolve() may normalise whitespace; the mention quotes the text as it stands
            mention.start, mention.end, mention.text = start, end, text_of(doc)[start:end]
            out.append(mention)
    return out


def _candidates(doc) -> list[tuple[int, int]]:
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME") and not _counts(e)]
    for match in _ORDINAL_DAY.finditer(text_of(doc)):
        if not any(s <= match.start() < e for s, e in spans):
            spans.append((match.start(), match.end()))
    return _joined_ranges(text_of(doc), sorted(_widened(text_of(doc), s, e) for s, e in spans))


def _joined_ranges(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"between the 7th" + "and" + "March 14th" is one range, whatever the model split."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _JOIN.fullmatch(text[out[-1][1]:start]) and _RANGE_OPEN.match(text, out[-1][0]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _counts(ent) -> bool:
    """A bare number that counts something ("2029 containers") is no date."""
    return len(ent) == 1 and ent[0].like_num and ent[0].dep_ == "nummod" and ent[0].head.pos_ == "NOUN"


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in "on"/"since"/"between" just before the entity: they change what it means."""
    match = re.search(r"\b(?:since|between|from)\s+$", text[max(0, start - 9):start], re.I)
    return (start - len(match.group()), end) if match else (start, end)


def _looks_ahead(doc, start: int, end: int) -> bool:
    """The clause speaks of the future ("will meet on Monday", "takes effect from Monday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(auxiliaries & FUTURE_AUX) or (verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in ("say", "be"))


def resolve(expr: str, pub: date | None, future: bool = False) -> DateMention | None:
    """Normalise one date expression; None when it is not a date (a duration, a bare number).
    ``future``: the sentence looks ahead, so a bare weekday is the coming one."""
    expr = " ".join(expr.split())
    since = expr.lower().startswith("since ")
    body = expr[6:] if since else expr
    ranged = _range(body, pub)
    if ranged is not None:
        return ranged
    found = _single(body, pub, future) or _fallback(body, pub)
    if found is None:
        return None
    value, relative, granularity = found
    if since and relative and value and pub and value > pub.isoformat():
        value = _year_before(value)  # "since June" looks back
    return DateMention(0, 0, expr, value, relative=relative, granularity=granularity)


def _range(expr: str, pub: date | None) -> DateMention | None:
    match = _RANGE.match(expr)
    if not match:
        return None
    second = _single(match["b"], pub)
    first_text = match["a"]
    if second is not None and _ORDINAL_DAY.fullmatch(first_text.strip()) and _MONTH_WORD.search(match["b"]):
        first_text = f"{first_text} {_MONTH_WORD.search(match['b']).group()}"  # "the 7th and March 14th"
        year = re.search(r"(?:19|20)\d\d", match["b"])
        first_text += f" {year.group()}" if year else ""
    first = _single(first_text.removeprefix("the ").strip(), pub)
    if first is None or second is None:
        return None
    return DateMention(0, 0, expr, first[0], end_value=second[0], relative=first[1] or second[1],
                       granularity=first[2])


def _single(expr: str, pub: date | None, future: bool = False):
    """(ISO value or None, relative, granularity) by our own rules, or None when not recognised."""
    for rule in (_absolute, _relative_day, _relative_period, _month_only, _year_only):
        found = rule(expr, pub, future) if rule is _relative_day else rule(expr, pub)
        if found is not None:
            return found
    return None


def _absolute(expr: str, pub: date | None):
    match = _ISO.search(expr) or _MONTH_DAY.search(expr) or _DAY_MONTH.search(expr)
    if not match:
        return None
    month = MONTHS.get(match["month"].lower().rstrip("."), None) if not match["month"].isdigit() else int(match["month"])
    day, year = int(match["day"]), match["year"]
    if year:
        return _iso(int(year), month, day), False, "day"
    if pub is None:
        return None, True, "day"
    guess = _safe_date(pub.year, month, day)
    if guess and guess > pub + FUTURE_WINDOW:  # "December 30" in a January article is last year's
        guess = _safe_date(pub.year - 1, month, day)
    return (guess.isoformat() if guess else None), True, "day"


def _relative_day(expr: str, pub: date | None, future: bool = False):
    offset = _OFFSET.search(expr)
    weekday = _WEEKDAY.search(expr)
    ago = _AGO.search(expr)
    ordinal = _ORDINAL_DAY.search(expr) or re.fullmatch(r"(?P<day>\d{1,2})\s?(?:st|nd|rd|th)", expr.strip())
    if not (offset or weekday or ago or ordinal):
        return None
    if pub is None:
        return None, True, "day"
    if offset:
        key = offset.group().lower().removeprefix("the ")
        return (pub + timedelta(days=DAY_OFFSETS[key])).isoformat(), True, "day"
    if weekday:
        rel = (weekday["rel"] or ("coming" if future else "")).lower()
        return _weekday(pub, WEEKDAYS[weekday["wd"].lower()], rel).isoformat(), True, "day"
    if ago:
        n = int(ago["n"]) if ago["n"].isdigit() else NUMBER_WORDS[ago["n"].lower()]
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[ago["unit"].lower()] * n
        return (pub - timedelta(days=days)).isoformat(), True, "day"
    day = int(ordinal["day"])
    guess = _safe_date(pub.year, pub.month, day)
    if guess is None or guess > pub:  # "the 28th" in an article of the 3rd: last month
        prev = pub.replace(day=1) - timedelta(days=1)
        guess = _safe_date(prev.year, prev.month, day)
    return (guess.isoformat() if guess else None), True, "day"


def _weekday(pub: date, target: int, rel: str) -> date:
    """News usage: a bare weekday is the most recent one (today included); "next" is the one after
    today, "coming" (or a future-tense clause) the first from today on."""
    back = (pub.weekday() - target) % 7
    if rel == "next":
        return pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
    if rel == "coming":
        return pub + timedelta(days=(target - pub.weekday()) % 7)
    if rel == "last" and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _relative_period(expr: str, pub: date | None):
    match = _PERIOD.search(expr)
    if not match:
        return None
    unit, rel = match["unit"].lower(), match["rel"].lower()
    if pub is None:
        return None, True, unit
    step = {"next": 1, "coming": 1, "last": -1, "past": -1}.get(rel, 0)
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        return monday.isoformat(), True, "week"
    if unit == "month":
        month_index = pub.year * 12 + pub.month - 1 + step
        return date(month_index // 12, month_index % 12 + 1, 1).isoformat(), True, "month"
    return date(pub.year + step, 1, 1).isoformat(), True, "year"


def _month_only(expr: str, pub: date | None):
    prefix = _MONTH_PREFIX.match(expr.strip())
    match = _MONTH_YEAR.fullmatch(expr.strip()[prefix.end() if prefix else 0:])
    if not match or (match["month"] == "may" and not match["year"]):
        return None
    month = MONTHS[match["month"].lower().rstrip(".")]
    if match["year"]:
        return date(int(match["year"]), month, 1).isoformat(), False, "month"
    if pub is None:
        return None, True, "month"
    first = date(pub.year, month, 1)
    if first > pub + FUTURE_WINDOW:
        first = date(pub.year - 1, month, 1)
    return first.isoformat(), True, "month"


def _year_only(expr: str, _pub: date | None):
    match = _YEAR.match(expr.strip())
    return (date(int(match["year"]), 1, 1).isoformat(), False, "year") if match else None


def _fallback(expr: str, pub: date | None):
    """dateparser for shapes our rules miss; never on durations, never guessing a missing year."""
    has_year = re.search(r"(?:19|20)\d\d", expr)
    if _DURATION.search(expr) or not (_MONTH_WORD.search(expr) or _NUMERIC_DATE.search(expr)):
        return None  # bare numbers, clock times and scores ("3–2") are left alone
    if pub is None and not has_year:
        return None
    import dateparser  # slow to import; only needed for the rare shape our rules miss

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if pub is not None:
        from datetime import datetime
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    return (parsed.date().isoformat(), not has_year, "day") if parsed else None


def _year_before(iso: str) -> str:
    found = date.fromisoformat(iso)
    return (_safe_date(found.year - 1, found.month, found.day) or found.replace(day=28, year=found.year - 1)).isoformat()


def _iso(year: int, month: int | None, day: int) -> str | None:
    found = _safe_date(year, month, day) if month else None
    return found.isoformat() if found else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
