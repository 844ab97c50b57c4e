"""Progress tables laid out as other bureaus lay them out (新乡市 in 2029, all figures made up here; expected
answers are read off the rows below):

- a Word table whose task column 「考核任务（计量单位）」 carries each task's unit in its name, under a
  two-level header 「1—6月进展 · 完成量 / 完成率（%） / 评定」, with status words of its own (按序时推进,
  基本按序时, 滞后) in the 评定 column;
- beside it a summary with one column per 区县 and a 合计 column, one row per measure (how many tasks of
  each status, the score);
- an Excel sheet whose figures sit under a group header 「量化指标 · 年度目标 / 1-9月完成 / 完成进度（%）」.
"""

from __future__ import annotations

import re

import docx
import pytest

from assistant.planner import Missing
from corpus import load_document
from structured.build import build_tables
from tests.support.documents import add_docx_table, workbook

GROUP = "1—6月进展"
PROGRESS_HEADER = ["序号", "类别", "考核任务（计量单位）", "县区", "年度目标", GROUP, GROUP, GROUP]
PROGRESS_SUBHEADER = ["序号", "类别", "考核任务（计量单位）", "县区", "年度目标", "完成量", "完成率（%）", "评定"]
PROGRESS = [("1", "大气污染防治", "重点行业超低排放改造（家）", "红旗区", "8", "4", "50.0", "按序时推进"),
            ("1", "大气污染防治", "重点行业超低排放改造（家）", "卫滨区", "10", "3", "30.0", "滞后"),
            ("2", "水污染防治", "入河排污口规范整治（个）", "红旗区", "16", "7", "43.8", "基本按序时"),
            ("2", "水污染防治", "入河排污口规范整治（个）", "牧野区", "12", "2", "16.7", "滞后"),
            ("3", "大气污染防治", "散煤清洁取暖改造（户）", "卫滨区", "2,800", "1,397", "49.9", "基本按序时")]  # fmt: skip
# the summary counts every task of the assessment; 表1 above lists those of three 区县 only (none of 凤泉区's)
SUMMARY_HEADER = ["项目", "红旗区", "卫滨区", "牧野区", "凤泉区", "合计"]
SUMMARY = [("考核任务（项）", "2", "1", "1", "2", "6"), ("按序时推进（项）", "1", "0", "0", "0", "1"),
           ("基本按序时（项）", "1", "0", "0", "1", "2"), ("滞后（项）", "0", "1", "1", "1", "3"),
           ("评定得分（分）", "16", "0", "0", "8", "24")]  # fmt: skip
SHEET = [
    ["新乡市2029年度生态环境重点工作任务推进情况统计表（1-9月）"],
    ["县（市、区）", "序号", "任务", None, "量化指标", None, None, "推进状态", "存在问题"],
    [None, None, "任务名称", "计量单位", "年度目标", "1-9月完成", "完成进度（%）", None, None],
    ["红旗区", 1, "工业企业VOCs深度治理", "家", 30, 19, 63.3, "进度滞后", "设备到货延迟"],
    ["卫滨区", 2, "淘汰国四及以下营运柴油货车", "辆", 240, 180, 75.0, "序时推进", "—"],
    ["牧野区", 3, "工业企业VOCs深度治理", "家", 20, 21, 105.0, "已完成", "—"],
]
POLLUTANT_GROUPS = ["县（市、区）", "站点名称", "PM10", "PM10", "PM10", "NO2", "NO2", "NO2"]
READINGS_HEADER = ["县（市、区）", "站点名称", "1-9月均值", "年度目标", "完成情况", "1-9月均值", "年度目标", "完成情况"]
READINGS = [("红旗区", "市监测站", "62", "60", "未完成", "31", "30", "未完成"),
            ("红旗区", "新区站", "58", "60", "完成", "33", "30", "未完成"),
            ("卫滨区", "卫滨站", "63", "60", "未完成", "28", "30", "完成"),
            ("牧野区", "牧野站", "59", "60", "完成", "29", "30", "完成"),
            ("注：1-9月均值低于或等于年度目标的为“完成”，高于的为“未完成”。",) * 8]  # fmt: skip
PROJECT_HEADER = ["序号", "项目名称", "实施地点", "总投资", "2029年计划投资"]
PROJECTS = [("一、大气污染防治类",) * 5, ("1", "化工园区LDAR智能监管平台", "红旗区", "3200", "1800"),
            ("2", "印染企业废气集中治理绿岛", "牧野区", "8600", "4500"),
            ("二、水污染防治类",) * 5, ("3", "卫河支流综合整治", "卫滨区", "12000", "6000"),
            ("4", "城东污水处理厂提标改造", "红旗区", "9500", "5200"),
            ("5", "农村生活污水管网延伸", "获嘉县", "4300", "2100")]  # fmt: skip
