"""Score a Parallax report.json against gold annotations in the devset gold.json format.

Figures: story clustering (B-cubed), fact alignment pair recall, conflict precision and recall per type,
conflicts raised on facts that must stay quiet, origin grouping, and single-source fact recall. Gold facts
are located in the report through their sentences, so the scorer never depends on how the report words or
numbers its facts.

    python benchmarks/scoring.py GOLD.json REPORT.json|OUTDIR
"""
from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

# Gold conflict types as the report contract names them.
REPORT_TYPE = {"title_rank": "title"}
CONFLICT_TYPES = ("number", "date", "title", "place", "purpose", "denial", "attribution", "name")
COUNTS = ("gold", "found", "reported", "true", "unaligned")


def load_json(path: str | Path) -> dict:
    """A JSON file, or the report.json inside an output folder."""
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    return json.loads(path.read_text(encoding="utf-8"))


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


# ---- locating gold sentences in the report ------------------------------------------------------

def squeeze(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs collapsed to one space, and each kept char's offset in the original."""
    chars, offsets = [], []
    for m in re.finditer(r"\s+|\S", text):
        chars.append(" " if m.group().isspace() else m.group())
        offsets.append(m.start())
    return "".join(chars), offsets


def find_span(text: str, sentence: str) -> tuple[int, int] | None:
    """Where sentence sits in text: exactly, else with whitespace normalised."""
    start = text.find(sentence)
    if start >= 0:
        return start, start + len(sentence)
    squeezed, offsets = squeeze(text)
    needle = " ".join(sentence.split())
    at = squeezed.find(needle)
    if at < 0 or not needle:
        return None
    last = offsets[at + len(needle) - 1]
    return offsets[at], last + 1


def gold_spans(entry: dict, text: str) -> list[tuple[int, int]]:
    """Spans of one outlet's gold sentences in the report text (the repaired wording is tried first)."""
    spans = []
    for raw, repaired in zip(entry["sentences"], entry.get("sentences_repaired", entry["sentences"])):
        span = find_span(text, repaired) or find_span(text, raw)
        if span:
            spans.append(span)
    return spans


# ---- report indexing ----------------------------------------------------------------------------

def article_ids(report: dict) -> dict[str, str]:
    """Gold file stem -> report article id (report articles are matched by their path's basename)."""
    return {Path(a["path"]).stem: a["id"] for a in report.get("articles", []) if a.get("path")}


def report_facts(report: dict) -> list[dict]:
    return [fact for story in report.get("stories", []) for fact in story.get("facts", [])]


def overlaps(claim: dict, spans: list[tuple[int, int]]) -> bool:
    return any(claim["start"] < end and claim["end"] > start for start, end in spans)


class Locator:
    """Gold sentences resolved to (report article, spans), and which report facts cover them."""

    def __init__(self, report: dict):
        self.ids = article_ids(report)
        self.texts = {a["id"]: a.get("text", "") for a in report.get("articles", [])}
        self.facts = report_facts(report)
        self._spans: dict[tuple, tuple[str | None, list[tuple[int, int]]]] = {}

    def spans(self, entry: dict) -> tuple[str | None, list[tuple[int, int]]]:
        key = (entry["file"], *entry["sentences"])
        if key not in self._spans:
            art = self.ids.get(Path(entry["file"]).stem)
            self._spans[key] = art, (gold_spans(entry, self.texts[art]) if art else [])
        return self._spans[key]

    def covered_outlets(self, fact: dict, gold_fact: dict) -> set[str]:
        """Gold outlets of gold_fact whose sentence one of the report fact's claims overlaps."""
        hit = set()
        for slug, entry in gold_fact["outlets"].items():
            art, spans = self.spans(entry)
            if any(c["article"] == art and overlaps(c, spans) for c in fact.get("claims", [])):
                hit.add(slug)
        return hit

    def aligned(self, gold_fact: dict) -> list[dict]:
        """Report facts that carry this gold fact: two of its outlets for a shared fact, its one for a single."""
        need = 1 if gold_fact["kind"] == "single" else 2
        return [f for f in self.facts if len(self.covered_outlets(f, gold_fact)) >= need]


# ---- the figures ----------------------------------------------------------------------------------

def score_clusters(gold: dict, report: dict) -> dict:
    """B-cubed over the gold files; a file missing from the report counts as wrong both ways."""
    gold_cluster = {Path(f).stem: s["id"] for s in gold["stories"] for f in s["articles"]}
    gold_cluster.update({Path(f).stem: Path(f).stem for f in gold["distractors"]})
    ids = article_ids(report)
    # An article's own `story` field wins; the stories' article lists fill in where it is missing.
    story_of = {art: s["id"] for s in report.get("stories", []) for art in s.get("articles", [])}
    story_of.update({a["id"]: a["story"] for a in report.get("articles", []) if a.get("story")})
    report_cluster = {stem: story_of.get(ids[stem], ids[stem]) for stem in gold_cluster if stem in ids}
    precision = recall = 0.0
    for stem, g in gold_cluster.items():
        if stem not in report_cluster:
            continue
        same_gold = {s for s, c in gold_cluster.items() if c == g}
        same_report = {s for s, c in report_cluster.items() if c == report_cluster[stem]}
        both = len(same_gold & same_report)
        precision += both / len(same_report)
        recall += both / len(same_gold)
    n = len(gold_cluster)
    p, r = ratio(precision, n), ratio(recall, n)
    return {"files": n, "matched": len(report_cluster), "precision": p, "recall": r, "f1": f1(p, r)}


def score_alignment(gold: dict, loc: Locator) -> dict:
    """Share of gold outlet pairs (per shared fact) that one report fact covers on both sides."""
    pairs = covered = 0
    for gf in gold["facts"]:
        if gf["kind"] != "shared":
            continue
        hits = [loc.covered_outlets(f, gf) for f in loc.facts]
        for a, b in itertools.combinations(gf["outlets"], 2):
            pairs += 1
            covered += any(a in h and b in h for h in hits)
    return {"pairs": pairs, "covered": covered, "pair_recall": ratio(covered, pairs)}


def score_conflicts(gold: dict, loc: Locator) -> dict:
    """Recall per gold conflict type; precision over every conflict the report raises.

    A report conflict is true when its fact is aligned to a gold fact whose conflict has that type;
    conflicts on facts aligned to no gold fact are false too (counted apart as `unaligned`)."""
    licensed: dict[int, set[str]] = {}  # id(report fact) -> conflict types the gold allows on it
    rows = {t: dict.fromkeys(COUNTS, 0) for t in CONFLICT_TYPES}
    for gf in gold["facts"]:
        kind = gf.get("conflict") and REPORT_TYPE.get(gf["conflict"]["type"], gf["conflict"]["type"])
        facts = loc.aligned(gf)
        for f in facts:
            licensed.setdefault(id(f), set()).update({kind} if kind else set())
        if kind:
            rows[kind]["gold"] += 1
            rows[kind]["found"] += any(c["type"] == kind for f in facts for c in f.get("conflicts", []))
    for f in loc.facts:
        for c in f.get("conflicts", []):
            row = rows.setdefault(c["type"], dict.fromkeys(COUNTS, 0))
            row["reported"] += 1
            row["true"] += c["type"] in licensed.get(id(f), set())
            row["unaligned"] += id(f) not in licensed
    total = {k: sum(r[k] for r in rows.values()) for k in COUNTS}
    for row in [*rows.values(), total]:
        row["recall"] = ratio(row["found"], row["gold"])
        row["precision"] = ratio(row["true"], row["reported"])
    return {"by_type": rows, "all": total}


def score_traps(gold: dict, loc: Locator) -> dict:
    """Shared gold facts that must stay quiet (agreeing wording, approximations, same-day relative dates,
    name variants): how many of those the report aligns, and on how many it raises a conflict anyway."""
    quiet = [gf for gf in gold["facts"] if gf["kind"] == "shared" and not gf.get("conflict")]
    aligned = [loc.aligned(gf) for gf in quiet]
    flagged = sum(any(f.get("conflicts") for f in facts) for facts in aligned)
    return {"gold": len(quiet), "aligned": sum(bool(facts) for facts in aligned), "flagged": flagged}


def score_single_source(gold: dict, loc: Locator) -> dict:
    singles = [gf for gf in gold["facts"] if gf["kind"] == "single"]
    found = sum(any(f.get("status") == "single-source" for f in loc.aligned(gf)) for gf in singles)
    return {"gold": len(singles), "found": found, "recall": ratio(found, len(singles))}


def shares_origin(fact: dict, articles: set[str]) -> bool:
    return any(articles <= set(o.get("articles", [])) for o in fact.get("origins", []))


def score_origins(gold: dict, loc: Locator) -> dict:
    """Gold origin groups found as one report origin; independent confirmations wrongly merged."""
    by_id = {gf["id"]: gf for gf in gold["facts"]}

    def group_found(fact_id: str, slugs) -> bool:
        gf = by_id[fact_id]
        arts = {loc.spans(gf["outlets"][s])[0] for s in slugs}
        return None not in arts and any(shares_origin(f, arts) for f in loc.aligned(gf))

    groups = [(fid, g["outlets"]) for fid, gs in gold.get("origins", {}).items() for g in gs]
    found = sum(group_found(fid, slugs) for fid, slugs in groups)
    independent = list(gold.get("independent_corroboration", {}).items())
    merged = sum(group_found(fid, list(ind["outlets"])) for fid, ind in independent)
    return {"gold": len(groups), "found": found, "recall": ratio(found, len(groups)),
            "independent": len(independent), "wrongly_merged": merged}


def score(gold: dict, report: dict) -> dict:
    loc = Locator(report)
    return {
        "clusters": score_clusters(gold, report),
        "fact_alignment": score_alignment(gold, loc),
        "conflicts": score_conflicts(gold, loc),
        "traps": score_traps(gold, loc),
        "single_source": score_single_source(gold, loc),
        "origins": score_origins(gold, loc),
    }


# ---- printing -------------------------------------------------------------------------------------

def fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.2f}"


