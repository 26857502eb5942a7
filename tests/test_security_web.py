"""Hostile data and hostile requests against the web app and the static report: no path
traversal, no SQL injection through search, no script from article data, localhost by default."""
from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.report import Report
from parallax.store import Store
from parallax.web import create_app

FIXTURE = Path(__file__).parent / "fixtures" / "report" / "small.json"
PAYLOADS = ['<script>document.title="pwned"</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>',
            "</textarea><iframe src=javascript:alert(3)>", "<style>*{display:none}</style>", "{{7*7}}{% raw %}"]
EVIL = " ".join(PAYLOADS)
SECRET = "TOP-SECRET-7f3a"


def poisoned() -> dict:
    """The fixture report with a payload in every field a user's input can reach (offsets kept valid:
    article texts get the payload at the end)."""
    data = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    for a in data["articles"]:
        a.update(title=f"{a['title']} {EVIL}", outlet=f"{a['outlet']} {EVIL}", path=f"{a['path']}{EVIL}",
                 url="javascript:alert(4)", text=f"{a['text']}\n{EVIL}")
        for e in a.get("edits", []):
            e["before"] += EVIL
    for s in data["stories"]:
        s["title"] += EVIL
        s["outlets"] = [o + EVIL for o in s.get("outlets", [])]
        for f in s["facts"]:
            f["summary"] += EVIL
            for c in f.get("conflicts", []):
                c["explanation"] += EVIL
                c["values"] = {k: v + EVIL for k, v in c["values"].items()}
            for c in f["claims"]:
                c["attribution"]["speaker"] = EVIL
            for o in f.get("origins", []):
                o["source"] += EVIL
        for e in s["entities"]:
            e["name"] += EVIL
            e["aliases"] = [x + EVIL for x in e["aliases"]]
        for t in s["timeline"]:
            t["text"] += EVIL
        for fr in s["framing"]:
            fr["referent"] += EVIL
            fr["terms"] = {k + EVIL: [t + EVIL for t in v] for k, v in fr["terms"].items()}
    data["skipped"] = [{"path": f"corpus/{EVIL}.txt", "reason": EVIL}]
    return data


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str, allowed_scripts: set):
    """No element, handler or URL that could run code came from the data."""
    tags = Tags(html).tags
    assert {t for t, _ in tags}.isdisjoint({"img", "svg", "iframe", "textarea", "object", "embed"})
    assert all(a.get("src") in allowed_scripts for t, a in tags if t == "script"), "a script the page does not own"
    for t, attrs in tags:
        assert not [k for k in attrs if k.startswith("on")], f"event handler on <{t}>"
        for k in ("href", "src", "action"):
            assert not (attrs.get(k) or "").strip().lower().startswith("javascript:"), f"javascript: URL in <{t} {k}>"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    (root / "out").mkdir()
    (root / "secret.txt").write_text(SECRET)
    (root / "out" / "secret.txt").write_text(SECRET)
    Report(poisoned()).write(root / "out")
    with Store(root / "corpus.sqlite") as store:
        store.save(poisoned())
    return {"client": TestClient(create_app(root / "out")), "root": root, "store": root / "corpus.sqlite"}


PAGES = ["/", "/stories/s1", "/stories/s2", "/articles/a1", "/articles/a2", "/articles/a3", "/stories/s1/entities/e1",
         "/?q=passengers", "/?q=" + "%3Cscript%3E"]


@pytest.mark.parametrize("url", PAGES)
def test_article_data_cannot_inject_script(served, url):
    r = served["client"].get(url, headers={"accept": "text/html"})
    assert r.status_code == 200
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert_inert(r.text, {"/static/report.js"})
    if not url.startswith("/?q="):
        assert "&lt;script&gt;document.title" in r.text and "{{7*7}}" in r.text, "payloads shown as text"


def test_static_report_html_escapes_the_data_and_pins_its_script(served):
    html = (served["root"] / "out" / "report.html").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp and "sha256-" in csp
    assert_inert(html, {None})
    assert html.count("<script") == 1, "only the report's own inline script, pinned by its hash"
    assert "&lt;script&gt;document.title" in html


TRAVERSALS = ["../secret.txt", "..%2Fsecret.txt", "%2e%2e%2fsecret.txt", "%252e%252e%252fsecret.txt",
              "..%5csecret.txt", "....//secret.txt", "%2e%2e/%2e%2e/etc/passwd", "secret.txt%00.css",
              "..;/secret.txt", "/etc/passwd", "%2Fetc%2Fpasswd", "secret.txt", "report.json", "..%c0%afsecret.txt"]
ROUTES = ["/static/{}", "/articles/{}", "/articles/{}.json", "/stories/{}", "/stories/{}.json",
          "/stories/s1/entities/{}", "/stories/{}/entities/e1", "/{}"]


@pytest.mark.parametrize("route", ROUTES)
def test_no_route_reaches_files_outside_its_map(served, route):
    client = served["client"]
    for attempt in TRAVERSALS:
        r = client.get(route.format(attempt))
        assert r.status_code in (404, 400, 422), (route, attempt, r.status_code)
        assert SECRET not in r.text and "root:x:0" not in r.text, (route, attempt)
        assert "content-security-policy" in r.headers


SQL = ["' OR 1=1 --", "passengers' OR '1'='1", '"; DROP TABLE articles; --', "a) UNION SELECT doc FROM articles --",
       "NEAR(passengers ferry)", "passengers*", "^ferry", "title:ferry", "text : *", "\"", "'", "\\", "%", "_",
       "\x00passengers", "passengers" * 500, "AND OR NOT", "{ferry}", "-ferry", "ferry + pier"]


def test_search_input_cannot_inject_sql(served):
    client = served["client"]
    with Store(served["store"]) as store:
        before = store.counts()
        for q in SQL:
            store.search(q)  # raises on an SQL or FTS syntax error
            r = client.get("/", params={"q": q, "format": "json"})
            assert r.status_code == 200, q
        assert store.counts() == before, "nothing was dropped or added"
        for q in ("' OR 1=1 --", '"; DROP TABLE articles; --'):
            assert store.search(q) == {"articles": [], "claims": []}, f"{q!r}: its words are just words, found nowhere"


@settings(max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=80))
def test_any_search_text_is_answered(served_search, q):
    r = served_search.get("/", params={"q": q})
    assert r.status_code == 200
    assert_inert(r.text, {"/static/report.js"})


@pytest.fixture(scope="module")
def served_search(served):
    return served["client"]


def test_serve_is_local_unless_told_and_then_warns(monkeypatch):
    import typer
    import uvicorn
    from typer.testing import CliRunner

    from parallax.web.cli import register

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw["host"]))
    app = typer.Typer()
    register(app)
    for host, warned in [(None, False), ("localhost", False), ("::1", False), ("::", True), ("192.168.7.20", True),
                         ("0.0.0.0", True)]:
        result = CliRunner().invoke(app, ["serve", str(FIXTURE)] + (["--host", host] if host else []))
        assert result.exit_code == 0, result.output
        assert ("WARNING" in result.output) is warned, host
        if warned:
            assert host in result.output and "no login" in result.output
    assert calls == ["127.0.0.1", "localhost", "::1", "::", "192.168.7.20", "0.0.0.0"]
