"""A city's fund, water and indicator sheets of layouts the bundled corpus does not have (佛山市 in 2027, all
figures made up here; expected answers are computed by hand from the rows below):

- funds by project with a 资金级别 column, a 小计 row per 区 (one of them a 功能区 with a long name) and a 合计 row,
  under a title and a 「（截至…）单位：万元」 line; its 执行率 is 已支出 ÷ 下达金额 on every row;
- water sections and sea points, each with this year's class, its target and last year's 同期 class, the sea's
  in GB 3097 classes (一类 … 四类);
- plan indicators with no 序号 column and each 类别 written on its first row only.
"""

from __future__ import annotations

import docx
import pytest

from corpus import load_document
from tests.support.documents import workbook

FUND_TITLE = "佛山市2027年生态环境专项资金下达及执行情况表"
FUND_HEADER = ["序号", "区（功能区）", "项目名称", "资金级别", "下达金额（万元）", "已支出（万元）", "执行率（%）"]
HIGH_TECH = "佛山高新技术产业开发区"  # ten characters before 小计
FUNDS = [(1, "禅城区", "禅城区污水管网完善", "中央", "1000.00", "400.00", "40.00"),
         (2, "禅城区", "禅城区扬尘在线监测", "省级", "500.00", "300.00", "60.00"),
         ("", "禅城区小计", "禅城区小计", "禅城区小计", "1500.00", "700.00", "46.67"),
         (3, "南海区", "南海区VOCs深度治理", "中央", "2000.00", "1500.00", "75.00"),
         (4, "南海区", "南海区河涌综合整治", "市级", "400.00", "100.00", "25.00"),
         ("", "南海区小计", "南海区小计", "南海区小计", "2400.00", "1600.00", "66.67"),
         (5, HIGH_TECH, "高新区固废处置中心", "省级", "800.00", "200.00", "25.00"),
         ("", f"{HIGH_TECH}小计", f"{HIGH_TECH}小计", f"{HIGH_TECH}小计", "800.00", "200.00", "25.00"),
         ("合计", "合计", "合计", "合计", "4700.00", "2500.00", "53.19")]  # fmt: skip
# by level: 中央 1900 of 3000 (63.33%), 省级 500 of 1300 (38.46%), 市级 100 of 400 (25.00%)
WATER_HEADER = [
    "序号",
    "所在区",
    "类型",
    "断面（点位）名称",
    "所在水体",
    "2027年1-9月水质类别",
    "水质目标",
    "2026年同期水质类别",
]
WATER = [("1", "禅城区", "河流", "佛山水道断面", "佛山水道", "Ⅳ类", "Ⅲ类", "Ⅲ类"),  # missed, worse than last year
         ("2", "南海区", "河流", "平洲断面", "平洲水道", "Ⅱ类", "Ⅱ类", "Ⅲ类"),  # met, better
         ("3", "顺德区", "近岸海域", "甲点位", "甲海域", "三类", "二类", "三类"),  # missed, as last year
         ("4", "三水区", "近岸海域", "乙点位", "乙海域", "一类", "二类", "二类")]  # met, better  # fmt: skip
INDICATOR_HEADER = ["类别", "指标名称", "单位", "2026年现状", "2027年目标", "属性"]
INDICATORS = [("环境空气", "城市空气质量优良天数比例", "%", "90.1", "≥91.0", "约束性"),
              ("", "细颗粒物（PM2.5）年均浓度", "微克/立方米", "24", "≤23", "约束性"),
              ("水环境", "地表水国考断面优良比例", "%", "80.0", "≥85.0", "约束性"),
              ("", "农村生活污水治理率", "%", "70", "≥75", "预期性")]  # fmt: skip


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("foshan")
    funds = folder / f"{FUND_TITLE}.xlsx"
    workbook(funds, {"资金执行": [[FUND_TITLE], ["（截至2027年9月30日）　　　　单位：万元"], FUND_HEADER, *FUNDS]})
    indicators = folder / "佛山市2027年生态环境保护工作方案附表.xlsx"
    workbook(indicators, {"附表": [["佛山市2027年生态环境保护主要指标"], INDICATOR_HEADER, *INDICATORS]})
    report = folder / "佛山市2027年1-9月环境质量监测情况报告.docx"
    word = docx.Document()
    word.add_paragraph("表1　2027年1-9月主要河流断面及近岸海域点位水质情况")
    table = word.add_table(rows=1, cols=len(WATER_HEADER))
    for cell, text in zip(table.rows[0].cells, WATER_HEADER, strict=True):
        cell.text = text
    for row in WATER:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    word.save(report)
    return [load_document(funds), load_document(indicators), load_document(report)]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def _head(answer) -> str:
    return answer.text.split("\n")[0]


