"""Line and block views of a text with their offsets, shared by the line-based rules."""
from __future__ import annotations

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


def drop(line: Line, kind: str, rule: str, note: str = "") -> Change:
    """Remove a whole line with its newline."""
    return Change(line.start, line.stop, "", kind, rule, note)
