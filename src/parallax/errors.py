"""Every user-facing error and skip message lives here, so wording stays consistent."""
from __future__ import annotations

MESSAGES = {
    "missing_path": "no such file or folder",
    "empty": "the file is empty",
    "whitespace_only": "the file holds only whitespace",
    "binary": "the file looks binary (not text, HTML or JSON)",
    "unsupported": "unsupported file type '{ext}' (use .txt, .md, .html, .htm, .json or .jsonl)",
    "too_large": "the file is {size} bytes, over the {limit}-byte limit per input",
    "undecodable": "the bytes are not valid text in any encoding tried ({tried})",
    "bad_json": "invalid JSON: {error}",
    "json_shape": "JSON article objects need a 'text' or 'html' field ({where})",
    "no_body": "no article text left after removing the header and boilerplate",
    "html_empty": "no article text could be extracted from the HTML",
    "html_failed": "the HTML could not be parsed ({error})",
    "html_too_deep": "the HTML nests elements more than 255 levels deep; no article text could be extracted",
    "url_failed": "could not fetch the URL: {error}",
    "url_status": "the server answered HTTP {status}",
    "url_type": "unsupported content type '{ctype}'",
    "url_scheme": "only http and https URLs are fetched",
    "url_redirects": "more than {n} redirects (a redirect loop?)",
    "url_timeout": "no complete answer within {s:g} seconds",
    "url_too_large": "the response is over the {limit}-byte limit per input",
    "too_long": "the article text is {n} characters, over the {limit}-character limit per article",
    "empty_text": "the 'text' field is empty",
    "unreadable": "could not be read ({error})",
    "not_a_file": "not a regular file (a pipe, socket or device)",
    "nothing_analysed": "no article could be analysed ({n} input(s) skipped; see the reasons above)",
    "no_inputs": "no input paths given",
    "unknown_rule": "unknown repair rule(s): {names}; known rules: {known}",
    "unknown_embedder": "unknown claim embedder {name!r}; known: {known}",
    "duplicate_article": "same text as {other}: analysed once",
    "scheduler_unreachable": "could not reach the Dask scheduler at {address}: {error}",
    "bad_workers": "--workers takes a number of processes, 0 for one per core (got {n})",
    "bad_engine": "unknown engine '{name}' (use local or dask)",
    "bad_parquet": "not a readable Parquet file: {error}",
    "spill_failed": "could not write the run's working files in {folder} ({error}); set TMPDIR to a folder with more room",
    # web app, store and exports (parallax.web / parallax.store / parallax.report.exports)
    "no_story": "no story '{id}'",
    "no_article": "no article '{id}'",
    "no_entity": "no entity '{id}' in story '{story}'",
    "no_page": "no such page",
    "no_corpus": "no report or store at {path}: give an analyze output folder, a report.json or a store file",
    "not_a_store": "{path} is not a Parallax store (SQLite file) or report",
    "exposed_host": "serving on {host}: anyone who can reach this machine on port {port} can read the corpus "
    "(there is no login). Use the default 127.0.0.1 unless you mean it.",
    "export_format": "unknown export format '{fmt}' (use csv, parquet or jsonld)",
    "export_written": "wrote {what} to {path}",
    "add_done": "added {added} article(s) to {store}; re-analysed stories: {touched}; {kept} story(ies) unchanged",
}


class ParallaxError(Exception):
    """An error with a message meant for the user, never a traceback."""


class UsageError(ParallaxError):
    pass


class NothingToAnalyse(ParallaxError):
    """Carries the skipped inputs, so the command line can say why each one was."""

    def __init__(self, text: str, skipped=()):
        super().__init__(text)
        self.skipped = list(skipped)


def message(key: str, **kw) -> str:
    return MESSAGES[key].format(**kw)
