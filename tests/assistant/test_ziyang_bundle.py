"""A city's files of 2046 as yet another bureau lays them out (资阳市, all figures and names made up here; expected
answers are read off the rows below):

- an .xlsx 督办清单 of problems whose 「办理状态」 is 已销号 / 按序时推进 / 进度滞后 / 逾期未完成, its 问题类别 merged down;
- a .docx water bulletin of 国考 and 省考 sections with this year's class beside 「2045年同期」's;
- two .docx plans: one whose indicator table has a 基准值 and two years' 目标值 columns, one whose columns are
  「2045年（基准年）」「2050年（目标年）」 with no 现状值;
- a .docx fund table titled 「…中央和省级…专项资金项目安排表」, 「本次下达资金」 over 合计 / 其中：中央资金 / 其中：省级资金,
  a 小计 row per 区县 and a 合计 row, some projects with no 中央资金;
- an .xlsx of station readings with a 「全市平均」 row and a PM2.5 同比 column beside the reading.
"""

from __future__ import annotations

import re

import pytest

from assistant.planner import Missing
from assistant.table_answers import FIGURE_MISMATCH, TableAnswer
from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import docx_file, workbook

RECTIFY = [
    ["资阳市2046年突出生态环境问题整改督办清单（截至2046年9月30日）"],
    ["序号", "问题类别", "区县", "问题描述", "责任单位", "整改时限", "整改进展情况", "办理状态"],
    [1, "大气污染防治", "雁江区", "城区餐饮油烟扰民", "雁江区综合行政执法局", "2046年6月30日", "已全部安装净化设施", "已销号"],
    [2, None, "安岳县", "柠檬加工企业异味扰民", "安岳县经济和信息化局", "2046年12月31日", "已完成3家，剩余2家在采购",
     "进度滞后"],
    [3, None, "乐至县", "县城在建工地扬尘管控不到位", "乐至县住房和城乡建设局", "2046年8月31日", "1个工地未安装监测设备",
     "逾期未完成"],
    [4, "水污染防治", "雁江区", "沱江雁江段2处生活污水直排口", "雁江区住房和城乡建设局", "2046年5月31日", "已完成1处截污",
     "逾期未完成"],
    [5, None, "乐至县", "蟠龙河县城段雨污混流", "乐至县住房和城乡建设局", "2046年12月31日", "已完成改造3.1公里",
     "按序时推进"],
    [6, None, "安岳县", "岳阳河畜禽养殖粪污直排", "安岳县农业农村局", "2046年7月31日", "养殖场全部完成配套", "已销号"],
    [7, "生态保护", "安岳县", "玄武岩废弃矿山未复绿", "安岳县自然资源和规划局", "2046年12月31日", "已完成1处复绿",
     "按序时推进"],
    [8, None, "雁江区", "三岔湖自然保护地违规建房", "雁江区自然资源和规划局", "2046年6月30日", "违规建筑已拆除", "已销号"],
    [9, None, "乐至县", "蟠龙河非法采砂反弹", "乐至县水利局", "2046年12月31日", "河道修复尚未招标", "进度滞后"],
    ["注：办理状态以2046年9月30日调度为准。"],
]  # fmt: skip
RECTIFY_MERGED = ("A1:H1", "B3:B5", "B6:B8", "B9:B11", "A12:H12")
SECTIONS_HEADER = ["序号", "河流名称", "断面名称", "所在区县", "断面属性", "水质目标", "2046年1—9月水质类别",
                   "2045年同期水质类别", "是否达标"]  # fmt: skip
