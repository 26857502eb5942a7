"""What ingest hands to repair: one decoded document with its metadata."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawDoc:
    path: str  # the input path or URL as given (with "#n" for the n-th object of a JSON/JSONL file)
    raw: str  # decoded text: the whole file for text, extracted text for HTML, the `text` field for JSON
    fmt: str  # text | markdown | html | json
    meta: dict = field(default_factory=dict)  # title, outlet, published, url, language, author, id
    # raw[prefix_end:body_start] is the header block; raw[:prefix_end] is junk before it
    prefix_end: int = 0
    body_start: int = 0


@dataclass
class Skipped:
    path: str
    reason: str

    def to_dict(self) -> dict:
        return {"path": self.path, "reason": self.reason}
