"""Bad and hostile input: every class is reported with a clear reason, and the good inputs of the
same run are still analysed.

One analysis runs over a folder (and a few URLs on a local server) that mixes every kind of bad
input with good articles; each test then checks one class in that shared report.
"""
from __future__ import annotations

import codecs
import gzip
import importlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from parallax import ingest
from parallax.errors import NothingToAnalyse, message
from parallax.pipeline import analyze

# Fictional stories written for these tests.
FERRY = ("Title: Ferry Aldra runs aground off Vesk\nOutlet: Vesk Morning Post\nPublished: 2031-03-14\n\n"
         "The passenger ferry Aldra ran aground off the island of Vesk on Thursday night, the coast guard said.\n\n"
         "All 212 passengers were taken ashore by lifeboats, according to harbour master Ilse Tamberg.\n\n"
         "Tamberg said the ferry had lost steering in a storm shortly before midnight.\n")
BRIDGE = ("Title: Kormund bridge reopens\nOutlet: Kormund Ledger\nPublished: 2031-03-15\n\n"
          "The Kormund river bridge reopened on Friday after eight months of repairs costing 14 million crowns.\n\n"
          "Mayor Ottilie Brann said the city would no longer need the temporary ferry service.\n")
FESTIVAL = ("Title: Salt festival draws record crowds\nOutlet: Harlow Coast Radio\nPublished: 2031-03-16\n\n"
            "About 40,000 visitors came to the salt festival in Harlow on Saturday, organisers said.\n")
ACCENTED = ("Title: Café owner in Brévik wins award\nOutlet: Brévik Tidende\nPublished: 2031-03-17\n\n"
            "The café “Sjøbris” in Brévik won the regional prize for its coffee on Monday, its owner Søren Åkerlund said.\n")
HTML_PAGE = ("<html><head><title>Lighthouse keeper retires</title></head><body><nav>Home | News</nav><article>"
             "<p>The last keeper of the Tolvik lighthouse, Arne Vesterby, retired on Sunday after 41 years.</p>"
             "<p>The coastal authority said the light would be run automatically from next month.</p>"
             "</article></body></html>")
fetch_module = importlib.import_module("parallax.ingest.fetch")  # the package re-exports fetch(), hiding the module
URL_PAGE = ("<html><head><title>Tolvik school gets new roof</title></head><body><nav>Home | News</nav><article>"
            "<p>The primary school in Tolvik will get a new roof this summer, the council's education chief Mira Holt said.</p>"
            "<p>The work will cost 2.1 million crowns and close the gym for six weeks.</p></article></body></html>")
LIMITS = {"timeout": 1.0, "max_bytes": 3_000_000}  # shortened caps: per file and per URL response


# ---------------------------------------------------------------- a local server that misbehaves


