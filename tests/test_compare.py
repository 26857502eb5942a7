"""Comparison rules on sentences we write: each conflict type, its traps, origins and amounts."""
import pytest

from parallax.compare.align import ENTITY_BONUS, MAX_ENTITY_BONUS, SLOT_BONUS, slot_bonus
from parallax.compare.amounts import amount_groups
from parallax.compare.claims import Claim
from parallax.compare.conflicts import find_conflicts, located, purpose_of
from parallax.compare.origins import OriginContext, origins
from parallax.compare.titles import compatible as titles_compatible
from parallax.model import Attribution, DateMention, Quantity, SentenceInfo


def claim(article, outlet, text, *, quantities=(), dates=(), speaker=None, kind="none", hedge=None,
          polarity="asserted", via=None):
    s = SentenceInfo(0, len(text), text, attribution=Attribution(speaker=speaker, kind=kind, via=via), hedge=hedge,
                     polarity=polarity)
    return Claim(article=article, outlet=outlet, index=0, sentence=s, quantities=list(quantities), dates=list(dates))


def qty(text, sentence, value, low=None, high=None, counted=None, unit=None, approx=None):
    i = sentence.index(text)
    return Quantity(i, i + len(text), text, value, low if low is not None else value, high if high is not None else value,
                    unit=unit, counted=counted, approx=approx, base_value=value, base_unit=unit)


def types(*claims):
    return {c["type"] for c in find_conflicts(list(claims))}


def test_number_conflict_and_compatible_approximation():
    t1, t2, t3 = "Eight tugboats reached the ship.", "Twelve tugboats reached the ship.", "More than 6 tugboats reached it."
    a = claim("a1", "Wire", t1, quantities=[qty("Eight", t1, 8, counted="tugboats")])
    b = claim("a2", "Daily", t2, quantities=[qty("Twelve", t2, 12, counted="tugboats")])
    c = claim("a3", "Post", t3, quantities=[qty("More than 6", t3, 6, low=6, high=float("inf"), counted="tugboats", approx="more than")])
    assert types(a, b) == {"number"}
    assert "number" not in types(a, c)  # "more than 6" allows 8
    conflict = find_conflicts([a, b])[0]
    assert conflict["values"] == {"a1": "Eight", "a2": "Twelve"} and "tugboat" in conflict["explanation"]


def test_amounts_of_different_things_do_not_conflict():
    t1, t2 = "The firm runs 34 carriers.", "The canal saw 57 ships waiting."
    a = claim("a1", "Wire", t1, quantities=[qty("34", t1, 34, counted="carriers")])
    b = claim("a2", "Daily", t2, quantities=[qty("57", t2, 57, counted="ships")])
    assert "number" not in types(a, b)


def test_uncounted_amount_takes_the_next_word():
    t1, t2 = "The bridge will cost 2.4 billion euros.", "The bridge will cost 1.8 billion euros."
    a = claim("a1", "Wire", t1, quantities=[qty("2.4 billion", t1, 2.4e9)])
    b = claim("a2", "Daily", t2, quantities=[qty("1.8 billion", t2, 1.8e9)])
    assert types(a, b) == {"number"}
    t3, t4 = "It happened in Shaft No. 5, which was closed.", "It happened in Shaft No. 2, which was closed."
    c = claim("a1", "Wire", t3, quantities=[qty("5", t3, 5)])
    d = claim("a2", "Daily", t4, quantities=[qty("2", t4, 2)])
    assert "number" not in types(c, d)  # labels, not amounts


def test_date_conflict_and_weekday_ambiguity():
    t = "The ferry sank on Monday."
    a = claim("a1", "Wire", t, dates=[DateMention(18, 24, "Monday", "2031-03-10", relative=True)])
    b = claim("a2", "Daily", t, dates=[DateMention(18, 24, "Monday", "2031-03-09", relative=True)])
    c = claim("a3", "Post", t, dates=[DateMention(18, 24, "Monday", "2031-03-03", relative=True)])
    assert types(a, b) == {"date"}
    assert "date" not in types(a, c)  # a week apart on a bare weekday: last or next Monday


def test_denial_and_attribution_conflicts():
    a = claim("a1", "Wire", "The plant released waste into the river.")
    b = claim("a2", "Daily", "The director denied that the plant released any waste.", speaker="director",
              kind="official", polarity="denied")
    assert "denial" in types(a, b)
    c = claim("a3", "Post", "The plant released waste, a worker said on condition of anonymity.", speaker="a worker",
              kind="anonymous", hedge="on condition of anonymity")
    assert "attribution" in types(a, c)
    d = claim("a4", "Gazette", "The plant released waste, the ministry said.", speaker="the ministry", kind="official")
    assert "attribution" not in types(a, d)  # a named official source against a plain statement is agreement


def test_place_conflict_and_its_traps():
    a = claim("a1", "Wire", "The treaty was signed in Dravik on Tuesday.")
    b = claim("a2", "Daily", "The treaty was signed at the Presidential Palace on Tuesday.")
    c = claim("a3", "Post", "The treaty was signed in Dravik, on Tuesday.")
    assert located(a) == {"Dravik": "Dravik"} and "Tuesday" not in located(a)
    assert types(a, b) == {"place"}
    assert "place" not in types(a, c)


