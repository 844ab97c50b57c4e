"""Per-version Chroma collections: build aside, query, drop, keep only the current."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.errors import VectorStoreError
from retrieval.indexes.chroma_store import ChromaConfig, ChromaStore
from retrieval.types import Chunk


def _chunks():
    return [
        Chunk.create(doc_id="a", title="A", section="", text="甲", region="江门市", area="蓬江区", year=2023),
        Chunk.create(doc_id="a", title="A", section="", text="乙", region="江门市", area="恩平市", year=2023),
        Chunk.create(doc_id="b", title="B", section="", text="丙", region="海门市", year=2020),
    ]


VECTORS = np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1]], dtype=np.float32)


@pytest.fixture
def store(tmp_path):
    return ChromaStore(ChromaConfig(path=tmp_path / "chroma"))


def test_query_returns_cosine_similarity_best_first(store):
    store.create("v1", _chunks(), VECTORS)
    found = store.query(store.open("v1"), np.array([1, 0, 0], dtype=np.float32), 3)
    assert [i for i, _ in found] == [c.chunk_id for c in _chunks()]
    assert found[0][1] == pytest.approx(1.0, abs=1e-5) and found[1][1] == pytest.approx(0.8, abs=1e-5)


def test_keep_only_removes_other_versions_of_this_data_dir_only(tmp_path, store):
    store.create("v1", _chunks(), VECTORS)
    store.create("v2", _chunks(), VECTORS)
    # On a shared server, another data dir's collections carry another prefix.
    other_data_dir = ChromaConfig(path=tmp_path / "elsewhere" / "chroma").prefix + "v0"
    store.client.create_collection(other_data_dir, embedding_function=None)
    assert store.keep_only("v2") == [store.collection_name("v1")]
    assert {c.name for c in store.client.list_collections()} == {store.collection_name("v2"), other_data_dir}


def test_drop_and_open_missing(store):
    store.create("v1", _chunks(), VECTORS)
    assert store.drop("v1") is True
    assert store.drop("v1") is False
    with pytest.raises(VectorStoreError, match="重新运行 policy-assistant ingest"):
        store.open("v1")


def test_unreachable_server_fails_clearly(tmp_path):
    store = ChromaStore(ChromaConfig(path=tmp_path / "chroma", host="127.0.0.1", port=1))
    with pytest.raises(VectorStoreError, match="无法连接向量库"):
        _ = store.client
