"""The whole pipeline on the bundled example corpus, checked against the report contract
(../shared/report-contract.md, docs/report-contract.md) and the corpus gold."""
import json
import os
from pathlib import Path

import pytest

from parallax.carrier import apply_edits
from parallax.ingest import load

from conftest import EXAMPLES

GOLD = json.loads((EXAMPLES.parent / "gold.json").read_text())
STATUSES = {"agreed", "conflict", "single-source"}
KINDS = {"official", "anonymous", "outlet", "social", "expert", "document", "none"}
TYPES = {"number", "date", "title", "place", "purpose", "denial", "attribution", "name"}


def key(path: str) -> str:
    """Gold keys are file names (with '#n' for an object of a JSONL file)."""
    return os.path.basename(path)


def test_top_level_fields(example_report):
    d = example_report.data
    assert d["schema"] == "parallax.report/1"
    assert {"generated", "articles", "skipped", "stories"} <= d.keys()
    assert d["skipped"] == [], "every example file is readable"
    for a in d["articles"]:
        assert {"id", "path", "outlet", "title", "published", "language", "url", "text", "edits", "story"} <= a.keys()
        assert a["outlet"] and a["text"].strip()
        assert a["published"] is None or len(a["published"]) == 10


def test_every_article_in_exactly_one_story(example_report):
    d = example_report.data
    ids = [a["id"] for a in d["articles"]]
    members = [aid for s in d["stories"] for aid in s["articles"]]
    assert sorted(members) == sorted(ids)
    story_of = {aid: s["id"] for s in d["stories"] for aid in s["articles"]}
    assert all(a["story"] == story_of[a["id"]] for a in d["articles"])


def test_stories_match_the_gold(example_report):
    d = example_report.data
    by_key = {key(a["path"]): a["story"] for a in d["articles"]}
    for story, files in GOLD["stories"].items():
        assert len({by_key[f] for f in files}) == 1, f"gold story {story} is split: {files}"
    gold_story_ids = {by_key[files[0]] for files in GOLD["stories"].values()}
    assert len(gold_story_ids) == len(GOLD["stories"]), "two gold stories were merged"
    for f in GOLD["distractors"]:
        assert by_key[f] not in gold_story_ids, f"distractor {f} was put into a story"


def test_offsets_quote_the_text(example_report):
    d = example_report.data
    text = {a["id"]: a["text"] for a in d["articles"]}
    n = purposes = 0
    for s in d["stories"]:
        for f in s["facts"]:
            assert f["status"] in STATUSES
            assert (f["status"] == "conflict") == bool(f["conflicts"])
            assert f["independent_sources"] == len(f["origins"]) >= 1
            for c in f["claims"]:
                assert text[c["article"]][c["start"] : c["end"]] == c["text"]
                assert c["attribution"]["kind"] in KINDS and c["polarity"] in {"asserted", "denied"}
                if "purpose" in c:
                    p = c["purpose"]
                    assert c["start"] <= p["start"] < p["end"] <= c["end"]
                    assert text[c["article"]][p["start"] : p["end"]] == p["text"]
                    purposes += 1
                n += 1
            for c in f["conflicts"]:
                assert c["type"] in TYPES and len(c["values"]) >= 2 and c["explanation"]
        for e in s["entities"]:
            assert e["aliases"] and e["mentions"]
            for m in e["mentions"]:
                assert text[m["article"]][m["start"] : m["end"]] in e["aliases"]
        for t in s["timeline"]:
            assert text[t["article"]][t["start"] : t["end"]] == t["text"] and len(t["date"]) == 10
    assert n > 50 and purposes > 0


def test_edits_map_back_to_the_raw_files(example_report):
    """Nothing is lost: each edit quotes the raw input, and raw + edits rebuild the text."""
    for a in example_report.data["articles"]:
        if "#" in a["path"] or a["path"].endswith(".html"):
            continue  # JSONL objects and HTML: raw is the object's text / the extracted text
        raw = load([a["path"]])[0][0].raw
        for e in a["edits"]:
            assert raw[e["raw_start"] : e["raw_end"]] == e["before"]
            assert a["text"][e["start"] : e["end"]] == e["after"]
        assert apply_edits(raw, a["edits"]) == a["text"]
        for s in example_report.data["stories"]:
            for f in s["facts"]:
                for c in f["claims"]:
                    if c["article"] == a["id"]:
                        assert " ".join(raw[c["raw_start"] : c["raw_end"]].split())


