"""The pieces that make the engines scale: partitions, merged corpus counts, dedupe, date-blocked
neighbours, and record files (JSONL, Parquet) read a partition at a time."""
from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from parallax.carrier import Article
from parallax.ingest import RawDoc, Skipped, iter_docs
from parallax.ingest.formats import read_text
from parallax.pipeline import count_partition, dedupe, merge_counts, partitions, start_carrier, story_batches
from parallax.repair import build_context
from parallax.stories import MAX_DAYS_APART, candidate_pairs

DOCS = [
    read_text(f"d{i}.txt", f"Title: Ferry {i}\nOutlet: {outlet}\n\nThe ferry to Olm{i} left late.\nShare this story\n")[0]
    for i, outlet in enumerate(["Brack Post", "Brack Post", "Sellin Wire", "Brack Post", "Sellin Wire"])
]


def test_partitions_cover_the_stream_in_order():
    parts = list(partitions(iter(range(10)), size=4))
    assert parts == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert list(partitions([], size=4)) == []


def test_merged_partition_counts_equal_one_count_over_all():
    whole = build_context([(d.meta["outlet"], start_carrier(d).text, d.meta["title"]) for d in DOCS])
    merged = merge_counts(count_partition(p) for p in partitions(DOCS, size=2))
    assert merged.words == whole.words and merged.words["ferry"] >= 5
    assert merged.outlet_lines == whole.outlet_lines
    assert merged.outlet_articles == whole.outlet_articles == {"Brack Post": 3, "Sellin Wire": 2}


def test_dedupe_keeps_first_copy_and_numbers_the_rest():
    arts = [Article(id="", path=p, raw=t, text=t) for p, t in [("x", "Same  words."), ("y", "Other."), ("z", "Same words.")]]
    kept, skipped = dedupe([arts[0], Skipped("e", "empty"), arts[1], arts[2]])
    assert [(a.id, a.path) for a in kept] == [("a1", "x"), ("a2", "y")]
    assert [s.path for s in skipped] == ["e", "z"] and "x" in skipped[1].reason


def test_story_batches_never_split_a_story():
    groups = [[0, 1, 2], [3], [4, 5, 6, 7], [8]]
    batches = list(story_batches(groups, list(range(9)), size=4))
    assert [[sid for sid, _ in b] for b in batches] == [["s1", "s2"], ["s3"], ["s4"]]
    assert [items for b in batches for _, items in b] == [[0, 1, 2], [3], [4, 5, 6, 7], [8]]


def _brute_force(v, published, k):
    d = np.array([date.fromisoformat(p).toordinal() if p else np.nan for p in published])
    sims = v @ v.T
    sims[np.abs(d[:, None] - d[None, :]) > MAX_DAYS_APART] = -np.inf
    np.fill_diagonal(sims, -np.inf)
    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    return {(min(i, int(j)), max(i, int(j))) for i in range(len(v)) for j in top[i] if np.isfinite(sims[i, j])}


