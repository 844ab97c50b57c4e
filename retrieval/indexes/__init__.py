"""The two indexes hybrid search combines: BM25 over jieba terms and vectors in Chroma."""

from retrieval.indexes.bm25_index import BM25Index
from retrieval.indexes.chroma_store import ChromaConfig, ChromaStore

__all__ = ["BM25Index", "ChromaConfig", "ChromaStore"]
