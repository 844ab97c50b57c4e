"""Weighted fusion of the channels' scores."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.fusion import WeightedFusion


class TestWeightedFusion:
    def test_weighted_sum_per_candidate(self):
        fused = WeightedFusion({"word": 0.5, "char": 0.25, "dense": 0.25}).run(
            {"word": np.array([0.4, 0.8]), "char": np.array([0.4, 0.0]), "dense": np.array([0.8, 0.0])}
        )
        assert np.allclose(fused, [0.5, 0.4])

    def test_a_channel_without_weight_does_not_count(self):
        fused = WeightedFusion({"word": 1.0}).run({"word": np.array([0.3]), "dense": np.array([1.0])})
        assert np.allclose(fused, [0.3])

    @pytest.mark.parametrize(
        "weights", [{"word": 0.5, "dense": 0.6}, {"word": 1.2, "dense": -0.2}, {"sparse": 1.0}, {"word": 0.5}]
    )
    def test_bad_weights(self, weights):
        with pytest.raises(ValueError):
            WeightedFusion(weights)
