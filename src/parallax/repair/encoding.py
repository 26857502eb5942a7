"""Encoding damage: mojibake (UTF-8 read as Windows-1252), HTML entities and the bare numbers
that entities leave behind when a scraper strips ``&#`` and ``;`` (``regime39s``)."""
from __future__ import annotations

import html
import os
import re
from difflib import SequenceMatcher

import ftfy

from ..carrier import Change
from .registry import RepairContext, rule
from .textlines import lines

ENTITY = re.compile(r"&(?:amp;)*(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# an apostrophe entity (&#39; &#8217; &#146;) survives as its bare number, with or without "#" and
# ";", between a word and its clitic: regime39s, We39re, don#39;t, council8217s
BARE_APOSTROPHE = re.compile(r"(?<=[^\W\d_]{2})#?(?:39|8217|146);?(?=(?:s|re|t|ll|ve|d|m)\b)")
# ... or as a lone ``39 `` where an opening quote stood before a name: "airport. 39 Simón Bolívar"
# "”" is E2 80 9D; Windows-1252 has no character 0x9D, so scrapes often lose it and leave a bare
# "â€" that ftfy would read as "†" (E2 80 A0) when a space follows
DANGLING_RDQUO = re.compile(r"â€(?=[\s,.;:!?)\]]|$)")
BARE_QUOTE = re.compile(r"(?<=[.!?] )39 (?=([^\W\d_]+) ([^\W\d_]+))")


RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
LONG_LINE = 2000  # characters; a character diff is quadratic: minutes for a one-line 40 KB scrape


def diff_changes(old: str, new: str, offset: int, kind: str, rule_name: str) -> list[Change]:
    """The smallest replacements turning ``old`` into ``new``, shifted by ``offset``.

    Long lines are diffed run by run: encoding repairs rewrite non-ASCII runs and keep the ASCII
    between them (when the runs do not pair up, one replacement covers the difference)."""
    if len(old) <= LONG_LINE:
        return _diff_chars(old, new, offset, kind, rule_name)
    a, b = RUNS.findall(old), RUNS.findall(new)
    if len(a) != len(b) or any(x != y for x, y in zip(a, b) if x.isascii() or y.isascii()):
        return [_replace_middle(old, new, offset, kind, rule_name)]
    out, pos = [], offset
    for x, y in zip(a, b):
        if x != y:
            out += _diff_chars(x, y, pos, kind, rule_name)
        pos += len(x)
    return out


def _diff_chars(old: str, new: str, offset: int, kind: str, rule_name: str) -> list[Change]:
    if len(old) > LONG_LINE:
        return [_replace_middle(old, new, offset, kind, rule_name)]
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return [Change(offset + i1, offset + i2, new[j1:j2], kind, rule_name) for op, i1, i2, j1, j2 in ops if op != "equal"]


def _replace_middle(old: str, new: str, offset: int, kind: str, rule_name: str) -> Change:
    start = len(os.path.commonprefix([old, new]))
    tail = len(os.path.commonprefix([old[start:][::-1], new[start:][::-1]]))
    return Change(offset + start, offset + len(old) - tail, new[start:len(new) - tail], kind, rule_name)


@rule("mojibake", kind="mojibake", order=10)
def fix_mojibake(text: str, ctx: RepairContext) -> list[Change]:
    """Undo UTF-8 text decoded as Windows-1252 or Latin-1 (â€™ -> ’, Ã¼ -> ü), line by line with ftfy."""
    out: list[Change] = []
    for ln in lines(text):
        if ln.text.isascii():
            continue
        fixed = ftfy.fix_encoding(DANGLING_RDQUO.sub("â€\x9d", ln.text))
        if fixed != ln.text:
            out += diff_changes(ln.text, fixed, ln.start, "mojibake", "mojibake")
    return out


@rule("html_entities", kind="entity", order=11)
def fix_entities(text: str, ctx: RepairContext) -> list[Change]:
    """Decode HTML entities left in the text (&amp; &#39; &quot;, also double-escaped &amp;#39;)."""
    out = []
    for m in ENTITY.finditer(text):
        value = m.group()
        while "&" in value and html.unescape(value) != value:
            value = html.unescape(value)
        value = value.replace("\xa0", " ")
        if value != m.group():
            out.append(Change(m.start(), m.end(), value, "entity", "html_entities"))
    return out


@rule("entity_residue", kind="entity", order=12)
def fix_entity_residue(text: str, ctx: RepairContext) -> list[Change]:
    """Restore apostrophes whose entity lost everything but its number (regime39s -> regime's).

    A real 39 ("aged 39", "39 banks") is never glued to a word, nor followed by a two-word name."""
    out = [Change(m.start(), m.end(), "'", "entity", "entity_residue") for m in BARE_APOSTROPHE.finditer(text)]
    for m in BARE_QUOTE.finditer(text):
        if m.group(1).istitle() and m.group(2).istitle():
            out.append(Change(m.start(), m.end(), "", "entity", "entity_residue", "stray quote entity"))
    return out
