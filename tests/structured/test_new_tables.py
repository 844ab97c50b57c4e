"""Tables of the same kinds but new documents (written for these tests) parse without code changes."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from corpus import load_document
from structured import build_tables

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_new_years_progress_table_parses(tmp_path):
    document = load_document(FIXTURES / "zq_2024_progress.txt")
    tables = build_tables([document])
    assert tables.warnings == []
    stations = tables.frames["stations"].set_index(["station", "pollutant"])
    assert set(stations.index) == {("城中", "PM2.5"), ("城中", "O3"), ("睦岗", "PM2.5")}
    assert stations.loc[("城中", "PM2.5"), ["value", "target"]].tolist() == [27, 25]
    assert stations.loc[("城中", "PM2.5"), "status"] == "not_met"
    assert stations.loc[("城中", "O3"), "status"] == "completed"
    assert set(tables.frames["stations"]["period"]) == {"1-9月"}
    assert set(tables.frames["stations"]["middle_bound"]) == {"2023年年均值"}

    funds = tables.frames["funds"].set_index(["fund_year", "level"])
    assert funds.loc[(2023, "各级"), "rate"] == 91.2
    assert funds.loc[(2023, "各级"), "target"] == 100 and funds.loc[(2023, "各级"), "target_due"]
    assert funds.loc[(2024, "省级以上"), "rate"] == 35.5 and funds.loc[(2024, "省级以上"), "target_due"]
    assert funds.reset_index()["region"].unique().tolist() == ["端州区"]  # merged region carried down

    tasks = tables.frames["tasks"]
    dinghu = tasks[tasks["region"] == "鼎湖区"].iloc[0]
    assert (dinghu["status"], dinghu["done"], dinghu["total"], dinghu["rate_stated"]) == ("lagging", 12, 48, 30)
    assert dinghu["rate_computed"] == 25 and not dinghu["rate_consistent"]  # 12/48 is 25%, not 30%
    assert dinghu["deadline"] == "2024-10-31" and dinghu["year"] == 2024 and dinghu["period"] == "1-9月"

    behind = tables.frames["tasks"][tables.frames["tasks"]["status"].isin(("lagging", "not_met"))]
    assert set(behind["region"]) == {"端州区", "鼎湖区"}


def test_markdown_indicator_table_parses():
    document = load_document(FIXTURES / "zq_indicators.md")
    indicators = build_tables([document]).frames["indicators"].set_index("seq")
    assert indicators.loc["1", "computed_status"] == "达标"
    # 26 > 25 although the document says 达标: flagged, not trusted
    assert indicators.loc["2", "computed_status"] == "未达标"
    assert indicators.loc["2", "check"].startswith("文件写「达标」")
    assert (
        indicators.loc["3", "current_value"] is None
        or indicators.loc["3", "current_value"] != indicators.loc["3", "current_value"]
    )


def test_docx_progress_table_with_merged_cells(tmp_path):
    path = tmp_path / "progress.docx"
    word = docx.Document()
    word.add_paragraph("2024年示例市重点任务完成情况表（1-6月）")
    table = word.add_table(rows=3, cols=4)
    for cell, text in zip(table.rows[0].cells, ["区域", "主要任务", "工作内容及要求", "工作进展情况"], strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "蓬江区"
    table.rows[1].cells[0].merge(table.rows[2].cells[0])  # the region spans both rows
    table.rows[1].cells[1].text = "完成10座加油站油气回收改造。"
    table.rows[1].cells[2].text = "2024年9月底前完成。"
    table.rows[1].cells[3].text = "【重点考核】进度滞后。已完成2座。"
    table.rows[2].cells[1].text = "完成城区污水管网排查。"
    table.rows[2].cells[2].text = "2024年6月底前完成。"
    table.rows[2].cells[3].text = "按进度完成。"
    word.save(path)
    document = load_document(path)
    assert document.tables[0].rows[2][0] == "蓬江区"  # a merged cell's text fills every row it spans
    tasks = build_tables([document]).frames["tasks"]
    assert list(tasks["region"]) == ["蓬江区", "蓬江区"]
    assert list(tasks["status"]) == ["lagging", "completed"]
    assert list(tasks["key_assessment"]) == [True, False]


def test_xlsx_indicator_sheet(tmp_path):
    path = tmp_path / "indicators.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "指标"
    sheet.append(["2024年指标完成情况表"])
    sheet.append(["序号", "指标名称", "单位", "指标值", "现状值", "达标情况"])
    sheet.append([1, "城镇污水处理率", "%", "≥95", 96.2, "达标"])
    sheet.append([2, "公共交通出行分担率", "%", "≥50", 41, "未达标"])
    book.save(path)
    document = load_document(path)
    assert document.tables[0].caption == "2024年指标完成情况表"
    indicators = build_tables([document]).frames["indicators"].set_index("seq")
    assert indicators.loc["1", "current_value"] == 96.2 and indicators.loc["1", "computed_status"] == "达标"
    assert indicators.loc["2", "computed_status"] == "未达标" and indicators.loc["2", "consistent"]


def test_malformed_tables_are_reported_and_the_rest_loads(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(
        "示例文件\n"
        "\t甲\n\t乙\n\t丙\n\n\t一\n\t二\n\t三\n\n\t四\n\t五\n\t六\n\n\n"
        "第二个表\n"
        "\t区域\n\t主要任务\n\t工作进展情况\n\n"
        "\t蓬江区\n\t建设污水管网。\n\t按进度推进。\n\n"
        "\t江海区\n\t建设污水管网。\n\t进度滞后。\n\t多出来的一格\n\n"
        "\t新会区\n\t建设污水管网。\n\t按进度推进。\n",
        encoding="utf-8",
    )
    document = load_document(path)
    tables = build_tables([document])
    # words only, no figures: not a table a question can compute over, so it is text and said so
    assert any(
        "表头中没有可识别的列名" in w and "只作为文字检索" in w and document.doc_id in w for w in tables.warnings
    )
    assert not tables.generic
    assert any("第2行" in w and "4 个单元格" in w for w in tables.warnings)
    assert list(tables.frames["tasks"]["region"]) == ["蓬江区", "江海区", "新会区"]


def test_a_project_sheets_total_row_is_its_total_whatever_column_names_the_rows(tmp_path):
    # the 合计 row's name cell is in 项目名称; its 建设内容 is 「—」: it is still the total, never a project
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目名称", "建设内容", "2024年计划投资（万元）"])
    sheet.append(["甲镇污水管网", "新建管网12公里", 12000])
    sheet.append(["乙河整治", "清淤4公里", 8000])
    sheet.append(["合计", "—", 20000])
    path = tmp_path / "某市2024年生态环境保护重点项目计划表.xlsx"
    book.save(path)
    frame = next(f for name, f in build_tables([load_document(path)]).frames.items() if name.startswith("g"))
    totals = frame[frame["total_row"].astype(bool)]
    assert len(totals) == 1 and "合计" in totals.iloc[0]["entity"]


def test_a_sheets_list_of_units_gives_counts_and_amounts_their_own():
    from structured.generic import _listed_unit

    assert _listed_unit("万元、%、个", {"label": "入库储备项目"}) == "个"
    assert _listed_unit("万元、%、个", {"label": "储备项目总投资"}) == "万元"
    assert _listed_unit("微克/立方米", {"label": "PM2.5"}) == "微克/立方米"


def test_a_district_the_gazetteer_may_not_know_is_its_rows_place(tmp_path):
    """平城区 (大同, named so since 2018) ends in 城区 like 主城区 does; its row is its own place, while 主城区 and
    建成区 rows stay the document's city's."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["县（区）", "PM2.5（微克/立方米）", "综合指数"])
    for row in (["平城区", 31, 4.06], ["新荣区", 27, 3.62], ["阳高县", 30, 3.75], ["天镇县", 29, 3.7],
                ["主城区", 33, 4.2], ["建成区", 34, 4.3]):  # fmt: skip
        sheet.append(row)
    path = tmp_path / "2048年1-9月大同市各县（区）环境空气质量主要指标.xlsx"
    book.save(path)
    frame = next(f for name, f in build_tables([load_document(path)]).frames.items() if name.startswith("g"))
    assert list(frame["region"]) == ["平城区", "新荣区", "阳高县", "天镇县", "大同市", "大同市"]


def test_a_row_of_several_places_names_each_place_not_the_list(tmp_path):
    """「原平市、定襄县」 in a task's 责任区域 is two places for the lexicon, never one place of that name."""
    from structured.vocabulary import table_terms

    path = tmp_path / "忻州市2049年重点任务推进情况表.docx"
    word = docx.Document()
    word.add_paragraph("忻州市2049年重点任务推进情况表")
    rows = [["序号", "责任区域", "重点任务", "进展情况", "完成状态"], ["1", "原平市、定襄县", "滹沱河治理", "完成60%", "进度滞后"],
            ["2", "五台县", "矿山复绿", "已完成", "已完成"]]  # fmt: skip
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            cell.text = text
    word.save(path)
    places = {t.value for t in table_terms(build_tables([load_document(path)])) if t.kind == "place"}
    assert {"原平市", "定襄县", "五台县"} <= places and not any("、" in p for p in places)
