"""A langchain `BaseRetriever` over the hybrid retriever, for chains the assistant builds.

>>> retriever = PolicyRetriever(hybrid=HybridRetriever.from_snapshot(snapshot, config), top_k=4)  # doctest: +SKIP
>>> retriever.invoke("海门市2020年PM2.5目标是多少")[0].metadata["doc_id"]  # doctest: +SKIP
'hm-2020-work-plan'
"""

from __future__ import annotations

import logging

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LangchainDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from retrieval.retriever import HybridRetriever
from retrieval.types import Hit, SearchFilters

logger = logging.getLogger(__name__)


class PolicyRetriever(BaseRetriever):
    """Hits as langchain Documents: `page_content` is the chunk text, metadata has its source and score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: HybridRetriever
    top_k: int = 5
    mode: str = "hybrid"
    filters: SearchFilters | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LangchainDocument]:
        hits = self.hybrid.search(query, top_k=self.top_k, filters=self.filters, mode=self.mode)
        return [hit_to_document(hit) for hit in hits]


def hit_to_document(hit: Hit) -> LangchainDocument:
    chunk = hit.chunk
    metadata = {**chunk.to_dict(), "score": hit.score, "bm25": hit.bm25, "dense": hit.dense}
    metadata.pop("text")
    return LangchainDocument(page_content=chunk.text, metadata=metadata, id=chunk.chunk_id)
