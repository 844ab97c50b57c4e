"""A city's dispatch sheets of layouts the bundled corpus does not have (莆田市, all figures made up here;
expected answers are read off the rows below):

- a task sheet with a 计量单位 column (家 / 座 / 个 per row) and a two-row header whose 「1-10月完成情况」
  spans 累计完成量 and 完成率;
- a stations sheet with, per pollutant, this year's reading, last year's 同期, the 同比 and the
  pollutant's own 评价 column;
- a funds sheet of 资金类别 (省级以上 / 市级) with a 序时要求 and an 执行情况 of 达到序时 / 未达序时;
- a Word list of enterprises whose units stand in a line above it, one per group of columns;
- a PDF table over two pages whose two-row header is repeated on the second.
"""

from __future__ import annotations

import docx
import pytest

from corpus import load_document
from tests.support.documents import workbook

TASK_HEADER = [
    ["序号", "县（区）", "重点任务", "计量单位", "年度目标任务量", "1-10月完成情况", None, "序时进度要求（%）", "进度评价"],
    ["序号", "县（区）", "重点任务", "计量单位", "年度目标任务量", "累计完成量", "完成率（%）", "序时进度要求（%）", "进度评价"],
]  # fmt: skip
TASKS = [(1, "城厢区", "餐饮油烟治理", "家", 60, 48, 80.0, 83.3, "滞后"),
         (2, "涵江区", "陶瓷窑炉改造", "座", 40, 36, 90.0, 83.3, "序时推进"),
         (3, "荔城区", "餐饮油烟治理", "家", 50, 45, 90.0, 83.3, "序时推进"),
         (4, "秀屿区", "入海排污口整治", "个", 30, 20, 66.7, 83.3, "滞后")]  # fmt: skip
STATION_HEADER = [
    ["县（区）", "站点", "PM10", None, None, None, "NO2", None, None, None],
    ["县（区）", "站点", "2025年1-10月", "2024年同期", "同比（%）", "评价", "2025年1-10月", "2024年同期", "同比（%）", "评价"],
]  # fmt: skip
# PM10: 凤山站 has the highest 2024年同期 (55), 江口站 the highest reading this year (52)
STATIONS = [("城厢区", "凤山站", 45, 55, -18.2, "完成", 22, 20, 10.0, "未完成"),
            ("涵江区", "江口站", 52, 50, 4.0, "未完成", 18, 19, -5.3, "完成"),
            ("荔城区", "拱辰站", 48, 49, -2.0, "基本完成", 25, 23, 8.7, "未完成"),
            ("秀屿区", "东峤站", 39, 41, -4.9, "完成", 15, 15, 0.0, "完成")]  # fmt: skip
FUND_HEADER = [
    "县（区）",
    "资金类别",
    "下达资金（万元）",
    "实际支出（万元）",
    "执行率（%）",
    "序时要求（%）",
    "执行情况",
]
FUNDS = [("城厢区", "省级以上", 1000, 700, 70.0, 75, "未达序时"), ("城厢区", "市级", 300, 270, 90.0, 75, "达到序时"),
         ("涵江区", "省级以上", 1500, 1200, 80.0, 75, "达到序时"), ("涵江区", "市级", 200, 100, 50.0, 75, "未达序时"),
         ("荔城区", "省级以上", 900, 630, 70.0, 75, "未达序时"), ("秀屿区", "省级以上", 1200, 960, 80.0, 75, "达到序时")]  # fmt: skip
ENTERPRISES = [("1", "莆田华能电厂", "35", "50", "320.5", "610.0"), ("2", "湄洲湾石化公司", "50", "100", "150.2", "280.4"),
               ("3", "荔城陶瓷公司", "100", "200", "12.3", "40.1")]  # fmt: skip
