"""Bytes to text: BOMs, BOM-less UTF-16, then UTF-8 with cp1252 for the bytes that are not UTF-8.

Scrapes often mix encodings inside one file (a UTF-8 page with a pasted cp1252 paragraph), so a
bad byte falls back on its own instead of turning the whole file into mojibake; repair fixes what
is left and logs it.
"""
from __future__ import annotations

import codecs

from ..errors import ParallaxError, message

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_HEAD = 8192


class DecodeError(ParallaxError):
    pass


def _cp1252_bytes(err: UnicodeDecodeError) -> tuple[str, int]:
    """Each byte UTF-8 cannot read, as cp1252 (latin-1 for its five unassigned bytes): no byte is dropped."""
    chunk = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in chunk), err.end


codecs.register_error("parallax-cp1252", _cp1252_bytes)


def looks_binary(data: bytes) -> bool:
    """Many NUL or other control bytes in the first 8 KiB mean it is not text (a stray one in a scrape is kept)."""
    head = data[:_HEAD]
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: NUL in nearly every high byte of the first 8 KiB (Latin text)."""
    head = data[:_HEAD - _HEAD % 2]
    if len(data) % 2 or len(head) < 4:
        return None
    for enc, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if high.count(0) >= 0.9 * len(high):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, declared: str | None = None) -> str:
    """``declared`` is a charset the source named (an HTTP header); it is tried first, strictly."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                break
    text = bomless_utf16(data)
    if text is not None:
        return text
    if looks_binary(data):
        raise DecodeError(message("binary"))
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", errors="parallax-cp1252")
