"""Repair over the development set, checked against its gold artifacts and must_not_change words.

    python benchmarks/devset_repair.py [DEVSET_DIR]

Header blocks are removed as ingest does; the figures cover the body (header-only artifacts are
ingest's). Prints one line per failed check and the totals."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from parallax.carrier import Change, EditableText, apply_edits
from parallax.ingest.header import parse_header
from parallax.repair import build_context, context_for, repair

REMOVALS = {"donation_widget", "newsletter_widget", "share_widget", "click_to_see", "photo_credit", "duplicate_headline", "duplicate_caption"}


def body_carrier(raw: str) -> tuple[EditableText, dict]:
    meta, prefix_end, body_start = parse_header(raw)
    et = EditableText(raw)
    et.apply([Change(0, body_start, "", "header", "header_block")])
    return et, meta


def clean_body(raw: str, artifacts: list[dict]) -> str:
    for a in artifacts:
        raw = raw.replace(a["raw"], a["repair"])
    return raw[parse_header(raw)[2]:]


def token_count(text: str, word: str) -> int:
    return len(re.findall(rf"(?<![\w&#]){re.escape(word)}(?!\w)", text))


def main(devset: Path) -> None:
    gold = json.loads((devset / "gold.json").read_text())
    files = sorted((devset / "articles").glob("*.txt"))
    raws = {f.name: f.read_text(encoding="utf-8") for f in files}
    carriers = {name: body_carrier(raw) for name, raw in raws.items()}
    stats = build_context([(m.get("outlet", ""), et.text, m.get("title")) for et, m in carriers.values()])
    for et, meta in carriers.values():
        repair(et, context_for(stats, meta.get("outlet", ""), meta.get("title")))
        assert apply_edits(et.raw, et.edits()) == et.text
    by_file: dict[str, list[dict]] = {}
    for a in gold["artifacts"]:
        by_file.setdefault(a["file"], []).append(a)
    ok = total = 0
    for a in gold["artifacts"]:
        if a["position"] == "header":
            continue
        text = carriers[a["file"]][0].text
        clean = clean_body(raws[a["file"]], by_file[a["file"]])
        if a["type"] in REMOVALS:
            fixed = all(text.splitlines().count(ln) <= clean.splitlines().count(ln) for ln in a["raw"].splitlines() if ln.strip())
        else:
            fixed = (a["raw"] not in text or a["raw"] in clean) and a["repair"] in text
        total += 1
        ok += fixed
        if not fixed:
            print("MISSED", a["file"], a["type"], repr(a["raw"][:60]))
    # counted in the body only: a word in the header block is ingest's
    kept = sum(
        token_count(carriers[m["file"]][0].text, m["word"]) >= token_count(raws[m["file"]][parse_header(raws[m["file"]])[2]:], m["word"])
        for m in gold["must_not_change"]
    )
    exact = sum(" ".join(et.text.split()) == " ".join(clean_body(raws[n], by_file.get(n, [])).split()) for n, (et, _) in carriers.items())
    print(f"body artifacts fixed: {ok}/{total}")
    print(f"must_not_change intact: {kept}/{len(gold['must_not_change'])}")
    print(f"files equal to the gold clean body (spacing ignored): {exact}/{len(carriers)}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devset"))
