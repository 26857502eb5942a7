"""The web app through FastAPI's TestClient: every page, its JSON twin, search, headers, errors."""
from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.store import Store
from parallax.web import API_SCHEMA, create_app

FIXTURE = Path(__file__).parent / "fixtures" / "report" / "small.json"
PAGES = ["/", "/stories/s1", "/stories/s2", "/articles/a1", "/articles/a3", "/stories/s1/entities/e1"]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(FIXTURE))


class _Page(HTMLParser):
    """Visible text, tags and links of an HTML page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.chunks = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.chunks))

    def hrefs(self, cls: str | None = None) -> list[str]:
        return [a["href"] for t, a in self.tags
                if t == "a" and "href" in a and (cls is None or cls in (a.get("class") or "").split())]


def _html(client, url) -> _Page:
    r = client.get(url, headers={"accept": "text/html"})
    assert r.status_code == 200, (url, r.status_code)
    assert r.headers["content-type"].startswith("text/html")
    return _Page(r.text)


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_json_twin_three_ways(client, url):
    by_accept = client.get(url, headers={"accept": "application/json"})
    by_query = client.get(url, params={"format": "json"})
    by_suffix = client.get("/stories.json" if url == "/" else url + ".json")
    for r in (by_accept, by_query, by_suffix):
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert by_accept.json() == by_query.json() == by_suffix.json()
    assert by_accept.json()["schema"] == API_SCHEMA


@pytest.mark.parametrize("url", PAGES + ["/nope", "/static/report.css"])
def test_security_headers_on_every_response(client, url):
    r = client.get(url)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_or_external_resources(client, url):
    page = _html(client, url)
    for tag, attrs in page.tags:
        if tag == "script":
            assert attrs.get("src") == "/static/report.js", "inline scripts would be blocked by the CSP"
        for name in ("src", "href"):
            value = attrs.get(name, "")
            if tag == "a" and value.startswith("https://"):
                continue  # an article's own URL, a plain link
            assert not re.match(r"^[a-z]+:|^//", value), f"<{tag} {name}={value}> leaves the app"


def test_stories_page_matches_its_twin(client):
    data = client.get("/", params={"format": "json"}).json()
    page = _html(client, "/")
    assert [s["id"] for s in data["stories"]] == ["s1", "s2"]
    assert page.hrefs()[:0] == [] and "/stories/s1" in page.hrefs() and "/stories/s2" in page.hrefs()
    for s in data["stories"]:
        assert s["title"] in page.text
        assert f"Conflicts {s['conflicts']}" in page.text or f"Conflicts{s['conflicts']}" in page.text.replace(" ", "")
    assert data["results"] is None
    assert "the file is empty" in page.text


def test_search_finds_claims_and_articles(client):
    data = client.get("/", params={"q": "passengers", "format": "json"}).json()
    assert {h["article"] for h in data["results"]["articles"]} == {"a1", "a2"}
    anchors = {h["anchor"] for h in data["results"]["claims"]}
    assert anchors == {"claim-s1-f2-0", "claim-s1-f2-1"}
    page = _html(client, "/?q=passengers")
    assert "/articles/a2#claim-s1-f2-1" in page.hrefs()
    marks = [a for t, a in page.tags if t == "mark"]
    assert len(marks) == 4, "each hit word is marked in the claim and article snippets"


def test_search_with_markup_and_syntax_is_harmless(client):
    r = client.get("/", params={"q": '<script>alert(1)</script> "OR'})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text  # echoed back as text
    hits = client.get("/", params={"q": "script alert", "format": "json"}).json()["results"]
    assert [h["article"] for h in hits["articles"]] == ["a3"], "the payload is searchable text like any other"


def test_story_page_matches_its_twin(client):
    data = client.get("/stories/s1.json").json()
    page = _html(client, "/stories/s1")
    assert data["overview"]["outlets"] == ["Harbor Gazette", "Valley Courier", "Pier Talk <i>forum</i>"]
    assert [r["id"] for r in data["matrix"]["rows"]] == ["f1", "f2", "f3", "f4"]
    for row in data["matrix"]["rows"]:
        assert row["summary"] in page.text
        for claim in row["claims"]:
            assert claim["text"] in page.text
    conflict = data["matrix"]["rows"][1]["conflicts"][0]
    assert conflict["explanation"] in page.text
    assert [v["anchors"] for v in conflict["values"]] == [["claim-s1-f2-0"], ["claim-s1-f2-1"]]
    assert page.hrefs("conflict-link")[:2] == ["/articles/a1#claim-s1-f2-0", "/articles/a2#claim-s1-f2-1"]
    for entry in data["timeline"]:
        assert entry["text"] in page.text
    for e in data["entities"]:
        assert e["name"] in page.text
    assert "Port director" in page.text and "Harbour chief" in page.text  # framing
    assert [a["id"] for a in data["articles"]] == ["a1", "a2", "a3"]


def test_article_page_matches_its_twin(client):
    data = client.get("/articles/a2.json").json()
    page = _html(client, "/articles/a2")
    assert data["article"]["text"] in page.text.replace("⌫", "") or \
        re.sub(r"\s+", " ", data["article"]["text"]) in page.text
    highlighted = {a["data-keys"] for t, a in page.tags if t == "span" and "data-keys" in a}
    keys = {k for v in highlighted for k in v.split()}
    assert {h["key"] for h in data["highlights"]} == keys
    ids = {a["id"] for t, a in page.tags if "id" in a}
    assert "claim-s1-f2-1" in ids
    assert data["edits"][0]["before"] in page.text and "ftfy" in page.text
    assert data["counts"] == {"claim": 3, "entity": 3, "date": 1, "edit": 1}


def test_entity_page_matches_its_twin(client):
    data = client.get("/stories/s1/entities/e1.json").json()
    page = _html(client, "/stories/s1/entities/e1")
    assert data["entity"]["name"] == "Ilsa Brandt" and "Ilsa Brand" in data["entity"]["aliases"]
    assert [(m["outlet"], m["words"]) for m in data["mentions"]] == [("Harbor Gazette", "Ilsa Brandt"),
                                                                    ("Valley Courier", "Ilsa Brand")]
    assert [f["id"] for f in data["facts"]] == ["f2", "f4"]
    for m in data["mentions"]:
        assert m["before"].split()[-1] in page.text
    assert "/articles/a2#mention-s1-e1-1" in page.hrefs()


def test_article_text_and_metadata_are_escaped(client):
    r = client.get("/articles/a3")
    page = _Page(r.text)
    assert [a.get("src") for t, a in page.tags if t == "script"] == ["/static/report.js"]
    assert not [t for t, _ in page.tags if t in ("img", "i", "b")]
    assert "<script>window.__xss=1;alert(1)</script>" in page.text
    assert "<script>window.__xss=3</script>Forum roundup" in page.text  # the title, shown as text
    a2 = _Page(client.get("/articles/a2").text)
    assert not [h for h in a2.hrefs() if h.startswith("javascript:")]


@pytest.mark.parametrize("url", ["/articles/zz", "/stories/zz", "/stories/s1/entities/e9", "/nope",
                                 "/static/../../etc/passwd", "/static/..%2F..%2Fpyproject.toml",
                                 "/articles/..%2F..%2Fetc%2Fpasswd", "/static/_macros.html"])
def test_missing_and_traversal_paths_are_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert "root:" not in r.text and "[project]" not in r.text
    twin = client.get(url, headers={"accept": "application/json"})
    assert twin.status_code == 404 and twin.json()["schema"] == API_SCHEMA and twin.json()["error"]


def test_openapi_lists_the_pages(client):
    spec = client.get("/openapi.json").json()
    assert {"/", "/stories/{story_id}", "/articles/{article_id}",
            "/stories/{story_id}/entities/{entity_id}"} <= set(spec["paths"])
    assert "application/json" in spec["paths"]["/articles/{article_id}"]["get"]["responses"]["200"]["content"]


def test_serves_a_store_file_the_same_as_the_report(tmp_path, client):
    with Store(tmp_path / "c.sqlite") as s:
        s.save(json.loads(FIXTURE.read_text()))
    from_store = TestClient(create_app(tmp_path / "c.sqlite"))
    for url in PAGES:
        assert from_store.get(url + "?format=json").json() == client.get(url + "?format=json").json()


@pytest.mark.parametrize("accept, is_json", [
    ("application/json", True),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),  # a browser
    ("application/json, text/html;q=0.5", True),
    ("text/html, application/json", False),
    ("application/json;q=0.2, */*;q=0.9", False),
    ("*/*", False),
    ("application/json;q=0", False),
])
def test_accept_header_negotiation(client, accept, is_json):
    r = client.get("/stories/s1", headers={"accept": accept})
    assert r.headers["content-type"].startswith("application/json" if is_json else "text/html")


def test_serve_binds_localhost_and_warns_loudly_otherwise(monkeypatch):
    import typer
    import uvicorn
    from typer.testing import CliRunner

    from parallax.web.cli import register

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    app = typer.Typer()
    register(app)
    quiet = CliRunner().invoke(app, ["serve", str(FIXTURE), "--port", "8123"])
    assert quiet.exit_code == 0 and "WARNING" not in quiet.output
    exposed = CliRunner().invoke(app, ["serve", str(FIXTURE), "--host", "0.0.0.0"])
    assert exposed.exit_code == 0
    assert "WARNING" in exposed.output and "0.0.0.0" in exposed.output and "no login" in exposed.output
    assert [(c["host"], c["port"]) for c in calls] == [("127.0.0.1", 8123), ("0.0.0.0", 8000)]
    missing = CliRunner().invoke(app, ["serve", "no-such-folder"])
    assert missing.exit_code == 1 and "no report or store at" in missing.output


def test_server_picks_up_a_rewritten_report(tmp_path):
    data = json.loads(FIXTURE.read_text())
    (tmp_path / "report.json").write_text(json.dumps(data))
    live = TestClient(create_app(tmp_path))
    assert live.get("/stories/s2.json").json()["overview"]["title"] == "Oldmere repaves Mill Street"
    data["stories"][1]["title"] = "Oldmere delays Mill Street repaving"
    (tmp_path / "report.json").write_text(json.dumps(data))
    os.utime(tmp_path / "report.json", ns=(1, 10**18))  # a distinct mtime even on coarse clocks
    assert live.get("/stories/s2.json").json()["overview"]["title"] == "Oldmere delays Mill Street repaving"
    assert live.get("/?q=Oldmere&format=json").json()["results"]["claims"][0]["fact"] == "f5"  # search reloaded too


def test_server_picks_up_store_commits(tmp_path):
    data = json.loads(FIXTURE.read_text())
    with Store(tmp_path / "c.sqlite") as writer:
        writer.save(data)
        live = TestClient(create_app(tmp_path / "c.sqlite"))
        assert len(live.get("/stories.json").json()["stories"]) == 2
        smaller = {**data, "stories": data["stories"][:1], "articles": data["articles"][:3]}
        writer.save(smaller)
    assert [s["id"] for s in live.get("/stories.json").json()["stories"]] == ["s1"]
    assert live.get("/articles/a4").status_code == 404
