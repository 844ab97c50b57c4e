"""Which tables of one document are stacked into one (`structured.stacking`), and how (made-up grids; the expected
stacks read off them)."""

from __future__ import annotations

from corpus.model import Document, DocumentInfo, Table
from structured.build import build_tables
from structured.progress import read_numbers
from structured.stacking import stack_siblings

HEADER = ["企业名称", "二氧化硫排放量（吨）"]


def _document(*tables: Table) -> Document:
    info = DocumentInfo(doc_id="d1", title="吕梁市2089年重点企业排放统计", source_file="d1.docx", region="吕梁市")
    return Document(info=info, blocks=[], tables=list(tables))


def _table(index: int, caption: str, rows: list[list[str]], heading: str = "", sheet: str = "") -> Table:
    path = ("吕梁市2089年重点企业排放统计", heading) if heading else ()
    return Table(index=index, caption=caption, rows=[HEADER, *rows], heading_path=path, sheet=sheet)


def test_sheets_a_quarter_become_one_table_with_a_quarter_column():
    """Two sheets 「第1季度」「第2季度」: one grid, the column last; a 合计 row keeps its own name; each row cited in its
    own sheet."""
    first = _table(1, "吕梁市2089年第1季度重点企业排放统计", [["鑫源焦化", "120"], ["合计", "150"]], sheet="第1季度")
    second = _table(2, "吕梁市2089年第2季度重点企业排放统计", [["鑫源焦化", "90"], ["合计", "110"]], sheet="第2季度")
    [(table, origins)] = stack_siblings(_document(first, second))
    assert table.rows[0] == [*HEADER, "季度"]
    assert table.rows[2] == ["合计", "150", "第1季度"] and table.rows[3] == ["鑫源焦化", "90", "第2季度"]
    assert table.caption == "吕梁市2089年重点企业排放统计"
    assert origins[2].startswith("工作表「第2季度」") and origins[2].endswith("第1行")


def test_a_month_beside_the_months_to_it_is_not_stacked():
    """「2089年5月…」 and 「2089年1-5月…」: a month and a span that holds it — two tables."""
    may = _table(1, "表1 2089年5月重点企业排放统计", [["鑫源焦化", "20"]])
    to_may = _table(2, "表2 2089年1-5月重点企业排放统计", [["鑫源焦化", "100"]])
    assert [t for t, _ in stack_siblings(_document(may, to_may))] == [may, to_may]


def test_tables_of_two_years_are_not_stacked():
    """Headings 「（一）2088年」「（二）2089年」: each year's own table."""
    older = _table(1, "", [["鑫源焦化", "140"]], heading="（一）2088年")
    newer = _table(2, "", [["鑫源焦化", "120"]], heading="（二）2089年")
    assert len(stack_siblings(_document(older, newer))) == 2


def test_tables_under_headings_of_kinds_get_a_kind_column_and_keep_section_rows():
    """「（一）工业企业」「（二）建筑工地」: a 类别 column; a section row (one cell filled) gets no value."""
    plants = _table(1, "", [["一、焦化", ""], ["鑫源焦化", "120"]], heading="（一）工业企业")
    sites = _table(2, "", [["城北工地", "3"]], heading="（二）建筑工地")
    [(table, _)] = stack_siblings(_document(plants, sites))
    assert table.rows[0][-1] == "类别"
    assert table.rows[1] == ["一、焦化", "", ""] and table.rows[3] == ["城北工地", "3", "建筑工地"]


def test_stacked_places_by_column_are_built():
    """Tables of places across (考核项目 | 离石区 | 文水县 | 合计) under two headings: built, no row lost."""
    header = ["考核项目", "单位", "离石区", "文水县", "合计"]
    air = Table(1, "", [header, ["PM2.5", "微克/立方米", "40", "42", "—"], ["优良天数", "天", "280", "290", "—"]],
                heading_path=("吕梁市2089年考核情况", "（一）大气环境"))  # fmt: skip
    water = Table(2, "", [header, ["断面达标", "个", "3", "2", "5"], ["水源地", "个", "1", "1", "2"]],
                  heading_path=("吕梁市2089年考核情况", "（二）水环境"))  # fmt: skip
    tables = build_tables([_document(air, water)])
    assert sum(len(tables.frames[name]) for name in tables.generic) >= 4


