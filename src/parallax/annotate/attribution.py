"""Attribution: who vouches for each sentence, through which words, and what kind of source that is.

One dependency-parse pass per sentence finds the reporting cue ("said", "tweeted", "according to",
"cited", "quoted by"), the speaker's span, and a relaying outlet in chains
("Sputnik cited an anonymous source", "said Mike Pompeo to CNN"). Pronouns and repeated role
nouns ("he added", "the source said") take the attribution of the recent speaker they refer to.
"""
from __future__ import annotations

import re

from ..model import Attribution, SentenceInfo
from .certainty import CLAIM_NOUNS
from .doctext import sentence_span, text_of, tokens_in, tokens_where
from .entities import entity_at

# Verbs that attribute on their own; CONTENT_VERBS attribute only when they introduce a clause.
REPORTING = {"say", "tell", "tweet", "retweet", "post", "confirm", "deny", "claim", "cite", "quote",
             "announce", "allege", "insist", "state", "add", "report", "assert", "warn", "declare",
             "acknowledge", "admit", "reject", "dismiss", "accuse", "stress", "write", "testify", "estimate"}
CONTENT_VERBS = {"call", "demand", "urge", "promise", "pledge", "vow", "show", "indicate", "reveal", "suggest",
                 "note", "explain", "argue", "believe", "respond", "reply", "maintain", "assure", "contend",
                 "predict"}
SPEECH_ACTS = {"call", "demand", "urge", "promise", "pledge", "vow"}  # also when they take an object or "for"
SOCIAL_VERBS = {"tweet", "retweet", "post"}
OBSERVING = {"see", "watch", "count", "witness", "observe"}  # attribute only for an outlet's own reporter
CHAIN_VERBS = {"cite", "quote"}  # the subject relays the object's words
# what is cited as a reason, not as a source: "Police cited safety concerns" is the police speaking
REASONS = {"concern", "reason", "risk", "ground", "need", "problem", "danger", "fear", "issue", "factor", "difficulty",
           "circumstance", "threat", "lack", "shortage", "health", "safety", "security", "cost", "delay", "weather"}
# reporting verbs that also name ordinary acts ("added 200 jobs", "posted a loss", "dismissed the case",
# "rejected the bill"): with an object, they report only when the object is something said or shown
ACT_VERBS = {"add", "post", "dismiss", "reject"}
SAID_THINGS = CLAIM_NOUNS | {"criticism", "warning", "appeal", "comment", "remark", "message", "post", "tweet", "update",
                             "letter", "note", "video", "photo", "photograph", "picture", "image", "footage", "clip",
                             "recording", "screenshot", "figure", "data", "document", "map", "list", "link"}
QUOTE_MARKS = set('"“”„«»')
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
RELATIVES = {"who", "whom", "which", "that", "whose"}  # "according to who": the other cue names the source

