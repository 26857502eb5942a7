"""Titles and ranks attached to persons: before the name ("Major General X", "the chief of staff of the
ground forces General X", "the ambassador, X") or in apposition after it ("X, head of the Canal Authority")."""
from __future__ import annotations

from ..model import Mention, TitleMention
from .doctext import text_of

TITLE_HEADS = {
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "director", "head", "chief",
    "chairman", "chairwoman", "chair", "governor", "mayor", "ambassador", "general", "admiral", "colonel", "major",
    "captain", "lieutenant", "sergeant", "commander", "prosecutor", "judge", "senator", "deputy", "leader",
    "premier", "chancellor", "king", "queen", "prince", "ceo", "manager", "founder", "editor", "envoy", "consul",
    "marshal", "brigadier", "inspector", "superintendent", "sheriff", "rector", "dean", "professor", "attaché",
    "commissioner", "councillor", "councilor", "officer", "owner", "master", "pilot", "adviser", "advisor",
    "coordinator", "cardinal", "bishop", "patriarch", "mp", "lawmaker", "speaker", "treasurer", "president-elect",
}
# Words that may open a title before its head ("First Deputy Mayor", "Rear Admiral", "former minister").
MODIFIERS = {"first", "second", "vice", "deputy", "senior", "acting", "former", "interim", "rear", "lieutenant",
             "major", "chief", "assistant", "executive", "general", "foreign", "defence", "defense", "interior",
             "prime", "state", "ex", "ex-", "information", "finance", "health", "justice", "the"}
STOP_POS = {"VERB", "AUX", "PUNCT", "CCONJ", "SCONJ", "PRON"}


def find(doc, mentions: list[Mention]) -> list[TitleMention]:
    out = []
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        title = _before(doc, span) or _after(doc, span)
        if title is not None:
            out.append(TitleMention(title[0].idx, title[-1].idx + len(title[-1]), _text(title), mention.text,
                                    " ".join(_text(title).split()), mention.start, mention.end))
    return out


def _text(tokens) -> str:
    return text_of(tokens[0].doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]


def _before(doc, person):
    """The title phrase ending right before the name (a comma between them is allowed)."""
    end = person.start
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    window = []
    for i in range(end - 1, max(-1, end - 16), -1):
        tok = doc[i]
        if tok.is_space:  # a name pushed onto its own line by scraping
            continue
        if tok.pos_ in STOP_POS or (tok.pos_ == "ADP" and tok.lower_ != "of") or tok.ent_type_ == "PERSON":
            break
        window.insert(0, tok)
    heads = [k for k, tok in enumerate(window) if tok.lower_ in TITLE_HEADS]
    if not heads or (end != person.start and window and window[-1].lower_ not in TITLE_HEADS):
        return None
    start = heads[0]
    while start > 0 and _modifies(window[start - 1]):
        start -= 1
    tokens = window[start:]
    while tokens and tokens[0].lower_ in ("the", "a", "an", "of"):
        tokens = tokens[1:]
    return tokens or None


def _modifies(tok) -> bool:
    return tok.lower_ in MODIFIERS or tok.ent_type_ in ("NORP", "GPE", "ORG") or (tok.is_title and tok.pos_ == "PROPN")


def _after(doc, person):
    """"X, head of the Canal Authority," — an apposition opened by a title word."""
    i = person.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    tokens = []
    for tok in doc[i + 1:i + 16]:
        if tok.pos_ in STOP_POS - {"CCONJ"} or tok.ent_type_ == "PERSON" or tok.text in "()":
            break
        tokens.append(tok)
    while tokens and tokens[0].lower_ in ("the", "a", "an", "its", "his", "her"):
        tokens = tokens[1:]
    if not tokens or not any(t.lower_ in TITLE_HEADS for t in tokens[:3]):
        return None
    while tokens and (tokens[-1].pos_ in ("CCONJ", "ADP", "DET") or tokens[-1].text in "-–"):
        tokens = tokens[:-1]
    return tokens or None
