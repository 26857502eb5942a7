"""Line and block views of a text with their offsets, shared by the line-based rules."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..carrier import Change


@dataclass(frozen=True)
class Line:
    start: int  # first character
    end: int  # end of the content, before the newline
    stop: int  # after the newline (== end on the last line)
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def lines(text: str) -> list[Line]:
    out, pos, n = [], 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        stop = n if nl < 0 else nl + 1
        out.append(Line(pos, end, stop, text[pos:end]))
        pos = stop
    return out


def blocks(text: str) -> list[list[Line]]:
    """Runs of non-blank lines (paragraphs, captions, widgets)."""
    out: list[list[Line]] = [[]]
    for ln in lines(text):
        if ln.text.strip():
            out[-1].append(ln)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def norm(s: str) -> str:
    """Comparison key for repeated lines: case and spacing do not count."""
    return " ".join(s.split()).casefold()


BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
BLANK_BEFORE = re.compile(r"(?:\A|\n)[ \t]*\n[ \t]*\Z|\A\s*\Z")


def drop_lines(text: str, doomed: list[Line], kind: str, rule: str, note: str = "") -> list[Change]:
    """Remove whole lines: one change per run of adjacent lines (runs apart by blank lines only
    merge), taking along the blank lines the removal would otherwise leave doubled: those after
    it when a blank line or the text start precedes it, those before it when it ends the text."""
    spans: list[list[int]] = []
    for run in runs(sorted(doomed, key=lambda ln: ln.start)):
        start, stop = run[0].start, run[-1].stop
        if BLANK_BEFORE.search(text, max(0, start - 80), start):
            stop = BLANK_LINES.match(text, stop).end()
        merge_into(spans, start, stop)
    if spans and not text[spans[-1][1] :].strip():
        while True:  # widening to the blank lines before may reach the previous removal
            start = spans.pop()[0]
            content_end = len(text[:start].rstrip())
            merge_into(spans, content_end + 1 if content_end else 0, len(text))
            if spans[-1][0] == start:
                break
    return [Change(start, stop, "", kind, rule, note) for start, stop in spans]


def merge_into(spans: list[list[int]], start: int, stop: int) -> None:
    """Append ``[start, stop)`` to sorted spans, merging it with the last one when they meet."""
    while spans and start <= spans[-1][1]:
        start, stop = min(start, spans[-1][0]), max(stop, spans.pop()[1])
    spans.append([start, stop])


def runs(ordered: list[Line]) -> list[list[Line]]:
    """Lines grouped into runs of directly adjacent ones."""
    out: list[list[Line]] = []
    for ln in ordered:
        if out and out[-1][-1].stop == ln.start:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out
