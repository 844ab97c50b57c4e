"""Retrieval's exceptions; messages are in Chinese because users read them."""

from __future__ import annotations

from corpus.errors import IndexNotReadyError, PolicyAssistantError

__all__ = ["EmbeddingModelError", "IndexNotReadyError", "RetrievalError", "VectorStoreError"]


class RetrievalError(PolicyAssistantError):
    """Building or searching the retrieval index failed."""


class EmbeddingModelError(RetrievalError):
    """The configured sentence-transformers model could not be loaded."""


class VectorStoreError(RetrievalError):
    """Chroma (embedded or server) could not be reached or refused an operation."""
