"""What annotators read from a spaCy doc, computed once per doc: its text, and the tokens worth a
closer look (a Python loop over every token's attributes costs more than the rule it tests)."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

import numpy as np

_KEY = "parallax.text"
_SPANS = "parallax.sentence_spans"
_ARRAY = "parallax.token_attributes"
ATTRS = ["LOWER", "POS", "LEMMA", "DEP"]  # what tokens_where can test


def text_of(doc) -> str:
    """``Doc.text``, cached: spaCy joins every token again on each access."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = doc.text
    return cached


def sentence_span(doc, sent):
    """The doc's tokens covering sentence ``sent`` (a :class:`SentenceInfo`), or None; looked up
    once per sentence for all the annotators. The token bounds are kept, not the span: a span
    kept in the doc's own user data would make a reference cycle, and every doc would then wait
    for the garbage collector instead of being freed when the pipeline drops it."""
    bounds = doc.user_data.setdefault(_SPANS, {})
    key = (sent.start, sent.end)
    if key not in bounds:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        bounds[key] = None if span is None else (span.start, span.end)
    found = bounds[key]
    return None if found is None else doc[found[0]:found[1]]


def tokens_where(doc, **wanted: frozenset[str]) -> list[int]:
    """Indices of the tokens whose attributes each take one of the wanted values, in order, e.g.
    ``tokens_where(doc, POS=frozenset({"VERB"}), LEMMA=DENY)``; attributes among ``ATTRS``."""
    values = doc.user_data.get(_ARRAY)
    if values is None:  # one array per doc for every rule that asks
        values = doc.user_data[_ARRAY] = doc.to_array(ATTRS).reshape(len(doc), len(ATTRS))
    keep = np.ones(len(doc), dtype=bool)
    for name, strings in wanted.items():
        # a few wanted values against every token: one comparison matrix beats np.isin's sorting
        keep &= (values[:, ATTRS.index(name), None] == _ids(strings)).any(axis=1)
    return np.flatnonzero(keep).tolist()


@lru_cache(maxsize=None)
def _ids(strings: frozenset[str]) -> np.ndarray:
    from spacy.strings import get_string_id

    return np.array([get_string_id(s) for s in strings], dtype=np.uint64)


def tokens_in(doc, indices: list[int], span) -> list:
    """The tokens of ``indices`` (sorted) that lie inside ``span``, in order."""
    return [doc[i] for i in indices[bisect_left(indices, span.start):bisect_left(indices, span.end)]]
