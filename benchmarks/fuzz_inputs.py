"""Fuzz target: generated hostile inputs through ingest, repair and annotation (and, in batches,
the whole analysis); every run checks that nothing crashes and every offset still points at its words.

    python benchmarks/fuzz_inputs.py [N] [--seed S]     # default N = 10000

Prints the inputs run, the failures found (grouped by kind, with the smallest input of each) and
the time. tests/test_fuzz.py runs the same checks on a few generated inputs in CI.
"""
from __future__ import annotations

import argparse
import codecs
import json
import random
import sys
import time
import traceback
from collections import Counter

from hypothesis import HealthCheck, Phase, given, settings, seed as hypothesis_seed
from hypothesis import strategies as st

from parallax.carrier import apply_edits
from parallax.errors import ParallaxError
from parallax.ingest.decode import decode
from parallax.ingest.formats import read_any
from parallax.ingest.source import RawDoc, Skipped
from parallax.pipeline import Options, analyze_docs, count_partition, merge_counts, repair_partition

# ---------------------------------------------------------------- what the inputs are made of

WORDS = ["The", "ferry", "Aldra", "ran", "aground", "off", "Vesk", "on", "Tuesday", "said", "police", "mayor",
         "Ilse", "Tamberg", "212", "passengers", "3.5", "million", "crowns", "per", "cent", "about", "denied",
         "reportedly", "according", "to", "sources", "2031-03-14", "March", "14", "yesterday", "Dr.", "U.S.",
         "Mr", "km", "tonnes", "Co.", "Ltd", "€40m", "$1,200", "40,000", "half", "two-thirds", "NATO", "«", "»"]
HOSTILE = ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\xa0", "\u2028", "\u2029", "\u200b", "\u200e",
           "\u202e", "\ufeff", "\ufffd", "\u0301", "é", "Ã©", "â€™", "â€œ", "ðŸ˜€", "😀", "ﬁ", "İ", "ß", "Σ", "日本",
           "مرحبا", "“", "”", "‘", "’", "—", "…", "&amp;", "&#39;", "&#8217;", "<script>alert(1)</script>",
           "<b>", "</p>", "Title:", "Outlet: X", "Published: 2031-02-30", "---", "'", '"', "\\", "%s", "{0}",
           "' OR 1=1 --", "\r", "\r\n", "\n", "\n\n", "\t", "  ", "***", "Share this article", "Advertisement",
           "f**k", "sh*t", "39s", "Zhaksylykov", "Schaksylykow", "[/red]", "../../etc/passwd"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", ". ", ", ", "\r\n", "\t", ""]