ENFORCEMENT = [["2029年1-9月全市生态环境行政执法情况月度统计"], ["单位：件；罚没款：万元"],
               ["地区", "立案查处数", None, None, None, None, "罚没款", "移送公安"],
               [None, "1月", "2月", "3月", "4月", "1-4月小计", None, None],
               ["红旗区", 5, 4, 9, 6, 24, 80.5, 2], ["卫滨区", 3, 7, 2, 4, 16, 52.0, 0], ["牧野区", 2, 3, 4, 1, 10, 31.2, 1]]  # fmt: skip
ENFORCEMENT_MERGES = ("A1:H1", "A2:H2", "A3:A4", "B3:F3", "G3:G4", "H3:H4")
SHEET_MERGES = ("A1:I1", "A2:A3", "B2:B3", "C2:D2", "E2:G2", "H2:H3", "I2:I3")
AIR = [["2029年1—6月各县区环境空气质量状况"],
       ["县区", "PM2.5浓度（微克/立方米）", "2028年同期PM2.5（微克/立方米）", "PM2.5同比变化（%）", "优良天数比例（%）",
        "PM2.5排名"],
       ["红旗区", 41, 44, -6.8, 58.0, 2], ["卫滨区", 44, 45, -2.2, 55.2, 3], ["牧野区", 47, 46, 2.2, 52.5, 5],
       ["凤泉区", 48, 50, -4.0, 53.9, 6], ["新乡县", 45, 44, 2.3, 54.6, 4], ["获嘉县", 39, 41, -4.9, 60.3, 1]]  # fmt: skip
COMPLAINTS = [["2029年上半年全市生态环境信访投诉受理情况（按月）"], ["月份", "受理（件）", "按期办结率（%）"],
              ["1月", 120, 96.7], ["2月", 98, 95.9], ["3月", 143, 97.2], ["4月", 150, 98.0], ["5月", 171, 96.5],
              ["6月", 188, 97.9], ["合计", 870, 97.1]]  # fmt: skip
PLAN = [["新乡市“十四五”生态环境保护规划主要指标"], ["序号", "指标", "单位", "2020年", "2025年目标", "属性"],
        [1, "细颗粒物（PM2.5）平均浓度", "微克/立方米", 52, 44, "约束性"], [2, "空气质量优良天数比率", "%", 60.1, 68, "约束性"],
        [3, "地表水达到或好于Ⅲ类水体比例", "%", 80, 85, "约束性"], [4, "森林覆盖率", "%", 20.5, 21, "预期性"]]  # fmt: skip


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("xinxiang")
    assessed = folder / "新乡市2029年上半年污染防治攻坚重点任务进展考核表.docx"
    word = docx.Document()
    word.add_paragraph("表1 重点任务分县区进展及评定")
    add_docx_table(word, PROGRESS_HEADER, [PROGRESS_SUBHEADER, *PROGRESS])
    word.add_paragraph("表2 各县区任务评定汇总")
    add_docx_table(word, SUMMARY_HEADER, SUMMARY)
    word.add_paragraph("表3 2029年1-9月空气质量考核站点PM10、NO2浓度情况")
    add_docx_table(word, POLLUTANT_GROUPS, [READINGS_HEADER, *READINGS])
    word.save(assessed)
    projects = folder / "新乡市2029年深入打好污染防治攻坚战工作方案.docx"
    word = docx.Document()
    word.add_paragraph("新乡市2029年深入打好污染防治攻坚战工作方案")
    word.add_paragraph("一、总体要求。到2029年底，全市重点工程项目按计划推进。")
    word.add_paragraph("附件2")
    word.add_paragraph("新乡市2029年生态环境重点工程项目表")
    word.add_paragraph("投资单位：万元")
    add_docx_table(word, PROJECT_HEADER, PROJECTS)
    word.save(projects)
    sheet = folder / "新乡市2029年1-9月生态环境重点工作推进情况.xlsx"
    workbook(sheet, {"重点任务推进": SHEET, "空气质量": AIR, "信访投诉": COMPLAINTS, "执法月报": ENFORCEMENT},
             merged={"重点任务推进": SHEET_MERGES, "执法月报": ENFORCEMENT_MERGES})  # fmt: skip
    plan = folder / "新乡市“十四五”生态环境保护规划指标.xlsx"
    workbook(plan, {"规划指标": PLAN})
    return table_asker([load_document(p) for p in (assessed, sheet, plan, projects)])


