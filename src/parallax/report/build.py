"""Assemble the ``parallax.report/1`` dict from the analysed articles and stories."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Sequence

from .. import __version__


def article_dict(x, story_id: str) -> dict:
    a = x.article
    return {
        "id": a.id,
        "path": a.path,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "language": a.language,
        "url": a.url,
        "author": a.author,
        "format": a.fmt,
        "text": a.text,
        "edits": [e.to_dict() for e in a.edits],
        "story": story_id,
        "annotations": {
            "sentences": len(x.ann.sentences),
            "quotes": [{"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker} for q in x.ann.quotes],
            "dates": [{"start": d.start, "end": d.end, "text": d.text, "value": d.value, "relative": d.relative} for d in x.ann.dates],
            "quantities": [{"start": q.start, "end": q.end, "text": q.text, "value": q.value, "unit": q.unit,
                            "counted": q.counted, "approx": q.approx} for q in x.ann.quantities],
        },
    }


def add_raw_offsets(story: dict, by_id: dict) -> None:
    """Every claim and timeline entry of a story also points at the raw input (``raw_start``/``raw_end``)."""
    for f in story["facts"]:
        for c in f["claims"]:
            c["raw_start"], c["raw_end"] = by_id[c["article"]].to_raw(c["start"], c["end"])
    for t in story["timeline"]:
        t["raw_start"], t["raw_end"] = by_id[t["article"]].to_raw(t["start"], t["end"])


def build_report(articles: list[dict], stories: Sequence[dict], skipped, schema: str, settings: dict) -> dict:
    """``articles``: each article's :func:`article_dict`, in input order; ``stories`` is not
    read (it may stream from disk)."""
    return {
        "schema": schema,
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "generator": f"parallax {__version__}",
        "settings": settings,
        "articles": articles,
        "skipped": [s.to_dict() for s in skipped],
        "stories": stories,
    }
