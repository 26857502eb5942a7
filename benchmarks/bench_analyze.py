"""Speed and memory of `parallax analyze` on a generated corpus, against bare spaCy.

Prints per-stage time and peak memory (this process and its workers together), end-to-end articles
per second, and the ratio of the whole analysis (report files written) to spaCy's ``nlp.pipe`` alone
over the same texts, same model, measured in the same run (before and after it; the mean is the
baseline).

    python benchmarks/bench_analyze.py --articles 1000 [--workers 1] [--claim-vectors static|minilm] [--corpus FILE] [--mean-chars 2000] [--repeat N] [--profile] [--json]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing as mp
import os
import pstats
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

import psutil

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_corpus import write as write_corpus  # noqa: E402

NEWS_CHARS = 2000  # the development set's articles average about 2,000 characters; the real seeds, 4,500-5,000


def _sample(parent: int, conn, interval: float, every: int = 10) -> None:
    """Memory of ``parent`` and its children (this sampler left out) every ``interval`` seconds,
    until told to stop: ``(time, rss, pss)`` samples go back over ``conn``. RSS counts a page
    shared by N processes N times (the workers' copies of libraries and of the memory-mapped
    vector table); PSS counts it once, split between them. Listing the children scans every
    process of the machine and PSS makes the kernel walk each one's page tables, so both are
    done every ``every`` samples only (pss None in between)."""
    me, root, samples, procs = os.getpid(), psutil.Process(parent), [], []
    while not conn.poll(interval):
        full = len(samples) % every == 0
        if full:
            procs = [p for p in [root, *root.children(recursive=True)] if p.pid != me]
        rss = pss = 0
        for p in procs:
            try:
                m = p.memory_full_info() if full else p.memory_info()
            except psutil.Error:
                continue
            rss, pss = rss + m.rss, pss + getattr(m, "pss", m.rss)
        samples.append((time.perf_counter(), rss, pss if full else None))  # CLOCK_MONOTONIC: one clock for all processes
    conn.send(samples)


class MemorySampler:
    """Samples this process's and its workers' memory from a process of its own: a sampling thread
    here would take the GIL from the run it measures and slow it down (1-13 % in our runs)."""

    def __init__(self, interval: float = 0.05):
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_sample, args=(os.getpid(), child, interval), daemon=True)
        self.samples: list[tuple[float, int, int | None]] = []

    def __enter__(self):
        self._proc.start()
        return self

    def __exit__(self, *exc):
        self._conn.send("stop")
        self.samples = self._conn.recv()
        self._proc.join()

    def peak(self, start: float = float("-inf"), end: float = float("inf"), pss: bool = False) -> int:
        values = (m[2 if pss else 1] for m in self.samples if start <= m[0] <= end)
        return max((v for v in values if v is not None), default=0)


def spacy_seconds(texts: list[str], batch_size: int = 32) -> float:
    """Bare spaCy as a user runs it: the model as shipped, loaded in a fresh process (so neither
    the attribute-ruler index nor the garbage-collector setting that Parallax adds, see
    annotate/nlp.py, nor this process's state touch it); only ``nlp.pipe`` is timed."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(_bare_spacy, texts, batch_size).result()


def _bare_spacy(texts: list[str], batch_size: int) -> float:
    import spacy

    from parallax.annotate.nlp import MODEL

    nlp = spacy.load(MODEL)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def bcubed(gold: list[str], found: list[str]) -> dict:
    """B-cubed precision, recall and F1 of the labels ``found`` against ``gold`` (same items)."""
    cells = Counter(zip(found, gold))
    size_found, size_gold = Counter(found), Counter(gold)
    n = len(gold) or 1
    p = sum(c * c / size_found[f] for (f, g), c in cells.items()) / n
    r = sum(c * c / size_gold[g] for (f, g), c in cells.items()) / n
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def grouping_score(path: str, report: dict) -> dict | None:
    """Story grouping against the generator's own stories (``story`` in each JSONL record), when
    the corpus carries them."""
    if not (os.path.isfile(path) and path.endswith(".jsonl")):
        return None
    with open(path, encoding="utf-8") as f:
        gold = [json.loads(line).get("story") for line in f if line.strip()]
    pairs = [(gold[int(a["path"].rsplit("#", 1)[1])], a["story"]) for a in report["articles"] if "#" in (a.get("path") or "")]
    if not pairs or None in {g for g, _ in pairs}:
        return None
    return bcubed([g for g, _ in pairs], [s for _, s in pairs])


class Run(NamedTuple):
    report: object  # parallax.report.Report
    seconds: float
    times: list  # StageTimes
    memory: MemorySampler


def analyse_once(path: str, workers: int, claim_vectors: str, profiler) -> Run:
    """One timed analysis, report files written."""
    from parallax.engine import make_engine
    from parallax.pipeline import StageTimes, analyze

    times = StageTimes()
    with MemorySampler() as mem:
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        with make_engine("local", workers) as engine:
            report = analyze(path, engine=engine, times=times, claim_vectors=claim_vectors, stories_on_disk=True)
        # as the CLI does: stories on disk, and the workers gone before the files are written
        with tempfile.TemporaryDirectory() as out, times("write"):
            report.write(out)
        if profiler:
            profiler.disable()
        total = time.perf_counter() - start
    return Run(report, total, times, mem)


def run(path: str, workers: int, profile: bool, claim_vectors: str = "static", baseline: bool = True,
        repeat: int = 1) -> dict:
    from parallax.embed import prepare
    from parallax.engine import warm
    from parallax.ingest import RawDoc, iter_docs

    warm()  # model loading is start-up, not per-article cost, on both sides of the ratio
    prepare(claim_vectors)
    texts = [d.raw for d in iter_docs([path]) if isinstance(d, RawDoc)] if baseline else []
    # spaCy is timed before and after each analysis, which is compared with the mean of the two:
    # on a shared machine the speed drifts by a quarter from one minute to the next
    spacy_runs = [spacy_seconds(texts)] if baseline else []
    profiler = cProfile.Profile() if profile else None
    runs = []
    for _ in range(repeat):
        runs.append(analyse_once(path, workers, claim_vectors, profiler))
        if baseline:
            spacy_runs.append(spacy_seconds(texts))
    bases = [(a + b) / 2 for a, b in zip(spacy_runs, spacy_runs[1:])]
    ratios = [r.seconds / b for r, b in zip(runs, bases)]
    # the median run (by ratio, or by time without a baseline) is the one shown
    order = sorted(range(repeat), key=lambda k: ratios[k] if ratios else runs[k].seconds)
    pick = order[repeat // 2]
    report, total, times, mem = runs[pick]
    base = bases[pick] if bases else None
    n = len(report.data["articles"])
    result = {
        "articles": n, "stories": len(report.data["stories"]), "workers": workers, "claim_vectors": claim_vectors,
        "spacy_s": base and round(base, 2), "spacy_runs_s": [round(x, 2) for x in spacy_runs[pick:pick + 2]],
        "analyze_s": round(total, 2), "ratio": base and round(total / base, 2),
        "runs": [{"analyze_s": round(r.seconds, 2), "ratio": round(q, 2) if q else None}
                 for r, q in zip(runs, ratios or [None] * repeat)],
        "articles_per_s": round(n / total, 1), "ms_per_article": round(1000 * total / n, 2),
        "peak_mb": round(max(r.memory.peak() for r in runs) / 2**20),
        "peak_pss_mb": round(max(r.memory.peak(pss=True) for r in runs) / 2**20),
        "grouping": grouping_score(path, report.data), "stages": [
            {"stage": s, "s": round(t1 - t0, 2), "share": round((t1 - t0) / total, 3), "peak_mb": round(mem.peak(t0, t1) / 2**20),
             "peak_pss_mb": round(mem.peak(t0, t1, pss=True) / 2**20)}
            for s, t0, t1 in times],
    }
    if profiler:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(30)
        result["profile"] = buf.getvalue()
    return result


def show(r: dict) -> None:
    print(f"{r['articles']} articles, {r['stories']} stories, {r['workers']} worker(s), claim vectors: {r['claim_vectors']}")
    print(f"{'stage':<10}{'seconds':>9}{'share':>8}{'peak MB':>9}{'PSS MB':>8}")
    for s in r["stages"]:
        print(f"{s['stage']:<10}{s['s']:>9.2f}{s['share']:>8.1%}{s['peak_mb']:>9}{s['peak_pss_mb']:>8}")
    print(f"end to end: {r['analyze_s']:.2f} s, {r['articles_per_s']} articles/s, {r['ms_per_article']} ms/article, peak {r['peak_mb']} MB"
          f" (RSS summed over processes; PSS {r['peak_pss_mb']} MB)")
    if r.get("grouping"):
        g = r["grouping"]
        print(f"story grouping vs the generator's stories: B-cubed P={g['precision']:.3f} R={g['recall']:.3f} F1={g['f1']:.3f}")
    if r["spacy_s"]:
        before, after = r["spacy_runs_s"]
        print(f"bare spaCy nlp.pipe, same texts: {r['spacy_s']:.2f} s (mean of {before:.2f} s before and {after:.2f} s after)"
              f"  ->  analyze / spaCy = {r['ratio']:.2f}x")
    if len(r["runs"]) > 1:
        each = ", ".join(f"{x['analyze_s']:.2f} s" + (f" ({x['ratio']:.2f}x)" if x["ratio"] else "") for x in r["runs"])
        print(f"{len(r['runs'])} runs, the median one shown: {each}")
    if "profile" in r:
        print(r["profile"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--corpus", help="analyse this file or folder instead of a generated corpus")
    ap.add_argument("--profile", action="store_true", help="cProfile the analysis (run with --workers 1)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--claim-vectors", default="static", help="the claim embedder to measure (static or minilm)")
    ap.add_argument("--mean-chars", type=int, default=NEWS_CHARS,
                    help=f"generated articles of about this length (generate_corpus.py --mean-chars; default {NEWS_CHARS},"
                         " news length; 0: short ones of about 370)")
    ap.add_argument("--repeat", type=int, default=1, help="analyse this many times, each between two spaCy timings;"
                    " the median run is shown (the machine's speed drifts)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline (no ratio; for the largest runs)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.corpus or write_corpus(tmp, args.articles, mean_chars=args.mean_chars)
        r = run(path, args.workers, args.profile, args.claim_vectors, not args.no_baseline, args.repeat)
    print(json.dumps(r)) if args.json else show(r)


if __name__ == "__main__":
    main()
