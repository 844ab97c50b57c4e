"""Table layouts the bundled corpus does not have, in documents of a city built here (阳江市).

- a progress table (.docx) whose own columns say each row's 完成率 and 进度评价 (a progress text
  opening with 「已完成…」 is work done, not the verdict), with 序号 merged down over a task's two
  rows, each row a numbered requirement of its own, and tasks 未启动;
- a sheet of months by 区县 (one column per place) of PM2.5 monthly means;
- a sheet of 区县 with one column per pollutant and a 首要污染物 column, and one of two years' columns;
- a funds sheet of levels per 区县 with a 合计 row, and a sheet with a 是否执行完毕 column;
- a plan's indicators with a 2020年基准值 and a 2025年目标值.

All figures are made up for these tests; expected answers are read off the tables below.
"""

from __future__ import annotations

import docx
import openpyxl
import pytest

from assistant.planner import Missing
from corpus import load_document
from structured import build_tables
from tests.support.documents import add_docx_table

# 序号, 区县, 重点任务, 年度目标, 上半年推进情况, 完成率, 进度评价 — 序号 2 spans two rows
TASKS = [
    ("1", "江城区", "漠阳江城区段排污口整治", "2024年底前整治排污口40个。", "已完成整治30个。", "75.0%", "按进度推进"),
    ("2", "阳东区", "东平渔港综合整治", "（1）2024年9月底前完成渔港污水收集设施建设。",
     "已完成主体工程，设备尚未安装。", "40%", "进度滞后"),
    ("2", "阳东区", "东平渔港综合整治", "（2）2024年12月底前完成红树林营造20公顷。", "尚未开工。", "0", "未启动"),
    ("3", "阳春市", "石灰岩矿山生态修复", "2024年底前修复矿山60公顷。", "已完成修复12公顷，受雨季影响进度慢。", "20%",
     "进度滞后"),
    ("4", "阳西县", "镇级垃圾转运站改造", "2024年底前改造转运站6座。", "已全部完成改造。", "100%", "已完成"),
    ("5", "阳西县", "沙扒湾入海排污口视频监控", "2024年10月底前安装视频监控10套。", "资金未落实。", "0", "未启动"),
    ("6", "阳春市", "工业园区污水管网建设", "2024年底前建成管网25公里。", "已建成16公里。", "64%", "按进度推进"),
    ("7", "阳西县", "沙扒镇污水管网铺设", "2024年底前铺设管网10公里。", "已完成铺设3公里。", "30%", "滞后"),  # a column's short word
]  # fmt: skip
MONTHLY = [  # 月份, 江城区, 阳东区, 阳春市, 全市 (the city's figure: no 区县 to rank)
    ("1月", 31, 29, 34, 30),
    ("2月", 27, 30, 25, 24),
    ("3月", 22, 20, 26, 21),
]
# 区县, PM2.5, PM10, O3, 首要污染物
YEARLY = [("江城区", 21, 38, 141, "O3"), ("阳东区", 19, 35, 150, "O3"), ("阳春市", 23, 44, 128, "PM10"),
          ("阳西县", 18, 31, 137, "O3"), ("阳江市", 20, 37, 139, "O3")]  # fmt: skip
GOOD_DAYS = [("江城区", 95.1, 96.0), ("阳东区", 97.3, 94.2)]  # 区县, 2023年 and 2024年 优良天数比例
# 区县, 资金层级, 下达金额, 已支出, 执行率
FUNDS = [("江城区", "中央", 1000, 700, 70.0), ("江城区", "省级", 500, 250, 50.0), ("江城区", "小计", 1500, 950, 63.3),
         ("阳东区", "中央", 800, 400, 50.0), ("阳东区", "省级", 600, 240, 40.0), ("阳东区", "小计", 1400, 640, 45.7),
         ("阳春市", "中央", 900, 630, 70.0), ("阳春市", "省级", 400, 300, 75.0), ("阳春市", "小计", 1300, 930, 71.5)]  # fmt: skip
SETTLED = [("江城区", 1200, 1200, "是"), ("阳东区", 900, 810, "否"), ("阳春市", 700, 700, "是")]


def _progress_docx(path):
    word = docx.Document()
    word.add_paragraph("阳江市2024年上半年生态环境保护重点任务推进情况表")
    headers = ["序号", "县（市、区）", "重点任务", "年度目标", "上半年推进情况", "完成率", "进度评价"]
    add_docx_table(word, headers, TASKS, merged=((2, 3, (0, 1, 2)),))  # 序号, 区县, 重点任务 of task 2 over its rows
    word.save(path)


