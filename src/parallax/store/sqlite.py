"""The corpus store: analysed reports persisted in one SQLite file, with full-text search.

Why SQLite rather than DuckDB: the store is many small keyed writes (one story re-analysed, a few
articles added) and point reads from the web app, which is what a row store does well; FTS5 ships
inside Python's own sqlite3, whereas DuckDB's full-text index is an extension fetched at run time
(no network here). Every write runs in one transaction, so a crash leaves the old corpus intact.

Each story and article is kept whole as JSON (so ``report()`` gives back exactly what was saved,
pipeline extras included) next to flat, indexed tables for search and queries.
"""
from __future__ import annotations

import json
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

STORE_SCHEMA = "parallax.store/1"
_HIT_OPEN, _HIT_CLOSE = "\x02", "\x03"  # snippet markers that cannot occur in stored text

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY, title TEXT, position INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, story TEXT, outlet TEXT, title TEXT,
  published TEXT, url TEXT, language TEXT, path TEXT, text TEXT NOT NULL, position INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facts (
  story TEXT NOT NULL, id TEXT NOT NULL, summary TEXT, status TEXT, independent_sources INTEGER,
  PRIMARY KEY (story, id));
CREATE TABLE IF NOT EXISTS claims (
  rowid INTEGER PRIMARY KEY, story TEXT NOT NULL, fact TEXT NOT NULL, idx INTEGER NOT NULL,
  article TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT NOT NULL, speaker TEXT,
  attribution_kind TEXT, hedge TEXT, polarity TEXT);
CREATE TABLE IF NOT EXISTS entities (
  story TEXT NOT NULL, id TEXT NOT NULL, name TEXT, type TEXT, aliases TEXT, PRIMARY KEY (story, id));
CREATE TABLE IF NOT EXISTS mentions (
  story TEXT NOT NULL, entity TEXT NOT NULL, article TEXT NOT NULL, start INTEGER, "end" INTEGER);
