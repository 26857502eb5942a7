"""The article carrier: raw text, repaired text and the character map between them.

Every later layer (sentence, mention, claim, fact) points at spans of ``Article.text``;
``Article.to_raw`` turns any such span back into the exact raw characters.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np


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
        # one pass that rebuilds text and map: linear however many changes a rule makes
        text, starts, ends = [], array("l"), array("l")
        pos = 0
        for c in kept:
            r0, r1 = self.raw_span(c.start, c.end)
            text.append(self.text[pos : c.start])
            starts.extend(self.src_start[pos : c.start])
            ends.extend(self.src_end[pos : c.start])
            text.append(c.replacement)
            starts.extend(array("l", [r0]) * len(c.replacement))
            ends.extend(array("l", [r1]) * len(c.replacement))
            self._log.append((r0, r1, c.kind, c.rule, c.note))
            pos = c.end
        text.append(self.text[pos:])
        starts.extend(self.src_start[pos:])
        ends.extend(self.src_end[pos:])
        self.text, self.src_start, self.src_end = "".join(text), starts, ends
        return len(kept)

    def _kept(self) -> np.ndarray:
        """Mask of the characters that are untouched raw characters (produced by no change): each
        maps to exactly one raw character, equal to it, in order with its neighbours."""
        n = len(self.text)
        start, end = _ints(self.src_start), _ints(self.src_end)
        raw = np.append(_codes(self.raw), np.uint32(0xFFFFFFFF))  # a text char inserted at the very end maps to len(raw)
        kept = (end - start == 1) & (raw[start] == _codes(self.text))
        if n > 1:
            kept[1:] &= end[:-1] <= start[1:]
            kept[:-1] &= start[1:] >= start[:-1] + 1
        return kept

    def edits(self) -> list[Edit]:
        """The edit log: maximal runs where text and raw differ, derived from the character map
        (so applying every edit to ``raw`` yields ``text`` exactly), each labelled with the kinds
        and rules of the changes that touched it. Between two consecutive kept characters (or the
        text's ends) lies an edit when text characters or raw characters are there."""
        n = len(self.text)
        start = _ints(self.src_start)
        kept = np.flatnonzero(self._kept())
        after = np.append(kept, n)  # each kept character, and the end
        before = np.insert(kept, 0, -1)  # the kept character before it (-1: none)
        raw_after = np.append(start[kept], len(self.raw))
        raw_before = np.insert(start[kept] + 1, 0, 0)
        differ = np.flatnonzero((after - before > 1) | (raw_after > raw_before))
        spans = list(zip(raw_before[differ].tolist(), raw_after[differ].tolist(),
                         (before[differ] + 1).tolist(), after[differ].tolist()))
        return self._label(spans)

    def _label(self, spans) -> list[Edit]:
        """Attach to each span the changes whose raw spans touch it (one sweep over both lists)."""
        log = sorted(self._log, key=lambda t: t[0])
        out, active, k = [], [], 0
        for r0, r1, t0, t1 in spans:
            while k < len(log) and log[k][0] <= r1:
                active.append(log[k])
                k += 1
            active = [t for t in active if t[1] >= r0]
            parts = [t for t in active if (t[0] < r1 and t[1] > r0) or t[0] == t[1] or r0 == r1]
            kinds = list(dict.fromkeys(t[2] for t in parts)) or ["whitespace"]
            out.append(Edit(
                kind="+".join(kinds),
                raw_start=r0,
                raw_end=r1,
                before=self.raw[r0:r1],
                after=self.text[t0:t1],
                start=t0,
                end=t1,
                rule="+".join(dict.fromkeys(t[3] for t in parts if t[3])),
                note="; ".join(dict.fromkeys(t[4] for t in parts if t[4])),
            ))
        return out


def _ints(values: array) -> np.ndarray:
    return np.frombuffer(values, dtype=np.dtype(f"i{values.itemsize}")) if len(values) else np.zeros(0, dtype=np.int64)


def _codes(text: str) -> np.ndarray:
    """Code point of every character (lone surrogates from broken input included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


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
