"""Report API and renderers, on a small fictional report (tests/fixtures/report/small.json)."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from parallax.report import Report
from parallax.report import views
from parallax.report.markdown import _lines, markdown_chunks, render_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "report" / "small.json"


@pytest.fixture()
def data() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture()
def report(data) -> Report:
    return Report(data)


def test_fixture_spans_point_at_their_words(data):
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for story in data["stories"]:
        for fact in story["facts"]:
            for c in fact["claims"]:
                assert texts[c["article"]][c["start"]:c["end"]] == c["text"]
        for e in story["timeline"]:
            assert texts[e["article"]][e["start"]:e["end"]] == e["text"]


def test_report_accessors(report):
    assert [s["id"] for s in report.stories] == ["s1", "s2"]
    assert len(report.articles) == 4
    facts = report.facts
    assert [(f["story"], f["id"]) for f in facts] == [("s1", "f1"), ("s1", "f2"), ("s1", "f3"), ("s1", "f4"), ("s2", "f5")]
    assert "story" not in report.stories[0]["facts"][0], "facts must be copies, not the report's own dicts"
    assert report.article("a4")["outlet"] == "Oldmere Post"
    assert report.article("nope") is None


def test_to_pandas_claims_and_facts(report):
    claims = report.to_pandas()
    assert len(claims) == 7
    row = claims[(claims.fact == "f2") & (claims.article == "a2")].iloc[0]
    assert row.outlet == "Valley Courier"
    assert row.attribution_kind == "anonymous"
    assert row.hedge == "asked not to be named"
    facts = report.to_pandas("facts")
    assert list(facts.fact) == ["f1", "f2", "f3", "f4", "f5"]
    assert facts.set_index("fact").loc["f2", "conflict_types"] == "number"


def test_write_and_load_roundtrip(report, tmp_path):
    out = report.write(tmp_path / "out")
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    assert Report.load(out).data == report.data
    assert Report.load(out / "report.json").data == report.data


def test_files_written_in_pieces_equal_the_whole_renderings(report, tmp_path):
    out = report.write(tmp_path)
    assert (out / "report.json").read_text(encoding="utf-8") == report.to_json() + "\n"
    assert (out / "report.html").read_text(encoding="utf-8") == report.to_html()
    assert (out / "report.md").read_text(encoding="utf-8") == report.to_markdown()
    assert len(list(report.json_chunks())) > len(report.data["articles"])  # an article at a time, not one string


def test_markdown_in_pieces_cuts_trailing_whitespace_only_at_the_end(data):
    pieces = list(markdown_chunks(data))
    lines = [line for group in _lines(data, views.report_views(data)) for line in group]
    assert len(pieces) > 2 and "".join(pieces) == "\n".join(lines).rstrip() + "\n"
    md = "".join(pieces)
    assert "\n\n## s2" in md  # blank lines between stories are kept


def test_write_replaces_atomically_and_leaves_no_temp_files(report, tmp_path):
    (tmp_path / "report.json").write_text("old")
    report.write(tmp_path)
    assert json.loads((tmp_path / "report.json").read_text())["schema"] == "parallax.report/1"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_repr_html_summarises_every_story(report):
    html = report._repr_html_()
    assert "Ferry Gull Wing strikes Marrowby pier" in html and "Oldmere repaves Mill Street" in html
    assert "<i>forum</i>" not in html  # outlet names are escaped
    assert "Pier Talk &lt;i&gt;forum&lt;/i&gt;" in html
    assert "s1/f2 Number of passengers injured" in html  # the conflicts, with their explanation
    assert "14 injured (Harbor Gazette, official) vs up to 40 hurt" in html


def test_segments_cover_text_exactly_once():
    text = "abcdefghij"
    marks = [{"kind": "claim", "start": 0, "end": 6, "key": "c"}, {"kind": "entity", "start": 4, "end": 8, "key": "e"},
             {"kind": "edit", "start": 9, "end": 9, "key": "d"}, {"kind": "claim", "start": 3, "end": 99, "key": "bad"}]
    pieces = views.segments(text, marks)
    assert "".join(p["text"] for p in pieces) == text
    by_text = {p["text"]: sorted(m["key"] for m in p["marks"]) for p in pieces if p["text"]}
    assert by_text == {"abcd": ["c"], "ef": ["c", "e"], "gh": ["e"], "i": [], "j": []}
    assert [p["anchors"] for p in pieces if p["anchors"]] == [["c"], ["e"]]
    assert [m["key"] for p in pieces for m in p["points"]] == ["d"]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.hrefs, self.scripts, self.text = [], set(), [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, d):
        (self.scripts if self._in_script else self.text).append(d)


def _parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    return c


def test_html_escapes_article_text_and_metadata(report):
    html = report.to_html()
    parsed = _parse(html)
    assert [t for t, _ in parsed.tags].count("script") == 1, "only the report's own script"
    assert not [t for t, _ in parsed.tags if t in ("img", "i", "b")]
    assert not any("onerror" in a for _, a in parsed.tags)
    assert "__xss" not in "".join(parsed.scripts)
    text = "".join(parsed.text)
    assert "<script>window.__xss=1;alert(1)</script>" in text  # shown as text, verbatim
    assert '<img src=x onerror="window.__xss=2;alert(1)">' in text
    assert "javascript:" not in " ".join(parsed.hrefs)  # a javascript: URL never becomes a link


def test_html_is_self_contained(report):
    html = report.to_html()
    parsed = _parse(html)
    for tag, attrs in parsed.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            if tag == "a" and name == "href" and value:
                assert value.startswith(("#", "https://")), value  # in-page links and the articles' own URLs
            else:
                assert not value, f"<{tag} {name}={value}> would load something"
    assert "<link" not in html and "@import" not in html


def test_html_links_every_conflict_value_to_highlighted_words(report):
    parsed = _parse(report.to_html())
    conflict_links = [a for t, a in parsed.tags if t == "a" and "conflict-link" in (a.get("class") or "")]
    assert {a["href"] for a in conflict_links} == {"#claim-s1-f2-0", "#claim-s1-f2-1"}
    for a in conflict_links:
        target = a["href"][1:]
        assert target in parsed.ids, "an anchor sits at the claim's first character"
        segs = [x for t, x in parsed.tags if t == "span" and target in (x.get("data-keys") or "").split()]
        assert segs, "the claim's words are highlighted segments carrying its key"
    internal = [h[1:] for h in parsed.hrefs if h.startswith("#")]
    assert set(internal) <= parsed.ids, set(internal) - parsed.ids


def test_html_shows_story_overview_matrix_and_repairs(report):
    html = report.to_html()
    text = re.sub(r"\s+", " ", "".join(_parse(html).text))
    assert "Harbor Gazette" in text and "Valley Courier" in text
    assert "14 injured (Harbor Gazette, official) vs up to 40 hurt (Valley Courier, anonymous)" in text
    assert "hedge: asked not to be named" in text
    assert "independent sources: 2" in text
    assert "Share this article" in text and "removed" in text  # what repair took out
    assert "Marrowbyâ€™" in text  # the mojibake before repair
    assert "Ilsa Brand" in text and "Port director" in text and "Harbour chief" in text
    assert "corpus/empty.txt" in text and "the file is empty" in text


def test_html_renders_without_optional_fields(data):
    for a in data["articles"]:
        a.pop("annotations", None)
        for e in a["edits"]:
            e.pop("start"), e.pop("end"), e.pop("rule")
    for s in data["stories"]:
        s.pop("outlets", None), s.pop("dates", None)
        for f in s["facts"]:
            f.pop("explanation", None)
            for c in f["conflicts"]:
                c.pop("claims", None)
    html = Report(data).to_html()
    assert "Oldmere repaves Mill Street" in html
    assert 'href="#claim-s1-f2-1"' in html  # conflict values still link, by article
    Report(data).to_markdown()


def test_markdown_has_the_same_content_escaped(report):
    md = render_markdown(report.data)
    assert "## s1 · Ferry Gull Wing strikes Marrowby pier" in md
    assert "| Fact | Harbor Gazette | Valley Courier | Pier Talk \\<i\\>forum\\</i\\> |" in md
    assert "**number conflict**" in md and "Valley Courier: **up to 40**" in md
    assert not re.search(r"(?<!\\)<(script|img|i)\b", md), "raw tags would be live HTML in Markdown"
    assert "\\<script\\>window.\\_\\_xss=1;alert(1)\\</script\\>" in md
    assert "~~Share this article~~" in md
    assert "**Port director Ilsa Brandt said 14 passengers were treated for minor injuries.**" in md
    assert "- `corpus/empty.txt`: the file is empty" in md
