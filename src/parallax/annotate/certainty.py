"""How sure: hedges (with the words they scope over) and polarity (denials and who denies).

Lexicons are compiled once into word-bounded regexes; the parse then gives a hedge its scope
(the clause of the verb it modifies) and a denial its object.
"""
from __future__ import annotations

import re

from ..model import SentenceInfo
from .doctext import sentence_span, tokens_in, tokens_where
from .entities import entity_at

HEDGES = [
    "according to unconfirmed reports", "according to unverified reports", "unconfirmed reports",
    "unverified reports", "unverifiable", "unverified", "unconfirmed", "on condition of anonymity",
    "asked not to be named", "allegedly", "alleged", "reportedly", "purportedly", "supposedly", "apparently",
    "presumably", "rumoured", "rumored", "is believed to", "are believed to", "was believed to",
    "is thought to", "are thought to", "is said to", "are said to", "was said to", "may have", "might have",
    "could have", "may be", "might be", "appeared to", "appears to", "appear to", "seemed to", "seems to",
    "seem to", "claimed", "claims", "suspected", "possibly", "probably", "likely",
]
# Whole-sentence hedges: they qualify the source, not one verb.
SENTENCE_HEDGES = {"according to unconfirmed reports", "according to unverified reports", "unconfirmed reports",
                   "unverified reports", "on condition of anonymity", "asked not to be named"}
DENIAL_TERMS = ["totally unfounded", "unfounded", "baseless", "groundless", "a farce", "farce", "fabrication",
                "fabricated", "fake news", "untrue", "not true", "no truth", "a lie", "slander",
                "categorically false", "nonsense", "false reports", "disinformation", "a fake", "a crude fake", "as a fake",
                "as fake", "a hoax"]
# "there is no X" said by a source denies X; "had no X" only as a rebuttal ("Russia responded that it had no ...")
THERE_IS_NO = re.compile(r"\bthere (?:is|are|was|were|has been|have been|had been) no\b", re.I)
ABSENCE = re.compile(r"\b(?:had|has|have) no\b", re.I)
DENY_VERBS = {"deny", "refute", "rebut", "disavow", "contradict"}
REJECT_VERBS = {"reject", "dismiss"}  # deny only when their object is a claim ("rejected the reports")
CLAIM_NOUNS = {"report", "claim", "allegation", "accusation", "information", "charge", "suggestion", "rumour",
               "rumor", "story", "statement", "assertion", "news", "speculation", "version"}
NOT_CLAIMS = {"entry", "access", "permission", "bail", "visa", "request", "application", "bill", "motion"}
REBUTTAL_VERBS = {"respond", "reply", "counter", "insist", "retort"}
ANAPHORS = {"this", "that", "these", "those", "such"}
MIN_CLAIM_WORDS = 5  # shorter pieces are fragments of scraped text, not claims


def _alternation(words) -> re.Pattern:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b", re.IGNORECASE)


_HEDGE = _alternation(HEDGES)
_DENIAL = _alternation(DENIAL_TERMS)
_DENIAL_LEMMAS = frozenset(DENY_VERBS | REJECT_VERBS)


def mark(doc, sentences: list[SentenceInfo]) -> None:
    verbs = tokens_where(doc, POS=frozenset({"VERB"}), LEMMA=_DENIAL_LEMMAS)
    words = _denying_senses(doc)
    for i, sent in enumerate(sentences):
        _mark_hedge(doc, sent)
        _mark_polarity(doc, sentences, i, verbs, words)


def _denying_senses(doc) -> list[int]:
    """Words that deny in one sense only: "the reports were lies", "the video was staged" (or
    doctored), but not "the town lies on the coast" or "workers staged a protest"."""
    lies = tokens_where(doc, LOWER=frozenset({"lies"}), POS=frozenset({"NOUN"}))
    faked = [i for i in tokens_where(doc, LOWER=frozenset({"staged", "doctored"}))
             if not any(c.dep_ == "dobj" for c in doc[i].children)]
    return sorted(lies + faked)


def _mark_hedge(doc, sent: SentenceInfo) -> None:
    match = _HEDGE.search(sent.text)
    if not match:
        return
    start, end = sent.start + match.start(), sent.start + match.end()
    sent.hedge, sent.hedge_start, sent.hedge_end = match.group(), start, end
    sent.hedge_scope_start, sent.hedge_scope_end = _scope(doc, sent, start, match.group().lower())


def _scope(doc, sent: SentenceInfo, start: int, hedge: str) -> tuple[int, int]:
    """The clause of the verb the hedge modifies; the whole sentence for source-level hedges."""
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if hedge in SENTENCE_HEDGES or tok is None:
        return sent.start, sent.end
    verb = tok[0]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ == "AUX" and verb.head.i != verb.i:
        verb = verb.head
    words = list(verb.subtree)
    lo, hi = max(words[0].idx, sent.start), min(words[-1].idx + len(words[-1]), sent.end)
    return (lo, hi) if hi > lo else (sent.start, sent.end)


def _mark_polarity(doc, sentences: list[SentenceInfo], i: int, verbs, words) -> None:
    """``verbs``: the doc's deny and reject verbs; ``words``: its :func:`_denying_senses` (token indices)."""
    sent = sentences[i]
    span = sentence_span(doc, sent)
    if span is None:
        return
    denier, anaphoric = _denial_verb(tokens_in(doc, verbs, span))
    if denier is None and not (_denial_words(sent) or tokens_in(doc, words, span)):
        return
    sent.polarity = "denied"
    sent.denied_by = sent.attribution.speaker or denier or None
    if anaphoric:  # "denied this information": the claim is the previous full sentence
        sent.denies = next((j for j in range(i - 1, -1, -1) if len(sentences[j].text.split()) >= MIN_CLAIM_WORDS),
                           None)


def _denial_words(sent: SentenceInfo) -> bool:
    if _DENIAL.search(sent.text):
        return True
    if sent.attribution.speaker and THERE_IS_NO.search(sent.text):
        return True
    verb = (sent.attribution.verb or "").lower()
    return bool(ABSENCE.search(sent.text)) and any(verb.startswith(v[:5]) for v in REBUTTAL_VERBS | DENY_VERBS)


def _denial_verb(verbs: list) -> tuple[str | None, bool]:
    """(who denies, whether the object points back: "this information") for a deny/reject verb
    among a sentence's ``verbs`` (the candidates :func:`mark` found)."""
    for tok in verbs:
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "ccomp")), None)
        if obj is not None and obj.lemma_.lower() in NOT_CLAIMS:
            continue
        if tok.lemma_ in REJECT_VERBS and (obj is None or obj.lemma_.lower() not in CLAIM_NOUNS):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        anaphoric = obj is not None and any(c.lower_ in ANAPHORS for c in obj.children if c.dep_ == "det")
        return (_name(subj) if subj is not None else ""), anaphoric
    return None, False


def _name(tok) -> str:
    ent = entity_at(tok)
    return ent.text if ent is not None else tok.text
