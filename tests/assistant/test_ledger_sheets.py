"""A city's monthly ledger of key tasks and the sheets sent with it (遂宁市, 2033, all figures made up here;
expected answers are read off the rows below):

- a workbook 「…重点任务推进台账」: title and 填报单位 rows, a two-row header putting 累计完成量 / 完成率 / 进度评价
  under 「1—9月推进情况」, rates typed as fractions (0.519), a 「重点考核」 column marked ★, 县 cells merged down;
- a fund sheet under 「单位：万元、%、个」: each figure takes the unit listed for its kind;
- a 十六五 (2031–2035) plan's indicators with 2030年 and 2031年 columns beside 「2035年目标」 (the latest year's,
  not after the plan's own, is the 现状);
- a Word table of stations headed 「PM₂.₅（μg/m³）」「PM₁₀（μg/m³）」 (subscripts, as typed) with a 超标项目 column;
- a report whose table is introduced by 「进度滞后任务分布如下：」 (a lead-in, not its title).
"""

from __future__ import annotations

import pytest

from corpus import load_document
from structured import build_tables
from tests.support.answers import answer_text, first_line
from tests.support.documents import add_docx_table, workbook

LEDGER = [
    ["2033年遂宁市各县（市、区）污染防治攻坚战重点任务推进情况台账（1—9月）"],
    ["填报单位：遂宁市生态环境局", None, None, None, None, "数据截至：2033年9月30日"],
    ["序号", "县（市、区）", "任务类别", "重点任务", "计量单位", "2033年目标任务量", "1—9月推进情况", None, None, "重点考核"],
    [None, None, None, None, None, None, "累计完成量", "完成率", "进度评价", None],
    ["1", "船山区", "大气", "餐饮油烟净化设施安装", "家", "120", "104", "0.867", "按进度推进", None],
    ["2", None, "水", "城区雨污分流管网改造", "公里", "18.5", "9.6", "0.519", "进度滞后", "★"],
    ["3", "安居区", "水", "行政村生活污水治理", "个", "30", "12", "0.4", "进度滞后", "★"],
    ["4", None, "固废", "生活垃圾分类示范小区创建", "个", "40", "42", "1.05", "已完成", None],
    ["5", "射洪市", "大气", "砖瓦窑企业深度治理", "家", "16", "9", "0.5625", "进度滞后", None],
    ["6", None, "水", "农村黑臭水体整治", "条", "8", "7", "0.875", "按进度推进", None],
    ["7", "蓬溪县", "水", "行政村生活污水治理", "个", "25", "20", "0.8", "按进度推进", None],
    ["8", None, "大气", "建筑工地扬尘在线监测", "个", "20", "18", "0.9", "按进度推进", None],
]  # fmt: skip
LEDGER_MERGES = ("A1:J1", "A2:E2", "F2:J2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:I3", "J3:J4",
                 "B5:B6", "B7:B8", "B9:B10", "B11:B12")  # fmt: skip
FUNDS = [
    ["各县（市、区）生态环境保护专项资金执行情况（截至2033年9月30日）"],
    ["单位：万元、%、个"],
    ["县（市、区）", "2032年度结转资金", None, None, "入库储备项目"],
    [None, "结转额", "已支出", "执行率", None],
    ["船山区", 412.6, 412.6, 100, 12],
    ["安居区", 268.4, 251.1, 93.6, 9],
    ["射洪市", 186.0, 186.0, 100, 7],
    ["蓬溪县", 240.5, 156.33, 65.0, 5],
]
FUNDS_MERGES = ("A1:E1", "A2:E2", "A3:A4", "B3:D3", "E3:E4")
PLAN = [
    ["遂宁市“十六五”生态环境保护规划主要指标"],
    ["序号", "指标名称", "单位", "2030年", "2031年", "2035年目标", "指标属性"],
    [1, "农村生活污水治理率", "%", 45.0, 61.2, 75, "预期性"],
    [2, "森林覆盖率", "%", 40.1, 41.0, 42.5, "约束性"],
]
STATION_HEADER = ["序号", "县（市、区）", "站点名称", "PM₂.₅（μg/m³）", "PM₂.₅（μg/m³）", "PM₁₀（μg/m³）",
                  "PM₁₀（μg/m³）", "NO₂（μg/m³）", "NO₂（μg/m³）", "超标项目"]  # fmt: skip
