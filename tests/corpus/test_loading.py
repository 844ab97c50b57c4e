"""Loading the seed documents: table counts, row counts, headings, cells — read off the files."""

from __future__ import annotations

import re

import pytest

from corpus import DocumentLoadError, load_document

HAIMEN = "hm-2020-work-plan"


def data_rows(table):
    return table.rows[1:]


def test_000_has_one_table_of_35_tasks(corpus_documents):
    doc = corpus_documents["jm-2020h1-key-tasks"]
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows[0] == ["序号", "区域", "指标名称", "考核内容", "目标要求", "完成情况"]
    assert [row[0] for row in data_rows(table)] == [str(n) for n in range(1, 36)]
    assert all(len(row) == 6 for row in table.rows)


def test_001_has_one_table_of_25_rows(corpus_documents):
    doc = corpus_documents["jm-2023h1-lagging-tasks"]
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows[0] == ["区域", "主要任务", "工作内容及要求", "工作进展情况"]
    assert len(data_rows(table)) == 25
    # 江海区's station row has a blank line inside a cell before the next cell: still one row
    jianghai_stations = [r for r in table.rows if r[0] == "江海区" and "江海中沙" in r[1]]
    assert len(jianghai_stations) == 1 and len(jianghai_stations[0]) == 4
    assert jianghai_stations[0][3].startswith("【重点考核】")


def test_002_has_two_annex_tables(corpus_documents):
    doc = corpus_documents[HAIMEN]
    assert len(doc.tables) == 2
    annex1, annex2 = doc.tables
    numbers = [int(row[0]) for row in data_rows(annex1)]
    assert numbers == [n for n in range(1, 91) if n != 6]
    assert "任务分解表" in annex1.caption
    assert annex2.caption == "海门市2020年污染防治攻坚战南通市级考核项目责任分解表"
    assert annex2.rows[0][:3] == ["序号", "项目名称", "项目类型"]
    assert annex2.rows[1][5:9] == ["一季度", "二季度", "三季度", "四季度"]
    assert [row[0] for row in annex2.rows if row[0]][1:] == [str(n) for n in range(1, 11)]


def test_003_table1_has_19_indicators_and_no_toc_table(corpus_documents):
    doc = corpus_documents["jm-13th-five-year-plan"]
    assert len(doc.tables) == 1  # the table of contents also has tabs but is not a table
    table = doc.tables[0]
    assert table.caption.startswith("表 1")
    assert [row[0] for row in data_rows(table)] == [str(n) for n in range(1, 20)]
    assert table.rows[2][2] == "PM2.5 年均浓度 (μg/m3)"  # <sub>/<sup> markup cleaned
    assert table.notes and table.notes[0].startswith("*为 2015 年排放总量")


def test_004_indicator_table_numbers_1_to_37(corpus_documents):
    doc = corpus_documents["jm-2020-eco-civilization-programme"]
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.caption == "江门市生态文明建设规划指标体系表"
    numbers = [row[2] for row in data_rows(table) if row[2]]
    assert numbers == [str(n) for n in range(1, 38)]


def test_multiline_cells_keep_line_breaks(corpus_documents):
    table = corpus_documents["jm-2020h1-key-tasks"].tables[0]
    first_task = table.rows[1]
    assert first_task[4] == (
        "（1）2020年6月底前，完成30家县级挥发性有机物重点监管企业“一企一策”综合整治。\n"
        "（2）2020年9月底前，完成35家新增挥发性有机物重点企业“一企一策”综合整治。"
    )


def test_merged_cells_stay_empty(corpus_documents):
    table = corpus_documents["jm-2023h1-lagging-tasks"].tables[0]
    regions = [row[0] for row in data_rows(table)]
    assert regions[0] == "蓬江区" and regions[1] == ""  # 蓬江区's second row: region merged
    annex1 = corpus_documents[HAIMEN].tables[0]
    row_11 = next(r for r in annex1.rows if r[0] == "11")
    assert row_11[1:3] == ["", ""]


def test_heading_paths_of_002(corpus_documents):
    doc = corpus_documents[HAIMEN]
    block = next(b for b in doc.blocks if b.text.startswith("6. 打好水源地保护攻坚战"))
    assert "（二）打好碧水保卫战" in block.heading_path
    assert block.heading_path[0] == "二、主要任务"


