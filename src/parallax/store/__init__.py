"""Persisted corpora: report dicts in SQLite with full-text search."""
from __future__ import annotations

from pathlib import Path

from ..errors import UsageError, message
from ..report import Report
from .sqlite import STORE_SCHEMA, Store, fts_query

__all__ = ["Store", "STORE_SCHEMA", "fts_query", "open_corpus", "is_store"]

_SQLITE_MAGIC = b"SQLite format 3\x00"


def is_store(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


def open_corpus(path: str | Path) -> Store:
    """A store for ``path``: the SQLite file itself, or an in-memory one loaded from a report
    (``report.json`` or the analyze output folder holding it), so both are served and searched alike."""
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    if not path.is_file():
        raise UsageError(message("no_corpus", path=path))
    if is_store(path):
        return Store(path)
    if path.suffix != ".json":
        raise UsageError(message("not_a_store", path=path))
    store = Store(":memory:")
    store.save(Report.load(path).data)
    return store
