"""`parallax add`: new articles join a store; only the stories they touch are analysed again."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from parallax.store import Store
from parallax.store.incremental import add_paths
from parallax.web.cli import register

pytestmark = pytest.mark.slow  # runs the whole pipeline (spaCy, embeddings) a few times

FIXTURE = Path(__file__).parent / "fixtures" / "report" / "small.json"
FERRY_1 = """Title: Ferry strikes Marrowby pier
Outlet: Harbor Gazette
Published: 2031-03-04

The ferry Gull Wing struck the east pier in the port town of Marrowby on Monday evening, harbour officials said.

Port director Ilsa Brandt said 14 passengers were treated for minor injuries after the collision.

The harbour will reopen on Wednesday, according to the port authority. Divers are inspecting the damaged pier.
"""
FERRY_2 = """Title: Dozens hurt as ferry hits Marrowby pier
Outlet: Valley Courier
Published: 2031-03-04

The ferry Gull Wing hit the east pier in Marrowby late on Monday.

Up to 40 passengers were hurt, a rescue volunteer who asked not to be named told the Courier.

Port director Ilsa Brandt said the harbour would reopen on Wednesday once divers had inspected the pier.
"""
COUNCIL = """Title: Oldmere council backs Mill Street repaving
Outlet: Oldmere Post
Published: 2031-03-06

The Oldmere town council voted 7 to 2 on Thursday to repave Mill Street next spring.

Councillor Pia Ostrand said the work would cost about 1.2 million crowns and take four months.

Shop owners on Mill Street asked the council to keep one lane open during the works.
"""


def _write(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _stories(store: Store) -> dict[str, dict]:
    return {s["id"]: s for s in store.report()["stories"]}


def test_add_reanalyses_only_the_touched_story(tmp_path):
    first = _write(tmp_path / "first", gazette=FERRY_1, post=COUNCIL)
    second = _write(tmp_path / "second", courier=FERRY_2)
    with Store(tmp_path / "c.sqlite") as store:
        r1 = add_paths(store, [str(first)])
        assert sorted(r1.added) == ["a1", "a2"] and sorted(r1.touched) == ["s1", "s2"]
        before = _stories(store)
        ferry = next(sid for sid, s in before.items() if "Ferry" in s["title"])
        council = next(sid for sid in before if sid != ferry)
        ids_before = {a["outlet"]: a["id"] for a in store.report()["articles"]}

        r2 = add_paths(store, [str(second), str(first / "post.txt")])
        assert r2.added == ["a3"]
        assert r2.touched == [ferry] and r2.kept == [council] and r2.dropped == []
        assert [s["reason"] for s in r2.skipped] == ["same text as " + ids_before["Oldmere Post"] + ": analysed once"]
        after = _stories(store)
        assert after[council] == before[council], "the untouched story is exactly as stored"
        assert sorted(after[ferry]["articles"]) == sorted([ids_before["Harbor Gazette"], "a3"])
        assert sorted(a["outlet"] for a in store.report()["articles"]) == ["Harbor Gazette", "Oldmere Post",
                                                                          "Valley Courier"]
        claims = [c for f in after[ferry]["facts"] for c in f["claims"]]
        assert {c["article"] for c in claims} == set(after[ferry]["articles"]), "both outlets' claims are compared"
        texts = {a["id"]: a["text"] for a in store.report()["articles"]}
        assert all(texts[c["article"]][c["start"]:c["end"]] == c["text"] for c in claims)
        assert set(store.sources()) == set(texts), "every article keeps its raw input for the next add"
        assert store.search("volunteer")["claims"], "the new claims are searchable"


def test_add_to_a_store_saved_from_a_report_keeps_its_stories_and_ids(tmp_path):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    with Store(tmp_path / "c.sqlite") as store:
        store.save(data)
        result = add_paths(store, [str(_write(tmp_path / "new", courier=FERRY_2))])
        assert result.added == ["a5"] and result.touched == ["s3"] and result.kept == []
        stories = _stories(store)
        assert stories["s1"] == data["stories"][0] and stories["s2"] == data["stories"][1]
        assert stories["s3"]["articles"] == ["a5"]


def test_add_command_fails_clearly_when_nothing_is_new(tmp_path):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    with Store(tmp_path / "c.sqlite") as store:
        store.save(data)
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["add", str(tmp_path / "missing.txt"), "--store", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output and "no article could be analysed" in result.output
    with Store(tmp_path / "c.sqlite") as store:
        assert store.report() == data, "a failed add changes nothing"
