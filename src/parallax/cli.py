"""The command line: a thin layer over the Python API."""
from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import ParallaxError, message

app = typer.Typer(
    help="Parallax: how one news story looks from different outlets, claim by claim.\n\n"
    "Analyse a pile of articles (text, HTML, JSON/JSONL, folders, URLs) into stories, aligned facts, "
    "conflicts, single-source facts, origins and framing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)  # one message, one line, whatever the terminal width
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"  # the repo's bundled corpus


def _version(value: bool):
    if value:
        typer.echo(f"parallax {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit.")):
    pass


def print_skipped(skipped: list[dict]):
    for s in skipped:
        err.print(f"[yellow]skipped[/yellow] {escape(s['path'])}: {escape(s['reason'])}")  # names may hold [markup]


def run_analysis(paths: list[str], outdir: Path, disable: list[str], quiet: bool = False, workers: int = 1,
                 engine: str = "local", scheduler: Optional[str] = None, claim_vectors: str = "static") -> Path:
    from .embed import missing_files
    from .engine import make_engine
    from .pipeline import analyze
    from .report.tables import iter_facts

    for path in missing_files():
        err.print(f"preparing {path} from the packaged model, once per machine (up to 30 s)")
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int):
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        try:
            with make_engine(engine, workers, scheduler) as runner:
                report = analyze(paths, disabled_rules=disable, claim_vectors=claim_vectors, progress=progress, engine=runner,
                                 stories_on_disk=True)  # written once, then dropped: never the whole report in memory
        except ParallaxError as e:
            print_skipped([s.to_dict() for s in getattr(e, "skipped", [])])
            err.print(f"[red]parallax: {escape(str(e))}[/red]")
            raise typer.Exit(1)
    print_skipped(report.data["skipped"])
    report.write(outdir)
    n_art, n_st = len(report.data["articles"]), len(report.data["stories"])
    statuses = [f["status"] for _, f in iter_facts(report.data)]
    err.print(f"analysed {n_art} article(s) into {n_st} story(ies), {len(statuses)} facts, "
              f"{statuses.count('conflict')} with conflicts")
    return outdir


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files, folders (read recursively) or http(s) URLs."),
    out: Path = typer.Option(..., "-o", "--out", help="Folder for report.json, report.html and report.md."),
    disable: List[str] = typer.Option([], "--disable", help="Switch off a repair rule by name (repeatable)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes, each loading the models once "
                                "(default: the machine's cores; 1 runs everything in this process)."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes on this machine) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                                            "(with --engine dask; default: start a LocalCluster of --workers workers)."),
    claim_vectors: str = typer.Option("static", "--claim-vectors", help="How claims are embedded for alignment: "
                                      "static (distilled word-piece vectors, fast) or minilm (the full model over "
                                      "every claim, several times slower; thresholds are tuned for static)."),
):
    """Analyse articles and write report.json, report.html and report.md to OUT."""
    if workers < 0:
        raise typer.BadParameter(message("bad_workers", n=workers), param_hint="--workers")
    if engine not in ("local", "dask"):
        raise typer.BadParameter(message("bad_engine", name=engine), param_hint="--engine")
    from .embed import CLAIM_EMBEDDERS

    if claim_vectors not in CLAIM_EMBEDDERS:
        raise typer.BadParameter(message("unknown_embedder", name=claim_vectors, known=", ".join(CLAIM_EMBEDDERS)),
                                 param_hint="--claim-vectors")
    outdir = run_analysis(paths, out, disable, quiet, workers, engine, scheduler, claim_vectors)
    typer.echo(str(outdir / "report.html"))


@app.command()
def repair(
    file: str = typer.Argument(..., help="One article file (or URL)."),
    as_json: bool = typer.Option(False, "--json", help='Print {"text": ..., "edits": [...]} as JSON.'),
    diff: bool = typer.Option(False, "--diff", help="Show a coloured diff of raw and repaired text."),
    disable: List[str] = typer.Option([], "--disable", help="Switch off a repair rule by name (repeatable)."),
):
    """Repair one article's scraping damage and show the edits."""
    from .ingest import load
    from .pipeline import Options, prepare_docs

    docs, skipped = load([file])
    try:
        if skipped:
            raise ParallaxError(f"{skipped[0].path}: {skipped[0].reason}")
        articles, dropped = prepare_docs(docs, Options(disabled_rules=frozenset(disable)))
        if not articles:
            raise ParallaxError(f"{dropped[0].path}: {dropped[0].reason}")
    except ParallaxError as e:
        err.print(f"[red]parallax: {e}[/red]")
        raise typer.Exit(1)
    if as_json:
        out = [{"text": a.text, "edits": [e.to_dict() for e in a.edits], "path": a.path,
                "title": a.title, "outlet": a.outlet, "published": a.published} for a in articles]
        typer.echo(json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False, indent=2))
    elif diff:
        from .repair.diff import render_diff

        for a in articles:
            render_diff(a, Console())
    else:
        for a in articles:
            typer.echo(a.text)


@app.command()
def demo(out: Path = typer.Option(Path("out/demo"), "-o", "--out", help="Where to write the demo report.")):
    """Analyse the bundled example corpus and print where the report is."""
    outdir = run_analysis([str(EXAMPLES)], out, [])
    typer.echo(f"Report: {(outdir / 'report.html').resolve()}")
    typer.echo(f"Open the web app: {shlex.quote(sys.argv[0]) if sys.argv[0].endswith('parallax') else 'parallax'} serve {outdir}")


def _register_extensions():
    try:
        from .web.cli import register
    except ImportError:
        return
    register(app)


_register_extensions()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
