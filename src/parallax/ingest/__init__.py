"""Ingest: paths, folders and URLs -> RawDoc stream, with every unreadable input reported.

``iter_docs`` streams (large corpora never sit in memory whole); each item is a RawDoc or a
Skipped with the reason, so one bad file never stops the others.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ParallaxError, message
from .decode import decode
from .fetch import fetch
from .formats import SUPPORTED, extension, read_any
from .source import RawDoc, Skipped

MAX_BYTES = 20 * 1024 * 1024  # per file or URL response

__all__ = ["RawDoc", "Skipped", "iter_docs", "load", "expand", "MAX_BYTES"]


def is_url(p: str) -> bool:
    return p.lower().startswith(("http://", "https://"))


def expand(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Files and URLs as given; folders recursively, sorted, keeping supported files only."""
    for p in paths:
        p = str(p)
        if is_url(p):
            yield p
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
    """Read one file or URL into documents (and skips for bad objects inside a JSON file);
    raises ParallaxError with the user-facing reason when nothing in it can be read."""
    if is_url(p):
        got = fetch(p, max_bytes)
        docs = read_any(p, decode(got.data), got.ext, url=got.url)
        for d in docs:
            if isinstance(d, RawDoc):
                d.meta.setdefault("url", got.url)
        return docs
    ext = extension(p)
    if ext not in SUPPORTED:
        raise ParallaxError(message("unsupported", ext=ext or "(none)"))
    size = os.path.getsize(p)
    if size > max_bytes:
        raise ParallaxError(message("too_large", size=size, limit=max_bytes))
    data = Path(p).read_bytes()
    if not data:
        raise ParallaxError(message("empty"))
    text = decode(data)
    if not text.strip():
        raise ParallaxError(message("whitespace_only"))
    return read_any(p, text, ext)


def iter_docs(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> Iterator[RawDoc | Skipped]:
    for item in expand(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield from read_path(item, max_bytes)
        except ParallaxError as e:
            yield Skipped(item, str(e))
        except (OSError, ValueError) as e:  # permissions, odd files: report, never stop the run
            yield Skipped(item, f"{type(e).__name__}: {e}")


def load(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> tuple[list[RawDoc], list[Skipped]]:
    docs, skipped = [], []
    for item in iter_docs(paths, max_bytes):
        (skipped if isinstance(item, Skipped) else docs).append(item)
    return docs, skipped
