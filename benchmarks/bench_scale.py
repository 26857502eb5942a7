"""Scaling curve of `parallax analyze`: time per article and peak memory at growing corpus sizes.

Each size runs in a fresh process (benchmarks/bench_analyze.py --json) on a generated JSONL corpus,
so peak memory is that run's alone. Time per article should stay flat (within 20 % of the
smallest run) and peak memory at 10k articles under 1.5 GB.

    python benchmarks/bench_scale.py --sizes 1000 10000 100000 [--workers 2]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(n: int, workers: int) -> dict:
    out = subprocess.run([sys.executable, os.path.join(HERE, "bench_analyze.py"), "--articles", str(n),
                          "--workers", str(workers), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    print(f"{'articles':>9}{'seconds':>10}{'ms/article':>12}{'vs first':>10}{'peak MB':>9}{'analyze/spaCy':>15}  slowest stage")
    first = None
    for n in args.sizes:
        r = measure(n, args.workers)
        first = first or r["ms_per_article"]
        slow = max(r["stages"], key=lambda s: s["s"])
        print(f"{r['articles']:>9}{r['analyze_s']:>10.1f}{r['ms_per_article']:>12.2f}{r['ms_per_article'] / first:>10.2f}"
              f"{r['peak_mb']:>9}{r['ratio']:>15.2f}  {slow['stage']} ({slow['share']:.0%})", flush=True)


if __name__ == "__main__":
    main()
