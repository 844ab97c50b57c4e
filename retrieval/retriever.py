"""Hybrid search over one data version: BM25 + dense (Chroma) → weighted fusion with a floor.

The assistant loads a `HybridRetriever` once per data version (the model, BM25 and the Chroma
collection stay in memory) and calls `search()` per question:

>>> retriever = HybridRetriever.from_snapshot(snapshot, config)  # doctest: +SKIP
>>> [h.chunk.doc_id for h in retriever.search("海门市2020年PM2.5目标是多少", top_k=3)]  # doctest: +SKIP
['hm-2020-work-plan', 'hm-2020-work-plan', 'hm-2020-work-plan']

A question naming a place the documents never mention (「广州市…」) or matching nothing above
the floor (「你好」) gets no hits, so the assistant can refuse honestly.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corpus.lexicon import Lexicon
from retrieval.config import BM25_DIR, CHUNKS_FILE, MANIFEST_FILE, RetrievalConfig, SnapshotLike
from retrieval.embedding.embedder import Embedder
from retrieval.errors import IndexNotReadyError, RetrievalError
from retrieval.fusion import WeightedFusion
from retrieval.guard import UnknownPlaceGuard
from retrieval.indexer import read_chunks
from retrieval.indexes.bm25_index import BM25Index
from retrieval.indexes.chroma_store import ChromaStore
from retrieval.tokenizing import ChineseTokenizer
from retrieval.types import SEARCH_MODES, Chunk, Hit, SearchFilters

logger = logging.getLogger(__name__)

# Measured with `python -m retrieval.bench` on evals/datasets/retrieval_dev.jsonl (see README).
BM25_WEIGHT = 0.8
FLOORS = {"hybrid": 0.2, "bm25": 0.1, "dense": 0.3}
# How many candidates each side brings to the fusion, at least.
MIN_CANDIDATES = 50


class DenseRetriever:
    """Nearest chunks to the query's vector in the Chroma collection, as (position, cosine)."""

    def __init__(self, embedder: Embedder, store: ChromaStore, collection: Any, chunks: Sequence[Chunk]) -> None:
        self.embedder = embedder
        self.store = store
        self.collection = collection
        self._positions = {c.chunk_id: i for i, c in enumerate(chunks)}

    def run(self, query: str, top_k: int, filters: SearchFilters | None = None) -> list[tuple[int, float]]:
        vector = self.embedder.embed_query(query)
        if not np.any(vector):  # nothing the model knows: no direction to compare
            return []
        where = filters.chroma_where() if filters else None
        try:
            found = self.store.query(self.collection, vector, min(top_k, len(self._positions)), where=where)
        except Exception as exc:
            raise RetrievalError(f"向量检索失败（{type(exc).__name__}: {exc}），请检查向量库 Chroma 是否可用") from exc
        return [(self._positions[i], s) for i, s in found if i in self._positions]


class HybridRetriever:
    """Searches one data version. Build it with `from_snapshot` and keep it while that version is current."""

    def __init__(
        self,
        chunks: Sequence[Chunk],
        bm25: BM25Index,
        embedder: Embedder,
        store: ChromaStore,
        collection: Any,
        version: str = "",
        fusion: WeightedFusion | None = None,
        floors: dict[str, float] | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.chunks = list(chunks)
        self.bm25 = bm25
        self.tokenizer = bm25.tokenizer
        self.dense = DenseRetriever(embedder, store, collection, self.chunks)
        self.version = version
        self.fusion = fusion or WeightedFusion(bm25_weight=BM25_WEIGHT, floor=FLOORS["hybrid"])
        self.floors = {**FLOORS, **(floors or {})}
        self.guard = UnknownPlaceGuard(lexicon)

    @classmethod
    def from_snapshot(cls, snapshot: SnapshotLike | None, config: RetrievalConfig) -> HybridRetriever:
        """Load the model, BM25 and the Chroma collection of `snapshot` (once; keep the object)."""
        if snapshot is None:
            raise IndexNotReadyError("还没有建立索引，请先运行 policy-assistant ingest 导入文件")
        directory = Path(snapshot.retrieval_dir)
        manifest_path = directory / MANIFEST_FILE
        if not manifest_path.exists():
            raise IndexNotReadyError(f"数据版本 {snapshot.version} 没有检索索引，请重新运行 policy-assistant ingest")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("embedding_model") != config.embedding_model:
            logger.warning(
                "the index was built with embedding model %s, settings say %s: searching with the index's "
                "model; re-run ingest to switch",
                manifest.get("embedding_model"),
                config.embedding_model,
            )
        model_path = manifest["model_path"]
        if (directory / model_path).exists():
            model_path = str(directory / model_path)
        lexicon_path = Path(getattr(snapshot, "lexicon_path", directory / "missing"))
        lexicon = Lexicon.load(lexicon_path) if lexicon_path.exists() else None
        tokenizer = ChineseTokenizer.for_lexicon(lexicon)
        tokenizer.warm_up()
        embedder = Embedder(model_path, model_id=manifest["model"])
        embedder.warm_up_queries()
        store = ChromaStore(config.chroma)
        retriever = cls(
            chunks=read_chunks(directory / CHUNKS_FILE),
            bm25=BM25Index.load(directory / BM25_DIR, tokenizer),
            embedder=embedder,
            store=store,
            collection=store.open(snapshot.version),
            version=snapshot.version,
            lexicon=lexicon,
        )
        retriever.search("空气质量目标", top_k=1)  # the first search loads HNSW files and caches: pay now
        return retriever

    def search(
        self,
        query: str,
        top_k: int = 5,
        filters: SearchFilters | None = None,
        mode: str = "hybrid",
        floor: float | None = None,
    ) -> list[Hit]:
        """The best `top_k` chunks for `query` with a score at or above the mode's floor, best first."""
        if mode not in SEARCH_MODES:
            raise ValueError(f"mode must be one of {SEARCH_MODES}, got {mode!r}")
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, got {top_k}")
        query = query.strip()
        # Two refusals no score can make: a place the corpus never names (「广州市…」), and not
        # one word the corpus uses (「你好」; a static model still finds a nearest chunk for it).
        if not query or self.guard.run(query) or not self.bm25.knows_any(query):
            return []
        filters = filters or SearchFilters()
        floor = self.floors[mode] if floor is None else floor
        allowed = None if filters.empty else np.array([filters.matches(c) for c in self.chunks])
        if allowed is not None and not allowed.any():
            return []
        candidates = max(MIN_CANDIDATES, 5 * top_k)

        bm25: dict[int, float] = {}
        bm25_scores = self.bm25.scores(query) if mode in ("hybrid", "bm25") else None
        if bm25_scores is not None:
            bm25 = dict(self.bm25.run(query, top_k=candidates, allowed=allowed, scores=bm25_scores))
        dense: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            dense = dict(self.dense.run(query, top_k=candidates, filters=filters))

        if mode == "bm25":
            ranked = [(p, s, s, None) for p, s in bm25.items() if s >= floor]
        elif mode == "dense":
            ranked = [(p, s, None, s) for p, s in dense.items() if s >= floor]
        else:
            # BM25 scores every chunk: fill in the exact score of dense-only candidates.
            bm25.update({p: float(bm25_scores[p]) for p in dense if p not in bm25 and bm25_scores[p] > 0})
            ranked = self.fusion.run(bm25, dense, top_k=top_k, floor=floor)
        ranked.sort(key=lambda item: (-item[1], item[0]))
        return [Hit(self.chunks[p], score, b, d) for p, score, b, d in ranked[:top_k]]
