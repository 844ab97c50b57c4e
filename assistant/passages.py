"""Passage search of one data version, reached through the search gate so a down or hung Chroma degrades it.

The retriever (BM25, the embedder and the Chroma collection) and the sentence selector are built when the
version loads; if the vector store cannot be reached then, the version loads without them — table questions
are answered — and the first search after the gate's pause builds them again. Every search goes through the
gate: a few at a time, a timeout from the Chroma client, a pause after a failure.

>>> passages = PassageSearch(lambda: HybridRetriever.from_snapshot(snapshot, config), gate)  # doctest: +SKIP
>>> passages.open()  # doctest: +SKIP
>>> passages.search("黑臭水体", top_k=3)  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.availability import Gate, ServiceUnavailable
from assistant.extractive import SentenceSelector
from retrieval.types import Hit, SearchFilters

if TYPE_CHECKING:  # built by the caller: importing it (scipy, Chroma's client) waits until a search needs it
    from retrieval.retriever import HybridRetriever

logger = logging.getLogger(__name__)


class PassageSearch:
    """The retriever and sentence selector of one version, built (again) through `gate` until they exist."""

    def __init__(self, build: Callable[[], HybridRetriever], gate: Gate) -> None:
        self._build = build
        self._gate = gate
        self._retriever: HybridRetriever | None = None
        self._selector: SentenceSelector | None = None

    def open(self) -> str:
        """Build now if the store answers; '' when it did, else why not (the version loads regardless)."""
        try:
            self._ensure()
        except ServiceUnavailable as exc:
            logger.warning("passage search unavailable: %s (%s)", exc, self._gate.last_error)
            return str(exc)
        return ""

    @property
    def available(self) -> bool:
        return self._retriever is not None and self._gate.state() == "ok"

    @property
    def retriever(self) -> HybridRetriever:
        return self._ensure()[0]

    @property
    def selector(self) -> SentenceSelector:
        return self._ensure()[1]

    def search(self, query: str, top_k: int, filters: SearchFilters | None = None, mode: str = "hybrid") -> list[Hit]:
        return self._gate.call(self.retriever.search, query, top_k=top_k, filters=filters, mode=mode)

    def _ensure(self) -> tuple[HybridRetriever, SentenceSelector]:
        # no lock: before the first build succeeds the gate admits one probe at a time (at load, one thread)
        if self._retriever is None or self._selector is None:
            retriever = self._gate.call(self._build)
            self._selector = SentenceSelector(
                len(retriever.chunks), retriever.tokenizer, retriever.bm25.document_frequency
            )
            self._retriever = retriever
        return self._retriever, self._selector