def _text(answer) -> str:
    assert not isinstance(answer, Missing) and answer is not None
    return answer.text


def test_a_status_column_of_the_tables_own_words_is_the_status(ask):
    text = _text(ask("卫滨区重点行业超低排放改造这项任务评的是哪一档？"))
    assert "滞后" in text and "按序时推进" not in text


def test_rows_of_a_status_word_the_glossary_does_not_list_are_filtered(ask):
    text = _text(ask("上半年哪些县区有任务评定为滞后？"))  # 表1's 1-6月, not the sheet's 1-9月 (红旗区 进度滞后)
    assert "卫滨区" in text and "牧野区" in text and "红旗区" not in text


def test_the_unit_in_a_tasks_name_is_the_unit_of_its_figures(ask):
    text = _text(ask("红旗区入河排污口规范整治完成了几个？"))
    assert "7个" in text and "43.8" in text


def test_a_percent_header_makes_the_column_a_rate_not_a_count(ask):
    text = _text(ask("红旗区VOCs深度治理到9月底完成了几家？完成进度是多少？"))
    assert "19" in text and "63.3%" in text
    assert "63.3家" not in text and "211" not in text  # not 63.3 done of 30


def test_a_sheet_with_a_column_per_place_is_read_one_row_per_place(ask):
    text = _text(ask("评定得分为0分的是哪几个县区？"))
    assert "卫滨区" in text and "牧野区" in text and "红旗区" not in text


def test_a_status_named_in_a_summary_reads_that_status_column(ask):
    text = _text(ask("凤泉区被评为滞后的任务有几项？"))  # only the summary has 凤泉区
    assert re.search(r"滞后\s*1项", text)


def test_a_task_named_with_a_place_is_not_answered_by_the_places_summary_row(ask):
    text = _text(ask("红旗区入河排污口规范整治完成了几个，评定结果是什么？"))
    assert "基本按序时" in text and "7" in text
    assert "评定得分" not in text


def test_the_gap_between_two_places_rates_is_in_percentage_points(ask):
    text = _text(ask("卫滨区和牧野区的优良天数比例差了多少个百分点？"))
    assert "2.7个百分点" in text  # 55.2 - 52.5


def test_which_of_two_places_is_higher_and_by_how_much_compares_the_two_rows(ask):
    text = _text(ask("重点行业超低排放改造，红旗区和卫滨区谁的完成率更高？高出多少个百分点？"))
    assert "20个百分点" in text or "20.0个百分点" in text  # 50.0 - 30.0


def test_the_whole_span_of_a_sheet_of_months_is_its_total_row(ask):
    text = _text(ask("上半年全市信访投诉一共受理了多少件？按期办结率是多少？"))
    assert "870" in text and "97.1" in text


def test_a_quoted_plan_period_names_the_document_not_a_cell(ask):
    text = _text(ask("“十四五”规划指标里，约束性指标一共有几个？"))
    assert "3项" in text or "3个" in text


def test_readings_grouped_under_each_pollutant_judge_each_pollutant_by_its_own_column(ask):
    text = _text(ask("PM10和NO2两项都没完成的是哪几个站？"))
    assert "市监测站" in text
    assert "新区站" not in text and "卫滨站" not in text and "牧野站" not in text


def test_a_note_row_under_a_table_is_no_row_of_it(ask):
    text = _text(ask("前三季度PM10没完成年度目标的站点有哪些？"))
    assert "市监测站" in text and "卫滨站" in text
    assert "注：" not in text and "新区站" not in text


def test_first_three_quarters_is_a_period_not_a_top_three(understander):
    q = understander.run("前三季度PM10没完成年度目标的站点有哪些？", [])
    assert q.period == "1-9月" and not q.has("topk") and not q.has("quarter")


def test_months_under_a_group_header_are_months_of_that_figure(ask):
    text = _text(ask("哪个月全市立案查处最多？"))
    assert "3月" in text and "15" in text  # 9 + 2 + 4


def test_the_last_three_of_a_stated_ranking_are_its_largest_places(ask):
    text = _text(ask("PM2.5排名倒数后三位的是哪几个县区？"))
    assert "凤泉区" in text and "牧野区" in text and "新乡县" in text
    assert "卫滨区" not in text and "获嘉县" not in text


def test_a_direction_and_a_bound_on_another_column_are_both_kept(ask):
    text = _text(ask("PM2.5同比在下降、但优良天数比例还低于55%的县区有哪些？"))
    assert "凤泉区" in text
    assert "牧野区" not in text and "新乡县" not in text and "卫滨区" not in text


