"""How the spaCy pipeline is loaded: the indexed attribute ruler must annotate exactly as spaCy's
own Matcher does, and the model stays out of the garbage collector's passes."""
import gc

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from parallax.annotate.attribute_index import IndexedAttributeMatcher, index_attribute_ruler
from parallax.annotate.nlp import MODEL, load_nlp

ATTRS = [POS, TAG, MORPH, LEMMA, DEP]
TEXTS = [
    "The ministry said on Tuesday that it would send 40 tonnes of aid, but officials in the port denied it.",
    "I'm gonna tell y'all: it ain't nothin' like that. Let's go, c'mon! We gotta run.",
    "There is a cat.  There were two.\n\nIt is what it is; but it works. You did it. I do, and I have.",
    "Those who know, know. That was it. Someone told me something; everyone saw him and her, not them.",
    "She can't, he won't, they'd said they'll have done it by then.\n \n  \t Whether or not they come, I'll wait.",
    "“Nobody,” said the spokeswoman, Maria Zakharova, “has asked us for anything.” Its figures were hers.",
]


@pytest.fixture(scope="module")
def pipelines():
    return spacy.load(MODEL), load_nlp()


def test_load_nlp_uses_the_index(pipelines):
    _, indexed = pipelines
    assert isinstance(indexed.get_pipe("attribute_ruler").match, IndexedAttributeMatcher)


def test_loaded_model_is_frozen_out_of_collections(pipelines):
    _, indexed = pipelines
    collected = {id(o) for o in gc.get_objects()}  # the frozen generation is not among these
    assert gc.get_freeze_count() > 10000
    assert not {id(indexed), id(indexed.get_pipe("ner")), id(indexed.tokenizer)} & collected


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_and_attributes_as_spacy(pipelines, text):
    stock, indexed = pipelines
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = stock(text)
    assert indexed.get_pipe("attribute_ruler").match(doc) == stock.get_pipe("attribute_ruler").match(doc)
    assert np.array_equal(stock(text).to_array(ATTRS), indexed(text).to_array(ATTRS))


@pytest.mark.parametrize("text", ["", " ", "\n\n", "x"])
def test_empty_and_tiny_texts(pipelines, text):
    stock, indexed = pipelines
    assert np.array_equal(stock(text).to_array(ATTRS), indexed(text).to_array(ATTRS))


def test_rulers_with_other_pattern_kinds_keep_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "a"})
    assert not index_attribute_ruler(nlp)
    assert not isinstance(ruler.match, IndexedAttributeMatcher)
    assert nlp("a a b")[1].lemma_ == "a"


def _toy_pipeline(indexed: bool):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"ORTH": {"REGEX": "^[A-Z]{2,}$"}}]], {"LEMMA": "ACRONYM"})
    ruler.add([[{"TEXT": {"NOT_IN": ["x", "gon", "na", "UN"]}}]], {"LEMMA": "other"})
    assert index_attribute_ruler(nlp) if indexed else True
    return nlp


def test_toy_ruler_same_as_spacy_later_rules_win():
    text = "gon na UN NATO x y gon"
    lemmas = [t.lemma_ for t in _toy_pipeline(True)(text)]
    assert lemmas == [t.lemma_ for t in _toy_pipeline(False)(text)]
    # NATO matches the acronym rule and then the later NOT_IN rule, which wins
    assert lemmas == ["", "to", "ACRONYM", "other", "", "other", ""]