SECTIONS = [
    ["1", "沱江", "幸福村", "雁江区", "国考", "Ⅲ类", "Ⅲ类", "Ⅲ类", "达标"],
    ["2", "沱江", "老君庙", "雁江区", "国考", "Ⅲ类", "Ⅳ类", "Ⅳ类", "未达标"],
    ["3", "岳阳河", "兴隆桥", "安岳县", "省考", "Ⅲ类", "Ⅳ类", "Ⅲ类", "未达标"],
    ["4", "蟠龙河", "蟠龙桥", "乐至县", "省考", "Ⅲ类", "Ⅱ类", "Ⅲ类", "达标"],
    ["5", "阳化河", "化龙桥", "乐至县", "省考", "Ⅳ类", "Ⅴ类", "Ⅴ类", "未达标"],
]
BEAUTIFUL_HEADER = ["序号", "类别", "指标名称", "单位", "2045年基准值", "2048年目标值", "2050年目标值", "属性"]
BEAUTIFUL = [
    ["1", "环境质量", "细颗粒物（PM2.5）平均浓度", "微克/立方米", "31.2", "28.0", "26.0", "约束性"],
    ["2", "环境质量", "地表水国省考断面水质优良比例", "%", "60.0", "80.0", "90.0", "约束性"],
    ["3", "生态保护", "森林覆盖率", "%", "38.5", "39.0", "40.0", "预期性"],
]
PLAN_HEADER = ["序号", "类别", "指标", "单位", "2045年（基准年）", "2050年（目标年）", "属性"]
PLAN = [
    ["1", "环境质量", "空气质量优良天数比例", "%", "91.3", "≥94", "约束性"],
    ["2", "环境质量", "臭氧浓度", "微克/立方米", "142", "≤138", "预期性"],
]
FUND_HEADER = ["序号", "区县", "项目名称", "项目类别", "项目总投资", "合计", "其中：中央资金", "其中：省级资金"]
FUNDS = [
    ["1", "雁江区", "沱江雁江段水环境综合治理项目", "水污染防治", "6200", "900", "700", "200"],
    ["2", "雁江区", "城区餐饮油烟在线监控项目", "大气污染防治", "300", "120", "0", "120"],
    ["雁江区小计", "", "", "", "6500", "1020", "700", "320"],
    ["3", "安岳县", "岳阳河农业面源污染治理项目", "水污染防治", "3800", "650", "500", "150"],
    ["4", "安岳县", "玄武岩废弃矿山生态修复项目", "生态保护修复", "2100", "400", "300", "100"],
    ["安岳县小计", "", "", "", "5900", "1050", "800", "250"],
    ["5", "乐至县", "蟠龙河黑臭水体治理项目", "水污染防治", "2600", "480", "380", "100"],
    ["6", "乐至县", "县城空气微站网格化监测项目", "大气污染防治", "220", "90", "—", "90"],
    ["乐至县小计", "", "", "", "2820", "570", "380", "190"],
    ["合计", "", "", "", "15220", "2640", "1880", "760"],
]
READINGS = [
    ["2046年1—9月资阳市环境空气质量考核站点监测情况"],
    ["序号", "区县", "监测站点", "PM2.5浓度（微克/立方米）", "PM2.5考核目标（微克/立方米）", "PM2.5同比变化（%）",
     "PM10浓度（微克/立方米）", "达标情况"],
    [1, "雁江区", "碑记子站", 33, 32, -5.7, 55, "PM2.5未达标"],
    [2, "雁江区", "南津子站", 30, 32, 3.4, 52, "达标"],
    [3, "安岳县", "岳阳子站", 29, 30, -6.5, 50, "达标"],
    [4, "安岳县", "龙台子站", 31, 30, 6.9, 57, "PM2.5未达标"],
    [5, "乐至县", "天池子站", 28, 28, -3.4, 49, "达标"],
    ["—", "全市平均", "—", 30.4, "—", -1.3, 52.6, "—"],  # (of daily figures: not the stations' mean)
]  # fmt: skip


def _funds(path, title="资阳市2046年中央和省级生态环境保护专项资金项目安排表", rows=FUNDS):
    import docx

    word = docx.Document()
    word.add_paragraph(title)
    table = word.add_table(rows=2 + len(rows), cols=len(FUND_HEADER))
    for c, text in enumerate(FUND_HEADER):
        if c < 5:  # a name over both header rows
            table.cell(0, c).merge(table.cell(1, c)).text = text
        else:
            table.cell(1, c).text = text
    table.cell(0, 5).merge(table.cell(0, 7)).text = "本次下达资金（万元）"
    for r, values in enumerate(rows, start=2):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            cell.text = text
        if not values[1]:  # a 小计 / 合计 row: its name merged across the name columns
            table.cell(r, 0).merge(table.cell(r, 3)).text = values[0]
    word.add_paragraph("注：项目总投资、下达资金单位均为万元。")
    word.save(path)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ziyang")
    rectify = folder / "资阳市2046年突出生态环境问题整改督办清单.xlsx"
    workbook(rectify, {"督办清单": RECTIFY}, merged={"督办清单": RECTIFY_MERGED})
    water = docx_file(folder / "资阳市2046年1-9月地表水国省考断面水质状况通报.docx",
                      ("资阳市2046年1-9月地表水国省考断面水质状况通报", "表1 2046年1—9月资阳市国省考断面水质状况"),
                      SECTIONS_HEADER, SECTIONS)  # fmt: skip
    beautiful = docx_file(folder / "资阳市美丽资阳建设实施方案（2046-2050年）.docx",
                          ("资阳市美丽资阳建设实施方案（2046-2050年）", "表1 美丽资阳建设主要指标"),
                          BEAUTIFUL_HEADER, BEAUTIFUL)  # fmt: skip
    plan = docx_file(folder / "资阳市生态环境保护十九五规划.docx",
                     ("资阳市生态环境保护“十九五”规划", "到2050年，空气质量优良天数比例不低于94%。", "表1 主要指标"),
                     PLAN_HEADER, PLAN)  # fmt: skip
    funds = folder / "资阳市2046年中央和省级生态环境保护专项资金项目安排表.docx"
    _funds(funds)
    readings = folder / "2046年1-9月资阳市环境空气质量考核站点监测情况.xlsx"
    workbook(readings, {"站点": READINGS}, merged={"站点": ("A1:H1",)})
    return [rectify, water, beautiful, plan, funds, readings]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


