"""``Report``: the Python face of a ``parallax.report/1`` dict (see the report contract)."""
from __future__ import annotations

import json
from pathlib import Path

from .files import write_atomic
from .html import render_html
from .markdown import render_markdown
from .views import report_views
from .tables import claim_rows, fact_rows, iter_facts

SCHEMA = "parallax.report/1"


class Report:
    """Wraps a report dict; the dict stays the single source of truth (``.data``)."""

    def __init__(self, data: dict):
        if not isinstance(data, dict):
            raise TypeError("Report expects the report dict (parsed report.json)")
        self.data = data

    @classmethod
    def load(cls, path: str | Path) -> "Report":
        """Load ``report.json``, or the folder holding it."""
        path = Path(path)
        if path.is_dir():
            path = path / "report.json"
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @property
    def stories(self) -> list[dict]:
        return self.data.get("stories", [])

    @property
    def articles(self) -> list[dict]:
        return self.data.get("articles", [])

    @property
    def facts(self) -> list[dict]:
        """Every fact, each a shallow copy carrying its ``story`` id."""
        return [{**fact, "story": story["id"]} for story, fact in iter_facts(self.data)]

    def article(self, article_id: str) -> dict | None:
        return next((a for a in self.articles if a["id"] == article_id), None)

    def story(self, story_id: str) -> dict | None:
        return next((s for s in self.stories if s["id"] == story_id), None)

    def to_pandas(self, level: str = "claims"):
        """A DataFrame with one row per claim (``level="claims"``) or per fact (``"facts"``)."""
        import pandas as pd

        rows = {"claims": claim_rows, "facts": fact_rows}[level](self.data)
        return pd.DataFrame(rows)

    def to_json(self) -> str:
        """The report as JSON with one article, story or skipped input per line: readable and
        diffable, and written by the C encoder (an indented dump runs in pure Python, several
        times slower on large reports)."""
        def dump(value) -> str:
            return json.dumps(value, ensure_ascii=False)

        fields = []
        for key, value in self.data.items():
            if isinstance(value, list) and value:
                fields.append(f"  {dump(key)}: [\n    " + ",\n    ".join(map(dump, value)) + "\n  ]")
            else:
                fields.append(f"  {dump(key)}: {dump(value)}")
        return "{\n" + ",\n".join(fields) + "\n}"

    def to_html(self) -> str:
        return render_html(self.data)

    def to_markdown(self) -> str:
        return render_markdown(self.data)

    def write(self, outdir: str | Path) -> Path:
        """Write report.json, report.html and report.md into ``outdir`` (each atomically); return outdir."""
        outdir = Path(outdir)
        prepared = report_views(self.data)  # shared by the HTML and the Markdown
        write_atomic(outdir / "report.json", self.to_json() + "\n")
        write_atomic(outdir / "report.html", render_html(self.data, prepared))
        write_atomic(outdir / "report.md", render_markdown(self.data, prepared))
        return outdir

    def _repr_html_(self) -> str:
        from .html import render_summary

        return render_summary(self.data)

    def __repr__(self) -> str:
        facts = self.facts
        conflicts = sum(f.get("status") == "conflict" for f in facts)
        return (f"<Report {len(self.articles)} articles, {len(self.stories)} stories, "
                f"{len(facts)} facts, {conflicts} conflicts>")
