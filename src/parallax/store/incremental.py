"""``parallax add``: put new articles into a store, re-analysing only the stories they touch.

Every stored article keeps its raw input (the ``sources`` table), so the corpus can be regrouped:
all articles are repaired and annotated again (story grouping needs every article's vectors), then
only the stories whose membership changed are compared again; the others, and their articles, stay
exactly as stored. Articles stored from a plain report (no raw input) keep their stories untouched.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from .. import SCHEMA
from ..errors import message
from .sqlite import Store


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)  # new article ids
    touched: list[str] = field(default_factory=list)  # stories (re)analysed
    kept: list[str] = field(default_factory=list)  # stories left as stored
    dropped: list[str] = field(default_factory=list)  # stories whose articles all moved elsewhere
    skipped: list[dict] = field(default_factory=list)


def _next_id(prefix: str, used: Iterable[str]) -> int:
    numbers = [int(m.group(1)) for u in used if (m := re.fullmatch(rf"{prefix}(\d+)", u))]
    return max(numbers, default=0) + 1


def _story_ids(groups: list[set[str]], old: dict[str, set[str]], used: list[str]) -> list[str]:
    """Each group keeps the id of the stored story it overlaps most (once); the rest get ids after ``used``."""
    ids, taken = [], set()
    fresh = _next_id("s", used)
    for members in groups:
        best = max((sid for sid in old if sid not in taken and old[sid] & members),
                   key=lambda sid: (len(old[sid] & members), sid), default=None)
        if best is None:
            best, fresh = f"s{fresh}", fresh + 1
        taken.add(best)
        ids.append(best)
    return ids


def add_paths(store: Store, paths: list[str], disabled_rules: Iterable[str] = ()) -> AddResult:
    from .. import pipeline
    from ..ingest import RawDoc, load
    from ..report.build import article_dict

    corpus, sources = store.report(), store.sources()
    docs, skipped = load(paths)
    known = {d["raw"]: aid for aid, d in sources.items()}
    result = AddResult(skipped=[s.to_dict() for s in skipped])
    new_docs = []
    for doc in docs:
        if doc.raw in known:
            result.skipped.append({"path": doc.path, "reason": message("duplicate_article", other=known[doc.raw])})
        else:
            new_docs.append(doc)
    if not new_docs:
        return result

    old_docs = [RawDoc(**d) for d in sources.values()]
    articles, dropped = pipeline.prepare_docs(old_docs + new_docs, pipeline.Options(frozenset(disabled_rules)))
    result.skipped += [s.to_dict() for s in dropped]
    old_id_of_raw = {d["raw"]: aid for aid, d in sources.items()}
    fresh = _next_id("a", [a["id"] for a in corpus["articles"]])
    for a in articles:  # stored articles keep their ids; new ones continue the numbering
        if a.raw in old_id_of_raw:
            a.id = old_id_of_raw[a.raw]
        else:
            a.id, fresh = f"a{fresh}", fresh + 1
            result.added.append(a.id)
    # the stored report's claim vectors, so old and new stories are aligned alike
    options = pipeline.Options(frozenset(disabled_rules), corpus.get("settings", {}).get("claim_vectors", "static"))
    items = pipeline.annotate_articles(articles, options)
    groups = [[items[i] for i in g] for g in pipeline.group_stories(pipeline.story_inputs(items))]
    member_sets = [{x.article.id for x in g} for g in groups]

    reanalysable = set(sources)
    old_members = {s["id"]: set(s["articles"]) for s in corpus["stories"] if set(s["articles"]) <= reanalysable}
    story_ids = _story_ids(member_sets, old_members, [s["id"] for s in corpus["stories"]])
    touched = [(sid, g) for sid, g, m in zip(story_ids, groups, member_sets) if old_members.get(sid) != m]
    result.touched = [sid for sid, _ in touched]
    result.kept = [sid for sid in story_ids if sid not in result.touched]
    result.dropped = sorted(set(old_members) - set(story_ids))

    stories = [pipeline.analyse_story(sid, g) for sid, g in touched]
    update = {
        "schema": SCHEMA,
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "settings": pipeline.settings(options),
        "articles": [article_dict(x, sid) for sid, g in touched for x in g],
        "skipped": result.skipped,
        "stories": stories,
    }
    new_sources = {a.id: asdict(doc) for a, doc in _pair(articles, old_docs + new_docs) if a.id in result.added}
    store.merge(update, drop_stories=tuple(result.dropped), sources=new_sources)
    return result


def _pair(articles, docs):
    """(article, the raw input it came from), matched by raw text (dedupe drops some docs)."""
    by_raw = {d.raw: d for d in docs}
    return [(a, by_raw[a.raw]) for a in articles if a.raw in by_raw]
