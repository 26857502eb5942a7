"""The web app: stories (with full-text search), story, article and entity pages.

Every HTML page has a JSON twin (``Accept: application/json``, a ``.json`` suffix or
``?format=json``) holding exactly the payload the page was rendered from.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import message
from ..report import views
from ..report.html import GLOBALS
from ..store import Store
from . import pages

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# the only files ever served from disk: a fixed map, so no request path can reach anything else
STATIC = {
    "report.css": ("parallax.report", "templates/report.css", "text/css"),
    "report.js": ("parallax.report", "templates/report.js", "text/javascript"),
    "web.css": ("parallax.web", "templates/web.css", "text/css"),
}
JSON_TWIN = {200: {
    "description": "The HTML page, or its `parallax.api/1` JSON twin (fields per page: docs/api.md)",
    "content": {"text/html": {}, "application/json": {"schema": {
        "type": "object", "required": ["schema", "page"],
        "properties": {"schema": {"type": "string", "enum": [pages.API_SCHEMA]},
                       "page": {"type": "string", "enum": ["stories", "story", "article", "entity"]}}}}}}}


class WebLinks:
    """Hrefs between the app's pages (ids are quoted: they come from input data)."""

    @staticmethod
    def claim(article_id: str, anchor: str) -> str:
        return f"/articles/{quote(article_id, safe='')}#{quote(anchor, safe='')}"

    @staticmethod
    def article(article_id: str) -> str:
        return f"/articles/{quote(article_id, safe='')}"

    @staticmethod
    def story(story_id: str) -> str:
        return f"/stories/{quote(story_id, safe='')}"

    @staticmethod
    def entity(story_id: str, entity_id: str) -> str:
        return f"/stories/{quote(story_id, safe='')}/entities/{quote(entity_id, safe='')}"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader("parallax.web", "templates"),
                                    jinja2.PackageLoader("parallax.report", "templates")]),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(GLOBALS, links=WebLinks)
    return env


def _accept_weights(header: str) -> dict[str, tuple[float, int]]:
    """Media type -> (q, -position) from an Accept header, so the higher tuple wins."""
    weights = {}
    for position, item in enumerate(header.split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        q = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            weights.setdefault(media.lower(), (float(q), -position))
        except ValueError:
            continue
    return weights


def wants_json(request: Request, suffix: bool) -> bool:
    """JSON for a ``.json`` suffix, ``?format=json``, or an Accept header preferring JSON to HTML."""
    if suffix or request.query_params.get("format") == "json":
        return True
    weights = _accept_weights(request.headers.get("accept", ""))
    json_w = weights.get("application/json", (0.0, 0))
    html_w = weights.get("text/html", weights.get("*/*", (0.0, 0)))
    return json_w[0] > 0 and json_w > html_w


def _respond(payload: dict, template: str, as_json: bool, **extra) -> Response:
    if as_json:
        return JSONResponse(payload)
    html = environment().get_template(template).render(page=payload, **extra)
    return HTMLResponse(html)


def create_app(source: str | Path | Store) -> FastAPI:
    corpus = pages.Corpus(source)
    app = FastAPI(title="Parallax", version=pages.API_SCHEMA, docs_url=None, redoc_url=None,
                  description="Claim-level comparison of news outlets. Every page answers with its "
                              "`parallax.api/1` JSON twin; see docs/api.md.")
    app.state.corpus = corpus

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        corpus.refresh()
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, message("no_page") if exc.status_code == 404 else str(exc.detail))

    @app.exception_handler(pages.NotFound)
    async def missing(request: Request, exc: pages.NotFound):
        return _error(request, 404, str(exc))

    def _error(request: Request, status: int, text: str) -> Response:
        payload = {"schema": pages.API_SCHEMA, "page": "error", "status": status, "error": text}
        if wants_json(request, request.url.path.endswith(".json")):
            return JSONResponse(payload, status_code=status)
        html = environment().get_template("error.html").render(page=payload)
        return HTMLResponse(html, status_code=status)

    # .json routes first: "/stories/{id}" would otherwise swallow "s1.json"
    @app.get("/stories.json", include_in_schema=False)
    def stories_json(q: str = ""):
        return JSONResponse(pages.stories_page(corpus, q))

    @app.get("/", responses=JSON_TWIN, response_class=HTMLResponse, summary="Stories, with full-text search")
    @app.get("/stories", responses=JSON_TWIN, response_class=HTMLResponse, include_in_schema=False)
    def stories(request: Request, q: str = "", format: str = "html"):
        return _respond(pages.stories_page(corpus, q), "stories.html", wants_json(request, False))

    @app.get("/stories/{story_id}.json", include_in_schema=False)
    def story_json(story_id: str):
        return JSONResponse(pages.story_page(corpus, story_id))

    @app.get("/stories/{story_id}", responses=JSON_TWIN, response_class=HTMLResponse,
             summary="One story: fact matrix, conflicts, timeline, framing, entities")
    def story(request: Request, story_id: str, format: str = "html"):
        return _respond(pages.story_page(corpus, story_id), "story.html", wants_json(request, False))

    @app.get("/articles/{article_id}.json", include_in_schema=False)
    def article_json(article_id: str):
        return JSONResponse(pages.article_page(corpus, article_id))

    @app.get("/articles/{article_id}", responses=JSON_TWIN, response_class=HTMLResponse,
             summary="One article: text with claims, entities, dates and repairs highlighted; the repairs")
    def article(request: Request, article_id: str, format: str = "html"):
        payload = pages.article_page(corpus, article_id)
        return _respond(payload, "article.html", wants_json(request, False),
                        segments=views.segments(payload["article"].get("text", ""), payload["highlights"]))

    @app.get("/stories/{story_id}/entities/{entity_id}.json", include_in_schema=False)
    def entity_json(story_id: str, entity_id: str):
        return JSONResponse(pages.entity_page(corpus, story_id, entity_id))

    @app.get("/stories/{story_id}/entities/{entity_id}", responses=JSON_TWIN, response_class=HTMLResponse,
             summary="One entity: its names and every mention in context")
    def entity(request: Request, story_id: str, entity_id: str, format: str = "html"):
        payload = pages.entity_page(corpus, story_id, entity_id)
        return _respond(payload, "entity.html", wants_json(request, False))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str):
        if name not in STATIC:
            raise StarletteHTTPException(404)
        package, path, media = STATIC[name]
        body = resources.files(package).joinpath(path).read_bytes()
        return Response(body, media_type=media, headers={"Cache-Control": "max-age=300"})

    return app
