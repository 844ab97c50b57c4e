"""A city's files of 2049 laid out yet another way (忻州市; every figure, station, task and amount made up here, and
the expected answers read off the rows below):

- an .xlsx of the 区县's air readings under a two-row header: PM2.5 (浓度 / 同比 / 目标), 优良天数比例 (比例 /
  同比（百分点） / 目标), 综合指数 (指数 / 排名, where 1 is the best), a verdict, and a 全市 row;
- an .xlsx of the stations of the same 区县, a 所属县（区） column beside each station;
- a .docx task table with deadlines to the month end and 完成状态;
- a .docx plan whose indicators have a 「2045年基期」 and a 「2050年目标」;
- a .docx fund table by 区县 and 资金级别 (中央 / 省级 / 市级) with its 「其中：中央资金」 rows under the 合计;
- a .docx water sheet of 断面 with a 主要超标项目 column, and a task about one of its 断面.
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import docx_file, workbook

AIR = [
    ["2049年1-9月忻州市各县（市、区）环境空气质量主要指标"],
    ["序号", "县（市、区）", "PM2.5（微克/立方米）", None, None, "优良天数比例（%）", None, None, "综合指数", None,
     "PM2.5达标情况"],
    [None, None, "浓度", "同比（%）", "目标", "比例", "同比（百分点）", "目标", "指数", "排名", None],
    [1, "忻府区", 38, -2.6, 36, 72.5, -1.2, 75.0, 4.62, 5, "未达标"],
    [2, "原平市", 33, -5.7, 34, 78.9, 0.8, 78.0, 4.10, 3, "达标"],
    [3, "定襄县", 35, -2.8, 34, 76.1, 0.6, 77.0, 4.35, 4, "未达标"],
    [4, "五台县", 28, -6.7, 30, 85.2, 1.5, 84.0, 3.61, 1, "达标"],
    [5, "代县", 31, 1.6, 31, 80.4, -0.9, 80.0, 3.95, 2, "达标"],
    ["—", "全市", 34, -3.4, 33, 78.6, -0.1, 79.0, 4.13, "—", "未达标"],
]  # fmt: skip
AIR_MERGED = ("A1:K1", "A2:A3", "B2:B3", "C2:E2", "F2:H2", "I2:J2", "K2:K3")
STATIONS = [
    ["2049年1-9月忻州市空气质量监测站点PM2.5浓度"],
    ["序号", "站点名称", "所属县（区）", "PM2.5浓度（微克/立方米）", "PM2.5考核目标（微克/立方米）", "达标情况"],
    [1, "七一路站", "忻府区", 39, 36, "未达标"],
    [2, "开发区站", "忻府区", 37, 36, "未达标"],
    [3, "原平市监测站", "原平市", 33, 34, "达标"],
    [4, "定襄县监测站", "定襄县", 35, 34, "未达标"],
]
TASK_HEADER = ["序号", "责任县（区）", "重点任务", "牵头单位", "完成时限", "进展情况", "完成状态"]
TASKS = [
    ["1", "忻府区", "完成城区12家洗煤企业煤场全封闭改造", "市生态环境局", "2049年8月底前", "已完成9家", "进度滞后"],
    ["2", "原平市", "建成重型柴油车远程监控平台", "市公安局", "2049年9月底前", "平台调试未完成", "进度滞后"],
    ["3", "定襄县", "淘汰35蒸吨以下燃煤锅炉20台", "市生态环境局", "2049年6月底前", "已全部拆除", "已完成"],
    ["4", "五台县", "县城集中供热管网延伸8公里", "市住房和城乡建设局", "2049年10月底前", "完成5公里", "进度滞后"],
    ["5", "代县", "滹沱河代县段入河排污口整治", "市生态环境局", "2049年12月底前", "完成排查", "按进度推进"],
    ["6", "忻府区", "城区道路扬尘在线监测全覆盖", "市住房和城乡建设局", "2049年11月底前", "已安装40%", "进度滞后"],
]
PLAN_HEADER = ["序号", "指标", "单位", "2045年基期", "2050年目标", "属性"]
PLAN = [
    ["1", "细颗粒物（PM2.5）平均浓度", "微克/立方米", "36", "28", "约束性"],
    ["2", "空气质量优良天数比例", "%", "76.0", "82", "约束性"],
    ["3", "森林覆盖率", "%", "24.1", "26", "约束性"],
]
FUND_HEADER = ["县（市、区）", "资金级别", "项目数（个）", "下达金额（万元）", "已支付金额（万元）", "执行率（%）"]
FUNDS = [
    ["忻府区", "中央", "3", "1200.00", "900.00", "75.00"],
    ["忻府区", "省级", "2", "600.00", "420.00", "70.00"],
    ["忻府区", "小计", "5", "1800.00", "1320.00", "73.33"],
    ["原平市", "中央", "2", "800.00", "360.00", "45.00"],
    ["原平市", "市级", "3", "300.00", "270.00", "90.00"],
    ["原平市", "小计", "5", "1100.00", "630.00", "57.27"],
    ["定襄县", "中央", "1", "500.00", "300.00", "60.00"],
    ["定襄县", "省级", "2", "400.00", "120.00", "30.00"],
    ["定襄县", "小计", "3", "900.00", "420.00", "46.67"],
    ["全市合计", "", "13", "3800.00", "2370.00", "62.37"],
    ["其中", "中央资金", "6", "2500.00", "1560.00", "62.40"],
    ["其中", "省级资金", "4", "1000.00", "540.00", "54.00"],
    ["其中", "市级资金", "3", "300.00", "270.00", "90.00"],
]
WATER_HEADER = ["序号", "断面名称", "所在水体", "所属县（市、区）", "水质目标", "2049年1-9月水质类别", "达标情况",
                "主要超标项目（超标倍数）"]  # fmt: skip
WATER = [
    ["1", "界河铺", "滹沱河", "代县", "Ⅲ类", "Ⅳ类", "未达标", "氨氮（0.31）"],
    ["2", "南庄", "滹沱河", "原平市", "Ⅲ类", "Ⅲ类", "达标", "—"],
    ["3", "济胜桥", "滹沱河", "定襄县", "Ⅳ类", "Ⅳ类", "达标", "—"],
]
WATER_TASKS = [["1", "代县", "界河铺断面氨氮攻坚", "代县人民政府", "2049年11月底前", "方案已印发", "按进度推进"]]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xinzhou")
    air = folder / "2049年1-9月忻州市环境空气质量状况.xlsx"
    workbook(air, {"县区": AIR}, merged={"县区": AIR_MERGED})
    stations = folder / "2049年1-9月忻州市空气质量监测站点PM2.5浓度.xlsx"
    workbook(stations, {"站点": STATIONS}, merged={"站点": ("A1:F1",)})
    tasks = docx_file(folder / "忻州市2049年大气污染防治重点任务推进情况表（截至9月底）.docx",
                      ("忻州市2049年大气污染防治重点任务推进情况表（截至9月底）",), TASK_HEADER, TASKS)  # fmt: skip
    plan = docx_file(folder / "忻州市生态环境保护十九五规划（2046-2050年）.docx",
                     ("忻州市“十九五”生态环境保护规划（2046—2050年）", "表1 主要指标"), PLAN_HEADER, PLAN)  # fmt: skip
    funds = docx_file(folder / "2049年忻州市生态环境专项资金下达及执行情况表.docx",
                      ("2049年忻州市生态环境专项资金下达及执行情况表",), FUND_HEADER, FUNDS)  # fmt: skip
    water = docx_file(folder / "2049年1-9月忻州市地表水考核断面水质状况.docx",
                      ("2049年1-9月忻州市地表水考核断面水质状况",), WATER_HEADER, WATER)  # fmt: skip
    water_tasks = docx_file(folder / "忻州市2049年水污染防治重点任务推进情况表.docx",
                            ("忻州市2049年水污染防治重点任务推进情况表",), TASK_HEADER, WATER_TASKS)  # fmt: skip
    return [air, stations, tasks, plan, funds, water, water_tasks]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


def test_first_by_a_rank_column_under_the_same_header(ask):
    """「综合指数·排名」 beside 「综合指数·指数」 says who is first: rank 1 (五台县, the lowest index), not the highest
    index (忻府区 4.62)."""
    head = first_line(ask("1到9月综合指数排第一的是哪个县？"))
    assert "五台县" in head and "忻府区" not in head


def test_a_direction_of_the_figure_its_own_clause_names(ask):
    """PM2.5 未达标 and 优良天数比例 同比 down: 忻府区 (−1.2) only; 定襄县's PM2.5 fell but its 优良天数比例 rose."""
    head = first_line(ask("PM2.5没达标、优良天数比例又同比下降的县区是哪些？"))
    assert "忻府区" in head and "定襄县" not in head and "代县" not in head