def test_section_rows_of_a_table_are_the_category_of_the_rows_under_them(ask):
    text = _text(ask("重点工程项目里，水污染防治类的2029年计划投资一共多少？"))
    assert "13300" in text  # 6000 + 5200 + 2100
    assert "化工园区" not in text


def test_a_unit_line_under_a_title_is_not_the_tables_caption(tmp_path):
    path = tmp_path / "新乡市2029年深入打好污染防治攻坚战工作方案.docx"
    word = docx.Document()
    word.add_paragraph("新乡市2029年生态环境重点工程项目表")
    word.add_paragraph("投资单位：万元")
    add_docx_table(word, PROJECT_HEADER, PROJECTS)
    word.save(path)
    (table,) = load_document(path).tables
    assert table.caption == "新乡市2029年生态环境重点工程项目表"


def test_none_of_a_count_is_a_bound_of_zero(ask):
    text = _text(ask("有没有哪个地方一件案子都没移送公安的？"))
    assert "卫滨区" in text and "红旗区" not in text and "牧野区" not in text


def test_a_columns_own_unit_in_the_units_line_beats_the_sheets(ask):
    text = _text(ask("红旗区罚没款多少？"))
    assert "80.5万元" in text and "80.5件" not in text


def test_figures_typed_with_thousands_separators_are_read(ask):
    text = _text(ask("卫滨区散煤清洁取暖改造上半年完成了多少户？"))
    assert ("1,397户" in text or "1397户" in text) and "49.9" in text


def test_the_mean_of_one_row_is_its_own_figure(ask):
    text = _text(ask("红旗区上半年PM2.5平均浓度是多少？"))
    assert "41微克/立方米" in text and "算术平均" not in text


def test_a_target_asked_as_what_to_bring_it_down_to(ask):
    text = _text(ask("十四五规划里PM2.5到2025年要降到多少？这个指标是约束性的还是预期性的？"))
    assert "44" in text and "约束性" in text


def test_places_every_task_of_which_has_a_status(ask):
    lead = _text(ask("上半年哪些县区的任务全部评为滞后？")).split("。")[0]
    assert "牧野区" in lead  # its only task is 滞后
    assert "卫滨区" not in lead and "红旗区" not in lead  # 卫滨区 has a 基本按序时 task beside its 滞后 one


def test_a_progress_sheet_with_a_rate_and_a_status_but_no_progress_text_is_a_progress_table(tmp_path):
    path = tmp_path / "新乡市2029年1-9月生态环境重点工作推进情况.xlsx"
    workbook(path, {"重点任务推进": SHEET}, merged={"重点任务推进": SHEET_MERGES})
    tables = build_tables([load_document(path)])
    tasks = tables.frames["tasks"]
    assert sorted(tasks["region"]) == ["卫滨区", "牧野区", "红旗区"]
    assert tables.frames["indicators"].empty
    lagging = tasks[tasks["region"] == "红旗区"].iloc[0]
    assert (lagging["done"], lagging["total"], lagging["status"]) == (19, 30, "lagging")


NUMBERED = [(str(k), *row) for k, row in enumerate(READINGS[:-1], start=1)]


@pytest.mark.parametrize(
    ("header", "rows"),
    [(POLLUTANT_GROUPS, [READINGS_HEADER, *READINGS]),  # a note row under them
     (["序号", *POLLUTANT_GROUPS], [["序号", *READINGS_HEADER], *NUMBERED])],  # the groups in the numbered header row
    ids=["with-note-row", "numbered-header"],
)  # fmt: skip
def test_readings_grouped_by_pollutant_are_one_table_of_four_stations_and_no_tasks(tmp_path, header, rows):
    path = tmp_path / "新乡市2029年1-9月空气质量考核站点.docx"
    word = docx.Document()
    word.add_paragraph("2029年1-9月空气质量考核站点PM10、NO2浓度情况")
    add_docx_table(word, header, rows)
    word.save(path)
    tables = build_tables([load_document(path)])
    assert tables.frames["tasks"].empty  # readings, not tasks
    (name,) = tables.generic
    assert len(tables.frames[name]) == 4
    assert not tables.frames[name]["row_text"].str.contains("注：").any()


def test_all_of_them_before_the_question_word_asks_no_every_row(understander):
    assert not understander.run("重点任务里已经完成的有几项，都是哪些区县的？", []).has("every_row")
    assert understander.run("哪些县区的任务全部评为滞后？", []).has("every_row")
