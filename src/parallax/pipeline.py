"""The whole analysis as a chain of small stages over plain data.

    ingest -> prepare (header, metadata) -> repair -> dedupe -> annotate (spaCy) -> embed
           -> stories -> per story: link entities, compare (facts, conflicts, origins),
              framing, timeline -> report

Per-article stages (``prepare_docs``, ``annotate_articles``) and per-story stages
(``analyse_story``) are plain functions, so the local engine and the Dask engine run the same
code. Between stages a whole run's corpus waits on disk (``parallax.spill``), not in memory.
"""
from __future__ import annotations

import hashlib
import pickle
from array import array
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from time import perf_counter
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from . import SCHEMA
from .carrier import Article, Change, EditableText
from .errors import NothingToAnalyse, message
from .engine import InlineEngine
from .ingest import RawDoc, Skipped
from .ingest.metadata import clean_value, detect_language, iso_date, outlet_from
from .model import ArticleAnnotations
from .spill import Spill, Spilled, dumps

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
    claim_vectors: str = "static"  # a registered claim embedder (parallax.embed.CLAIM_EMBEDDERS)


def settings(options: Options) -> dict:
    """The choices a report was made with, recorded in it so a run can be audited and repeated."""
    return {"claim_vectors": options.claim_vectors, "disabled_rules": sorted(options.disabled_rules)}


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


def article_meta(doc: RawDoc) -> dict:
    m = doc.meta
    url = clean_value(m.get("url"))
    return {
        "id": "",  # numbered once duplicates are dropped
        "path": doc.path,
        "title": clean_value(m.get("title")),
        "outlet": clean_value(m.get("outlet")) or outlet_from(url, doc.path),
        "published": iso_date(m.get("published")),
        "url": url,
        "author": clean_value(m.get("author")),
        "fmt": doc.fmt,
        "language": clean_value(m.get("language")),
    }


PARTITION = 64  # articles per task; fixed, so the partitions (and the output) never depend on the engine


def partitions(items: Iterable, size: int = PARTITION) -> Iterator[list]:
    """Consecutive lists of ``size`` items from a stream (the last one shorter)."""
    it = iter(items)
    while part := list(islice(it, size)):
        yield part


def count_partition(docs: list[RawDoc]):
    """Corpus counts of one partition; merged in partition order they equal one count over all."""
    from .repair import build_context

    metas = [article_meta(d) for d in docs]
    # the body is what start_carrier leaves: the raw text after the junk lines and the header block
    return build_context([(m["outlet"], d.raw[max(d.prefix_end, d.body_start):], m["title"]) for m, d in zip(metas, docs)])


def merge_counts(parts: Iterable):
    from .repair import CorpusStats

    total = CorpusStats()
    for p in parts:
        total.words.update(p.words)
        for outlet, lines in p.outlet_lines.items():
            total.outlet_lines.setdefault(outlet, Counter()).update(lines)
        total.outlet_articles.update(p.outlet_articles)
    return total


def repair_partition(docs: list[RawDoc], stats, options: Options) -> list[Article | Skipped]:
    """Repair one partition with the corpus counts; an article, or why it was dropped, per doc."""
    from . import repair as repair_stage

    out: list[Article | Skipped] = []
    for doc in docs:
        et, meta = start_carrier(doc), article_meta(doc)
        if meta["title"] is None:  # before repair, so the headline's repeats in the body go too
            meta["title"] = repair_stage.guess_title(et.text)
        if meta["title"]:  # a header title carries the body's damage; repaired, it matches the body's headline
            meta["title"] = repair_stage.repair_title(meta["title"], repair_stage.context_for(stats, meta["outlet"], None))
        repair_stage.repair(et, repair_stage.context_for(stats, meta["outlet"], meta["title"]), options.disabled_rules)
        if not et.text.strip():
            out.append(Skipped(doc.path, message("no_body")))
            continue
        meta["language"] = meta["language"] or detect_language(et.text)
        out.append(compact(Article.from_editable(et, **meta)))
    return out


def compact(article: Article) -> Article:
    """Char map in 4-byte offsets (texts stay under MAX_CHARS): half the memory per article kept,
    and half the bytes sent back from workers."""
    article.src_start, article.src_end = array("i", article.src_start), array("i", article.src_end)
    return article


