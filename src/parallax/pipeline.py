"""The whole analysis as a chain of small stages over plain data.

    ingest -> prepare (header, metadata) -> repair -> dedupe -> annotate (spaCy) -> embed
           -> stories -> per story: link entities, compare (facts, conflicts, origins),
              framing, timeline -> report

Per-article stages (``prepare_docs``, ``annotate_articles``) and per-story stages
(``analyse_story``) are plain functions, so the local engine and the Dask engine run the same
code.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from . import SCHEMA
from .carrier import Article, Change, EditableText
from .errors import NothingToAnalyse, message
from .ingest import RawDoc, Skipped, load
from .ingest.metadata import clean_value, detect_language, iso_date, outlet_from
from .model import ArticleAnnotations

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Analysed:
    """One article after the per-article stages."""

    article: Article
    ann: ArticleAnnotations
    lead: np.ndarray  # embedding of title and lead, for story grouping
    claim_vectors: dict[int, np.ndarray] = field(default_factory=dict)  # sentence index -> embedding
    chunks: list[tuple[int, int, str]] = field(default_factory=list)  # noun phrases: start, end, head lemma


@dataclass
class Options:
    disabled_rules: frozenset[str] = frozenset()


# ---------------------------------------------------------------- per-article stages


def start_carrier(doc: RawDoc) -> EditableText:
    """A carrier over the raw input with junk lines and the header block already removed."""
    et = EditableText(doc.raw)
    changes = []
    if doc.prefix_end:
        changes.append(Change(0, doc.prefix_end, "", "boilerplate", "junk_before_header"))
    if doc.body_start > doc.prefix_end:
        changes.append(Change(doc.prefix_end, doc.body_start, "", "header", "header_block"))
    et.apply(changes)
    return et


def article_meta(doc: RawDoc, index: int) -> dict:
    m = doc.meta
    url = clean_value(m.get("url"))
    return {
        "id": f"a{index + 1}",
        "path": doc.path,
        "title": clean_value(m.get("title")),
        "outlet": clean_value(m.get("outlet")) or outlet_from(url, doc.path),
        "published": iso_date(m.get("published")),
        "url": url,
        "author": clean_value(m.get("author")),
        "fmt": doc.fmt,
        "language": clean_value(m.get("language")),
    }


def prepare_docs(docs: list[RawDoc], options: Options) -> tuple[list[Article], list[Skipped]]:
    """Repair every document with corpus-wide context; drop (and report) empty and duplicate ones."""
    from . import repair as repair_stage

    carriers = [start_carrier(d) for d in docs]
    metas = [article_meta(d, i) for i, d in enumerate(docs)]
    stats = repair_stage.build_context([(m["outlet"], et.text, m["title"]) for m, et in zip(metas, carriers)])
    articles, skipped = [], []
    seen: dict[str, str] = {}
    for doc, et, meta in zip(docs, carriers, metas):
        repair_stage.repair(et, repair_stage.context_for(stats, meta["outlet"], meta["title"]), options.disabled_rules)
        if not et.text.strip():
            skipped.append(Skipped(doc.path, message("no_body")))
            continue
        if meta["title"] is None and hasattr(repair_stage, "guess_title"):
            meta["title"] = repair_stage.guess_title(et.text)
        digest = hashlib.sha1(" ".join(et.text.split()).encode()).hexdigest()
        if digest in seen:
            skipped.append(Skipped(doc.path, message("duplicate_article", other=seen[digest])))
            continue
        seen[digest] = doc.path
        meta["language"] = meta["language"] or detect_language(et.text)
        articles.append(Article.from_editable(et, **meta))
    for i, a in enumerate(articles):  # ids follow the analysed articles only
        a.id = f"a{i + 1}"
    return articles, skipped


def lead_text(article: Article, ann: ArticleAnnotations, sentences: int = 4) -> str:
    lead = " ".join(s.text for s in ann.sentences[:sentences])
    return f"{article.title or ''}. {lead}" if article.title else lead


def annotate_articles(articles: list[Article], progress: Progress | None = None, batch_size: int = 32) -> list[Analysed]:
    """spaCy once over every text (batched), then our annotators and the embeddings."""
    from .annotate import annotate
    from .annotate.nlp import load_nlp
    from .compare.claims import claim_indices, claim_text
    from .embed import embed

    nlp = load_nlp()
    anns: list[ArticleAnnotations] = []
    chunks: list[list[tuple[int, int, str]]] = []
    for i, doc in enumerate(nlp.pipe((a.text for a in articles), batch_size=batch_size)):
        anns.append(annotate(articles[i].text, doc, articles[i].published))
        chunks.append([(c.start_char, c.end_char, c.root.lemma_.lower()) for c in doc.noun_chunks if c.root.pos_ != "PRON"])
        if progress:
            progress("annotate", i + 1, len(articles))
    leads = embed([lead_text(a, ann) for a, ann in zip(articles, anns)])
    out = []
    for a, ann, lead, ch in zip(articles, anns, leads, chunks):
        idx = claim_indices(ann)
        vecs = embed([claim_text(ann, k) for k in idx])
        out.append(Analysed(a, ann, lead, dict(zip(idx, vecs)), ch))
    return out


# ---------------------------------------------------------------- corpus and story stages


def story_vector(x: Analysed) -> np.ndarray:
    """Title and lead, plus the centroid of every claim: the lead says what happened, the
    centroid keeps a short or oddly opened article near its story."""
    v = x.lead.copy()
    if x.claim_vectors:
        c = np.mean(list(x.claim_vectors.values()), axis=0)
        v += c / max(float(np.linalg.norm(c)), 1e-9)
    return v / max(float(np.linalg.norm(v)), 1e-9)


def group_stories(items: list[Analysed]) -> list[list[int]]:
    from .link import fold_key
    from .stories import StoryInput, entity_keys, group

    inputs = [StoryInput(story_vector(x), entity_keys(x.ann.mentions, fold_key), x.article.published) for x in items]
    labels = group(inputs).labels
    stories: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        stories.setdefault(lab, []).append(i)
    return [stories[k] for k in sorted(stories)]


def analyse_story(story_id: str, items: list[Analysed]) -> dict:
    """Everything said about one story: entities, facts, timeline, framing (a contract story)."""
    from .compare import compare_story
    from .compare.framing import framing
    from .compare.timeline import timeline
    from .link import link_entities

    entities = link_entities([(x.article.id, x.article.text, x.ann.mentions) for x in items])
    facts = compare_story(items, entities)
    return {
        "id": story_id,
        "title": story_title(items),
        "articles": [x.article.id for x in items],
        "outlets": sorted({x.article.outlet for x in items}),
        "dates": sorted({x.article.published for x in items if x.article.published}),
        "entities": entities,
        "facts": facts,
        "timeline": timeline(items),
        "framing": framing(items, entities),
    }


def story_title(items: list[Analysed]) -> str:
    """The title of the article closest to the story's centre (the most typical telling)."""
    titled = [x for x in items if x.article.title] or items
    centre = np.mean([x.lead for x in titled], axis=0)
    best = max(titled, key=lambda x: float(x.lead @ centre))
    return best.article.title or (best.ann.sentences[0].text if best.ann.sentences else best.article.id)


