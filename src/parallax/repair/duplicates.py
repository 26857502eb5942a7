"""Repeated text: the headline repeated in the body, a caption printed twice, a paragraph
repeated verbatim. The first occurrence in the body stays, unless it is the headline."""
from __future__ import annotations

import re

from ..carrier import Change
from .registry import RepairContext, rule
from .inline import repair_title
from .textlines import drop_lines, lines, norm
from .title import guess_title

CAPTION_MIN_WORDS = 3  # a phrase repeated right below itself (blank lines apart at most) is a
# doubled caption; a one- or two-word line may be a list item or markup
PARAGRAPH_MIN_WORDS = 8  # a paragraph (a line standing alone) this long repeated anywhere is doubled
SENTENCE_MIN_WORDS = 6  # a sentence this long said twice in a row is a doubled sentence
SENTENCE_GAP = re.compile(r"(?<=[.!?][\"”’])\s+|(?<=[.!?])\s+")


def headline_key(s: str) -> str:
    return norm(s).rstrip(" .")


@rule("duplicate_headline", kind="duplicate", order=40)
def drop_headline_repeats(text: str, ctx: RepairContext) -> list[Change]:
    """Remove body lines that repeat the headline; with no known title, keep the first such line
    (it is then the guessed headline) and remove its repeats."""
    title = repair_title(ctx.title, ctx) if ctx.title else guess_title(text)
    if not title:
        return []
    repeats = [ln for ln in lines(text) if headline_key(ln.text) == headline_key(title)]
    if not ctx.title:
        repeats = repeats[1:]
    return drop_lines(text, repeats, "duplicate", "duplicate_headline", "headline repeated")


def is_repeat(next_below: bool, words: int, alone: bool) -> bool:
    """Whether a line equal to an earlier one is a repeat to remove; a line of hard-wrapped text
    (not ``alone`` between blank lines) may recur legitimately further down."""
    return (alone and words >= PARAGRAPH_MIN_WORDS) or (next_below and words >= CAPTION_MIN_WORDS)


@rule("duplicate_lines", kind="duplicate", order=41)
def drop_repeated_lines(text: str, ctx: RepairContext) -> list[Change]:
    """Remove a caption repeated right below itself, or a paragraph repeated anywhere."""
    doomed = []
    seen: dict[str, int] = {}  # key -> index of the last line kept with it
    rows = lines(text)
    blank = [not ln.text.strip() for ln in rows] + [True]
    for i, ln in enumerate(rows):
        key = norm(ln.text)
        if not key:
            continue
        alone = (i == 0 or blank[i - 1]) and blank[i + 1]
        if key in seen and is_repeat(all(blank[seen[key] + 1 : i]), ln.words, alone):
            doomed.append(ln)
        else:
            seen[key] = i
    return drop_lines(text, doomed, "duplicate", "duplicate_lines", "repeated line")


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a line, without the spaces between them."""
    spans, start = [], 0
    for m in SENTENCE_GAP.finditer(line):
        spans.append((start, m.start()))
        start = m.end()
    return spans + [(start, len(line.rstrip()))]


@rule("duplicate_sentences", kind="duplicate", order=42)
def drop_repeated_sentences(text: str, ctx: RepairContext) -> list[Change]:
    """Remove a sentence that repeats the one just before it within a paragraph."""
    out = []
    for ln in lines(text):
        spans = sentence_spans(ln.text)
        kept, removal = spans[0], None
        for start, end in spans[1:]:
            sentence = ln.text[start:end]
            if norm(sentence) != norm(ln.text[kept[0] : kept[1]]) or len(sentence.split()) < SENTENCE_MIN_WORDS:
                kept, removal = (start, end), None
            elif removal:
                removal.end = ln.start + end  # a third copy: widen the removal
            else:
                removal = Change(ln.start + kept[1], ln.start + end, "", "duplicate", "duplicate_sentences", "repeated sentence")
                out.append(removal)
    return out
