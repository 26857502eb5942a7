"""Date resolution: our own rules against a publication date, and no guessing without one."""
from __future__ import annotations

from datetime import date

import pytest

from parallax.annotate import annotate
from parallax.annotate.dates import resolve
from parallax.annotate.nlp import load_nlp

WED = date(2029, 4, 11)  # a Wednesday


@pytest.mark.parametrize("expr, value, granularity", [
    ("yesterday", "2029-04-10", "day"),
    ("this afternoon", "2029-04-11", "day"),
    ("late on Monday evening", "2029-04-09", "day"),
    ("on Wednesday", "2029-04-11", "day"),
    ("next Monday", "2029-04-16", "day"),
    ("next week", "2029-04-16", "week"),
    ("the 7th", "2029-04-07", "day"),
    ("the 28th", "2029-03-28", "day"),
    ("since January", "2029-01-01", "month"),
    ("since June", "2028-06-01", "month"),
    ("in June", "2029-06-01", "month"),
    ("March 23rd", "2029-03-23", "day"),
    ("December 30", "2028-12-30", "day"),
    ("two days ago", "2029-04-09", "day"),
    ("April 10, 2027", "2027-04-10", "day"),
    ("3 May 2021", "2021-05-03", "day"),
    ("2011", "2011-01-01", "year"),
])
def test_resolves_against_publication_date(expr, value, granularity):
    found = resolve(expr, WED)
    assert (found.value, found.granularity) == (value, granularity)


def test_range_borrows_the_month_of_its_end():
    found = resolve("between the 7th and March 14th", date(2019, 3, 28))
    assert (found.value, found.end_value) == ("2019-03-07", "2019-03-14")


@pytest.mark.parametrize("expr", ["yesterday", "on Wednesday", "next week", "March 23rd", "the 7th", "since January"])
def test_unknown_publication_date_leaves_relative_dates_unresolved(expr):
    found = resolve(expr, None)
    assert found is not None and found.value is None and found.relative


def test_explicit_year_needs_no_publication_date():
    assert resolve("March 23, 2019", None).value == "2019-03-23"


@pytest.mark.parametrize("expr", ["three days", "72 hours", "the 1980s", "35 minutes", "3–2"])
def test_durations_and_scores_are_not_dates(expr):
    assert resolve(expr, WED) is None


def test_dates_in_an_article_and_year_like_numbers():
    nlp = load_nlp()
    text = ("The port handled 2029 containers last month. The strike began between the 7th and March 14th, "
            "and the pier, built in 1964, reopened yesterday.")
    found = {d.text: (d.value, d.end_value) for d in annotate(text, nlp(text), "2029-06-15").dates}
    assert found["last month"] == ("2029-05-01", None)
    assert found["yesterday"] == ("2029-06-14", None)
    assert found["1964"] == ("1964-01-01", None)
    assert any(v == ("2029-03-07", "2029-03-14") for v in found.values())
    assert not any("2029" in text_ for text_ in found)  # the container count is no date


@pytest.mark.parametrize("text, value", [
    ("The council will meet on Tuesday.", "2029-04-17"),
    ("The new rate takes effect from Monday.", "2029-04-16"),
    ("The ship ran aground on Tuesday, officials said.", "2029-04-10"),
])
def test_weekday_direction_follows_the_tense(text, value):
    nlp = load_nlp()
    assert [d.value for d in annotate(text, nlp(text), WED.isoformat()).dates] == [value]