def format_table(s: dict) -> str:
    c, a, t, ss, o = s["clusters"], s["fact_alignment"], s["traps"], s["single_source"], s["origins"]
    lines = [
        f"story clusters (B-cubed)   P {fmt(c['precision'])}  R {fmt(c['recall'])}  F1 {fmt(c['f1'])}"
        f"   ({c['matched']}/{c['files']} files in report)",
        f"fact alignment pair recall {fmt(a['pair_recall'])}   ({a['covered']}/{a['pairs']} outlet pairs)",
        "conflicts       gold found recall  reported true precision  (false on unaligned facts)",
    ]
    rows = s["conflicts"]["by_type"]
    for name, r in [*rows.items(), ("ALL", s["conflicts"]["all"])]:
        lines.append(f"  {name:<12}{r['gold']:>6}{r['found']:>6} {fmt(r['recall'])}  {r['reported']:>8}"
                     f"{r['true']:>5}     {fmt(r['precision'])}  ({r['unaligned']})")
    lines += [
        f"no-conflict facts flagged  {t['flagged']}/{t['aligned']} aligned   ({t['gold']} in gold)",
        f"single-source recall       {fmt(ss['recall'])}   ({ss['found']}/{ss['gold']} facts)",
        f"origin grouping recall     {fmt(o['recall'])}   ({o['found']}/{o['gold']} groups; "
        f"{o['wrongly_merged']}/{o['independent']} independent confirmations merged)",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip())
        return 2
    scores = score(load_json(argv[0]), load_json(argv[1]))
    print(format_table(scores))
    print(json.dumps(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
