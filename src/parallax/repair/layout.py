"""Line layout: names set on their own line in mid-sentence, and the blank lines left behind."""
from __future__ import annotations

import re

from ..carrier import Change
from .registry import RepairContext, rule

# "the president\n\nDonald Trump\n\n, who": the text before ends mid-sentence, the text after goes
# on with punctuation or a lower-case word
BROKEN_NAME = re.compile(r"(?<=[^\s.!?:;\"”’])((?:[ \t]*\n){2,}[ \t]*)([^\n]{2,60}?)((?:[ \t]*\n){2,}[ \t]*)(?=\S)")
CONTINUATION = ",.;:)]'’"  # goes on without a space: ", who", "'s government"
NAME_PARTICLES = {"de", "da", "del", "della", "di", "dos", "du", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "y"}
NAME_MAX_WORDS = 6


def looks_like_name(s: str) -> bool:
    words = s.split()
    if not 1 <= len(words) <= NAME_MAX_WORDS or not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    return all(w[0].isupper() or w in NAME_PARTICLES for w in words) and not re.search(r"[.!?:;,\"“”]$|[!?;:\"“”]", s)


@rule("broken_names", kind="join", order=50)
def join_broken_names(text: str, ctx: RepairContext) -> list[Change]:
    """Join a name set on its own line in mid-sentence back into its sentence."""
    out = []
    for m in BROKEN_NAME.finditer(text):
        following = text[m.end()]
        if not looks_like_name(m.group(2)) or not (following in CONTINUATION or following.islower()):
            continue
        after = "" if following in CONTINUATION else " "
        out.append(Change(m.start(1), m.end(1), " ", "join", "broken_names"))
        out.append(Change(m.start(3), m.end(3), after, "join", "broken_names"))
    return out


@rule("whitespace", kind="whitespace", order=90)
def collapse_blank_lines(text: str, ctx: RepairContext) -> list[Change]:
    """Keep paragraphs one blank line apart and drop blank lines at the start and end."""
    out = [Change(m.start(), m.end(), "\n\n", "whitespace", "whitespace") for m in re.finditer(r"\n(?:[ \t]*\n){2,}", text)]
    lead = re.match(r"\s+", text)
    if lead:
        out = [c for c in out if c.start >= lead.end()] + [Change(0, lead.end(), "", "whitespace", "whitespace")]
    tail = re.search(r"\s+\Z", text)
    if tail and tail.group() != "\n" and tail.start() > (lead.end() if lead else 0):
        out = [c for c in out if c.end <= tail.start()] + [Change(tail.start(), tail.end(), "\n" if "\n" in tail.group() else "", "whitespace", "whitespace")]
    return out