CREATE TABLE IF NOT EXISTS skipped (path TEXT, reason TEXT);
CREATE TABLE IF NOT EXISTS sources (article TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_by_story ON claims (story, fact);
CREATE INDEX IF NOT EXISTS mentions_by_story ON mentions (story, entity);
CREATE INDEX IF NOT EXISTS articles_by_story ON articles (story);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
  text, speaker, content='claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END;
CREATE TRIGGER IF NOT EXISTS claims_ai AFTER INSERT ON claims BEGIN
  INSERT INTO claims_fts (rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker); END;
CREATE TRIGGER IF NOT EXISTS claims_ad AFTER DELETE ON claims BEGIN
  INSERT INTO claims_fts (claims_fts, rowid, text, speaker) VALUES ('delete', old.rowid, old.text, old.speaker); END;
"""


def fts_query(text: str) -> str | None:
    """User words -> an FTS5 query that cannot be a syntax error: every word quoted, the last one a prefix."""
    words = re.findall(r"\w+", text or "")
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words) + "*"


def snippet_parts(snippet: str) -> list[dict]:
    """Split an FTS snippet into ``{"text", "hit"}`` parts, so callers escape text and mark hits themselves."""
    parts = []
    for i, chunk in enumerate(re.split(f"[{_HIT_OPEN}{_HIT_CLOSE}]", snippet)):
        if chunk:
            parts.append({"text": chunk, "hit": i % 2 == 1})
    return parts


class Store:
    """One SQLite file (or ``":memory:"``) holding one corpus."""

    def __init__(self, path: str | Path = ":memory:"):
        self.path = str(path)
        # autocommit mode: transactions are opened explicitly by ``transaction()``
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        if self.path != ":memory:":
            self.db.execute("PRAGMA journal_mode = WAL")  # readers (the web app) never block a writer
        with self.transaction() as db:
            for statement in _DDL.split(";\n"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (STORE_SCHEMA,))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self):
        """All-or-nothing: commit on success, roll back on any error."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # --- writing -------------------------------------------------------------------------------

    def save(self, data: dict) -> None:
        """Replace the whole corpus with this report."""
        with self.transaction() as db:
            for table in ("stories", "articles", "facts", "claims", "entities", "mentions", "skipped", "sources"):
                db.execute(f"DELETE FROM {table}")  # table names are constants, never user input
            self._insert(db, data)

    def merge(self, data: dict, drop_stories: tuple[str, ...] = (), sources: dict[str, dict] | None = None) -> None:
        """Add or replace the report's stories and articles, keeping the rest of the corpus; also drop
        the stories ``drop_stories`` (with their articles) and record raw ``sources`` (article id ->
        raw input) so those articles can be re-analysed later."""
        with self.transaction() as db:
            replaced = [s["id"] for s in data.get("stories", [])]
            keep_place = dict(db.execute(  # a re-analysed story stays where it was in the listing
                f"SELECT id, position FROM stories WHERE id IN ({','.join('?' * len(replaced))})", replaced).fetchall())
            for story_id in replaced + list(drop_stories):
                self._delete_story(db, story_id)
            for article in data.get("articles", []):
                db.execute("DELETE FROM articles WHERE id = ?", (article["id"],))
            self._insert(db, data, keep_place)
            db.executemany("INSERT OR REPLACE INTO sources VALUES (?, ?)",
                           [(aid, json.dumps(doc, ensure_ascii=False)) for aid, doc in (sources or {}).items()])
            db.execute("DELETE FROM sources WHERE article NOT IN (SELECT id FROM articles)")

    def _delete_story(self, db: sqlite3.Connection, story_id: str) -> None:
        for table in ("facts", "claims", "entities", "mentions"):
            db.execute(f"DELETE FROM {table} WHERE story = ?", (story_id,))
        db.execute("DELETE FROM articles WHERE story = ?", (story_id,))
        db.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def _insert(self, db: sqlite3.Connection, data: dict, places: dict[str, int] | None = None) -> None:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('generated', ?)", (data.get("generated") or "",))
        if "settings" in data:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('settings', ?)", (json.dumps(data["settings"]),))
        base = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM stories").fetchone()[0]
        for i, story in enumerate(data.get("stories", [])):
            position = (places or {}).get(story["id"], base + i)
            db.execute("INSERT INTO stories VALUES (?, ?, ?, ?)",
                       (story["id"], story.get("title"), position, json.dumps(story, ensure_ascii=False)))
            self._insert_story_rows(db, story)
        base = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM articles").fetchone()[0]
        for i, a in enumerate(data.get("articles", [])):
            db.execute(
                "INSERT INTO articles (id, story, outlet, title, published, url, language, path, text, position, doc)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a["id"], a.get("story"), a.get("outlet"), a.get("title"), a.get("published"), a.get("url"),
                 a.get("language"), a.get("path"), a.get("text", ""), base + i, json.dumps(a, ensure_ascii=False)))
        db.executemany("INSERT INTO skipped VALUES (?, ?)",
                       [(s.get("path"), s.get("reason")) for s in data.get("skipped", [])])

    @staticmethod
    def _insert_story_rows(db: sqlite3.Connection, story: dict) -> None:
        sid = story["id"]
        for fact in story.get("facts", []):
            db.execute("INSERT INTO facts VALUES (?, ?, ?, ?, ?)",
                       (sid, fact["id"], fact.get("summary"), fact.get("status"), fact.get("independent_sources")))
            for i, c in enumerate(fact.get("claims", [])):
                attribution = c.get("attribution") or {}
                db.execute(
                    'INSERT INTO claims (story, fact, idx, article, start, "end", text, speaker, attribution_kind,'
                    " hedge, polarity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (sid, fact["id"], i, c["article"], c.get("start"), c.get("end"), c.get("text", ""),
                     attribution.get("speaker"), attribution.get("kind"), c.get("hedge"), c.get("polarity")))
        for e in story.get("entities", []):
            db.execute("INSERT INTO entities VALUES (?, ?, ?, ?, ?)",
                       (sid, e["id"], e.get("name"), e.get("type"), json.dumps(e.get("aliases", []))))
            db.executemany('INSERT INTO mentions VALUES (?, ?, ?, ?, ?)',
                           [(sid, e["id"], m.get("article"), m.get("start"), m.get("end"))
                            for m in e.get("mentions", [])])

    # --- reading -------------------------------------------------------------------------------

    def report(self) -> dict:
        """The stored corpus as a ``parallax.report/1`` dict."""
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        data = {
            "schema": "parallax.report/1",
            "generated": meta.get("generated", ""),
            "articles": [json.loads(r[0]) for r in self.db.execute("SELECT doc FROM articles ORDER BY position")],
            "skipped": [dict(r) for r in self.db.execute("SELECT path, reason FROM skipped")],
            "stories": [json.loads(r[0]) for r in self.db.execute("SELECT doc FROM stories ORDER BY position")],
        }
        if "settings" in meta:
            data["settings"] = json.loads(meta["settings"])
        return data

    def sources(self) -> dict[str, dict]:
        """Article id -> its raw input (as recorded by ``merge``), in article order."""
        rows = self.db.execute("SELECT s.article, s.doc FROM sources s JOIN articles a ON a.id = s.article"
                               " ORDER BY a.position").fetchall()
        return {r[0]: json.loads(r[1]) for r in rows}

    def counts(self) -> dict[str, int]:
        return {table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("stories", "articles", "facts", "claims", "entities", "mentions")}

    def search(self, text: str, limit: int = 50) -> dict[str, list[dict]]:
        """Full-text search over article titles and bodies and over claims (with their speakers)."""
        query = fts_query(text)
        if not query:
            return {"articles": [], "claims": []}
        marks = (_HIT_OPEN, _HIT_CLOSE, "…", 16)
        articles = self.db.execute(
            "SELECT a.id, a.story, a.outlet, a.title, snippet(articles_fts, 1, ?, ?, ?, ?) AS snip"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (*marks, query, limit)).fetchall()
        claims = self.db.execute(
            "SELECT c.story, c.fact, c.idx, c.article, c.speaker, a.outlet, f.summary, f.status,"
            " snippet(claims_fts, 0, ?, ?, ?, ?) AS snip"
            " FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid"
            " LEFT JOIN articles a ON a.id = c.article"
            " LEFT JOIN facts f ON f.story = c.story AND f.id = c.fact"
            " WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", (*marks, query, limit)).fetchall()
        return {
            "articles": [{"article": r["id"], "story": r["story"], "outlet": r["outlet"], "title": r["title"],
                          "snippet": snippet_parts(r["snip"])} for r in articles],
            "claims": [{"story": r["story"], "fact": r["fact"], "claim": r["idx"], "article": r["article"],
                        "outlet": r["outlet"], "speaker": r["speaker"], "summary": r["summary"],
                        "status": r["status"], "snippet": snippet_parts(r["snip"])} for r in claims],
        }