KIND_WORDS = {
    "social": {"tweet", "tweets", "twitter", "facebook", "telegram", "instagram", "tiktok", "youtube", "post",
               "posts", "blog", "account", "feed", "social"},
    "anonymous": {"anonymous", "anonymity", "unnamed", "unidentified", "unconfirmed", "unverified", "source",
                  "sources", "insider", "insiders", "familiar", "rumour", "rumours", "rumor", "rumors"},
    "outlet": {"newspaper", "media", "outlet", "outlets", "broadcaster", "daily", "tabloid", "magazine", "journal", "radio",
               "television", "tv", "reporter", "reporters", "correspondent", "journalist", "journalists",
               "news", "press", "times", "gazette", "herald", "tribune", "dispatch", "ledger", "rundschau",
               "chronicle", "telegraph", "broadcasting", "courier", "mirror", "express", "bulletin", "wire",
               "newswire", "inquirer", "sentinel", "examiner", "recorder", "digest", "newsroom", "cnn", "bbc", "reuters", "ap", "afp", "tass", "ria",
               "sputnik", "xinhua", "bloomberg", "interfax", "dpa", "efe", "ansa", "monde", "jazeera", "nbc",
               "cbs", "abc", "rt"},
    "expert": {"analyst", "analysts", "expert", "experts", "professor", "scientist", "economist", "economists",
               "researcher", "researchers", "historian", "scholar", "academic", "observer", "consultant",
               "strategist", "specialist", "university", "institute"},
    "document": {"report", "statement", "document", "documents", "data", "record", "records", "filing", "papers",
                 "letter", "decree", "imagery", "filings", "transcript", "transcripts", "invoices", "image", "images", "photographs", "photos", "video", "footage", "figures",
                 "survey", "study", "poll", "memo", "indictment", "ruling", "registry", "website", "tracking",
                 "satellite", "log", "logs", "minutes", "communique", "release"},
    "lay": {"resident", "residents", "witness", "witnesses", "eyewitness", "eyewitnesses", "locals", "people",
            "neighbour", "neighbours", "neighbor", "neighbors", "passer", "protester", "protesters", "villager",
            "villagers", "worker", "workers", "passenger", "passengers", "farmer", "farmers", "driver", "relatives",
            "pensioner", "pensioners", "shopkeeper", "shopkeepers", "student", "students", "parent", "parents",
            "commuter", "commuters", "fisherman", "fishermen", "survivor", "survivors", "tourist", "tourists",
            "customer", "customers", "voter", "voters", "shopper", "shoppers"},
}
# Checked in this order: a "source" quoted in a "report" is anonymous, a "reporter" is an outlet.
KIND_ORDER = ("social", "anonymous", "outlet", "expert", "document", "lay")
_STRIP_WORDS = {"the", "a", "an"}
# "In a post on X, ..." / "wrote on the social network X": the words were published as a social post
_SOCIAL_CONTEXT = re.compile(r"\b(?:in an? (?:post|tweet|message|video) on|(?:wrote|writing|posted|posting|said|tweeted) on "
                             r"(?:the social network|social media|twitter|facebook|telegram|instagram|tiktok|x)\b|"
                             r"on (?:the )?social (?:network|media)\b)", re.I)
# the ways a report says its source is not named: the source is anonymous whatever its role
# ("a plant employee who asked not to be named said")
_ANONYMITY = re.compile(r"\b(?:condition of anonymity|(?:asked|wished|preferred|wanted) not to be (?:named|identified)|"
                        r"(?:declined|refused|did not want|didn't want|does not want|did not wish) to be (?:named|identified)|"
                        r"(?:requested|asked for|was granted|were granted) anonymity|(?:spoke|speaking|talking) anonymously|"
                        r"(?:not |un)authori[sz]ed to (?:speak|talk|comment) (?:publicly|on the record|to the (?:media|press)))\b",
                        re.I)
_VERBS = frozenset({"VERB", "AUX"})
_CUE_LEMMAS = frozenset(OBSERVING | REPORTING | CONTENT_VERBS)


def cue_candidates(doc) -> list[int]:
    """Tokens that :func:`_cue` can accept: "according", or a verb with a cue's lemma."""
    return sorted({*tokens_where(doc, LOWER=frozenset({"according"})), *tokens_where(doc, POS=_VERBS, LEMMA=_CUE_LEMMAS)})


def attribute(doc, sentences: list[SentenceInfo]) -> None:
    """Set ``attribution`` on every sentence that has a reporting cue."""
    history: list[Attribution] = []
    candidates = cue_candidates(doc)
    for i, sent in enumerate(sentences):
        span = sentence_span(doc, sent)
        att = _sentence_attribution(span, tokens_in(doc, candidates, span)) if span is not None else None
        if att is None or att.speaker is None:
            continue
        att = _resolve_reference(att, history) or _name_from_fragment(att, doc, sentences, i) or att
        sent.attribution = att
        history.append(att)


def _sentence_attribution(span, candidates: list) -> Attribution | None:
    cues = [c for c in (_cue(tok, span) for tok in candidates)
            if c is not None and c[1].lower_ not in RELATIVES and span.start <= c[1].i < span.end]
    if not cues:
        return None
    cue, speaker, via = min(cues, key=lambda c: (_depth(c[0]), c[0].i))
    return _make(span, cue, speaker, via)


