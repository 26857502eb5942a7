"""Engines: the local worker pool and a Dask LocalCluster give the same report as one process."""
from __future__ import annotations

import json

import pytest

from parallax.engine import InlineEngine, make_engine
from parallax.pipeline import analyze

# Fictional events and outlets, our own wording.
CORPUS = {
    "dam__orvik-post.txt": """Title: Spillway gate fails at Lake Tessin dam
Outlet: Orvik Post
Published: 2031-04-02

A spillway gate at the Lake Tessin dam failed on Tuesday, releasing water into the Marn valley.
Regional engineer Ilsa Varn said 40 homes were evacuated as a precaution.
The operator, Tessin Hydro, said the gate had been inspected in January.
""",
    "dam__kelby-times.txt": """Title: Dam gate breaks, valley homes cleared
Outlet: Kelby Times
Published: 2031-04-02

A gate on the Lake Tessin dam broke on Tuesday and water poured into the Marn valley.
About 60 homes were evacuated, according to engineer Ilsa Varn.
Tessin Hydro said the gate was last inspected in March.
""",
    "dam__marn-daily.txt": """Title: Marn valley evacuated after dam gate failure
Outlet: Marn Daily
Published: 2031-04-03

Residents of the Marn valley spent the night in a school gym after the Lake Tessin dam gate failed.
Engineer Ilsa Varn said 40 homes had been cleared and no one was hurt.
""",
    "rail__orvik-post.txt": """Title: Night trains return to the Brast line
Outlet: Orvik Post
Published: 2031-05-11

Night trains will run again on the Brast line from 1 June, the transport ministry said on Monday.
Minister Coral Denholm said the service would cost 12 million crowns a year.
""",
    "rail__kelby-times.txt": """Title: Brast night service to resume in June
Outlet: Kelby Times
Published: 2031-05-11

The Brast line's night trains return on 1 June, Minister Coral Denholm announced on Monday.
She put the yearly cost at 15 million crowns.
""",
    "rail__zz-kelby-reprint.txt": """Title: Brast night service to resume in June
Outlet: Kelby Times
Published: 2031-05-11

The Brast line's night trains return on 1 June, Minister Coral Denholm announced on Monday.
She put the yearly cost at 15 million crowns.
""",
    "garden__marn-daily.txt": """Title: Giant pumpkin breaks the Marn show record
Outlet: Marn Daily
Published: 2031-09-20

A pumpkin grown by retired teacher Odo Pell weighed 512 kilograms at the Marn harvest show on Saturday.
""",
    "empty.txt": "Title: Nothing here\nOutlet: Orvik Post\n\n   \n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    for name, text in CORPUS.items():
        (root / name).write_text(text, encoding="utf-8")
    return str(root)


@pytest.fixture(scope="module")
def inline_report(corpus):
    return analyze(corpus).data


def comparable(data: dict) -> str:
    return json.dumps({k: v for k, v in data.items() if k != "generated"}, sort_keys=True, ensure_ascii=False)


def test_inline_report_groups_and_skips(inline_report):
    stories = {tuple(sorted(s["articles"])) for s in inline_report["stories"]}
    by_path = {a["path"].rsplit("/", 1)[-1]: a["id"] for a in inline_report["articles"]}
    assert tuple(sorted(by_path[f"dam__{o}.txt"] for o in ("orvik-post", "kelby-times", "marn-daily"))) in stories
    reasons = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in inline_report["skipped"]}
    assert "empty.txt" in reasons and "rail__zz-kelby-reprint.txt" in reasons  # no body; duplicate
    assert [a["id"] for a in inline_report["articles"]] == [f"a{i + 1}" for i in range(len(by_path))]


def test_local_workers_match_one_process(corpus, inline_report):
    with make_engine("local", 2) as engine:
        assert type(engine) is not InlineEngine  # two real worker processes
        data = analyze(corpus, engine=engine).data
    assert comparable(data) == comparable(inline_report)


def test_dask_local_cluster_matches_local_engine(corpus, inline_report):
    pytest.importorskip("distributed")
    with make_engine("dask", 2) as engine:
        info = engine.client.scheduler_info()
        assert len(info["workers"]) == 2
        assert all(w["nthreads"] == 1 and "127.0.0.1" in addr for addr, w in info["workers"].items())
        data = analyze(corpus, engine=engine).data
    assert comparable(data) == comparable(inline_report)


def test_cli_rejects_unknown_engine_and_negative_workers(tmp_path):
    from typer.testing import CliRunner

    from parallax.cli import app

    runner = CliRunner()
    bad_engine = runner.invoke(app, ["analyze", str(tmp_path), "-o", str(tmp_path / "out"), "--engine", "spark"])
    assert bad_engine.exit_code != 0 and "unknown engine 'spark'" in bad_engine.output
    bad_workers = runner.invoke(app, ["analyze", str(tmp_path), "-o", str(tmp_path / "out"), "--workers", "-2"])
    assert bad_workers.exit_code != 0 and "--workers" in bad_workers.output
    bad_vectors = runner.invoke(app, ["analyze", str(tmp_path), "-o", str(tmp_path / "out"), "--claim-vectors", "glove"])
    assert bad_vectors.exit_code != 0 and "unknown claim embedder 'glove'" in bad_vectors.output