def test_two_places_set_side_by_side_and_which_is_higher(ask):
    head = first_line(ask("原平市和五台县比，谁的综合指数更高一些？"))
    assert "原平市高0.49" in head  # 4.10 − 3.61


def test_a_place_of_a_sheet_of_places_before_its_stations(ask):
    head = first_line(ask("忻府区PM2.5比年度目标高了多少？"))
    assert head.startswith("忻府区") and "超出2微克/立方米" in head  # 38 − 36, not a station's 39 or 37
    assert "39" in first_line(ask("忻府区七一路站PM2.5是多少？"))  # a station named is the station's row


def test_a_figure_named_before_the_clause_of_its_direction(ask):
    head = first_line(ask("说到优良天数比例，同比下降的县区有哪些？"))
    assert "忻府区" in head and "代县" in head and "原平市" not in head  # not PM2.5's 同比


def test_the_whole_citys_reading_against_the_plan_with_no_city_named(ask):
    text = answer_text(ask("全市PM2.5现在离规划2050年的目标还差多少？"))
    assert "34微克/立方米" in text and "差6微克/立方米" in text  # 34 − 28


def test_the_base_period_of_an_indicator(ask):
    answer = ask("森林覆盖率这个指标基期是多少，2050年要达到多少？")
    assert answer is not None and "24.1" in answer_text(answer) and "26" in answer_text(answer)