def _cue(tok, span):
    """(cue token, speaker head, relaying head) for a reporting cue in sentence ``span``, or None."""
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
        to = tok.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        return (tok, objs[0], None) if objs else None
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_ in OBSERVING:
        return _own_reporter(tok, span)
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_ not in REPORTING | CONTENT_VERBS:
        return None
    if tok.lemma_ in CONTENT_VERBS and not _introduces_content(tok, span):
        return None
    if tok.lemma_ in ACT_VERBS and _names_an_act(tok):
        return None
    subj = _subject(tok)
    agent = _agent(tok)
    if tok.lemma_ in CHAIN_VERBS:
        obj = _child(tok, "dobj")
        if subj is not None and obj is not None and obj.lemma_.lower() not in REASONS:
            return tok, obj, subj  # "Sputnik cited an anonymous source"
        if agent is not None:  # "X, quoted by TASS" / "X was quoted by TASS"
            quoted = _child(tok, "nsubjpass") or (tok.head if tok.dep_ == "acl" else None)
            return (tok, quoted, agent) if quoted is not None else None
    if subj is None and tok.dep_ in ("advcl", "xcomp", "conj"):
        subj = _child(tok.head, "nsubj")  # "Police closed the towpath, citing safety"
    if subj is None and agent is not None:
        subj = agent
    if subj is None:  # "..., court records show": the parser may leave the subject as a compound
        subj = next((c for c in tok.lefts if c.dep_ in ("compound", "npadvmod", "dep") and c.pos_ in ("NOUN", "PROPN")),
                    None)
    if subj is not None and not span.start <= subj.i < span.end:
        subj = _nearest_noun_before(tok, span)  # the parse ran across a paragraph break
    if subj is None:
        return None
    return tok, subj, _told_outlet(tok)


def _nearest_noun_before(tok, span):
    return next((t for t in reversed(span[:tok.i - span.start]) if t.pos_ in ("PROPN", "NOUN")), None)


def _own_reporter(tok, span):
    """"Our correspondent saw ...", "A Ledger reporter counted ...": the outlet vouches as a witness."""
    subj = _subject(tok)
    if subj is None or not span.start <= subj.i < span.end or _kind_of(_phrase_tokens(subj), None) != "outlet":
        return None
    return tok, subj, None


def _introduces_content(tok, span) -> bool:
    if any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
        return True
    if tok.lemma_ not in SPEECH_ACTS:
        return False
    quoted = any(t.text in QUOTE_MARKS for t in span)
    return quoted or any(c.dep_ in ("xcomp", "dobj") or c.lower_ == "for" for c in tok.children)


def _names_an_act(tok) -> bool:
    """An act verb with an object that is not something said ("added 200 jobs"), and no clause of
    content ("added that the talks would go on"). A pronoun points back at what was said ("rejects this")."""
    if any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
        return False
    obj = _child(tok, "dobj")
    return obj is not None and obj.pos_ != "PRON" and obj.lemma_.lower() not in SAID_THINGS


def _subject(tok):
    """The verb's subject; of two ("The shipping agent Marta Olenko told"), the named one."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    return next((c for c in subjects if c.ent_type_), subjects[0] if subjects else None)


def _child(tok, dep):
    return next((c for c in tok.children if c.dep_ == dep), None)


def _agent(tok):
    agent = _child(tok, "agent")
    return _child(agent, "pobj") if agent is not None else None


def _told_outlet(tok):
    """The outlet a speaker told something to ("said X to CNN", "confirmed to Le Monde", "told Reuters")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            obj = _child(child, "pobj")
            if obj is not None and _kind_of(_phrase_tokens(obj), tok.lemma_) == "outlet":
                return obj
        if child.dep_ in ("dative", "dobj") and tok.lemma_ == "tell":
            if _kind_of(_phrase_tokens(child), tok.lemma_) == "outlet":
                return child
    return None


def _depth(tok) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _phrase_tokens(head) -> list:
    """The noun phrase of ``head`` without its clauses and places ("a spokesman for the army",
    not "a source in the capital")."""
    keep = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep") and not (
                child.dep_ == "prep" and child.lower_ in ("of", "for")):
            continue
        keep.extend(_without_clauses(child))
    return sorted(keep, key=lambda t: t.i)


