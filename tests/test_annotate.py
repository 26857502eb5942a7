"""Annotation stage on our own invented texts: attribution, quotes, hedges, denials, titles, mentions."""
from __future__ import annotations

import pytest

from parallax.annotate import annotate
from parallax.annotate.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, text, published=None):
    return annotate(text, nlp(text), published)


def sentence_with(ann, words):
    return next(s for s in ann.sentences if words in s.text)


def test_doc_must_match_text(nlp):
    with pytest.raises(ValueError):
        annotate("Another text.", nlp("Some text."), None)


def test_spans_point_at_their_words(nlp):
    text = ("Harbour master Ilse Varnholt said on Tuesday that 40 tonnes of fuel leaked. "
            "\"We are containing it,\" she added.")
    ann = run(nlp, text, "2029-04-11")
    for item in ann.sentences + ann.mentions + ann.dates + ann.quantities + ann.quotes + ann.titles:
        assert text[item.start:item.end] == item.text
    att = ann.sentences[0].attribution
    assert text[att.speaker_start:att.speaker_end] == att.speaker == "Ilse Varnholt"


def test_outlet_relaying_anonymous_source(nlp):
    ann = run(nlp, "The Calder Courier cited an anonymous port source, according to whom the cargo was never inspected.")
    att = ann.sentences[0].attribution
    assert att.kind == "anonymous" and "source" in att.speaker
    assert att.via == "Calder Courier" and att.via_kind == "outlet"


def test_said_name_to_outlet(nlp):
    ann = run(nlp, "\"We have seen no evidence of sabotage,\" said Minister Oskar Fenwright to the Calder Courier.")
    att = ann.sentences[0].attribution
    assert (att.speaker, att.kind, att.via, att.via_kind) == ("Oskar Fenwright", "official", "Calder Courier", "outlet")


def test_tweet_introduces_multi_sentence_quote(nlp):
    text = ("Mayor Petra Lindqvist tweeted about the flood:\n\n"
            "\u201cThe water reached the square at noon. Forty homes were evacuated.\n\n"
            "The army has sent two boats.\u201d\n\n"
            "The river fell overnight.")
    ann = run(nlp, text)
    assert len(ann.quotes) == 1
    quote = ann.quotes[0]
    assert quote.text.startswith("\u201cThe water") and quote.text.endswith("boats.\u201d")
    assert quote.speaker == "Petra Lindqvist"
    for words in ("Forty homes", "two boats"):
        att = sentence_with(ann, words).attribution
        assert (att.speaker, att.kind) == ("Petra Lindqvist", "social")
    assert sentence_with(ann, "river fell").attribution.kind == "none"


def test_quote_with_mismatched_marks_and_following_quote(nlp):
    text = ("\u201cThe talks will resume,\" the envoy said. \"Both sides have agreed.\u201d "
            "The meeting ended at six.")
    ann = run(nlp, text)
    assert [q.text for q in ann.quotes] == ["\u201cThe talks will resume,\"", "\"Both sides have agreed.\u201d"]
    assert all(q.speaker == "envoy" for q in ann.quotes)
    assert ann.sentences[-1].attribution.speaker is None


def test_pronoun_takes_previous_speaker(nlp):
    ann = run(nlp, "Professor Hanne Moll warned that the aquifer was shrinking. She added that wells would dry up.")
    first, second = ann.sentences[0].attribution, ann.sentences[1].attribution
    assert first.speaker == "Hanne Moll" and first.kind == "expert"
    assert second.speaker == "Hanne Moll" and second.kind == "expert" and second.verb == "added"


@pytest.mark.parametrize("text, kind", [
    ("According to a senior official who spoke on condition of anonymity, the talks collapsed.", "anonymous"),
    ("A dock worker who asked not to be named said the crane had been leaning for weeks.", "anonymous"),
    ("A ministry official, who was not authorised to speak publicly, said the tender would be cancelled.", "anonymous"),
    ("A port engineer who declined to be identified said the pumps had failed twice.", "anonymous"),
    ("Local media reported that the harbour master had resigned.", "outlet"),
    ("Writing on X, the harbour master said the port would reopen.", "social"),
    ("The regional water agency said the river was safe to swim in.", "official"),  # a government agency
    ("The Vessa news agency reported that the port had reopened.", "outlet"),
    ("A pensioner waiting at the ferry said the crossing had been cancelled twice.", "none"),
    ("Satellite images reviewed by analysts show that the dam was breached.", "document"),
    ("Tomas Reuel, an economist at Vessa University, estimated the losses at 40 million euros.", "expert"),
    ("Residents of the old quarter said the water had risen within minutes.", "none"),
    ("The Vessa Port Authority confirmed that two cranes had collapsed.", "official"),
])
def test_speaker_kinds(nlp, text, kind):
    att = run(nlp, text).sentences[0].attribution
    assert att.speaker and att.kind == kind


