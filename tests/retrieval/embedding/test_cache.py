"""The SQLite embedding cache."""

from __future__ import annotations

import numpy as np

from retrieval.embedding.cache import EmbeddingCache, text_hash


def test_round_trip_by_model(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache" / "embeddings.sqlite")
    vector = np.array([0.6, 0.8], dtype=np.float32)
    cache.put_many("model-a", {text_hash("海门"): vector})
    assert np.array_equal(cache.get_many("model-a", [text_hash("海门")])[text_hash("海门")], vector)
    assert cache.get_many("model-b", [text_hash("海门")]) == {}


def test_drop_models_keeps_the_current_and_other_models(tmp_path):
    cache = EmbeddingCache(tmp_path / "e.sqlite")
    one = {"h": np.ones(2, dtype=np.float32)}
    for model in ("corpus-static@old", "corpus-static@new", "BAAI/bge-small-zh-v1.5"):
        cache.put_many(model, one)
    assert cache.drop_models("corpus-static@", keep="corpus-static@new") == 1
    assert cache.count() == 2 and cache.count("corpus-static@old") == 0


def test_many_keys_at_once(tmp_path):
    cache = EmbeddingCache(tmp_path / "e.sqlite")
    vectors = {str(i): np.full(3, i, dtype=np.float32) for i in range(1200)}
    cache.put_many("m", vectors)
    assert len(cache.get_many("m", list(vectors))) == 1200
