"""The article carrier: raw text, repaired text and the character map between them.

Every later layer (sentence, mention, claim, fact) points at spans of ``Article.text``;
``Article.to_raw`` turns any such span back into the exact raw characters.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Iterable


@dataclass
class Change:
    """One replacement proposed by a repair rule, in the coordinates of the text it saw."""

    start: int
    end: int
    replacement: str
    kind: str
    rule: str = ""
    note: str = ""


@dataclass
class Edit:
    """One recorded repair, in raw coordinates (``raw[raw_start:raw_end] == before``)
    and in repaired-text coordinates (``text[start:end] == after``)."""

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str
    start: int = 0
    end: int = 0
    rule: str = ""
    note: str = ""

    def to_dict(self) -> dict:
        d = {
            "kind": self.kind,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
            "before": self.before,
            "after": self.after,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
        }
        if self.note:
            d["note"] = self.note
        return d


class EditableText:
    """Text under repair that remembers, for every character, which raw characters it came from.

    Each character ``i`` of the current text stems from ``raw[src_start[i]:src_end[i]]``:
    an untouched character maps to one raw character, a replacement's characters all map to
    the raw span they replaced. Applying changes keeps the map exact, so edits made by later
    rules on top of earlier ones still resolve to raw offsets.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self.text = raw
        self.src_start = array("l", range(len(raw)))
        self.src_end = array("l", range(1, len(raw) + 1))
        self._log: list[tuple[int, int, str, str, str]] = []  # raw_start, raw_end, kind, rule, note

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span for the current-text span ``[start, end)``; an empty span maps to a point."""
        if start < end:
            return self.src_start[start], self.src_end[end - 1]
        if start < len(self.text):
            p = self.src_start[start]
        elif self.text:
            p = self.src_end[-1]
        else:
            p = len(self.raw)
        return p, p

    def apply(self, changes: Iterable[Change]) -> int:
        """Apply non-overlapping changes (current-text coordinates); returns how many applied."""
        ordered = sorted(changes, key=lambda c: (c.start, c.end))
        kept: list[Change] = []
        last_end = -1
        for c in ordered:
            if c.start < last_end or c.start > c.end or c.end > len(self.text):
                continue  # overlapping or out of range: the rule's own bug, never half-apply it
            if self.text[c.start:c.end] == c.replacement:
                continue
            kept.append(c)
            last_end = max(c.end, c.start + (c.start == c.end))
        for c in reversed(kept):
            r0, r1 = self.raw_span(c.start, c.end)
            n = len(c.replacement)
            self.text = self.text[: c.start] + c.replacement + self.text[c.end :]
            self.src_start[c.start : c.end] = array("l", [r0] * n)
            self.src_end[c.start : c.end] = array("l", [r1] * n)
            self._log.append((r0, r1, c.kind, c.rule, c.note))
        return len(kept)

    def edits(self) -> list[Edit]:
        """The edit log: logged changes merged where their raw spans overlap or touch the same
        characters, so that applying every edit to ``raw`` yields ``text`` exactly."""
        spans = sorted(self._log, key=lambda t: (t[0], t[1]))
        groups: list[list] = []
        for r0, r1, kind, rule, note in spans:
            if groups and (r0 < groups[-1][1] or (r0 == groups[-1][1] == groups[-1][0] == r1)):
                g = groups[-1]
                g[1] = max(g[1], r1)
                g[2].append((kind, rule, note))
            else:
                groups.append([r0, r1, [(kind, rule, note)]])
        out: list[Edit] = []
        starts = self.src_start
        n = len(self.text)
        # first text index whose source starts at or after a raw offset: a binary search
        def first_at_or_after(raw_pos: int) -> int:
            lo, hi = 0, n
            while lo < hi:
                mid = (lo + hi) // 2
                if starts[mid] < raw_pos:
                    lo = mid + 1
                else:
                    hi = mid
            return lo

        for r0, r1, parts in groups:
            t0 = first_at_or_after(r0)
            t1 = t0
            while t1 < n and starts[t1] < r1:
                t1 += 1
            # a pure insertion at r0 (r0 == r1) has its characters sourced at r0
            while r0 == r1 and t1 < n and starts[t1] == r0 and self.src_end[t1] == r0:
                t1 += 1
            kinds = [k for k, _, _ in parts]
            out.append(
                Edit(
                    kind=kinds[0] if len(set(kinds)) == 1 else "+".join(dict.fromkeys(kinds)),
                    raw_start=r0,
                    raw_end=r1,
                    before=self.raw[r0:r1],
                    after=self.text[t0:t1],
                    start=t0,
                    end=t1,
                    rule="+".join(dict.fromkeys(r for _, r, _ in parts if r)),
                    note="; ".join(x for _, _, x in parts if x),
                )
            )
        return out


def apply_edits(raw: str, edits: Iterable[Edit | dict]) -> str:
    """Rebuild the repaired text from the raw text and an edit log (dicts as in report.json)."""
    pieces, pos = [], 0
    for e in sorted(edits, key=lambda e: (_get(e, "raw_start"), _get(e, "raw_end"))):
        pieces.append(raw[pos : _get(e, "raw_start")])
        pieces.append(_get(e, "after"))
        pos = _get(e, "raw_end")
    pieces.append(raw[pos:])
    return "".join(pieces)


def _get(e, key):
    return e[key] if isinstance(e, dict) else getattr(e, key)


@dataclass
class Article:
    """One article through the whole pipeline."""

    id: str
    path: str
    raw: str
    text: str = ""
    edits: list[Edit] = field(default_factory=list)
    outlet: str = ""
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    language: str | None = None
    author: str | None = None
    fmt: str = "text"  # text | markdown | html | json
    src_start: array = field(default_factory=lambda: array("l"))
    src_end: array = field(default_factory=lambda: array("l"))
    story: str | None = None

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the repaired-text span ``[start, end)``."""
        if not len(self.src_start):
            return start, end
        if start < end:
            return self.src_start[start], self.src_end[end - 1]
        p = self.src_start[start] if start < len(self.text) else len(self.raw)
        return p, p

    @classmethod
    def from_editable(cls, et: EditableText, **meta) -> "Article":
        return cls(raw=et.raw, text=et.text, edits=et.edits(), src_start=et.src_start, src_end=et.src_end, **meta)