class Misbehaving(BaseHTTPRequestHandler):
    def do_GET(self):
        route = getattr(self, "route_" + self.path.strip("/").replace("-", "_"), None)
        if route is None:
            return self._send(404, "text/plain", b"not here")
        route()

    def _send(self, status: int, ctype: str, body: bytes, **headers):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up first (timeouts, caps): expected
            pass

    def route_school(self):
        self._send(200, "text/html; charset=utf-8", URL_PAGE.encode())

    def route_loop(self):
        self.send_response(302)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_picture(self):
        self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))

    def route_huge(self):  # declares a body over the cap
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(LIMITS["max_bytes"] * 5))
        self.end_headers()

    def route_endless(self):  # no Content-Length: the cap must count the bytes themselves
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        chunk = b"The tide came in. " * 4096
        try:
            for _ in range(LIMITS["max_bytes"] // len(chunk) + 10):
                self.wfile.write(chunk)
        except OSError:  # the client hung up at the cap: expected
            pass

    def route_bomb(self):  # a small gzip body that expands past the cap
        self._send(200, "text/plain", gzip.compress(b" " * (LIMITS["max_bytes"] * 4)), Content_Encoding="gzip")

    def route_silent(self):  # never answers within the timeout
        time.sleep(LIMITS["timeout"] * 3)
        self._send(200, "text/plain", FESTIVAL.encode())

    def route_drip(self):  # answers at once, then sends a byte at a time, forever as far as we care
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for ch in FESTIVAL.encode() * 3:
                self.wfile.write(bytes([ch]))
                self.wfile.flush()
                time.sleep(LIMITS["timeout"] / 8)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- the mixed run


def write_corpus(root: Path) -> dict[str, Path]:
    """Good articles next to every class of bad file; returns the interesting paths by name."""
    d = root / "corpus"
    (d / "deep" / "er").mkdir(parents=True)
    files = {
        "ferry": d / "ferry__vesk-morning-post.txt",
        "bridge_cp1252": d / "bridge.txt",
        "festival_utf16": d / "festival.md",
        "accented_mixed": d / "accented.txt",
        "lighthouse_html": d / "deep" / "er" / "lighthouse.html",
        "feed": d / "feed.jsonl",
        "duplicate": d / "ferry-copy.txt",
        "empty": d / "empty.txt",
        "blank": d / "blank.md",
        "binary": d / "photo.txt",
        "bad_json": d / "broken.json",
        "wrong_shape": d / "shape.json",
        "deep_html": d / "nested.html",
        "tag_soup": d / "soup.html",
        "too_large": d / "large.txt",
        "too_long": d / "long.txt",
        "fifo": d / "pipe.txt",
        "controls": d / "controls.txt",
        "long_line": d / "tally.txt",
        "long_word": d / "stuck-key.txt",
        "one_word": d / "storm.txt",
    }
    files["ferry"].write_text(FERRY, encoding="utf-8")
    files["bridge_cp1252"].write_bytes(BRIDGE.replace("crowns", "crowns – “a fair price”, Brann said").encode("cp1252"))
    files["festival_utf16"].write_bytes(codecs.BOM_UTF16_LE + FESTIVAL.encode("utf-16-le"))
    head, body = ACCENTED.split("\n\n", 1)
    files["accented_mixed"].write_bytes(head.encode("utf-8") + b"\n\n" + body.encode("cp1252"))  # UTF-8 header, cp1252 body
    files["lighthouse_html"].write_text(HTML_PAGE, encoding="utf-8")
    files["feed"].write_text("\n".join([
        json.dumps({"text": "Wind turbines off Marsk produced a record 900 megawatts on Tuesday, the grid operator said.",
                    "outlet": "Marsk Wire", "title": "Marsk turbines set record", "published": "2031-03-18"}),
        "{this line is not json",
        json.dumps([1, 2, 3]),
        json.dumps({"headline": "an object with no text field"}),
    ]) + "\n")
    files["duplicate"].write_text(FERRY.replace("\n\n", "\n\n\n"), encoding="utf-8")  # same words, other spacing
    files["empty"].write_bytes(b"")
    files["blank"].write_text(" \n\t\n   \r\n")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["bad_json"].write_text('{"text": "The mill burned down", ')
    files["wrong_shape"].write_text(json.dumps({"articles": {"text": "nested one level too deep"}}))
    files["tag_soup"].write_text("<svg><iframe><td></title><main><svg></iframe><article>")  # found by fuzz_inputs
    files["deep_html"].write_text("<html><body>" + "<div>" * 3000 + "<p>Buried words.</p>" + "</div>" * 3000 + "</body></html>")
    files["too_large"].write_bytes(b"word " * (LIMITS["max_bytes"] // 5 + 1))
    files["too_long"].write_text("Long line. " * (ingest.MAX_CHARS // 11 + 10))
    os.mkfifo(files["fifo"])
    files["controls"].write_text("Title: Bell rings in Osmark again\nOutlet: Osmark Echo\n\nThe old church bell\x0b in Osmark\x1b "
                                 "rang on Sunday\u2028after forty years, the parish said.\x85\r\r\nIts repair\u200b cost "
                                 "90,000 crowns\ufeff, paid by\x00 villagers\x07.\n", encoding="utf-8", newline="")
    run_on = ", and ".join(f"crate {i} went to pier {i % 37}" for i in range(400))  # one 12,000-character sentence
    files["long_line"].write_text("Title: Tally at Dock 9\nOutlet: Dock Daily\n\nThe tally at Dock 9 on Monday: " + run_on + ".\n")
    files["long_word"].write_text("Title: Stuck key\nOutlet: Glitch Weekly\n\nA reader in Pord sent us this on Tuesday: "
                                  + "z" * 100_000 + " and then the message ended.\n")
    files["one_word"].write_text("Storm.")
    return files


@pytest.fixture(scope="module")
def run(tmp_path_factory, server):
    files = write_corpus(tmp_path_factory.mktemp("bad"))
    urls = {
        "school": f"{server}/school",
        "missing": f"{server}/missing",
        "loop": f"{server}/loop",
        "picture": f"{server}/picture",
        "huge": f"{server}/huge",
        "endless": f"{server}/endless",
        "bomb": f"{server}/bomb",
        "silent": f"{server}/silent",
        "drip": f"{server}/drip",
        "refused": f"http://127.0.0.1:{closed_port()}/article",
        "ftp": "ftp://127.0.0.1/article.txt",
    }
    mp = pytest.MonkeyPatch()
    mp.setattr(fetch_module, "TIMEOUT_S", LIMITS["timeout"])
    mp.setattr(ingest, "MAX_BYTES", LIMITS["max_bytes"])
    try:
        started = time.monotonic()
        report = analyze([str(files["ferry"].parent), *urls.values(), str(files["ferry"].parent / "absent.txt")])
        elapsed = time.monotonic() - started
    finally:
        mp.undo()
    skipped = {s["path"]: s["reason"] for s in report.data["skipped"]}
    return {"report": report.data, "files": files, "urls": urls, "skipped": skipped, "elapsed": elapsed}


def analysed_paths(run) -> set[str]:
    return {a["path"] for a in run["report"]["articles"]}


def reason_for(run, key: str) -> str:
    path = str(run["files"].get(key) or run["urls"][key])
    assert path in run["skipped"], f"{key} was not reported as skipped: {sorted(run['skipped'])}"
    return run["skipped"][path]


def good_ones_analysed(run):
    """The good inputs of the mixed run: each analysed, once."""
    paths = analysed_paths(run)
    files = run["files"]
    for key in ("bridge_cp1252", "festival_utf16", "accented_mixed", "lighthouse_html"):
        assert str(files[key]) in paths, f"good file {key} was not analysed"
    assert len({str(files["ferry"]), str(files["duplicate"])} & paths) == 1, "the ferry story, once"
    assert f"{files['feed']}#0" in paths
    assert run["urls"]["school"] in paths
    for key in ("controls", "long_line", "long_word", "one_word"):
        assert str(files[key]) in paths, f"odd but readable file {key} was not analysed"
    assert len(paths) == len(run["report"]["articles"]) == 11


def test_good_inputs_survive_the_bad_ones(run):
    good_ones_analysed(run)
    assert {a["story"] for a in run["report"]["articles"]} <= {s["id"] for s in run["report"]["stories"]}


def test_empty_and_whitespace_only_files(run):
    assert reason_for(run, "empty") == message("empty")
    assert reason_for(run, "blank") == message("whitespace_only")
    good_ones_analysed(run)


def test_binary_bytes(run):
    assert reason_for(run, "binary") == message("binary")
    good_ones_analysed(run)


def test_broken_json_and_json_of_the_wrong_shape(run):
    assert reason_for(run, "bad_json").startswith("invalid JSON: ")
    assert reason_for(run, "wrong_shape") == message("json_shape", where=str(run["files"]["wrong_shape"]))
    feed = str(run["files"]["feed"])
    assert run["skipped"][f"{feed}#1"].startswith("invalid JSON: line 2")
    assert "'text' or 'html'" in run["skipped"][f"{feed}#2"]
    assert "'text' or 'html'" in run["skipped"][f"{feed}#3"]
    good_ones_analysed(run)  # includes feed#0, the good line of the same file


def test_html_nested_past_the_parser_limit_and_tag_soup_that_breaks_the_parser(run):
    assert reason_for(run, "deep_html") == message("html_too_deep")
    assert reason_for(run, "tag_soup") == message("html_failed", error="AssertionError in the HTML parser")
    good_ones_analysed(run)


def test_size_caps_per_file_and_per_article(run):
    assert reason_for(run, "too_large") == message("too_large", size=run["files"]["too_large"].stat().st_size,
                                                   limit=LIMITS["max_bytes"])
    assert reason_for(run, "too_long").startswith("the article text is ")
    assert reason_for(run, "too_long").endswith(f"over the {ingest.MAX_CHARS}-character limit per article")
    good_ones_analysed(run)


def test_special_files_and_missing_paths(run):
    assert reason_for(run, "fifo") == message("not_a_file")
    assert run["skipped"][str(run["files"]["ferry"].parent / "absent.txt")] == message("missing_path")
    good_ones_analysed(run)


def test_duplicate_under_another_name_is_flagged_not_counted(run):
    pair = {str(run["files"]["ferry"]), str(run["files"]["duplicate"])}
    (kept,) = pair & analysed_paths(run)
    (dropped,) = pair - {kept}
    assert run["skipped"][dropped] == message("duplicate_article", other=kept)
    ferry_articles = [a for a in run["report"]["articles"] if "Aldra" in a["text"]]
    assert [a["path"] for a in ferry_articles] == [kept]
    story = next(s for s in run["report"]["stories"] if ferry_articles[0]["id"] in s["articles"])
    assert {c["article"] for f in story["facts"] for c in f["claims"]} <= set(story["articles"])
    assert all(f["independent_sources"] <= len(story["articles"]) for f in story["facts"])
    good_ones_analysed(run)


def test_encodings_decode_to_the_same_words(run):
    by_path = {a["path"]: a for a in run["report"]["articles"]}
    files = run["files"]
    assert "“a fair price”" in by_path[str(files["bridge_cp1252"])]["text"]  # cp1252 quotes
    assert by_path[str(files["festival_utf16"])]["text"].startswith("About 40,000 visitors")  # UTF-16 with BOM
    mixed = by_path[str(files["accented_mixed"])]
    assert mixed["title"] == "Café owner in Brévik wins award"  # the UTF-8 part
    assert "“Sjøbris”" in mixed["text"] and "Søren Åkerlund" in mixed["text"]  # the cp1252 part
    good_ones_analysed(run)


def test_url_failures_are_reported_per_url(run):
    assert reason_for(run, "missing") == message("url_status", status=404)
    assert reason_for(run, "loop") == message("url_redirects", n=fetch_module.MAX_REDIRECTS)
    assert reason_for(run, "picture") == message("url_type", ctype="image/png")
    assert reason_for(run, "silent") == message("url_timeout", s=LIMITS["timeout"])
    assert reason_for(run, "drip") == message("url_timeout", s=LIMITS["timeout"])
    assert reason_for(run, "refused").startswith("could not fetch the URL: ")
    assert reason_for(run, "ftp") == message("url_scheme")
    for key in ("huge", "endless", "bomb"):  # declared, streamed and decompressed sizes are all capped
        assert reason_for(run, key) == message("url_too_large", limit=LIMITS["max_bytes"])
    school = next(a for a in run["report"]["articles"] if a["path"] == run["urls"]["school"])
    assert "Mira Holt" in school["text"] and "Home | News" not in school["text"] and school["url"] == run["urls"]["school"]
    assert run["elapsed"] < 90, "slow servers are cut off, not waited for"
    good_ones_analysed(run)


def test_control_characters_long_lines_long_words_and_one_word(run):
    by_path = {a["path"]: a for a in run["report"]["articles"]}
    files = run["files"]
    controls = by_path[str(files["controls"])]["text"]
    assert "rang on Sunday" in controls and "villagers" in controls
    assert by_path[str(files["long_word"])]["text"].count("z" * 100_000) == 1
    assert "crate 399 went to pier 29" in by_path[str(files["long_line"])]["text"]
    assert by_path[str(files["one_word"])]["text"] == "Storm."
    assert_offsets_hold(run["report"])
    good_ones_analysed(run)


def assert_offsets_hold(report: dict):
    """Every claim, mention and timeline entry still points at its own words."""
    text = {a["id"]: a["text"] for a in report["articles"]}
    for story in report["stories"]:
        for fact in story["facts"]:
            for c in fact["claims"]:
                assert text[c["article"]][c["start"]:c["end"]] == c["text"]
        for e in story["entities"]:
            for m in e["mentions"]:
                assert 0 <= m["start"] < m["end"] <= len(text[m["article"]])
        for t in story["timeline"]:
            assert 0 <= t["start"] < t["end"] <= len(text[t["article"]])


def test_a_corpus_of_one_article(tmp_path):
    one = tmp_path / "bridge__kormund-ledger.txt"
    one.write_text(BRIDGE, encoding="utf-8")
    data = analyze([str(one)]).data
    assert [a["path"] for a in data["articles"]] == [str(one)] and data["skipped"] == []
    (story,) = data["stories"]
    assert story["articles"] == [data["articles"][0]["id"]]
    assert story["facts"] and all(f["status"] == "single-source" and f["independent_sources"] <= 1 for f in story["facts"])
    assert_offsets_hold(data)


def test_cli_with_no_readable_input_says_why_in_one_line_each(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.txt").write_bytes(bytes(range(32)) * 10)
    out = tmp_path / "out"
    cli = Path(sys.executable).with_name("parallax")
    done = subprocess.run([str(cli), "analyze", str(tmp_path / "empty.txt"), str(tmp_path / "noise.txt"),
                           "gone[/red].txt", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        f"skipped {tmp_path / 'empty.txt'}: {message('empty')}",
        f"skipped {tmp_path / 'noise.txt'}: {message('binary')}",
        f"skipped gone[/red].txt: {message('missing_path')}",  # a name that looks like Rich markup, printed as is
        f"parallax: {message('nothing_analysed', n=3)}",
    ]
    assert not out.exists()


def test_api_with_no_readable_input_raises_with_the_reasons(tmp_path):
    (tmp_path / "blank.txt").write_text("\n\n")
    with pytest.raises(NothingToAnalyse) as caught:
        analyze([str(tmp_path / "blank.txt")])
    assert [(s.path, s.reason) for s in caught.value.skipped] == [(str(tmp_path / "blank.txt"), message("whitespace_only"))]