def with_purpose(c: Claim) -> Claim:
    """The claim with its purpose annotated, as the annotate stage would."""
    from parallax.annotate import purposes
    from parallax.annotate.nlp import load_nlp

    purposes.mark(load_nlp()(c.sentence.text), [c.sentence])
    return c


def test_purpose_conflict():
    a = with_purpose(claim("a1", "Wire", "Police closed the road to protect residents."))
    b = with_purpose(claim("a2", "Daily", "Police closed the road to stop reporters filming the spill."))
    c = with_purpose(claim("a3", "Post", "Police closed the road in order to protect local residents."))
    assert purpose_of(a) == "to protect residents" and purpose_of(b) == "to stop reporters filming the spill"
    assert types(a, b) == {"purpose"}
    assert "purpose" not in types(a, c)


def test_title_compatibility():
    assert titles_compatible("head of the Borkhan Canal Authority", "Canal authority chief")
    assert titles_compatible("First Deputy Mayor", "first deputy mayor")
    assert not titles_compatible("Governor", "Deputy Governor")
    assert not titles_compatible("General", "Major General")
    assert not titles_compatible("mine director", "chief engineer")


def test_origins_by_speaker_citation_and_quotation():
    ctx = OriginContext(entity_names=[("Asel Nurgazina", ["Asel Nurgazina", "Nurgazina", "Assel Nurgazina"])],
                        outlet_articles={"Wire": {"a1"}, "Daily": {"a2"}, "Post": {"a3"}, "Gazette": {"a4"}})
    claims = [
        claim("a1", "Wire", 'Nurgazina wrote that it was "an attempt to frighten the city".', speaker="Nurgazina", kind="social"),
        claim("a2", "Daily", 'Mayor Assel Nurgazina posted that it was "an attempt to frighten the city".',
              speaker="Assel Nurgazina", kind="social"),
        claim("a3", "Post", "According to the Wire agency, the mayor called it intimidation.", speaker="the Wire agency",
              kind="outlet"),
        claim("a4", "Gazette", "Our reporter saw officers carry boxes out of city hall."),
    ]
    groups = origins(claims, ctx)
    assert len(groups) == 2
    merged = next(g for g in groups if "a1" in g["articles"])
    assert set(merged["articles"]) == {"a1", "a2", "a3"}
    assert next(g for g in groups if "a4" in g["articles"])["articles"] == ["a4"]


def test_an_origin_named_two_ways_of_one_length_takes_the_first_name():
    ctx = OriginContext(entity_names=[], outlet_articles={"Wire": {"a1"}, "Daily": {"a2"}})
    quote = 'it was "a plain act of sabotage by the contractor"'
    first = claim("a1", "Wire", f"Ilsa Varn said {quote}.", speaker="Ilsa Varn", kind="named")
    second = claim("a2", "Daily", f"Omar Kell said {quote}.", speaker="Omar Kell", kind="named")
    # a set would pick one name whatever the order, and which one would change with the process's hash seed
    assert [g["source"] for g in origins([first, second], ctx)] == ["Ilsa Varn"]
    assert [g["source"] for g in origins([second, first], ctx)] == ["Omar Kell"]


def test_slot_bonus_counts_shared_entities_counted_things_and_dates():
    t1, t2, t3 = "Eight tugboats came on 3 May.", "Twelve tugboats came on 3 May.", "The port reopened."
    a = claim("a1", "Wire", t1, quantities=[qty("Eight", t1, 8, counted="tugboats")],
              dates=[DateMention(22, 27, "3 May", "2031-05-03")])
    b = claim("a2", "Daily", t2, quantities=[qty("Twelve", t2, 12, counted="tugboats")],
              dates=[DateMention(23, 28, "3 May", "2031-05-03")])
    c = claim("a3", "Post", t3)
    a.entities, b.entities, c.entities = {"e1", "e2", "e3", "e4"}, {"e1", "e2", "e3", "e4", "e5"}, {"e1"}
    bonus = slot_bonus([a, b, c])
    assert bonus[0, 1] == bonus[1, 0] == pytest.approx(MAX_ENTITY_BONUS + 2 * SLOT_BONUS)  # four entities: capped
    assert bonus[0, 2] == pytest.approx(ENTITY_BONUS)  # one shared entity, no counted thing or date in common
    assert bonus.shape == (3, 3)


def test_shared_amount_outside_one_fact_becomes_a_fact():
    t1, t2 = "A freighter brought 35 tonnes of materials.", "The planes also carried 35 tons of equipment."
    a = claim("a1", "Wire", t1, quantities=[qty("35 tonnes", t1, 35000, unit="kg")])
    b = claim("a2", "Daily", t2, quantities=[qty("35 tons", t2, 35000, unit="kg")])
    assert amount_groups([a, b], [[0], [1]]) and amount_groups([a, b], [[0], [1]])[0][1] == [0, 1]
    assert amount_groups([a, b], [[0, 1]]) == []  # already one fact
