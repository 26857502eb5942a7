"""Plain data passed between stages. Every span is ``[start, end)`` in the article's repaired text."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Mention(Span):
    label: str  # spaCy entity label: PERSON, ORG, GPE, LOC, NORP, FAC, PRODUCT, ...


@dataclass
class DateMention(Span):
    value: str | None  # ISO date (YYYY-MM-DD), or None when it cannot be resolved
    end_value: str | None = None  # for ranges ("between the 7th and March 14th")
    relative: bool = False  # resolved against the publication date
    granularity: str = "day"  # day | week | month | year


@dataclass
class Quantity(Span):
    value: float | None
    low: float | None = None  # a range or an approximation's bounds
    high: float | None = None
    unit: str | None = None  # normalised unit (tonne, hour, percent, metre, ...)
    counted: str | None = None  # what is counted ("soldiers", "aid")
    approx: str | None = None  # None (exact) | "about" | "more than" | "less than" | "dozens" | ...
    base_value: float | None = None  # value in the unit family's base unit (hours, kilograms, metres, ...)
    base_unit: str | None = None


@dataclass
class Attribution:
    speaker: str | None = None
    kind: str = "none"  # official | anonymous | outlet | social | expert | document | none
    verb: str | None = None  # "said", "according to", "tweeted", ...
    speaker_start: int | None = None
    speaker_end: int | None = None
    via: str | None = None  # the relaying outlet in a chain ("Sputnik cited an anonymous source")
    via_kind: str | None = None


@dataclass
class Quote(Span):
    speaker: str | None = None


@dataclass
class TitleMention(Span):
    person: str  # the person the title attaches to
    title: str  # the normalised title or rank ("Major General")
    person_start: int | None = None  # the person's span
    person_end: int | None = None


@dataclass
class SentenceInfo(Span):
    """One sentence with what annotation found in it."""

    attribution: Attribution = field(default_factory=Attribution)
    hedge: str | None = None  # the exact hedge words, or None
    polarity: str = "asserted"  # asserted | denied
    denied_by: str | None = None
    hedge_start: int | None = None  # where the hedge words stand
    hedge_end: int | None = None
    hedge_scope_start: int | None = None  # the clause the hedge qualifies
    hedge_scope_end: int | None = None
    denies: int | None = None  # index of the sentence whose claim this one denies ("denied this information")
    purpose: str | None = None  # the stated reason for an action ("to take part in consultations")
    purpose_start: int | None = None
    purpose_end: int | None = None


@dataclass
class ArticleAnnotations:
    sentences: list[SentenceInfo] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    titles: list[TitleMention] = field(default_factory=list)
    foreign: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)
