"""Retrieval: structure-aware Chinese chunking, BM25 + dense (Chroma) hybrid search with a floor.

The assistant uses three things:

- `RetrievalIndexer(config).build(snapshot, documents, progress)` during ingest,
  then `keep_only(snapshot)` after the swap or `discard(snapshot)` on failure;
- `HybridRetriever.from_snapshot(snapshot, config)` once per data version, then
  `search(query, top_k=5, filters=SearchFilters(...), mode="hybrid")` → `list[Hit]`;
- `retrieval.langchain_retriever.PolicyRetriever` where a langchain retriever is wanted.
"""

from retrieval.chunking import Chunker
from retrieval.config import RetrievalConfig
from retrieval.embedding import CORPUS_STATIC_MODEL
from retrieval.errors import EmbeddingModelError, IndexNotReadyError, RetrievalError, VectorStoreError
from retrieval.indexer import RetrievalIndexer
from retrieval.retriever import HybridRetriever
from retrieval.types import SEARCH_MODES, Chunk, Hit, SearchFilters

__all__ = [
    "CORPUS_STATIC_MODEL",
    "SEARCH_MODES",
    "Chunk",
    "Chunker",
    "EmbeddingModelError",
    "Hit",
    "HybridRetriever",
    "IndexNotReadyError",
    "RetrievalConfig",
    "RetrievalError",
    "RetrievalIndexer",
    "SearchFilters",
    "VectorStoreError",
]
