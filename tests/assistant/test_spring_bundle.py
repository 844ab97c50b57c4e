"""A city's half-year files laid out as another bureau would (景德镇市, 2041, all figures and names made up here;
expected answers are read off the rows below):

- a .docx task table whose station rows state several pollutants' targets in one clause (「PM2.5、PM10、NO2浓度分别
  不高于…」) and each reading with its own verdict (「秀湖子站：PM2.5浓度34微克/立方米，未达标；…」);
- an .xlsx task sheet with a merged 牵头单位 column, a 序时进度 column and a 进展状态 of 逾期未完成;
- an .xlsx air sheet by 区县 with 同比 columns and a 全市 row, naming a zone 「景德镇高新区」;
- an .xlsx funds sheet of each 区县's levels with a 小计 row, a 合计 row and a 是否达到序时进度 column;
- an .xlsx water sheet of classes beside a sheet of each section's mean concentrations.
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import docx_file, workbook

STATION_TASKS = [
    ["珠山区", "1", "空气质量考核站点浓度控制",
     "①秀湖子站PM2.5、PM10、NO2浓度分别不高于31、55、25微克/立方米。\n②陶阳路子站PM2.5、PM10、NO2浓度分别不高于32、55、25微克/立方米。",
     "①秀湖子站：PM2.5浓度34微克/立方米，未达标；PM10浓度52微克/立方米，达标；NO2浓度24微克/立方米，达标。\n"
     "②陶阳路子站：PM2.5浓度32微克/立方米，达标；PM10浓度56微克/立方米，未达标；NO2浓度26微克/立方米，未达标。",
     "未达到目标要求"],
    ["乐平市", "2", "空气质量考核站点浓度控制", "乐平工业园子站PM2.5、PM10、NO2浓度分别不高于34、60、28微克/立方米。",
     "乐平工业园子站：PM2.5浓度39微克/立方米，未达标；PM10浓度62微克/立方米，未达标；NO2浓度30微克/立方米，未达标。",
     "未达到目标要求"],
    ["浮梁县", "3", "空气质量考核站点浓度控制", "瑶里子站PM2.5、PM10、NO2浓度分别不高于24、40、14微克/立方米。",
     "瑶里子站：PM2.5浓度22微克/立方米，达标；PM10浓度38微克/立方米，达标；NO2浓度11微克/立方米，达标。", "达到目标要求"],
]  # fmt: skip
TASKS = [
    ["景德镇市2041年生态环境保护重点任务推进情况表（1-9月）"],
    ["序号", "重点任务", "目标任务量", "计量单位", "完成量", "完成率（%）", "序时进度（%）", "完成时限", "牵头单位", "进展状态",
     "责任单位"],
    [1, "城区燃煤锅炉淘汰", 20, "台", 20, 100, 100, "2041年6月底", "市生态环境局", "已完成", "珠山区"],
    [2, "陶瓷窑炉深度治理", 40, "家", 25, 62.5, 75, "2041年12月底", None, "进度滞后", "珠山区、昌江区"],
    [3, "建筑工地扬尘监测设备安装", 150, "个", 140, 93.3, 100, "2041年8月底", "市住房城乡建设局", "逾期未完成", "各县（市、区）"],
    [4, "城镇污水处理厂提标改造", 6, "座", 4, 66.7, 83.3, "2041年11月底", None, "进度滞后", "乐平市、浮梁县"],
    [5, "昌江入河排污口整治", 90, "个", 88, 97.8, 100, "2041年9月底", "市生态环境局", "逾期未完成", "昌江区"],
    [6, "新增造林绿化", 1.2, "万亩", 1.2, 100, 100, "2041年6月底", "市林业局", "已完成", "各县（市、区）"],
]  # fmt: skip
AIR = [
    ["2041年1-9月各县（市、区）环境空气质量状况"],
    [
        "县（市、区）",
        "PM2.5浓度（微克/立方米）",
        "PM2.5同比（%）",
        "优良天数比例（%）",
        "优良天数比例同比（百分点）",
        "优良天数（天）",
        "备注",
    ],
    ["珠山区", 33, -4.1, 86.2, 1.8, 236, None],
    ["昌江区", 31, -6.5, 88.0, 2.4, 241, "主城区"],
    ["乐平市", 35, -2.2, 83.5, -0.6, 228, None],
    ["浮梁县", 25, -8.0, 93.1, 1.2, 255, None],
    ["景德镇高新区", 34, 0.0, 84.0, -1.1, 230, None],
    ["全市", 32, -4.2, 86.9, 0.9, 238, None],
]
FUNDS = [
    ["2041年景德镇市生态环境保护专项资金执行情况表"],
    ["县（市、区）", "资金类别", "下达金额（万元）", "已支出金额（万元）", "执行率（%）", "是否达到序时进度"],
    ["珠山区", "中央资金", 800, 640, 80.0, "是"],
    [None, "市级资金", 200, 170, 85.0, "是"],
    [None, "小计", 1000, 810, 81.0, "是"],
    ["乐平市", "中央资金", 900, 360, 40.0, "否"],
    [None, "市级资金", 300, 210, 70.0, "否"],
    [None, "小计", 1200, 570, 47.5, "否"],
    ["景德镇高新区", "省级资金", 400, 220, 55.0, "否"],
    [None, "小计", 400, 220, 55.0, "否"],
    ["合计", None, 2600, 1600, 61.54, "否"],
]
WATER = [
    ["2041年1-9月景德镇市考核断面水质状况"],
    ["序号", "断面名称", "所在河流", "水质目标", "1-9月均值类别", "是否达标", "超标项目"],
    [1, "渡峰坑", "昌江", "Ⅲ类", "Ⅳ类", "否", "总磷"],
    [2, "鲇鱼山", "昌江", "Ⅱ类", "Ⅱ类", "是", "—"],
    [3, "潭口", "乐安河", "Ⅲ类", "Ⅳ类", "否", "氨氮、总磷"],
]
MEANS = [
    ["2041年1-9月各断面主要指标均值（单位：毫克/升）"],
    ["序号", "断面名称", "氨氮", "总磷"],
    [1, "渡峰坑", 0.62, 0.18],
    [2, "鲇鱼山", 0.21, 0.05],
    [3, "潭口", 1.08, 0.16],
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jingdezhen")
    stations = docx_file(
        folder / "景德镇市2041年县（市、区）重点任务推进情况表（1-9月）.docx",
        ("附件1", "景德镇市2041年县（市、区）重点任务推进情况表（1-9月）"),
        ["县（市、区）", "序号", "重点任务", "目标要求", "1-9月推进情况", "进度评价"],
        STATION_TASKS,
    )
    tasks = folder / "景德镇市2041年生态环境保护重点任务推进情况表（1-9月）.xlsx"
    workbook(tasks, {"重点任务": TASKS}, merged={"重点任务": ("A1:K1", "I3:I4", "I5:I6")})
    air = folder / "2041年1-9月景德镇市环境空气质量状况.xlsx"
    workbook(air, {"空气质量": AIR}, merged={"空气质量": ("A1:G1",)})
    funds = folder / "2041年景德镇市生态环境保护专项资金执行情况表.xlsx"
    workbook(funds, {"执行情况": FUNDS}, merged={"执行情况": ("A1:F1", "A3:A5", "A6:A8", "A9:A10", "A11:B11")})
    water = folder / "2041年1-9月景德镇市考核断面水质状况.xlsx"
    workbook(
        water, {"水质类别": WATER, "主要指标均值": MEANS}, merged={"水质类别": ("A1:G1",), "主要指标均值": ("A1:D1",)}
    )
    return [stations, tasks, air, funds, water]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


# -- station readings written as a list of pollutants, each reading with its own verdict ------------------------


def test_targets_said_together_and_readings_with_their_own_verdicts(ask):
    # NO2 over target: 陶阳路 26 > 25, 乐平工业园 30 > 28 (秀湖 24 ≤ 25, 瑶里 11 ≤ 14)
    text = answer_text(ask("NO2超标的站点一共几个，分别是哪几个？"))
    assert "2个" in text and "陶阳路子站" in text and "乐平工业园子站" in text
    assert "秀湖" not in text and "瑶里" not in text


def test_a_station_named_after_its_city_keeps_its_name(ask):
    text = answer_text(ask("乐平那个考核站PM10是多少？"))
    assert "乐平工业园子站" in text and "62" in text


def test_these_stations_are_the_ones_the_answer_before_named_across_counties(ask):
    history = [{"role": "user", "content": "哪些站点NO2没达标？"},
               {"role": "assistant", "content": "陶阳路子站、乐平工业园子站。"}]  # fmt: skip
    text = answer_text(ask("这几个站的PM10分别多少？", history))
    assert "56" in text and "62" in text and "秀湖" not in text


# -- change on last year, zones, overdue tasks ----------------------------------------------------------------------


def test_against_last_year_is_the_change_column_and_its_way_is_asked_not_filtered(ask):
    head = first_line(ask("今年1到9月全市优良天数比例是多少？跟去年同期比是涨了还是跌了？"))
    assert "86.9" in head and "0.9" in head and "上升" in head and "浮梁" not in head


def test_a_zone_is_named_without_its_city(ask):
    text = answer_text(ask("高新区的PM2.5跟去年同期比怎么样？"))
    assert "景德镇高新区" in text and "34" in text and "持平" in text


def test_tasks_past_their_deadline_are_the_sheets_overdue_ones(ask):
    head = first_line(ask("过了时限还没干完的任务有几项？是哪几项？"))
    assert "2" in head and "扬尘" in head and "排污口" in head and "陶瓷" not in head


def test_a_follow_up_with_new_conditions_is_asked_the_same_way(ask):
    history = [{"role": "user", "content": "进度滞后的任务有几项？"}, {"role": "assistant", "content": "共2项。"}]
    head = first_line(ask("逾期未完成的呢？", history))
    assert "2项" in head or "2个" in head


def test_a_departments_short_name_filters_a_sheets_merged_lead_column(ask):
    # 市住房城乡建设局 leads 3 and 4 (merged I5:I6); 市生态环境局 1, 2 and 5
    text = answer_text(ask("市住建局牵头的有哪几项任务？"))
    assert "扬尘" in text and "提标改造" in text and "燃煤锅炉" not in text and "排污口" not in text


def test_the_counties_a_city_rows_responsible_units_name(ask):
    text = answer_text(ask("陶瓷窑炉深度治理是哪个部门牵头？落到哪几个县区？"))
    assert "市生态环境局" in text and "珠山区、昌江区" in text


def test_words_beside_the_places_named_pick_none_of_them_out(ask):
    # 236 + 241: 「主城区」 is written in 昌江区's 备注 only
    assert "477" in answer_text(ask("主城区珠山和昌江两个区优良天数加起来一共多少天？"))


def test_a_column_of_the_sheet_asked_by_its_words(ask):
    assert "83.3" in answer_text(ask("污水处理厂提标改造现在的序时进度应该到多少？"))


# -- funds: a county's 小计, the 合计 row, a yes/no column ------------------------------------------------------------


def test_a_countys_rate_and_whether_it_met_the_yes_no_column(ask):
    text = answer_text(ask("乐平市专项资金执行率是多少？达到序时要求没有？"))
    assert text.startswith("否，未达到序时进度") and "47.5" in text and "40.0" not in text


def test_a_countys_overall_rate_is_its_subtotal(ask):
    text = answer_text(ask("珠山区环保专项资金整体执行率到多少了？"))
    assert "81" in text and "80.0" not in text and "61.54" not in text


def test_the_city_total_is_the_total_row_not_a_subtotal(ask):
    text = answer_text(ask("全市专项资金下达了多少钱、花出去多少？"))
    assert "2600" in text and "1600" in text and "合计 合计" not in text


def test_a_follow_up_yes_no_of_another_county_says_the_yes_no_column(ask):
    history = [{"role": "user", "content": "珠山区专项资金执行率多少？"},
               {"role": "assistant", "content": "珠山区小计执行率81.0%，达到序时进度。"}]  # fmt: skip
    text = answer_text(ask("高新区呢？达标没？", history))
    assert text.startswith("否") and "55" in text


# -- comparing two rows' falls; ranking by a column of another sheet -------------------------------------------------


def test_the_larger_fall_of_two_is_named(ask):
    text = answer_text(ask("昌江和珠山比，哪个PM2.5同比降幅更大？"))
    assert "昌江区降幅更大" in text and "6.5" in text and "4.1" in text


def test_the_highest_mean_is_read_off_the_sheet_of_means(ask):
    head = first_line(ask("总磷均值最高的是哪个断面，数值多少？"))
    assert "渡峰坑" in head and "0.18" in head and "潭口" not in head


# -- a sheet of every station beside a task table naming some; last year's row; a water class's change --------------

STATION_SHEET = [
    ["2041年1-9月各考核站点主要污染物浓度与考核目标对照表"],
    ["县（市、区）", "站点名称", "PM10·1-9月均值", "PM10·考核目标", "NO2·1-9月均值", "NO2·考核目标"],
    ["珠山区", "秀湖子站", 52, 55, 24, 25],
    ["珠山区", "陶阳路子站", 56, 55, 26, 25],
    ["昌江区", "竟成子站", 47, 45, 20, 22],
    ["乐平市", "乐平工业园子站", 62, 60, 30, 28],
]
MONTHS = [
    ["2041年1-9月全市环境空气质量逐月统计"],
    ["月份", "PM2.5（微克/立方米）", "优良天数（天）"],
    ["7月", 20, 29], ["8月", 18, 30], ["9月", 22, 27],
    ["1-9月", 30, 238],
    ["2040年1-9月", 33, 231],
]  # fmt: skip
SECTIONS = [
    ["2041年1-9月主要河流断面水质情况"],
    ["序号", "断面名称", "2041年1-9月水质类别", "2040年同期水质类别", "水质目标"],
    [1, "渡峰坑", "Ⅳ类", "Ⅲ类", "Ⅲ类"],
    [2, "鲇鱼山", "Ⅱ类", "Ⅲ类", "Ⅱ类"],
]

MONTHLY_CLASSES = [
    ["2041年1-6月景德镇市考核断面逐月水质类别"],
    ["序号", "断面名称", "所在河流", "水质目标", "月度水质类别", None, None, None, "是否达标"],
    [None, None, None, None, "3月", "4月", "5月", "6月", None],
    [1, "渡峰坑", "昌江", "Ⅲ类", "Ⅲ", "Ⅳ", "Ⅳ", "Ⅲ", "否"],
    [2, "鲇鱼山", "昌江", "Ⅱ类", "Ⅱ", "Ⅱ", "Ⅰ", "Ⅱ", "是"],
    [3, "潭口", "乐安河", "Ⅲ类", "Ⅲ", "Ⅲ", "Ⅳ", "Ⅲ", "是"],
    [4, "蛟潭", "东河", "Ⅱ类", "Ⅱ", "Ⅱ", "Ⅱ", "Ⅱ", "是"],
    ["当月达到水质目标断面数（个）", None, None, None, 4, 3, 2, 4, None],
    ["Ⅲ类及以上断面比例（%）", None, None, None, 100.0, 75.0, 50.0, 100.0, None],
]


@pytest.fixture(scope="module")
def ask_sheets(files, tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("jingdezhen_sheets")
    stations = folder / "2041年1-9月景德镇市考核站点浓度对照表.xlsx"
    workbook(stations, {"站点": STATION_SHEET}, merged={"站点": ("A1:F1",)})
    months = folder / "2041年1-9月景德镇市全市空气质量逐月统计.xlsx"
    workbook(months, {"逐月": MONTHS}, merged={"逐月": ("A1:C1",)})
    sections = folder / "2041年1-9月景德镇市主要河流断面水质情况.xlsx"
    workbook(sections, {"断面": SECTIONS}, merged={"断面": ("A1:E1",)})
    classes = folder / "2041年1-6月景德镇市考核断面逐月水质类别.xlsx"
    merged = ("A1:I1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:H2", "I2:I3", "A8:D8", "A9:D9")
    workbook(classes, {"逐月类别": MONTHLY_CLASSES}, merged={"逐月类别": merged})
    return table_asker([load_document(p) for p in (files[0], stations, months, sections, classes)])


def test_a_sheet_of_every_station_answers_before_the_stations_a_task_names(ask_sheets):
    # PM10 over target: 陶阳路 56 > 55, 竟成 47 > 45, 乐平工业园 62 > 60 (竟成 is in no task's text)
    text = answer_text(ask_sheets("PM10没达到考核目标的站点有哪几个？"))
    assert "竟成" in text and "陶阳路" in text and "乐平工业园" in text and "秀湖" not in text


def test_a_span_against_last_years_row_of_a_sheet_of_months(ask_sheets):
    head = first_line(ask_sheets("1-9月优良天数累计多少天？跟去年同期比多了几天？"))
    assert "238" in head and "231" in head and "7天" in head


def test_a_change_no_sheet_states_is_not_read_off_another_column(ask):
    # the funds sheet states no change on last year: 「同比」 of it finds no figure rather than its 执行率
    answer = ask("乐平市专项资金执行率同比提高了多少？")
    assert answer is None or "47.5" not in getattr(answer, "text", "")


def test_a_water_classs_change_is_said_better_or_worse(ask_sheets):
    history = [{"role": "user", "content": "渡峰坑断面水质现在什么情况？"},
               {"role": "assistant", "content": "渡峰坑断面1-9月水质为Ⅳ类，目标为Ⅲ类。"}]  # fmt: skip
    text = answer_text(ask_sheets("跟去年同期比是变好了还是变差了？", history))
    assert "变差" in text and "鲇鱼山" not in text


def test_a_months_classes_against_the_target_beside_a_count_row(ask_sheets):
    # 5月: 渡峰坑 Ⅳ > Ⅲ, 鲇鱼山 Ⅰ ≤ Ⅱ, 潭口 Ⅳ > Ⅲ, 蛟潭 Ⅱ ≤ Ⅱ (the 当月达到… row counts, it is no section)
    head = first_line(ask_sheets("5月份哪些断面没达到水质目标？一共几个？"))
    assert "2个" in head and "渡峰坑" in head and "潭口" in head and "鲇鱼山" not in head and "蛟潭" not in head


def test_the_months_a_section_missed_are_counted_and_named(ask_sheets):
    head = first_line(ask_sheets("渡峰坑断面有几个月水质没达到目标？分别是几月？"))
    assert "2个月" in head and "4月" in head and "5月" in head and "3月" not in head


def test_sections_that_met_their_target_every_month(ask_sheets):
    head = first_line(ask_sheets("3到6月每个月水质都达到目标的断面有哪些？"))
    assert "鲇鱼山" in head and "蛟潭" in head and "渡峰坑" not in head and "潭口" not in head


def test_sections_that_missed_in_some_month(ask_sheets):
    head = first_line(ask_sheets("3到6月，有哪些断面出现过单月水质没达到目标类别的？"))
    assert "渡峰坑" in head and "潭口" in head and "鲇鱼山" not in head and "蛟潭" not in head


def test_a_place_no_row_of_the_sheets_writes_is_not_every_row(ask):
    # 景德镇浮梁新区 is in no sheet: no mean of every 区县's row
    answer = ask("浮梁新区1-9月PM2.5平均浓度是多少？")
    assert getattr(answer, "text", None) is None or "算术平均" not in answer.text


def test_how_far_apart_two_places_are_is_no_gap_to_a_target(ask):
    # 小计 已支出: 珠山区 810, 乐平市 570
    text = answer_text(ask("珠山区和乐平市已经支出的金额相差多少？"))
    assert "240" in text and "百分点" not in text.splitlines()[0]


def test_a_city_named_with_words_no_row_writes_lists_none_of_its_counties(ask):
    answer = ask("景德镇市2041年碳排放配额分配给了哪些企业？")
    assert getattr(answer, "text", None) is None or "珠山区" not in answer.text


def test_one_stations_mean_column_and_whether_it_met_its_target(ask_sheets):
    text = answer_text(ask_sheets("陶阳路子站1-9月PM10均值是多少？考核目标达到没有？"))  # 56 against 55
    assert text.startswith("否") and "56" in text and "55" in text and "算术平均" not in text


def test_a_central_inspection_is_no_fund_level(files):
    from tests.conftest import table_path

    understander, _ = table_path([load_document(p) for p in files])
    assert not understander.run("中央督察反馈的问题一共多少个？", []).has("level")
    assert understander.run("中央资金下达了多少？", []).has("level")


def test_a_kind_of_area_is_no_place_name():
    from assistant.planner import NOT_PLACE, PLACE_SHAPED

    assert PLACE_SHAPED.fullmatch("新蒲新区") and not NOT_PLACE.search("新蒲新区")
    assert PLACE_SHAPED.fullmatch("水库水源保护区") and NOT_PLACE.search("水库水源保护区")
    assert not PLACE_SHAPED.fullmatch("其它县") and not PLACE_SHAPED.fullmatch("各区县")


def test_no_station_is_made_of_words_before_a_bare_子站():
    from structured.stations import _readings, _targets

    assert not _targets("全市各子站PM2.5浓度不高于35微克/立方米。", "")
    # a bound is no reading, and 达标率 is no verdict of one
    assert not _readings("秀湖子站：力争PM2.5浓度30微克/立方米以下。", "珠山区", set())
    found = _readings("秀湖子站：PM2.5浓度30微克/立方米，达标率95%。", "珠山区", set())
    assert found[("秀湖", "PM2.5")]["result"] == ""


def test_a_sheet_of_figures_with_a_dash_keeps_every_row_by_month():
    from structured.generic import _months_as_rows

    headers = ["断面", "1月", "2月", "3月"]
    body = [
        ["甲", "1.2", "—", "1.1"],
        ["乙", "断流", "0.9", "1.0"],
        ["丙", "0.8", "—", "0.7"],
        ["丁", "1.0", "1.1", "0.9"],
    ]
    _, rows, _ = _months_as_rows(headers, body, "氨氮浓度")
    assert {r[0] for r in rows} == {"甲", "乙", "丙", "丁"}


def test_an_attribute_asked_yes_or_no_is_not_answered_with_a_target_verdict(ask_tables):
    text = ask_tables("江门市空气质量优良天数比例是约束性指标吗").text
    assert "达到目标" not in text.splitlines()[0]


def test_a_yes_no_column_leads_only_when_a_verdict_is_asked(ask):
    text = answer_text(ask("珠山区下达了中央资金吗？"))
    assert not text.startswith("是，已达到")
