"""Exports: facts and claims as CSV or Parquet tables, claims as schema.org ClaimReview-style JSON-LD."""
from __future__ import annotations

import io
import json
from pathlib import Path

from ..errors import UsageError, message
from . import views
from .files import write_atomic
from .tables import claim_rows, fact_rows, iter_facts

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value):
    """Spreadsheets run cells that start like a formula; scraped text must not (OWASP CSV injection)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _frames(data: dict):
    import pandas as pd

    return {"facts": pd.DataFrame(fact_rows(data)), "claims": pd.DataFrame(claim_rows(data))}


def to_csv(data: dict, folder: Path) -> list[Path]:
    written = []
    for name, frame in _frames(data).items():
        text = frame.map(_defuse).to_csv(index=False)
        written.append(write_atomic(folder / f"{name}.csv", text))
    return written


def to_parquet(data: dict, folder: Path) -> list[Path]:
    written = []
    for name, frame in _frames(data).items():
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        written.append(write_atomic(folder / f"{name}.parquet", buffer.getvalue()))
    return written


_PERSON_KINDS = ("anonymous", "expert", "social")  # a lone human source, unless entities say otherwise


def _entity_types(story: dict) -> dict[str, str]:
    return {name: e.get("type", "") for e in story.get("entities", [])
            for name in [e.get("name"), *e.get("aliases", [])] if name}


def _claimant(claim: dict, outlet: str, entity_types: dict[str, str]) -> dict:
    """Who made the claim: the quoted speaker (typed by the story's entities when known), else the outlet."""
    attribution = claim.get("attribution") or {}
    speaker, kind = attribution.get("speaker"), attribution.get("kind", "none")
    if not speaker:
        return {"@type": "Organization", "name": outlet}
    etype = entity_types.get(speaker)
    person = etype == "PERSON" if etype else kind in _PERSON_KINDS
    return {"@type": "Person" if person else "Organization", "name": speaker}


def claim_reviews(data: dict) -> dict:
    """One ClaimReview per claim: the words, who made the claim, where and when it appeared, and
    Parallax's cross-outlet finding (agreed / conflict / single-source) as the rating's name."""
    articles = views.articles_by_id(data)
    graph = []
    for story, fact in iter_facts(data):
        entity_types = _entity_types(story)
        finding = fact.get("status", "")
        if fact.get("conflicts"):
            finding += ": " + ", ".join(c.get("type", "") for c in fact["conflicts"])
        for i, claim in enumerate(fact.get("claims", [])):
            article = articles.get(claim["article"], {})
            outlet = views.outlet_of(article) if article else claim["article"]
            appearance = {"@type": "NewsArticle", "headline": article.get("title"),
                          "publisher": {"@type": "Organization", "name": outlet}}
            if article.get("url"):
                appearance["url"] = article["url"]
            item = {"@type": "Claim", "author": _claimant(claim, outlet, entity_types), "appearance": appearance}
            if article.get("published"):
                item["datePublished"] = article["published"]
            graph.append({
                "@type": "ClaimReview",
                "@id": "#" + views.claim_anchor(story["id"], fact["id"], i),
                "claimReviewed": claim.get("text", ""),
                "itemReviewed": item,
                "reviewBody": fact.get("explanation") or fact.get("summary", ""),
                "reviewRating": {"@type": "Rating", "alternateName": finding},
                "author": {"@type": "Organization", "name": "Parallax"},
            })
    return {"@context": "https://schema.org", "@graph": graph}


def to_jsonld(data: dict, path: Path) -> list[Path]:
    if path.is_dir():
        path = path / "claims.jsonld"
    return [write_atomic(path, json.dumps(claim_reviews(data), ensure_ascii=False, indent=2) + "\n")]


def export(data: dict, fmt: str, out: str | Path) -> list[Path]:
    """Write ``data`` as ``fmt``: csv and parquet into the folder ``out`` (facts.* and claims.*),
    jsonld into the file ``out`` (or ``out/claims.jsonld`` when it is a folder). Returns the files."""
    if fmt not in WRITERS:
        raise UsageError(message("export_format", fmt=fmt))
    return WRITERS[fmt](data, Path(out))


WRITERS = {"csv": to_csv, "parquet": to_parquet, "jsonld": to_jsonld}
