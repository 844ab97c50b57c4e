"""Fusing BM25 and dense scores into one ranking, with a floor below which nothing is returned.

Both inputs are on absolute scales (BM25 normalised to 0…1 by `BM25Index`, cosine similarity
for dense), so a weighted sum keeps an absolute meaning and a floor can refuse questions the
documents do not answer. Reciprocal rank fusion was measured too (`python -m retrieval.bench`)
and ranked worse here; it also has no absolute scale for a floor.

>>> WeightedFusion(bm25_weight=0.8, floor=0.1).run({1: 0.5, 2: 0.05}, {1: 0.6, 3: 0.9}, top_k=5)
[(1, 0.52, 0.5, 0.6), (3, 0.18, 0.0, 0.9)]
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class WeightedFusion:
    """score = w · bm25 + (1 − w) · max(cosine, 0); hits below `floor` are dropped.

    A candidate one side did not return gets that side's lowest returned score at most
    (dense) or 0 (BM25 scores every chunk, so a missing one is 0).
    """

    def __init__(self, bm25_weight: float = 0.8, floor: float = 0.2) -> None:
        if not 0.0 <= bm25_weight <= 1.0:
            raise ValueError(f"bm25_weight must be between 0 and 1, got {bm25_weight}")
        if floor < 0:
            raise ValueError(f"floor must not be negative, got {floor}")
        self.bm25_weight = bm25_weight
        self.floor = floor

    def run(
        self,
        bm25: dict[int, float],
        dense: dict[int, float],
        top_k: int,
        floor: float | None = None,
        dense_complete: bool = False,
    ) -> list[tuple[int, float, float, float]]:
        """(position, fused score, bm25, dense) of the best `top_k`, best first."""
        floor = self.floor if floor is None else floor
        dense_default = 0.0 if dense_complete or not dense else min(dense.values())
        fused = []
        for position in set(bm25) | set(dense):
            b = bm25.get(position, 0.0)
            d = dense.get(position, dense_default)
            score = self.bm25_weight * b + (1.0 - self.bm25_weight) * max(d, 0.0)
            if score >= floor:
                fused.append((position, round(score, 6), b, d))
        fused.sort(key=lambda item: (-item[1], item[0]))
        return fused[:top_k]