STATION_SUB = [
    "序号",
    "县（市、区）",
    "站点名称",
    "考核目标",
    "1—9月",
    "考核目标",
    "1—9月",
    "考核目标",
    "1—9月",
    "超标项目",
]
STATIONS = [
    ["1", "船山区", "明月站", "33", "35", "55", "58", "28", "27", "PM₂.₅、PM₁₀"],
    ["2", "船山区", "河东站", "32", "31", "54", "52", "26", "29", "NO₂"],
    ["3", "安居区", "柔刚站", "31", "33", "52", "57", "24", "26", "PM₂.₅、PM₁₀、NO₂"],
    ["4", "射洪市", "子昂站", "30", "29", "50", "49", "22", "21", "—"],
]
REPORT = """# 2033年前三季度全市生态环境保护工作情况汇报

## 一、重点任务推进情况

进度滞后任务分布如下：

| 县（市、区） | 进度滞后任务 | 完成率 |
| --- | --- | --- |
| 船山区 | 城区雨污分流管网改造 | 51.9% |
| 安居区 | 行政村生活污水治理 | 40.0% |
| 射洪市 | 砖瓦窑企业深度治理 | 56.3% |
"""


def _stations_docx(path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("表1　2033年1—9月各县（市、区）环境空气质量考核站点监测结果")
    add_docx_table(word, STATION_HEADER, [STATION_SUB, *STATIONS])
    word.save(path)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("suining")
    ledger = folder / "遂宁市污染防治攻坚战重点任务推进台账（2033年1-9月）.xlsx"
    workbook(ledger, {"重点任务台账": LEDGER, "专项资金执行": FUNDS, "规划指标": PLAN},
             merged={"重点任务台账": LEDGER_MERGES, "专项资金执行": FUNDS_MERGES})  # fmt: skip
    stations = folder / "关于2033年1—9月全市环境空气考核点位监测结果的通报.docx"
    _stations_docx(stations)
    report = folder / "2033年前三季度全市生态环境保护工作情况汇报.md"
    report.write_text(REPORT, encoding="utf-8")
    return [load_document(p) for p in (ledger, stations, report)]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def test_the_ledger_named_by_its_kind_word(ask):
    text = answer_text(ask("台账里现在进度滞后的任务一共几项？"))
    assert "共3项" in text and "船山区" in text and "安居区" in text and "射洪市" in text


def test_a_star_in_the_key_column_marks_a_key_task(ask):
    head = first_line(ask("打星的重点考核任务里，进度滞后的是哪几个县的？"))
    assert "船山区" in head and "安居区" in head and "射洪市" not in head  # 射洪's lagging task has no ★


def test_places_of_a_count_said_before_which_are_grouped(ask):
    head = first_line(ask("四个县区里头，哪个一项滞后的任务都没有？"))
    assert "蓬溪县" in head and not any(p in head for p in ("船山区", "安居区", "射洪市"))


def test_the_last_three_tasks_by_rate(ask):
    text = answer_text(ask("按完成率排，倒数三项任务分别是哪几个县的"))
    head = text.splitlines()[0]
    # 40% 安居区, 51.9% 船山区, 56.25% 射洪市; 蓬溪县's lowest is 80%
    assert "安居区" in head and "船山区" in head and "射洪市" in head and "蓬溪县" not in head


def test_money_not_all_spent(ask):
    head = first_line(ask("32年结转下来的资金，哪些县还没花完？"))
    assert "安居区" in head and "蓬溪县" in head and "船山区" not in head and "射洪市" not in head


def test_a_list_of_units_gives_each_figure_its_own(documents):
    (schema,) = [s for s in build_tables(documents[:1]).schemas().values() if s.generic and "入库" in str(s.labels)]
    units = {m.label: m.unit for m in schema.measures.values()}
    assert units["入库储备项目"] == "个" and units["2032年度结转资金·结转额"] == "万元"
    assert units["2032年度结转资金·执行率"] == "%"


def test_subscripted_pollutants_are_the_pollutants_asked(ask):
    head = first_line(ask("哪几个站PM10超了考核目标？"))
    assert "明月站" in head and "柔刚站" in head and "河东站" not in head and "子昂站" not in head


def test_all_three_listed_in_the_exceeded_column(ask):
    text = answer_text(ask("有没有哪个站点PM2.5、PM10、NO2三项全都超标的？"))
    assert "柔刚站" in text and "明月站" not in text


def test_a_lead_in_line_is_no_tables_title(documents):
    (table,) = documents[2].tables
    assert "如下" not in table.caption


def test_done_or_not_asked_of_one_task(ask):
    text = answer_text(ask("安居区垃圾分类示范小区那项完成没有？"))
    assert "已完成" in text and "生活垃圾分类示范小区创建" in text


def test_the_latest_years_figure_is_the_current_one(ask):
    text = answer_text(ask("农村生活污水治理率到2035年要比现状提高多少个百分点"))
    assert "13.8个百分点" in text  # 75 − 61.2 of 2031, not of 2030
