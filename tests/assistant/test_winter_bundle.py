"""A city's autumn report bundle (黄山市, 2038, all figures made up here; expected answers are read off the rows below):

- a ranking workbook whose two-row header puts a 浓度 and a 同比 under each pollutant, beside the sheet's own 排名;
- a target workbook with PM2.5 against its 年度目标, PM10 with none, and the 优良天数比例, and a funds sheet whose 下达资金 heads
  中央 / 省级 / 市级 / 小计 columns;
- a Word progress table of 「各县（区）」 that names no city, with station readings of three pollutants;
- an indicator sheet with a 责任部门 column of full department names, and a task list with 牵头单位.
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import docx_file, workbook

RANKING = [
    ["黄山市2038年1-9月各县（区）环境空气质量排名表"],
    ["排名", "县（区）", "综合指数", None, "PM2.5（微克/立方米）", None, "PM10（微克/立方米）", None,
     "NO2（微克/立方米）", None, "优良天数"],
    [None, None, "数值", "同比（%）", "浓度", "同比（%）", "浓度", "同比（%）", "浓度", "同比（%）", "天数"],
    [1, "黟县", 2.61, -3.0, 18, -5.3, 35, -2.8, 12, -7.7, 262],
    [2, "祁门县", 2.70, -1.5, 19, 5.6, 38, -2.6, 13, 0.0, 258],
    [3, "休宁县", 2.85, 0.7, 20, -4.8, 41, 2.5, 15, -6.3, 255],
    [4, "黄山区", 2.98, -2.0, 21, -8.7, 47, -6.0, 17, 6.3, 251],
    [5, "歙县", 3.12, 1.6, 23, 4.5, 52, 4.0, 21, 5.0, 246],
    [6, "徽州区", 3.30, -0.9, 24, -4.0, 63, -1.6, 28, 3.7, 240],
    [7, "屯溪区", 3.45, 2.1, 26, 8.3, 66, 3.1, 32, 6.7, 236],
]  # fmt: skip
RANKING_MERGES = ("A1:K1", "A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:H2", "I2:J2")
TARGETS = [
    ["黄山市2038年1-9月各县（区）空气质量目标完成情况"],
    ["序号", "县（区）", "优良天数比例（%）", "PM2.5（微克/立方米）", None, "PM10（微克/立方米）"],
    [None, None, None, "1-9月", "年度目标", "1-9月"],
    [1, "屯溪区", 86.2, 26, 24, 66],
    [2, "黄山区", 91.5, 21, 22, 47],
    [3, "徽州区", 84.0, 24, 23, 63],
    [4, "歙县", 88.1, 23, 22, 52],
    [5, "休宁县", 90.3, 20, 21, 41],
]
TARGETS_MERGES = ("A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:E2")
FUNDS = [
    ["黄山市2038年生态环境保护专项资金执行情况表（截至9月30日）"],
    ["序号", "县（区）", "下达资金（万元）", None, None, None, "已支出（万元）", "执行率"],
    [None, None, "中央", "省级", "市级", "小计", None, None],
    [1, "屯溪区", 300.00, 120.00, 80.00, 500.00, 320.00, "64.00%"],
    [2, "黄山区", 200.00, 100.00, 50.00, 350.00, 140.00, "40.00%"],
    [3, "徽州区", 150.00, 90.00, 60.00, 300.00, 210.00, "70.00%"],
    ["合计", None, 650.00, 310.00, 190.00, 1150.00, 670.00, "58.26%"],
]
FUNDS_MERGES = ("A1:H1", "A2:A3", "B2:B3", "C2:F2", "G2:G3", "H2:H3", "A7:B7")

PROGRESS_TITLE = "2038年各县（区）深入打好污染防治攻坚战重点任务进展情况表（1-9月）"
PROGRESS_HEADER = ["序号", "县（区）", "重点任务", "目标要求", "1-9月工作进展", "推进状态"]
PROGRESS = [
    ["1", "屯溪区", "城区空气质量改善",
     "老街空气自动监测站PM2.5浓度不高于24微克/立方米，PM10浓度不高于60微克/立方米，O3浓度不高于140微克/立方米。",
     "1-9月，老街站PM2.5平均浓度为26微克/立方米，PM10平均浓度为58微克/立方米，O3平均浓度为145微克/立方米。",
     "未按进度推进"],
    ["2", "黄山区", "景区空气质量巩固",
     "甘棠空气自动监测站PM2.5浓度不高于22微克/立方米，PM10浓度不高于45微克/立方米，O3浓度不高于130微克/立方米。",
     "1-9月，甘棠站PM2.5平均浓度为21微克/立方米，PM10平均浓度为44微克/立方米，O3平均浓度为128微克/立方米，均达到目标要求。",
     "按进度推进"],
    ["3", "歙县", "县城扬尘管控", "徽城空气自动监测站PM10浓度不高于50微克/立方米。",
     "1-9月，徽城站PM10平均浓度为52微克/立方米，超出目标2微克/立方米。", "未按进度推进"],
]  # fmt: skip

INDICATORS = [
    ["黄山市“十六五”生态环境保护规划主要指标"],
    ["序号", "指标", "单位", "2035年现状值", "2040年目标值", "属性", "责任部门"],
    [1, "城市生活污水集中收集率", "%", 70, 80, "预期性", "市城市管理综合执法局"],
    [2, "城市生活垃圾资源化利用率", "%", 60, 70, "预期性", "市城市管理综合执法局、市发展和改革委员会"],
    [3, "细颗粒物（PM2.5）年均浓度", "微克/立方米", 22, 20, "约束性", "市生态环境局"],
    [4, "单位地区生产总值能耗降低", "%", 13.5, 14, "约束性", "市发展和改革委员会"],
    [5, "单位工业增加值能耗降低", "%", 15, 16, "约束性", "市经济和信息化局"],
]
TASKS = [
    ["黄山市2038年生态环境保护重点任务分解表"],
    ["序号", "重点任务", "目标要求", "牵头单位", "完成时限"],
    [1, "城区道路机械化清扫", "机械化清扫率达到90%", "市城管局", "2038年12月底"],
    [2, "建筑垃圾运输车辆全密闭", "全密闭率100%", "市城管局、市住建局", "2038年6月底"],
    [3, "农村黑臭水体治理", "治理农村黑臭水体30条", "市生态环境局", "2038年12月底"],
    [4, "餐厨垃圾处理设施建设", "新建餐厨垃圾处理设施1座", "市城管局", "2038年9月底"],
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("huangshan")
    ranking = folder / "黄山市2038年1-9月各县（区）环境空气质量排名表.xlsx"
    workbook(ranking, {"排名": RANKING}, merged={"排名": RANKING_MERGES})
    sheets = folder / "黄山市2038年1-9月空气质量目标及专项资金执行情况.xlsx"
    workbook(
        sheets, {"空气质量": TARGETS, "专项资金": FUNDS}, merged={"空气质量": TARGETS_MERGES, "专项资金": FUNDS_MERGES}
    )
    progress = docx_file(folder / f"{PROGRESS_TITLE}.docx", (PROGRESS_TITLE,), PROGRESS_HEADER, PROGRESS)
    plan = folder / "黄山市“十六五”生态环境保护规划.xlsx"
    workbook(plan, {"主要指标": INDICATORS}, merged={"主要指标": ("A1:G1",)})
    tasks = folder / "黄山市2038年生态环境保护重点任务分解表.xlsx"
    workbook(tasks, {"分解表": TASKS}, merged={"分解表": ("A1:E1",)})
    return [ranking, sheets, progress, plan, tasks]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


# -- each bound on the column named just before it -----------------------------------------------------------


def test_each_bound_is_on_its_own_pollutants_reading(ask):
    # PM10 > 60: 徽州区 63, 屯溪区 66; NO2 > 30: 屯溪区 32 only (徽州区 28)
    head = first_line(ask("PM10超过60而且NO2也超过30的是哪些区县"))
    assert "屯溪区" in head and "徽州区" not in head


def test_a_target_and_a_bound_on_another_column_both_hold(ask):
    # over the PM2.5 target: 屯溪区 26>24, 徽州区 24>23, 歙县 23>22; 优良天数比例 under 85%: 徽州区 84.0 only
    head = first_line(ask("PM2.5超过年度目标、优良率又低于85%的县区"))
    assert "徽州区" in head and "屯溪区" not in head and "歙县" not in head


# -- the sheet's own 排名 ---------------------------------------------------------------------------------------


def test_the_first_three_are_those_the_sheet_ranks_first(ask):
    head = first_line(ask("综合指数排前三的是哪几个县"))
    assert all(p in head for p in ("黟县", "祁门县", "休宁县"))
    assert not any(p in head for p in ("屯溪区", "徽州区", "歙县"))


def test_last_of_all_is_the_sheets_last(ask):
    history = [{"role": "user", "content": "综合指数排名第一的是哪个县"},
               {"role": "assistant", "content": "黟县综合指数2.61，排名第1。"}]  # fmt: skip
    head = first_line(ask("那倒数第一呢？", history))
    assert "屯溪区" in head and "黟县" not in head


# -- a change column of the pollutant asked -----------------------------------------------------------------


def test_a_rise_is_the_pollutants_own_change(ask):
    # PM2.5 同比 up: 祁门县 +5.6, 歙县 +4.5, 屯溪区 +8.3 (休宁县's 综合指数 and 黄山区's NO2 rose, not PM2.5)
    head = first_line(ask("PM2.5同比不降反升的有哪几个"))
    assert all(p in head for p in ("祁门县", "歙县", "屯溪区"))
    assert not any(p in head for p in ("休宁县", "黄山区"))


def test_a_change_asked_is_said_in_words_beside_its_reading(ask):
    text = answer_text(ask("歙县PM2.5多少？同比咋样"))
    assert "23" in text and "4.5%" in text and "上升" in text


# -- a header over several columns and their 小计 ---------------------------------------------------------------


def test_money_allocated_is_the_subtotal_column(ask):
    # 小计: 屯溪区 500.00 + 黄山区 350.00 = 850 (中央 alone would be 300 + 200)
    head = first_line(ask("屯溪、黄山两个区专项资金一共下达了多少万"))
    assert "850" in head


# -- stations of a report that names no city --------------------------------------------------------------------


def test_a_report_of_each_county_is_its_citys(files):
    assert load_document(files[2]).info.region == "黄山市"


def test_all_three_readings_met_is_said_of_each(ask):
    assert "均" in first_line(ask("甘棠站三项指标都达标了吗"))


def test_a_pollutant_a_sheet_sets_no_target_for_is_judged_by_the_stations(ask):
    # PM10 against its target: 徽城 52 > 50 (歙县); 老街 58 ≤ 60, 甘棠 44 ≤ 45 — the target sheet judges PM2.5 only
    text = answer_text(ask("PM10没达到目标的是哪几个区县"))
    assert "歙县" in text and "屯溪区" not in text and "徽州区" not in text


# -- departments by their short names ----------------------------------------------------------------------------


def test_a_department_said_short_is_the_one_written_in_full(ask):
    text = answer_text(ask("市城管执法局负责的是哪几个指标？"))
    assert "污水集中收集率" in text and "垃圾资源化利用率" in text
    assert "细颗粒物" not in text and "能耗" not in text


def test_rows_a_department_leads_are_counted(ask):
    # 市城管局 leads 机械化清扫, 建筑垃圾运输车辆, 餐厨垃圾 — three rows (the 30条 are another department's)
    assert "共3项" in first_line(ask("牵头单位有城管局的一共几条？"))


def test_gdp_is_the_regions_product_the_rows_write(ask):
    text = answer_text(ask("单位GDP能耗降低目标是多少？"))
    assert "单位地区生产总值能耗降低" in text and "工业增加值" not in text
