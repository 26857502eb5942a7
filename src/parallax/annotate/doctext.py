"""The doc's text, built once: spaCy's ``Doc.text`` joins every token again on each access."""
from __future__ import annotations

_KEY = "parallax.text"


def text_of(doc) -> str:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = doc.text
    return cached
