"""A city's files of 2044 laid out as yet another bureau would (贺州市, all figures and names made up here; expected
answers are read off the rows below):

- an .xlsx of projects' funds: the 全市合计 row first, a 「市本级小计」, and 区县 of one project with no 小计 row;
- an .xlsx of each 区县's readings whose unit is stated above the header (「浓度单位：…（CO为毫克/立方米）」) and
  whose CO/O3 headers name a statistic in brackets; a sheet of river sections;
- a .docx notice with its task table (附件1) and a 督办清单 (附件2) listing some of the tasks again;
- an .xlsx of a plan's key projects with a 「其中：2044年计划投资」 column and a 合计 row written in the 序号 column.
"""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import add_docx_table, workbook

FUNDS = [
    ["贺州市2044年生态环境专项资金下达及支付进度表"],
    ["填报单位：贺州市生态环境局　数据截至：2044年9月30日", None, None, None, None, None, "单位：万元", None, None],
    ["序号", "县（市、区）", "项目名称", "已下达资金", None, None, None, "已支付资金", "支付执行率（%）"],
    [None, None, None, "合计", "中央", "自治区", "市级", None, None],
    [None, "全市合计", None, 4000, 2500, 1200, 300, 2610, 65.25],
    [1, "市本级", "贺州市生态环境监测能力提升项目", 400, 0, 300, 100, 300, 75],
    [2, None, "生态环境智慧监管平台建设", 600, 500, 0, 100, 360, 60],
    [None, "市本级小计", None, 1000, 500, 300, 200, 660, 66],
    [3, "八步区", "贺江八步段截污管网完善工程", 800, 600, 200, 0, 720, 90],
    [4, "平桂区", "平桂区工业园区污水处理厂提标改造", 500, 400, 100, 0, 200, 40],
    [5, "昭平县", "昭平县饮用水水源地规范化建设", 300, 0, 200, 100, 300, 100],
    [6, "钟山县", "钟山县畜禽养殖粪污资源化利用项目", 700, 500, 200, 0, 280, 40],
    [7, None, "思勤江生态缓冲带建设", 300, 200, 100, 0, 270, 90],
    [None, "钟山县小计", None, 1000, 700, 300, 0, 550, 55],
    [8, "富川瑶族自治县", "富江流域农村环境综合整治项目", 400, 300, 100, 0, 180, 45],
    ["注：只有一个项目的县（市、区）不再单列小计行。"],
]  # fmt: skip
FUNDS_MERGED = ("A1:I1", "A2:F2", "G2:I2", "A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4", "I3:I4", "B6:B7", "B12:B13",
                "A16:I16")  # fmt: skip
