"""Chunk vectors in Chroma: the embedded store under the data dir, or a Chroma server.

One collection per data version (「pa-<data dir hash>-<version>」), so a new ingest builds its
collection beside the one answering questions, and CURRENT switches both at once. After a
commit the other versions' collections of this data dir are deleted; a failed ingest drops
its half-built one. We always pass vectors ourselves: a collection has no embedding function,
so Chroma never downloads its default model.

>>> store = ChromaStore(ChromaConfig(path=Path("/tmp/d/chroma")))  # doctest: +SKIP
>>> store.create("20250101T000000-abc123", chunks, vectors)  # doctest: +SKIP
'pa-1a2b3c4d-20250101T000000-abc123'
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from retrieval.config import ChromaConfig
from retrieval.errors import VectorStoreError
from retrieval.types import Chunk

logger = logging.getLogger(__name__)

ADD_BATCH = 1000


class ChromaStore:
    """Creates, queries and deletes this data dir's per-version collections."""

    def __init__(self, config: ChromaConfig) -> None:
        self.config = config
        self._client = None

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if self.config.host:
                self._heartbeat()  # chromadb's client makes its first requests without a timeout
                client = chromadb.HttpClient(host=self.config.host, port=self.config.port, settings=settings)
                _set_timeout(client, self.config.timeout)
                client.heartbeat()
                return client
            Path(self.config.path).mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(self.config.path), settings=settings)
        except Exception as exc:
            where = f"{self.config.host}:{self.config.port}" if self.config.host else str(self.config.path)
            raise VectorStoreError(
                f"无法连接向量库 Chroma（{where}）：{type(exc).__name__}: {exc}。"
                "请检查 POLICY_CHROMA_HOST / POLICY_CHROMA_PORT，或不设置它们以使用内嵌存储"
            ) from exc

    def collection_name(self, version: str) -> str:
        return f"{self.config.prefix}{version}"

    def create(self, version: str, chunks: Sequence[Chunk], vectors: np.ndarray) -> str:
        """Build the collection of `version` from scratch (replacing a leftover of the same name)."""
        name = self.collection_name(version)
        self.drop(version)
        collection = self.client.create_collection(
            name,
            embedding_function=None,
            # a lighter graph than the default (ef_construction 100, 16 neighbours): at 50 000 chunks the
            # build is the longest step of an ingest, and an unfiltered query's recall stays ≥ 0.99
            configuration={"hnsw": {"space": "cosine", "ef_construction": 64, "max_neighbors": 12}},
            metadata={"version": version},
        )
        for start in range(0, len(chunks), ADD_BATCH):
            batch = chunks[start : start + ADD_BATCH]
            # Vectors and ids only: texts and metadata live in chunks.jsonl and filters are numpy masks
            # (`retrieval.filtering`); Chroma would index them too, which halves its build speed.
            collection.add(ids=[c.chunk_id for c in batch], embeddings=vectors[start : start + ADD_BATCH])
        logger.info("chroma collection %s: %d chunks", name, len(chunks))
        return name

    def _heartbeat(self) -> None:
        url = f"http://{self.config.host}:{self.config.port}/api/v2/heartbeat"
        httpx.get(url, timeout=self.config.timeout).raise_for_status()

    def open(self, version: str) -> Any:
        from chromadb.errors import NotFoundError

        name = self.collection_name(version)
        client = self.client  # VectorStoreError of its own when the store cannot be reached
        try:
            return client.get_collection(name, embedding_function=None)
        except NotFoundError as exc:
            raise VectorStoreError(
                f"向量库中没有当前索引版本的数据（集合 {name}，{self.config.mode} 模式）。"
                "如刚更改了 POLICY_CHROMA_HOST，请重新运行 policy-assistant ingest"
            ) from exc
        except Exception as exc:
            raise VectorStoreError(f"无法从向量库 Chroma 读取集合 {name}：{type(exc).__name__}: {exc}") from exc

    @staticmethod
    def query(collection: Any, vector: np.ndarray, n_results: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the nearest chunks, best first."""
        if n_results <= 0:
            return []
        result = collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=n_results, include=["distances"]
        )
        return [(i, 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    def drop(self, version: str) -> bool:
        name = self.collection_name(version)
        try:
            self.client.delete_collection(name)
        except Exception:  # not there: nothing to drop
            return False
        logger.info("dropped chroma collection %s", name)
        return True

    def keep_only(self, version: str) -> list[str]:
        """Delete this data dir's collections of every other version; return their names."""
        keep = self.collection_name(version)
        removed = []
        for collection in self.client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if name.startswith(self.config.prefix) and name != keep:
                self.client.delete_collection(name)
                removed.append(name)
        return removed


def _set_timeout(client: Any, seconds: float) -> None:
    """Give the HTTP client's session a timeout: chromadb builds it with `timeout=None` and has no setting for it
    (chroma-core/chroma#5805), so a hung server would hold a request forever."""
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(seconds)
    else:
        logger.warning("cannot set a timeout on this chromadb client (%s): a hung server may block", type(client))
