"""Story grouping scores (embedding cosine, shared entities, the penalty for disjoint ones) and
framing's referents by head word."""
from __future__ import annotations

import numpy as np

from parallax.stories import DISJOINT_MIN, StoryInput, group


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_like_events_in_different_places_stay_apart():
    # two mill fires told in near-identical words: close vectors, no entity in common
    a, b = _unit([1, 0, 0]), _unit([0.8, 0.6, 0])  # cosine 0.8, as templated reports of like events
    fire_one = StoryInput(a, {"nikremlo", "vadel industries"}, "2031-03-02")
    fire_two = StoryInput(b, {"elnikva", "tunik holdings"}, "2031-03-04")
    result = group([fire_one, fire_two])
    assert result.labels[0] != result.labels[1]
    assert result.scores[(0, 1)] < 0.75 * float(a @ b)  # the penalty, not only the missing overlap


def test_same_event_with_a_shared_name_groups():
    a, b = _unit([1, 0, 0]), _unit([0.8, 0.6, 0])  # cosine 0.8, as templated reports of like events
    one = StoryInput(a, {"nikremlo", "vadel industries"}, "2031-03-02")
    two = StoryInput(b, {"nikremlo", "mill union"}, "2031-03-03")
    assert len(set(group([one, two]).labels)) == 1


def test_few_entities_are_no_evidence_of_different_events():
    a, b = _unit([1, 0, 0]), _unit([0.8, 0.6, 0])  # cosine 0.8, as templated reports of like events
    one = StoryInput(a, {"nikremlo"}, "2031-03-02")
    two = StoryInput(b, {"elnikva", "tunik holdings"}, "2031-03-02")
    assert len(one.entities) < DISJOINT_MIN
    assert len(set(group([one, two]).labels)) == 1


def test_framing_groups_close_head_words_and_ignores_unknown_ones():
    from parallax.compare.framing import head_referents

    referent = head_referents(["regime", "government", "boat", "vessel", "pension", "nikremlo", "vessel"])
    assert referent["regime"] == referent["government"] == "the government"  # the lexicon
    assert referent["boat"] == referent["vessel"] == "the vessel"  # close embeddings, named by the most frequent
    assert referent["pension"] == "the pension"
    assert "nikremlo" not in referent  # a name the tagger missed is no common referent
