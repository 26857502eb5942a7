"""The SQLite corpus store: round trips, incremental merges, atomic writes, full-text search."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from parallax.store import Store, fts_query, open_corpus

FIXTURE = Path(__file__).parent / "fixtures" / "report" / "small.json"


@pytest.fixture()
def data() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture()
def store(tmp_path, data):
    with Store(tmp_path / "corpus.sqlite") as s:
        s.save(data)
        yield s


def test_saved_report_comes_back_identical_after_reopening(tmp_path, data):
    path = tmp_path / "corpus.sqlite"
    with Store(path) as s:
        s.save(data)
    with Store(path) as s:
        assert s.report() == data
        assert s.counts() == {"stories": 2, "articles": 4, "facts": 5, "claims": 7, "entities": 5, "mentions": 9}


def test_save_replaces_the_corpus(store, data):
    smaller = copy.deepcopy(data)
    smaller["stories"] = smaller["stories"][1:]
    smaller["articles"] = [a for a in smaller["articles"] if a["story"] == "s2"]
    store.save(smaller)
    assert store.report() == smaller
    assert store.search("passengers") == {"articles": [], "claims": []}, "the search index follows deletions"


def test_merge_replaces_only_the_touched_story(store, data):
    s1 = copy.deepcopy(data["stories"][0])
    s1["facts"] = s1["facts"][:1]
    s1["articles"] = ["a1", "a2"]
    update = {"schema": "parallax.report/1", "generated": "later", "skipped": [],
              "articles": [a for a in copy.deepcopy(data["articles"]) if a["id"] in ("a1", "a2")],
              "stories": [s1]}
    update["articles"][0]["title"] = "Ferry strikes Marrowby pier (updated)"
    store.merge(update)
    merged = store.report()
    assert [s["id"] for s in merged["stories"]] == ["s1", "s2"], "a replaced story keeps its place"
    assert merged["stories"][1] == data["stories"][1], "the untouched story is kept as it was"
    assert [f["id"] for f in merged["stories"][0]["facts"]] == ["f1"]
    assert {a["id"] for a in merged["articles"]} == {"a1", "a2", "a4"}, "a3 left with the old s1"
    assert store.counts()["claims"] == 3
    assert store.search("updated")["articles"][0]["article"] == "a1"
    assert store.search("staged")["claims"] == []


def test_failed_write_leaves_the_old_corpus(store, data):
    broken = copy.deepcopy(data)
    broken["stories"][1]["facts"][0]["claims"][0].pop("article")  # fails half-way through the insert
    with pytest.raises(KeyError):
        store.save(broken)
    assert store.report() == data
    assert store.search("Oldmere")["articles"]


def test_search_finds_articles_and_claims_with_marked_hits(store):
    hits = store.search("passengers")
    assert {h["article"] for h in hits["articles"]} == {"a1", "a2"}
    claim = next(h for h in hits["claims"] if h["article"] == "a2")
    assert (claim["story"], claim["fact"], claim["claim"], claim["status"]) == ("s1", "f2", 1, "conflict")
    assert [p["text"] for p in claim["snippet"] if p["hit"]] == ["passengers"]
    assert "".join(p["text"] for p in claim["snippet"]).startswith("Up to 40 passengers were hurt")


def test_search_matches_prefixes_and_speakers(store):
    assert {h["article"] for h in store.search("Tidewat")["articles"]} == {"a3"}
    by_speaker = store.search("rescue volunteer")["claims"]
    assert [(h["fact"], h["speaker"]) for h in by_speaker] == [("f2", "a rescue volunteer")]


@pytest.mark.parametrize("query", ['"', "a' OR 1=1 --", "NEAR(", "-x*", ")", "title:foo", "DROP TABLE claims;"])
def test_hostile_queries_are_plain_words(store, query):
    result = store.search(query)
    assert set(result) == {"articles", "claims"}
    assert store.counts()["claims"] == 7


def test_fts_query_quotes_every_word():
    assert fts_query("Ilsa  Brandt!") == '"Ilsa" "Brandt"*'
    assert fts_query("  ?? ") is None


def test_open_corpus_accepts_a_report_folder_json_or_store(tmp_path, data):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.json").write_text(json.dumps(data))
    assert open_corpus(tmp_path / "out").report() == data
    assert open_corpus(tmp_path / "out" / "report.json").counts()["articles"] == 4
    with Store(tmp_path / "c.sqlite") as s:
        s.save(data)
    assert open_corpus(tmp_path / "c.sqlite").report() == data


def test_run_settings_are_kept_with_the_corpus(tmp_path, data):
    path = tmp_path / "corpus.sqlite"
    with Store(path) as s:
        s.save({**data, "settings": {"claim_vectors": "minilm", "disabled_rules": ["widgets"]}})
    with Store(path) as s:
        assert s.report()["settings"] == {"claim_vectors": "minilm", "disabled_rules": ["widgets"]}
