"""A city's half-year files laid out as another bureau would (吉安市, 2042, all figures and names made up here;
expected answers are read off the rows below):

- a .docx task table whose place column is headed 「辖市区」;
- an .xlsx of stations whose two-row header gives each pollutant its own 「是否达标」, a sheet whose NO2 「评价」 says
  基本达标, a sheet of O3 with its 同比变化 beside this year's and last year's readings, and a sheet of 优良天数比例 with a 「2042年度目标」 beside this year's and last year's figures, a
  「是否达到年度目标」 column and a count of 重度及以上污染天数;
- an .xlsx of funds whose 执行率 is given at two dates (一季度末, 上半年), with 小计 rows of the city's parts
  beside its 合计, a long 「是否达到6月底序时进度要求」 column, a sheet of last year's funds with a 备注, and a sheet of
  重点项目;
- an .xlsx of water sections judged by quarter (水质类别·一季度 / 二季度 / 上半年).
"""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from corpus import load_document
from tests.support.answers import first_line
from tests.support.documents import docx_file, workbook

TASKS = [
    ["1", "吉州区", "餐饮油烟在线监控", "2042年6月底前，完成120家餐饮单位油烟在线监控安装。", "已安装86家，完成率71.7%。",
     "未按进度完成"],
    ["2", "青原区", "农村生活污水治理", "2042年新增治理自然村30个，其中6月底前完成15个。", "已完成16个。", "按进度完成"],
    ["3", "吉安县", "加油站油气回收在线监控", "2042年6月底前，完成8座加油站油气回收在线监控联网。",
     "已联网7座，剩余1座7月完成。", "基本按进度完成"],
    ["4", "泰和县", "老旧柴油货车淘汰", "2042年6月底前，淘汰老旧柴油货车200辆。", "已淘汰132辆。", "未按进度完成"],
]  # fmt: skip
PARTICLES = [
    ["2042年1-6月吉安市考核站点颗粒物浓度情况"],
    ["序号", "辖市区", "考核站点", "PM2.5", None, None, None, "PM10", None, None, None],
    [None, None, None, "2042年1-6月", "2041年1-6月", "考核目标", "是否达标", "2042年1-6月", "2041年1-6月", "考核目标",
     "是否达标"],
    [1, "吉州区", "白鹭洲子站", 31, 33, 30, "否", 50, 52, 55, "是"],
    [2, "青原区", "河东子站", 28, 30, 29, "是", 58, 56, 55, "否"],
    [3, "吉安县", "敦厚子站", 27, 29, 28, "是", 50, 52, 52, "是"],
    [4, "泰和县", "澄江子站", 33, 34, 31, "否", 60, 61, 56, "否"],
]  # fmt: skip
NO2 = [
    ["2042年1-6月各考核站点二氧化氮浓度情况"],
    ["序号", "辖市区", "考核站点", "NO2（微克/立方米）", None, None],
    [None, None, None, "2042年1-6月", "考核目标", "评价"],
    [1, "吉州区", "白鹭洲子站", 27, 26, "基本达标"],
    [2, "青原区", "河东子站", 24, 25, "达标"],
    [3, "吉安县", "敦厚子站", 29, 26, "未达标"],
    [4, "泰和县", "澄江子站", 22, 24, "达标"],
    [5, "泰和县", "联合子站", 20, 24, "达标"],
]
OZONE = [
    ["2042年1-6月各考核站点臭氧浓度情况"],
    ["序号", "辖市区", "考核站点", "O3日最大8小时平均第90百分位浓度（微克/立方米）", None, None],
    [None, None, None, "2042年1-6月", "2041年1-6月", "同比变化（%）"],
    [1, "吉州区", "白鹭洲子站", 160, 150, 6.7],
    [2, "青原区", "河东子站", 172, 170, 1.2],
    [3, "吉安县", "敦厚子站", 150, 158, -5.1],
    [4, "泰和县", "澄江子站", 165, 160, 3.1],
]
GOOD_DAYS = [
    ["2042年1-6月各辖市区环境空气质量优良天数比例情况"],
    ["序号", "地区", "优良天数比例（%）", None, "2042年度目标（%）", "是否达到年度目标", "重度及以上污染天数（天）"],
    [None, None, "2042年1-6月", "2041年1-6月", None, None, None],
    [1, "吉州区", 85.2, 84.0, 86.0, "否", 1],
    [2, "青原区", 88.1, 87.5, 87.0, "是", 0],
    [3, "吉安县", 83.0, 84.1, 85.5, "否", 2],
    [4, "泰和县", 90.4, 89.0, 88.0, "是", 0],
]
FUNDS = [
    ["2042年1-6月吉安市各辖市区生态环境专项资金执行情况统计表"],
    ["序号", "辖市区", "已下达资金（万元）", None, None, "执行率（%）", None, "是否达到6月底序时进度要求"],
    [None, None, "中央", "市级", "小计", "一季度末", "上半年", None],
    [1, "吉州区", 500, 100, 600, 15.2, 52.0, "是"],
    [2, "青原区", 300, 80, 380, 10.5, 41.3, "否"],
    [None, "市区小计", 800, 180, 980, 13.4, 47.8, "否"],
    [3, "吉安县", 400, 120, 520, 20.1, 38.6, "否"],
    [4, "泰和县", 350, 90, 440, 18.0, 47.9, "是"],
    [None, "县（市）小计", 750, 210, 960, 19.1, 42.9, "否"],
    [None, "全市合计", 1550, 390, 1940, 16.2, 45.4, "否"],
]
LAST_YEAR = [
    ["2041年度生态环境专项资金执行情况（截至2042年6月30日）"],
    ["序号", "辖市区", "2041年度下达资金（万元）", "截至2042年6月底已支出（万元）", "执行率（%）", "备注"],
    [1, "吉州区", 300, 300, 100, "已执行完毕"],
    [2, "青原区", 200, 180, 90, "未按期执行完毕"],
    [3, "吉安县", 250, 250, 100, "已执行完毕"],
    [4, "泰和县", 150, 120, 80, "未按期执行完毕"],
]
PROJECTS = [
    ["2042年上半年生态环境保护专项资金重点项目执行明细"],
    ["序号", "辖市区", "项目名称", "下达金额（万元）", "执行率（%）"],
    [1, "吉州区", "城区雨污分流改造工程", 300, 45.0],
    [2, "青原区", "河东片区污水管网完善工程", 200, 30.5],
    [3, "吉安县", "敦厚镇污水处理厂提标工程", 260, 52.0],
]
WATER = [
    ["2042年上半年吉安市地表水考核断面水质类别"],
    ["序号", "断面名称", "所在县（市、区）", "水质目标", "水质类别", None, None, "是否达标（上半年）"],
    [None, None, None, None, "一季度", "二季度", "上半年", None],
    [1, "螺滩", "吉州区", "Ⅲ类", "Ⅱ类", "Ⅲ类", "Ⅲ类", "是"],
    [2, "白沙", "青原区", "Ⅲ类", "Ⅲ类", "Ⅳ类", "Ⅲ类", "是"],
    [3, "石口", "吉安县", "Ⅱ类", "Ⅲ类", "Ⅱ类", "Ⅲ类", "否"],
    [4, "沿溪", "泰和县", "Ⅲ类", "Ⅳ类", "Ⅳ类", "Ⅳ类", "否"],
    [5, "联合桥", "泰和县", "Ⅲ类", "Ⅲ类", "Ⅲ类", "Ⅱ类", "是"],
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jian")
    tasks = docx_file(
        folder / "吉安市2042年上半年污染防治攻坚重点任务推进情况通报.docx",
        ("附件1", "2042年上半年各辖市区重点任务推进情况表"),
        ["序号", "辖市区", "任务名称", "目标要求", "截至6月底完成情况", "进度评价"],
        TASKS,
    )
    air = folder / "2042年1-6月吉安市环境空气质量考核站点监测数据.xlsx"
    workbook(
        air,
        {"颗粒物": PARTICLES, "二氧化氮": NO2, "臭氧": OZONE, "优良天数比例": GOOD_DAYS},
        merged={"颗粒物": ("A1:K1", "A2:A3", "B2:B3", "C2:C3", "D2:G2", "H2:K2"),
                "二氧化氮": ("A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:F2"),
                "臭氧": ("A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:F2"),
                "优良天数比例": ("A1:G1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "G2:G3")},
    )  # fmt: skip
    funds = folder / "2042年1-6月吉安市生态环境专项资金执行情况统计表.xlsx"
    workbook(
        funds,
        {"执行情况汇总": FUNDS, "上年度资金清算": LAST_YEAR, "重点项目明细": PROJECTS},
        merged={
            "执行情况汇总": ("A1:H1", "A2:A3", "B2:B3", "C2:E2", "F2:G2", "H2:H3"),
            "上年度资金清算": ("A1:F1",),
            "重点项目明细": ("A1:E1",),
        },
    )
    water = folder / "2042年上半年吉安市地表水考核断面水质状况.xlsx"
    workbook(water, {"水质类别": WATER}, merged={"水质类别": ("A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:G2",
                                                                   "H2:H3")})  # fmt: skip
    return [tasks, air, funds, water]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


def listed(answer) -> str:
    return first_line(answer)


# -- a pollutant's own verdict --------------------------------------------------------------------------------


def test_a_pollutants_own_yes_no_column_picks_the_stations(ask):
    # PM2.5·是否达标 否: 白鹭洲 (its PM10 是), 澄江; 河东's PM10 否 but its PM2.5 是
    line = listed(ask("PM2.5没达标的站点有哪几个"))
    assert "白鹭洲" in line and "澄江" in line and "河东" not in line and "敦厚" not in line


def test_both_pollutants_named_with_all_of_them_met(ask):
    line = listed(ask("PM2.5和PM10两项都达标的站点有几个"))  # 敦厚 only
    assert "1个" in line and "敦厚" in line


def test_a_count_of_stations_adds_up_no_concentrations(ask):
    line = listed(ask("PM2.5达标的站点一共几个"))  # 河东 28, 敦厚 27
    assert "2个" in line and "55" not in line


def test_a_middle_verdict_the_sheet_states_for_its_pollutant(ask):
    line = listed(ask("NO2基本达标的站点有哪些"))  # 评价 基本达标: 白鹭洲 only (27 > 26 but stated so)
    assert "白鹭洲" in line and "敦厚" not in line and "河东" not in line and "基本达标" in line


# -- a target of this year beside this year's and last year's figures ------------------------------------------


def test_the_gap_to_this_years_target_is_of_this_years_figure(ask):
    # 吉安县 2042年1-6月 83.0, 2042年度目标 85.5 → 2.5 short (not 2041's 84.1)
    text = ask("吉安县优良率多少？离年度目标还差多少").text
    assert "83%" in text and "85.5%" in text and "2.5" in text  # (83.0 typed in a cell is the number 83)


def test_a_yes_no_column_said_with_another_verb(ask):
    line = listed(ask("优良天数比例没完成年度目标的地区有哪些"))  # 是否达到年度目标 否: 吉州区, 吉安县
    assert "吉州区" in line and "吉安县" in line and "青原区" not in line and "泰和县" not in line


def test_rows_that_had_some_of_a_count(ask):
    line = listed(ask("上半年出现过重度及以上污染天的地区"))  # 吉州区 1, 吉安县 2
    assert "吉州区" in line and "吉安县" in line and "青原区" not in line and "泰和县" not in line


# -- figures of two dates, a total beside subtotals, long yes/no headers ---------------------------------------


def test_a_rate_of_two_dates_is_the_later_one_unless_named(ask):
    line = listed(ask("执行率低于45%的是哪几个"))  # 上半年: 青原区 41.3, 吉安县 38.6 (一季度末 would be all four)
    assert "青原区" in line and "吉安县" in line and "吉州区" not in line and "泰和县" not in line
    assert "小计" not in line  # 「县（市）小计」 42.9 is a subtotal, no place
    line = listed(ask("一季度末执行率低于12%的是哪个"))  # 青原区 10.5
    assert "青原区" in line and "吉州区" not in line


def test_two_places_compared_on_the_later_rate(ask):
    text = ask("吉州和泰和资金执行率谁高").text  # 上半年 52.0 vs 47.9
    assert "52%" in text and "47.9%" in text


def test_the_city_total_is_its_grand_total_row_not_the_subtotals_of_its_parts(ask):
    text = ask("全市专项资金一共下达了多少").text
    assert "1940" in text and "980" not in text and "960" not in text


def test_a_long_yes_no_header_said_negated(ask):
    line = listed(ask("哪些地方资金执行没达到6月底要求"))  # 否: 青原区, 吉安县 (not the 小计 rows)
    assert "青原区" in line and "吉安县" in line and "吉州区" not in line and "泰和县" not in line


def test_not_yet_spent_in_full_bounds_the_rate_its_words_name(ask):
    line = listed(ask("2041年度的资金哪几个还没执行完"))  # 执行率 < 100: 青原区 90, 泰和县 80
    assert "青原区" in line and "泰和县" in line and "吉州区" not in line and "吉安县" not in line


# -- classes by quarter ------------------------------------------------------------------------------------------


def test_a_quarters_own_verdict(ask):
    line = listed(ask("二季度没达到水质目标的断面"))  # 二季度: 白沙 Ⅳ>Ⅲ, 沿溪 Ⅳ>Ⅲ (石口 Ⅱ meets its Ⅱ)
    assert "白沙" in line and "沿溪" in line and "石口" not in line and "螺滩" not in line


def test_sections_worse_in_one_quarter_than_the_one_before(ask):
    line = listed(ask("二季度比一季度水质变差的断面有几个"))  # 螺滩 Ⅱ→Ⅲ, 白沙 Ⅲ→Ⅳ
    assert "2个" in line and "螺滩" in line and "白沙" in line and "石口" not in line


# -- a task table whose place column is 辖市区 -------------------------------------------------------------------


def test_a_task_tables_place_column_headed_by_its_cities_and_districts(ask):
    line = listed(ask("哪些重点任务没按进度完成"))  # 吉州区 油烟, 泰和县 柴油货车
    assert "吉州区" in line and "泰和县" in line and "青原区" not in line


# -- which rows and which column a question names ----------------------------------------------------------------


def test_a_reading_is_ranked_not_its_change(ask):
    line = listed(ask("臭氧浓度哪个站最高"))  # 2042年1-6月: 河东 172 (the 同比变化 would rank 白鹭洲 6.7)
    assert "河东" in line and "172" in line


def test_a_longer_row_name_of_one_sheet_hides_a_shorter_one_of_another(ask):
    text = ask("联合桥断面上半年水质是几类").text  # the section 联合桥, Ⅱ类 over 上半年; not the 联合子站
    assert "联合桥" in text and "Ⅱ类" in text and "联合子站" not in text


def test_a_tables_name_said_picks_it_over_a_sheet_with_the_same_column(ask):
    line = listed(ask("重点项目里执行率最低的是哪个"))  # 河东片区污水管网完善工程 30.5 (the summary's lowest is 吉安县)
    assert "河东片区污水管网" in line and "30.5" in line


def test_a_latin_name_no_row_writes_picks_no_rows(ask):
    assert isinstance(ask("吉州区2042年上半年GDP增长多少"), Missing)


def test_a_pollutants_yes_no_column_answers_in_its_own_words(ask):
    assert ask("白鹭洲子站PM2.5达标了吗").text.startswith("否，PM2.5未达标")  # PM2.5·是否达标 否


def test_a_task_named_by_its_kind_says_what_it_is_to_do(ask):
    text = ask("哪些重点任务没按进度完成").text  # 餐饮油烟在线监控: its 目标要求 tells what
    assert "完成120家餐饮单位油烟在线监控安装" in text and "淘汰老旧柴油货车200辆" in text


def test_what_is_yet_to_spend_for_a_rate_to_reach_a_bound(ask):
    # 泰和县 2041年度: 下达 150, 已支出 120 (80%); 95% of 150 is 142.5 → 22.5 more
    text = ask("泰和县2041年度的资金要达到95%，还得再支出多少万？").text
    assert text.startswith("泰和县") and "22.5万元" in text
    assert "已达到" in ask("吉州区2041年度的资金要达到95%，还需要支出多少？").text  # 300 of 300 spent


# -- found by review --------------------------------------------------------------------------------------------


def test_rows_that_had_none_of_a_count(ask):
    line = listed(ask("没有出现过重度及以上污染天的地区"))  # 青原区 0, 泰和县 0
    assert "青原区" in line and "泰和县" in line and "吉州区" not in line and "吉安县" not in line


def test_a_pollutants_own_yes_no_column_answers_yes_of_a_row_whose_other_pollutant_failed(ask):
    assert ask("白鹭洲子站PM10达标了吗").text.startswith("是")  # PM10·是否达标 是 (its PM2.5 否)


def test_a_yes_no_column_said_shorter_picks_its_sheet(ask):
    assert ask("青原区达到序时进度要求了吗").text.startswith("否")  # 是否达到6月底序时进度要求 否


def test_sections_better_in_one_quarter_than_the_one_before(ask):
    line = listed(ask("二季度比一季度水质变好的断面"))  # 石口 Ⅲ→Ⅱ only
    assert "石口" in line and "螺滩" not in line and "白沙" not in line


def test_what_is_yet_to_spend_is_said_with_the_verb_of_its_column(ask):
    assert "还需支出22.5万元" in ask("泰和县2041年度的资金要达到95%，还得再支出多少万？").text  # 截至…已支出


def test_an_acronym_beside_a_figure_the_sheet_names_is_not_refused_as_unknown(ask):
    # (the table path leaves the word it does not know to the text; it does not say the sheet lacks it)
    assert not isinstance(ask("吉州区AQI优良天数比例多少"), Missing)


LEVELS = [
    ["2042年1-9月吉安市各辖市区专项资金执行情况"],
    ["辖市区", "省级资金", None, None, "市级资金", None, None],
    [None, "已下达（万元）", "已支出（万元）", "执行率（%）", "已下达（万元）", "已支出（万元）", "执行率（%）"],
    ["吉州区", 800, 480, 60.0, 400, 260, 65.0],
    ["青原区", 600, 300, 50.0, 200, 170, 85.0],
    ["泰和县", 500, 350, 70.0, 300, 150, 50.0],
]


@pytest.fixture(scope="module")
def ask_levels(tmp_path_factory, table_asker):
    path = tmp_path_factory.mktemp("jian-levels") / "2042年1-9月吉安市各辖市区专项资金执行情况.xlsx"
    workbook(path, {"执行情况": LEVELS}, merged={"执行情况": ("A1:G1", "A2:A3", "B2:D2", "E2:G2")})
    return table_asker([load_document(path)])


def test_what_is_yet_to_spend_is_of_the_rate_named_among_several(ask_levels):
    # 吉州区 市级: 400 × 75% − 260 = 40 (省级 would be 800 × 75% − 480 = 120)
    text = ask_levels("吉州区市级资金要达到75%，还需要支出多少").text
    assert "40万元" in text and "120" not in text and "市级资金·执行率" in text
