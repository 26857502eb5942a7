"""Precision and recall of each repair edit kind over our own damaged fixtures.

    python benchmarks/bench_repair.py

The fixtures (tests/fixtures/repair/) hold fictional articles with planted damage, the clean text
and the expected edits; every change a rule makes is compared, as (kind, before, after) with
surrounding whitespace ignored, in the text that rule saw. Whitespace edits are counted only.
Speed is given as a ratio to ftfy.fix_text over the same texts, timed in the same run."""
from __future__ import annotations

import json
import time

import ftfy
from collections import Counter
from pathlib import Path

from parallax.carrier import EditableText, apply_edits
from parallax.repair import build_context, context_for, repair_steps

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "repair"


def load_cases(folder: Path = FIXTURES) -> list[dict]:
    cases = json.loads((folder / "cases.json").read_text(encoding="utf-8"))["cases"]
    for c in cases:
        c["raw"] = (folder / f"{c['name']}.raw.txt").read_text(encoding="utf-8")
        c["clean"] = (folder / f"{c['name']}.clean.txt").read_text(encoding="utf-8")
    return cases


def run_case(case: dict, stats) -> tuple[EditableText, Counter]:
    """Repair one case; returns the carrier and the changes made, keyed (kind, before, after)."""
    et = EditableText(case["raw"])
    made: Counter = Counter()
    for spec, seen, changes in repair_steps(et, context_for(stats, case["outlet"], case["title"])):
        made.update((spec.kind, seen[c.start : c.end].strip(), c.replacement.strip()) for c in changes)
    return et, made


def speed_ratio(cases: list[dict], rounds: int = 20) -> float:
    """Seconds for build_context + repair over every case, per second of ftfy.fix_text on them."""
    t0 = time.perf_counter()
    for _ in range(rounds):
        stats = build_context([(c["outlet"], c["raw"], c["title"]) for c in cases])
        for c in cases:
            run_case(c, stats)
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(rounds):
        for c in cases:
            ftfy.fix_text(c["raw"])
    return ours / (time.perf_counter() - t0)


def main() -> None:
    cases = load_cases()
    stats = build_context([(c["outlet"], c["raw"], c["title"]) for c in cases])
    tp, made_n, gold_n = Counter(), Counter(), Counter()
    exact = 0
    for case in cases:
        et, made = run_case(case, stats)
        gold = Counter((e["kind"], e["before"].strip(), e["after"].strip()) for e in case["edits"])
        exact += et.text == case["clean"] and apply_edits(et.raw, et.edits()) == et.text
        for key, n in made.items():
            made_n[key[0]] += n
            tp[key[0]] += min(n, gold[key])
        for key, n in gold.items():
            gold_n[key[0]] += n
    print(f"{'kind':<18}{'made':>6}{'expected':>10}{'precision':>11}{'recall':>8}")
    for kind in sorted(set(made_n) | set(gold_n)):
        if kind == "whitespace":
            print(f"{kind:<18}{made_n[kind]:>6}{'-':>10}{'-':>11}{'-':>8}")
            continue
        p = tp[kind] / made_n[kind] if made_n[kind] else 1.0
        r = tp[kind] / gold_n[kind] if gold_n[kind] else 1.0
        print(f"{kind:<18}{made_n[kind]:>6}{gold_n[kind]:>10}{p:>11.3f}{r:>8.3f}")
    print(f"clean text reproduced exactly: {exact}/{len(cases)} cases")
    print(f"speed: repair takes {speed_ratio(cases):.1f}x the time of ftfy.fix_text on the same texts")


if __name__ == "__main__":
    main()
