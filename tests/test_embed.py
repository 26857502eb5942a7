"""Embeddings: the int8 model, the static table distilled from MiniLM, their cache, and the registry."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from parallax import embed
from parallax.embed import quantize, static
from parallax.embed.cache import source_model

SAME = ("The storm closed the harbour of Velden for three days.",
        "For three days the harbour at Velden stayed shut because of the storm.")
OTHER = "The finance minister presented a new pension law to parliament."


@pytest.mark.parametrize("name", ["static", "minilm"])
def test_paraphrase_is_closer_than_unrelated_sentence(name):
    a, b, c = embed.claim_embedder(name)(list(SAME) + [OTHER])
    assert a @ b > a @ c + 0.15
    assert np.allclose([a @ a, b @ b, c @ c], 1.0, atol=1e-5)


def test_static_vectors_follow_rare_words_more_than_common_ones():
    a, b, c = static.embed(["the of and Velden harbour", "the of and Velden harbour pension", "the of and a to"])
    assert a @ b > 0.8 and a @ c < 0.5


def test_static_handles_empty_input_and_empty_strings():
    assert static.embed([]).shape == (0, embed.DIM)
    out = static.embed(["", "harbour"])
    assert out.shape == (2, embed.DIM) and np.isfinite(out).all()


def test_static_table_is_built_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CACHE", str(tmp_path))
    builds = []
    real = static.build_table

    def counting():
        builds.append(1)
        return real()[:200]  # a small table is enough to check the cache

    monkeypatch.setattr(static, "build_table", counting)
    static.table.cache_clear()
    try:
        first = np.array(static.table())
        static.table.cache_clear()
        second = np.array(static.table())
    finally:
        static.table.cache_clear()
    assert builds == [1]
    assert [p.suffix for p in tmp_path.iterdir()] == [".npy"]  # no temporary file left behind
    assert np.array_equal(first, second)


def test_lead_embedding_does_not_shorten_later_claims():
    long = "word " * 60 + "harbour"
    before = static.embed([long])
    embed.embed(["x " * 100], max_tokens=8)
    assert np.array_equal(static.embed([long]), before)


def test_unknown_embedder_names_the_known_ones():
    with pytest.raises(ValueError, match="known: static, minilm"):
        embed.claim_embedder("glove")


def test_cli_says_when_it_builds_the_cached_files(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from parallax.cli import app

    monkeypatch.setenv("PARALLAX_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(static, "build_table", lambda: np.zeros((30522, 2, embed.DIM), dtype=np.float32))
    monkeypatch.setattr(quantize, "build", lambda path: shutil.copyfile(source_model(), path))  # quicker than quantizing
    (tmp_path / "a.txt").write_text("Title: Bridge\n\nThe Hallow bridge reopened on Monday after repairs.\n", encoding="utf-8")
    runs = []
    try:
        for _ in range(2):
            static.table.cache_clear()
            embed._model.cache_clear()
            runs.append(CliRunner().invoke(app, ["analyze", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "-w", "1", "-q"]))
    finally:
        static.table.cache_clear()
        embed._model.cache_clear()
    assert runs[0].exit_code == 0 and runs[0].output.count("from the packaged model, once per machine") == 2
    assert runs[1].exit_code == 0 and "once per machine" not in runs[1].output
    assert sorted(p.suffix for p in (tmp_path / "cache").iterdir()) == [".npy", ".onnx"]


def test_int8_model_stays_close_to_the_float_model():
    tok = embed.tokenizer()
    tok.enable_truncation(embed.MAX_TOKENS)
    texts = list(SAME) + [OTHER, "Officials said the talks would resume next week in Geneva."]
    enc = tok.encode_batch(texts)
    ids = np.array([e.ids for e in enc], dtype=np.int64)
    mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
    hidden = embed.run_model(embed.session(source_model()), ids, mask)
    full = embed.normalise((hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True))
    assert ((embed.embed(texts) * full).sum(1) > 0.97).all()


def test_word_vectors_match_the_model_on_single_words():
    words = ["government", "regime", "shipowner", "harbour"]  # "shipowner" is three word pieces: the model runs
    got = embed.word_vectors(words)
    assert ((got * embed.embed(words)).sum(1) > 0.98).all()
    assert got[0] @ got[1] > got[0] @ got[3]


def test_unwritable_cache_still_gives_a_table(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("PARALLAX_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(static, "build_table", lambda: np.ones((5, 2, 3), dtype=np.float32))
    static.table.cache_clear()
    try:
        assert static.table().shape == (5, 2, 3)
    finally:
        static.table.cache_clear()