def test_heading_paths_of_003(corpus_documents):
    doc = corpus_documents["jm-13th-five-year-plan"]
    block = next(b for b in doc.blocks if b.text.startswith("持续改善区域空气质量"))
    assert block.heading_path[:2] == (
        "第五章 系统推进污染治理攻坚，加快改善环境质量",
        "第一节 全面实施空气质量达标管理",
    )
    # 「## **二、多措并举…」 is under 第一节 although its Markdown level says otherwise
    block = next(b for b in doc.blocks if "淘汰落后水泥企业" in b.text)
    assert block.heading_path == (
        "第一章 背景与形势",
        "第一节 “十二五”生态环保工作的主要措施与成效",
        "二、多措并举，推进污染减排工作",
    )


def test_pdf_page_breaks_are_joined(corpus_documents):
    doc = corpus_documents["jm-13th-five-year-plan"]
    # 「…积极引导各类工业园区…，促」/「进园区经济社会的可持续发展」 was cut by a page break
    assert any("促进园区经济社会的可持续发展" in b.text for b in doc.blocks)
    assert not any(b.text.startswith("进园区经济") for b in doc.blocks)


def test_table_of_contents_lines_are_not_headings(corpus_documents):
    doc = corpus_documents["jm-13th-five-year-plan"]
    intro = next(b for b in doc.blocks if b.text.startswith("“十三五”时期是我市"))
    assert intro.heading_path == ("江门市生态环保“十三五”规划",) or intro.heading_path == ()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("latin.txt", bytes(range(0x80, 0x100)) * 4, "无法识别文本编码"),
        ("empty.txt", b"", "文件为空"),
        ("blank.md", b"  \n\n ", "文件为空"),
        ("binary.txt", b"\x00\x01\x02abc", "不是文本文件"),
        ("table.csv", b"a,b\n1,2\n", "不支持的文件类型"),
        ("broken.docx", b"PK not really a zip", "文件内容是文本文件"),
    ],
)
def test_bad_files_name_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentLoadError) as caught:
        load_document(path)
    assert name in str(caught.value) and reason in str(caught.value)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_chinese_text_in_common_encodings_is_read(tmp_path, encoding):
    text = "江门市2020年PM2.5年均浓度目标为32微克/立方米。\n鹤山市完成燃煤锅炉整治。"
    path = tmp_path / "通知.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_document(path)
    assert "鹤山市完成燃煤锅炉整治" in " ".join(b.text for b in doc.blocks)


def test_missing_path_is_named(tmp_path):
    with pytest.raises(DocumentLoadError, match=re.escape("nowhere.txt") + ".*文件不存在|文件不存在.*nowhere.txt"):
        load_document(tmp_path / "nowhere.txt")


def test_a_spreadsheet_number_reads_as_its_cell_shows_it(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["区县", "优良天数比例", "执行率", "降尘量", "人口"])
    # 0.96 shown 96.0%, 0.4054 shown 40.54%, 0.955 shown 96% (never rounded away), 3.5 shown 3.50, 12 as is
    sheet.append(["甲区", 0.96, 0.4054, 3.5, 12])
    sheet.append(["乙区", 0.955, 0.6, 2.25, 7])
    for row in (2, 3):
        sheet[f"B{row}"].number_format = "0.0%"
        sheet[f"C{row}"].number_format = "0.00%"
        sheet[f"D{row}"].number_format = "0.00"
    sheet["B3"].number_format = "0%"
    path = tmp_path / "示例区统计.xlsx"
    book.save(path)
    rows = load_document(path).tables[0].rows
    assert rows[1][1:] == ["96.0%", "40.54%", "3.50", "12"]
    assert rows[2][1:] == ["95.5%", "60.00%", "2.25", "7"]


