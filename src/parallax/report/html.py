"""report.html: one self-contained page (inline CSS and JS, no external requests), Jinja2 autoescaped."""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Iterator

import jinja2
from markupsafe import Markup, escape

from . import views


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parallax.report", "templates"),
        autoescape=True,  # every article string is untrusted scraped text
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(GLOBALS)
    return env


def segments_html(pieces: list[dict]) -> Markup:
    """An article's text as :func:`views.segments` cut it: anchors where marks open, a ⌫ where
    text was removed, each marked piece a span carrying its marks' classes, keys and labels.
    Built here rather than by a template loop: it is most of a large report's markup."""
    out = []
    for p in pieces:
        out.extend(f'<a class="anchor" id="{escape(key)}"></a>' for key in p["anchors"])
        out.extend(f'<span class="point edit" data-keys="{escape(m["key"])}" title="{escape(m["label"])}">⌫</span>'
                   for m in p["points"])
        text = escape(p["text"])
        out.append(f'<span class="seg{escape(p["classes"])}" data-keys="{escape(p["mark_keys"])}"'
                   f' title="{escape(p["title"])}">{text}</span>' if p["marks"] else text)
    return Markup("".join(out))


GLOBALS = {"safe_url": views.safe_url, "segments_html": segments_html}  # the report's and the web app's templates


class InPageLinks:
    """Links inside the single report page (the web app has its own, pointing at its routes)."""

    @staticmethod
    def claim(article_id: str, anchor: str) -> str:
        return f"#{anchor}"

    @staticmethod
    def article(article_id: str) -> str:
        return f"#article-{article_id}"

    @staticmethod
    def story(story_id: str) -> str:
        return f"#story-{story_id}"

    @staticmethod
    def entity(story_id: str, entity_id: str) -> str:
        return f"#entity-{story_id}-{entity_id}"


@lru_cache(maxsize=None)
def inline_asset(name: str) -> tuple[str, str]:
    """Our own CSS/JS file and its CSP hash: only these exact bytes may run or style the page, so
    anything that slipped into the markup would be blocked even if escaping ever failed."""
    text = resources.files("parallax.report").joinpath("templates", name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def report_context(data: dict, prepared: views.ReportViews | None = None) -> dict:
    v = prepared or views.report_views(data)
    return {
        "data": data,
        "stories": v.stories,
        "nav": v.nav,
        "article_views": v.article_views,
        "unplaced": v.unplaced,
        "links": InPageLinks,
        "css": inline_asset("report.css"),
        "js": inline_asset("report.js"),
    }


def html_chunks(data: dict, prepared: views.ReportViews | None = None) -> Iterator[str]:
    """report.html in pieces, as the template produces them; ``prepared``: the report's views
    when another format has built them already."""
    return environment().get_template("report.html").generate(**report_context(data, prepared))


def render_html(data: dict, prepared: views.ReportViews | None = None) -> str:
    return "".join(html_chunks(data, prepared))


def render_summary(data: dict) -> str:
    """The notebook summary (``Report._repr_html_``): one table row per story."""
    by_id = views.articles_by_id(data)
    overviews = [views.story_overview(s, by_id) for s in data.get("stories", [])]
    conflicts = [{"story": s["id"], "fact": f["id"], "summary": f.get("summary", ""),
                  "explanation": "; ".join(c.get("explanation") or c.get("type", "") for c in f["conflicts"])}
                 for s in data.get("stories", []) for f in s.get("facts", []) if f.get("conflicts")]
    return environment().get_template("summary.html").render(data=data, overviews=overviews, conflicts=conflicts)
