"""Flat rows (one per fact, one per claim) for DataFrames, CSV and Parquet."""
from __future__ import annotations


def _outlets(data: dict) -> dict[str, str]:
    return {a["id"]: a.get("outlet") or a["id"] for a in data.get("articles", [])}


def iter_facts(data: dict):
    """Yield ``(story, fact)`` for every fact of every story."""
    for story in data.get("stories", []):
        for fact in story.get("facts", []):
            yield story, fact


def fact_rows(data: dict) -> list[dict]:
    outlets = _outlets(data)
    rows = []
    for story, fact in iter_facts(data):
        claims = fact.get("claims", [])
        rows.append({
            "story": story["id"],
            "fact": fact["id"],
            "summary": fact.get("summary", ""),
            "status": fact.get("status", ""),
            "outlets": "; ".join(sorted({outlets.get(c["article"], c["article"]) for c in claims})),
            "claims": len(claims),
            "independent_sources": fact.get("independent_sources"),
            "conflict_types": "; ".join(c.get("type", "") for c in fact.get("conflicts", [])),
            "explanation": fact.get("explanation")
            or "; ".join(c.get("explanation", "") for c in fact.get("conflicts", [])),
        })
    return rows


def claim_rows(data: dict) -> list[dict]:
    outlets = _outlets(data)
    articles = {a["id"]: a for a in data.get("articles", [])}
    rows = []
    for story, fact in iter_facts(data):
        for claim in fact.get("claims", []):
            attribution = claim.get("attribution") or {}
            article = articles.get(claim["article"], {})
            rows.append({
                "story": story["id"],
                "fact": fact["id"],
                "status": fact.get("status", ""),
                "summary": fact.get("summary", ""),
                "article": claim["article"],
                "outlet": outlets.get(claim["article"], claim["article"]),
                "published": article.get("published"),
                "url": article.get("url"),
                "text": claim.get("text", ""),
                "start": claim.get("start"),
                "end": claim.get("end"),
                "speaker": attribution.get("speaker"),
                "attribution_kind": attribution.get("kind", "none"),
                "hedge": claim.get("hedge"),
                "polarity": claim.get("polarity", "asserted"),
            })
    return rows