# -- a 督办清单: closed (已销号) or open ------------------------------------------------------------------------


def test_the_rows_not_closed_are_every_open_one(ask):
    text = answer_text(ask("乐至县在资阳督办清单里还有哪些问题没有销号？"))
    assert "扬尘" in text and "蟠龙河县城段雨污混流" in text and "非法采砂" in text  # 逾期 / 序时 / 滞后: all open
    assert "油烟" not in text and "自然保护地" not in text  # 雁江区's


def test_a_closed_row_is_completed(ask):
    answer = ask("资阳督办清单里已经销号的问题有几个？")
    assert "共3项" in first_line(answer)  # 序号1, 6, 8
    assert "油烟" in answer_text(answer) and "粪污" in answer.text and "采砂" not in answer.text


def test_a_deadline_said_to_the_day_is_that_months(ask):
    assert "共4项" in first_line(ask("资阳督办清单里整改时限是2046年12月31日的问题一共有几项？"))  # 序号2, 5, 7, 9


def test_a_status_asked_in_a_second_question_leaves_the_count_whole(ask):
    text = answer_text(ask("资阳督办清单里生态保护类的问题有几个？哪一个已经销号了？"))
    assert "共3项" in text.splitlines()[0]  # 序号7, 8, 9, each with its status
    assert "自然保护地" in text and "已销号" in text and "废弃矿山" in text


def test_a_follow_up_among_rows_listed_by_their_label_keeps_the_label(ask):
    history = [{"role": "user", "content": "资阳督办清单里逾期未完成的问题有哪些？"},
               {"role": "assistant", "content": "共3项：乐至县工地扬尘、雁江区沱江生活污水直排口、……"}]  # fmt: skip
    text = answer_text(ask("这几项里属于水污染防治类的是哪几项？责任单位是谁？", history))
    assert "直排口" in text and "雁江区住房和城乡建设局" in text
    assert "蟠龙河县城段" not in text  # 水污染防治 but 按序时推进


# -- a water bulletin of 国考 and 省考 sections ---------------------------------------------------------------


def test_two_cells_said_in_one_word_are_both(ask):
    text = first_line(ask("2046年1—9月资阳有哪些国省考断面没有达到水质目标？"))
    assert "老君庙" in text and "兴隆桥" in text and "化龙桥" in text  # 国考 and 省考


def test_the_year_of_a_sheets_own_comparison_picks_no_rows(ask):
    text = first_line(ask("资阳国省考断面和2045年同期比，哪个断面的水质类别变差了？"))
    assert "兴隆桥" in text and "老君庙" not in text and "蟠龙桥" not in text  # Ⅲ→Ⅳ; Ⅳ→Ⅳ; Ⅲ→Ⅱ


# -- plans: a base year and two years' targets; a 基准年 column with no 现状值 -------------------------------


def test_a_later_years_target_against_the_base_year(ask):
    text = answer_text(ask("资阳PM2.5平均浓度2050年的目标是多少？比2045年基准值要降低多少？"))
    assert "26" in text and "5.2" in text  # 31.2 → 26.0


def test_a_years_target_against_the_base_value_said_without_its_year(ask):
    text = answer_text(ask("按美丽资阳实施方案，地表水国省考断面水质优良比例到2050年要比基准值提高几个百分点？"))
    assert "90" in text and "30个百分点" in text  # 60.0 → 90.0, not the 2048 target's 20


def test_the_gap_of_a_plan_with_no_current_value_is_from_its_base_year(ask):
    text = answer_text(ask("资阳十九五规划中空气质量优良天数比例的基准值和目标值各是多少？相差几个百分点？"))
    assert "91.3" in text and "94" in text and "2.7个百分点" in text