def _air_xlsx(path):
    book = openpyxl.Workbook()
    monthly = book.active
    monthly.title = "PM2.5月均浓度"
    monthly.append(["2024年各区县PM2.5月均浓度（单位：微克/立方米）"])
    monthly.append(["月份", "江城区", "阳东区", "阳春市", "全市"])
    for row in MONTHLY:
        monthly.append(list(row))
    yearly = book.create_sheet("年均浓度")
    yearly.append(["阳江市2024年各区县环境空气主要污染物年均浓度"])
    yearly.append(
        ["区县", "PM2.5（微克/立方米）", "PM10（微克/立方米）", "O3-8h第90百分位（微克/立方米）", "首要污染物"]
    )
    for row in YEARLY:
        yearly.append(list(row))
    change = book.create_sheet("同比变化")
    change.append(["区县", "2023年优良天数比例（%）", "2024年优良天数比例（%）"])
    for row in GOOD_DAYS:
        change.append(list(row))
    book.save(path)


# 序号, 指标, 单位, 2020年基准值, 2025年目标值, 属性
INDICATORS = [(1, "森林覆盖率", "%", 58.4, "≥59.0", "约束性"), (2, "红树林面积", "公顷", 1610, 1900, "预期性")]
# a review: 序号, 指标, 单位, 2015年基准值, 2020年现状值, 2020年目标值 — the 现状值 is the current value
REVIEW = [(1, "细颗粒物（PM2.5）年均浓度", "微克/立方米", 40, 31, 35)]


def _indicators_xlsx(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["阳江市“十四五”生态环境保护主要指标"])
    sheet.append(["序号", "指标", "单位", "2020年基准值", "2025年目标值", "属性"])
    for row in INDICATORS:
        sheet.append(list(row))
    review = book.create_sheet("十三五评估")
    review.append(["阳江市“十三五”环境保护规划指标完成情况评估"])
    review.append(["序号", "指标", "单位", "2015年基准值", "2020年现状值", "2020年目标值"])
    for row in REVIEW:
        review.append(list(row))
    book.save(path)


def _funds_xlsx(path):
    book = openpyxl.Workbook()
    funds = book.active
    funds.title = "2024年度资金执行"
    funds.append(["阳江市2024年生态环境保护专项资金执行情况表（单位：万元）"])
    funds.append(["县（市、区）", "资金层级", "下达金额", "已支出", "执行率（%）"])
    for row in FUNDS:
        funds.append(list(row))
    funds.append(["合计", "合计", 4200, 2520, 60.0])
    settled = book.create_sheet("2023年度资金清算")
    settled.append(["2023年度生态环境保护专项资金清算情况"])
    settled.append(["县（市、区）", "2023年度下达资金", "累计支出", "是否执行完毕"])
    for row in SETTLED:
        settled.append(list(row))
    book.save(path)


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("yangjiang")
    paths = [folder / "阳江市2024年上半年生态环境保护重点任务推进情况表.docx",
             folder / "阳江市2024年环境空气质量监测统计.xlsx", folder / "阳江市2024年生态环境保护专项资金执行情况表.xlsx",
             folder / "阳江市十四五生态环境保护规划主要指标.xlsx"]  # fmt: skip
    _progress_docx(paths[0])
    _air_xlsx(paths[1])
    _funds_xlsx(paths[2])
    _indicators_xlsx(paths[3])
    return table_asker([load_document(p) for p in paths])


def _named(answer, names) -> set[str]:
    return {n for n in names if n in answer.text}


TASK_NAMES = {row[2] for row in TASKS}


def test_the_tables_verdict_column_decides_not_the_progress_texts_first_words(ask):
    answer = ask("阳江市上半年哪些重点任务进度滞后？")
    # 「已完成主体工程」 is no verdict; 「滞后」 in the column is one
    assert _named(answer, TASK_NAMES) == {"东平渔港综合整治", "石灰岩矿山生态修复", "沙扒镇污水管网铺设"}


def test_tasks_not_started_and_each_row_named_by_its_own_requirement(ask):
    answer = ask("阳江上半年还没启动的事项有哪些？")
    assert _named(answer, TASK_NAMES) == {"东平渔港综合整治", "沙扒湾入海排污口视频监控"}
    assert "红树林" in answer.text  # the row of requirement （2）, not （1）
    locators = {f.source["locator"] for f in answer.result.facts}
    assert len(locators) == len(answer.result.facts)  # rows of one merged 序号 cited apart


def test_a_range_of_the_rate_column(ask):
    answer = ask("阳江重点任务中完成率介于60%和80%之间的有哪些？")
    assert _named(answer, TASK_NAMES) == {"漠阳江城区段排污口整治", "工业园区污水管网建设"}  # 75%, 64%


def test_a_tasks_detail_shows_the_rate_column(ask):
    answer = ask("阳春市石灰岩矿山生态修复进展怎么样？")
    assert "20%" in answer.text and "进度滞后" in answer.text