@pytest.mark.parametrize("text", [
    "The ferry left the harbour at dawn and reached Brannock six hours later.",
    # reporting verbs that here name ordinary acts
    "The shipyard added 200 jobs last year.",
    "The ferry company posted a loss of 3 million euros.",
    "The court dismissed the case against the harbour master on Monday.",
    "The council rejected the budget by nine votes to four.",
])
def test_no_attribution(nlp, text):
    att = run(nlp, text).sentences[0].attribution
    assert att.speaker is None and att.kind == "none"


@pytest.mark.parametrize("text, speaker, via", [
    ("Police cited safety concerns and closed the quay.", "Police", None),  # a reason, not a source
    ("The Brannock Gazette cited an unnamed port official.", "unnamed port official", "Brannock Gazette"),
    ("The ferry operator rejects this: the ship never left port.", "ferry operator", None),  # "this" is what was said
    ("The ministry rejected the accusations as baseless.", "ministry", None),
    ("A deckhand posted a video of the fire on Chirp.", "deckhand", None),
])
def test_act_verbs_attribute_only_what_was_said(nlp, text, speaker, via):
    att = run(nlp, text).sentences[0].attribution
    assert (att.speaker, att.via) == (speaker, via)


@pytest.mark.parametrize("text, hedge", [
    ("The captain allegedly ignored two warnings.", "allegedly"),
    ("The fire reportedly started in the engine room.", "reportedly"),
    ("Unverified reports say that a second vessel was damaged.", "Unverified reports"),
    ("The pilot may have misjudged the current.", "may have"),
    ("The crane appeared to collapse under its own weight.", "appeared to"),
    ("According to unconfirmed reports, the minister has resigned.", "According to unconfirmed reports"),
    ("An official, speaking on condition of anonymity, said the ship was overloaded.", "on condition of anonymity"),
    ("The hull was badly damaged in the collision.", None),
    ("The mayor opened the new bridge on Saturday.", None),
])
def test_hedges(nlp, text, hedge):
    sent = run(nlp, text).sentences[0]
    assert sent.hedge == hedge
    if hedge:
        assert text[sent.hedge_start:sent.hedge_end] == hedge
        assert sent.start <= sent.hedge_scope_start < sent.hedge_scope_end <= sent.end


def test_hedge_scope_is_the_modified_clause(nlp):
    text = "Police arrested two men after the captain allegedly ignored the warnings."
    sent = run(nlp, text).sentences[0]
    scope = text[sent.hedge_scope_start:sent.hedge_scope_end]
    assert "ignored the warnings" in scope and "Police arrested" not in scope


@pytest.mark.parametrize("text, denier", [
    ("The ministry denied reports that troops had crossed the border.", "ministry"),
    ("\"There is no chemical leak,\" the plant director said.", "plant director"),
    ("The governor called the accusations totally unfounded.", "governor"),
    ("A spokesman for the army said the story was a farce.", "spokesman for the army"),
    ("The port operator rejected the claims as baseless.", "port operator"),
    ("The mayor said the reports about the dam were lies.", "mayor"),
    ("The ministry said the video of the raid was staged.", "ministry"),
])
def test_denials(nlp, text, denier):
    sent = run(nlp, text).sentences[0]
    assert sent.polarity == "denied"
    assert denier in sent.denied_by


@pytest.mark.parametrize("text", [
    "No one was injured in the fire, police said.",
    "The village has no doctor and no school.",
    "The committee rejected the bill by nine votes to four.",
    "The refugees were denied entry at the border crossing.",
    "Quilleta lies on the main line to the coast, the railway said.",
    "Hundreds of dock workers staged a protest outside the terminal, the union said.",
    "The budget was categorically approved by the council, its chair said.",
])
def test_not_denials(nlp, text):
    assert run(nlp, text).sentences[0].polarity == "asserted"


def test_denial_of_previous_claim(nlp):
    text = ("Unverified reports say foreign mercenaries guard the palace. "
            "The ambassador, Viktor Selm, denied this information, calling it a farce.")
    ann = run(nlp, text)
    denial = ann.sentences[1]
    assert denial.polarity == "denied" and denial.denied_by == "Viktor Selm" and denial.denies == 0


def test_titles_before_and_after_names(nlp):
    text = ("The convoy was led by the chief of staff of the coastal forces General Arvid Tenmark. "
            "Rear Admiral Lise Horn met it, with Piet Valk, head of the Canal Authority, at her side.")
    titles = {t.person: t.title for t in run(nlp, text).titles}
    assert titles["Arvid Tenmark"] == "chief of staff of the coastal forces General"
    assert titles["Lise Horn"] == "Rear Admiral"
    assert titles["Piet Valk"] == "head of the Canal Authority"


