"""Stated purposes: why an action was done, in the sentence's words ("to take part in
consultations", "was tasked with repairing the missiles", "for health reasons").

Two ways in: marker phrases, and the parse, which finds an infinitive clause that modifies an
action verb ("blocked the square to stop the march") but not the infinitive object of a verb of
wanting, trying or seeming ("decided to stay" says what, not why).
"""
from __future__ import annotations

import re

from ..model import SentenceInfo
from .doctext import sentence_span, text_of, tokens_in, tokens_where

MARKERS = re.compile(
    r"\b(?:in order to|so as to|so that|in a bid to|with the aim of|aimed (?:solely )?at|intended to|meant to|designed to|"
    r"for the purpose of|in preparation for|citing|for fear of|as a precaution|for (?:the )?(?:sake|safety) of|"
    r"for [\w'-]+(?: [\w'-]+)? reasons|(?:was|were|is|are|been) tasked with|"
    r"(?:aim|purpose|goal|reason|motive) (?:of [\w' ]{1,40}? )?(?:is|was) to|"
    r"(?:acted|wanted|want|wants|sought|seeks|seeking) to)\b\s*(?:[\w'’-]+[ ,]*){0,8}",
    re.I,
)
# verbs whose infinitive is what is done, not why ("agreed to pay", "is expected to rise")
NOT_PURPOSE_HEADS = {
    "want", "try", "attempt", "plan", "expect", "decide", "seem", "appear", "ask", "need", "have", "agree", "refuse",
    "begin", "continue", "start", "hope", "threaten", "fail", "manage", "promise", "vow", "intend", "able", "order",
    "tell", "urge", "allow", "prepare", "choose", "offer", "help", "like", "love", "prefer", "wish", "claim", "say",
    "go", "set", "likely", "unable", "due", "believe", "think", "report", "force", "call", "invite",
    "encourage", "persuade", "convince", "permit", "enable", "require", "cause", "use", "get", "come", "learn",
    # effort: the infinitive is the goal pursued, not the reason given for an act
    "work", "strive", "struggle", "move", "rush", "scramble", "race", "wait", "fight", "campaign", "push", "lobby",
    # pressure: the infinitive is what someone else is pushed to do
    "pressure", "press", "intimidate", "warn", "instruct", "command", "direct", "advise", "remind", "compel", "oblige",
}
MAX_WORDS = 10  # a purpose is shown as its first words


def mark(doc, sentences: list[SentenceInfo]) -> None:
    text = text_of(doc)
    clauses = tokens_where(doc, DEP=frozenset({"advcl", "xcomp"}), POS=frozenset({"VERB"}))
    for sent in sentences:
        found = _marker(sent) or _infinitive(doc, sent, clauses)
        if found:
            sent.purpose_start, sent.purpose_end = found
            sent.purpose = text[found[0]:found[1]]


def _marker(sent: SentenceInfo) -> tuple[int, int] | None:
    m = MARKERS.search(sent.text)
    if not m:
        return None
    text = m.group(0).rstrip(" ,")
    return sent.start + m.start(), sent.start + m.start() + len(text)


def _infinitive(doc, sent: SentenceInfo, clauses) -> tuple[int, int] | None:
    """``clauses``: the doc's verbs heading an adverbial or open clause (token indices)."""
    span = sentence_span(doc, sent)
    if span is None:
        return None
    for t in tokens_in(doc, clauses, span):
        if t.head.pos_ not in ("VERB", "AUX"):
            continue
        to = next((c for c in t.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is None or t.head.lemma_.lower() in NOT_PURPOSE_HEADS or to.i < t.head.i:
            continue  # "to" before its head verb is the subject's clause, not a purpose
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.head.children):
            continue  # an infinitive on an infinitive continues a demand ("urged them to leave, to respect ...")
        if t.head.lemma_ == "be" and any(w.is_punct for w in doc[t.head.i + 1 : to.i]):
            continue  # "was there to keep people out" is a purpose; an infinitive hung on "was" across a comma is a misparse
        words = [w for w in t.subtree if w.i >= to.i][:MAX_WORDS]
        while words and words[-1].is_punct:
            words.pop()
        return words[0].idx, words[-1].idx + len(words[-1])
    return None
