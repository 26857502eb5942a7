"""Guessing the headline of a text that came without a header block (the scraped seeds)."""
from __future__ import annotations

from .boilerplate import is_widget_line
from .textlines import lines, norm

TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 200


def guess_title(text: str) -> str | None:
    """The first line that is not widget residue, when it reads as a headline: short, starting
    with a capital or a digit, without final punctuation, and either standing alone (a blank
    line follows) or repeated further down. None otherwise: no later line is promoted."""
    body = lines(text)
    for i, ln in enumerate(body):
        s = ln.text.strip()
        if not s or is_widget_line(ln):
            continue
        short = ln.words <= TITLE_MAX_WORDS and len(s) <= TITLE_MAX_CHARS
        if not short or not (s[0].isupper() or s[0].isdigit()) or s[-1] in ".,;:":
            return None
        alone = i + 1 == len(body) or not body[i + 1].text.strip()
        repeated = any(norm(other.text) == norm(s) for other in body[i + 1 :])
        return s if alone or repeated else None
    return None
