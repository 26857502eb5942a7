"""Named repair rules. A rule computes changes from the text it sees; the runner applies them.

A rule is ``fn(text: str, ctx: RepairContext) -> list[Change]`` (non-overlapping changes in the
coordinates of ``text``). Rules run in ``order``; users switch rules off by name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..carrier import Change


@dataclass
class RepairContext:
    """What a rule may know beyond the text: the article's metadata and corpus-wide statistics."""

    title: str | None = None
    outlet: str | None = None
    # lower-cased word -> count over every article of the corpus (spelled correctly elsewhere?)
    corpus_words: dict[str, int] = field(default_factory=dict)
    # stripped line -> number of articles of the same outlet that contain it (templates)
    outlet_lines: dict[str, int] = field(default_factory=dict)
    outlet_articles: int = 1


Rule = Callable[[str, RepairContext], list[Change]]


@dataclass(frozen=True)
class RuleSpec:
    name: str
    kind: str
    order: int
    fn: Rule
    doc: str


RULES: dict[str, RuleSpec] = {}


def rule(name: str, *, kind: str, order: int):
    """Register a repair rule under ``name``; ``kind`` is the edit kind it records."""

    def deco(fn: Rule) -> Rule:
        RULES[name] = RuleSpec(name, kind, order, fn, (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else "")
        return fn

    return deco


def ordered_rules(disabled: set[str] | frozenset[str] = frozenset()) -> list[RuleSpec]:
    unknown = set(disabled) - set(RULES)
    if unknown:
        from ..errors import UsageError, message

        raise UsageError(message("unknown_rule", names=", ".join(sorted(unknown)), known=", ".join(sorted(RULES))))
    return [r for r in sorted(RULES.values(), key=lambda r: (r.order, r.name)) if r.name not in disabled]