def _without_clauses(tok) -> list:
    """``tok``'s subtree less the clauses and punctuation hung anywhere inside it ("of one news
    site, who asked not to be named," is "of one news site"). Appositions stay: the parser often
    hangs the name on the nearest noun ("the director of the plant, Bolat Zhaksylykov")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in ("relcl", "acl", "advcl", "punct"):
            out.extend(_without_clauses(child))
    return out


def _speaker_span(head, span):
    """The speaker's words: the name the head belongs to, else a named person in the phrase or its
    apposition ("the ambassador, X"), else a proper-noun run, else the role phrase itself."""
    words = [t for t in head.subtree if span.start <= t.i < span.end] or [head]
    own = entity_at(head)
    if own is not None and own.label_ in SPEAKER_LABELS:
        return _without_article(own)
    for label in SPEAKER_LABELS:
        for tok in words:
            ent = entity_at(tok) if tok.ent_type_ == label else None
            if (ent is not None and ent.start >= words[0].i and ent.end <= words[-1].i + 1
                    and _in_phrase_or_appos(ent, head) and not _names_a_kind(ent)):
                return _without_article(ent)
    names = _proper_run(head) or next((_proper_run(c) for c in head.children if c.dep_ == "appos"), None)
    if names:
        return names[0].idx, names[-1].idx + len(names[-1])
    toks = [t for t in _phrase_tokens(head) if span.start <= t.i < span.end]
    while toks and toks[0].lower_ in _STRIP_WORDS:
        toks = toks[1:]
    if not toks:
        return head.idx, head.idx + len(head.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _names_a_kind(ent) -> bool:
    """A place or nationality that says what kind a common noun is ("one Temirgad news site", "an
    Ulvaran army spokesman") is not the speaker: the phrase is."""
    root = ent.root
    kind = root.head
    return (root.ent_type_ in ("GPE", "NORP") and root.dep_ in ("compound", "amod", "nmod")
            and kind.pos_ in ("NOUN", "PROPN") and not kind.ent_type_)


def _without_article(ent) -> tuple[int, int]:
    """"the Calder Courier" -> "Calder Courier"."""
    start = ent[1].idx if len(ent) > 1 and ent[0].lower_ in _STRIP_WORDS else ent.start_char
    return start, ent.end_char


def _proper_run(tok) -> list:
    """"Dauren Seitkali" when the model left the name untagged: the proper nouns ending at ``tok``."""
    if tok.pos_ != "PROPN":
        return []
    run = [tok]
    while run[0].i > 0 and run[0].nbor(-1).pos_ == "PROPN" and run[0].nbor(-1).dep_ in ("compound", "nmod"):
        run.insert(0, run[0].nbor(-1))
    return run


def _in_phrase_or_appos(ent, head) -> bool:
    """The entity lies in the phrase or in an apposition of it, however nested ("the agreement, the
    ambassador, X"); an owner ("Imanaliev's lawyer") is not the speaker."""
    allowed = {t.i for t in _phrase_tokens(head) if t.dep_ != "poss" and t.head.dep_ != "poss"}
    for child in head.children:
        if child.dep_ == "appos" and _in_phrase_or_appos(ent, child):
            return True
    return any(t.i in allowed for t in ent)


def _kind_of(tokens, verb_lemma: str | None, sentence_text: str = "") -> str:
    if verb_lemma in SOCIAL_VERBS or _SOCIAL_CONTEXT.search(sentence_text):
        return "social"
    words = {t.lower_ for t in tokens}
    if _ANONYMITY.search(sentence_text):
        return "anonymous"
    for kind in KIND_ORDER:
        if words & KIND_WORDS[kind]:
            return "none" if kind == "lay" else kind
    if any(t.like_url or "." in t.text.strip(".") for t in tokens if t.ent_type_ in ("ORG", "")):
        return "document"  # a data site such as a flight tracker
    return "official"


def _speaker_kind(speaker, verb_lemma: str, sentence_text: str) -> str:
    """Kind from the speaker's own phrase and appositions first ("images reviewed by analysts" are a
    document), then from everything said about it."""
    own = _phrase_tokens(speaker) + [t for c in speaker.children if c.dep_ == "appos" for t in c.subtree]
    kind = _kind_of(own, verb_lemma, sentence_text)
    return kind if kind != "official" else _kind_of(list(speaker.subtree), verb_lemma, sentence_text)


def _make(span, cue, speaker, via) -> Attribution:
    text = text_of(span.doc)
    start, end = _speaker_span(speaker, span)
    verb = _verb_text(cue)
    # the doc's text sliced, not span.text, which joins the span's tokens again
    att = Attribution(speaker=text[start:end], kind=_speaker_kind(speaker, cue.lemma_, text[span.start_char:span.end_char]),
                      verb=verb, speaker_start=start, speaker_end=end)
    if via is not None:
        via_start, via_end = _speaker_span(via, span)
        att.via = text[via_start:via_end]
        att.via_kind = _kind_of(list(via.subtree), None)
    if speaker.lower_ in PRONOUNS:
        att.kind = "none"  # resolved from the previous speaker, if any
    elif _own_words(speaker, att):
        return Attribution()  # "according to our information": the quoted speaker's own words
    return att


def _own_words(speaker, att: Attribution) -> bool:
    """"our information", "his view": a possessive pronoun and nothing that names or types a source."""
    has_poss = any(t.dep_ == "poss" and t.pos_ == "PRON" for t in speaker.children)
    named = any(t.pos_ == "PROPN" for t in speaker.subtree)
    return has_poss and not named and att.kind == "official"


def _verb_text(cue) -> str:
    if cue.lower_ == "according":
        return "according to"
    if cue.dep_ == "acl" or _child(cue, "agent") is not None:
        return f"{cue.text} by"
    return cue.text


def _resolve_reference(att: Attribution, history: list[Attribution]) -> Attribution | None:
    """"he added" / "the source said" / "Pavlovsky says": reuse the recent attribution they point back to."""
    speaker = att.speaker or ""
    words = speaker.lower().split()
    if not history or not words:
        return None
    if len(words) == 1 and words[0] in PRONOUNS:
        return _again(history[-1], att)
    if speaker[0].islower():  # a role noun ("the source") naming a recent speaker again
        previous = next((h for h in reversed(history[-5:]) if h.speaker and words[-1] in h.speaker.lower().split()
                         and h.speaker != speaker), None)
        return _again(previous, att) if previous else None
    if len(words) == 1:  # a surname alone: the person named in full before
        previous = next((h for h in reversed(history) if h.speaker and h.speaker.split()[-1] == speaker), None)
        if previous is None:
            return None
        kind = previous.kind if att.kind == "official" else att.kind  # "Mayorca tweeted" stays social
        return Attribution(speaker, kind, att.verb, att.speaker_start, att.speaker_end)
    return None


def _again(previous: Attribution, att: Attribution) -> Attribution:
    return Attribution(previous.speaker, previous.kind, att.verb, previous.speaker_start, previous.speaker_end,
                       previous.via, previous.via_kind)


def _name_from_fragment(att: Attribution, doc, sentences: list[SentenceInfo], i: int) -> Attribution | None:
    """"…, the spokesman said. Russia, Maria X." — a role noun completed by a verbless next fragment
    (a sentence broken by scraping) takes the name given there."""
    if att.speaker_start is None or i + 1 >= len(sentences):
        return None
    role = doc.char_span(att.speaker_start, att.speaker_end, alignment_mode="expand")
    if role is None or any(t.ent_type_ for t in role):
        return None
    nxt = doc.char_span(sentences[i + 1].start, sentences[i + 1].end, alignment_mode="expand")
    if nxt is None or len(nxt) > 8 or any(t.pos_ in ("VERB", "AUX") for t in nxt):
        return None
    person = next((e for e in nxt.ents if e.label_ == "PERSON"), None)
    if person is None:
        return None
    return Attribution(person.text, att.kind, att.verb, person.start_char, person.end_char, att.via, att.via_kind)
