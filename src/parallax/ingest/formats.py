"""Per-format readers: decoded input -> RawDoc(s)."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import ParallaxError, message
from .header import parse_header
from .source import RawDoc, Skipped


class FormatError(ParallaxError):
    pass


def read_text(path: str, text: str, fmt: str = "text") -> list[RawDoc]:
    meta, prefix_end, body_start = parse_header(text)
    return [RawDoc(path=path, raw=text, fmt=fmt, meta=meta, prefix_end=prefix_end, body_start=body_start)]


def read_html(path: str, html: str, url: str | None = None) -> list[RawDoc]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_precision=True)
    except Exception as e:  # noqa: BLE001 - lxml/htmldate assert on some tag soup; one page must not stop the run
        raise FormatError(message("html_failed", error=f"{type(e).__name__} in the HTML parser")) from None
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        raise FormatError(message("html_too_deep" if too_deep(html) else "html_empty"))
    meta = {
        "title": doc.title,
        "outlet": doc.sitename,
        "published": doc.date,
        "url": doc.url or url,
        "author": doc.author,
        "language": doc.language,
    }
    return [RawDoc(path=path, raw=text, fmt="html", meta={k: v for k, v in meta.items() if v})]


def too_deep(html: str) -> bool:
    """Whether libxml2 cut the page off at its nesting limit (256 levels), which trafilatura cannot report."""
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError):
        return False
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def read_json(path: str, text: str, lines: bool) -> list[RawDoc | Skipped]:
    """A `.json` file holds one article object or a list; a `.jsonl` file one object a line.

    A bad line or a wrong-shaped object is skipped on its own (``path#n``); the others are read."""
    if lines:
        rows = [line for line in text.splitlines() if line.strip()]
        objs = [_json_line(n, line) for n, line in enumerate(rows, 1)]
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise FormatError(message("bad_json", error=f"{e.msg} at line {e.lineno}")) from None
        objs = data if isinstance(data, list) else [data]
    if not objs:
        raise FormatError(message("json_shape", where=path))
    out: list[RawDoc | Skipped] = []
    for i, obj in enumerate(objs):
        where = f"{path}#{i}" if len(objs) > 1 else path
        try:
            out.extend(_json_article(where, obj))
        except ParallaxError as e:
            out.append(Skipped(where, str(e)))
    if len(out) == 1 and isinstance(out[0], Skipped):  # a one-article file: the file itself is skipped
        raise FormatError(out[0].reason)
    return out


def _json_line(n: int, line: str):
    """The parsed line, or for a bad line the error itself, kept in its slot to be reported as ``path#n``."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        return FormatError(message("bad_json", error=f"line {n}: {e.msg}"))


def _json_article(where: str, obj) -> list[RawDoc]:
    if isinstance(obj, FormatError):
        raise obj
    if not isinstance(obj, dict) or not (isinstance(obj.get("text"), str) or isinstance(obj.get("html"), str)):
        raise FormatError(message("json_shape", where=where))
    meta = {k: str(obj[k]) for k in ("title", "outlet", "published", "url", "language", "id", "author") if obj.get(k)}
    if isinstance(obj.get("text"), str) and obj["text"].strip():
        return [RawDoc(path=where, raw=obj["text"], fmt="json", meta=meta)]
    if not isinstance(obj.get("html"), str):
        raise FormatError(message("empty_text"))
    docs = read_html(where, obj["html"], url=meta.get("url"))
    for d in docs:
        d.meta = {**d.meta, **meta}
        d.fmt = "json"
    return docs


TEXT_EXT = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_EXT = {".html", ".htm"}
JSON_EXT = {".json": False, ".jsonl": True, ".ndjson": True}
SUPPORTED = set(TEXT_EXT) | HTML_EXT | set(JSON_EXT) | {".parquet"}  # Parquet: see partitioned.py


def read_any(path: str, text: str, ext: str, url: str | None = None) -> list[RawDoc | Skipped]:
    if ext in HTML_EXT:
        return read_html(path, text, url)
    if ext in JSON_EXT:
        return read_json(path, text, JSON_EXT[ext])
    return read_text(path, text, TEXT_EXT.get(ext, "text"))


def extension(path: str) -> str:
    return Path(path).suffix.lower()
