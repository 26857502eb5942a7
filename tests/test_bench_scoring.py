"""The compare benchmark's scorer on tiny hand-made gold/report pairs, and the benchmark gold's consistency."""
import copy
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))
import scoring  # noqa: E402

FIXTURES = BENCH / "fixtures" / "compare"

# Two outlets cover one invented story (a ferry that ran onto a sandbank); a third writes about something else.
TEXTS = {
    "s1__north-post": "The ferry Gull ran onto a sandbank off Pelm on Monday. Nine boats helped pull it free, "
                      "the coastguard said. The captain was questioned.",
    "s1__south-sun": "Twelve boats came to help the ferry Gull. It ran onto a sandbank off Pelm on Monday. "
                     "The coastguard said the captain was questioned.",
    "d1__north-post": "The Pelm town band gave its spring concert in the harbour hall.",
}


def entry(stem, sentence):
    return {"file": f"{stem}.txt", "sentences": [sentence], "value": None, "attribution": None, "hedge": None}


GOLD = {
    "stories": [{"id": "s1", "articles": ["s1__north-post.txt", "s1__south-sun.txt"]}],
    "distractors": ["d1__north-post.txt"],
    "facts": [
        {"story": "s1", "id": "s1.f1", "kind": "shared", "claim": "boats that helped",
         "outlets": {"north-post": entry("s1__north-post", "Nine boats helped pull it free, the coastguard said."),
                     "south-sun": entry("s1__south-sun", "Twelve boats came to help the ferry Gull.")},
         "conflict": {"type": "number", "values": {"north-post": "9", "south-sun": "12"}}, "not_conflict": None},
        {"story": "s1", "id": "s1.f2", "kind": "shared", "claim": "where and when",
         "outlets": {"north-post": entry("s1__north-post", "The ferry Gull ran onto a sandbank off Pelm on Monday."),
                     "south-sun": entry("s1__south-sun", "It ran onto a sandbank off Pelm on Monday.")},
         "conflict": None, "not_conflict": None},
        {"story": "s1", "id": "s1.u1", "kind": "single", "claim": "captain questioned",
         "outlets": {"north-post": entry("s1__north-post", "The captain was questioned.")},
         "conflict": None, "not_conflict": None},
    ],
    "origins": {"s1.f2": [{"source": "coastguard statement", "outlets": ["north-post", "south-sun"]}]},
    "independent_corroboration": {"s1.f1": {"outlets": {"north-post": "coastguard", "south-sun": "reporter"}}},
}
IDS = {"s1__north-post": "a1", "s1__south-sun": "a2", "d1__north-post": "a3"}


def claim(stem, sentence):
    start = TEXTS[stem].index(sentence)
    return {"article": IDS[stem], "start": start, "end": start + len(sentence), "text": sentence}


def perfect_report():
    def fact(fid, status, claims, conflicts=(), origins=()):
        return {"id": fid, "status": status, "claims": claims, "conflicts": list(conflicts), "origins": list(origins)}

    facts = [
        fact("f1", "conflict", [claim("s1__north-post", "Nine boats helped pull it free"),
                                claim("s1__south-sun", "Twelve boats came to help")],
             conflicts=[{"type": "number", "values": {"a1": "9", "a2": "12"}}]),
        fact("f2", "agreed", [claim("s1__north-post", "ran onto a sandbank off Pelm on Monday"),
                              claim("s1__south-sun", "It ran onto a sandbank")],
             origins=[{"source": "coastguard", "articles": ["a1", "a2"]}]),
        fact("f3", "single-source", [claim("s1__north-post", "The captain was questioned.")]),
    ]
    return {
        "articles": [{"id": i, "path": f"in/{stem}.txt", "text": TEXTS[stem], "story": "r1" if stem[0] == "s" else "r2"}
                     for stem, i in IDS.items()],
        "stories": [{"id": "r1", "articles": ["a1", "a2"], "facts": facts}, {"id": "r2", "articles": ["a3"], "facts": []}],
    }


