"""Annotation stage: who says what, how sure, when and how many, for one article.

``annotate`` chains one small stage per concern over a spaCy doc the pipeline already made
(no second spaCy pass): sentences -> entities -> attribution -> quotes -> certainty ->
dates -> quantities -> titles. Each stage lives in its own module.
"""
from __future__ import annotations

from ..model import ArticleAnnotations
from .doctext import text_of
from . import attribution, certainty, dates, entities, purposes, quantities, quotes, sentences, titles


def annotate(text: str, doc, published: str | None) -> ArticleAnnotations:
    """Annotate one article's repaired ``text``; ``doc`` is ``load_nlp()(text)``; ``published`` is
    'YYYY-MM-DD' or None (relative dates then stay unresolved)."""
    if text_of(doc) != text:
        raise ValueError("annotate: doc was not made from this text")
    sents = sentences.split(doc)
    mentions = entities.mentions(doc)
    attribution.attribute(doc, sents)
    found_quotes = quotes.find(text)
    quotes.attach_speakers(text, found_quotes, sents)
    certainty.mark(doc, sents)
    purposes.mark(doc, sents)
    return ArticleAnnotations(
        sentences=sents,
        mentions=mentions,
        dates=dates.find(doc, published),
        quantities=quantities.find(doc),
        quotes=found_quotes,
        titles=titles.find(doc, mentions),
    )