def test_due_by_a_month_end_includes_the_earlier_months(ask):
    text = first_line(ask("完成时限在9月底之前（含9月底）、但到现在还没完成的任务有哪些？"))
    assert "洗煤" in text and "柴油车" in text  # due in August and September, lagging
    assert "供热" not in text and "锅炉" not in text  # due in October; completed
    text = answer_text(ask("9月底及以前到期的任务有哪些？"))
    assert all(w in text for w in ("洗煤", "柴油车", "锅炉")) and "供热" not in text and "时限：" in text


def test_work_to_be_done_by_a_month_end_is_due_in_that_month(ask):
    text = first_line(ask("哪些任务要在2049年9月底前完成？"))
    assert "柴油车" in text and "洗煤" not in text  # the one the table dates 9月底前, not 8月底前


def test_among_those_listed_keeps_their_status(ask):
    history = [{"role": "user", "content": "进度滞后的任务有哪些？"},
               {"role": "assistant", "content": "共3项：忻府区洗煤企业煤场全封闭改造；原平市重型柴油车远程监控平台；"
                                                "五台县集中供热管网延伸。"}]  # fmt: skip
    text = answer_text(ask("这里面市生态环境局牵头的是哪个？", history))
    assert "洗煤" in text and "锅炉" not in text and "排污口" not in text  # the lagging one of 市生态环境局's three


def test_a_level_said_with_zijin_is_the_levels_rows(ask):
    head = first_line(ask("中央资金执行率最低的是哪个县？"))
    assert "原平市" in head and "45" in head  # 45.00 against 75.00 and 60.00
    assert "2500" in first_line(ask("中央资金一共下达了多少万元？"))  # 1200 + 800 + 500, the 其中 row not again


def test_a_rank_column_ranks_its_headers_main_figure_only():
    from assistant.planner import _ranks

    assert _ranks("综合指数·排名", "综合指数·指数") and _ranks("综合指数排名", "综合指数")
    assert not _ranks("PM2.5·排名", "PM2.5·同比") and not _ranks("PM2.5·排名", "PM2.5·目标")


def test_a_sheet_whose_rows_are_the_noun_said_before_a_task_naming_it(ask):
    text = answer_text(ask("代县有断面没达标吗？"))
    assert text.startswith("是") and "界河铺" in text and "Ⅳ类" in text and "方案已印发" not in text


def test_a_follow_up_stays_with_the_sheet_whose_rows_were_named(ask):
    history = [{"role": "user", "content": "代县有断面没达标吗？"},
               {"role": "assistant", "content": "有。代县滹沱河界河铺断面1-9月水质为Ⅳ类，未达到Ⅲ类目标。"}]  # fmt: skip
    text = answer_text(ask("超标的是啥指标，超了多少？", history))
    assert "氨氮（0.31）" in text and "方案已印发" not in text


def test_a_long_follow_up_opening_with_na_keeps_the_pollutant(ask):
    history = [{"role": "user", "content": "忻州十九五规划对PM2.5的目标是多少？"},
               {"role": "assistant", "content": "到2050年全市PM2.5平均浓度28微克/立方米，约束性指标。"}]  # fmt: skip
    text = answer_text(ask("那今年1-9月全市平均已经到多少了？离2050年的目标还差多少？", history))
    assert "34微克/立方米" in text and "差6微克/立方米" in text


