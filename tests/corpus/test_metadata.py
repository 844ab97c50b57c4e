"""Metadata of a new document from its first lines; metadata users type, checked."""

from __future__ import annotations

import pytest

from corpus import load_document
from corpus.assembler import DocumentAssembler
from corpus.metadata import infer_info, infer_kind, most_specific_place, validate_edits
from tests.support import documents as fx


def _parsed(*lines: str) -> DocumentAssembler:
    parsed = DocumentAssembler()
    for line in lines:
        parsed.add_line(line)
    return parsed.finish()


def test_a_word_table_after_an_attachment_line(tmp_path):
    info = load_document(fx.progress_docx(tmp_path)).info
    assert info.title == fx.PROGRESS_TITLE  # not 「附件」
    assert (info.region, info.year, info.period, info.kind) == (fx.CITY, fx.YEAR, "1-6月", "progress_table")


def test_a_pdf_that_starts_with_its_issuer(tmp_path):
    info = load_document(fx.programme_pdf(tmp_path)).info
    assert info.title == fx.PDF_TITLE  # from 「关于印发《…》的通知」, not the issuer on the first line
    assert info.issuer == f"{fx.PDF_ISSUER}（{fx.PDF_NUMBER}）"
    assert (info.region, info.year, info.kind) == (fx.CITY, fx.YEAR, "work_programme")


def test_a_county_notice_in_gb18030(tmp_path):
    info = load_document(fx.gb18030_txt(tmp_path)).info
    assert info.title == fx.TXT_TITLE  # 「…关于印发<title>的通知」 without 《》
    assert info.issuer == f"翁源县人民政府办公室（翁府办函〔{fx.YEAR}〕12号）"
    assert (info.region, info.year, info.kind) == ("翁源县", fx.YEAR, "key_points")


def test_spreadsheets_take_their_title_row(tmp_path):
    plan = load_document(fx.indicator_xlsx(tmp_path)).info
    assert plan.title == fx.PLAN_TITLE
    # 十五五 gives the years, not the header 「2025年现状值」
    assert (plan.year, plan.period, plan.kind) == (2026, "2026-2030年", "five_year_plan")
    statistics = load_document(fx.statistics_xlsx(tmp_path)).info
    assert (statistics.title, statistics.kind, statistics.year) == (fx.STATS_TITLE, "statistics", fx.YEAR)


def test_the_file_name_is_the_last_resort():
    info = infer_info("2030年示例县大气污染防治工作方案.txt", _parsed("各镇人民政府：", "一、目标", "推进污染防治。"))
    assert info.title == "2030年示例县大气污染防治工作方案" and info.year == 2030


def test_the_number_line_gives_the_year():
    info = infer_info("通知.txt", _parsed("韶关市生态环境局", "韶环〔2027〕15号", "关于做好秸秆禁烧工作的通知"))
    assert info.year == 2027 and info.issuer == "韶关市生态环境局（韶环〔2027〕15号）"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2023年各县（市、区）深入打好污染防治攻坚战工作任务进度滞后情况表（1-6月）", "progress_table"),
        ("东台市2025年上半年空气质量监测情况通报", "bulletin"),
        ("2024年肇庆市城区环境空气质量月报汇总", "statistics"),
        ("海门市打赢污染防治攻坚战2020年工作计划", "work_plan"),
        ("江门市创建国家生态文明建设示范市2020年工作方案", "work_programme"),
        ("高要区2024年水污染防治工作要点", "key_points"),
        ("江门市生态环保“十三五”规划（征求意见稿）", "five_year_plan"),
        ("示例市国土空间生态修复规划", "plan"),
        ("关于公布第三批名录的公告", "other"),
    ],
)
def test_kinds_from_title_words(title, kind):
    assert infer_kind(title) == kind


def test_the_most_specific_place():
    assert most_specific_place("肇庆市高要区人民政府办公室") == "高要区"
    assert most_specific_place("2024年肇庆市各县（市、区）进度表") == "肇庆市"
    assert most_specific_place("广东省生态环境厅") == "广东省"
    assert most_specific_place("示范县建设要点") == ""  # 「范县」 inside a word is no place
    # a sheet's lines naming several 区县 of one city are of that city, not of the first 区县 named
    assert most_specific_place("区县（市） 武陵区 鼎城区 安乡县 汉寿县") == "常德市"


class TestEdits:
    def test_values_are_normalised(self):
        assert validate_edits({"region": "翁源", "kind": "统计数据", "year": " 2029 ", "title": "  新标题 "}) == {
            "region": "翁源县",
            "kind": "statistics",
            "year": 2029,
            "title": "新标题",
        }
        assert validate_edits({"year": None, "issuer": ""}) == {"year": None, "issuer": ""}

    @pytest.mark.parametrize(
        ("changes", "reason"),
        [
            ({"doc_id": "x"}, "不能修改"),
            ({}, "没有要修改"),
            ({"title": ""}, "标题不能为空"),
            ({"title": "a\x00b"}, "控制字符"),
            ({"title": "长" * 201}, "太长"),
            ({"region": "火星市"}, "不是中国的行政区划"),
            ({"year": "二〇二四"}, "四位数字"),
            ({"year": 1800}, "1949"),
            ({"year": True}, "四位数字"),
            ({"kind": "小说"}, "未知的文件类型"),
            ({"issuer": 5}, "应为文字"),
        ],
    )
    def test_bad_values_are_refused_in_chinese(self, changes, reason):
        with pytest.raises(ValueError, match=reason):
            validate_edits(changes)


def test_a_numbered_line_cut_by_the_page_width_is_one_paragraph_under_its_first_clause():
    parsed = _parsed(
        "三、下一步工作建议",
        "（一）以VOCs和氮氧化物协同减排为重点，深入开展臭氧污染防治攻坚，力争2025年优良天数",
        "比例达到97.0%。",
        "（二）臭氧污染防控压力加大",
    )
    texts = [b.text for b in parsed.blocks]
    assert "（一）以VOCs和氮氧化物协同减排为重点，深入开展臭氧污染防治攻坚，力争2025年优良天数比例达到97.0%。" in texts
    assert "比例达到97.0%。" not in texts
    block = next(b for b in parsed.blocks if "97.0%" in b.text)
    assert block.heading_path[-1] == "（一）以VOCs和氮氧化物协同减排为重点"


def test_a_title_broken_over_two_lines_is_one_line(tmp_path):
    import docx

    word = docx.Document()
    word.add_paragraph("阳江市2025年深入打好污染防治攻坚战重点任务\n进度滞后情况表（1-6月）")
    word.add_paragraph("各有关单位：现将进度滞后情况通报如下。")
    path = tmp_path / "lagging.docx"
    word.save(path)
    assert load_document(path).info.title == "阳江市2025年深入打好污染防治攻坚战重点任务进度滞后情况表（1-6月）"
