"""Embedding chunks and queries: any sentence-transformers model, or the corpus-trained default."""

from retrieval.config import CORPUS_STATIC_MODEL
from retrieval.embedding.cache import EmbeddingCache
from retrieval.embedding.embedder import Embedder, EmbeddingResult, model_id_for
from retrieval.embedding.static_model import CorpusStaticTrainer, build_tokenizer, unk_rate

__all__ = [
    "CORPUS_STATIC_MODEL",
    "CorpusStaticTrainer",
    "Embedder",
    "EmbeddingCache",
    "EmbeddingResult",
    "build_tokenizer",
    "model_id_for",
    "unk_rate",
]
