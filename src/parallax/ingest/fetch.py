"""http(s) URLs: bounded in time, size and redirects; only text-like content types."""
from __future__ import annotations

import time
import zlib
from dataclasses import dataclass

from ..errors import ParallaxError, message

TIMEOUT_S = 15.0  # per connect/read, and for the whole response: a server that drips bytes is cut off too
MAX_REDIRECTS = 5
_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md",
          "application/json": ".json", "application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl"}


class FetchError(ParallaxError):
    pass


@dataclass
class Fetched:
    url: str
    data: bytes
    ext: str
    charset: str | None = None


def content_type(header: str) -> tuple[str, str | None]:
    """'text/html; charset=UTF-8' -> ('text/html', 'utf-8')."""
    parts = [p.strip() for p in header.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ").lower() for p in parts[1:] if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset or None


def fetch(url: str, max_bytes: int, timeout: float | None = None) -> Fetched:
    import httpx

    timeout = timeout or TIMEOUT_S  # read at call time, so a caller (or a test) can shorten it
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(message("url_scheme"))
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                          headers={"User-Agent": "parallax/0.1 (+news comparison)", "Accept-Encoding": "gzip"}) as client:
            with client.stream("GET", url) as resp:
                return _read(resp, max_bytes, deadline, timeout)
    except httpx.TooManyRedirects:
        raise FetchError(message("url_redirects", n=MAX_REDIRECTS)) from None
    except httpx.TimeoutException:
        raise FetchError(message("url_timeout", s=timeout)) from None
    except httpx.HTTPError as e:
        raise FetchError(message("url_failed", error=str(e) or type(e).__name__)) from None


def _read(resp, max_bytes: int, deadline: float, timeout: float) -> Fetched:
    if resp.status_code >= 400:
        raise FetchError(message("url_status", status=resp.status_code))
    ctype, charset = content_type(resp.headers.get("content-type", ""))
    ext = _TYPES.get(ctype)
    if ext is None:
        raise FetchError(message("url_type", ctype=ctype or "none"))
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:  # refuse before reading a byte of it
        raise FetchError(message("url_too_large", limit=max_bytes))
    chunks, size = [], 0
    for chunk in resp.iter_raw():  # raw: the cap counts bytes on the wire, so a compression bomb cannot slip past
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(message("url_too_large", limit=max_bytes))
        if time.monotonic() > deadline:
            raise FetchError(message("url_timeout", s=timeout))
        chunks.append(chunk)
    return Fetched(str(resp.url), _decompress(resp, b"".join(chunks), max_bytes), ext, charset)


def _decompress(resp, body: bytes, max_bytes: int) -> bytes:
    """Undo Content-Encoding ourselves, stopping at the size cap (a small gzip can expand a thousandfold)."""
    coding = resp.headers.get("content-encoding", "").strip().lower()
    if coding in ("", "identity"):
        return body
    if coding not in ("gzip", "deflate"):
        raise FetchError(message("url_failed", error=f"unsupported content encoding '{coding}'"))
    d = zlib.decompressobj(zlib.MAX_WBITS | 32)  # reads both gzip and zlib headers
    try:
        out = d.decompress(body, max_bytes + 1)
    except zlib.error as e:
        raise FetchError(message("url_failed", error=f"bad {coding} body: {e}")) from None
    if len(out) > max_bytes:
        raise FetchError(message("url_too_large", limit=max_bytes))
    return out
