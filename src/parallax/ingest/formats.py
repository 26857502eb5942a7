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

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_precision=True)
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        raise FormatError(message("html_empty"))
    meta = {
        "title": doc.title,
        "outlet": doc.sitename,
        "published": doc.date,
        "url": doc.url or url,
        "author": doc.author,
        "language": doc.language,
    }
    return [RawDoc(path=path, raw=text, fmt="html", meta={k: v for k, v in meta.items() if v})]


def read_json(path: str, text: str, lines: bool) -> list[RawDoc | Skipped]:
    """A `.json` file holds one article object or a list; a `.jsonl` file one object a line.
    Objects of the wrong shape are reported one by one; the good ones are still read."""
    if lines:
        objs = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    objs.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise FormatError(message("bad_json", error=f"line {n}: {e.msg}")) from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise FormatError(message("bad_json", error=f"{e.msg} at line {e.lineno}")) from None
        objs = data if isinstance(data, list) else [data]
    docs = []
    bad = []
    for i, obj in enumerate(objs):
        where = f"{path}#{i}" if len(objs) > 1 else path
        if not isinstance(obj, dict) or not (isinstance(obj.get("text"), str) or isinstance(obj.get("html"), str)):
            bad.append(where)
            continue
        meta = {k: str(obj[k]) for k in ("title", "outlet", "published", "url", "language", "id", "author") if obj.get(k)}
        if isinstance(obj.get("text"), str) and obj["text"].strip():
            docs.append(RawDoc(path=where, raw=obj["text"], fmt="json", meta=meta))
        elif isinstance(obj.get("html"), str):
            for d in read_html(where, obj["html"], url=meta.get("url")):
                d.meta = {**d.meta, **meta}
                d.fmt = "json"
                docs.append(d)
        else:
            bad.append(where)
    if not docs:
        raise FormatError(message("json_shape", where=", ".join(bad[:3]) or path))
    return docs + [Skipped(where, message("json_shape", where=where)) for where in bad]


TEXT_EXT = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_EXT = {".html", ".htm"}
JSON_EXT = {".json": False, ".jsonl": True, ".ndjson": True}
SUPPORTED = set(TEXT_EXT) | HTML_EXT | set(JSON_EXT)


def read_any(path: str, text: str, ext: str, url: str | None = None) -> list[RawDoc | Skipped]:
    if ext in HTML_EXT:
        return read_html(path, text, url)
    if ext in JSON_EXT:
        return read_json(path, text, JSON_EXT[ext])
    return read_text(path, text, TEXT_EXT.get(ext, "text"))


def extension(path: str) -> str:
    return Path(path).suffix.lower()
