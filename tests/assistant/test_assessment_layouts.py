"""An assessment's results and a funds sheet of projects with 小计 rows, in documents of a city built here (汕尾市).

- an assessment table (.docx): a two-row header (考核结果 over 完成情况 | 得分), 县（区） merged down over its
  tasks and a 小计 row, results opening with a bare verdict (「完成。」「基本完成。」「未完成。」), a functional
  district the gazetteer does not list (红海湾经济开发区（功能区）), and a filing date of the next year above it;
- a funds sheet: each 县（区）'s projects, then its 小计 row (no 项目名称 of its own but 「小计」), and a sheet of
  the 县（区）'s totals beside it;
- an air sheet whose period (「1—11月」) is stated only in its title.

All figures are made up for these tests; expected answers are read off the tables below.
"""

from __future__ import annotations

import re

import docx
import pytest

from corpus import load_document
from structured import build_tables
from tests.support.documents import workbook

GREEN = "红海湾经济开发区（功能区）"
# 序号, 县（区）, 考核任务, 考核内容及要求, 分值, 完成情况, 得分 — a 小计 row closes each 县（区）
ASSESSED = [
    ("1", "海丰县", "农村生活污水治理", "农村生活污水治理率达到70%。（5分）", "5", "基本完成。治理率67.2%。", "4"),
    ("2", "海丰县", "黑臭水体治理",
     "（1）建成区黑臭水体保持长治久清；\n（2）2025年10月底前完成东溪河清淤工程。（6分）", "6",
     "（1）完成。未出现返黑返臭。\n（2）基本完成。清淤完成工程量的85%。", "5"),
    ("3", "海丰县", "餐饮油烟治理", "完成60家餐饮单位油烟净化设施安装。（4分）", "4", "未完成。已完成安装39家，完成率65.0%。", "2"),
    ("", "海丰县", "小计", "", "15", "", "11"),
    ("4", "陆丰市", "工业固体废物管理", "抽查合格率不低于90%。（3分）", "3", "完成。抽查合格率95%。", "3"),
    ("5", "陆丰市", "近岸海域水质", "碣石湾近岸海域水质优良比例不低于85%。（6分）", "6", "完成。优良比例88.9%。", "6"),
    ("小计", "陆丰市", "", "", "9", "", "9"),  # 「小计」 in the 序号 column this time
    ("6", GREEN, "海水浴场水质保障", "浴场水质达标率100%。（4分）", "4", "未完成。达标率91.7%。", "1.5"),
    ("", GREEN, "小计", "", "4", "", "1.5"),
]  # fmt: skip
# 得分 by 县（区）, the tasks' scores added: 海丰县 4+5+2, 陆丰市 3+6, 红海湾 1.5 (a 小计 counted again would double them)
SCORES = {"海丰县": "11", "陆丰市": "9", "红海湾经济开发区": "1.5"}
# 县（区）, 项目名称, 资金来源, 下达金额, 已支出金额, 执行率（%） — each 县（区）'s 小计 after its projects
FUNDS = [
    ("海丰县", "海丰县黄江河综合整治", "中央", 1000, 800, 80.0),
    ("海丰县", "海丰县镇级污水管网建设", "省级", 400, 160, 40.0),
    ("海丰县", "海丰县小计", None, 1400, 960, 68.6),  # a 小计 named with its 区县
    ("陆丰市", "陆丰市碣石湾监测能力建设", "市级", 200, 90, 45.0),
    ("陆丰市", "小计", None, 200, 90, 45.0),
    ("红海湾经济开发区", "红海湾垃圾转运站改造", "市级", 300, 270, 90.0),
    ("红海湾经济开发区", "红海湾海漂垃圾治理", "市级", 150, 45, 30.0),
    ("红海湾经济开发区", "小计", None, 450, 315, 70.0),
]

# 县（区）, 项目个数, 下达金额, 已支出金额, 执行率（%）: the funds by 县（区）
FUND_TOTALS = [("海丰县", 2, 1400, 960, 68.6), ("陆丰市", 1, 200, 90, 45.0), ("红海湾经济开发区", 2, 450, 315, 70.0)]
# 县（区）, 1—11月累计 PM2.5 and 优良天数比例, 2025年度目标 PM2.5 and 优良天数比例: the highest reading (陆丰市)
# is not the highest target (海丰县)
AIR = [("海丰县", 17, 97.9, 18, 97.5), ("陆丰市", 18, 96.4, 17, 96.0), ("陆河县", 15, 98.8, 16, 98.0)]
# 县（区）, O3-8h第90百分位数: a header that names 臭氧 by its formula only
OZONE = [("海丰县", 138), ("陆丰市", 146), ("陆河县", 131)]
# 月份, 全市PM2.5, with the months' 「1—3月」 row below them
MONTHS = [("1月", 26), ("2月", 22), ("3月", 19), ("1—3月", 22.3)]