def test_a_sheet_of_months_by_place_answers_a_place_and_a_month(ask):
    answer = ask("阳春市2024年3月PM2.5月均浓度是多少？")
    assert "26" in answer.text and "阳春市" in answer.text
    lowest = ask("2024年2月PM2.5月均浓度最低的是哪个区县？")
    assert lowest.text.splitlines()[0].count("阳春市") and "25" in lowest.text.splitlines()[0]  # not 全市's 24
    month = ask("阳东区2024年哪个月PM2.5月均浓度最高？")
    assert "2月" in month.text.splitlines()[0] and "30" in month.text.splitlines()[0]


def test_a_pollutants_column_not_the_primary_pollutant_cell(ask):
    ozone = ask("阳西县2024年臭氧浓度是多少？")
    assert "137" in ozone.text
    highest = ask("2024年PM10年均浓度最高的是哪个区县？")
    assert "阳春市" in highest.text.splitlines()[0] and "44" in highest.text.splitlines()[0]


def test_a_yes_no_column_read_from_the_question(ask):
    done = ask("2023年度专项资金哪些地方已经执行完毕？")
    assert _named(done, ("江城区", "阳东区", "阳春市")) == {"江城区", "阳春市"}
    pending = ask("2023年度专项资金哪些县还没有执行完毕？")
    assert _named(pending, ("江城区", "阳东区", "阳春市")) == {"阳东区"}
    asked = ask("2023年度专项资金有没有执行完毕的县？")  # 「有没有」 asks, it does not negate
    assert _named(asked, ("江城区", "阳东区", "阳春市")) == {"江城区", "阳春市"}
    negated = ask("2023年度专项资金有没有不执行完毕的县？")  # … and the 不 after it does
    assert _named(negated, ("江城区", "阳东区", "阳春市")) == {"阳东区"}


def test_the_total_row_named_in_the_question(ask):
    answer = ask("阳江市2024年专项资金全市合计下达多少万元？执行率是多少？")
    assert "4200" in answer.text and "60" in answer.text


def test_two_levels_both_below_a_threshold(ask):
    answer = ask("哪些县中央资金和省级资金执行率都低于60%？")
    assert _named(answer, ("江城区", "阳东区", "阳春市")) == {"阳东区"}  # 江城区's 中央 is 70%


def test_the_column_of_the_year_asked(ask):
    answer = ask("2024年阳东区优良天数比例比江城区低多少个百分点？")
    assert "1.8" in answer.text  # 96.0 − 94.2, not 2023's 97.3 − 95.1


def test_a_figure_no_sheet_holds_is_not_answered_with_its_rows(ask):
    answer = ask("2024年各区县降尘量是多少？")
    assert isinstance(answer, Missing) and "降尘量" in answer.what


def test_a_baseline_column_is_the_indicators_current_value(ask):
    answer = ask("阳江规划里红树林面积到2025年要比2020年增加多少公顷？")
    assert "290" in answer.text  # 1900 − 1610
    forest = ask("阳江规划里森林覆盖率的基准值和目标值分别是多少？")
    assert "58.4" in forest.text and "59.0" in forest.text
    assert "未达标" not in forest.text  # a 2020 baseline short of its 2025 target is the plan, not a failure


def test_a_district_named_with_its_city_is_the_place_asked(ask):
    answer = ask("阳江市阳东区2024年PM2.5年均浓度是多少？")
    assert "19" in answer.text and "江城区" not in answer.text and "21" not in answer.text


def test_a_review_sheets_current_value_is_its_own_not_the_baseline(tmp_path):
    path = tmp_path / "阳江市十四五生态环境保护规划主要指标.xlsx"
    _indicators_xlsx(path)
    indicators = build_tables([load_document(path)]).frames["indicators"]
    review = indicators[indicators["name"].str.contains("PM2.5")].iloc[0]
    assert (review["current_value"], review["current_year"]) == (31, 2020)  # the 2020 现状值, not 2015's 40
    forest = indicators[indicators["name"] == "森林覆盖率"].iloc[0]
    assert forest["current_value"] == 58.4  # a plan with only a 基准值: that is its current value


def test_a_districts_subtotal_row_is_its_overall_rate_and_rates_are_never_added(ask):
    answer = ask("各县区2024年专项资金总体执行率最高的是哪个？")
    first = answer.text.splitlines()[0]
    assert "阳春市" in first and "71.5" in first  # its 小计 row, not its 省级 75% nor 70 + 75


def test_a_districts_subtotal_row_is_listed_but_not_counted_as_one_of_its_rows(ask):
    answer = ask("阳东区的专项资金执行率为什么这么低？")
    head = answer.text.split("\n")[0]
    assert "共2" in head and "共3" not in head  # 中央 and 省级; the 小计 row is listed apart
    assert "45.7" in answer.text  # the 小计 row's own rate is still shown
