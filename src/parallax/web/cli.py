"""Typer commands for the web app and exports; ``parallax.cli`` calls ``register(app)``."""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import ParallaxError, message

err = Console(stderr=True, soft_wrap=True)  # messages stay on one line (paths must not break)
LOCALHOST = ("127.0.0.1", "localhost", "::1")


def _fail(error: ParallaxError | str):
    err.print(f"[red]parallax: {escape(str(error))}[/red]")
    raise typer.Exit(1)


def serve(
    source: Path = typer.Argument(..., help="An analyze output folder, a report.json, or a store file."),
    port: int = typer.Option(8000, "--port", "-p", help="TCP port."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; anything but localhost exposes the corpus."),
):
    """Serve the web app (stories, search, story, article and entity pages, JSON API)."""
    import uvicorn

    from .app import create_app

    try:
        app = create_app(source)
    except ParallaxError as e:
        _fail(e)
    if host not in LOCALHOST:
        err.rule("[bold red]WARNING[/bold red]", style="red")
        err.print(f"[bold red]{escape(message('exposed_host', host=host, port=port))}[/bold red]")
        err.rule(style="red")
    err.print(escape(f"serving {source} on http://{'[' + host + ']' if ':' in host else host}:{port}/"))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def export(
    source: Path = typer.Argument(..., help="An analyze output folder, a report.json, or a store file."),
    fmt: str = typer.Option(..., "--format", "-f", help="csv | parquet (facts and claims tables) | jsonld (claims)."),
    out: Path = typer.Option(..., "-o", "--out", help="Folder for csv/parquet; file (or folder) for jsonld."),
):
    """Export facts and claims as CSV or Parquet, or claims as schema.org ClaimReview JSON-LD."""
    from ..report.exports import export as write_export
    from ..store import open_corpus

    try:
        with open_corpus(source) as store:
            written = write_export(store.report(), fmt, out)
    except ParallaxError as e:
        _fail(e)
    for path in written:
        err.print(escape(message("export_written", what=fmt, path=path)))


def add(
    paths: List[str] = typer.Argument(..., help="Files, folders or URLs with the new articles."),
    store_path: Path = typer.Option(..., "--store", help="The store file (created if missing)."),
    disable: List[str] = typer.Option([], "--disable", help="Switch off a repair rule by name (repeatable)."),
):
    """Add articles to a store: attach them to stories and re-analyse only the stories they touch."""
    from ..store import Store
    from ..store.incremental import add_paths

    try:
        with Store(store_path) as store:
            result = add_paths(store, paths, disable)
    except ParallaxError as e:
        _fail(e)
    for s in result.skipped:
        err.print(f"[yellow]skipped[/yellow] {escape(s['path'])}: {escape(s['reason'])}")
    if not result.added:
        _fail(message("nothing_analysed", n=len(result.skipped)))
    err.print(escape(message("add_done", added=len(result.added), touched=", ".join(result.touched) or "none",
                             kept=len(result.kept), store=store_path)))


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(export)
    app.command()(add)