@pytest.fixture(scope="module")
def ask_plan(tmp_path_factory, table_asker):
    """A plan whose base year and base value are columns of their own (「基期年」「基期值」)."""
    folder = tmp_path_factory.mktemp("xinzhou_plan")
    header = ["序号", "指标", "单位", "基期年", "基期值", "2055年目标", "属性"]
    rows = [["1", "森林覆盖率", "%", "2050", "24.1", "26", "约束性"],
            ["2", "空气质量优良天数比例", "%", "2050", "76", "82", "约束性"],
            ["3", "地表水达到或好于Ⅲ类水体比例", "%", "2050", "88.5", "92", "约束性"],
            ["4", "地表水劣Ⅴ类水体比例", "%", "2050", "0", "0", "约束性"]]  # fmt: skip
    plan = docx_file(folder / "忻州市生态环境保护二十规划（2051-2055年）.docx",
                     ("忻州市“二十”生态环境保护规划（2051—2055年）", "表1 主要指标"), header, rows)  # fmt: skip
    return table_asker([load_document(plan)])


def test_a_base_year_column_is_no_value(ask_plan):
    text = answer_text(ask_plan("森林覆盖率现状是多少？离2055年目标还差多少？"))
    assert "24.1" in text and "1.9" in text and "2050%" not in text  # 26 − 24.1


@pytest.fixture(scope="module")
def ask_sheet(tmp_path_factory, table_asker):
    """A sheet of tasks judged by 进度评价, two per 区县, with the city's 小计 rows of each class at its foot."""
    folder = tmp_path_factory.mktemp("xinzhou_sheet")
    rows = [
        ["2049年1-11月忻州市污染防治攻坚重点任务调度表"],
        ["序号", "县（市、区）", "任务类别", "重点任务", "年度目标任务量", "累计完成量", "进度评价"],
        [1, "忻府区", "大气", "燃煤锅炉淘汰", 20, 20, "已销号"],
        [2, "忻府区", "水环境", "污水管网新建", 30, 18, "滞后"],
        [3, "原平市", "大气", "道路扬尘治理", 12, 11, "序时推进"],
        [4, "原平市", "土壤", "矿山复绿", 8, 4, "滞后"],
        [5, "定襄县", "水环境", "入河排污口整治", 15, 15, "已销号"],
        [6, "定襄县", "大气", "VOCs治理", 10, 9, "序时推进"],
        ["", "忻州市", "小计", "大气", 42, 40, ""],
        ["", "忻州市", "小计", "水环境", 45, 33, ""],
    ]
    path = folder / "2049年1-11月忻州市污染防治攻坚重点任务调度表.xlsx"
    workbook(path, {"调度": rows}, merged={"调度": ("A1:G1",)})
    return table_asker([load_document(path)])


def test_places_with_a_row_of_a_status_on_a_sheet_with_subtotals(ask_sheet):
    head = first_line(ask_sheet("今年的攻坚任务，哪些县区已经有任务销号了？"))
    assert "忻府区" in head and "定襄县" in head and "原平市" not in head


def test_the_place_with_most_rows_of_a_status(ask):
    head = first_line(ask("大气任务里，哪个区县进度滞后的最多？"))
    assert "忻府区" in head and "2项" in head  # 洗煤 and 扬尘; 原平市 and 五台县 have one each


@pytest.fixture(scope="module")
def ask_key(tmp_path_factory, table_asker):
    """Two task tables: one titled 「…重点考核任务…」 that marks no row, one marking some rows 【重点考核】."""
    folder = tmp_path_factory.mktemp("xinzhou_key")
    key = docx_file(folder / "忻州市2049年各县区重点考核任务完成情况表（1-9月）.docx",
                    ("忻州市2049年各县区重点考核任务完成情况表（1-9月）",), TASK_HEADER, TASKS[:4])  # fmt: skip
    marked = [["1", "繁峙县", "矿山生态修复", "市自然资源局", "2048年12月底前", "【重点考核】完成60%", "进度滞后"],
              ["2", "宁武县", "农村污水治理", "市生态环境局", "2048年12月底前", "完成50%", "进度滞后"]]  # fmt: skip
    older = docx_file(folder / "忻州市2048年重点任务进度滞后情况表.docx", ("忻州市2048年重点任务进度滞后情况表",),
                      TASK_HEADER, marked)  # fmt: skip
    return table_asker([load_document(key), load_document(older)])


def test_the_rows_of_a_key_task_table_are_key_tasks(ask_key):
    text = answer_text(ask_key("重点考核任务中进度滞后的有哪些？"))
    assert "洗煤" in text and "矿山" in text and "农村污水" not in text


def test_an_indicators_whole_name_with_a_water_class_inside(ask_plan):
    text = answer_text(ask_plan("地表水达到或好于Ⅲ类水体比例2055年的目标是多少？"))
    assert "92%" in text and "劣Ⅴ类" not in text