def test_mentions_are_cleaned_and_designations_found(nlp):
    text = "The Ilyushin Il-76 and an Antonov 225 landed in Brannock, the Kestrel Group's base."
    mentions = {m.text: m.label for m in run(nlp, text).mentions}
    assert mentions.get("Ilyushin Il-76") == "PRODUCT" and mentions.get("Antonov 225") == "PRODUCT"
    assert not any(name.endswith("'s") or name.startswith("the ") for name in mentions)


def test_role_noun_refers_back_to_the_relayed_source(nlp):
    text = ("The Meridian Wire cited an unnamed naval source, according to whom the submarine surfaced. "
            "\"It will return to port,\" the source said.")
    second = run(nlp, text).sentences[1].attribution
    assert second.kind == "anonymous" and "naval source" in second.speaker and second.via == "Meridian Wire"


def test_outlet_reporter_as_witness_but_not_any_witness(nlp):
    own = run(nlp, "Our correspondent in Kenes saw dead fish along both banks.").sentences[0].attribution
    assert own.kind == "outlet" and own.verb == "saw"
    assert run(nlp, "Villagers saw smoke over the hills.").sentences[0].attribution.speaker is None


@pytest.mark.parametrize("sentence, purpose", [
    ("The ministers met in Velden to discuss the canal tolls.", "to discuss the canal tolls"),
    ("Horvat said he was stepping down for health reasons.", "for health reasons"),
    ("About 300 residents were moved as a precaution, the police said.", "as a precaution"),
    ("The engineers were tasked with repairing the radar.", "were tasked with repairing the radar"),
    ("The cordon was there to keep people from filming.", "to keep people from filming"),
    ("The union agreed to end the strike.", None),  # what was agreed, not why
    ("The council is expected to vote on Monday.", None),
    ("The mayor urged residents to leave, to stay calm and to help neighbours.", None),
    ("The first to speak was the mayor, who asked them to leave, to respect the order.", None),
    ("The government is working to crack down on smugglers.", None),  # an effort, not a reason
])
def test_stated_purposes(nlp, sentence, purpose):
    from parallax.annotate import purposes, sentences

    doc = nlp(sentence)
    s = sentences.split(doc)[0]
    purposes.mark(doc, [s])
    assert s.purpose == purpose
    if purpose:
        assert sentence[s.purpose_start:s.purpose_end] == purpose


def test_tokens_where_selects_as_a_token_loop_would(nlp):
    from parallax.annotate.doctext import sentence_span, tokens_in, tokens_where
    from parallax.annotate.sentences import split

    doc = nlp("Officials said on Monday that the port would stay shut. The ministry denied it, "
              "according to a statement. Police closed the road to stop the march.")
    verbs, lemmas = frozenset({"VERB", "AUX"}), frozenset({"say", "deny", "close"})
    found = tokens_where(doc, POS=verbs, LEMMA=lemmas)
    assert found == [t.i for t in doc if t.pos_ in verbs and t.lemma_ in lemmas]
    assert [doc[i].lemma_ for i in found] == ["say", "deny", "close"]
    assert tokens_where(doc, LOWER=frozenset({"according"})) == [t.i for t in doc if t.lower_ == "according"]
    assert tokens_where(doc, LEMMA=frozenset({"no-such-lemma"})) == []
    sents = split(doc)
    per_sentence = [[t.lemma_ for t in tokens_in(doc, found, sentence_span(doc, s))] for s in sents]
    assert per_sentence == [["say"], ["deny"], ["close"]]
    span = sentence_span(doc, sents[1])
    assert (span.start, span.end) == (sentence_span(doc, sents[1]).start, sentence_span(doc, sents[1]).end)
    assert span.text == sents[1].text


def test_annotated_docs_are_freed_without_the_garbage_collector(nlp):
    """Nothing an annotator keeps in a doc may point back at it (a span would): the pipeline
    drops each doc after annotation, and docs left to the collector piled up in the workers."""
    import gc
    import weakref

    text = "Officials said the port would reopen. A worker who asked not to be named denied it."
    doc = nlp(text)
    annotate(text, doc, None)
    assert doc.user_data  # the annotators did keep what they share
    gone = weakref.ref(doc)
    gc.disable()
    try:
        del doc
        assert gone() is None
    finally:
        gc.enable()


@pytest.mark.parametrize("text, speaker", [
    # a place or nationality that says what kind of thing speaks is part of the phrase, not the speaker
    ("An Ulvaran army spokesman said the border crossing would stay closed.", "Ulvaran army spokesman"),
    ("The editor of one Vessa news site, who asked not to be named, told us the site would keep publishing.",
     "editor of one Vessa news site"),
    # a name hung on the nearest noun of the phrase is still the speaker
    ("The director of the Varnsee paper mill, Edda Lorn, denied that the mill had dumped any sludge.", "Edda Lorn"),
])
def test_speaker_phrases(nlp, text, speaker):
    assert run(nlp, text).sentences[0].attribution.speaker == speaker
