"""Bytes to text: BOMs, UTF-8, then the single-byte encodings scrapes actually come in."""
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
_FALLBACKS = ("utf-8", "cp1252", "latin-1")


class DecodeError(ParallaxError):
    pass


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean it is not text."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode(data: bytes) -> str:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise DecodeError(message("binary"))
    for enc in _FALLBACKS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # cp1252 leaves five bytes undefined; latin-1 maps them to C1 controls, which real text never has
        if enc == "latin-1" and any(0x80 <= ord(c) < 0xA0 for c in text):
            break
        return text
    raise DecodeError(message("undecodable", tried=", ".join(_FALLBACKS)))
