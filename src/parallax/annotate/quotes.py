"""Quotations: where each quote opens and closes (across sentences and paragraphs, with
mismatched or straight marks), and who said it.

Marks are paired left to right: any opening mark opens, any closing mark closes, so a quote
opened with “ and closed with " still pairs. A quote may run over paragraphs (each new paragraph
may reopen it, as style guides ask); one left open ends with its paragraph.
"""
from __future__ import annotations

import re

from ..model import Quote, SentenceInfo

OPENERS = "“„«‹\""
CLOSERS = "”“»›\""
MAX_PARAGRAPHS = 3  # a quote spanning more paragraphs than this is an unclosed mark, not a long quote
_MARK = re.compile("[" + re.escape(OPENERS + CLOSERS) + "]")
_BREAK = re.compile(r"\n\s*\n")


def find(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    opened: int | None = None
    for match in _MARK.finditer(text):
        pos, mark = match.start(), match.group()
        if opened is None:
            if mark in OPENERS and _opens(text, pos):
                opened = pos
            continue
        if _reopens_paragraph(text, opened, pos):
            continue
        if _too_far(text, opened, pos):
            quotes.append(_quote(text, opened, _paragraph_end(text, opened)))
            opened = pos if mark in OPENERS and _opens(text, pos) else None
            continue
        if mark in CLOSERS:
            quotes.append(_quote(text, opened, pos + 1))
            opened = None
    if opened is not None:
        quotes.append(_quote(text, opened, _paragraph_end(text, opened)))
    return [q for q in quotes if q.text.strip(OPENERS + CLOSERS + " \n")]


def _opens(text: str, pos: int) -> bool:
    """A straight quote glued to the end of a word and followed by space closes rather than opens."""
    if text[pos] != '"':
        return True
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not (before.isalnum() and (after.isspace() or after in ".,;:!?"))


def _reopens_paragraph(text: str, opened: int, pos: int) -> bool:
    """An opening mark at the start of a later paragraph continues the same quote."""
    line_start = text.rfind("\n", 0, pos) + 1
    return (text[pos] in "“„«" and line_start > opened and not text[line_start:pos].strip()
            and _BREAK.search(text, opened, pos) is not None)


def _too_far(text: str, opened: int, pos: int) -> bool:
    return len(_BREAK.findall(text, opened, pos)) >= MAX_PARAGRAPHS


def _paragraph_end(text: str, pos: int) -> int:
    match = _BREAK.search(text, pos)
    return match.start() if match else len(text.rstrip())


def _quote(text: str, start: int, end: int) -> Quote:
    return Quote(start, end, text[start:end])


def attach_speakers(text: str, quotes: list[Quote], sentences: list[SentenceInfo]) -> None:
    """Give each quote its speaker and give the sentences inside it the quote's attribution.

    The speaker comes from an attribution outside the quote in a sentence the quote touches
    ("…," the source said), else from an introducing sentence ending in a colon
    ("X tweeted regarding the arrival:"), else from the previous quote in the same paragraph.
    """
    previous = None
    for quote in quotes:
        inside = [s for s in sentences if s.start < quote.end and s.end > quote.start]
        source = _outside_attribution(quote, inside) or _introduction(quote, sentences)
        if source is None and previous is not None and _same_paragraph(text, previous[0], quote):
            source = previous[1]
        if source is None:
            continue
        quote.speaker = source.attribution.speaker
        for sent in inside:
            if _within(sent, quote) and sent.attribution.kind == "none":
                sent.attribution = source.attribution
        previous = (quote, source)


def _outside_attribution(quote: Quote, touching: list[SentenceInfo]) -> SentenceInfo | None:
    for sent in touching:
        att = sent.attribution
        if att.speaker and att.speaker_start is not None and not (quote.start <= att.speaker_start < quote.end):
            return sent
    return None


def _introduction(quote: Quote, sentences: list[SentenceInfo]) -> SentenceInfo | None:
    before = [s for s in sentences if s.end <= quote.start]
    if before and before[-1].text.rstrip().endswith(":") and before[-1].attribution.speaker:
        return before[-1]
    return None


def _same_paragraph(text: str, first: Quote, second: Quote) -> bool:
    return first.end <= second.start and _BREAK.search(text, first.end, second.start) is None


def _within(sent: SentenceInfo, quote: Quote) -> bool:
    return sent.start >= quote.start - 1 and sent.end <= quote.end + 1
