"""Search filters as numpy masks: each chunk's document, region, area, year and kind coded once at load.

A filter is then a few vectorised comparisons (tens of microseconds at 50 000 chunks) instead of
a Python test per chunk or the vector store's `where` query.

>>> masks = MetadataMasks(chunks)  # doctest: +SKIP
>>> masks.allowed(SearchFilters(region="恩平市", year=2023)).sum()  # doctest: +SKIP
31
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from retrieval.types import Chunk, SearchFilters

logger = logging.getLogger(__name__)

_MISSING = -1


class _Codes:
    """One text field of every chunk as integer codes."""

    def __init__(self, values: Sequence[str]) -> None:
        self.code_of: dict[str, int] = {}
        self.codes = np.array([self.code_of.setdefault(v, len(self.code_of)) for v in values], dtype=np.int32)

    def equals(self, value: str) -> np.ndarray:
        return self.codes == self.code_of.get(value, _MISSING)


class MetadataMasks:
    """`allowed(filters)` → a boolean mask over the chunks (None when nothing is filtered)."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.size = len(chunks)
        self.doc = _Codes([c.doc_id for c in chunks])
        self.region = _Codes([c.region for c in chunks])
        self.area = _Codes([c.area for c in chunks])
        self.kind = _Codes([c.kind for c in chunks])
        self.year = np.array([c.year if c.year is not None else _MISSING for c in chunks], dtype=np.int32)

    def allowed(self, filters: SearchFilters | None) -> np.ndarray | None:
        if filters is None or filters.empty:
            return None
        mask = np.ones(self.size, dtype=bool)
        if filters.doc_id:
            mask &= self.doc.equals(filters.doc_id)
        if filters.region:
            mask &= self.region.equals(filters.region) | self.area.equals(filters.region)
        if filters.year is not None:
            mask &= self.year == filters.year
        if filters.kind:
            mask &= self.kind.equals(filters.kind)
        return mask
