"""BM25 over jieba terms: normalised scores, persistence."""

from __future__ import annotations

import numpy as np

from retrieval.indexes.bm25_index import BM25Index
from retrieval.tokenizing import ChineseTokenizer

TEXTS = [
    "海门市 一、总体工作目标 PM2.5年均浓度达33微克/立方米，空气质量优良天数比例达到83.3%。",
    "蓬江区旗杆石生活垃圾填埋场渗滤液积存量控制。调节池液位保持在警戒线以下。",
    "完成农村黑臭水体治理260条，实施河道疏浚整治工程。",
]


def test_best_text_first_and_scores_between_0_and_1():
    index = BM25Index.build(TEXTS, ChineseTokenizer())
    ranked = index.run("海门PM2.5目标", top_k=3)
    assert ranked[0][0] == 0
    assert all(0 < score < 1 for _, score in ranked)


def test_aliases_match():
    index = BM25Index.build(TEXTS, ChineseTokenizer())
    assert index.run("细颗粒物浓度", top_k=1)[0][0] == 0


def test_no_shared_words_scores_zero():
    index = BM25Index.build(TEXTS, ChineseTokenizer())
    assert index.run("你好", top_k=3) == []
    assert not index.scores("你好").any()


def test_unknown_words_lower_the_score():
    index = BM25Index.build(TEXTS, ChineseTokenizer())
    assert index.scores("渗滤液")[1] > index.scores("渗滤液 火星 探测器")[1] > 0


def test_mask_filters(tmp_path):
    index = BM25Index.build(TEXTS, ChineseTokenizer())
    assert index.run("渗滤液", top_k=3, allowed=np.array([True, False, True])) == []


def test_save_and_load(tmp_path):
    index = BM25Index.build(TEXTS, ChineseTokenizer())
    index.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25", ChineseTokenizer())
    assert np.allclose(loaded.scores("黑臭水体治理"), index.scores("黑臭水体治理"))


def test_knows_any():
    index = BM25Index.build(TEXTS, ChineseTokenizer())
    assert index.knows_any("渗滤液怎么处理") and not index.knows_any("你好")
