"""Chunking: along the documents' structure, whole sentences, table rows with their headers."""

from __future__ import annotations

import re

import pytest

from corpus.model import Document, DocumentInfo, TextBlock
from retrieval.chunking import SENTENCE_ENDS, Chunker, split_sentences

CLOSERS = "”’」』）)】》"


@pytest.fixture(scope="module")
def chunks(corpus_documents):
    return Chunker().run(list(corpus_documents.values()))


def _containing(chunks, text, doc_id=None):
    squashed = re.sub(r"\s", "", text)
    found = [c for c in chunks if squashed in re.sub(r"\s", "", c.text) and (doc_id is None or c.doc_id == doc_id)]
    assert found, f"no chunk contains {text!r}"
    return found


class TestSplitSentences:
    def test_keeps_end_marks_and_gives_the_text_back(self):
        text = (
            "PM2.5年均浓度达33微克/立方米，空气质量优良天数比例达到83.3%。受污染耕地安全利用率达到90%以上；无劣Ⅴ类断面"
        )
        sentences = split_sentences(text)
        assert "".join(sentences) == text
        assert sentences[0].endswith("83.3%。")
        assert sentences[1].endswith("以上；")

    def test_closing_quote_stays_with_its_sentence(self):
        assert split_sentences("落实“六个100%。”然后推进。") == ["落实“六个100%。”", "然后推进。"]


class TestTextChunks:
    def test_chunks_are_whole_sentences_of_their_blocks(self, chunks, corpus_documents):
        """No chunk starts or ends inside a sentence, so none cuts a number either."""
        blocks = [b.text for d in corpus_documents.values() for b in d.blocks]
        for chunk in (c for c in chunks if c.source == "text"):
            for part in chunk.text.split("\n"):
                assert any(_whole_sentences_in(part, block) for block in blocks), part[:40]

    def test_numbers_are_never_split(self, chunks):
        for number in ("3.22亿立方米", "12.01%、12.04%、8.58%、8.38%", "13.02 万亩", "198.1公里"):
            _containing(chunks, number)

    def test_chunks_stay_within_size_unless_one_sentence_is_longer(self, chunks):
        chunker = Chunker()
        for chunk in (c for c in chunks if c.source == "text"):
            if len(chunk.text) > chunker.max_chars * 1.5:
                assert len(split_sentences(chunk.text.replace("\n", ""))) == 1

    def test_chunks_carry_their_heading_path(self, chunks):
        (target,) = _containing(chunks, "空气质量优良天数比例达到83.3%", doc_id="hm-2020-work-plan")[:1]
        assert target.section == "一、总体工作目标"
        assert target.context == "海门市打赢污染防治攻坚战2020年工作计划 > 一、总体工作目标"
        assert target.title == "海门市打赢污染防治攻坚战2020年工作计划"
        (river,) = _containing(chunks, "2018 年底前消除天沙河黑臭现象")
        assert "第二节 全面推进水环境保护与水污染治理" in river.section
        assert river.section.endswith("二、持续开展水环境综合整治")
        assert river.search_text.startswith("江门市生态环保“十三五”规划（征求意见稿） > 第五章")

    def test_lead_heading_of_a_numbered_paragraph_is_in_the_path(self, chunks):
        target = _containing(chunks, "完成源头替代项目25项", doc_id="hm-2020-work-plan")[0]
        assert target.section.endswith("（一）打赢蓝天保卫战 > 1．精准治理工业VOCs")

    def test_table_of_contents_is_left_out(self, chunks):
        assert not [c for c in chunks if re.search(r"\.{3,}\s*\d+", c.text)]

    def test_metadata_comes_from_the_document(self, chunks):
        plan = _containing(chunks, "年内用水总量控制在3.22亿立方米以内")[0]
        assert (plan.doc_id, plan.region, plan.year, plan.kind) == ("hm-2020-work-plan", "海门市", 2020, "work_plan")


class TestTableRowChunks:
    def test_a_row_is_a_chunk_with_its_column_names(self, chunks):
        (row,) = _containing(chunks, "英洲海水道（城区段）整治工程已开工")
        assert row.source == "table"
        assert row.text.startswith("序号：14；区域：新会区；指标名称：黑臭水体整治。")
        assert "完成情况：基本按进度推进。" in row.text
        assert row.area == "新会区"
        assert row.section == "2020年江门市各市（区）重点考核任务完成情况表（1-6月）"

    @pytest.mark.parametrize(
        ("quote", "region"),
        [
            ("蓬江区旗杆石生活垃圾填埋场渗滤液积存量控制", "蓬江区"),  # merged 区域 cell under 蓬江区
            ("完成亨源油库码头泊位油气回收设施建设工作", "新会区"),
            ("2022年环保专项资金执行率73.41%", "台山市"),
            ("恩平市新增67个自然村完成生活污水治理", "恩平市"),
        ],
    )
    def test_merged_region_cells_take_the_region_above(self, chunks, quote, region):
        (row,) = _containing(chunks, quote)
        assert row.text.startswith(f"区域：{region}；")
        assert row.area == region

    def test_second_header_row_is_merged_into_the_column_names(self, chunks):
        (row,) = _containing(chunks, "海门市建筑垃圾分拣调配中心")
        assert "形象进度安排·一季度：落实项目用地" in row.text
        assert "形象进度安排·四季度：完成前期" in row.text.replace("\n", "")

    def test_a_row_too_long_for_one_chunk_is_split_between_cells_with_its_keys(self, chunks):
        pieces = _containing(chunks, "区域：蓬江区；", doc_id="jm-2023h1-lagging-tasks")
        station_pieces = [c for c in pieces if "东湖空气质量自动监测子站" in c.text]
        assert len(station_pieces) >= 2
        assert any("工作进展情况：" in c.text and "NO2指标浓度为22微克/立方米" in c.text for c in station_pieces)
        assert all(c.text.startswith("区域：蓬江区；") for c in station_pieces)

    def test_vertical_cell_text_is_joined(self, chunks):
        row = _containing(chunks, "生态文明建设工作占党政实绩考核的比例", doc_id="jm-2020-eco-civilization-programme")
        assert any(c.text.startswith("领域：生态制度；") for c in row if c.source == "table")


class TestChunkIds:
    def test_ids_are_stable_and_unique(self, chunks, corpus_documents):
        again = Chunker().run(list(corpus_documents.values()))
        assert [c.chunk_id for c in again] == [c.chunk_id for c in chunks]
        assert len({c.chunk_id for c in chunks}) == len(chunks)

    def test_id_changes_with_the_text(self):
        info = DocumentInfo("d", "标题")
        first = Chunker().run([Document(info, [TextBlock("完成率33.3%。", ("一、目标",))], [])])[0]
        second = Chunker().run([Document(info, [TextBlock("完成率33.4%。", ("一、目标",))], [])])[0]
        assert first.chunk_id != second.chunk_id


class TestChunkerArguments:
    @pytest.mark.parametrize(
        "kwargs", [{"max_chars": 10}, {"max_chars": 300, "max_row_chars": 100}, {"min_chars": 400}]
    )
    def test_bad_sizes_are_refused(self, kwargs):
        with pytest.raises(ValueError):
            Chunker(**kwargs)


def _whole_sentences_in(part: str, block: str) -> bool:
    start = block.find(part)
    while start != -1:
        end = start + len(part)
        starts_clean = start == 0 or block[start - 1] in SENTENCE_ENDS + CLOSERS
        ends_clean = end == len(block) or part[-1] in SENTENCE_ENDS + CLOSERS
        if starts_clean and ends_clean:
            return True
        start = block.find(part, start + 1)
    return False
