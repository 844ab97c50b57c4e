"""Filters as numpy masks, and filtered search giving exactly the top-k a brute force gives."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.calibration import DENSE_SURE
from retrieval.filtering import MetadataMasks
from retrieval.types import Chunk, SearchFilters

CHUNKS = [
    Chunk.create(doc_id="a", title="A", section="", text="甲", region="江门市", area="蓬江区", year=2023,
                 kind="progress_table"),
    Chunk.create(doc_id="a", title="A", section="", text="乙", region="江门市", area="恩平市", year=2023,
                 kind="progress_table"),
    Chunk.create(doc_id="b", title="B", section="", text="丙", region="海门市", year=2020, kind="work_plan"),
    Chunk.create(doc_id="c", title="C", section="", text="丁", region="恩平市", year=None, kind="other"),
]  # fmt: skip

FILTERS = [
    SearchFilters(),
    SearchFilters(region="恩平市"),
    SearchFilters(region="江门市", year=2023),
    SearchFilters(doc_id="b"),
    SearchFilters(kind="工作计划"),
    SearchFilters(year=2019),
    SearchFilters(region="无此地"),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_masks_match_the_filters_rule(filters):
    mask = MetadataMasks(CHUNKS).allowed(filters)
    expected = [filters.matches(c) for c in CHUNKS]
    assert (mask is None and all(expected)) or mask.tolist() == expected


def _brute_force(retriever, query, filters, top_k):
    """Every chunk the filters allow, scored exactly by every channel and fused; the best top_k."""
    plan = retriever.plan(query)
    vector = retriever.dense.vector(query)
    calibration = retriever.calibration
    scores = {
        "word": retriever.bm25.scores(plan.word),
        "char": retriever.chars.scores(plan.char),
        "dense": calibration.normalize_dense(np.asarray(retriever.dense.vectors) @ vector),
    }
    fused = sum(calibration.weights[c] * scores[c] for c in scores)
    allowed = [i for i, c in enumerate(retriever.chunks) if filters.matches(c)]
    ranked = sorted(allowed, key=lambda i: (-fused[i], i))
    if ranked:  # the best allowed hit must hold a corpus-specific word of the query, or dense be sure
        best = ranked[0]
        evidence = retriever.evidence(plan, np.array([best]))[0]
        if evidence < calibration.evidence and scores["dense"][best] < DENSE_SURE:
            return []
    return [retriever.chunks[i].chunk_id for i in ranked[:top_k] if fused[i] >= calibration.floors["hybrid"]]


@pytest.mark.slow
@pytest.mark.parametrize("query", ["专项资金执行率", "黑臭水体整治", "饭店的油烟怎么管", "空气质量优良天数比例"])
@pytest.mark.parametrize(
    "filters",
    [SearchFilters(region="恩平市"), SearchFilters(doc_id="hm-2020-work-plan"), SearchFilters(year=2016),
     SearchFilters(kind="工作方案"), SearchFilters(region="江门市", year=2023)],
)  # fmt: skip
def test_filtered_search_gives_the_exact_top_k(hybrid_retriever, query, filters):
    found = [h.chunk.chunk_id for h in hybrid_retriever.search(query, top_k=8, filters=filters)]
    expected = _brute_force(hybrid_retriever, query, filters, 8)
    assert found == expected