AIR = [
    ["2044年1-6月贺州市各县（市、区）环境空气质量状况统计表"],
    ["统计时段：2044年1月1日—6月30日", None, None, None, None, "浓度单位：微克/立方米（CO为毫克/立方米）", None, None, None,
     None, None],
    ["序号", "县（市、区）", "PM2.5", "PM2.5目标", "PM10", "NO2", "CO\n（第95百分位）", "O3\n（日最大8小时第90百分位）",
     "优良天数比例（%）", "优良天数比例目标（%）", "目标完成情况"],
    [None, "全市", 27, 27, 44, 19, 1.0, 126, 95.0, 94.5, "均达标"],
    [1, "八步区", 29, 28, 47, 23, 1.1, 131, 93.0, 94.0, "PM2.5、优良天数比例均未达标"],
    [2, "平桂区", 31, 29, 52, 21, 1.2, 128, 94.5, 94.0, "PM2.5未达标"],
    [3, "昭平县", 22, 24, 36, 13, 0.9, 117, 98.0, 96.0, "均达标"],
    [4, "钟山县", 28, 28, 46, 17, 1.0, 124, 93.5, 94.0, "优良天数比例未达标"],
    [5, "富川瑶族自治县", 25, 26, 40, 12, 0.8, 119, 96.5, 95.0, "均达标"],
]  # fmt: skip
WATER = [
    ["2044年1-6月贺州市地表水考核断面水质状况"],
    ["序号", "河流", "断面名称", "所在县（市、区）", "水质目标", "1-6月水质类别", "是否达标", "超标项目（超标倍数）"],
    [1, "贺江", "合面狮", "八步区", "Ⅱ类", "Ⅲ类", "未达标", "总磷（0.2）"],
    [2, "贺江", "信都", "八步区", "Ⅲ类", "Ⅲ类", "达标", "—"],
    [3, "桂江", "昭平", "昭平县", "Ⅱ类", "Ⅱ类", "达标", "—"],
]
TASKS_HEADER = ["序号", "类别", "重点任务", "牵头单位", "完成时限", "进展情况", "推进状态"]
TASKS = [
    ["1", "大气污染防治", "钢铁行业超低排放改造", "市工业和信息化局", "2044年12月底", "完成2条生产线改造。", "进度滞后"],
    ["2", "水污染防治", "贺江合面狮断面水质达标攻坚", "八步区人民政府", "2044年12月底", "1-6月为Ⅲ类。", "严重滞后"],
    ["3", "水污染防治", "城镇污水管网建设", "市住房城乡建设局", "2044年6月底", "新建管网32公里。", "已完成"],
    ["4", "大气污染防治", "加油站油气回收在线监控联网", "市生态环境局", "2044年6月底", "已联网41座。", "已完成"],
    ["5", "土壤污染防治", "历史遗留尾矿库污染治理", "市生态环境局", "2044年12月底", "已开工2座。", "按进度推进"],
]  # fmt: skip
SUPERVISED_HEADER = ["序号", "任务名称", "责任单位", "进展状态", "滞后原因", "整改要求及时限"]
SUPERVISED = [
    ["1", "钢铁行业超低排放改造", "市工业和信息化局", "进度滞后", "企业资金不足", "2044年9月30日前完成改造方案备案"],
    ["2", "贺江合面狮断面水质达标攻坚", "八步区人民政府", "严重滞后", "上游养殖污染", "2044年8月31日前报送攻坚方案"],
]  # fmt: skip
PROJECTS = [
    ["表2 重点工程投资汇总表"],
    ["序号", "工程类别", "项目数（个）", "总投资（亿元）", "其中：2044年计划投资（亿元）"],
    [1, "大气污染综合治理工程", 12, 10.5, 2.6],
    [2, "贺江流域水生态环境保护工程", 20, 40.2, 8.4],
    [3, "农村环境整治工程", 15, 12.3, 3.0],
    ["合计", None, 47, 63.0, 14.0],
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    import docx

    folder = tmp_path_factory.mktemp("hezhou")
    funds = folder / "贺州市2044年生态环境专项资金下达及支付进度表（截至9月30日）.xlsx"
    workbook(funds, {"项目明细": FUNDS}, merged={"项目明细": FUNDS_MERGED})
    readings = folder / "2044年1-6月贺州市各县（市、区）环境空气质量及地表水断面水质状况统计表.xlsx"
    workbook(readings, {"空气质量": AIR, "地表水考核断面": WATER},
             merged={"空气质量": ("A1:K1", "A2:E2", "F2:K2"), "地表水考核断面": ("A1:H1", "B3:B4")})  # fmt: skip
    word = docx.Document()
    word.add_paragraph("贺环委办〔2044〕9号 关于2044年上半年全市重点生态环境保护任务推进情况的通报")
    word.add_paragraph("截至6月30日，下达的5项重点任务已完成2项。")
    word.add_paragraph("附件1：2044年上半年全市重点生态环境保护任务推进情况表")
    add_docx_table(word, TASKS_HEADER, TASKS)
    word.add_paragraph("附件2：进度滞后任务督办清单")
    add_docx_table(word, SUPERVISED_HEADER, SUPERVISED)
    notice = folder / "贺环委办〔2044〕9号 关于2044年上半年全市重点生态环境保护任务推进情况的通报.docx"
    word.save(notice)
    projects = folder / "贺州市生态环境保护规划（2041—2045年）重点工程表.xlsx"
    workbook(projects, {"重点工程": PROJECTS}, merged={"重点工程": ("A1:E1", "A6:B6")})
    return [funds, readings, notice, projects]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


# -- funds: each 区县's whole ------------------------------------------------------------------------------------


def test_a_county_of_one_project_and_no_subtotal_is_judged_by_that_project(ask):
    text = answer_text(ask("哪些县区专项资金执行率不到50%？"))
    head = text.splitlines()[0]
    assert "平桂区" in head and "富川瑶族自治县" in head  # 40 and 45, each its one project
    assert "钟山县" not in head and "八步区" not in head  # 钟山县's 小计 is 55, though one of its projects is 40


def test_the_highest_rate_of_a_county_may_be_its_only_projects(ask):
    assert "昭平县" in first_line(ask("资金执行率排第一的是哪个县？"))  # 100, no 小计 row


def test_the_city_levels_subtotal_is_its_own_row_not_the_citys_total(ask):
    assert "2500" in answer_text(ask("中央资金一共下达了多少万元？"))  # the 全市合计 row, not 市本级小计's 500
    assert "66" in answer_text(ask("市本级执行率是多少？"))
    text = answer_text(ask("今年专项资金全市一共下达多少、支付多少，执行率是多少？"))  # the 全市合计 row
    assert "4000" in text and "2610" in text and "65.25" in text
    answer = ask("全市一共审批了多少个建设项目环评文件？")  # words no funds row says: not its 合计 row
    assert answer is None or isinstance(answer, Missing) or answer.confidence < 1.0


def test_a_gap_to_a_rate_said_in_points(ask):
    text = answer_text(ask("富川县执行率多少？离75%的序时进度差多少？"))
    assert "45" in text and "30个百分点" in text  # 75 − 45
    assert "30个百分点" in answer_text(ask("富川县执行率与75%相差多少？"))
    assert "120万元" in answer_text(ask("富川县执行率离75%还差多少万元？"))  # money asked: 400 × 75% − 180


def test_a_row_above_the_rate_asked_has_reached_it(ask):
    text = answer_text(ask("八步区支付执行率离75%的序时进度差多少？"))  # 八步区's one project: 720 ÷ 800 = 90%
    assert "已达到75%" in text and "还差 0" not in text and "还差0" not in text
    assert "无需再支付" in answer_text(ask("八步区执行率要达到75%，还得再支付多少万元？"))  # (支付, of 「已支付资金」)


def test_a_project_named_in_other_words_is_still_that_project(ask):
    text = answer_text(ask("富江流域农村人居环境综合整治项目执行率多少？"))
    assert "45" in text and "贺江八步段" not in text  # its one row, not every project


# -- readings: the unit above the header, a statistic in brackets ------------------------------------------------


def test_a_unit_stated_above_the_header_is_each_pollutants(ask):
    assert "13微克/立方米" in answer_text(ask("昭平县二氧化氮浓度多少？"))
    text = answer_text(ask("八步区CO浓度多少？"))
    assert "1.1毫克/立方米" in text and "1.1第95百分位" not in text


def test_a_measure_said_before_the_verdict_is_judged_by_its_own_target(ask):
    # the sheet's own 目标完成情况 names the measures it judges: 平桂区's 「PM2.5未达标」 meets 优良天数比例 (94.5 ≥ 94.0)
    head = first_line(ask("哪些县区优良天数比例没达到年度目标？"))
    assert "八步区" in head and "钟山县" in head and "平桂区" not in head
    head = first_line(ask("哪些县区PM2.5没达到目标？"))
    assert "八步区" in head and "平桂区" in head and "钟山县" not in head


def test_a_thing_no_sheet_counts_is_not_summed_from_a_column_sharing_a_word(ask):
    answer = ask("昭平县地下水监测井一共有多少口？")
    assert answer is None or isinstance(answer, Missing)
    # … but a way of speaking the documents never write is no topic of another table
    assert "昭平县" in first_line(ask("专项资金哪个县花得最快，执行率多少？"))


def test_a_clause_no_sheets_row_says_is_left_to_the_text(ask):
    answer = ask("贺江干流两岸多大范围内不能新建排放磷的工业项目？")
    assert answer is None or isinstance(answer, Missing)


# -- tasks: a 督办清单 repeating some; a task pointed at ---------------------------------------------------------------


def test_tasks_listed_again_in_a_supervision_list_are_counted_once(ask):
    head = first_line(ask("进度滞后的任务有哪些？严重滞后的也算上"))
    assert "共2项" in head and head.count("钢铁行业超低排放改造") == 1


def test_tasks_done_are_counted_in_xiang(ask):
    assert "共2项" in first_line(ask("上半年的重点任务已经完成了几项？"))


def test_a_task_pointed_at_is_no_river_sections_row(ask):
    text = answer_text(ask("贺江断面达标攻坚那项任务现在什么状态？"))
    assert "严重滞后" in text and "合面狮" in text


# -- a plan's key projects --------------------------------------------------------------------------------------


def test_the_figure_a_ranking_word_follows_is_ranked(ask):
    assert "总投资最多" in first_line(ask("重点工程里哪类投资最多？"))  # not the 项目数 of the 工程 named first


def test_a_part_column_of_a_year_answers_that_year(ask):
    text = answer_text(ask("重点工程2044年计划投资合计多少？"))
    assert "14.0亿元" in text or "14亿元" in text
    assert "合计" in text.splitlines()[0]  # the row named by its 序号 cell, not by its number


# -- a notice whose task column holds 「名称：要求」 and whose tasks a 区县's government leads ----------------------------

JOINED_HEADER = ["序号", "类别", "重点任务及目标要求", "牵头单位", "配合单位", "完成时限", "进展情况", "推进状态"]
JOINED = [
    ["1", "大气污染防治", "陶瓷行业废气整治：完成30家陶瓷企业废气治理设施改造。", "八步区人民政府", "市工信局",
     "2044年9月30日前", "已完成18家，其余正在施工。", "滞后"],
    ["2", "水污染防治", "贺江入河排污口整治：完成120个入河排污口分类整治。", "昭平县、钟山县人民政府", "市生态环境局",
     "2044年11月30日前", "已完成整治101个。", "按序时推进"],
    ["3", "水污染防治", "水产养殖尾水治理：完成0.8万亩池塘养殖尾水治理设施建设。", "平桂区人民政府、八步区人民政府", "市农业农村局",
     "2044年10月31日前", "已完成0.2万亩，完成率25.0%。", "严重滞后"],
    ["4", "大气污染防治", "老旧柴油货车淘汰：全年淘汰国四及以下营运柴油货车900辆。", "市交通运输局", "各县（区）人民政府",
     "2044年12月31日前", "已淘汰702辆。", "按序时推进"],
]  # fmt: skip


@pytest.fixture(scope="module")
def notice_document(tmp_path_factory):
    from tests.support.documents import docx_file

    folder = tmp_path_factory.mktemp("hezhou-notice")
    return docx_file(
        folder / "贺州市生态环境保护委员会办公室关于2044年1-9月大气和水污染防治重点任务推进情况的通报.docx",
        ("关于2044年1-9月大气和水污染防治重点任务推进情况的通报", "表1　2044年大气和水污染防治重点任务推进情况表"),
        JOINED_HEADER,
        JOINED,
    )


@pytest.fixture(scope="module")
def ask_notice(notice_document, table_asker):
    return table_asker([load_document(notice_document)])


@pytest.fixture(scope="module")
def notice_tables(notice_document):
    from structured import build_tables

    return build_tables([load_document(notice_document)]).frames["tasks"]


def test_a_task_and_requirement_column_gives_the_tasks_name_and_status(ask_notice):
    head = first_line(ask_notice("哪些重点任务滞后了？"))
    assert "共2项" in head and "陶瓷行业废气整治" in head and "水产养殖尾水治理" in head  # 滞后 and 严重滞后
    assert "完成30家" not in head  # the requirement is no part of the task's name


def test_the_region_of_a_task_a_government_leads(notice_tables):
    regions = dict(zip(notice_tables["task"], notice_tables["region"], strict=True))
    assert regions["陶瓷行业废气整治"] == "八步区"
    assert regions["贺江入河排污口整治"] == "昭平县、钟山县"
    assert regions["水产养殖尾水治理"] == "平桂区、八步区"  # each part's 人民政府
    assert regions["老旧柴油货车淘汰"] == "贺州市"  # a city department leads it (each 人民政府 only co-operates)


def test_a_task_a_countys_government_leads_is_that_countys(ask_notice):
    assert "共2项" in first_line(ask_notice("八步区有几项任务？"))  # its own, and the one it leads with 平桂区
    assert "陶瓷行业废气整治" in answer_text(ask_notice("八步区有哪些任务？"))
    text = answer_text(ask_notice("钟山县牵头的任务有哪些？"))
    assert "贺江入河排污口整治" in text and "陶瓷行业" not in text


# -- a plan's indicators under section rows written in the 序号 column --------------------------------------------------

PLAN_INDICATORS = [
    ["表1　贺州市“十八五”生态环境保护主要指标"],
    ["序号", "指标", "单位", "2040年（基准值）", "2045年（目标值）", "指标属性"],
    ["一、环境质量改善", None, None, None, None, None],
    ["1", "细颗粒物（PM2.5）年均浓度", "微克/立方米", "24", "≤22", "约束性"],
    ["2", "臭氧日最大8小时平均第90百分位数浓度", "微克/立方米", "128", "≤125", "预期性"],
    ["二、污染防治与减排", None, None, None, None, None],
    ["3", "农村生活污水治理率", "%", "70.5", "≥85", "预期性"],
    ["4", "受污染耕地安全利用率", "%", "95.0", "≥96", "约束性"],
    ["5", "挥发性有机物重点工程减排量", "吨", "—", "〔1800〕", "约束性"],
]


@pytest.fixture(scope="module")
def ask_plan(tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("hezhou-plan")
    plan = folder / "贺州市“十八五”生态环境保护规划主要指标.xlsx"
    workbook(plan, {"主要指标": PLAN_INDICATORS}, merged={"主要指标": ("A1:F1",)})
    return table_asker([load_document(plan)])


def test_a_five_years_sum_is_a_figure_in_the_rows_unit(ask_plan):
    answer = ask_plan("十八五期间挥发性有机物重点工程减排量要求多少吨？")
    assert "〔1800〕吨" in answer_text(answer) and not answer.mismatch  # 期间 names no row; 〔〕 is a figure in 吨


def test_a_section_row_below_others_heads_the_indicators_under_it(ask_plan):
    text = answer_text(ask_plan("环境质量改善那一类里面，哪些是预期性指标"))
    assert "臭氧" in text and "农村生活污水" not in text and "细颗粒物" not in text


# -- units above a header: a concentration's columns only ------------------------------------------------------------

RANKED = [
    ["2044年1-6月贺州市各县（市、区）PM2.5浓度及排名"],
    ["填报单位：贺州市生态环境监测站", None, None, None],
    ["浓度单位：微克/立方米", None, None, None],
    ["县（市、区）", "PM2.5", None, "设备运行时间（小时）"],
    [None, "浓度", "排名", None],
    ["八步区", 29, 4, 4300],
    ["昭平县", 22, 1, 4310],
]


def test_a_stated_concentration_unit_is_not_a_ranks_and_a_bracketed_hour_is_a_unit(tmp_path):
    from structured.generic import generic_table

    sheet = tmp_path / "2044年1-6月贺州市各县（市、区）PM2.5浓度及排名.xlsx"
    workbook(sheet, {"排名": RANKED}, merged={"排名": ("A1:D1", "A2:D2", "A3:D3", "A4:A5", "B4:C4", "D4:D5")})
    document = load_document(sheet)
    assert not any("填报单位" in note for table in document.tables for note in table.notes)  # no unit stated there
    units = {c["label"]: c["unit"] for c in generic_table(document, document.tables[0], "g1").meta["columns"]}
    assert units["PM2.5·浓度"] == "微克/立方米" and units["PM2.5·排名"] == ""
    assert units["设备运行时间"] == "小时"


def test_rows_counted_and_asked_whether_all_meet_their_targets(ask):
    text = answer_text(ask("贺江上的断面一共几个？都达标了吗"))
    head, second = text.splitlines()[:2]
    assert "2" in head and "否" in second and "1项未达标" in second  # 合面狮 未达标, 信都 达标


def test_a_target_against_a_base_year_said(ask_plan):
    text = answer_text(ask_plan("农村生活污水治理率目标比2040年基准提高多少个百分点？"))
    assert "14.5个百分点" in text  # ≥85 against 70.5 of 2040
