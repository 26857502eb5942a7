"""The header block of a plain-text article: `Key: value` lines, possibly after scraped junk,
or YAML front matter. Only the offsets are computed here; repair removes those characters."""
from __future__ import annotations

import re

import yaml

KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "published": "published",
    "date": "published",
    "url": "url",
    "link": "url",
    "language": "language",
    "lang": "language",
    "author": "author",
    "byline": "author",
}
_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(.*?)\s*$")
_MAX_JUNK_LINES = 12  # junk widgets before the header are a few lines, never a whole article


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, line
        pos += len(line)


def parse_header(text: str) -> tuple[dict, int, int]:
    """Return (metadata, prefix_end, body_start): ``text[:prefix_end]`` is junk before the
    header, ``text[prefix_end:body_start]`` the header (with its closing blank lines)."""
    front = _front_matter(text)
    if front:
        return front
    lines = list(_lines(text))
    for i in range(min(len(lines), _MAX_JUNK_LINES + 1)):
        meta, end = _key_block(lines, i)
        if meta:
            return meta, lines[i][0], end
    return {}, 0, 0


def _key_block(lines, i) -> tuple[dict, int]:
    meta: dict = {}
    j = i
    while j < len(lines):
        m = _KEY_LINE.match(lines[j][1])
        if not m or m.group(1).strip().lower() not in KEYS:
            break
        meta.setdefault(KEYS[m.group(1).strip().lower()], m.group(2))
        j += 1
    # a header has a Title or Outlet line, and is ended by a blank line (or the end of the file)
    if not meta or not ({"title", "outlet", "published"} & meta.keys()):
        return {}, 0
    if j < len(lines) and lines[j][1].strip():
        return {}, 0
    while j < len(lines) and not lines[j][1].strip():
        j += 1
    end = lines[j][0] if j < len(lines) else sum(len(l) for _, l in lines)
    return meta, end


def _front_matter(text: str):
    m = re.match(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", text, re.S)
    if not m:
        return None
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    meta = {KEYS[k.lower()]: str(v) for k, v in data.items() if isinstance(k, str) and k.lower() in KEYS and v is not None}
    end = m.end()
    while end < len(text) and text[end] in "\r\n":
        end += 1
    return meta, 0, end
