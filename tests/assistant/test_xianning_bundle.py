"""A city's files of 2043 laid out as yet another bureau would (咸宁市, all figures and names made up here; expected
answers are read off the rows below):

- an .xlsx of lagging tasks whose title names no city (its file name does) and whose note row names a county
  (「备注：通山县1-9月无滞后任务」);
- a .docx of key points: a table of each 区县's targets under a two-row header whose sub-column names are long;
- an .xlsx bulletin of each 区县's readings with a 全市 row and 同比 columns;
- an .xlsx of water sections with a column per month;
- an .xlsx of stations named 「…空气质量自动监测站」 and a sheet of the city's months;
- an .xlsx of projects' funds with 小计 rows, and a .docx of tasks naming one of the projects.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from assistant.planner import Missing
from assistant.table_answers import (
    FIGURE_MISMATCH,
    ROW_CONFIDENT,
    SPAN_MISMATCH,
    SUBMIT_MISMATCH,
    _reading_unsaid,
)
from corpus import load_document
from tests.support.answers import first_line
from tests.support.documents import docx_file, workbook

LAGGING = [
    ["2043年1-9月各区县污染防治攻坚重点任务进度滞后情况表"],
    ["填报单位：市污染防治攻坚战领导小组办公室            统计截止：2043年9月30日"],
    ["序号", "区县", "任务内容", "责任单位", "要求完成时间", "截至9月底推进情况", "完成比例（%）", "滞后原因分析"],
    [1, "咸安区", "完成淦河沿线10个入河排污口规范化整治", "区生态环境分局（牵头）", "2043年9月底前", "已完成6个。", 60,
     "协调审批周期长"],
    [2, None, "淘汰国四及以下营运柴油货车200辆", "区交通运输局（牵头）", "2043年10月底前", "已淘汰80辆。", 40,
     "补贴资金未到位"],
    [3, "嘉鱼县", "完成8台燃煤锅炉清洁能源改造", "县发改局", "2043年6月底前", "已完成3台。", 37.5, "管网配套滞后"],
    [4, "赤壁市", "完成20家畜禽养殖场粪污处理设施改造", "市农业农村局（牵头）", "2043年9月底前", "已完成12家。", 60,
     "养殖户投入意愿不足"],
    ["合计", None, "滞后任务共4项，涉及3个区县", None, None, None, None, None],
    ["备注：通山县1-9月无滞后任务。"],
]  # fmt: skip
TARGETS_HEADER = [["县区", "大气环境", "大气环境", "水环境", "备注"],
                  ["县区", "PM2.5年均浓度（μg/m³）", "优良天数比率（%）", "县级及以上集中式饮用水水源地水质达标率（%）", "备注"]]  # fmt: skip
TARGETS = [["咸安区", "36", "84.0", "100", ""], ["嘉鱼县", "34", "86.5", "100", ""], ["赤壁市", "38", "82.0", "100", ""],
           ["通山县", "28", "93.0", "100", ""], ["全市", "35", "85.0", "100", ""]]  # fmt: skip
BULLETIN = [
    ["咸宁市2043年上半年各县区环境空气质量状况"],
    ["排名", "县区", "PM2.5（μg/m³）", "PM2.5同比（%）", "优良天数比例（%）", "优良比例同比（百分点）"],
    [1, "通山县", 24, -7.7, 95.1, -1.2],
    [2, "嘉鱼县", 33, -2.9, 88.0, 2.5],
    [3, "咸安区", 38, 2.7, 83.4, -0.8],
    [4, "赤壁市", 41, -4.7, 80.2, 1.6],
    ["—", "全市", 35, -3.1, 86.0, 0.9],
]
WATER = [
    ["咸宁市2043年上半年地表水断面水质监测结果"],
    ["序号", "断面名称", "所在县区", "水质目标", "1月", "2月", "3月", "4月", "5月", "6月", "上半年水质类别"],
    [1, "淦河入江口", "咸安区", "Ⅲ类", "Ⅲ类", "Ⅲ类", "Ⅲ类", "Ⅳ类", "劣Ⅴ类", "Ⅳ类", "Ⅳ类"],
    [2, "陆水桥", "赤壁市", "Ⅱ类", "Ⅱ类", "Ⅱ类", "Ⅲ类", "Ⅱ类", "Ⅱ类", "Ⅱ类", "Ⅱ类"],
    [3, "富水坝下", "通山县", "Ⅱ类", "Ⅱ类", "Ⅰ类", "Ⅱ类", "Ⅱ类", "Ⅲ类", "Ⅱ类", "Ⅱ类"],
]
STATIONS = [
    ["咸宁市2043年1-6月国控、省控环境空气质量监测站点主要污染物浓度统计表"],
    ["序号", "县（市、区）", "站点名称", "优良天数比例（%）", "PM2.5（微克/立方米）", "PM2.5同比（%）"],
    [1, "咸安区", "市政府空气质量自动监测站", 84.5, 37, -2.6],
    [2, "咸安区", "温泉空气质量自动监测站", 82.9, 39, 2.6],
    [3, "嘉鱼县", "嘉鱼城区空气质量自动监测站", 88.0, 33, -2.9],
    [4, "赤壁市", "赤壁城区空气质量自动监测站", 80.2, 41, 5.1],
]
MONTHS = [
    ["咸宁市2043年1—6月环境空气质量逐月统计（全市）"],
    ["月份", "优良天数（天）", "PM2.5（微克/立方米）", "重度及以上污染天数（天）"],
    ["1月", 16, 58, 3], ["2月", 18, 50, 1], ["3月", 22, 40, 1], ["4月", 25, 30, 0], ["5月", 24, 26, 0], ["6月", 22, 24, 0],
]  # fmt: skip
FUNDS = [
    ["咸宁市2043年生态环境专项资金执行情况统计表"],
    ["序号", "县（市、区）", "项目名称", "下达资金（万元）", "实际支出（万元）", "执行率（%）"],
    [1, "咸安区", "淦河流域综合治理", 500.00, 260.00, 52.00],
    [None, "咸安区", "小计", 500.00, 260.00, 52.00],
    [2, "赤壁市", "废弃矿山生态修复", 400.00, 100.00, 25.00],
    [3, "赤壁市", "农村生活污水治理工程", 300.00, 90.00, 30.00],
    [None, "赤壁市", "小计", 700.00, 190.00, 27.14],
    [4, "咸宁高新区", "园区污水管网改造", 200.00, 20.00, 10.00],
    [None, "咸宁高新区", "小计", 200.00, 20.00, 10.00],
    ["合计", None, None, 1400.00, 470.00, 33.57],
]
NOTICE = [
    ["1", "通城县", "城区餐饮油烟在线监控安装（80家）", "通城县城市管理局", "2043年6月30日", "已安装52家，已超期。", "是"],
    ["2", "崇阳县", "工业园区污水处理厂提标改造", "崇阳县住房和城乡建设局", "2043年10月31日", "土建完成65%，按进度推进。", "否"],
    ["3", "通山县", "畜禽养殖场粪污处理设施改造（12家）", "通山县农业农村局", "2043年9月30日", "完成5家，低于序时进度。", "是"],
    ["4", "赤壁市", "陆水湖总磷削减", "赤壁市人民政府", "2043年12月31日",
     "陆水湖湖心断面1-6月总磷均值为0.06毫克/升，高于0.05毫克/升的年度目标。", "是"],
]  # fmt: skip
INDICATORS = [
    ["咸宁市生态环境保护规划主要指标中期评估情况"],
    ["序号", "指标名称", "单位", "2020年基准值", "2024年现状值", "2025年目标值", "指标属性"],
    [1, "城市细颗粒物（PM2.5）年均浓度", "微克/立方米", 37, 33, "≤35", "约束性"],
    [2, "森林覆盖率", "%", 53.1, 53.6, 54, "预期性"],
]
TASKS = [
    ["1", "赤壁市", "废弃矿山生态修复（10处）", "2043年6月底前完成4处。", "截至6月底，完成修复2处，其余正在施工。", "进度滞后"],
    ["2", "咸安区", "淦河流域综合治理", "2043年底前完成综合治理。", "按进度推进，已完成清淤。", "按序时推进"],
    ["3", "嘉鱼县", "煤炭消费总量控制", "完成市下达的煤炭消费总量削减任务。", "按进度推进。", "按序时推进"],
    ["4", "通山县", "农村黑臭水体治理（6条）", "2043年底前完成6条。", "已完成2条。", "按序时推进"],
]  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xianning")
    lagging = folder / "咸宁市2043年1-9月污染防治攻坚任务滞后情况表.xlsx"
    workbook(lagging, {"滞后任务": LAGGING}, merged={"滞后任务": ("A1:H1", "A2:H2", "B4:B5", "A8:H8")})
    points = docx_file(
        folder / "咸宁市2043年深入打好污染防治攻坚战工作要点.docx",
        ("咸宁市2043年深入打好污染防治攻坚战工作要点", "全市淘汰国四及以下排放标准营运柴油货车900辆。",
         "附表：咸宁市2043年各县区环境质量目标"),
        TARGETS_HEADER[0],
        [TARGETS_HEADER[1], *TARGETS],
    )  # fmt: skip
    bulletin = folder / "咸宁市2043年上半年环境空气质量状况通报.xlsx"
    workbook(bulletin, {"县区排名": BULLETIN}, merged={"县区排名": ("A1:F1",)})
    water = folder / "咸宁市2043年上半年地表水断面水质监测结果.xlsx"
    workbook(water, {"断面": WATER}, merged={"断面": ("A1:K1",)})
    air = folder / "2043年1-6月全市环境空气质量站点监测数据汇总.xlsx"
    workbook(air, {"站点统计": STATIONS, "全市逐月": MONTHS}, merged={"站点统计": ("A1:F1",), "全市逐月": ("A1:D1",)})
    funds = folder / "咸宁市2043年生态环境专项资金执行情况统计表.xlsx"
    workbook(funds, {"2043年": FUNDS}, merged={"2043年": ("A1:F1",)})
    tasks = docx_file(
        folder / "咸宁市2043年上半年生态环境重点任务推进情况通报.docx",
        ("附表：2043年上半年各县（市、区）生态环境重点任务推进情况表",),
        ["序号", "县（市、区）", "任务名称", "目标要求", "完成情况", "进度评价"],
        TASKS,
    )
    notice = docx_file(
        folder / "关于2043年上半年污染防治攻坚重点任务进展滞后情况的通报.docx",
        ("关于2043年上半年污染防治攻坚重点任务进展滞后情况的通报",),
        ["序号", "县（市、区）", "任务名称", "责任单位", "完成时限", "进展情况", "是否滞后"],
        NOTICE,
    )
    plan = folder / "咸宁市生态环境保护规划主要指标中期评估表.xlsx"
    workbook(plan, {"指标": INDICATORS}, merged={"指标": ("A1:G1",)})
    return [lagging, points, bulletin, water, air, funds, tasks, plan, notice]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


# -- a user's file: its city, its header -----------------------------------------------------------------------


def test_a_files_city_is_its_names_not_a_note_rows_county(files):
    assert load_document(files[0]).info.region == "咸宁市"  # not 通山县 of 「备注：通山县…」


def test_the_lagging_sheet_of_the_city_answers_its_counties(ask):
    line = first_line(ask("1到9月咸宁哪个区县滞后的任务最多？有几项？"))  # 咸安区 2
    assert "咸安区" in line and "2项" in line
    text = ask("咸宁滞后任务里完成比例不到45%的是哪几项？").text  # 柴油货车 40, 燃煤锅炉 37.5
    assert "共2项" in text.splitlines()[0] and "柴油货车" in text and "燃煤锅炉" in text
    assert "排污口" not in text and "畜禽" not in text


def test_a_citys_figure_is_no_countys_task_row(ask):
    # 「全市…900辆」 is the key points' text; 咸安区's 200辆 is no answer
    answer = ask("咸宁今年全市要淘汰多少辆国四柴油货车？")
    assert answer is None or isinstance(answer, Missing)


def test_a_long_sub_column_under_a_spanning_parent_is_a_header(ask):
    text = ask("咸宁今年给嘉鱼县定的PM2.5目标是多少？").text  # a sheet of targets: 34 (not the bulletin's 33)
    assert "PM2.5年均浓度 34μg/m³" in text and "水质达标率 100%" in text


def test_a_reading_against_its_target_in_a_sheet_of_targets(ask):
    # the bulletin's 嘉鱼县 PM2.5 33, the sheet of targets' 34: 1 below, met; 赤壁市 41 against 38: 3 above
    text = ask("嘉鱼县上半年PM2.5跟今年的年度目标比，差了多少？").text
    assert "33μg/m³" in text and "34μg/m³" in text and "低于目标1μg/m³" in text and "达到目标" in text
    assert "高于目标3μg/m³" in ask("赤壁市上半年PM2.5离年度目标还差多少？").text


def test_a_follow_up_naming_another_figure_drops_the_pollutant(ask):
    history = [{"role": "user", "content": "咸宁今年给嘉鱼县定的PM2.5目标是多少？"},
               {"role": "assistant", "content": "嘉鱼县2043年PM2.5年均浓度目标为34μg/m³。"}]  # fmt: skip
    text = ask("优良天数比率呢？", history).text
    assert "86.5" in text.split("\n")[0]  # the target sheet's 优良天数比率, not the bulletin's 88.0


# -- comparisons with the whole, changes, months across --------------------------------------------------------


def test_rows_below_the_sheets_own_whole_row(ask):
    line = first_line(ask("上半年PM2.5比全市平均水平低的是哪几个县区？"))  # 全市 35: 通山县 24, 嘉鱼县 33
    assert "通山县" in line and "嘉鱼县" in line and "咸安区" not in line and "赤壁市" not in line
    assert "35" in line


def test_a_change_asked_is_said_with_its_way(ask):
    text = ask("嘉鱼县上半年优良天数比例多少？同比是升了还是降了？").text  # 88.0, 优良比例同比 +2.5
    assert "88" in text and "2.5百分点（上升）" in text


def test_a_month_asked_reads_its_column(ask):
    assert "劣Ⅴ" in ask("淦河入江口断面5月份是几类水？").text
    line = first_line(ask("5月份哪些断面水质是劣Ⅴ类？"))
    assert "淦河入江口" in line and "陆水桥" not in line and "富水坝下" not in line


def test_a_year_beside_a_documents_name_that_is_not_its_year_is_asked(ask):
    assert isinstance(ask("咸宁2044年上半年地表水断面达标情况怎么样？"), Missing | None)


# -- stations and months -----------------------------------------------------------------------------------------


def test_rows_called_by_a_short_noun_of_their_names(ask):
    line = first_line(ask("这4个空气站里，优良天数比例最低的是哪个？"))  # 赤壁城区 80.2 (not a month's 优良天数)
    assert "赤壁城区" in line and "80.2" in line


def test_a_station_named_without_the_suffix_its_neighbours_share(ask):
    text = ask("温泉站PM2.5同比变化多少？").text  # 温泉空气质量自动监测站 +2.6
    assert "2.6" in text and "37" not in text.split("\n")[0]
    history = [{"role": "user", "content": "温泉站PM2.5同比变化多少？"},
               {"role": "assistant", "content": "温泉空气质量自动监测站PM2.5同比上升2.6%。"}]  # fmt: skip
    assert "5.1" in ask("换成赤壁城区站呢？", history).text


def test_a_column_named_in_full_goes_before_one_named_by_a_piece(ask):
    text = ask("1到6月重度及以上污染天数加起来一共几天？").text  # 3+1+1 = 5, of the months' sheet
    assert "5天" in text.split("\n")[0]


# -- funds: rows left out, what a sheet does not state ------------------------------------------------------------


def test_rows_left_out_by_bu_suan(ask):
    line = first_line(
        ask("不算高新区的话，哪个县市区专项资金执行率最低？")
    )  # 赤壁市 小计 27.14 (高新区 10.00 left out)
    assert "赤壁市（27.14%）" in line and "除咸宁高新区外" in line and "10%" not in line


def test_who_builds_a_project_is_a_field_its_row_lacks(ask):
    answer = ask("赤壁市农村生活污水治理工程是哪家公司承建的？")
    assert answer is None or isinstance(answer, Missing) or answer.mismatch


def test_a_count_of_things_done_is_not_a_fund_rows(ask):
    text = ask("赤壁市废弃矿山生态修复上半年完成了几处？").text  # the task's 「完成修复2处」, not 万元
    assert "2处" in text and "万元" not in text


# -- a plan's base year beside its current year ---------------------------------------------------------------------


def test_a_base_years_own_column_beside_the_current_one(ask):
    text = ask("PM2.5年均浓度2024年比2020年降了多少？").text  # 2020年基准值 37, 2024年现状值 33
    assert "37" in text and "33" in text and "下降4" in text


def test_a_reading_asked_is_not_read_off_the_sheet_of_targets(ask):
    line = first_line(ask("上半年哪个县区PM2.5最高？"))  # the bulletin's 赤壁市 41, not the targets' 38
    assert "赤壁市" in line and "41" in line


def test_a_comparison_with_the_whole_asked_of_one_row_picks_no_rows(ask):
    text = ask("赤壁市PM2.5比全市平均水平高多少？").text  # 41 against 35: 6 above; no filter below 35
    assert "41" in text and "通山县" not in text


def test_a_condition_no_row_can_leave_out_is_not_answered_from_the_rows(ask):
    assert isinstance(ask("不算沙尘天气的话，咸安区上半年PM2.5是多少？"), Missing | None)
    line = first_line(ask("不含小计，执行率最低的项目是哪个？"))  # 园区污水管网改造 10.00 (a project, not a 小计)
    assert "园区污水管网改造" in line and "没有" not in line


def test_a_plain_reading_word_points_nowhere_else(ask):
    text = ask("咸安区上半年PM2.5监测值是多少？").text  # the bulletin's 38, not its two stations
    assert "38" in text.splitlines()[0] and "温泉" not in text.splitlines()[0]


# -- what no row says ------------------------------------------------------------------------------------------------


def test_a_figure_asked_of_a_task_stating_none_is_left_to_the_text(ask):
    answer = ask("嘉鱼县煤炭消费总量要压到多少以下？")  # the row states no figure: a sentence with one answers, or none
    assert answer is None or isinstance(answer, Missing) or answer.mismatch


def test_pollutants_by_name_are_no_tasks(ask):
    assert isinstance(ask("咸宁空气超标主要是哪几种污染物在作怪？"), Missing | None)


def test_a_question_naming_no_task_is_no_tasks_row(ask):
    assert isinstance(ask("咸宁市长是谁？"), Missing | None)


def test_a_yes_no_lagging_column_states_each_tasks_status(ask):
    text = ask("崇阳县被通报滞后的是哪项任务？").text  # 是否滞后 否: none of 崇阳县's
    assert "污水处理厂提标改造" not in text.splitlines()[0] or "没有" in text
    line = first_line(ask("通山县被通报滞后的是哪项任务？"))  # 是: 畜禽养殖场粪污处理设施改造
    assert "畜禽养殖场" in line


def test_a_date_due_picks_the_tasks_due_then(ask):
    text = ask("完成时限是6月30日、已经超期的滞后任务有哪几项？").text  # 通城县 餐饮油烟 (6月30日, 已超期)
    assert "餐饮油烟" in text and "畜禽养殖场" not in text and "陆水湖" not in text


def test_a_figure_named_mean_in_a_tasks_progress(ask):
    assert "0.06" in ask("陆水湖湖心断面上半年总磷均值是多少？").text  # stated by the task's progress


def test_a_station_sheet_states_no_requirement(ask):
    assert isinstance(ask("站点的PM2.5在线监测设备有什么要求？哪天前装完？"), Missing | None)


# -- what a table cannot say goes elsewhere -----------------------------------------------------------------------


def test_an_attribute_asked_is_the_indicators_not_a_sheet_of_readings(ask):
    text = ask("PM2.5年均浓度是约束性指标还是预期性指标？").text
    assert "约束性" in text and "37" in text  # the indicator's row (基准值 37), not a station's PM2.5


def test_the_whole_citys_mean_is_its_own_row_not_a_list_of_stations(tmp_path, table_asker):
    stations = tmp_path / "黄石市2043年1-6月空气质量考核站点监测表.xlsx"
    workbook(stations, {"站点": [["序号", "区县", "站点名称", "PM10浓度（微克/立方米）", "PM10目标（微克/立方米）"],
                                 [1, "下陆区", "市政府站", 61, 60], [2, "阳新县", "城区站", 55, 58]]})  # fmt: skip
    counties = tmp_path / "咸宁市2043年1-6月各县区空气质量状况.xlsx"
    workbook(counties, {"县区": [["序号", "区县", "PM10浓度（微克/立方米）", "PM10目标（微克/立方米）"],
                                 [1, "咸安区", 61, 60], [2, "嘉鱼县", 55, 58], ["全市", "全市", 58.6, 58]]})  # fmt: skip
    ask = table_asker([load_document(stations), load_document(counties)])
    for question in ("全市PM10平均浓度跟目标比怎么样，达标了吗？", "全市PM10浓度达标了吗？"):
        text = ask(question).text  # the 全市 row, not 黄石's stations each against its target
        assert "58.6" in text and "市政府站" not in text


def test_a_span_asked_of_tasks_with_a_deadline_only_is_the_texts(ask):
    answer = ask("畜禽养殖场粪污处理设施改造从什么时候到什么时候？")
    assert answer.mismatch and answer.confidence < ROW_CONFIDENT and not answer.stated_in("2043年9月30日前完成。")
    assert answer.stated_in("整治期间（7月1日至9月30日）全面排查。")
    assert answer.stated_in("2043年10月1日至2044年3月31日为秋冬季攻坚期。")
    months = ask("全市优良天数从几月到几月超过20天？")  # a sheet of months: its rows say them
    assert getattr(months, "mismatch", "") != SPAN_MISMATCH


def test_a_figure_asked_with_no_place_of_one_countys_task_is_not_sure(ask):
    # 通山县's 「农村黑臭水体治理（6条）」: the city's own figure may be the text's
    assert ask("农村黑臭水体治理要治理多少条？").confidence < ROW_CONFIDENT
    assert ask("通山县农村黑臭水体治理要治理多少条？").confidence >= ROW_CONFIDENT


def test_a_countys_own_file_answers_its_own_figures(tmp_path, table_asker):
    own = docx_file(
        tmp_path / "通山县2043年上半年生态环境重点任务推进情况表.docx",
        ("通山县2043年上半年生态环境重点任务推进情况表",),
        ["序号", "县（市、区）", "任务名称", "目标要求", "完成情况", "进度评价"],
        [["1", "通山县", "燃煤锅炉淘汰（12台）", "2043年底前淘汰12台。", "已淘汰5台。", "按序时推进"]],
    )
    assert table_asker([load_document(own)])("燃煤锅炉要淘汰多少台？").confidence >= ROW_CONFIDENT


def test_a_report_to_send_is_no_task_rows(ask):
    answer = ask("滞后任务的整改方案什么时候前报上去？报给谁？")
    assert answer.mismatch == SUBMIT_MISMATCH and answer.confidence < ROW_CONFIDENT
    assert answer.stated_in("于7月25日前报市环委办。") and not answer.stated_in("本通报自印发之日起施行。")
    for question in ("嘉鱼县燃煤锅炉清洁能源改造进展情况上报了吗？", "通城县餐饮油烟问题可以举报给谁？"):
        assert getattr(ask(question), "mismatch", "") != SUBMIT_MISMATCH


def test_a_quantity_required_of_a_task_stating_none_is_the_texts(ask):
    assert ask("嘉鱼县煤炭消费总量控制任务有什么数量要求？").mismatch == FIGURE_MISMATCH


def test_a_plan_period_named_in_a_tables_caption_is_known():
    from assistant.pipeline import _unknown_plan

    caption = SimpleNamespace(caption="表2 咸宁市生态环境保护“十七五”规划主要指标", heading_path=())
    data = SimpleNamespace(
        documents=[SimpleNamespace(info=SimpleNamespace(title="2040年上半年水环境状况"), tables=[caption])]
    )
    assert _unknown_plan(SimpleNamespace(plan_period="十七五", text="十七五规划主要指标中预期性指标有几个"), data) == ""
    assert _unknown_plan(SimpleNamespace(plan_period="十八五", text="十八五规划有几个指标"), data) == "十八五规划"


def test_a_target_under_a_parent_judges_the_reading_in_its_own_unit(tmp_path, table_asker):
    sheet = tmp_path / "咸宁市2043年1-10月各县区优良天数情况.xlsx"
    rows = [["县区", "优良天数", None, None, None], [None, "天数（天）", "比例（%）", "同比（百分点）", "年度目标（%）"],
            ["咸安区", 200, 69.4, -0.8, 70.0], ["嘉鱼县", 220, 72.1, 1.2, 71.0]]  # fmt: skip
    workbook(sheet, {"优良天数": rows}, merged={"优良天数": ("A1:A2", "B1:E1")})
    ask = table_asker([load_document(sheet)])
    line = first_line(ask("咸安区优良天数比例离年度目标还差多少？"))  # 69.4 against 70.0, not 同比 -0.8
    assert "0.6" in line and "未达到" in line
    line = first_line(ask("优良天数比例最低的是哪个县区？比年度目标低多少？"))  # the one ranked, against its target
    assert "咸安区" in line and "70" in line and "低0.6个百分点" in line


def test_a_kind_of_document_named_leaves_out_tables_of_other_kinds(ask):
    # 「规划里」: the plan's indicators or its text, not a 通报's task row
    answer = ask("规划里废弃矿山生态修复要完成多少处？")
    assert answer is None or isinstance(answer, Missing) or answer.result.plan.table != "tasks"


def test_work_done_that_a_plans_row_does_not_state_is_left_to_the_text(tmp_path, table_asker):
    plan = docx_file(
        tmp_path / "咸宁市2043年大气污染防治工作方案.docx",
        ("咸宁市2043年大气污染防治工作方案",),
        ["序号", "重点任务", "牵头单位", "完成时限"],
        [["1", "淘汰国四及以下柴油货车900辆", "市交通运输局", "2043年12月底前"]],
    )
    answer = table_asker([load_document(plan)])("国四柴油货车淘汰实际完成了多少辆？")
    # the plan's row states no work done; a sentence of some report may, so the text is still searched
    assert isinstance(answer, Missing) and "实际完成情况" in answer.what and not answer.final
    assert re.search(answer.needs, "已淘汰600辆。") and not re.search(answer.needs, "全年淘汰900辆。")


def test_not_counted_as_behind_is_every_row_but_those_behind(ask):
    text = ask("滞后情况通报里不算滞后的有哪几项？").text  # 是否滞后 否: 崇阳县's only
    assert "工业园区污水处理厂提标改造" in text and "餐饮油烟" not in text and "畜禽" not in text


def test_a_sub_columns_qi_zhong_is_no_word_of_it(tmp_path, table_asker):
    sheet = tmp_path / "咸宁市2043年上半年信访投诉统计表.xlsx"
    rows = [["县区", "受理总量（件）", "其中：12345热线转办（件）"], ["咸安区", 276, 187], ["嘉鱼县", 301, 90]]
    workbook(sheet, {"信访": rows})
    ask = table_asker([load_document(sheet)])
    history = [{"role": "user", "content": "咸安区和嘉鱼县上半年各受理了多少件？"},
               {"role": "assistant", "content": "咸安区276件，嘉鱼县301件。"}]  # fmt: skip
    line = first_line(ask("其中最多的是哪个？", history))  # 受理总量: 嘉鱼县 301, not 咸安区's 187 of 12345
    assert "嘉鱼县" in line and "301" in line
    assert "咸安区" in first_line(ask("12345热线转办最多的是哪个县区？"))


def test_a_document_named_by_shortening_its_title(ask):
    # 「生态环境重点任务」 of 「…生态环境重点任务推进情况通报」: its rows, not the 滞后情况通报's 否 rows too
    line = first_line(ask("生态环境重点任务里按序时推进的有几项？"))
    assert "3项" in line and "重点任务推进情况" in line


def test_rows_under_a_place_row_across_the_sheet_are_that_places(tmp_path, table_asker):
    sheet = tmp_path / "咸宁市2043年1-6月地表水考核断面水质状况.xlsx"
    rows = [["序号", "断面名称", "所在河流", "水质目标", "1-6月水质", "评价"],
            ["咸安区（2个）"] * 6, [1, "淦河入江口", "淦河", "Ⅲ类", "Ⅳ类", "不达标"], [2, "向阳湖", "淦河", "Ⅲ类", "Ⅲ类", "达标"],
            ["通山县（1个）"] * 6, [3, "富水坝下", "富水", "Ⅱ类", "Ⅱ类", "达标"]]  # fmt: skip
    workbook(sheet, {"断面": rows}, merged={"断面": ("A2:F2", "A5:F5")})
    ask = table_asker([load_document(sheet)])
    line = first_line(ask("咸安区一共有几个考核断面？"))
    assert "2个" in line and "淦河入江口" in line and "富水坝下" not in line


def test_a_count_of_rows_of_a_kind_names_the_sheet_of_those_rows(ask):
    # 「几个考核断面」: the water sheet's 断面 (淦河入江口), not a task row of 咸安区, whatever is asked after
    line = first_line(ask("咸安区有几个考核断面？都达标了没"))
    assert "1个" in line and "淦河入江口" in line


def test_what_rows_do_not_state_is_no_answer_of_theirs(ask, understander):
    # 「总投资多少钱」 of a row stating no amount in 元
    answer = ask("城区餐饮油烟在线监控安装总投资多少钱？")
    assert answer.mismatch == "金额" and answer.confidence < ROW_CONFIDENT and answer.stated_in("总投资1200万元。")
    # 「…SO2浓度是多少」 of a task row on boilers that names no SO2: no reading of it
    rows = pd.DataFrame({"row_text": ["任务名称：工业污染深度治理；目标要求：完成6台燃煤锅炉超低排放改造。"]})
    found = SimpleNamespace(plan=SimpleNamespace(table="tasks"), frame=rows)
    assert _reading_unsaid(understander.run("彬州1-9月SO2浓度是多少？", []), found) == "SO2"
    named = pd.DataFrame({"row_text": ["目标要求：二氧化硫排放量削减10%。"]})
    assert (
        _reading_unsaid(understander.run("彬州1-9月SO2浓度是多少？", []), SimpleNamespace(plan=found.plan, frame=named))
        == ""
    )


@pytest.fixture(scope="module")
def two_level(tmp_path_factory):
    sheet = tmp_path_factory.mktemp("two_level") / "咸宁市2043年1-6月各县区环境空气质量状况统计表.xlsx"
    rows = [["县区", "PM2.5", None, None, "优良天数", None, None],
            [None, "浓度", "年度目标", "同比（%）", "天数（天）", "比例（%）", "年度目标（%）"],
            ["全市", 27, 28, -3.6, 165, 91.2, 92.0],
            ["咸安区", 29, 28, -6.3, 160, 88.4, 90.0], ["嘉鱼县", 25, 28, 5.3, 170, 93.9, 90.0],
            ["通山县", 31, 28, 1.5, 158, 87.3, 92.0]]  # fmt: skip
    workbook(sheet, {"空气": rows}, merged={"空气": ("A1:A2", "B1:D1", "E1:G1")})
    return sheet


def test_a_two_level_headers_words_together_name_its_column(two_level, table_asker):
    ask = table_asker([load_document(two_level)])
    line = first_line(ask("优良天数比例低于年度目标的县区有哪些？"))  # 88.4 < 90, 87.3 < 92; not 嘉鱼县 93.9
    assert "咸安区" in line and "通山县" in line and "嘉鱼县" not in line
    line = first_line(ask("PM2.5浓度最高的是哪个县区？比年度目标高多少？"))  # ranked by 浓度, not by 年度目标
    assert "通山县" in line and "高3" in line


def test_the_whole_asked_of_a_sheet_with_its_whole_row_is_that_row(two_level, table_asker):
    text = table_asker([load_document(two_level)])("全市PM2.5同比下降了多少？").text
    assert "3.6" in text and "咸安区" not in text and "6.3" not in text


def test_what_is_left_to_pay_is_the_whole_its_rate_is_of_less_the_paid(tmp_path, table_asker):
    sheet = tmp_path / "咸宁市2043年生态环境专项资金下达及支付进度表.xlsx"
    rows = [["县区", "项目名称", "下达资金", None, None, "已支付", "执行率（%）"],
            [None, None, "合计", "中央", "省级", None, None],
            ["咸安区", "淦河治理", 1200, 600, 600, 840, 70.0], ["嘉鱼县", "污水管网", 1500, 700, 800, 800, 53.33],
            ["通山县", "农村污水治理", 2000, 1000, 1000, 1280, 64.0]]  # fmt: skip
    workbook(sheet, {"明细": rows}, merged={"明细": ("A1:A2", "B1:B2", "C1:E1", "F1:F2", "G1:G2")})
    line = first_line(table_asker([load_document(sheet)])("通山县农村污水治理项目还有多少钱没付？"))
    assert "720" in line  # 2000 下达·合计 less 1280 paid, not 中央 or 省级 less it


def test_a_place_in_a_ranking_is_the_sheets_own_rank_of_that_figure(tmp_path, table_asker):
    sheet = tmp_path / "咸宁市2043年1-6月各县区空气质量综合指数排名.xlsx"
    rows = [["县区", "综合指数", "综合指数排名", "PM2.5（微克/立方米）"],
            ["咸安区", 3.68, 1, 25], ["嘉鱼县", 2.58, 4, 23], ["通山县", 2.71, 3, 29], ["赤壁市", 3.43, 2, 33]]  # fmt: skip
    workbook(sheet, {"排名": rows})
    line = first_line(table_asker([load_document(sheet)])("赤壁市的综合指数排第几？"))
    assert "第2" in line  # as the sheet ranks them (highest first here), not by sorting the indices


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notice")
    tasks = docx_file(
        folder / "关于2043年第三季度大气污染防治重点任务推进情况的通报.docx",
        ("关于2043年第三季度大气污染防治重点任务推进情况的通报",),
        ["序号", "重点任务", "目标要求", "责任县（区）", "完成时限", "进展情况", "完成进度", "状态"],
        [["1", "农村清洁取暖改造", "完成农村清洁取暖改造2.6万户", "咸安区、嘉鱼县、通山县", "2043年10月底",
          "已完成1.9万户，剩余部分正在入户施工。", "73%", "按进度推进"],
         ["2", "泄漏检测与修复", "完成22家企业LDAR", "嘉鱼县、赤壁市", "2043年9月底", "已完成13家。", "59%", "进度滞后"],
         ["3", "汽修喷涂行业整治", "完成60家汽修企业整治", "各县（区）", "2043年10月底", "已完成41家。", "68%",
          "按进度推进"]],
    )  # fmt: skip
    funds = folder / "咸宁市2043年生态环境专项资金分县区汇总表.xlsx"
    workbook(funds, {"分县区": [["咸宁市2043年生态环境专项资金分县区汇总表"], ["单位：万元"],
                                ["排名", "县区", "项目个数", "下达金额", "累计支付", "未支付金额", "执行率（%）"],
                                [1, "通山县", 3, 2260, 2081, 179, 92.08], [2, "咸安区", 2, 1200, 840, 360, 70.0],
                                [3, "嘉鱼县", 4, 1500, 800, 700, 53.33]]})  # fmt: skip
    return [tasks, funds]


def test_a_task_of_several_places_is_each_ones_named_after_it(notice, table_asker):
    ask = table_asker([load_document(p) for p in notice])
    line = first_line(ask("嘉鱼县有哪些任务进度滞后？"))
    assert "泄漏检测与修复（嘉鱼县、赤壁市）" in line and "清洁取暖" not in line
    assert "2项" in first_line(ask("涉及嘉鱼县的任务有哪些？"))  # 清洁取暖 and LDAR; not 各县（区）'s by name


def test_a_month_due_with_no_year_picks_the_tasks_due_then(notice, table_asker):
    line = first_line(table_asker([load_document(p) for p in notice])("10月底前要完成的任务有哪些？"))
    assert "清洁取暖" in line and "汽修喷涂" in line and "泄漏检测" not in line


def test_the_remainder_of_a_task_in_wan_and_a_stated_remainder_column(notice, table_asker):
    ask = table_asker([load_document(p) for p in notice])
    assert "7000户" in first_line(ask("农村清洁取暖改造还差多少户没完成？"))  # 2.6万户 less 1.9万户
    text = ask("通山县的专项资金还有多少没支出？").text  # the sheet's own 未支付金额, its rank and count in no 万元
    assert "179" in text.splitlines()[0] and "排名 1万元" not in text and "项目个数 3万元" not in text


def test_work_done_asked_reads_its_column_not_the_remainder_beside_it(tmp_path, table_asker):
    sheet = tmp_path / "咸宁市2043年生态环境保护重点项目投资进度表（1-9月）.xlsx"
    rows = [["项目名称", "县区", "投资情况", None, None, "年度投资完成率（%）"],
            [None, None, "总投资（万元）", "2043年计划投资（万元）", "1-9月完成投资（万元）", None],
            ["淦河治理", "咸安区", 5000, 4000, 3000, 75.0], ["园区监测", "咸安区", 4650, 4650, 4380, 94.19],
            ["污水管网", "嘉鱼县", 2000, 1600, 800, 50.0]]  # fmt: skip
    workbook(sheet, {"项目": rows}, merged={"项目": ("A1:A2", "B1:B2", "C1:E1", "F1:F2")})
    line = first_line(table_asker([load_document(sheet)])("咸安区的重点项目1-9月一共完成投资多少万元？"))
    assert "7380" in line  # 3000 + 4380 done, not what is left of the plan


def test_which_of_two_is_lower_says_the_lower_first(two_level, table_asker):
    line = first_line(table_asker([load_document(two_level)])("咸安区和嘉鱼县谁的PM2.5更低？低多少？"))
    assert line.startswith("嘉鱼县为25") and "嘉鱼县低4" in line


def test_a_change_asked_of_a_figure_reads_the_change_under_its_header(two_level, table_asker):
    line = first_line(table_asker([load_document(two_level)])("通山县PM2.5浓度同比是升了还是降了？"))
    assert "+1.5" in line and "上升" in line  # PM2.5·同比, not the 浓度 31 against its target


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two_cities")
    header = ["序号", "类别", "任务名称", "牵头单位", "完成时限", "进展情况", "推进情况"]
    ours = docx_file(
        folder / "关于2043年1-9月重点污染防治任务推进情况的通报.docx",
        ("咸宁市生态环境保护委员会办公室关于2043年1-9月重点污染防治任务推进情况的通报",
         "下一步，各地要对滞后任务逐项制定整改措施，于2043年10月20日前报市生态环境保护委员会办公室。"),
        header,
        [["1", "大气", "扬尘在线监控安装（120个工地）", "市住建局", "2043年8月31日", "已安装86个。", "滞后"],
         ["2", "水", "入河排污口整治（64个）", "市生态环境局", "2043年10月31日", "已整治30个。", "严重滞后"],
         ["3", "水", "城镇污水管网新建（45公里）", "市住建局", "2043年12月31日", "已建成31公里。", "按序时推进"]],
    )  # fmt: skip
    theirs = docx_file(
        folder / "黄石市2041年重点任务进度滞后情况表.docx",
        ("黄石市2041年重点任务进度滞后情况表",),
        header,
        [["1", "水", "入河排污口整治（20个）", "市生态环境局", "2041年12月31日", "已整治8个。", "滞后"]],
    )
    return [ours, theirs]


def test_lagging_and_badly_lagging_are_both_lagging(two_cities, table_asker):
    ask = table_asker([load_document(p) for p in two_cities[:1]])
    assert "共2项" in first_line(ask("滞后和严重滞后的任务一共几项？"))
    assert "共1项" in first_line(ask("严重滞后的任务是哪项？"))
    line = first_line(ask("哪些任务要在年底前完成？"))  # due in December: the 管网 only
    assert "污水管网" in line and "扬尘" not in line and "排污口" not in line


def test_each_citys_rows_answer_only_what_they_say(two_cities, table_asker):
    ask = table_asker([load_document(p) for p in two_cities])
    answer = ask("滞后任务的整改措施什么时候前要报上去？报给谁？")  # no task row sends anything: the text's
    assert answer.mismatch and answer.confidence < ROW_CONFIDENT
    text = ask("入河排污口整治还差多少个？").text  # found by its words only: each city's row, the newer first
    assert "咸宁市" in text and "黄石市" in text and text.index("34个") < text.index("12个")


def test_of_two_cities_rows_the_ones_that_say_what_is_asked_answer(tmp_path, table_asker):
    ours = docx_file(tmp_path / "咸宁市2043年攻坚任务分解表.docx", ("咸宁市2043年攻坚任务分解表",),
                     ["序号", "任务名称", "考核内容", "牵头单位", "完成时限"],
                     [["1", "化工产业安全环保整治提升关闭退出一批化工生产企业", "全市年度关闭退出化工生产企业6家",
                       "市发改委", "2043年12月"]])  # fmt: skip
    theirs = docx_file(tmp_path / "黄石市2041年重点任务完成情况表.docx", ("黄石市2041年重点任务完成情况表",),
                       ["序号", "任务名称", "完成情况", "进度评价"],
                       [["1", "化工企业关闭退出", "已关闭退出4家。", "按进度推进"]])  # fmt: skip
    answer = table_asker([load_document(ours), load_document(theirs)])("化工企业关闭退出谁牵头，全年要关几家？")
    assert "市发改委" in answer.text and "6家" in answer.text and not answer.mismatch  # 黄石's row names no lead
    assert "黄石" not in answer.text


def test_a_kind_of_document_said_with_zhong_keeps_its_documents(ask):
    text = ask("规划中PM2.5年均浓度2025年目标是多少？").text  # the plan's indicators (≤35), no station row
    assert "35" in text and "市政府空气质量自动监测站" not in text
