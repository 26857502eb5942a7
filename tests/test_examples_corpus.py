"""The bundled example corpus and its gold (examples/gold.json) agree with each other.

Pure file checks: the pipeline's results on this corpus are tested elsewhere. A gold
"document key" is a file name, or ``name.jsonl#N`` for the article on line N (0-based, as
the ingest layer names it) of a JSON-lines file.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
GOLD = json.loads((CORPUS.parent / "gold.json").read_text(encoding="utf-8"))
CONFLICT_TYPES = {"number", "date", "title", "place", "purpose", "denial", "attribution"}
HEADER_KEYS = ("Title", "Outlet", "Published", "URL")


def _jsonl_objects(name: str) -> list[dict]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _article_html(page: str) -> str:
    """The article's paragraphs, as a reader sees them (tags dropped, entities decoded)."""
    article = re.search(r"<article\b.*?</article>", page, re.S).group(0)
    paragraphs = re.findall(r"<p\b[^>]*>(.*?)</p>", article, re.S)
    return "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in paragraphs)


def document_keys() -> list[str]:
    keys = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix == ".jsonl":
            keys += [f"{path.name}#{i}" for i in range(len(_jsonl_objects(path.name)))]
        else:
            keys.append(path.name)
    return keys


def raw_text(key: str) -> str:
    """The text the artifacts are quoted from: the file, or one JSON-lines object's text."""
    name, _, line = key.partition("#")
    if line:
        return _jsonl_objects(name)[int(line)]["text"]
    return (CORPUS / name).read_text(encoding="utf-8")


def clean_text(key: str) -> str:
    """The raw text with the gold artifact repairs applied in the listed order."""
    if key.endswith(".html"):
        return _article_html(raw_text(key))
    text = raw_text(key)
    for a in GOLD["artifacts"]:
        if a["file"] == key:
            text = text.replace(a["raw"], a["repair"])
    return text


def body(key: str) -> str:
    """The clean article body, without a header block or front matter."""
    text = clean_text(key)
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1]
    if text.startswith("Title:"):
        return text.split("\n\n", 1)[1]
    return text


def outlet_slug(key: str) -> str:
    return key.partition("#")[0].split("__", 1)[1].rsplit(".", 1)[0]


def token_count(text: str, word: str) -> int:
    """How often ``word`` stands as a token: not inside a longer word, not part of ``&#...``."""
    return len(re.findall(rf"(?<![\w&#]){re.escape(word)}(?!\w)", text))


ALL_KEYS = document_keys()
STORY_KEYS = [k for files in GOLD["stories"].values() for k in files]


def test_every_document_is_in_exactly_one_story_or_a_distractor():
    listed = Counter(STORY_KEYS + GOLD["distractors"])
    assert sorted(listed) == sorted(ALL_KEYS)
    assert max(listed.values()) == 1


def test_corpus_shape():
    assert len(GOLD["stories"]) >= 4
    for story, files in GOLD["stories"].items():
        outlets = {outlet_slug(k) for k in files}
        assert len(files) == len(outlets) and 3 <= len(outlets) <= 4, story
    assert len(GOLD["distractors"]) >= 2
    assert 16 <= len(ALL_KEYS) <= 20
    suffixes = Counter(Path(k.partition("#")[0]).suffix for k in ALL_KEYS)
    assert suffixes[".txt"] > len(ALL_KEYS) / 2
    assert suffixes[".md"] >= 1 and suffixes[".html"] >= 1 and suffixes[".jsonl"] == 2


@pytest.mark.parametrize("key", ALL_KEYS)
def test_article_length(key):
    assert 250 <= len(body(key).split()) <= 500


@pytest.mark.parametrize("key", [k for k in ALL_KEYS if k.endswith(".txt")])
def test_text_header_block(key):
    text = clean_text(key)
    if key in GOLD["no_metadata"]:
        assert not re.search(r"^(Title|Outlet|Published|URL):", text, re.M)
        return
    header = dict(line.split(": ", 1) for line in text.split("\n\n", 1)[0].splitlines())
    assert set(HEADER_KEYS) <= header.keys()
    dt.date.fromisoformat(header["Published"])
    assert re.match(r"https://[\w.-]+\.example/", header["URL"])


def test_junk_stands_before_the_title_in_some_raw_files():
    junk_first = [k for k in ALL_KEYS if k.endswith(".txt") and not raw_text(k).startswith("Title:")
                  and re.search(r"^Title:", raw_text(k), re.M)]
    assert len(junk_first) >= 2


