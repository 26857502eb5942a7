"""http(s) URLs: bounded in time, size and redirects; only text-like content types."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import ParallaxError, message

TIMEOUT_S = 15.0
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


def fetch(url: str, max_bytes: int) -> Fetched:
    import httpx

    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(message("url_scheme"))
    try:
        with httpx.Client(timeout=TIMEOUT_S, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                          headers={"User-Agent": "parallax/0.1 (+news comparison)"}) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise FetchError(message("url_status", status=resp.status_code))
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                ext = _TYPES.get(ctype)
                if ext is None:
                    raise FetchError(message("url_type", ctype=ctype or "none"))
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(message("too_large", size=f"more than {max_bytes}", limit=max_bytes))
                    chunks.append(chunk)
                return Fetched(str(resp.url), b"".join(chunks), ext)
    except httpx.HTTPError as e:
        raise FetchError(message("url_failed", error=str(e) or type(e).__name__)) from None
