"""Page payloads: each web page is rendered from one of these dicts, and its JSON twin *is* the dict.

The JSON shape is versioned as ``parallax.api/1`` and documented in docs/api.md.
"""
from __future__ import annotations

import threading
from pathlib import Path

from ..errors import message
from ..report import views
from ..store import Store, open_corpus

API_SCHEMA = "parallax.api/1"
CONTEXT_CHARS = 80  # characters shown either side of an entity mention


class NotFound(LookupError):
    """A story, article or entity id that the corpus does not hold."""


class Corpus:
    """The served corpus: the report dict for page views, the SQLite store for search.

    A corpus served from a file reloads when the file changes (a re-run ``analyze`` or an ``add``
    into the store shows up without restarting the server)."""

    def __init__(self, source: str | Path | Store):
        self._lock = threading.Lock()  # one SQLite connection, shared by the server's worker threads
        self._watched = [] if isinstance(source, Store) else _watched_files(Path(source))
        self._stamp = self._stamps()
        self._load(source if isinstance(source, Store) else open_corpus(source))

    def _load(self, store: Store) -> None:
        data = store.report()
        articles, stories = views.articles_by_id(data), {s["id"]: s for s in data.get("stories", [])}
        self.store, self.data, self.articles, self.stories = store, data, articles, stories

    def _stamps(self) -> tuple:
        return tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in self._watched)

    def refresh(self) -> None:
        stamp = self._stamps()
        if stamp == self._stamp:
            return
        with self._lock:
            old = self.store
            self._stamp = stamp
            self._load(open_corpus(self._watched[0]))
            old.close()

    def story(self, story_id: str) -> dict:
        if story_id not in self.stories:
            raise NotFound(message("no_story", id=story_id))
        return self.stories[story_id]

    def article(self, article_id: str) -> dict:
        if article_id not in self.articles:
            raise NotFound(message("no_article", id=article_id))
        return self.articles[article_id]

    def search(self, query: str) -> dict:
        with self._lock:
            return self.store.search(query)


def _watched_files(source: Path) -> list[Path]:
    main = source / "report.json" if source.is_dir() else source
    return [main, main.with_name(main.name + "-wal")]  # a store's recent commits live in its WAL file


def _page(name: str, **payload) -> dict:
    return {"schema": API_SCHEMA, "page": name, **payload}


def stories_page(corpus: Corpus, query: str = "") -> dict:
    overviews = [views.story_overview(s, corpus.articles) for s in corpus.stories.values()]
    results = corpus.search(query) if query.strip() else None
    if results:
        for hit in results["claims"]:
            hit["anchor"] = views.claim_anchor(hit["story"], hit["fact"], hit["claim"])
    return _page("stories", query=query, generated=corpus.data.get("generated"),
                 stories=overviews, results=results, skipped=corpus.data.get("skipped", []))


def story_page(corpus: Corpus, story_id: str) -> dict:
    story = corpus.story(story_id)
    articles = [{"id": a, "outlet": views.outlet_of(corpus.articles[a]), "title": corpus.articles[a].get("title"),
                 "published": corpus.articles[a].get("published")}
                for a in story.get("articles", []) if a in corpus.articles]
    return _page("story", **views.story_view(story, corpus.articles), articles=articles)


def article_page(corpus: Corpus, article_id: str) -> dict:
    article = corpus.article(article_id)
    view = views.article_view(article, corpus.stories.get(article.get("story")))
    meta = {k: v for k, v in article.items() if k not in ("annotations", "edits")}
    return _page("article", article=meta, outlet=view["outlet"], highlights=view["marks"],
                 counts=view["counts"], edits=view["edits"])


def _mention_view(corpus: Corpus, story_id: str, entity_id: str, index: int, mention: dict) -> dict:
    article = corpus.articles.get(mention.get("article"), {})
    text, start, end = article.get("text", ""), mention.get("start") or 0, mention.get("end") or 0
    return {
        "article": mention.get("article"), "outlet": views.outlet_of(article) if article else None,
        "start": start, "end": end, "anchor": views.mention_anchor(story_id, entity_id, index),
        "before": text[max(0, start - CONTEXT_CHARS):start], "words": text[start:end],
        "after": text[end:end + CONTEXT_CHARS],
    }


def _covers(claim: dict, mention: dict) -> bool:
    """Whether the mention's words lie inside the claim's words."""
    return (claim.get("article") == mention["article"] and claim.get("start") is not None
            and claim["start"] <= mention["start"] and mention["end"] <= claim.get("end", -1))


def entity_page(corpus: Corpus, story_id: str, entity_id: str) -> dict:
    story = corpus.story(story_id)
    entity = next((e for e in story.get("entities", []) if e["id"] == entity_id), None)
    if entity is None:
        raise NotFound(message("no_entity", id=entity_id, story=story_id))
    mentions = [_mention_view(corpus, story_id, entity_id, i, m) for i, m in enumerate(entity.get("mentions", []))]
    facts = [{"id": f["id"], "summary": f.get("summary", ""), "status": f.get("status")}
             for f in story.get("facts", []) if any(_covers(c, m) for c in f.get("claims", []) for m in mentions)]
    return _page("entity", story={"id": story_id, "title": story.get("title") or story_id},
                 entity={k: v for k, v in entity.items() if k != "mentions"}, mentions=mentions, facts=facts)
