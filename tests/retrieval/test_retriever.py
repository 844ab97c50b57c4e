"""Hybrid search over the ingested corpus (expected passages read from the documents)."""

from __future__ import annotations

import re

import pytest

from retrieval.langchain_retriever import PolicyRetriever
from retrieval.types import SEARCH_MODES, SearchFilters

pytestmark = pytest.mark.slow


def _texts(hits):
    return [re.sub(r"\s", "", h.chunk.text) for h in hits]


class TestSearch:
    @pytest.mark.parametrize(
        ("question", "passage"),
        [
            ("海门市2020年PM2.5目标是多少", "PM2.5年均浓度达33微克/立方米"),
            ("旗杆石垃圾填埋场渗滤液控制得怎么样", "调节池液位超出60%的警戒线"),
            ("恩平市廉钩水断面水质", "廉钩水锦江公园断面水质均值为Ⅳ类"),
            ("江海区富民站可吸入颗粒物浓度", "PM10指标浓度为53微克/立方米"),
            ("十二五期间江门淘汰了多少黄标车", "全市累计已淘汰黄标车及老旧车7.2万辆"),
        ],
    )
    def test_finds_the_passage(self, hybrid_retriever, question, passage):
        assert any(passage in text for text in _texts(hybrid_retriever.search(question, top_k=5)))

    @pytest.mark.parametrize("mode", SEARCH_MODES)
    def test_each_mode_ranks_by_score_within_top_k(self, hybrid_retriever, mode):
        hits = hybrid_retriever.search("农村生活污水治理进度滞后", top_k=4, mode=mode)
        assert 0 < len(hits) <= 4
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)

    @pytest.mark.parametrize("mode", SEARCH_MODES)
    @pytest.mark.parametrize("question", ["你好", "广州市2020年PM2.5目标是多少", "深圳市黑臭水体整治进展如何"])
    def test_unrelated_questions_get_no_hits(self, hybrid_retriever, question, mode):
        assert hybrid_retriever.search(question, top_k=5, mode=mode) == []

    def test_bad_arguments(self, hybrid_retriever):
        with pytest.raises(ValueError):
            hybrid_retriever.search("海门", mode="magic")
        with pytest.raises(ValueError):
            hybrid_retriever.search("海门", top_k=0)
        assert hybrid_retriever.search("   ") == []


class TestFilters:
    @pytest.mark.parametrize("mode", SEARCH_MODES)
    def test_region_keeps_the_region_or_its_table_rows(self, hybrid_retriever, mode):
        hits = hybrid_retriever.search("专项资金执行率", top_k=5, filters=SearchFilters(region="恩平市"), mode=mode)
        assert hits and all("恩平市" in (h.chunk.region, h.chunk.area) for h in hits)

    def test_document_year_and_kind(self, hybrid_retriever):
        hits = hybrid_retriever.search("黑臭水体", top_k=5, filters=SearchFilters(doc_id="hm-2020-work-plan"))
        assert hits and {h.chunk.doc_id for h in hits} == {"hm-2020-work-plan"}
        hits = hybrid_retriever.search("黑臭水体", top_k=5, filters=SearchFilters(year=2016))
        assert hits and {h.chunk.doc_id for h in hits} == {"jm-13th-five-year-plan"}
        hits = hybrid_retriever.search("黑臭水体", top_k=5, filters=SearchFilters(kind="工作方案"))
        assert hits and {h.chunk.doc_id for h in hits} == {"jm-2020-eco-civilization-programme"}

    def test_filter_matching_nothing(self, hybrid_retriever):
        assert hybrid_retriever.search("黑臭水体", filters=SearchFilters(doc_id="no-such-doc")) == []


def test_langchain_retriever(hybrid_retriever):
    documents = PolicyRetriever(hybrid=hybrid_retriever, top_k=3).invoke("海门市2020年PM2.5目标是多少")
    assert 0 < len(documents) <= 3
    assert documents[0].metadata["doc_id"] == "hm-2020-work-plan"
    assert documents[0].id == documents[0].metadata["chunk_id"]
    assert documents[0].metadata["score"] > 0 and "text" not in documents[0].metadata