def test_planted_conflicts_are_found(example_report):
    """At least half of the corpus's planted conflicts show up, of at least four types, and the
    name variants never become conflicts."""
    d = example_report.data
    by_key = {key(a["path"]): a["id"] for a in d["articles"]}
    text = {a["id"]: a["text"] for a in d["articles"]}
    found_types, hits, total = set(), 0, 0
    facts = [f for s in d["stories"] for f in s["facts"]]

    def holds(fact, aid, sentence):
        t = text[aid]
        i = t.find(sentence)
        return i >= 0 and any(c["article"] == aid and c["start"] <= i < c["end"] for c in fact["claims"])

    for g in GOLD["facts"]:
        if not g["conflict"]:
            continue
        total += 1
        pairs = [(by_key[f], s) for f, s in g["outlets"].items() if f in by_key]
        for f in facts:
            typed = {c["type"] for c in f["conflicts"]}
            if g["conflict"]["type"] in typed and sum(holds(f, aid, s) for aid, s in pairs) >= 2:
                hits += 1
                found_types.add(g["conflict"]["type"])
                break
    assert total >= 7 and hits / total >= 0.5 and len(found_types) >= 4, (hits, total, found_types)
    names = [c for f in facts for c in f["conflicts"] if c["type"] == "name"]
    assert not names


def test_cli_analyze_writes_three_reports(tmp_path, example_report):
    from typer.testing import CliRunner

    from parallax.cli import app

    one = EXAMPLES / "s1__meridian-wire.txt"
    result = CliRunner().invoke(app, ["analyze", str(one), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"), "-q", "-w", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(data["articles"]) == 1 and len(data["stories"]) == 1
    assert data["skipped"] == [{"path": str(tmp_path / "missing.txt"), "reason": "no such file or folder"}]
    assert (tmp_path / "out" / "report.html").read_text().lstrip().lower().startswith("<!doctype html")
    assert (tmp_path / "out" / "report.md").read_text().strip()


def test_cli_nothing_readable_is_one_line_error(tmp_path):
    from typer.testing import CliRunner

    from parallax.cli import app

    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"), "-q", "-w", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "no article could be analysed" in result.output
    assert not (tmp_path / "out" / "report.json").exists()


def test_cli_repair_json():
    from typer.testing import CliRunner

    from parallax.cli import app

    damaged = next(a["file"] for a in GOLD["artifacts"] if a["type"] == "profanity_filter")
    result = CliRunner().invoke(app, ["repair", str(EXAMPLES / damaged), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) >= {"text", "edits"}
    assert any(e["kind"] == "profanity_filter" for e in out["edits"])


def test_report_json_round_trips_with_one_record_per_line(example_report):
    text = example_report.to_json()
    assert json.loads(text) == example_report.data
    lines = text.splitlines()
    articles = example_report.data["articles"]
    assert len([ln for ln in lines if ln.startswith('    {"id": "a')]) == len(articles)


def test_stories_on_disk_write_the_same_reports(tmp_path, example_report):
    from parallax.report import Report
    from parallax.spill import Spill, Spilled

    on_disk = dict(example_report.data, stories=Spilled(Spill(str(tmp_path)), example_report.data["stories"]))
    Report(on_disk).write(tmp_path / "disk")
    example_report.write(tmp_path / "memory")
    for name in ("report.json", "report.html", "report.md"):
        assert (tmp_path / "disk" / name).read_text() == (tmp_path / "memory" / name).read_text()
    assert json.loads((tmp_path / "disk" / "report.json").read_text())["stories"] == example_report.data["stories"]


def test_analyze_can_keep_the_stories_on_disk():
    from parallax import analyze

    pair = [str(EXAMPLES / "s1__meridian-wire.txt"), str(EXAMPLES / "s1__lindmark-tageblatt.txt")]
    disk, memory = analyze(pair, stories_on_disk=True), analyze(pair)
    assert not isinstance(disk.data["stories"], list) and isinstance(memory.data["stories"], list)
    assert list(disk.data["stories"]) == memory.data["stories"] and len(disk.data["stories"]) >= 1
    assert disk.data["articles"] == memory.data["articles"] and len(disk.data["articles"]) == 2
