"""Exports: CSV and Parquet tables, ClaimReview JSON-LD, and the `parallax export` command."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from parallax.report.exports import claim_reviews, export
from parallax.store import Store
from parallax.web.cli import register

FIXTURE = Path(__file__).parent / "fixtures" / "report" / "small.json"


@pytest.fixture()
def data() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_csv_has_one_row_per_fact_and_claim(data, tmp_path):
    written = export(data, "csv", tmp_path)
    assert [p.name for p in written] == ["facts.csv", "claims.csv"]
    facts = list(csv.DictReader((tmp_path / "facts.csv").open(encoding="utf-8")))
    claims = list(csv.DictReader((tmp_path / "claims.csv").open(encoding="utf-8")))
    assert [f["fact"] for f in facts] == ["f1", "f2", "f3", "f4", "f5"]
    assert facts[1]["status"] == "conflict" and facts[1]["independent_sources"] == "2"
    assert len(claims) == 7
    staged = next(c for c in claims if c["fact"] == "f3")
    assert staged["text"].endswith("<script>window.__xss=1;alert(1)</script> for insurance.")
    assert (staged["speaker"], staged["attribution_kind"], staged["hedge"]) == ("A reader forum post", "social", "claimed")


def test_csv_defuses_spreadsheet_formulas(data, tmp_path):
    data["stories"][1]["facts"][0]["summary"] = "=HYPERLINK(\"http://evil.example\")"
    export(data, "csv", tmp_path)
    facts = list(csv.DictReader((tmp_path / "facts.csv").open(encoding="utf-8")))
    assert facts[-1]["summary"] == "'=HYPERLINK(\"http://evil.example\")"


def test_parquet_round_trips_the_tables(data, tmp_path):
    export(data, "parquet", tmp_path)
    claims = pd.read_parquet(tmp_path / "claims.parquet")
    assert len(claims) == 7
    assert claims.loc[claims.polarity == "denied", "fact"].tolist() == ["f4"]
    assert (claims.end > claims.start).all()
    assert pd.read_parquet(tmp_path / "facts.parquet").fact.tolist() == ["f1", "f2", "f3", "f4", "f5"]


def test_jsonld_claim_reviews(data, tmp_path):
    [path] = export(data, "jsonld", tmp_path / "claims.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc == claim_reviews(data)
    assert doc["@context"] == "https://schema.org"
    reviews = {r["@id"]: r for r in doc["@graph"]}
    assert len(reviews) == 7
    r = reviews["#claim-s1-f2-0"]
    assert r["@type"] == "ClaimReview"
    assert r["claimReviewed"] == "Port director Ilsa Brandt said 14 passengers were treated for minor injuries."
    item = r["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Ilsa Brandt"}  # a PERSON entity of the story
    assert item["datePublished"] == "2031-03-04"
    assert item["appearance"]["url"] == "https://harbor-gazette.example/ferry"
    assert item["appearance"]["publisher"]["name"] == "Harbor Gazette"
    assert r["reviewRating"]["alternateName"] == "conflict: number"
    unattributed = reviews["#claim-s2-f5-0"]["itemReviewed"]
    assert unattributed["author"] == {"@type": "Organization", "name": "Oldmere Post"}
    assert reviews["#claim-s1-f1-0"]["itemReviewed"]["author"]["@type"] == "Organization"  # "Harbor officials"
    assert "url" not in reviews["#claim-s1-f3-0"]["itemReviewed"]["appearance"]  # the article has no URL


def test_export_command_from_report_and_store(data, tmp_path):
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    with Store(tmp_path / "c.sqlite") as s:
        s.save(data)
    result = runner.invoke(app, ["export", str(tmp_path / "c.sqlite"), "--format", "csv", "-o", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader((tmp_path / "t" / "claims.csv").open()))) == 7
    result = runner.invoke(app, ["export", str(FIXTURE), "--format", "jsonld", "-o", str(tmp_path / "c.jsonld")])
    assert result.exit_code == 0 and len(json.loads((tmp_path / "c.jsonld").read_text())["@graph"]) == 7


@pytest.mark.parametrize("source, fmt, words", [
    (FIXTURE, "xml", "unknown export format 'xml'"),
    (Path("missing-folder"), "csv", "no report or store at"),
    (Path(__file__), "csv", "is not a Parallax store"),
])
def test_export_command_errors_are_messages(tmp_path, source, fmt, words):
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["export", str(source), "--format", fmt, "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert words in " ".join(result.output.split())
    assert "Traceback" not in result.output
