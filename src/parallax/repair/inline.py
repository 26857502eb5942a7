"""The in-line rules applied to a short string such as a header title, so that a title can be
compared with (and shown like) the repaired body."""
from __future__ import annotations

from ..carrier import EditableText
from .registry import RULES, RepairContext

INLINE_RULES = ("mojibake", "html_entities", "entity_residue", "profanity_filter")


def repair_title(title: str, ctx: RepairContext) -> str:
    """``title`` with the encoding and profanity-filter repairs the body gets."""
    et = EditableText(title)
    for name in INLINE_RULES:
        et.apply(RULES[name].fn(et.text, ctx))
    return et.text
