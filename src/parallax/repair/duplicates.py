"""Repeated text: the headline repeated in the body, a caption printed twice, a paragraph
repeated verbatim. The first occurrence in the body stays, unless it is the headline."""
from __future__ import annotations

from ..carrier import Change
from .registry import RepairContext, rule
from .textlines import drop, lines, norm
from .inline import repair_title
from .title import guess_title

NEAR_LINES = 3  # a short line repeated within this many lines is a doubled caption
PARAGRAPH_MIN_WORDS = 8  # a longer line repeated anywhere is a doubled paragraph


@rule("duplicate_headline", kind="duplicate", order=40)
def drop_headline_repeats(text: str, ctx: RepairContext) -> list[Change]:
    """Remove body lines that repeat the headline; with no known title, keep the first such line
    (it is then the guessed headline) and remove its repeats."""
    title = repair_title(ctx.title, ctx) if ctx.title else guess_title(text)
    if not title:
        return []
    repeats = [ln for ln in lines(text) if norm(ln.text) == norm(title)]
    if not ctx.title:
        repeats = repeats[1:]
    return [drop(ln, "duplicate", "duplicate_headline", "headline repeated") for ln in repeats]


@rule("duplicate_lines", kind="duplicate", order=41)
def drop_repeated_lines(text: str, ctx: RepairContext) -> list[Change]:
    """Remove a caption repeated within a few lines, or a paragraph repeated anywhere."""
    out: list[Change] = []
    seen: dict[str, int] = {}  # key -> index of the last line kept with it
    for i, ln in enumerate(lines(text)):
        key = norm(ln.text)
        if not key:
            continue
        if key in seen and (i - seen[key] <= NEAR_LINES or ln.words >= PARAGRAPH_MIN_WORDS):
            out.append(drop(ln, "duplicate", "duplicate_lines", "repeated line"))
        else:
            seen[key] = i
    return out
