"""Property-based tests over ingest, repair and analysis: a bounded run in CI (a few seconds each);
benchmarks/fuzz_inputs.py runs the same checks on 10,000 inputs."""
from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.errors import ParallaxError
from parallax.ingest.decode import decode
from parallax.ingest.formats import read_any, read_json
from parallax.ingest.header import parse_header
from parallax.ingest.source import RawDoc, Skipped

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import fuzz_inputs as fz  # noqa: E402

# derandomized: CI runs the same examples every time; the long fuzz run explores
QUICK = settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200)


@pytest.fixture(scope="module")
def nlp():
    from parallax.annotate.nlp import load_nlp

    return load_nlp()  # once for the module


@QUICK
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_are_refused_cleanly(data):
    try:
        text = decode(data)
    except ParallaxError:
        return
    assert isinstance(text, str)


@QUICK
@given(printable, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_unicode_encodings_round_trip(text, enc):
    data = text.encode(enc)
    if enc == "utf-8" and text.startswith("\ufeff"):
        text = text[1:]  # a leading BOM is a BOM
    assert decode(data) == text


def no_adjacent_non_ascii(text: str) -> bool:
    return not any(not a.isascii() and not b.isascii() for a, b in zip(text, text[1:]))


cp1252_text = st.text(st.sampled_from("abc XYZ.,'\"0123456789é€“”’—…ñüßÆ£¥©®°±½"), max_size=200).filter(no_adjacent_non_ascii)


@QUICK
@given(cp1252_text, cp1252_text)
def test_utf8_with_cp1252_inside_decodes_each_part(utf8_part, cp1252_part):
    """A single cp1252 byte between ASCII is never valid UTF-8, so both parts come back exactly."""
    assert decode(utf8_part.encode("utf-8") + cp1252_part.encode("cp1252")) == utf8_part + cp1252_part


@QUICK
@given(fz.TEXT_FILE)
def test_header_offsets_stay_inside_the_text(text):
    meta, prefix_end, body_start = parse_header(text)
    assert 0 <= prefix_end <= len(text) and (body_start == 0 or prefix_end <= body_start <= len(text))
    assert all(isinstance(v, str) for v in meta.values())


@QUICK
@given(fz.json_value)
def test_json_of_any_shape_is_read_or_refused_with_a_reason(value):
    try:
        items = read_json("feed.json", json.dumps(value), lines=False)
    except ParallaxError as e:
        assert str(e)
        return
    for item in items:
        assert isinstance(item, (RawDoc, Skipped))
        if isinstance(item, RawDoc):
            assert item.raw.strip() and item.path.startswith("feed.json")
        else:
            assert item.reason


@settings(QUICK, max_examples=15)
@given(fz.HTML_FILE)
def test_broken_and_nested_html_is_read_or_refused_with_a_reason(html):
    try:
        docs = read_any("page.html", html, ".html")
    except ParallaxError as e:
        assert str(e)
        return
    assert all(d.raw.strip() for d in docs)


@QUICK
@given(fz.input_file())
def test_generated_files_through_ingest_and_repair(case):
    data, ext = case
    fz.check_file(data, ext)  # edit logs rebuild the text, every edit points at its words


@settings(QUICK, max_examples=15)
@given(fz.input_file())
def test_generated_files_through_annotation(nlp, case):
    data, ext = case
    fz.check_file(data, ext, nlp)


@settings(QUICK, max_examples=3)
@given(st.lists(fz.TEXT, min_size=1, max_size=4))
def test_whole_analysis_of_generated_articles(nlp, texts):
    docs = [RawDoc(path=f"f{i}.txt", raw=t, fmt="text") for i, t in enumerate(texts)]
    articles = [a for a in fz.repair_partition(docs, fz.merge_counts([fz.count_partition(docs)]), fz.Options())
                if not isinstance(a, Skipped)]
    if articles:
        fz.check_analysis(articles)


def test_bom_utf16_and_bomless_utf16_decode():
    text = "Vesk ferry “Aldra” – 212 passengers"
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text
    assert decode(text.encode("utf-16-le")) == text
