"""Report rendering, store and web speed on a scaled-up report.

Scales tests/fixtures/report/small.json (or a report given as argv[1]) to N copies of its stories
and prints each operation's time as a ratio to ``json.dumps`` of the same report, measured in the
same run (so figures compare across machines).

    .venv/bin/python benchmarks/bench_report.py [REPORT_JSON] [--copies N]
"""
from __future__ import annotations

import argparse
import copy
import json
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from parallax.report import Report
from parallax.report.exports import export
from parallax.store import Store
from parallax.web import create_app

ROOT = Path(__file__).resolve().parents[1]


def scaled(data: dict, copies: int) -> dict:
    """``copies`` renamed copies of every story and article (ids stay unique, offsets stay valid)."""
    out = {**data, "articles": [], "stories": []}
    for k in range(copies):
        rename = {a["id"]: f"{a['id']}_{k}" for a in data["articles"]}
        for a in data["articles"]:
            out["articles"].append({**copy.deepcopy(a), "id": rename[a["id"]], "story": f"{a['story']}_{k}"})
        for s in data["stories"]:
            text = json.dumps(s)
            for old, new in sorted(rename.items(), key=lambda kv: -len(kv[0])):
                text = text.replace(f'"{old}"', f'"{new}"')
            story = json.loads(text)
            story["id"] = f"{s['id']}_{k}"
            out["stories"].append(story)
    return out


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", nargs="?", default=ROOT / "tests" / "fixtures" / "report" / "small.json")
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    data = scaled(Report.load(args.report).data, args.copies)
    report = Report(data)
    n_claims = sum(len(f["claims"]) for f in report.facts)
    print(f"report: {len(data['articles'])} articles, {len(data['stories'])} stories, "
          f"{len(report.facts)} facts, {n_claims} claims")
    base = timed(lambda: json.dumps(data, ensure_ascii=False, indent=2))
    print(f"baseline json.dumps: {base * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = {
            "report.html": timed(report.to_html),
            "report.md": timed(report.to_markdown),
            "Report.write (json+html+md, atomic)": timed(lambda: report.write(tmp / "out")),
            "to_pandas (claims)": timed(report.to_pandas),
            "export parquet": timed(lambda: export(data, "parquet", tmp / "pq")),
        }
        store = Store(tmp / "c.sqlite")
        rows["Store.save (one transaction)"] = timed(lambda: store.save(data))
        rows["Store.report"] = timed(store.report)
        queries = ["passengers", "Gull Wing", "insur", "Brandt denied", "Mill Street"]
        rows["Store.search (5 queries)"] = timed(lambda: [store.search(q) for q in queries])
        client = TestClient(create_app(store))
        story = data["stories"][0]["id"]
        article = data["articles"][0]["id"]
        rows["web: 3 pages (stories, story, article)"] = timed(
            lambda: [client.get(u) for u in ("/", f"/stories/{story}", f"/articles/{article}")])
        sizes = {p.name: p.stat().st_size for p in (tmp / "out").iterdir()}
    for name, seconds in rows.items():
        print(f"{name:45s} {seconds * 1000:9.1f} ms  {seconds / base:7.2f} x json.dumps")
    print("sizes: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())))


if __name__ == "__main__":
    main()
