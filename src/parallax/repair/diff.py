"""A readable coloured diff of one repaired article: raw text with each edit shown in place."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..carrier import Article


def diff_text(article: Article) -> Text:
    """Raw text where removed characters are red and struck through, inserted ones green;
    each edit is tagged with its kind so a reader can audit it."""
    out = Text()
    pos = 0
    raw = article.raw
    for e in sorted(article.edits, key=lambda e: (e.raw_start, e.raw_end)):
        out.append(raw[pos : e.raw_start])
        if e.before:
            out.append(e.before, style="red strike")
        if e.after:
            out.append(e.after, style="bold green")
        out.append(f"⟦{e.kind}⟧", style="dim cyan")
        pos = e.raw_end
    out.append(raw[pos:])
    return out


def render_diff(article: Article, console: Console) -> None:
    console.rule(f"{article.path}  ({len(article.edits)} edits)")
    console.print(diff_text(article), soft_wrap=True, highlight=False)
