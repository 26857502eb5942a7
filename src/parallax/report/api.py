"""``Report``: the Python face of a ``parallax.report/1`` dict (see the report contract)."""
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Iterator, Sequence

from .files import write_atomic
from .html import html_chunks, render_html
from .markdown import markdown_chunks, render_markdown
from .tables import claim_rows, fact_rows, iter_facts
from .views import report_views

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
        return "".join(self.json_chunks())

    def json_chunks(self) -> Iterator[str]:
        """:meth:`to_json` in pieces, an article or story at a time."""
        def dump(value) -> str:
            return json.dumps(value, ensure_ascii=False)

        yield "{\n"
        for k, (key, value) in enumerate(self.data.items()):
            yield ",\n" if k else ""
            if isinstance(value, Sequence) and not isinstance(value, str) and value:  # a list, or stories on disk
                yield f"  {dump(key)}: [\n    "
                for i, item in enumerate(value):
                    yield (",\n    " if i else "") + dump(item)
                yield "\n  ]"
            else:
                yield f"  {dump(key)}: {dump(value)}"
        yield "\n}"

    def to_html(self) -> str:
        return render_html(self.data)

    def to_markdown(self) -> str:
        return render_markdown(self.data)

    def write(self, outdir: str | Path) -> Path:
        """Write report.json, report.html and report.md into ``outdir`` (each atomically); return outdir."""
        outdir = Path(outdir)
        # written in pieces, so a large corpus's report is never held whole as text
        prepared = report_views(self.data)  # story and article views built as each format reaches them
        write_atomic(outdir / "report.json", itertools.chain(self.json_chunks(), ["\n"]))
        write_atomic(outdir / "report.html", html_chunks(self.data, prepared))
        write_atomic(outdir / "report.md", markdown_chunks(self.data, prepared))
        return outdir

    def _repr_html_(self) -> str:
        from .html import render_summary

        return render_summary(self.data)

    def __repr__(self) -> str:
        statuses = [f.get("status") for _, f in iter_facts(self.data)]
        return (f"<Report {len(self.articles)} articles, {len(self.stories)} stories, "
                f"{len(statuses)} facts, {statuses.count('conflict')} conflicts>")
