"""Scaling curve of `parallax analyze`: time per article and peak memory at growing corpus sizes.

Each size runs in a fresh process (benchmarks/bench_analyze.py --json) on a generated JSONL corpus,
so peak memory is that run's alone. Time per article should stay flat (within 20 % of the
smallest run) and peak memory at 10k articles under 1.5 GB. "peak MB" sums the processes' RSS,
which counts the pages that worker processes share (libraries, the memory-mapped vector table)
once per process; "PSS MB" splits each shared page between its processes, so it is what the run
takes from the machine.

``--grouping`` times only the one corpus-wide step, story grouping (date-blocked neighbours, pair
scores, average linkage), on synthetic story embeddings: every other stage is per article or per
story, so it is the step that could grow faster than the corpus.

    python benchmarks/bench_scale.py --sizes 1000 10000 100000 [--workers 2] [--baseline-up-to 10000] [--repeat 1] [--mean-chars 0] [--grouping]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(n: int, workers: int, baseline: bool, repeat: int = 1, mean_chars: int = 0) -> dict:
    out = subprocess.run([sys.executable, os.path.join(HERE, "bench_analyze.py"), "--articles", str(n), "--workers", str(workers),
                          "--repeat", str(repeat), "--mean-chars", str(mean_chars), "--json",
                          *([] if baseline else ["--no-baseline"])],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def synthetic_inputs(n: int, seed: int = 7) -> list:
    """Stories of 1-6 articles: a story direction plus noise, its own entities, dates within a year."""
    from parallax.stories import StoryInput

    rng = np.random.default_rng(seed)
    out = []
    while len(out) < n:
        centre = rng.normal(size=384)
        day = date(2031, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
        ents = {f"e{rng.integers(0, 50 * n)}" for _ in range(3)}
        for _ in range(int(rng.integers(1, 7))):
            v = centre + rng.normal(scale=0.9, size=384)
            pub = (day + timedelta(days=int(rng.integers(0, 3)))).isoformat()
            out.append(StoryInput((v / np.linalg.norm(v)).astype(np.float32), ents | {"capital"}, pub))
    return out[:n]


def grouping_curve(sizes: list[int]) -> None:
    from parallax.stories import group

    print(f"{'articles':>9}{'seconds':>10}{'ms/article':>12}{'vs first':>10}{'stories':>9}  (story grouping only)")
    first = None
    for n in sizes:
        inputs = synthetic_inputs(n)
        start = time.perf_counter()
        labels = group(inputs).labels
        ms = 1000 * (time.perf_counter() - start) / n
        first = first or ms
        print(f"{n:>9}{ms * n / 1000:>10.1f}{ms:>12.3f}{ms / first:>10.2f}{max(labels) + 1:>9}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--grouping", action="store_true", help="time story grouping alone on synthetic embeddings")
    ap.add_argument("--baseline-up-to", type=int, default=10000,
                    help="measure the spaCy baseline (the ratio) only up to this size: timed before and after the run, it triples a run's time")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size (bench_analyze.py --repeat): the median is shown")
    ap.add_argument("--mean-chars", type=int, default=0, help="article length of the generated corpus (generate_corpus.py)")
    args = ap.parse_args()
    if args.grouping:
        return grouping_curve(args.sizes)
    print(f"{'articles':>9}{'seconds':>10}{'ms/article':>12}{'vs first':>10}{'peak MB':>9}{'PSS MB':>8}{'analyze/spaCy':>15}"
          f"{'grouping F1':>13}  ms/article by stage")
    first = None
    for n in args.sizes:
        r = measure(n, args.workers, n <= args.baseline_up_to, args.repeat, args.mean_chars)
        first = first or r["ms_per_article"]
        ratio = f"{r['ratio']:.2f}" if r["ratio"] else "-"
        f1 = f"{r['grouping']['f1']:.3f}" if r.get("grouping") else "-"
        stages = " ".join(f"{s['stage']} {1000 * s['s'] / r['articles']:.1f}" for s in r["stages"] if s["s"] >= 0.005 * r["analyze_s"])
        print(f"{r['articles']:>9}{r['analyze_s']:>10.1f}{r['ms_per_article']:>12.2f}{r['ms_per_article'] / first:>10.2f}"
              f"{r['peak_mb']:>9}{r['peak_pss_mb']:>8}{ratio:>15}{f1:>13}  {stages}", flush=True)


if __name__ == "__main__":
    main()
