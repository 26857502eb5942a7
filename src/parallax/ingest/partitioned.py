"""Record files too big to read whole: JSONL a line at a time, Parquet a batch of rows at a time.

A record has the fields of a JSON article object (``text`` or ``html``, and optionally ``title``,
``outlet``, ``published``, ``url``, ``language``, ``id``, ``author``); Parquet columns carry the same
names. Each record becomes a RawDoc, or a Skipped ``path#n`` with the reason, as in ``read_json``.
"""
from __future__ import annotations

import os
from typing import Iterator

from ..errors import ParallaxError, message
from .decode import decode
from .formats import FormatError, _json_article, _json_line, extension
from .source import RawDoc, Skipped

PARQUET_EXT = {".parquet"}
BATCH = 1024  # Parquet rows decoded at a time
FIELDS = ("text", "html", "title", "outlet", "published", "url", "language", "id", "author")


def streamed(path: str, max_bytes: int) -> bool:
    """Parquet always; JSONL when it is over the per-file limit (it is then read line by line)."""
    ext = extension(path)
    return ext in PARQUET_EXT or (ext in (".jsonl", ".ndjson") and os.path.getsize(path) > max_bytes)


def iter_records(path: str) -> Iterator[RawDoc | Skipped]:
    return iter_parquet(path) if extension(path) in PARQUET_EXT else iter_jsonl(path)


def record_docs(where: str, obj) -> Iterator[RawDoc | Skipped]:
    try:
        yield from _json_article(where, obj)
    except ParallaxError as e:
        yield Skipped(where, str(e))


def iter_jsonl(path: str) -> Iterator[RawDoc | Skipped]:
    with open(path, "rb") as fh:
        rows = (line for line in fh if line.strip())
        for i, line in enumerate(rows):  # numbered like read_json: the i-th non-blank line
            yield from record_docs(f"{path}#{i}", _json_line(i + 1, decode(line)))


def iter_parquet(path: str) -> Iterator[RawDoc | Skipped]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as e:
        raise FormatError(message("bad_parquet", error=e)) from None
    columns = [c for c in FIELDS if c in pf.schema_arrow.names]
    i = 0
    for batch in pf.iter_batches(batch_size=BATCH, columns=columns):
        for obj in batch.to_pylist():
            yield from record_docs(f"{path}#{i}", {k: v for k, v in obj.items() if v is not None})
            i += 1
