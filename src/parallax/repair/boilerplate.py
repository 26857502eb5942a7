"""Boilerplate left by scraping: donation, newsletter and share widgets, image prompts, photo
credits, and template lines that recur across one outlet's articles."""
from __future__ import annotations

import re

from ..carrier import Change
from .registry import RepairContext, rule
from .textlines import Line, blocks, drop_lines, lines

# a donation widget's amount button: "2,500 $", "$20", "0 €", "10 EUR"
AMOUNT = re.compile(r"\s*(?:[$€£]\s?\d[\d,. ]*|\d[\d,. ]*\s?(?:[$€£]|USD|EUR|GBP))\s*")
# calls to act that never carry news; short lines only (see is_call)
CALL = re.compile(
    r"\s*(?:share (?:this|the) (?:article|story|page|post)|share on \w+|sign up(?: now| free| here|(?: for| to) .*)?"
    r"|subscribe(?: now| free|(?: for| to) .*)?|donate(?: now| today)?|support (?:us|our (?:work|journalism))"
    r"|do you like this content\?.*|consider (?:helping|supporting) us|follow us on .*|newsletter sign[- ]?up"
    r"|advertisement|sponsored content|story continues below(?: advertisement)?|(?:also )?read more(?::.*)?"
    r"|other amount|one[- ]time|monthly|yearly)"
    r"\s*[.!]?\s*",
    re.IGNORECASE,
)
CALL_MAX_WORDS = 12
PROMPT_MAX_WORDS = 15  # the one line of text a widget may carry ("Readers like you keep us going.")
# ... which, beside call lines only (no amounts), must read as a promotion: a short last paragraph
# followed by "Share this article" stays
PROMO = re.compile(r"\b(?:newsletters?|inbox|briefing|readers?|support|donat\w*|subscri\w*|free|e-?mail|sign up|journalism|help us)\b", re.IGNORECASE)
IMAGE_PROMPT = re.compile(r"\s*\b(?:click|tap) (?:here )?to (?:see|view|enlarge) (?:the )?(?:full[- ]size|larger|full) (?:image|photo|picture)\.?\s*$", re.IGNORECASE)
CREDIT_LINE = re.compile(
    r"\s*(?:(?:photo(?:graph)?|image|picture|credit|photo credit)s?\s*:\s*\S.{0,100}|(?:photo|image) by \S.{0,80}"
    r"|(?:AP|AFP|Reuters|EPA|Getty Images)(?: Photo)?\s*/\s*[^\W\d_][\w .'-]{1,40})",
    re.IGNORECASE,
)
# a credit closing a caption line: "… Source: AP – Credit: X", "… (Photo: X)", "…. Photo: X"
CREDIT_SUFFIX = re.compile(
    r"\s+(?:Source|Photo|Image)\s*:\s*[^:\n]{1,60}?\s*[–—-]\s*Credit\s*:\s*[^\n]{1,60}$"
    r"|\s*\((?:Photo|Image|Credit|Photograph)s?\s*:[^()\n]{1,60}\)$"
    r"|(?<=[.!?\"”])\s+(?:Photo|Image|Credit|Photograph)\s*:\s*[^\n]{1,60}$"
)
# a line in this many articles of one outlet, and in this share of them, is the outlet's template
TEMPLATE_MIN_ARTICLES = 3
TEMPLATE_MIN_SHARE = 0.3
TEMPLATE_MAX_WORDS = 15


def is_call(line: Line) -> bool:
    return line.words <= CALL_MAX_WORDS and CALL.fullmatch(line.text) is not None


def is_amount(line: Line) -> bool:
    return AMOUNT.fullmatch(line.text) is not None


def is_widget_line(line: Line) -> bool:
    """A line that is widget residue on its own (also used to skip junk before a headline)."""
    return is_call(line) or is_amount(line) or IMAGE_PROMPT.match(line.text) is not None or CREDIT_LINE.fullmatch(line.text) is not None


def is_widget_prompt(others: list[Line], has_amounts: bool) -> bool:
    """Whether the non-call lines of a block holding call lines are the widget's own prompt."""
    if len(others) > 1 or any(ln.words > PROMPT_MAX_WORDS for ln in others):
        return False
    return has_amounts or all(PROMO.search(ln.text) for ln in others)


@rule("widgets", kind="boilerplate", order=31)
def drop_widgets(text: str, ctx: RepairContext) -> list[Change]:
    """Remove donation, newsletter and share widgets: call lines, amount lines, and the one short
    prompt line standing with them in the same block."""
    doomed = []
    for block in blocks(text):
        calls = [ln for ln in block if is_call(ln) or is_amount(ln)]
        others = [ln for ln in block if ln not in calls]
        if calls:
            doomed += block if is_widget_prompt(others, any(map(is_amount, calls))) else calls
    return drop_lines(text, doomed, "boilerplate", "widgets")


@rule("image_prompts", kind="boilerplate", order=30)
def drop_image_prompts(text: str, ctx: RepairContext) -> list[Change]:
    """Remove "Click to see full-size image" (a line, or the end of a caption) and photo credits."""
    doomed, suffixes = [], []
    for ln in lines(text):
        prompt = IMAGE_PROMPT.search(ln.text) or CREDIT_SUFFIX.search(ln.text)
        if CREDIT_LINE.fullmatch(ln.text) or (prompt and prompt.start() == 0):
            doomed.append(ln)
        elif prompt:
            suffixes.append(Change(ln.start + prompt.start(), ln.end, "", "boilerplate", "image_prompts"))
    return suffixes + drop_lines(text, doomed, "boilerplate", "image_prompts")


@rule("template_lines", kind="boilerplate", order=32)
def drop_template_lines(text: str, ctx: RepairContext) -> list[Change]:
    """Remove short lines that recur in several articles of the same outlet (site templates)."""
    least = max(TEMPLATE_MIN_ARTICLES, TEMPLATE_MIN_SHARE * ctx.outlet_articles)
    doomed = [ln for ln in lines(text) if ln.words <= TEMPLATE_MAX_WORDS and ctx.outlet_lines.get(ln.text.strip(), 0) >= least]
    return drop_lines(text, doomed, "boilerplate", "template_lines", "recurs across the outlet")


def template_candidates(text: str) -> set[str]:
    """The lines of one article that could be template lines (counted once per article)."""
    return {ln.text.strip() for ln in lines(text) if ln.text.strip() and ln.words <= TEMPLATE_MAX_WORDS}