def test_other_formats_carry_metadata():
    md = [k for k in ALL_KEYS if k.endswith(".md")]
    for key in md:
        front = yaml.safe_load(raw_text(key).split("---\n")[1])
        assert {"title", "outlet", "published", "url"} <= {k.lower() for k in front}
    for key in ALL_KEYS:
        if "#" in key:
            name, _, line = key.partition("#")
            obj = _jsonl_objects(name)[int(line)]
            assert {"text", "title", "outlet", "published", "url"} <= obj.keys()
    for key in [k for k in ALL_KEYS if k.endswith(".html")]:
        page = raw_text(key)
        assert "<script" in page and "<nav" in page and "<footer" in page


def test_artifacts_occur_as_quoted():
    for a in GOLD["artifacts"]:
        assert a["file"] in ALL_KEYS, a
        assert raw_text(a["file"]).count(a["raw"]) == a["count"] >= 1, a
        assert a["position"] in {"header", "body", "header+body"}, a


def test_no_artifact_residue_after_repairs():
    for key in ALL_KEYS:
        text = clean_text(key)
        assert not re.search(r"â€|Ã.|&#\d+;|&amp;|[a-z]39[a-z]|Click to see", text), key


def test_profanity_residue_is_gone_but_real_bad_words_stay():
    filtered = {a["file"] for a in GOLD["artifacts"] if a["type"] == "profanity_filter"}
    real = {(m["file"], m["word"]) for m in GOLD["must_not_change"]}
    for key in filtered:
        leftovers = set(re.findall(r"\w*bad\w*", clean_text(key), re.I))
        assert leftovers <= {w for f, w in real if f == key}, (key, leftovers)


def test_must_not_change_words_are_intact():
    assert any(m["word"] == "39" for m in GOLD["must_not_change"])
    for m in GOLD["must_not_change"]:
        assert token_count(raw_text(m["file"]), m["word"]) == m["count"], m
        assert token_count(clean_text(m["file"]), m["word"]) == m["count"], m


def test_artifact_types_cover_the_planted_damage():
    types = {a["type"] for a in GOLD["artifacts"]}
    assert {"profanity_filter", "mojibake", "html_entity", "html_entity_bare_number", "share_widget",
            "newsletter_widget", "donation_widget", "click_to_see", "photo_credit", "duplicate_headline",
            "duplicate_caption", "broken_name"} <= types


def test_fact_sentences_occur_in_the_clean_texts():
    for f in GOLD["facts"]:
        assert f["story"] in GOLD["stories"]
        for key, sentence in f["outlets"].items():
            assert key in GOLD["stories"][f["story"]], (f["claim"], key)
            assert sentence in clean_text(key), (key, sentence)


def test_conflicts_are_well_formed_and_cover_every_type():
    seen = set()
    for f in GOLD["facts"]:
        c = f["conflict"]
        if c is None:
            continue
        seen.add(c["type"])
        assert c["type"] in CONFLICT_TYPES
        assert set(c["values"]) == set(f["outlets"]) and len(set(c["values"].values())) >= 2, f["claim"]
        if c["type"] == "date":
            for value in c["values"].values():
                dt.date.fromisoformat(value)
    assert seen == CONFLICT_TYPES


def test_single_source_and_shared_facts_exist_in_every_story():
    for story in GOLD["stories"]:
        sizes = [len({outlet_slug(k) for k in f["outlets"]}) for f in GOLD["facts"] if f["story"] == story]
        assert 1 in sizes and max(sizes) >= 3, story


def test_origins_name_several_relaying_outlets():
    origins = [f for f in GOLD["facts"] if f["origin"]]
    assert len(origins) >= 2
    for f in origins:
        files = f.get("origin_files", list(f["outlets"]))
        assert len(files) >= 2 and set(files) <= set(f["outlets"]), f["claim"]


def test_independent_confirmations_are_not_one_origin():
    confirmed = [f for f in GOLD["facts"] if f.get("independent")]
    assert len(confirmed) >= 2
    for f in confirmed:
        sources = f["independent"]
        assert len(sources) >= 2 and set(sources) <= set(f["outlets"]), f["claim"]
        assert len(set(sources) - set(f.get("origin_files", []))) >= 1, f["claim"]


def test_name_variants_appear_as_spelled():
    everything = "\n".join(clean_text(k) for k in ALL_KEYS)
    assert len(GOLD["name_variants"]) >= 3
    for spellings in GOLD["name_variants"]:
        assert len(set(spellings)) >= 2
        for name in spellings:
            assert name in everything, name


def test_framing_terms_appear_in_their_articles():
    for story, referents in GOLD["framing"].items():
        for per_file in referents.values():
            assert len({outlet_slug(k) for k in per_file}) >= 2
            for key, terms in per_file.items():
                assert key in GOLD["stories"][story]
                for term in terms:
                    assert term in clean_text(key), (key, term)


def test_no_metadata_file_names_its_outlet():
    assert len(GOLD["no_metadata"]) == 1
    for key in GOLD["no_metadata"]:
        assert outlet_slug(key) and not raw_text(key).lstrip().startswith(("Title:", "---"))
