"""Sentence spans: spaCy's sentences, cut again at blank lines (scraped paragraphs often lack a full stop)."""
from __future__ import annotations

import re

from ..model import SentenceInfo
from .doctext import text_of

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def split(doc) -> list[SentenceInfo]:
    text = text_of(doc)
    out: list[SentenceInfo] = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in _PARAGRAPH_BREAK.split(sent.text):
            span = _trimmed(text, start, start + len(piece))
            if span:
                out.append(SentenceInfo(span[0], span[1], text[span[0]:span[1]]))
            start += len(piece)
            start = _skip_break(text, start)
    return out


def _skip_break(text: str, pos: int) -> int:
    match = _PARAGRAPH_BREAK.match(text, pos)
    return match.end() if match else pos


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def index_of(sentences: list[SentenceInfo], char: int) -> int | None:
    """The sentence holding character ``char`` (sentences are sorted and disjoint)."""
    for i, sent in enumerate(sentences):
        if sent.start <= char < sent.end:
            return i
    return None
