"""Persisted corpora: report dicts in SQLite with full-text search."""
from __future__ import annotations

from pathlib import Path

from ..report import Report
from .sqlite import STORE_SCHEMA, Store, fts_query

__all__ = ["Store", "STORE_SCHEMA", "fts_query", "open_corpus"]


def open_corpus(path: str | Path) -> Store:
    """A store for ``path``: the SQLite file itself, or an in-memory one loaded from a report
    (``report.json`` or the folder holding it), so both can be served and searched alike."""
    path = Path(path)
    if path.is_file() and path.suffix != ".json":
        return Store(path)
    store = Store(":memory:")
    store.save(Report.load(path).data)
    return store