LIST_TITLE = "2025年莆田市重点排污单位排放限值一览表"


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("putian")
    sheets = folder / "莆田市2025年1-10月污染防治攻坚调度表.xlsx"
    workbook(
        sheets,
        {"重点任务": [["莆田市2025年1-10月重点任务推进情况调度表"], *TASK_HEADER, *TASKS],
         "考核站点": [["2025年1-10月各县（区）空气质量考核站点浓度情况（单位：微克/立方米）"], *STATION_HEADER, *STATIONS],
         "专项资金": [["2025年各县（区）生态环境专项资金执行情况"], FUND_HEADER, *FUNDS]},
        merged={"重点任务": ("F2:G2",), "考核站点": ("C2:F2", "G2:J2")},
    )  # fmt: skip
    listing = folder / "莆田市2025年重点排污单位名录.docx"
    word = docx.Document()
    word.add_paragraph(LIST_TITLE)
    word.add_paragraph("（排放限值单位：毫克/立方米；许可排放量单位：吨/年）")
    table = word.add_table(rows=1, cols=6)
    header = ["序号", "单位名称", "二氧化硫排放限值", "氮氧化物排放限值", "二氧化硫许可排放量", "氮氧化物许可排放量"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in ENTERPRISES:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    word.save(listing)
    return [load_document(sheets), load_document(listing)]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def _head(answer) -> str:
    return answer.text.split("\n")[0]


def test_a_count_in_the_unit_its_row_states(ask):
    answer = ask("城厢区餐饮油烟治理到10月底完成多少家了？进度正常吗？")
    assert "48家" in answer.text and "滞后" in answer.text


def test_what_is_left_of_a_target_under_a_two_row_header(ask):
    answer = ask("涵江区陶瓷窑炉改造离全年目标还差几座？")
    assert "4座" in answer.text


def test_the_status_column_of_the_pollutant_asked(ask):
    head = _head(ask("PM10评价为未完成的站点有哪些？"))
    assert "江口站" in head and "凤山站" not in head and "拱辰站" not in head
    head = _head(ask("NO2评价为未完成的站点有哪些？"))
    assert "凤山站" in head and "拱辰站" in head and "江口站" not in head


def test_up_on_last_year_by_the_pollutants_own_change_column(ask):
    answer = ask("NO2浓度比去年同期上升的站点有几个？都是哪些？")
    head = answer.text.split("\n")[0]
    assert "2" in head
    assert {"凤山站", "拱辰站"} <= {n for n in ("凤山站", "拱辰站", "江口站", "东峤站") if n in answer.text}
    assert "江口站" not in answer.text and "东峤站" not in answer.text  # 东峤站 0.0: not up


def test_this_years_reading_not_last_years_same_period(ask):
    head = _head(ask("1-10月PM10浓度最高的是哪个站点？"))
    assert "江口站" in head and "52" in head


def test_a_negated_verdict_of_a_fund_level(ask):
    head = _head(ask("省级以上资金执行率没达到序时要求的是哪几个区？"))
    assert "城厢区" in head and "荔城区" in head
    assert "涵江区" not in head and "秀屿区" not in head  # 涵江区's 市级 only


def test_the_top_k_said_without_qian(ask):
    head = _head(ask("省级以上资金下达最多的是哪两个区？"))
    assert "涵江区" in head and "秀屿区" in head and "城厢区" not in head


def test_units_stated_above_a_list_per_group_of_columns(ask, documents):
    listing = documents[1].tables[0]
    assert listing.caption == LIST_TITLE  # the unit line is the table's note, not its title
    answer = ask("这批企业二氧化硫许可排放量加起来一共多少吨？")
    assert "483" in _head(answer) and "吨/年" in _head(answer)  # 320.5 + 150.2 + 12.3


def test_a_two_row_header_repeated_on_the_next_page_is_no_row(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    header = [["站点", "PM10", "", "NO2", ""], ["", "浓度", "评价", "浓度", "评价"]]
    body = [[f"测试{n}号站", str(30 + n % 20), "完成", str(10 + n % 15), "完成"] for n in range(1, 61)]
    table = Table(header + body, repeatRows=2)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                               ("SPAN", (1, 0), (2, 0)), ("SPAN", (3, 0), (4, 0))]))  # fmt: skip
    path = tmp_path / "莆田市站点监测表.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    document = load_document(path)
    assert len(document.tables) == 1
    rows = document.tables[0].rows
    assert sum(r[0] == "站点" for r in rows) == 1 and sum("评价" in r for r in rows) == 1
    assert len(rows) == 2 + 60