def test_a_rate_a_clause_sets_as_the_aim_is_not_the_rate_done():
    """「按要求6月底前需完成60%，目前完成进度45%」: 45; 「计划年底完成80%，目前已完成50%」: 50; 「完成56%」 alone: 56."""
    assert read_numbers("按要求6月底前需完成60%，目前完成进度45%", []).rate_stated == 45
    assert read_numbers("计划年底完成80%，目前已完成50%", []).rate_stated == 50
    assert read_numbers("新建管网32公里，已完成18公里，完成56%", []).rate_stated == 56
    assert read_numbers("完成补播改良1.2万亩，占计划的60%", []).rate_stated == 60


def test_sheets_whose_headers_say_their_columns_differently_are_one_series():
    """「1月」 headed 「PM2.5浓度」 in one row, 「2月」 headed 「主要污染物浓度（微克/立方米）·PM2.5」 in two: one table of
    both months' rows."""
    january = Table(1, "吕梁市2089年1月各县空气质量排名", [["县（市、区）", "PM2.5浓度", "PM10浓度"],
                                                          ["离石区", "62", "95"]], sheet="1月")  # fmt: skip
    february = Table(2, "吕梁市2089年2月各县空气质量排名",
                     [["县（市、区）", "主要污染物浓度（微克/立方米）", "主要污染物浓度（微克/立方米）"],
                      ["县（市、区）", "PM2.5", "PM10"], ["离石区", "55", "88"]], sheet="2月")  # fmt: skip
    [(table, origins)] = stack_siblings(_document(january, february))
    assert table.rows[1:] == [["离石区", "62", "95", "1月"], ["离石区", "55", "88", "2月"]]
    assert origins == ["工作表「1月」表1 第1行", "工作表「2月」表2 第1行"]


def test_one_header_in_two_units_or_of_two_pollutants_is_not_stacked():
    """「总投资（万元）」 beside 「总投资（亿元）」, 「PM2.5·浓度」 beside 「SO2·浓度」: each its own table."""

    def grid(header, value):
        return [["项目名称", header], ["甲项目", value]]

    million = Table(1, "", grid("总投资（万元）", "850"), heading_path=("吕梁市2089年项目", "（一）水环境项目"))
    hundred_million = Table(
        2, "", grid("总投资（亿元）", "1.7"), heading_path=("吕梁市2089年项目", "（二）大气环境项目")
    )
    assert len(stack_siblings(_document(million, hundred_million))) == 2
    fine = Table(1, "", [["县区", "PM2.5", "PM2.5"], ["县区", "浓度", "同比"], ["离石区", "40", "-2"]],
                 heading_path=("吕梁市2089年空气", "（一）细颗粒物"))  # fmt: skip
    sulphur = Table(2, "", [["县区", "SO2", "SO2"], ["县区", "浓度", "同比"], ["离石区", "12", "1"]],
                    heading_path=("吕梁市2089年空气", "（二）二氧化硫"))  # fmt: skip
    assert len(stack_siblings(_document(fine, sulphur))) == 2


def test_a_caption_with_no_year_stacks_with_one_that_says_it():
    """「2089年1月各县PM2.5」 and 「2月各县PM2.5」: one series of months."""
    january = _table(1, "2089年1月重点企业排放统计", [["鑫源焦化", "20"]], sheet="1月")
    february = _table(2, "2月重点企业排放统计", [["鑫源焦化", "18"]], sheet="2月")
    assert len(stack_siblings(_document(january, february))) == 1


def test_a_kind_column_does_not_take_the_name_of_one_the_tables_have():
    """Tables headed 类别 | 企业名称 under 「（一）工业企业」「（二）建筑工地」: the added column is not a second 类别."""
    header = ["类别", "企业名称", "排放量（吨）"]
    plants = Table(1, "", [header, ["焦化", "鑫源焦化", "120"]], heading_path=("吕梁市2089年排放", "（一）工业企业"))
    sites = Table(2, "", [header, ["扬尘", "城北工地", "3"]], heading_path=("吕梁市2089年排放", "（二）建筑工地"))
    [(table, _)] = stack_siblings(_document(plants, sites))
    assert table.rows[0].count("类别") == 1
