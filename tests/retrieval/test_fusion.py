"""Weighted fusion of BM25 and dense scores, and its floor."""

from __future__ import annotations

import pytest

from retrieval.fusion import WeightedFusion


class TestWeightedFusion:
    def test_weights_and_order(self):
        fused = WeightedFusion(bm25_weight=0.5, floor=0.0).run({1: 0.4, 2: 0.8}, {1: 0.8, 2: 0.0}, top_k=5)
        assert [(p, s) for p, s, _, _ in fused] == [(1, 0.6), (2, 0.4)]

    def test_floor_drops_weak_candidates(self):
        fused = WeightedFusion(bm25_weight=0.8, floor=0.2).run({1: 0.1}, {1: 0.3, 2: 0.5}, top_k=5)
        assert fused == []

    def test_missing_dense_score_is_at_most_the_lowest_returned(self):
        fused = WeightedFusion(bm25_weight=0.5, floor=0.0).run({7: 0.2}, {1: 0.9, 2: 0.4}, top_k=5)
        assert [item for item in fused if item[0] == 7] == [(7, 0.3, 0.2, 0.4)]

    def test_negative_cosine_counts_as_zero(self):
        assert WeightedFusion(0.5, 0.0).run({1: 0.2}, {1: -0.5}, top_k=1, dense_complete=True)[0][1] == 0.1

    def test_top_k(self):
        bm25 = {i: i / 10 for i in range(1, 10)}
        assert len(WeightedFusion(1.0, 0.0).run(bm25, {}, top_k=3)) == 3

    @pytest.mark.parametrize("kwargs", [{"bm25_weight": 1.5}, {"bm25_weight": -0.1}, {"floor": -1}])
    def test_bad_arguments(self, kwargs):
        with pytest.raises(ValueError):
            WeightedFusion(**kwargs)
