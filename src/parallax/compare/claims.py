"""Candidate claims: the article's full sentences, with the slots the comparison uses."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..model import ArticleAnnotations, SentenceInfo

MIN_CHARS = 25  # shorter "sentences" are captions and fragments
MIN_WORDS = 5


def _inside(spans, s: SentenceInfo) -> list:
    return [x for x in spans if x.start >= s.start and x.end <= s.end]


def claim_indices(ann: ArticleAnnotations) -> list[int]:
    """Every full sentence: a statement without a named actor or number ("the hull was not
    damaged") is still something an outlet asserts and another may deny."""
    return [k for k, s in enumerate(ann.sentences) if len(s.text.strip()) >= MIN_CHARS and len(s.text.split()) >= MIN_WORDS]


def claim_text(ann: ArticleAnnotations, k: int) -> str:
    return ann.sentences[k].text


@dataclass
class Claim:
    """One candidate claim with the slots the comparison uses."""

    article: str  # article id
    outlet: str
    index: int  # sentence index in the article
    sentence: SentenceInfo
    quantities: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    entities: set[str] = field(default_factory=set)  # linked entity ids named in the sentence
    places: set[str] = field(default_factory=set)  # linked entity ids of places

    @property
    def key(self) -> tuple[str, int]:
        return self.article, self.index


def build_claims(article_id: str, outlet: str, ann: ArticleAnnotations, indices: list[int],
                 entity_of: dict[tuple[str, int, int], tuple[str, str]]) -> list[Claim]:
    """Claims for one article; ``entity_of`` maps (article, start, end) of a mention to (entity id, type)."""
    claims = []
    for k in indices:
        s = ann.sentences[k]
        ms = _inside(ann.mentions, s)
        linked = [entity_of.get((article_id, m.start, m.end)) for m in ms]
        claims.append(Claim(
            article=article_id, outlet=outlet, index=k, sentence=s,
            quantities=_inside(ann.quantities, s), dates=_inside(ann.dates, s), titles=_inside(ann.titles, s),
            mentions=ms,
            entities={e[0] for e in linked if e},
            places={e[0] for e, m in zip(linked, ms) if e and m.label in ("GPE", "LOC", "FAC")},
        ))
    return claims


def sentence_at(ann: ArticleAnnotations, offset: int) -> int:
    """Index of the sentence holding ``offset``."""
    starts = [s.start for s in ann.sentences]
    return max(0, bisect_left(starts, offset + 1) - 1)
