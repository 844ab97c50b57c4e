"""Chunks, hits and search filters."""

from __future__ import annotations

import pytest

from retrieval.types import Chunk, Hit, SearchFilters

ROW = Chunk.create(
    doc_id="jm-2023h1-lagging-tasks",
    title="2023年…进度滞后情况表（1-6月）",
    section="表",
    text="区域：蓬江区；主要任务：…",
    kind="progress_table",
    region="江门市",
    area="蓬江区",
    year=2023,
    source="table",
)


class TestChunk:
    def test_round_trip(self):
        assert Chunk.from_dict(ROW.to_dict()) == ROW


class TestHit:
    def test_json_shape_of_design_section_4(self):
        assert set(Hit(ROW, 0.5).to_dict()) == {"chunk_id", "doc_id", "title", "section", "text", "score"}


class TestSearchFilters:
    def test_kind_label_is_normalised(self):
        filters = SearchFilters(region="蓬江区", kind="任务进度表")
        assert (filters.region, filters.kind) == ("蓬江区", "progress_table")

    def test_unknown_kind_is_refused_in_chinese(self):
        with pytest.raises(ValueError, match="未知的文件类型"):
            SearchFilters(kind="novel")

    @pytest.mark.parametrize(
        ("filters", "matches"),
        [
            (SearchFilters(region="蓬江区"), True),
            (SearchFilters(region="江门市"), True),
            (SearchFilters(region="恩平市"), False),
            (SearchFilters(year=2023, kind="progress_table"), True),
            (SearchFilters(year=2020), False),
            (SearchFilters(doc_id="hm-2020-work-plan"), False),
        ],
    )
    def test_matches(self, filters, matches):
        assert filters.matches(ROW) is matches


def test_a_table_rows_area_is_the_division_its_region_cell_names():
    from retrieval.types import known_region

    assert known_region("蓬江区") == "蓬江区" and known_region("四会") == "四会市"
    assert known_region("生态环境局") == "" and known_region("") == ""
