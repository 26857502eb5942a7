"""report.md: the same content as report.html, in Markdown (scraped text escaped so it stays text)."""
from __future__ import annotations

import re
from typing import Iterator

from . import views

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def esc(text) -> str:
    """Backslash-escape Markdown and inline-HTML syntax; flatten newlines (for table cells and lists)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text if text is not None else "").split()))


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines + [""]


def _claim_cell(claims: list[dict]) -> str:
    parts = []
    for c in claims:
        meta = [esc(c["speaker"])] if c["speaker"] else []
        if c["kind"] != "none":
            meta.append(c["kind"])
        if c["hedge"]:
            meta.append(f"hedge: {esc(c['hedge'])}")
        if c["polarity"] == "denied":
            meta.append("denied")
        parts.append(f"“{esc(c['text'])}”" + (f" ({', '.join(meta)})" if meta else ""))
    return "<br>".join(parts) or "—"


def _conflict_lines(conflict: dict) -> list[str]:
    values = "; ".join(f"{esc(v['who'])}: **{esc(v['value'])}**" for v in conflict["values"])
    text = f"**{esc(conflict['type'])} conflict**"
    if conflict["explanation"]:
        text += f": {esc(conflict['explanation'])}"
    return [f"- {text} ({values})"]


def _story(view: dict) -> list[str]:
    o, m = view["overview"], view["matrix"]
    lines = [f"## {esc(o['id'])} · {esc(o['title'])}", "",
             f"- Outlets: {esc(', '.join(o['outlets'])) or '—'}",
             f"- Dates: {esc(', '.join(o['dates'])) or 'unknown'}",
             f"- Articles: {len(o['articles'])}; facts: {o['facts']}; conflicts: {o['conflicts']}; "
             f"single-source: {o['single_source']}", "", "### Fact matrix", ""]
    if m["rows"]:
        rows = [[f"**{esc(r['id'])}** ({r['status']}, {r['independent_sources']} independent) {esc(r['summary'])}"]
                + [_claim_cell(cell) for cell in r["cells"]] for r in m["rows"]]
        lines += _table(["Fact"] + [esc(o) for o in m["outlets"]], rows)
    else:
        lines += ["No facts were aligned for this story.", ""]
    conflicts = [r for r in m["rows"] if r["conflicts"]]
    lines += ["### Conflicts", ""]
    for r in conflicts:
        lines.append(f"**{esc(r['id'])}** {esc(r['summary'])}")
        lines.append("")
        for c in r["conflicts"]:
            lines += _conflict_lines(c)
        lines.append("")
    if not conflicts:
        lines += ["No conflicts.", ""]
    lines += ["### Timeline", ""]
    lines += [f"- **{esc(e.get('date') or 'undated')}** {esc(e['outlet'])}: {esc(e.get('text', ''))}"
              for e in view["timeline"]] or ["No dated events."]
    lines += ["", "### Framing", ""]
    f = view["framing"]
    if f["rows"]:
        lines += _table(["Referent"] + [esc(o) for o in f["outlets"]],
                        [[esc(r["referent"])] + [esc(", ".join(t)) or "—" for t in r["cells"]] for r in f["rows"]])
    else:
        lines += ["No framing differences found.", ""]
    lines += ["### Entities", ""]
    if view["entities"]:
        lines += _table(["Entity", "Type", "Also written", "Mentions", "Outlets"],
                        [[esc(e.get("name")), esc(e.get("type")), esc(", ".join(e["aliases"])),
                          str(e["mention_count"]), esc(", ".join(e["outlets"]))] for e in view["entities"]])
    else:
        lines += ["No entities.", ""]
    return lines


def _bold(text: str) -> str:
    """Bold each line's words, keeping surrounding whitespace outside the ``**`` (CommonMark needs that)."""
    def one(line: str) -> str:
        core = line.strip()
        return line.replace(core, f"**{core}**", 1) if core else line
    return "\n".join(one(line) for line in text.split("\n"))


def _marked_text(av: dict) -> str:
    """The article text as a blockquote, claim words in bold."""
    out = []
    for p in views.segments(av["article"].get("text", ""), av["claims"]):
        text = _SPECIAL.sub(r"\\\1", p["text"])
        out.append(_bold(text) if p["marks"] else text)
    paragraphs = "".join(out).split("\n")
    return "\n".join("> " + line if line.strip() else ">" for line in paragraphs)


def _article(av: dict) -> list[str]:
    a = av["article"]
    lines = [f"### {esc(a.get('title') or a['id'])} ({esc(a['id'])})", "",
             f"{esc(av['outlet'])} · {esc(a.get('published') or 'date unknown')} · {esc(a.get('url') or '')} · "
             f"`{a.get('path', '').replace('`', '')}`", "",
             f"Claims (bold): {av['counts']['claim']} · entity mentions: {av['counts']['entity']} · "
             f"repairs: {av['counts']['edit']}", "", _marked_text(av), ""]
    if av["edits"]:
        lines += ["What repair changed:", ""]
        lines += _table(["Repair", "Rule", "Raw offsets", "Before", "After"],
                        [[esc(e.get("kind")), esc(e.get("rule", "")), f"{e.get('raw_start')}–{e.get('raw_end')}",
                          f"~~{esc(e.get('before'))}~~" if str(e.get("before", "")).strip() else "(whitespace)",
                          esc(e.get("after")) or "*removed*"] for e in av["edits"]])
    return lines


def _lines(data: dict, v: views.ReportViews) -> Iterator[list[str]]:
    """The report's lines, a story (with its articles) at a time."""
    yield ["# Parallax report", "",
           f"{len(data.get('articles', []))} articles · {len(data.get('stories', []))} stories · "
           f"generated {esc(data.get('generated', ''))}", ""]
    for sv in v.stories:
        yield _story(sv) + ["### Articles", ""]
        for aid in sv["story"].get("articles", []):
            if aid in v.article_views:
                yield _article(v.article_views.view(aid, segmented=False))
    if data.get("skipped"):
        yield ["## Skipped inputs", ""] + [f"- `{s.get('path', '').replace('`', '')}`: {esc(s.get('reason'))}"
                                           for s in data["skipped"]]


def markdown_chunks(data: dict, prepared: views.ReportViews | None = None) -> Iterator[str]:
    """report.md in pieces: the lines joined by newlines, trailing whitespace cut, one final
    newline. ``prepared``: the report's views when another format has built them already."""
    pending, first = "", True
    for lines in _lines(data, prepared or views.report_views(data)):  # every group has lines
        text = pending + ("" if first else "\n") + "\n".join(lines)
        first = False
        body = text.rstrip()
        if body:  # trailing whitespace waits: it is cut if nothing follows it
            yield body
        pending = text[len(body):]
    yield "\n"


def render_markdown(data: dict, prepared: views.ReportViews | None = None) -> str:
    return "".join(markdown_chunks(data, prepared))
