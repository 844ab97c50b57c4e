"""Retrieval: structure-aware Chinese chunking, BM25 + dense (Chroma) hybrid search with a floor.

The assistant uses three things:

- `RetrievalIndexer(config).build(snapshot, documents, progress)` during ingest,
  then `keep_only(snapshot)` after the swap or `discard(snapshot)` on failure;
- `HybridRetriever.from_snapshot(snapshot, config)` once per data version, then
  `search(query, top_k=5, filters=SearchFilters(...), mode="hybrid")` → `list[Hit]`;
- `retrieval.langchain_retriever.PolicyRetriever` where a langchain retriever is wanted.

Names are imported on first use (PEP 562): a command that needs one module of the package does
not pay for the others' imports (scipy, Chroma's client, the embedders).
"""

from importlib import import_module

_HOMES = {
    "CORPUS_STATIC_MODEL": "retrieval.config",
    "RetrievalConfig": "retrieval.config",
    "Chunker": "retrieval.chunking",
    "EmbeddingModelError": "retrieval.errors",
    "IndexNotReadyError": "retrieval.errors",
    "RetrievalError": "retrieval.errors",
    "VectorStoreError": "retrieval.errors",
    "RetrievalIndexer": "retrieval.indexer",
    "HybridRetriever": "retrieval.retriever",
    "SEARCH_MODES": "retrieval.types",
    "Chunk": "retrieval.types",
    "Hit": "retrieval.types",
    "SearchFilters": "retrieval.types",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'retrieval' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
