"""Quantities: values, units, bounds, what is counted, and equal amounts in different words."""
from __future__ import annotations

import pytest

from parallax.annotate import annotate
from parallax.annotate.nlp import load_nlp
from parallax.annotate.quantities import compatible, parse


@pytest.mark.parametrize("expr, value, unit", [
    ("35 tonnes", 35, "tonne"),
    ("35 tons", 35, "tonne"),
    ("64,000 tonnes", 64000, "tonne"),
    ("64 000 tonnes", 64000, "tonne"),
    ("sixty-four thousand tonnes", 64000, "tonne"),
    ("16.5 percent", 16.5, "percent"),
    ("sixteen and a half percent", 16.5, "percent"),
    ("a fifth", 20, "percent"),
    ("two dozen", 24, None),
    ("1.5 million", 1_500_000, None),
    ("$40m", 40_000_000, "USD"),  # after a currency sign "m" is millions
    ("€2.4bn", 2_400_000_000, "EUR"),
    ("2bn euros", 2_000_000_000, "EUR"),
    ("40m", 40, "metre"),  # without one, metres
])
def test_values_and_units(expr, value, unit):
    q = parse(expr)
    assert q.value == pytest.approx(value) and q.unit == unit


@pytest.mark.parametrize("expr, approx, low, high", [
    ("more than 80", "more than", 80, None),
    ("nearly 60", "nearly", 54, 60),
    ("about 480 metres", "about", 432, 528),
    ("dozens", "dozens", 24, 99),
    ("between 5 and 10", "range", 5, 10),
    ("99", None, 99, 99),
])
def test_bounds(expr, approx, low, high):
    q = parse(expr)
    assert q.approx == approx
    assert q.low == pytest.approx(low) if low is not None else q.low is None
    assert q.high == pytest.approx(high) if high is not None else q.high is None


@pytest.mark.parametrize("a, b", [
    ("three days", "72 hours"),
    ("over a fifth", "more than 20 percent"),
    ("nearly 60", "57"),
    ("about 480 metres", "478 metres"),
    ("16.5 percent", "sixteen and a half percent"),
    ("64 000 tonnes", "sixty-four thousand tonnes"),
    ("35 tonnes", "35 tons"),
])
def test_equal_amounts_in_different_words(a, b):
    assert compatible(parse(a), parse(b))


@pytest.mark.parametrize("a, b", [("57", "60"), ("three days", "3 tonnes"), ("more than 80", "70"), ("99", "100")])
def test_different_amounts(a, b):
    assert not compatible(parse(a), parse(b))


def test_found_in_text_with_what_is_counted():
    nlp = load_nlp()
    text = ("A retinue of 99 soldiers arrived with some 300 tonnes of humanitarian aid aboard an Antonov 225, "
            "and more than 80 people waited for nearly three hours.")
    found = {q.text: q for q in annotate(text, nlp(text), None).quantities}
    assert found["99"].counted == "soldiers"
    aid = found["some 300 tonnes"]
    assert aid.counted == "humanitarian aid" and aid.approx == "about" and aid.base_unit == "kilogram"
    assert found["more than 80"].low == 80
    assert found["nearly three hours"].base_value == pytest.approx(3)
    assert "225" not in found  # part of a designation, not an amount


def test_amount_span_takes_the_currency_sign_and_leaves_the_full_stop():
    nlp = load_nlp()
    text = "The state will spend €2.4bn on the line. Officials put the damage at around $40m."
    found = {q.text: (q.value, q.unit) for q in annotate(text, nlp(text), None).quantities}
    assert found == {"€2.4bn": (2_400_000_000, "EUR"), "around $40m": (40_000_000, "USD")}
