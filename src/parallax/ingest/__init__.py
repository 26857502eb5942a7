"""Ingest: paths, folders and URLs -> RawDoc stream, with every unreadable input reported.

``iter_docs`` streams (large corpora never sit in memory whole); each item is a RawDoc or a
Skipped with the reason, so one bad file never stops the others.
"""
from __future__ import annotations

import os
import re
from typing import Iterable, Iterator

from ..errors import ParallaxError, message
from .decode import decode
from .fetch import fetch
from .formats import SUPPORTED, extension, read_any
from .partitioned import iter_records, streamed
from .source import RawDoc, Skipped

MAX_BYTES = 20 * 1024 * 1024  # per file or URL response
MAX_CHARS = 1_000_000  # per article: spaCy's own limit for one text (nlp.max_length)

__all__ = ["RawDoc", "Skipped", "iter_docs", "load", "expand", "MAX_BYTES", "MAX_CHARS"]


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(p: str) -> bool:
    return p.lower().startswith(("http://", "https://"))


def expand(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Files and URLs as given; folders recursively, sorted, keeping supported files only."""
    for p in paths:
        p = str(p)
        if is_url(p):
            yield p
        elif _SCHEME.match(p):  # ftp://, file://, gopher://: never fetched, never read as a path
            yield Skipped(p, message("url_scheme"))
        elif os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and extension(f) in SUPPORTED:
                        yield os.path.join(root, f)
        elif os.path.exists(p):
            yield p
        else:
            yield Skipped(p, message("missing_path"))


def read_path(p: str, max_bytes: int = MAX_BYTES) -> list[RawDoc | Skipped]:
    """Read one file or URL into documents (and skipped parts of it, for JSON lists);
    raises ParallaxError with the user-facing reason when nothing of it can be read."""
    if is_url(p):
        got = fetch(p, max_bytes)
        docs = read_any(p, decode(got.data, got.charset), got.ext, url=got.url)
        for d in docs:
            if isinstance(d, RawDoc):
                d.meta.setdefault("url", got.url)
        return docs
    ext = extension(p)
    if ext not in SUPPORTED:
        raise ParallaxError(message("unsupported", ext=ext or "(none)"))
    if not os.path.isfile(p):  # a fifo named a.txt would block the run forever
        raise ParallaxError(message("not_a_file"))
    with open(p, "rb") as fh:
        data = fh.read(max_bytes + 1)  # bounded even if the file grows while we read it
    if len(data) > max_bytes:
        raise ParallaxError(message("too_large", size=os.path.getsize(p), limit=max_bytes))
    if not data:
        raise ParallaxError(message("empty"))
    text = decode(data)
    if not text.strip():
        raise ParallaxError(message("whitespace_only"))
    return read_any(p, text, ext)


def bounded(item: RawDoc | Skipped, max_chars: int = MAX_CHARS) -> RawDoc | Skipped:
    """A document longer than spaCy takes in one piece is skipped with a reason, not a crash mid-run."""
    if isinstance(item, RawDoc) and len(item.raw) > max_chars:
        return Skipped(item.path, message("too_long", n=len(item.raw), limit=max_chars))
    return item


def iter_docs(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> Iterator[RawDoc | Skipped]:
    for item in expand(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            if not is_url(item) and os.path.isfile(item) and streamed(item, max_bytes):
                yield from map(bounded, iter_records(item))  # big record files: a partition at a time
                continue
            yield from map(bounded, read_path(item, max_bytes))
        except ParallaxError as e:
            yield Skipped(item, str(e))
        except (OSError, ValueError, RecursionError) as e:  # permissions, odd files, parser limits: report, never stop the run
            yield Skipped(item, message("unreadable", error=f"{type(e).__name__}: {e}"))


def load(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> tuple[list[RawDoc], list[Skipped]]:
    docs, skipped = [], []
    for item in iter_docs(paths, max_bytes):
        (skipped if isinstance(item, Skipped) else docs).append(item)
    return docs, skipped
