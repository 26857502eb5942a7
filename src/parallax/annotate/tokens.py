"""A doc's token attributes as arrays, read once: the annotators look for a few cue tokens per
sentence, and walking spaCy's ``Token`` objects builds an object and looks up a string for
every token of every sentence, several times over. With the arrays, only the tokens that pass
a cheap test become ``Token`` objects."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS

_KEY = "parallax.tokens"
COLUMNS = {"pos": 0, "dep": 1, "lemma": 2, "lower": 3}


def columns(doc) -> np.ndarray:
    """Shape (tokens, 4): universal POS id, then the hashes of the dependency label, lemma and
    lowercase form (``COLUMNS`` names them)."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = doc.to_array([POS, DEP, LEMMA, LOWER])
    return cached


@lru_cache(maxsize=None)
def _ids(column: str, values: frozenset, strings) -> np.ndarray:
    """The values' ids in the column: a string's hash, or its fixed symbol id for spaCy's own
    labels ("xcomp" is 450), as the string store gives them; POS ids are symbols too."""
    return np.array([POS_IDS[v] if column == "pos" else strings[v] for v in values], dtype=np.uint64)


def among(doc, column: str, values: Iterable[str]) -> np.ndarray:
    """Per token of ``doc``: is its ``column`` (pos, dep, lemma or lower) one of ``values``?"""
    return np.isin(columns(doc)[:, COLUMNS[column]], _ids(column, frozenset(values), doc.vocab.strings))


def tokens_where(span, mask: np.ndarray) -> Iterator:
    """The span's tokens whose place in ``mask`` (one flag per token of the doc) is set, in order."""
    doc = span.doc
    for i in np.flatnonzero(mask[span.start:span.end]):
        yield doc[span.start + int(i)]
