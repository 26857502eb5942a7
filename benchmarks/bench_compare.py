"""Comparison-engine benchmark (issue 5): analyse our fixture stories and score the report against their gold.

    python benchmarks/bench_compare.py                       # analyse fixtures/compare/articles, then score
    python benchmarks/bench_compare.py --report OUT/report.json   # score an existing report
    python benchmarks/bench_compare.py --gold G.json --articles DIR --save OUT/report.json

Prints story clustering (B-cubed), fact alignment pair recall, conflict precision and recall per type,
origin grouping and single-source recall; the last line is the figures as one JSON object.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import scoring  # noqa: E402

FIXTURES = HERE / "fixtures" / "compare"


def analyse(articles: Path) -> dict:
    from parallax import analyze

    return analyze([str(articles)]).data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--gold", type=Path, default=FIXTURES / "gold.json")
    ap.add_argument("--articles", type=Path, default=FIXTURES / "articles")
    ap.add_argument("--report", type=Path, help="score this report.json (or folder holding it) instead of analysing")
    ap.add_argument("--save", type=Path, help="write the report produced by the run here")
    args = ap.parse_args(argv)

    report = scoring.load_json(args.report) if args.report else analyse(args.articles)
    if args.save and not args.report:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    scores = scoring.score(scoring.load_json(args.gold), report)
    print(scoring.format_table(scores))
    print(json.dumps(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