def _assessment_docx(path):
    word = docx.Document()
    word.add_paragraph("汕尾市2025年度各县（区）污染防治攻坚重点任务考核情况表")
    word.add_paragraph("填报单位：汕尾市生态环境局　　　填报时间：2026年1月15日")
    table = word.add_table(rows=2 + len(ASSESSED), cols=7)
    for c, text in enumerate(["序号", "县（区）", "考核任务", "考核内容及要求", "分值", "考核结果", "考核结果"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["序号", "县（区）", "考核任务", "考核内容及要求", "分值", "完成情况", "得分"]):
        table.cell(1, c).text = text
    table.cell(0, 5).merge(table.cell(0, 6)).text = "考核结果"
    for c in range(5):  # the upper header cells merged down over the lower row
        text = table.cell(0, c).text
        table.cell(1, c).text = ""
        table.cell(0, c).merge(table.cell(1, c)).text = text
    for r, row in enumerate(ASSESSED, start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    top = 2
    for r in range(3, 2 + len(ASSESSED) + 1):  # 县（区） merged over its tasks and 小计
        if r == 2 + len(ASSESSED) or ASSESSED[r - 2][1] != ASSESSED[top - 2][1]:
            text = table.cell(top, 1).text
            for k in range(top + 1, r):
                table.cell(k, 1).text = ""
            table.cell(top, 1).merge(table.cell(r - 1, 1)).text = text
            top = r
    word.save(path)


def _funds_xlsx(path):
    header = ["县（区）", "项目名称", "资金来源", "下达金额（万元）", "已支出金额（万元）", "执行率（%）"]
    totals = ["县（区）", "项目个数", "下达金额（万元）", "已支出金额（万元）", "执行率（%）"]
    workbook(path, {"项目明细": [["汕尾市2025年生态环境保护专项资金项目执行情况表"], header, *FUNDS],
                    "按县区汇总": [totals, *FUND_TOTALS]})  # fmt: skip


def _air_xlsx(path):
    upper = ["县（区）", "1—11月累计监测结果", None, "2025年度目标", None]
    lower = [None, "PM2.5（微克/立方米）", "优良天数比例（%）", "PM2.5（微克/立方米）", "优良天数比例（%）"]
    workbook(
        path,
        {"区县汇总": [["2025年1—11月汕尾市各县（区）环境空气质量统计表"], upper, lower, *AIR],
         "全市逐月": [["汕尾市2025年逐月PM2.5浓度"], ["月份", "PM2.5（微克/立方米）"], *MONTHS],
         "臭氧": [["2025年1—11月汕尾市各县（区）臭氧浓度"], ["县（区）", "O3-8h第90百分位数（微克/立方米）"], *OZONE]},
        merged={"区县汇总": ("A1:E1", "A2:A3", "B2:C2", "D2:E2")},
    )  # fmt: skip


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shanwei")
    paths = [folder / "汕尾市2025年度各县（区）污染防治攻坚重点任务考核情况表.docx",
             folder / "汕尾市2025年生态环境保护专项资金项目执行情况表.xlsx",
             folder / "2025年1—11月汕尾市环境空气质量统计表.xlsx"]  # fmt: skip
    for make, path in zip((_assessment_docx, _funds_xlsx, _air_xlsx), paths, strict=True):
        make(path)
    return [load_document(p) for p in paths]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def test_an_assessment_is_read_by_its_county_column_its_bare_verdicts_and_its_scores(documents):
    tasks = build_tables(documents).frames["tasks"]
    assert "小计" not in set(tasks["category"]) | set(tasks["task"])  # a 小计 row is no task
    assert set(tasks["region"]) == {"海丰县", "陆丰市", "红海湾经济开发区"}
    assert set(tasks["year"]) == {2025}  # not the filing date's 2026
    by_name = {(row.task, row.sub_item): row for row in tasks.itertuples()}
    assert by_name[("农村生活污水治理", "")].status == "basically_on_track"
    assert by_name[("餐饮油烟治理", "")].status == "not_met"
    assert by_name[("工业固体废物管理", "")].status == "completed"
    assert by_name[("黑臭水体治理", "（1）")].status == "completed"
    assert by_name[("黑臭水体治理", "（2）")].status == "basically_on_track"
    assert by_name[("海水浴场水质保障", "")].score == 1.5


def test_the_county_with_the_highest_score_adds_its_tasks_up(ask):
    answer = ask("汕尾2025年度考核哪个县区得分最高？")
    assert "海丰县" in answer.text and f"{SCORES['海丰县']}分" in answer.text
    assert "22分" not in answer.text  # the 小计 counted again


def test_a_task_score_and_a_label_only_the_document_uses(ask):
    scored = ask("海丰县餐饮油烟治理得了几分？")
    assert "2分" in scored.text
    basic = ask("海丰县有没有基本完成的任务？")
    assert "农村生活污水治理" in basic.text
    assert "餐饮油烟治理" not in basic.text


def test_a_functional_district_is_a_place_of_its_city(ask):
    answer = ask("红海湾经济开发区哪个专项资金项目执行率最低？")
    assert "红海湾海漂垃圾治理" in answer.text
    assert "小计" not in answer.text


def test_sums_and_lists_of_projects_leave_the_subtotals_out(ask):
    total = ask("海丰县专项资金一共下达了多少万元？")
    assert "1400" in total.text and "2800" not in total.text
    low = ask("汕尾2025年专项资金执行率不到50%的项目有哪些？")
    for name in ("海丰县镇级污水管网建设", "陆丰市碣石湾监测能力建设", "红海湾海漂垃圾治理"):
        assert name in low.text
    assert "小计" not in low.text and "黄江河" not in low.text


def test_a_level_named_picks_the_sheet_of_projects_not_the_totals_beside_it(ask):
    answer = ask("汕尾中央资金项目里执行率超过70%的有哪些？")
    assert "海丰县黄江河综合整治" in answer.text
    assert "红海湾垃圾转运站改造" not in answer.text  # 90%, but 市级


def test_a_period_stated_only_in_a_title_is_held(ask):
    answer = ask("陆丰市1—11月优良天数比例是多少？")
    assert "96.4" in answer.text


def test_a_reading_under_a_two_level_header_not_the_target_beside_it(ask):
    answer = ask("汕尾2025年哪个县PM2.5最高？")
    assert "陆丰市" in answer.text and "18" in answer.text
    assert not answer.text.split("\n")[0].count("海丰县")  # the highest target, not the highest reading


def test_a_row_of_the_months_together_is_no_month(ask):
    answer = ask("汕尾2025年哪个月PM2.5最高？")
    assert answer.text.split("\n")[0].count("1月") and "26" in answer.text


def test_a_project_named_with_its_county_in_front_is_found_in_its_sheet(ask):
    answer = ask("海丰县镇级污水管网建设项目的资金来源是什么？")  # 「项目」 is also the 汇总 sheet's 项目个数
    assert "省级" in answer.text and "160" in answer.text


def test_each_measure_is_judged_against_its_own_target(ask):
    failing = ask("汕尾哪些县区PM2.5没达到年度目标？")
    assert "陆丰市" in failing.text and "海丰县" not in failing.text and "陆河县" not in failing.text
    good_days = ask("陆丰市1—11月优良天数比例达到年度目标了吗？")  # 96.4 against 96.0, whatever its PM2.5
    assert good_days.text.startswith("是")


def test_a_follow_up_of_a_yes_no_question_asks_whether_too(ask):
    first = ask("陆丰市1—11月PM2.5达到年度目标了吗？")  # 18 against 17
    assert first.text.startswith("否")
    history = [
        {"role": "user", "content": "陆丰市1—11月PM2.5达到年度目标了吗？"},
        {"role": "assistant", "content": first.text},
    ]
    answer = ask("海丰县呢？", history)  # 17 against 18: asked whether, not 「which ones met it」
    assert answer.text.startswith("是") and "海丰县" in answer.text


def test_the_position_of_a_county_in_the_whole_ranking(ask):
    answer = ask("陆丰市1—11月PM2.5在各县区里排第几？")  # 陆河县 15, 海丰县 17, 陆丰市 18: lower is better
    assert answer.text.startswith("陆丰市排第3")


def test_a_score_ranks_and_bounds_by_the_scores_given(ask):
    placed = ask("海丰县2025年度考核得分排第几？")  # 海丰县 11, 陆丰市 9, 红海湾 1.5
    assert placed.text.startswith("海丰县排第1") and "11分" in placed.text
    low = ask("汕尾2025年考核得分低于3分的任务有哪些？")  # 餐饮油烟治理 2, 海水浴场水质保障 1.5
    assert "餐饮油烟治理" in low.text and "海水浴场水质保障" in low.text and "农村生活污水治理" not in low.text


def test_a_label_only_the_document_uses_over_the_status_word_inside_it(ask):
    answer = ask("海丰县哪些任务基本完成了？")
    assert "农村生活污水治理" in answer.text and "餐饮油烟治理" not in answer.text


def test_each_measures_verdict_survives_saving_and_loading(documents, tmp_path):
    from structured.build import StructuredTables

    built = build_tables(documents)
    built.save(tmp_path)
    loaded = StructuredTables.load(tmp_path)
    own = {n: sorted(c for c in f.columns if c.startswith("verdict_")) for n, f in built.frames.items()}
    assert any(own.values())  # the 区县汇总 sheet judges each measure
    for name, columns in own.items():
        assert sorted(c for c in loaded.frames[name].columns if c.startswith("verdict_")) == columns


def test_a_pollutant_named_by_its_formula_in_front_of_a_long_header(ask):
    answer = ask("汕尾哪个县区臭氧浓度最高？")  # the header says 「O3-8h第90百分位数」, the question 「臭氧」
    assert answer.text.split("\n")[0].count("陆丰市") and "146" in answer.text


def test_above_the_target_means_behind_for_a_concentration_and_met_for_a_rate(ask):
    above = ask("汕尾哪些县区PM2.5超过了年度目标？")  # 陆丰市 18 against 17
    assert "陆丰市" in above.text and "海丰县" not in above.text and "陆河县" not in above.text
    rates = ask("汕尾哪些县区优良天数比例超过了年度目标？")  # 97.9/97.5, 96.4/96.0, 98.8/98.0: all three
    assert all(place in rates.text for place in ("海丰县", "陆丰市", "陆河县"))


def test_a_bound_on_a_total_score_keeps_the_counties_whose_tasks_add_up_below_it(ask):
    answer = ask("汕尾2025年度考核总得分低于10分的县区有哪些？")
    assert "陆丰市" in answer.text and f"{SCORES['陆丰市']}分" in answer.text
    assert "红海湾经济开发区" in answer.text
    assert "海丰县" not in answer.text  # 11 in all, though each of its tasks scored below 10


def test_two_counties_total_scores_compared(ask):
    answer = ask("海丰和陆丰总得分哪个高？")
    assert answer.text.split("\n")[0].count("海丰县") and f"{SCORES['海丰县']}分" in answer.text


def test_how_a_task_went_is_read_from_the_assessment_not_a_sheet_of_the_same_county(ask):
    answer = ask("海丰农村生活污水治理那项考核完成得怎么样？")
    assert "基本完成" in answer.text and "67.2%" in answer.text


def test_no_such_task_names_the_county_asked_about(ask):
    answer = ask("陆丰市有没有未完成的考核任务？")
    assert "陆丰市" in answer.text and "没有" in answer.text


def test_a_bound_no_county_total_keeps_is_said_so(ask):
    answer = ask("汕尾2025年度考核总得分低于1分的县区有哪些？")  # the lowest total is 红海湾's 1.5
    assert "没有" in answer.text and "低于1分" in answer.text


def test_two_counties_compared_by_who_scored_higher_and_by_how_much(ask):
    answer = ask("陆丰市和海丰县比，谁的考核分高？高几分？")  # 海丰县 4+5+2 = 11 against 陆丰市 3+6 = 9
    top = answer.text.splitlines()[0].split("是：", 1)[1]
    assert top.startswith("海丰县") and re.search(r"陆丰市为9分，海丰县高2分", top)


def test_one_month_compared_with_another_of_a_sheet_of_months(ask):
    answer = ask("汕尾全市1月的PM2.5比3月高多少？")  # 26 against 19
    assert re.search(r"高7(?!\d)", answer.text.splitlines()[0])


def test_the_whole_city_of_a_sheet_of_its_months_is_no_total_row(ask):
    answer = ask("汕尾全市哪几个月PM2.5超过20微克？")  # 1月 26, 2月 22; not 3月 19, not the 1—3月 row
    rows = answer.result.frame
    assert set(rows["entity"]) == {"1月", "2月"}
