"""Fusing the channels' scores into one ranking, with a floor below which nothing is returned.

Every channel scores on an absolute 0…1 scale (BM25 normalised by `BM25Index`, the dense
cosine mapped through the model's calibrated range), so a weighted sum keeps an absolute
meaning and a floor can refuse questions the documents do not answer. The weights, the
dense range and the floors are calibrated per embedding model (`retrieval.calibration`).
Reciprocal rank fusion was measured too and ranked worse here; it also has no absolute
scale for a floor.

>>> fusion = WeightedFusion({"word": 0.6, "char": 0.2, "dense": 0.2})
>>> scores = {"word": np.array([0.5, 0.0]), "char": np.array([0.5, 0.2]), "dense": np.array([0.5, 1.0])}
>>> fusion.run(scores).round(2).tolist()
[0.5, 0.24]
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import numpy as np

logger = logging.getLogger(__name__)

CHANNELS = ("word", "char", "dense")


class WeightedFusion:
    """score = Σ weight[channel] · score[channel]; channels without a weight count 0.

    Weights must be non-negative and sum to 1, so the fused score stays on the 0…1 scale.
    """

    def __init__(self, weights: Mapping[str, float]) -> None:
        unknown = set(weights) - set(CHANNELS)
        if unknown:
            raise ValueError(f"unknown channels {sorted(unknown)}; channels are {CHANNELS}")
        if any(w < 0 for w in weights.values()):
            raise ValueError(f"weights must not be negative, got {dict(weights)}")
        if abs(sum(weights.values()) - 1.0) > 1e-6:
            raise ValueError(f"weights must sum to 1, got {dict(weights)}")
        self.weights = {c: float(weights.get(c, 0.0)) for c in CHANNELS}

    def run(self, scores: Mapping[str, np.ndarray]) -> np.ndarray:
        """The fused score of each candidate, from each channel's scores of the same candidates."""
        size = len(next(iter(scores.values()))) if scores else 0
        fused = np.zeros(size, dtype=np.float32)
        for channel, weight in self.weights.items():
            if weight and channel in scores:
                fused += weight * scores[channel]
        return fused
