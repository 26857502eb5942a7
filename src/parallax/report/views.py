"""View models shared by report.html, report.md and the web app: plain dicts built from the report dict.

Everything here works on the contract fields and uses the pipeline's extras (edit spans, conflict
claim indices, story outlets/dates, fact explanations) only when they are present.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


def outlet_of(article: dict) -> str:
    return article.get("outlet") or article["id"]


def articles_by_id(data: dict) -> dict[str, dict]:
    return {a["id"]: a for a in data.get("articles", [])}


def claim_anchor(story_id: str, fact_id: str, index: int) -> str:
    """DOM id of a claim's words in the article view (unique across the report)."""
    return f"claim-{story_id}-{fact_id}-{index}"


def mention_anchor(story_id: str, entity_id: str, index: int) -> str:
    return f"mention-{story_id}-{entity_id}-{index}"


def date_anchor(story_id: str, index: int) -> str:
    return f"date-{story_id}-{index}"


def story_outlets(story: dict, articles: dict[str, dict]) -> list[str]:
    """Outlets in the order their articles appear in the story (one column each in the matrix)."""
    if story.get("outlets"):
        return list(dict.fromkeys(story["outlets"]))
    return list(dict.fromkeys(outlet_of(articles[a]) for a in story.get("articles", []) if a in articles))


def story_dates(story: dict, articles: dict[str, dict]) -> list[str]:
    if story.get("dates"):
        return sorted(set(story["dates"]))
    return sorted({articles[a]["published"] for a in story.get("articles", [])
                   if a in articles and articles[a].get("published")})


def story_overview(story: dict, articles: dict[str, dict]) -> dict:
    facts = story.get("facts", [])
    return {
        "id": story["id"],
        "title": story.get("title") or story["id"],
        "outlets": story_outlets(story, articles),
        "dates": story_dates(story, articles),
        "articles": [a for a in story.get("articles", []) if a in articles],
        "facts": len(facts),
        "conflicts": sum(f.get("status") == "conflict" for f in facts),
        "single_source": sum(f.get("status") == "single-source" for f in facts),
        "agreed": sum(f.get("status") == "agreed" for f in facts),
    }


def _claim_view(story_id: str, fact_id: str, index: int, claim: dict, articles: dict[str, dict]) -> dict:
    attribution = claim.get("attribution") or {}
    article = articles.get(claim["article"], {})
    return {
        "anchor": claim_anchor(story_id, fact_id, index),
        "article": claim["article"],
        "outlet": outlet_of(article) if article else claim["article"],
        "text": claim.get("text", ""),
        "speaker": attribution.get("speaker"),
        "kind": attribution.get("kind", "none"),
        "hedge": claim.get("hedge"),
        "polarity": claim.get("polarity", "asserted"),
    }


def _conflict_view(conflict: dict, claims: list[dict], articles: dict[str, dict]) -> dict:
    """Values keyed by outlet, each linked to the claims (anchors) that carry it."""
    chosen = [claims[i] for i in conflict.get("claims", []) if 0 <= i < len(claims)] or claims
    values = []
    for key, value in (conflict.get("values") or {}).items():
        article = articles.get(key)
        anchors = [c["anchor"] for c in chosen if c["article"] == key or c["outlet"] == key]
        values.append({"who": outlet_of(article) if article else key, "key": key,
                       "value": value, "anchors": anchors})
    return {"type": conflict.get("type", ""), "explanation": conflict.get("explanation", ""), "values": values}


def fact_matrix(story: dict, articles: dict[str, dict]) -> dict:
    """Row per fact, column per outlet; a cell lists that outlet's claims with attribution and hedge."""
    outlets = story_outlets(story, articles)
    rows = []
    for fact in story.get("facts", []):
        claims = [_claim_view(story["id"], fact["id"], i, c, articles) for i, c in enumerate(fact.get("claims", []))]
        cells = defaultdict(list)
        for claim in claims:
            cells[claim["outlet"]].append(claim)
        rows.append({
            "id": fact["id"],
            "summary": fact.get("summary", ""),
            "status": fact.get("status", ""),
            "explanation": fact.get("explanation"),
            "independent_sources": fact.get("independent_sources"),
            "origins": fact.get("origins", []),
            "claims": claims,
            "cells": [cells.get(o, []) for o in outlets],
            "conflicts": [_conflict_view(c, claims, articles) for c in fact.get("conflicts", [])],
        })
    return {"outlets": outlets, "rows": rows}


def timeline(story: dict, articles: dict[str, dict]) -> list[dict]:
    entries = []
    for j, entry in enumerate(story.get("timeline", [])):
        article = articles.get(entry.get("article"), {})
        entries.append({**entry, "anchor": date_anchor(story["id"], j),
                        "outlet": outlet_of(article) if article else entry.get("article")})
    return sorted(entries, key=lambda e: (e.get("date") or "", e.get("outlet") or ""))