def test_a_title_over_a_cut_off_line_is_the_caption(documents):
    assert documents[0].tables[0].caption == FUND_TITLE  # 「（截至…）单位：万元」 is a note of it


def test_a_levels_rate_is_its_sums_divided(ask):
    head = _head(ask("中央资金的执行率是多少？"))
    assert "63.33%" in head and "1900" in head and "3000" in head


def test_each_districts_whole_rate_ranked(ask):
    head = _head(ask("按整体执行率看，最靠后的两个区是哪几个？"))
    assert HIGH_TECH in head and "25" in head and "禅城区" in head and "46.67" in head
    assert "南海区" not in head and "小计" not in head  # a long-named 功能区's 小计 row is its own, not a 区


def test_a_levels_sum_leaves_the_subtotals_out(ask):
    head = _head(ask("中央资金一共下达了多少？"))
    assert "3000" in head and "4700" not in head


def test_sea_and_river_classes_against_their_targets(ask):
    head = _head(ask("水质没达到目标的断面有哪些？"))
    assert "佛山水道断面" in head and "甲点位" in head  # named by the 名称 column, in the first line
    assert "平洲断面" not in head and "乙点位" not in head


def test_worse_than_last_years_same_period_by_class(ask):
    answer = ask("和去年同期相比，哪些断面水质变差了？")
    assert "佛山水道断面" in _head(answer)
    assert "甲点位" not in answer.text and "平洲断面" not in answer.text  # the same class; a better one


def test_a_pollutant_no_sheet_names_is_not_read_off_a_water_sheet(ask):
    answer = ask("NO2浓度比去年同期上升的站点有哪些？")  # the water sheet's 同期 words are no NO2
    assert not hasattr(answer, "text") or "佛山水道断面" not in answer.text


def test_indicators_without_a_number_column_are_counted_one_by_one(ask):
    answer = ask("约束性指标一共有几个？")
    assert "3项" in _head(answer)
    assert "序号）" not in answer.text  # each row cited by its own row number, not an empty 序号


def test_a_reading_asked_again_is_said_against_its_target(ask):
    history = [{"role": "user", "content": "佛山水道断面水质什么情况？"}, {"role": "assistant", "content": "Ⅳ类。"}]
    answer = ask("那甲点位呢？", history)
    assert "三类" in answer.text and "二类" in answer.text


MONTHLY_HEADER = [["断面名称", "水质目标", "2027年各月水质类别", None, None, "1-3月综合类别", "2026年同期类别"],
                  ["断面名称", "水质目标", "1月", "2月", "3月", "1-3月综合类别", "2026年同期类别"]]  # fmt: skip
MONTHLY = [("沙口断面", "Ⅲ", "Ⅱ", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅱ"),  # worse than last year
           ("紫洞断面", "Ⅱ", "Ⅱ", "Ⅱ", "Ⅱ", "Ⅱ", "Ⅲ"),  # better
           ("龙江断面", "Ⅳ", "Ⅳ", "Ⅴ", "Ⅳ", "Ⅳ", "Ⅳ")]  # the same  # fmt: skip


def test_last_years_class_beside_a_sheet_of_months_is_compared_with_the_whole_period(tmp_path, table_asker):
    path = tmp_path / "佛山市2027年1-3月断面水质类别月报表.xlsx"
    merged = {"月报": ("A1:A2", "B1:B2", "C1:E1", "F1:F2", "G1:G2")}
    workbook(path, {"月报": [*MONTHLY_HEADER, *MONTHLY]}, merged=merged)
    answer = table_asker([load_document(path)])("跟去年同期比，哪些断面的综合类别变差了？")
    assert "沙口断面" in _head(answer)
    assert "紫洞断面" not in answer.text and "龙江断面" not in answer.text


def test_an_indicator_table_grouped_by_task_with_no_name_column_is_read_without_error(tmp_path):
    from corpus.assembler import TABLE_META_LINE
    from structured.build import build_tables

    path = tmp_path / "佛山市2027年指标分解表.xlsx"
    header = ["序号", "任务", "单位", "现状值", "2027年目标值", "属性"]
    workbook(path, {"分解": [["佛山市2027年指标分解表"], header, ("1", "大气", "%", "90", "91", "约束性")]})
    build_tables([load_document(path)])  # a 「任务」 column groups indicators: no name column, no error
    assert TABLE_META_LINE.match("数据截至9月30日") and TABLE_META_LINE.match("（截至2027年9月30日）单位：万元")
    assert not TABLE_META_LINE.match("截至2027年底各区污水处理设施建设情况")  # a title, not a note
