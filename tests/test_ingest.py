"""Ingest: formats, header blocks, folders, encodings and URLs, each unreadable input reported."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parallax.ingest import load
from parallax.ingest.decode import decode
from parallax.ingest.header import parse_header
from parallax.ingest.metadata import iso_date, outlet_from

BODY = "The harbour of Quellmark reopened on Monday after a storm closed it for three days.\n"


def test_header_block_after_junk_lines():
    text = "Sign up for our newsletter\n2,500 $\n\nTitle: Harbour reopens\nOutlet: Quell Post\nPublished: 2031-05-06\n\n" + BODY
    meta, prefix_end, body_start = parse_header(text)
    assert meta == {"title": "Harbour reopens", "outlet": "Quell Post", "published": "2031-05-06"}
    assert text[:prefix_end] == "Sign up for our newsletter\n2,500 $\n\n"
    assert text[body_start:] == BODY


def test_front_matter():
    text = "---\ntitle: Harbour reopens\nsource: Quell Post\ndate: 2031-05-06\n---\n\n" + BODY
    meta, prefix_end, body_start = parse_header(text)
    assert meta["title"] == "Harbour reopens" and meta["outlet"] == "Quell Post" and meta["published"] == "2031-05-06"
    assert prefix_end == 0 and text[body_start:] == BODY


def test_no_header_leaves_text_alone():
    text = "Harbour reopens\n\n" + BODY + "Note: the port authority said so.\n"
    assert parse_header(text) == ({}, 0, 0)


def test_key_lines_inside_a_body_are_not_a_header():
    text = BODY + "\nTitle: not a header, this is prose that happens to start so\nAnd more prose.\n"
    assert parse_header(text) == ({}, 0, 0)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_decode_common_encodings(encoding):
    text = "Café “Zürich” – naïve"
    assert decode(text.encode(encoding)) == text


def test_metadata_normalisation():
    assert iso_date("2031-05-06T08:00:00Z") == "2031-05-06"
    assert iso_date("May 6, 2031") == "2031-05-06"
    assert iso_date("someday") is None
    assert outlet_from("https://www.quellpost.example/a/b", "x.txt") == "quellpost.example"
    assert outlet_from(None, "corpus/s1__quell-post.txt") == "quell-post"


def test_formats_folders_and_skips(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Title: A\nOutlet: Quell Post\n\n" + BODY)
    (tmp_path / "sub" / "b.md").write_text("---\ntitle: B\n---\n" + BODY)
    (tmp_path / "c.json").write_text(json.dumps([{"text": BODY, "outlet": "Wire"}, {"html": f"<html><body><article><p>{BODY}</p></article></body></html>"}]))
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": BODY, "title": "D"}) + "\n" + json.dumps({"nope": 1}) + "\n")
    (tmp_path / "e.html").write_text(f"<html><head><title>E</title></head><body><nav>Home</nav><article><p>{BODY}</p><p>{BODY}</p></article></body></html>")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "shape.json").write_text(json.dumps({"title": "no text"}))
    (tmp_path / "img.png").write_bytes(b"\x89PNG")  # ignored inside folders: not an article type
    docs, skipped = load([str(tmp_path), str(tmp_path / "missing.txt"), str(tmp_path / "img.png")])
    assert sorted(d.path.replace(str(tmp_path), "") for d in docs) == [
        "/a.txt", "/c.json#0", "/c.json#1", "/d.jsonl#0", "/e.html", "/sub/b.md"]
    reasons = {s.path.replace(str(tmp_path), ""): s.reason for s in skipped}
    assert reasons["/empty.txt"] == "the file is empty"
    assert reasons["/blank.txt"] == "the file holds only whitespace"
    assert "binary" in reasons["/bin.txt"]
    assert reasons["/bad.json"].startswith("invalid JSON")
    assert "'text' or 'html'" in reasons["/shape.json"]
    assert "'text' or 'html'" in reasons["/d.jsonl#1"]  # one bad object, its good neighbour still read
    assert reasons["/missing.txt"] == "no such file or folder"
    assert "unsupported file type '.png'" in reasons["/img.png"]
    html = next(d for d in docs if d.path.endswith("e.html"))
    assert "Quellmark" in html.raw and "Home" not in html.raw


class _Handler(BaseHTTPRequestHandler):
    routes = {
        "/article.html": (200, "text/html; charset=utf-8", f"<html><head><title>Q</title></head><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>".encode()),
        "/article.txt": (200, "text/plain", ("Title: Plain\nOutlet: Quell Post\n\n" + BODY).encode()),
        "/image": (200, "image/png", b"\x89PNG"),
    }

    def do_GET(self):
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"missing"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_fetched_and_failures_reported_per_url(server):
    docs, skipped = load([f"{server}/article.html", f"{server}/article.txt", f"{server}/gone", f"{server}/image", "ftp://example.invalid/x"])
    assert [d.meta.get("title") for d in docs] == ["Q", "Plain"]
    assert all(d.meta["url"].startswith(server) for d in docs)
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert reasons["gone"] == "the server answered HTTP 404"
    assert reasons["image"] == "unsupported content type 'image/png'"
    assert reasons["x"] == "only http and https URLs are fetched"