def entities(story: dict, articles: dict[str, dict]) -> list[dict]:
    views = []
    for entity in story.get("entities", []):
        mentions = entity.get("mentions", [])
        views.append({
            **entity,
            "aliases": [a for a in entity.get("aliases", []) if a != entity.get("name")],
            "mention_count": len(mentions),
            "outlets": list(dict.fromkeys(outlet_of(articles[m["article"]]) for m in mentions
                                          if m.get("article") in articles)),
        })
    return sorted(views, key=lambda e: (-e["mention_count"], e.get("name", "")))


def framing(story: dict, articles: dict[str, dict]) -> dict:
    """Referent rows against outlet columns: each outlet's words for the same thing, side by side."""
    outlets = story_outlets(story, articles)
    rows = story.get("framing", [])
    extra = [o for row in rows for o in row.get("terms", {}) if o not in outlets]
    outlets = outlets + list(dict.fromkeys(extra))
    return {"outlets": outlets,
            "rows": [{"referent": r.get("referent", ""),
                      "cells": [r.get("terms", {}).get(o, []) for o in outlets]} for r in rows]}


def story_view(story: dict, articles: dict[str, dict]) -> dict:
    """Everything shown for one story; ``articles`` is :func:`articles_by_id` of the report."""
    return {
        "overview": story_overview(story, articles),
        "matrix": fact_matrix(story, articles),
        "timeline": timeline(story, articles),
        "entities": entities(story, articles),
        "framing": framing(story, articles),
    }


# --- article view: the text cut into segments, each carrying the marks that cover it -----------------


def _date_words(entry: dict) -> tuple:
    """The date's own words when the pipeline says which (``date_text``), else the entry's whole span."""
    start, end = entry.get("start"), entry.get("end")
    words, text = entry.get("date_text"), entry.get("text") or ""
    if isinstance(start, int) and words and words in text:
        offset = text.index(words)
        return start + offset, start + offset + len(words)
    return start, end


def _claim_marks(story: dict, article_id: str) -> list[dict]:
    return [{"kind": "claim", "start": claim.get("start"), "end": claim.get("end"),
             "key": claim_anchor(story["id"], fact["id"], i), "status": fact.get("status", ""),
             "label": f"{fact['id']}: {fact.get('summary', '')}"}
            for fact in story.get("facts", []) for i, claim in enumerate(fact.get("claims", []))
            if claim.get("article") == article_id]


def _entity_marks(story: dict, article_id: str) -> list[dict]:
    return [{"kind": "entity", "start": m.get("start"), "end": m.get("end"),
             "key": mention_anchor(story["id"], entity["id"], j), "entity": entity["id"],
             "label": f"{entity.get('name', '')} ({entity.get('type', '')})"}
            for entity in story.get("entities", []) for j, m in enumerate(entity.get("mentions", []))
            if m.get("article") == article_id]


def _date_marks(story: dict, article_id: str) -> list[dict]:
    return [{"kind": "date", "start": start, "end": end, "key": date_anchor(story["id"], j),
             "label": entry.get("date") or ""}
            for j, entry in enumerate(story.get("timeline", [])) if entry.get("article") == article_id
            for start, end in [_date_words(entry)]]


def _edit_marks(article: dict) -> list[dict]:
    return [{"kind": "edit", "start": e["start"], "end": e["end"], "key": f"edit-{article['id']}-{j}",
             "label": f"{e.get('kind', '')}: {e.get('before', '')!r} → {e.get('after', '')!r}"}
            for j, e in enumerate(article.get("edits", [])) if "start" in e and "end" in e]


def _article_marks(article: dict, story: dict | None) -> list[dict]:
    """Every span to highlight in one article: claims, entity mentions, timeline dates, repairs."""
    per_story = [f(story, article["id"]) for f in (_claim_marks, _entity_marks, _date_marks)] if story else []
    return [m for marks in per_story for m in marks] + _edit_marks(article)


def _valid(mark: dict, length: int) -> bool:
    start, end = mark.get("start"), mark.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length