def test_date_blocked_neighbours_equal_exact_search():
    rng = np.random.default_rng(3)
    n = 900
    v = rng.normal(size=(n, 32)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    published = [None if rng.random() < 0.1 else (date(2031, 1, 1) + timedelta(days=int(rng.integers(0, 120)))).isoformat()
                 for _ in range(n)]
    pairs = candidate_pairs(v, k=8, chunk=100, published=published)  # many small chunks and windows
    assert pairs == _brute_force(v, published, 8)
    d = {i: published[i] for i in range(n)}
    assert all(not d[i] or not d[j] or abs((date.fromisoformat(d[i]) - date.fromisoformat(d[j])).days) <= MAX_DAYS_APART
               for i, j in pairs)


RECORDS = [
    {"title": "Bridge reopens in Hallow", "outlet": "Fenn Courier", "published": "2031-02-03", "text": "The Hallow bridge reopened on Monday."},
    {"title": "No text here", "outlet": "Fenn Courier"},
    {"title": "Tolls dropped", "outlet": "Marl Wire", "url": "https://marl.example/2", "text": "Tolls on the Hallow bridge were dropped."},
]


def _records(docs):
    return [(type(d).__name__, d.path.rsplit("#", 1)[-1], getattr(d, "raw", None), getattr(d, "meta", None)) for d in docs]


def test_parquet_and_big_jsonl_stream_like_small_jsonl(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    schema = pa.schema([(k, pa.string()) for k in ("title", "outlet", "published", "url", "text")])
    pq.write_table(pa.Table.from_pylist(RECORDS, schema=schema), tmp_path / "feed.parquet")
    whole = _records(iter_docs([str(jsonl)]))
    streamed = _records(iter_docs([str(jsonl)], max_bytes=10))  # over the limit: read line by line
    parquet = _records(iter_docs([str(tmp_path / "feed.parquet")]))
    assert whole == streamed == parquet
    assert [r[0] for r in parquet] == ["RawDoc", "Skipped", "RawDoc"]
    assert parquet[2][3] == {"title": "Tolls dropped", "outlet": "Marl Wire", "url": "https://marl.example/2"}


def test_unreadable_parquet_is_skipped_with_a_reason(tmp_path):
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"not parquet at all")
    [item] = list(iter_docs([str(bad)]))
    assert isinstance(item, Skipped) and "Parquet" in item.reason


def test_spill_gives_back_each_record_in_any_order(tmp_path):
    import pickle

    from parallax.spill import Spill, Spilled, dumps

    with Spill(str(tmp_path)) as spill:
        refs = [spill.put(x) for x in ([1, 2], "Ölm", {"k": (3, None)}, b"")]
        assert [spill.get(r) for r in reversed(refs)] == [b"", {"k": (3, None)}, "Ölm", [1, 2]]
        seq = Spilled(spill, (f"p{i}" for i in range(5)))
        seq.append("last")
        assert len(seq) == 6 and seq[2] == "p2" and seq[-1] == "last" and list(seq)[:2] == ["p0", "p1"]
        seq[1]  # reading never consumes
        assert list(seq) == list(seq)
        seq.append_pickled(dumps({"from": "a worker"}))  # pickled elsewhere, stored as it is
        assert seq[-1] == {"from": "a worker"} and len(seq.pickled) == 7
        assert pickle.loads(seq.pickled[2]) == "p2" and seq.pickled[-1] == dumps({"from": "a worker"})
    assert list(tmp_path.iterdir()) == []  # anonymous file: nothing left behind


def test_a_full_disk_is_a_clear_error(monkeypatch, tmp_path):
    import errno
    import os

    from parallax.errors import ParallaxError
    from parallax.spill import Spill

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    with Spill(str(tmp_path)) as spill:
        monkeypatch.setattr(os, "pwrite", full)
        with pytest.raises(ParallaxError, match=f"in {tmp_path} .*No space left.*TMPDIR"):
            spill.put("x")


def test_windowed_map_reads_items_only_as_tasks_finish():
    from concurrent.futures import ThreadPoolExecutor

    from parallax.engine import windowed

    taken = []

    def source():
        for i in range(10):
            taken.append(i)
            yield i

    with ThreadPoolExecutor(2) as pool:
        results = windowed(lambda i: pool.submit(lambda: i * i), source(), window=3)
        seen = []
        for value in results:
            seen.append(value)
            assert len(taken) <= len(seen) + 3  # never more than the window ahead of the consumer
        assert seen == [i * i for i in range(10)]


def test_story_vectors_are_single_precision_and_average_the_two_cosines():
    from parallax.pipeline import Analysed, story_vectors

    rng = np.random.default_rng(3)
    unit = lambda v: (v / np.linalg.norm(v)).astype(np.float32)  # noqa: E731
    leads = [unit(rng.normal(size=8)) for _ in range(2)]
    claims = [{0: unit(rng.normal(size=8)).astype(np.float16), 1: unit(rng.normal(size=8)).astype(np.float16)}, {}]
    v = story_vectors([Analysed(None, None, lead, c) for lead, c in zip(leads, claims)])
    assert v.dtype == np.float32 and v.shape == (2, 16)
    assert np.isclose(np.linalg.norm(v[0]), 1, atol=1e-3)  # lead and claims' centroid: both unit, halved
    assert np.isclose(np.linalg.norm(v[1]), np.sqrt(0.5), atol=1e-3)  # no claims: the lead alone, at half weight
    assert np.isclose(v[0] @ v[1], (leads[0] @ leads[1]) / 2, atol=1e-3)  # the empty centroid adds nothing
