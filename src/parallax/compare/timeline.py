"""The dated events of a story across all outlets, in order, each linked to its words."""
from __future__ import annotations

from .claims import sentence_at


def timeline(items) -> list[dict]:
    entries = []
    for x in items:
        for d in x.ann.dates:
            if not d.value or not x.ann.sentences:
                continue
            s = x.ann.sentences[sentence_at(x.ann, d.start)]
            entries.append({"date": d.value, "text": s.text, "article": x.article.id, "start": s.start, "end": s.end,
                            "date_text": d.text, "relative": d.relative})
    entries.sort(key=lambda e: (e["date"], e["article"], e["start"]))
    return entries