def segments(text: str, marks: list[dict]) -> list[dict]:
    """Cut ``text`` at every mark boundary. Each piece is ``{"text", "marks"}``; a piece with
    ``"anchors"`` opens marks there, and ``"points"`` are empty marks (deletions) at that place."""
    marks = [m for m in marks if _valid(m, len(text))]
    cuts = sorted({0, len(text)} | {m["start"] for m in marks} | {m["end"] for m in marks})
    opening, closing, points = defaultdict(list), defaultdict(list), defaultdict(list)
    for k, m in enumerate(marks):
        if m["start"] == m["end"]:
            points[m["start"]].append(m)
        else:
            opening[m["start"]].append(k)
            closing[m["end"]].append(k)
    pieces, covering = [], set()  # one sweep: a mark covers the pieces from its start to its end
    for a, b in zip(cuts, cuts[1:] + [None]):
        covering.difference_update(closing[a])
        covering.update(opening[a])
        piece = text[a:b] if b is not None else ""
        if not (piece or opening[a] or points[a]):
            continue
        over = [marks[k] for k in sorted(covering)] if b is not None else []
        pieces.append({"text": piece, "start": a, "marks": over, "anchors": [marks[k]["key"] for k in opening[a]],
                       "points": points[a], **(_span_attributes(over) if over else _NO_SPAN)})
    return pieces


_NO_SPAN = {"classes": "", "mark_keys": "", "title": ""}


def _span_attributes(marks: list[dict]) -> dict:
    """What the highlighted span shows (made here once, not by template filters per piece): CSS
    classes by kind and fact status, the marks' keys, and their labels as a tooltip."""
    return {"classes": "".join(f" k-{k}" for k in dict.fromkeys(m["kind"] for m in marks))
                       + "".join(f" s-{m['status']}" for m in marks if "status" in m),
            "mark_keys": " ".join(m["key"] for m in marks), "title": "\n".join(m.get("label", "") for m in marks)}


def article_view(article: dict, story: dict | None, segmented: bool = True) -> dict:
    """The article's marks and, when ``segmented``, its text cut into marked segments (what the
    HTML shows; the Markdown bolds the claims alone); ``story`` is the story it was placed in."""
    marks = _article_marks(article, story)
    view = {
        "article": article,
        "outlet": outlet_of(article),
        "marks": marks,
        "claims": [m for m in marks if m["kind"] == "claim"],
        "edits": article.get("edits", []),
        "counts": {kind: sum(m["kind"] == kind for m in marks) for kind in ("claim", "entity", "date", "edit")},
    }
    if segmented:
        view["segments"] = segments(article.get("text", ""), marks)
    return view


class ArticleViews(Mapping):
    """Article id -> :func:`article_view` in the story it was placed in, built when asked for and
    not kept: the views of a large corpus's articles together outweigh the report itself."""

    def __init__(self, articles: dict[str, dict], story: "LastStory", story_of: dict[str, int]):
        self._articles, self._story, self._story_of = articles, story, story_of

    def __getitem__(self, article_id: str) -> dict:
        return self.view(article_id)

    def view(self, article_id: str, segmented: bool = True) -> dict:
        k = self._story_of.get(article_id)
        return article_view(self._articles[article_id], None if k is None else self._story(k), segmented)

    def __contains__(self, article_id) -> bool:  # Mapping's own would build the view to find out
        return article_id in self._articles

    def __iter__(self):
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


class StoryViews(Sequence):
    """Per story in order: ``{"story": the story, **story_view}``, built when read and not kept,
    so the stories may stream from disk (``parallax.spill.Spilled``) as a format is written."""

    def __init__(self, story: "LastStory", articles: dict[str, dict]):
        self._story, self._articles = story, articles

    def __getitem__(self, k: int) -> dict:
        story = self._story(range(len(self))[k])
        return {"story": story, **story_view(story, self._articles)}

    def __len__(self) -> int:
        return len(self._story.stories)


class LastStory:
    """Story ``k`` of the report, read again only when another is asked for: a format reads a
    story's view, then its articles' views, which need the same story (from disk, it is one read)."""

    def __init__(self, stories: Sequence[dict]):
        self.stories, self._k, self._story = stories, None, None

    def __call__(self, k: int) -> dict:
        if k != self._k:
            self._k, self._story = k, self.stories[k]
        return self._story


@dataclass
class ReportViews:
    """The views of one report, read by each format written from it."""

    stories: StoryViews
    nav: list[dict]  # per story: id and title, for the table of contents
    article_views: ArticleViews
    unplaced: list[str]  # ids of articles in no story


def report_views(data: dict) -> ReportViews:
    by_id = articles_by_id(data)
    stories = data.get("stories", [])
    story_of, nav = {}, []
    for k, s in enumerate(stories):  # one pass: the stories may be read from disk
        story_of.update((a, k) for a in s.get("articles", []))
        nav.append({"id": s["id"], "title": s.get("title") or s["id"]})
    last = LastStory(stories)
    return ReportViews(StoryViews(last, by_id), nav, ArticleViews(by_id, last, story_of),
                       [a for a in by_id if a not in story_of])


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays plain text."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None