def test_a_table_typed_with_spaces_in_a_text_file_is_a_table(tmp_path):
    """A notice's table aligned with spaces under 「-----」 rulers (GB18030, CRLF, as offices save
    them): each cell under its header column, an empty cell left empty, the note under it kept."""
    text = (
        "示例市生态环境局关于上半年执法情况的通报\r\n\r\n"
        "表1　上半年各地区行政处罚情况\r\n"
        "--------------------------------------------------\r\n"
        "地区        立案数（宗）  罚没金额（万元）  备注\r\n"
        "--------------------------------------------------\r\n"
        "甲区        12            88.5              重点督办\r\n"
        "乙县        7             41.0\r\n"
        "合计        19            129.5\r\n"
        "--------------------------------------------------\r\n"
        "注：罚没金额含罚款和没收违法所得。\r\n\r\n"
        "二、下一步工作\r\n　　下半年继续开展专项执法。\r\n"
    )
    path = tmp_path / "执法情况通报.txt"
    path.write_bytes(text.encode("gb18030"))
    document = load_document(path)
    (table,) = document.tables
    assert table.caption == "表1　上半年各地区行政处罚情况"
    assert table.rows == [
        ["地区", "立案数（宗）", "罚没金额（万元）", "备注"],
        ["甲区", "12", "88.5", "重点督办"],
        ["乙县", "7", "41.0", ""],
        ["合计", "19", "129.5", ""],
    ]
    assert table.notes == ["注：罚没金额含罚款和没收违法所得。"]
    assert "下半年继续开展专项执法" in " ".join(b.text for b in document.blocks)


def test_a_header_typed_over_its_ruler_heads_the_table(tmp_path):
    """「序号  项目名称 …」 over 「-----」 (no ruler above it): the header is the first row, the 单位 line a note,
    and the 合计 row keeps its own blanks."""
    text = (
        "2030年示例市重点项目清单\n单位：万元\n"
        "序号  项目名称                  所在地   总投资\n"
        "---------------------------------------------\n"
        "1     甲区排污口规范化整治      甲区     2800\n"
        "2     乙县污水处理厂提标改造    乙县     12400\n"
        "---------------------------------------------\n"
        "      合计（2个项目）                    15200\n"
    )
    path = tmp_path / "项目清单.txt"
    path.write_text(text, encoding="utf-8")
    (table,) = load_document(path).tables
    assert table.caption == "2030年示例市重点项目清单" and table.notes == ["单位：万元"]
    assert table.rows[0] == ["序号", "项目名称", "所在地", "总投资"]
    assert table.rows[-1] == ["", "合计（2个项目）", "", "15200"]


def test_numbered_sentences_are_text_not_only_headings(tmp_path):
    path = tmp_path / "报告.md"
    path.write_text(
        "## 五、第四季度工作安排\n\n1. 开展秋冬季大气污染防治百日攻坚行动，聚焦扬尘和柴油货车。\n"
        "2. 对滞后序时的任务逐项下发督办函，明确整改时限。\n3. 10月底前专项资金执行率仍未达到序时进度的，收回统筹使用。\n",
        encoding="utf-8",
    )
    said = " ".join(b.text for b in load_document(path).blocks)
    assert "下发督办函" in said and "收回统筹使用" in said


def test_prose_with_wide_gaps_is_not_a_spaced_table(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text(
        "填报单位：示例市生态环境局          填报时间：2025年7月10日\r\n"
        "一、总体要求\r\n　　各地要  加快推进  整治工作。\r\n　　各县区  要  加强调度。\r\n"
        "　　市直部门  要  做好配合。\r\n"
        "目  录\r\n第一章  总则  1\r\n第二章  目标  3\r\n第三章  任务  5\r\n",
        encoding="utf-8",
    )
    assert load_document(path).tables == []


def test_an_issuers_line_with_a_remark_after_its_date_is_no_caption():
    from corpus.assembler import _captions

    assert not _captions("某市环境监测站 2039年7月15日 （监测依据：《地表水环境质量标准》（GB 3838—2002），按月评价）")
    assert _captions("表1 2039年上半年地表水考核断面水质类别")


def test_a_markdown_heading_right_over_a_table_titles_it(tmp_path):
    # 「# …执行情况表（单位：万元）」 then the table, nothing between: its caption, whose unit its figures are in
    path = tmp_path / "资金.md"
    path.write_text(
        "# 示例市2079年专项资金执行情况表（单位：万元）\n\n| 序号 | 项目名称 | 下达资金 |\n|---|---|---|\n| 1 | 甲项目 | 800 |\n",
        encoding="utf-8",
    )
    assert load_document(path).tables[0].caption == "示例市2079年专项资金执行情况表（单位：万元）"
    path.write_text(
        "# 一、总体情况\n\n全市推进顺利。\n\n| 序号 | 项目名称 |\n|---|---|\n| 1 | 甲项目 |\n", encoding="utf-8"
    )
    assert load_document(path).tables[0].caption == ""  # (a paragraph between: the heading is no title)