@st.composite
def hostile_text(draw, max_pieces: int = 60) -> str:
    """Article-like text with hostile pieces mixed in; now and then an extremely long line or word."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(HOSTILE),
                                     st.text(max_size=12)), max_size=max_pieces))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    text = "".join(p + s for p, s in zip(pieces, seps))
    if draw(st.integers(0, 19)) == 0:  # one input in twenty: a very long word or line
        unit = draw(st.sampled_from(["z", "ab", "word ", "Vesk, ", "“", "\u200b"]))
        at = draw(st.integers(0, len(text)))
        text = text[:at] + unit * draw(st.integers(2_000, 60_000 // len(unit))) + text[at:]
    return text


TEXT, SHORT_TEXT, TINY_TEXT = hostile_text(), hostile_text(max_pieces=20), hostile_text(max_pieces=6)


def header(meta: dict) -> str:
    return "".join(f"{k}: {v}\n" for k, v in meta.items()) + "\n"


@st.composite
def text_file(draw) -> str:
    meta = draw(st.dictionaries(st.sampled_from(["Title", "Outlet", "Published", "URL", "Author", "Date", "Byline"]),
                                TINY_TEXT, max_size=4))
    front = draw(st.sampled_from(["", "", "Share this\nSubscribe now\n\n", "---\ntitle: x\n---\n", "---\n: [\n---\n"]))
    return front + (header(meta) if meta else "") + draw(TEXT)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TINY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "html", "title", "outlet", "published", "url", "id", "language", "x"]), inner, max_size=5),
    max_leaves=12)


json_article = st.fixed_dictionaries({"text": TEXT}, optional={"title": TINY_TEXT, "published": st.text(max_size=12)})


@st.composite
def json_file(draw) -> str:
    objs = draw(st.lists(st.one_of(json_article, json_value), max_size=4))
    if draw(st.booleans()):  # JSON lines, now and then a broken one
        return "\n".join(json.dumps(o) if draw(st.integers(0, 5)) else json.dumps(o)[:-1] for o in objs)
    return json.dumps(objs if len(objs) != 1 else objs[0])


TAGS = ["div", "p", "article", "span", "b", "i", "table", "tr", "td", "script", "style", "nav", "main", "h1", "ul",
        "li", "a href='javascript:x'", "iframe", "svg", "template", "title", "head", "body", "html", "!--", "![CDATA["]


@st.composite
def html_file(draw) -> str:
    """Tag soup: unbalanced, deeply nested, with hostile text between the tags."""
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 3))
        parts.append(f"<{tag}>" if kind < 2 else f"</{tag.split()[0]}>" if kind == 2 else draw(SHORT_TEXT))
    if draw(st.integers(0, 9)) == 0:
        depth = draw(st.integers(100, 3000))
        parts.insert(draw(st.integers(0, len(parts))), "<div>" * depth + draw(SHORT_TEXT) + "</div>" * depth)
    return "".join(parts)


def encode(text: str, how: str) -> bytes:
    if how == "mixed":  # the first half UTF-8, the rest cp1252
        half = len(text) // 2
        return text[:half].encode("utf-8", "surrogatepass") + text[half:].encode("cp1252", "replace")
    if how == "utf-16-le":  # no BOM
        return text.encode("utf-16-le", "surrogatepass")
    errors = "surrogatepass" if how.startswith("utf") else "replace"
    return (codecs.BOM_UTF16_LE if how == "utf-16" else b"") + text.encode("utf-16-le" if how == "utf-16" else how, errors)


HTML_FILE, JSON_FILE, TEXT_FILE = html_file(), json_file(), text_file()
ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "mixed"]


@st.composite
def input_file(draw) -> tuple[bytes, str]:
    """(bytes, extension) of one generated input file."""
    ext = draw(st.sampled_from([".txt", ".txt", ".md", ".html", ".json", ".jsonl"]))
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000)), ext
    text = draw({".html": HTML_FILE, ".json": JSON_FILE, ".jsonl": JSON_FILE}.get(ext, TEXT_FILE))
    return encode(text, draw(st.sampled_from(ENCODINGS))), ext


# ---------------------------------------------------------------- what must hold for every input


def check_article(a) -> None:
    assert apply_edits(a.raw, a.edits) == a.text, "the edit log does not rebuild the repaired text"
    for e in a.edits:
        assert 0 <= e.raw_start <= e.raw_end <= len(a.raw) and a.raw[e.raw_start:e.raw_end] == e.before, f"edit {e.rule} raw span"
        assert a.text[e.start:e.end] == e.after, f"edit {e.rule} text span"


def spans_of(ann):
    for group in ("sentences", "mentions", "dates", "quantities", "quotes", "titles", "foreign"):
        for s in getattr(ann, group):
            yield group, s


def check_annotations(text: str, ann) -> None:
    for group, s in spans_of(ann):
        assert 0 <= s.start <= s.end <= len(text), f"{group} span out of the text"
        assert text[s.start:s.end] == s.text, f"{group} span text differs from the article text there"


def check_file(data: bytes, ext: str, nlp=None) -> list:
    """One input file through decode, the format reader, repair and (given ``nlp``) annotation.
    Returns its articles; raises AssertionError (or anything else) on a failure; a ParallaxError is
    a clean skip."""
    from parallax.annotate import annotate

    try:
        docs = [d for d in read_any(f"input{ext}", decode(data), ext) if isinstance(d, RawDoc)]
    except ParallaxError:
        return []
    for d in docs:
        assert isinstance(d.raw, str) and 0 <= d.prefix_end <= max(d.body_start, d.prefix_end) <= len(d.raw)
    articles = [a for a in repair_partition(docs, merge_counts([count_partition(docs)]), Options())
                if not isinstance(a, Skipped)]
    for a in articles:
        check_article(a)
        if nlp is not None:
            check_annotations(a.text, annotate(a.text, nlp(a.text), a.published))
    return articles


def check_analysis(articles: list) -> None:
    """The whole analysis over a batch of fuzzed articles: a report whose offsets hold."""
    docs = [RawDoc(path=f"fuzz{i}.txt", raw=a.text, fmt="text", meta={"title": a.title or "", "outlet": f"o{i % 3}"})
            for i, a in enumerate(articles)]
    report = analyze_docs(docs, [])
    text = {a["id"]: a["text"] for a in report["articles"]}
    for story in report["stories"]:
        for fact in story["facts"]:
            for c in fact["claims"]:
                assert text[c["article"]][c["start"]:c["end"]] == c["text"], "claim offsets"
        for e in story["entities"]:
            for m in e["mentions"]:
                assert 0 <= m["start"] < m["end"] <= len(text[m["article"]]), "mention offsets"


# ---------------------------------------------------------------- the long run


def failure_kind(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__}: {str(exc)[:120]} ({frame.filename.rsplit('/', 2)[-1]}:{frame.lineno})"


def run(n: int, seed: int, annotate_every: int = 1, analyse_every: int = 500, batch: int = 40) -> dict:
    """``batch`` of the latest articles go through the whole analysis every ``analyse_every`` inputs."""
    from parallax.annotate.nlp import load_nlp

    nlp = load_nlp()
    failures: dict[str, tuple[int, bytes, str]] = {}  # kind -> (count, smallest input, ext)
    counts = Counter()
    pending: list = []

    def record(kind: str, data: bytes, ext: str):
        count, best, best_ext = failures.get(kind, (0, data, ext))
        failures[kind] = (count + 1, data if len(data) < len(best) else best, ext if len(data) < len(best) else best_ext)

    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(input_file())
    def one(case):
        data, ext = case
        counts["inputs"] += 1
        if counts["inputs"] % 1000 == 0:
            print(f"  {counts['inputs']} inputs, {sum(f[0] for f in failures.values())} failures", file=sys.stderr, flush=True)
        try:
            articles = check_file(data, ext, nlp if counts["inputs"] % annotate_every == 0 else None)
        except Exception as e:  # noqa: BLE001 - a fuzz target records every failure and goes on
            return record(failure_kind(e), data, ext)
        counts["articles"] += len(articles)
        counts["annotated"] += len(articles) if counts["inputs"] % annotate_every == 0 else 0
        pending[:] = (pending + articles)[-batch:]
        if counts["inputs"] % analyse_every == 0 and pending:
            try:
                check_analysis(pending)
                counts["analyses"] += 1
            except Exception as e:  # noqa: BLE001
                record("analysis " + failure_kind(e), b"", "")
            pending.clear()

    hypothesis_seed(seed)(one)()
    return {"counts": counts, "failures": failures}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=random.randrange(1 << 30))
    ap.add_argument("--annotate-every", type=int, default=10, help="spaCy and the annotators on every k-th input "
                    "(they dominate the time); decode, format readers and repair run on every input")
    args = ap.parse_args(argv)
    started = time.monotonic()
    result = run(args.n, args.seed, args.annotate_every)
    elapsed = time.monotonic() - started
    c, failures = result["counts"], result["failures"]
    print(f"fuzz_inputs: {c['inputs']} inputs run (seed {args.seed}), {c['articles']} articles repaired, "
          f"{c['annotated']} of them annotated, "
          f"{c['analyses']} whole analyses; {sum(f[0] for f in failures.values())} failures of {len(failures)} kinds; "
          f"{elapsed:.0f} s ({c['inputs'] / elapsed:.0f} inputs/s)")
    for kind, (count, data, ext) in sorted(failures.items(), key=lambda kv: -kv[1][0]):
        print(f"  {count:5d} x {kind}\n          smallest input ({ext}, {len(data)} bytes): {data[:300]!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