def test_now_asked_of_a_plans_base_and_target_is_for_the_text(ask):
    answer = ask("资阳空气质量优良天数比例现在是多少？")
    assert isinstance(answer, TableAnswer) and answer.mismatch == FIGURE_MISMATCH


# -- a fund table titled with its levels, 本次下达资金 over its parts ----------------------------------------


def test_levels_inside_the_titles_words_name_the_document_not_a_column(ask):
    text = first_line(ask("资阳2046年中央和省级生态环境保护专项资金，哪个区县下达得最多？"))
    assert "安岳县" in text and "1050" in text  # the 合计 column's 小计, not 中央资金's (雁江区 700 < 安岳县 800 too)


def test_rows_without_a_levels_money(ask):
    text = first_line(ask("资阳2046年专项资金安排表里，哪些项目没有中央资金、只安排了省级资金？"))
    assert "餐饮油烟" in text and "空气微站" in text  # 0 and —
    assert "沱江" not in text and "小计" not in text


def test_a_category_summed_by_its_total_column(ask):
    text = first_line(ask("资阳2046年专项资金中，水污染防治类项目合计下达了多少万元？"))
    assert "2030" in text  # 900 + 650 + 480, not the 项目总投资 column


def test_a_levels_share_of_another_columns_total(ask):
    text = first_line(ask("资阳这批生态环境保护专项资金里，中央资金占下达总额的比例是多少？"))
    assert "71.21%" in text and "2640" in text  # 1880 ÷ 2640


# -- station readings with a 全市平均 row --------------------------------------------------------------------


def test_the_mean_of_every_row_is_the_stated_mean_row(ask):
    text = answer_text(ask("资阳5个考核站点1—9月PM2.5平均浓度多少？同比变化多少？"))
    assert "30.4" in text and "-1.3" in text  # the 全市平均 row, not the stations' mean (30.2, -1.06)


def test_a_readings_rise_is_read_in_its_pollutants_change_column(ask):
    text = first_line(ask("资阳有哪些考核站点PM2.5浓度比去年同期上升了？"))
    assert "南津子站" in text and "龙台子站" in text and "碑记子站" not in text


def test_the_sheets_rows_called_by_the_documents_words(ask):
    text = answer_text(ask("安岳县的两个空气站点今年达标情况怎么样？"))
    assert "岳阳子站" in text and "龙台子站" in text and "碑记子站" not in text


def test_passed_is_met(ask):
    text = answer_text(ask("乐至县天池子站今年PM2.5考核过关了吗？"))
    assert text.startswith("是") and "28" in text


def test_a_medium_no_table_has_is_missing_and_must_be_named_by_the_text(ask):
    answer = ask("资阳市2046年1—9月各区县的声环境质量监测结果怎么样？")
    assert isinstance(answer, Missing) and re.search(answer.needs, "全市声环境质量昼间等效声级为55.2分贝")
    assert not re.search(answer.needs, "加强声环境质量监测") and not re.search(answer.needs, "PM2.5浓度为30微克")


def test_rows_that_exist_or_not(ask):
    text = answer_text(ask("乐至县在资阳督办清单里有已经销号的吗？"))
    assert "没有" in text  # 乐至县's 3, 5, 9 are all open


def test_the_item_pointed_at_is_the_one_asked_before_in_another_table(ask):
    history = [{"role": "user", "content": "安岳县玄武岩废弃矿山整改进展怎么样？"},
               {"role": "assistant", "content": "已完成1处复绿，按序时推进。"}]  # fmt: skip
    text = answer_text(ask("这项工作对应的专项资金下达了多少？", history))
    assert "玄武岩废弃矿山生态修复项目" in text and "400" in text and "小计" not in text.splitlines()[0]


# -- what the rules above must leave alone --------------------------------------------------------------------


def test_now_said_of_a_target_still_reads_the_target(ask):
    answer = ask("资阳十九五规划中空气质量优良天数比例目前的目标是多少？")
    assert isinstance(answer, TableAnswer) and not answer.mismatch and "94" in answer.text


def test_a_plural_status_asked_apart_still_filters(ask):
    head = first_line(ask("资阳督办清单里有几个问题？哪些进度滞后？"))
    assert "共4项" in head and "油烟" not in head  # behind: 进度滞后 (序号2, 9) and 逾期未完成 (3, 4)


def test_the_word_xiaohao_in_a_procedure_is_no_status(ask):
    answer = ask("资阳督办清单里问题的销号时限是什么时候？")
    assert not (isinstance(answer, TableAnswer) and answer.result.plan.filter_on("verdict") is not None)