# ---------------------------------------------------------------- whole runs


def analyze_docs(docs: list[RawDoc], skipped: list[Skipped], options: Options | None = None,
                 progress: Progress | None = None) -> dict:
    from .report.build import build_report

    options = options or Options()
    articles, dropped = prepare_docs(docs, options)
    skipped = skipped + dropped
    if not articles:
        raise NothingToAnalyse(message("nothing_analysed", n=len(skipped)))
    items = annotate_articles(articles, progress)
    groups = group_stories(items)
    stories = []
    for k, members in enumerate(groups):
        stories.append(analyse_story(f"s{k + 1}", [items[i] for i in members]))
        if progress:
            progress("compare", k + 1, len(groups))
    return build_report(items, stories, skipped, SCHEMA)


def analyze(paths: Iterable[str] | str, *, disabled_rules: Iterable[str] = (), progress: Progress | None = None):
    """Analyse files, folders and URLs; returns a :class:`parallax.report.Report`.

    Raises ``NothingToAnalyse`` when no input could be read; unreadable inputs are listed
    under ``report.data["skipped"]``."""
    from .report import Report

    if isinstance(paths, str):
        paths = [paths]
    from .ingest import MAX_BYTES

    docs, skipped = load(paths, MAX_BYTES)
    if progress:
        progress("ingest", len(docs), len(docs))
    data = analyze_docs(docs, skipped, Options(disabled_rules=frozenset(disabled_rules)), progress)
    return Report(data)