def dedupe(repaired: Iterable[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    """Drop repeated texts (the first copy stays) and number the articles that remain a1, a2, ..."""
    skipped: list[Skipped] = []
    return list(unique_articles(repaired, skipped)), skipped


def unique_articles(repaired: Iterable[Article | Skipped], skipped: list[Skipped]) -> Iterator[Article]:
    """:func:`dedupe` as a stream: the articles numbered as they pass, the rest added to ``skipped``."""
    seen: dict[bytes, str] = {}
    n = 0
    for a in repaired:
        if isinstance(a, Skipped):
            skipped.append(a)
            continue
        digest = hashlib.sha1(" ".join(a.text.split()).encode()).digest()
        if digest in seen:
            skipped.append(Skipped(a.path, message("duplicate_article", other=seen[digest])))
            continue
        seen[digest] = a.path
        n += 1
        a.id = f"a{n}"
        yield a


def repaired_articles(parts: Sequence[list[RawDoc]], options: Options, engine, skipped: list[Skipped]) -> Iterator[Article]:
    """Repair every document with corpus-wide context (counted over ``parts`` first, so they are
    read twice); empty and duplicate ones are added to ``skipped``."""
    stats = merge_counts(engine.map(count_partition, parts))
    return unique_articles((a for part in engine.map(repair_partition, parts, stats, options) for a in part), skipped)


def prepare_docs(docs: list[RawDoc], options: Options, engine=None) -> tuple[list[Article], list[Skipped]]:
    """Repair every document with corpus-wide context; drop (and report) empty and duplicate ones."""
    skipped: list[Skipped] = []
    articles = list(repaired_articles(list(partitions(docs)), options, engine or InlineEngine(), skipped))
    return articles, skipped


LEAD_TOKENS = 32  # the title and opening words; longer leads cost more and grouped no better on our gold sets


def lead_text(article: Article, ann: ArticleAnnotations, sentences: int = 2) -> str:
    lead = " ".join(s.text for s in ann.sentences[:sentences])
    return f"{article.title or ''}. {lead}" if article.title else lead


# Text per spaCy batch: 32 short articles, 16 of news length. A batch's activations set a worker's
# peak memory (news-length batches of 8, 16 and 32 peaked at 440, 499 and 607 MB), and batches of
# 8 ran about 5 % slower than 16 or 32 (spaCy's own time, 8 alternated runs over 128 articles).
PIPE_CHARS, PIPE_BATCH = 32000, 32


def pipe_batch_size(articles: list[Article]) -> int:
    mean = sum(len(a.text) for a in articles) / max(len(articles), 1)
    return max(1, min(PIPE_BATCH, int(PIPE_CHARS // max(mean, 1))))


def annotate_articles(articles: list[Article], options: Options | None = None, progress: Progress | None = None) -> list[Analysed]:
    """spaCy once over every text (batched), then our annotators; leads (by MiniLM) and claims (by
    the chosen claim embedder) of all the articles embedded in one batched call each."""
    from .annotate import annotate
    from .annotate.nlp import load_nlp
    from .compare.claims import claim_indices, claim_text
    from .embed import claim_embedder, embed

    nlp = load_nlp()
    anns: list[ArticleAnnotations] = []
    chunks: list[list[tuple[int, int, str]]] = []
    for i, doc in enumerate(nlp.pipe((a.text for a in articles), batch_size=pipe_batch_size(articles))):
        anns.append(annotate(articles[i].text, doc, articles[i].published))
        chunks.append([(c.start_char, c.end_char, c.root.lemma_.lower()) for c in doc.noun_chunks if c.root.pos_ != "PRON"])
        if progress:
            progress("annotate", i + 1, len(articles))
    leads = embed([lead_text(a, ann) for a, ann in zip(articles, anns)], max_tokens=LEAD_TOKENS)
    indices = [claim_indices(ann) for ann in anns]
    embed_claims = claim_embedder((options or Options()).claim_vectors)
    # half precision: claim vectors are most of an analysed corpus's memory, and cosines need no more
    vectors = iter(embed_claims([claim_text(ann, k) for ann, idx in zip(anns, indices) for k in idx]).astype(np.float16))
    return [Analysed(a, ann, lead, {k: next(vectors) for k in idx}, ch)
            for a, ann, lead, idx, ch in zip(articles, anns, leads, indices, chunks)]


# ---------------------------------------------------------------- corpus and story stages


def story_vectors(items: list[Analysed]) -> np.ndarray:
    """The lead's vector joined with the centroid of the claims' vectors: the lead says what
    happened, the centroid keeps a short or oddly opened article near its story. They come from
    different embedders, so they are concatenated, not added; the cosine of two such vectors is
    the mean of the lead and centroid cosines. Single precision, like the embeddings themselves:
    grouping keeps one per article in memory (3 KB, 300 MB at 100k articles)."""
    leads = np.stack([x.lead for x in items])
    cents = np.stack([np.mean(list(x.claim_vectors.values()), axis=0, dtype=np.float32) if x.claim_vectors else np.zeros_like(x.lead)
                      for x in items])  # no claims: the lead alone, at half weight
    cents /= np.maximum(np.linalg.norm(cents, axis=1, keepdims=True), 1e-9)
    return (np.concatenate([leads, cents], axis=1) / np.float32(np.sqrt(2))).astype(np.float32, copy=False)


def story_inputs(items: list[Analysed]) -> list:
    """What grouping needs from each article (:class:`parallax.stories.StoryInput`): kept while
    the analysed articles themselves wait on disk."""
    from .link.names import fold as fold_key
    from .stories import StoryInput, entity_keys

    vectors = story_vectors(items) if items else []
    return [StoryInput(v, entity_keys(x.ann.mentions, fold_key), x.article.published) for v, x in zip(vectors, items)]


def group_stories(inputs: list) -> list[list[int]]:
    """Stories as lists of article positions, in order of their first article."""
    from .stories import group

    stories: dict[int, list[int]] = {}
    for i, lab in enumerate(group(inputs).labels):
        stories.setdefault(lab, []).append(i)
    return [stories[k] for k in sorted(stories)]


def analyse_story(story_id: str, items: list[Analysed]) -> dict:
    """Everything said about one story: entities, facts, timeline, framing (a contract story)."""
    from .compare import compare_story
    from .compare.framing import framing
    from .compare.timeline import timeline
    from .link import link_entities
    from .report.build import add_raw_offsets

    entities = link_entities([(x.article.id, x.article.text, x.ann.mentions) for x in items])
    facts = compare_story(items, entities)
    story = {
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
    add_raw_offsets(story, {x.article.id: x.article for x in items})
    return story


def story_title(items: list[Analysed]) -> str:
    """The title of the article closest to the story's centre (the most typical telling)."""
    titled = [x for x in items if x.article.title] or items
    centre = np.mean([x.lead for x in titled], axis=0)
    best = max(titled, key=lambda x: float(x.lead @ centre))
    return best.article.title or (best.ann.sentences[0].text if best.ann.sentences else best.article.id)


# ---------------------------------------------------------------- whole runs


def annotate_partition(articles: list[Article], options: Options) -> tuple[list[bytes], list]:
    """:func:`annotate_articles` as an engine task: the analysed articles come back pickled, for
    the main process to write to disk as they are, with what grouping needs from each."""
    items = annotate_articles(articles, options)
    return [dumps(x) for x in items], story_inputs(items)


def analyse_stories(batch: list[tuple[str, list[bytes]]]) -> list[tuple[dict, list[dict]]]:
    """Each story of a task (its analysed articles pickled, as read from disk), with its articles'
    entries in the report: the task holds the analysed articles already, so the main process never
    reads them back from disk."""
    from .report.build import article_dict

    out = []
    for story_id, pickled in batch:
        items = [pickle.loads(b) for b in pickled]
        out.append((analyse_story(story_id, items), [article_dict(x, story_id) for x in items]))
    return out


def story_batches(groups: list[list[int]], items: Sequence, size: int = PARTITION) -> Iterator[list]:
    """Stories in order, packed into tasks of about ``size`` articles (one story is never split);
    ``items`` are the articles as the tasks take them (pickled, for :func:`analyse_stories`)."""
    batch, n = [], 0
    for k, members in enumerate(groups):
        batch.append((f"s{k + 1}", [items[i] for i in members]))
        n += len(members)
        if n >= size:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


class StageTimes(list):
    """``(stage, start, end)`` per stage of a run (perf_counter seconds), for the benchmarks."""

    @contextmanager
    def __call__(self, stage: str):
        start = perf_counter()
        yield
        self.append((stage, start, perf_counter()))


def analyze_docs(docs: Iterable[RawDoc], skipped: list[Skipped], options: Options | None = None,
                 progress: Progress | None = None, engine=None, times: StageTimes | None = None,
                 stories_on_disk: bool = False) -> dict:
    """The whole analysis over a stream of documents; ``engine`` (default: this process) runs the
    per-partition and per-story tasks.

    Between stages the corpus waits in a :class:`Spill` on disk, a partition or an article per
    record, and the engine reads it a few tasks ahead of its workers: memory holds what grouping
    needs (a vector, entity keys and a date per article), the stories' results and the report.
    ``stories_on_disk``: the report's stories stay in a temporary file too, read back one at a
    time (``report["stories"]`` is then a read-only :class:`Spilled`)."""
    from .embed import prepare
    from .report.build import build_report

    options = options or Options()
    engine = engine or InlineEngine()
    stage = times if times is not None else (lambda name: nullcontext())
    prepare(options.claim_vectors)  # an unknown name fails before any work
    with Spill() as spill:
        with stage("ingest"):
            doc_parts = Spilled(spill, partitions(docs))
        with stage("repair"):
            article_parts, n_articles = Spilled(spill), 0
            for part in partitions(repaired_articles(doc_parts, options, engine, skipped)):
                article_parts.append(part)
                n_articles += len(part)
        if not n_articles:
            raise NothingToAnalyse(message("nothing_analysed", n=len(skipped)), skipped)
        items, inputs = Spilled(spill), []  # every analysed article on disk; what grouping needs in memory
        with stage("annotate"):
            for pickled, part_inputs in engine.map(annotate_partition, article_parts, options):
                for blob in pickled:
                    items.append_pickled(blob)
                inputs.extend(part_inputs)
                if progress:
                    progress("annotate", len(items), n_articles)
        with stage("stories"):
            groups = group_stories(inputs)
        del inputs
        stories = Spilled(Spill()) if stories_on_disk else []  # its own file: it outlives the run's
        articles: list[dict | None] = [None] * len(items)
        with stage("compare"):
            for batch in engine.map(analyse_stories, story_batches(groups, items.pickled)):
                for story, entries in batch:
                    stories.append(story)
                    for i, entry in zip(groups[len(stories) - 1], entries):
                        articles[i] = entry
                if progress:
                    progress("compare", len(stories), len(groups))
        with stage("report"):
            return build_report(articles, stories, skipped, SCHEMA, settings(options))


def analyze(paths: Iterable[str] | str, *, disabled_rules: Iterable[str] = (), claim_vectors: str = "static",
            progress: Progress | None = None, engine=None, times: StageTimes | None = None,
            stories_on_disk: bool = False):
    """Analyse files, folders and URLs; returns a :class:`parallax.report.Report`.

    ``engine`` comes from :func:`parallax.engine.make_engine` (default: everything in this
    process). Raises ``NothingToAnalyse`` when no input could be read; unreadable inputs are listed
    under ``report.data["skipped"]``. ``stories_on_disk=True`` keeps the stories, most of a
    report, in a temporary file until they are read or written (for large corpora):
    ``report.data["stories"]`` is then a read-only sequence rather than a list."""
    from .ingest import MAX_BYTES, iter_docs
    from .report import Report

    if isinstance(paths, str):
        paths = [paths]
    skipped: list[Skipped] = []

    def docs() -> Iterator[RawDoc]:  # the input streams: Skipped items are set aside as they pass
        for item in iter_docs(paths, MAX_BYTES):
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                yield item

    options = Options(disabled_rules=frozenset(disabled_rules), claim_vectors=claim_vectors)
    data = analyze_docs(docs(), skipped, options, progress, engine, times, stories_on_disk)
    return Report(data)