def test_a_base_value_is_read_as_written(ask):
    text = answer_text(ask("资阳美丽资阳实施方案森林覆盖率2050年目标比基准值提高多少？"))
    assert "1.5" in text  # 38.5 → 40.0 (not 「比例」 misread, nor the 2048 target's 0.5)


def test_one_named_row_with_you_de_ma_is_that_rows_verdict(ask):
    assert answer_text(ask("碑记子站有达标的吗？")).startswith("否")  # 33 > 32


OTHER_FUNDS = [
    ["1", "雁江区", "雁江区饮用水水源地保护项目", "水污染防治", "3000", "300", "200", "100"],
    ["雁江区小计", "", "", "", "3000", "300", "200", "100"],
    ["2", "乐至县", "乐至县土壤污染风险管控项目", "土壤污染防治", "5000", "800", "600", "200"],
    ["乐至县小计", "", "", "", "5000", "800", "600", "200"],
    ["合计", "", "", "", "8000", "1100", "800", "300"],
]
MEDIA_HEADER = ["序号", "类别", "指标名称", "单位", "2045年现状值", "2050年目标值", "属性"]
MEDIA_ROWS = [
    ["1", "环境质量", "城市声环境功能区夜间达标率", "%", "82.0", "85.0", "约束性"],
    ["2", "环境质量", "近岸海域水质优良比例", "%", "70.0", "75.0", "约束性"],
]
PROVINCE_MEAN = [
    ["2046年1—9月内江市空气质量考核站点监测情况"],
    ["序号", "区县", "监测站点", "PM2.5浓度（微克/立方米）"],
    [1, "市中区", "沱江子站", 33], [2, "东兴区", "东兴子站", 30], [3, "隆昌市", "隆昌子站", 27.6],
    ["—", "全省平均", "—", 35.0],  # the province's, for comparison
]  # fmt: skip
PLAIN_TOTAL = [
    ["内江市2046年大气污染防治资金分配表"],
    ["序号", "区县", "中央资金（万元）", "省级资金（万元）", "合计（万元）"],
    [1, "市中区", 500, 200, 700], [2, "东兴区", 300, 100, 400], [3, "隆昌市", 200, 300, 500],
]  # fmt: skip


@pytest.fixture(scope="module")
def ask_more(files, tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("ziyang_more")
    funds45 = folder / "资阳市2045年中央和省级生态环境保护专项资金项目安排表.docx"
    _funds(funds45, "资阳市2045年中央和省级生态环境保护专项资金项目安排表", OTHER_FUNDS)
    media = docx_file(folder / "内江市生态环境保护十九五规划.docx", ("内江市生态环境保护“十九五”规划", "表1 主要指标"),
                      MEDIA_HEADER, MEDIA_ROWS)  # fmt: skip
    readings = folder / "2046年1—9月内江市空气质量考核站点监测情况.xlsx"
    workbook(readings, {"站点": PROVINCE_MEAN}, merged={"站点": ("A1:D1",)})
    totals = folder / "内江市2046年大气污染防治资金分配表.xlsx"
    workbook(totals, {"资金": PLAIN_TOTAL}, merged={"资金": ("A1:E1",)})
    return table_asker([load_document(p) for p in (funds45, *files, media, readings, totals)])


def test_a_titles_run_of_two_years_documents_is_the_year_said(ask_more):
    assert "安岳县" in first_line(ask_more("资阳2046年中央和省级生态环境保护专项资金，哪个区县下达得最多？"))
    assert "乐至县" in first_line(ask_more("资阳2045年中央和省级生态环境保护专项资金，哪个区县下达得最多？"))


def test_a_medium_a_table_writes_by_another_word_is_its(ask_more):
    assert "85" in answer_text(ask_more("内江城市噪声功能区夜间达标率的目标是多少？"))
    assert "75" in answer_text(ask_more("内江海水水质优良比例2050年目标是多少？"))


def test_a_provinces_mean_row_is_no_mean_of_the_citys_stations(ask_more):
    text = first_line(ask_more("内江3个考核站点PM2.5平均浓度是多少？"))
    assert "30.2" in text and "35" not in text  # (33 + 30 + 27.6) ÷ 3


def test_a_column_called_only_total_keeps_its_name(ask_more):
    assert "合计最多" in first_line(ask_more("内江哪个区县大气污染防治资金合计最多？"))


def test_the_citys_reading_against_a_plans_target_for_the_year_said(ask):
    text = answer_text(ask("资阳今年1—9月全市PM2.5平均浓度是多少？离2048年规划目标还差多少？"))
    first = text.splitlines()[0]
    assert "30.4" in first and "28" in first and "2.4" in first  # 全市平均 30.4 against 美丽资阳's 2048 target 28.0
