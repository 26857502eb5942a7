"""Repair: undo scraping damage and log every edit in raw coordinates.

The pipeline calls, once per corpus and once per article::

    stats = build_context([(outlet, body_text, title), ...])   # every article of the corpus
    title = title or guess_title(et.text)                        # seeds come without a header
    repair(et, context_for(stats, outlet, title), disabled={"template_lines"})

With a title, every body line repeating it is removed; with none, the first headline-like line
stays in the body and only its repeats go (so ``guess_title`` also works after ``repair``).

``repair`` applies every enabled rule in ``order`` (see ``rules()``) on the ``EditableText``,
whose header block ingest has already removed with a logged change; ``et.edits()`` is then the
full edit log. ``find_foreign_spans(text)`` marks foreign-language insertions for annotate
(they are kept in the text, not edited); ``repair_title(title, ctx)`` gives a header title the
body's encoding and profanity-filter repairs.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from ..carrier import Change, EditableText
from . import boilerplate, duplicates, encoding, layout, profanity  # noqa: F401  (registers the rules)
from .boilerplate import template_candidates
from .foreign import ForeignSpan, find_foreign_spans
from .inline import repair_title
from .registry import RepairContext, RuleSpec, ordered_rules
from .title import guess_title

__all__ = ["CorpusStats", "build_context", "context_for", "repair", "repair_steps", "rules", "guess_title", "repair_title", "find_foreign_spans", "ForeignSpan", "RepairContext"]

WORD = re.compile(r"[^\W\d_]+")


@dataclass
class CorpusStats:
    """Corpus-wide counts the rules consult: words (is a restored spelling used elsewhere?) and,
    per outlet, in how many articles each short line occurs (site templates)."""

    words: Counter = field(default_factory=Counter)
    outlet_lines: dict[str, Counter] = field(default_factory=dict)
    outlet_articles: Counter = field(default_factory=Counter)


def build_context(articles: list[tuple[str, str, str | None]]) -> CorpusStats:
    """Count once over ``(outlet, body_text, title)`` for every article of the corpus."""
    stats = CorpusStats()
    for outlet, body, title in articles:
        stats.words.update(w.lower() for w in WORD.findall(f"{title or ''}\n{body}"))
        stats.outlet_lines.setdefault(outlet, Counter()).update(template_candidates(body))
        stats.outlet_articles[outlet] += 1
    return stats


def context_for(stats: CorpusStats, outlet: str | None, title: str | None) -> RepairContext:
    return RepairContext(
        title=title,
        outlet=outlet,
        corpus_words=stats.words,
        outlet_lines=stats.outlet_lines.get(outlet, Counter()),
        outlet_articles=stats.outlet_articles.get(outlet, 1),
    )


def repair(et: EditableText, ctx: RepairContext, disabled: set[str] | frozenset[str] = frozenset()) -> EditableText:
    """Apply every enabled rule in order; each sees the text left by the rules before it."""
    for _ in repair_steps(et, ctx, disabled):
        pass
    return et


def repair_steps(et: EditableText, ctx: RepairContext, disabled: set[str] | frozenset[str] = frozenset()) -> Iterator[tuple[RuleSpec, str, list[Change]]]:
    """``repair`` one rule at a time: yields each rule, the text it saw and the changes it
    proposed, then applies them (for tracing and for scoring rules one by one)."""
    for spec in ordered_rules(disabled):
        seen = et.text
        changes = spec.fn(seen, ctx)
        yield spec, seen, changes
        et.apply(changes)


def rules() -> list[RuleSpec]:
    """Every registered rule in the order it runs (name, kind, order, first doc line)."""
    return ordered_rules()