def test_perfect_report_scores_one_everywhere():
    s = scoring.score(GOLD, perfect_report())
    assert s["clusters"]["f1"] == 1.0
    assert s["fact_alignment"] == {"pairs": 2, "covered": 2, "pair_recall": 1.0}
    assert s["conflicts"]["by_type"]["number"]["recall"] == 1.0
    assert s["conflicts"]["all"]["precision"] == 1.0
    assert s["single_source"]["recall"] == 1.0
    assert s["origins"]["recall"] == 1.0 and s["origins"]["wrongly_merged"] == 0


def test_empty_report_scores_zero():
    s = scoring.score(GOLD, {"articles": [], "stories": []})
    assert s["clusters"]["precision"] == s["clusters"]["recall"] == 0.0
    assert s["fact_alignment"]["pair_recall"] == 0.0
    assert s["conflicts"]["by_type"]["number"]["recall"] == 0.0
    assert s["conflicts"]["all"]["precision"] is None  # nothing reported, nothing to judge
    assert s["single_source"]["recall"] == 0.0 and s["origins"]["recall"] == 0.0


def test_false_conflict_lowers_precision_of_its_type_only():
    report = perfect_report()
    report["stories"][0]["facts"][1]["conflicts"].append({"type": "date", "values": {}})
    s = scoring.score(GOLD, report)
    rows = s["conflicts"]["by_type"]
    assert rows["date"]["precision"] == 0.0 and rows["date"]["reported"] == 1
    assert rows["number"]["precision"] == 1.0
    assert s["conflicts"]["all"]["precision"] == 0.5
    assert rows["date"]["unaligned"] == 0  # the fact is aligned to gold; the gold just has no conflict there


def test_conflict_on_a_quiet_fact_is_counted_as_a_sprung_trap():
    assert scoring.score(GOLD, perfect_report())["traps"] == {"gold": 1, "aligned": 1, "flagged": 0}
    report = perfect_report()
    report["stories"][0]["facts"][1]["conflicts"].append({"type": "date", "values": {}})
    assert scoring.score(GOLD, report)["traps"]["flagged"] == 1


def test_conflict_of_wrong_type_is_false_and_misses_recall():
    report = perfect_report()
    report["stories"][0]["facts"][0]["conflicts"] = [{"type": "place", "values": {}}]
    rows = scoring.score(GOLD, report)["conflicts"]["by_type"]
    assert rows["number"]["recall"] == 0.0
    assert rows["place"]["precision"] == 0.0


def test_conflict_on_unaligned_fact_counts_false_and_unaligned():
    report = perfect_report()
    report["stories"][1]["facts"].append({"id": "f9", "status": "conflict", "origins": [],
                                          "claims": [claim("d1__north-post", "The Pelm town band")],
                                          "conflicts": [{"type": "name", "values": {}}]})
    row = scoring.score(GOLD, report)["conflicts"]["by_type"]["name"]
    assert (row["reported"], row["true"], row["unaligned"], row["precision"]) == (1, 0, 1, 0.0)


def test_title_rank_gold_type_is_reported_as_title():
    gold = copy.deepcopy(GOLD)
    gold["facts"][0]["conflict"]["type"] = "title_rank"
    report = perfect_report()
    report["stories"][0]["facts"][0]["conflicts"][0]["type"] = "title"
    rows = scoring.score(gold, report)["conflicts"]["by_type"]
    assert rows["title"]["recall"] == 1.0 and rows["title"]["precision"] == 1.0


def test_merged_distractor_lowers_cluster_precision_not_recall():
    report = perfect_report()
    report["articles"][2]["story"] = "r1"
    c = scoring.score(GOLD, report)["clusters"]
    assert c["recall"] == 1.0
    assert c["precision"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_claim_on_one_side_only_does_not_cover_the_pair():
    report = perfect_report()
    report["stories"][0]["facts"][0]["claims"].pop()  # only north-post's sentence left
    s = scoring.score(GOLD, report)
    assert s["fact_alignment"]["covered"] == 1
    assert s["conflicts"]["by_type"]["number"]["recall"] == 0.0


def test_sentences_found_with_whitespace_normalised():
    report = perfect_report()
    stem = "s1__south-sun"
    report["articles"][1]["text"] = TEXTS[stem].replace("came to help", "came  to\nhelp")
    start = report["articles"][1]["text"].index("Twelve")
    report["stories"][0]["facts"][0]["claims"][1].update(start=start, end=start + 6)
    assert scoring.score(GOLD, report)["fact_alignment"]["pair_recall"] == 1.0


def test_independent_confirmations_merged_into_one_origin_are_counted():
    report = perfect_report()
    report["stories"][0]["facts"][0]["origins"] = [{"source": "x", "articles": ["a1", "a2"]}]
    assert scoring.score(GOLD, report)["origins"]["wrongly_merged"] == 1


def test_single_source_needs_the_status():
    report = perfect_report()
    report["stories"][0]["facts"][2]["status"] = "agreed"
    assert scoring.score(GOLD, report)["single_source"]["recall"] == 0.0


def test_table_and_main_print_the_figures(tmp_path, capsys):
    (tmp_path / "gold.json").write_text(json.dumps(GOLD))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.json").write_text(json.dumps(perfect_report()))
    assert scoring.main([str(tmp_path / "gold.json"), str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "fact alignment pair recall  1.00" in out
    assert json.loads(out.strip().splitlines()[-1])["single_source"]["recall"] == 1.0


# ---- the benchmark's own gold -------------------------------------------------------------------

BENCH_GOLD = json.loads((FIXTURES / "gold.json").read_text(encoding="utf-8"))
ARTICLES = {p.name: p.read_text(encoding="utf-8") for p in (FIXTURES / "articles").glob("*.txt")}


def test_bench_gold_lists_exactly_the_article_files():
    listed = [f for s in BENCH_GOLD["stories"] for f in s["articles"]] + BENCH_GOLD["distractors"]
    assert sorted(listed) == sorted(ARTICLES)
    for s in BENCH_GOLD["stories"]:
        assert 3 <= len(s["articles"]) <= 4 and all(f.startswith(s["id"] + "__") for f in s["articles"])


def test_every_bench_gold_sentence_occurs_in_its_article():
    for fact in BENCH_GOLD["facts"]:
        for slug, e in fact["outlets"].items():
            assert e["file"] == f"{fact['story']}__{slug}.txt"
            for sentence in e["sentences"]:
                assert sentence in ARTICLES[e["file"]], (fact["id"], slug)
            if e["hedge"]:
                assert e["hedge"].lower() in " ".join(e["sentences"]).lower(), (fact["id"], slug)
        variants = (fact.get("not_conflict") or {}).get("values", {})
        for slug, name in variants.items():
            assert name in fact["outlets"][slug]["sentences"][0]
    for c in BENCH_GOLD["cross_story_mentions"]:
        assert c["sentence"] in ARTICLES[c["file"]]


def test_bench_articles_have_headers_and_short_bodies():
    for name, text in ARTICLES.items():
        header, body = text.split("\n\n", 1)
        keys = [line.split(":", 1)[0] for line in header.splitlines()]
        assert keys == ["Title", "Outlet", "Published", "URL"], name
        assert re.search(r"^URL: https://[\w.-]+\.example/", header, re.M), name
        assert 150 <= len(body.split()) <= 300, name


def test_bench_gold_plants_every_conflict_type_three_times():
    types = Counter(f["conflict"]["type"] for f in BENCH_GOLD["facts"] if f["conflict"])
    for t in ("number", "date", "title_rank", "place", "purpose", "denial", "attribution"):
        assert types[t] >= 3, t
    assert sum(1 for f in BENCH_GOLD["facts"] if f["not_conflict"]) >= 3
    assert len(BENCH_GOLD["origins"]) >= 3 and len(BENCH_GOLD["independent_corroboration"]) >= 3
