"""Projects with figures in documents of a city built here (阳江市, 2025): a progress table of key projects whose
rows also state investments, and a sheet of projects with a construction status column.

- a progress table (.docx) under its title and the issuer's signature line (「…指挥部办公室　2025年7月8日」, which is
  no caption): 序号 / 项目名称 / 建设内容 / 总投资（万元） / 1-6月完成投资（万元） / 进展情况 / 牵头单位 — a task table
  whose columns of figures are summed and ranked too;
- a projects sheet (.xlsx): 计划投资 / 完成投资 / 投资完成率 typed 「39.0%」 / 建设状态 (在建 / 未开工 / 已完工).

All figures are made up for these tests; expected answers are read off the tables below.
"""

from __future__ import annotations

import docx
import pytest

from assistant.planner import Missing
from corpus import load_document
from structured import build_tables
from tests.support.documents import add_docx_table, workbook

PROGRESS_TITLE = "阳江市2025年上半年重点工程项目进度表"
SIGNATURE = "阳江市污染防治攻坚战指挥部办公室　2025年7月8日"
# 序号, 项目名称, 建设内容, 总投资（万元）, 1-6月完成投资（万元）, 进展情况, 牵头单位
PROJECTS = [
    ("1", "阳江市区第二污水处理厂扩建工程", "新增处理规模5万吨/日", "38600", "12100", "按进度推进。主体结构完成60%。",
     "市住房城乡建设局"),
    ("2", "漠阳江断面水质达标工程", "实施干流沿线截污和生态补水", "15200", "2300", "进度滞后。征地未完成。", "阳春市人民政府"),
    ("3", "海陵湾近岸海域综合治理", "清理养殖尾水直排口", "9800", "4410", "按进度推进。已清理直排口23个。", "市海洋综合执法支队"),
    ("4", "阳江市生态环境监测能力提升项目", "新建水质自动站6个", "4200", "1650", "基本按进度推进。4个站已完成选址。",
     "市生态环境局"),
]  # fmt: skip
PROJECTS_NAMES = [row[1] for row in PROJECTS]
DONE_TOTAL = "20460"  # 12100 + 2300 + 4410 + 1650
# 序号, 项目名称, 所在区县, 计划投资（万元）, 完成投资（万元）, 投资完成率, 建设状态 — rates typed as text
FUNDED = [
    ("1", "江城区雨污分流改造", "江城区", 5400, 2106, "39.0%", "在建"),
    ("2", "阳东区农村生活污水治理", "阳东区", 3200, 2560, "80.0%", "在建"),
    ("3", "阳西县饮用水水源地保护工程", "阳西县", 980, 0, "0.0%", "未开工"),
    ("4", "阳春市垃圾填埋场封场", "阳春市", 1500, 1500, "100.0%", "已完工"),
    ("5", "阳东区入海排污口整治", "阳东区", 1680, 610, "36.3%", "在建"),
    ("6", "阳春市农村黑臭水体治理", "阳春市", 2100, 0, "0.0%", "未开工"),
]


# 序号, 县（市、区）, 重点任务, 目标要求, 推进情况 — sub-items with their own status; a fund task of two levels
TASKS_TITLE = "阳江市2025年深入打好污染防治攻坚战重点任务推进情况表（1-6月）"
TASKS = [
    ("1", "阳西县", "加强生态环境专项资金管理，加快资金支出进度。",
     "（1）2025年6月底前，2024年度市级环保专项资金执行率不低于60%。\n（2）2025年6月底前，2024年度中央资金执行率不低于60%。",
     "（1）按进度完成。2024年度市级环保专项资金执行率为66.0%。\n（2）进度滞后。中央资金执行率52.3%。"),
    ("2", "阳春市", "完成12个行政村生活污水治理。", "2025年12月底前完成。", "按进度完成。已完成7个。"),
    ("3", "阳春市", "完成8家陶瓷企业脱硝改造。", "2025年9月底前完成。", "未按进度完成。已完成2家。"),
]  # fmt: skip


# 区县, PM2.5 目标, PM2.5 实际, 得分, 考核等次, 备注 — a remark that names a pollutant of one row only
ASSESSED = [("江城区", 22, 21, 91.5, "优秀", ""), ("阳东区", 23, 25, 72.0, "合格", ""),
            ("阳春市", 24, 26, 68.5, "不合格", "PM2.5、优良天数比例均未完成目标"), ("阳西县", 20, 19, 88.0, "良好", "")]  # fmt: skip
# 水源地, 所在区县, 水质目标, 实际类别, 达标情况 — 「Ⅲ类」 in both class columns
SOURCES = [("东湖水库", "江城区", "Ⅱ类", "Ⅱ类", "达标"), ("北河水库", "阳东区", "Ⅲ类", "Ⅱ类", "达标"),
           ("西坑水库", "阳春市", "Ⅲ类", "Ⅲ类", "达标"), ("南山水库", "阳西县", "Ⅱ类", "Ⅲ类", "不达标")]  # fmt: skip


# 污染物, 站点, 1月, 2月, 3月 — the unit only in a line under the title
MONTHLY = [("PM2.5", "江城子站", 31, 27, 22), ("PM2.5", "阳东子站", 29, 33, 20)]


# 区县, 2025年度得分, 2024年度得分, 得分变化 — the change is the document's own column
COMPARED = [
    ("江城区", 91.5, 90.0, 1.5),
    ("阳东区", 72.0, 75.0, -3.0),
    ("阳春市", 68.5, 70.1, -1.6),
    ("阳西县", 88.0, 86.0, 2.0),
]


# 站点, 臭氧年均浓度 (of the sheet's year, 2025), 2024年臭氧年均浓度
YEARLY = [("江城子站", 146, 139), ("阳东子站", 141, 150)]


# 区县, 1月, 2月, 3月, 1-3月 — the quarter's column sums the months
GOOD_DAYS = [("江城区", 28, 25, 30, 83), ("阳东区", 27, 26, 29, 82)]


def _assessed_xlsx(path):
    upper = ["区县", "PM2.5年均浓度（微克/立方米）", None, "得分", "考核等次", "备注"]
    lower = [None, "目标", "实际", None, None, None]
    sources = ["水源地", "所在区县", "水质目标", "实际类别", "达标情况"]
    workbook(
        path,
        {"考核结果": [["阳江市2025年度各区县污染防治攻坚战成效考核结果"], upper, lower, *ASSESSED],
         "月均浓度": [["阳江市2025年一季度空气质量月均浓度"], ["单位：微克/立方米"], ["污染物", "站点", "1月", "2月", "3月"],
                      *MONTHLY],
         "得分对比": [["阳江市各区县考核得分与上年对比"], ["区县", "2025年度得分", "2024年度得分", "得分变化"], *COMPARED],
         "年均浓度": [["阳江市2025年各站点臭氧年均浓度"], ["站点", "臭氧年均浓度", "2024年臭氧年均浓度"], *YEARLY],
         "优良天数": [["阳江市2025年一季度各区县优良天数"], ["区县", "1月", "2月", "3月", "1-3月"], *GOOD_DAYS],
         "水源地": [["阳江市2025年集中式饮用水水源地水质状况"], sources, *SOURCES]},
        merged={"考核结果": ("A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3")},
    )  # fmt: skip


def _tasks_docx(path):
    word = docx.Document()
    word.add_paragraph(TASKS_TITLE)
    add_docx_table(word, ["序号", "县（市、区）", "重点任务", "目标要求", "推进情况"], TASKS)
    word.save(path)


def _progress_docx(path):
    word = docx.Document()
    word.add_paragraph(PROGRESS_TITLE)
    word.add_paragraph(SIGNATURE)
    header = ["序号", "项目名称", "建设内容", "总投资（万元）", "1-6月完成投资（万元）", "进展情况", "牵头单位"]
    add_docx_table(word, header, PROJECTS)
    word.save(path)


def _funded_xlsx(path):
    header = ["序号", "项目名称", "所在区县", "计划投资（万元）", "完成投资（万元）", "投资完成率", "建设状态"]
    workbook(path, {"2025年项目": [["阳江市2025年生态环境保护项目资金执行情况表"], header, *FUNDED]})


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("yangjiang")
    progress = folder / f"{PROGRESS_TITLE}.docx"
    funded = folder / "阳江市2025年生态环境保护项目资金执行情况表.xlsx"
    tasks = folder / f"{TASKS_TITLE}.docx"
    _progress_docx(progress)
    _funded_xlsx(funded)
    assessed = folder / "阳江市2025年度各区县污染防治攻坚战成效考核结果.xlsx"
    _tasks_docx(tasks)
    _assessed_xlsx(assessed)
    return [load_document(p) for p in (progress, funded, tasks, assessed)]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def test_a_signature_line_is_no_caption_and_the_projects_are_tasks_with_figures(documents):
    assert SIGNATURE.replace("　", "") not in documents[0].tables[0].caption.replace("　", "").replace(" ", "")
    tables = build_tables(documents)
    assert set(PROJECTS_NAMES) <= set(tables.frames["tasks"]["category"]) | set(tables.frames["tasks"]["task"])
    assert any("1-6月完成投资" in m.label for name in tables.generic for m in tables.schemas()[name].measures.values())


def test_a_column_of_figures_beside_the_tasks_is_summed_and_ranked(ask):
    total = ask("上半年重点工程一共完成投资多少？")
    assert DONE_TOTAL in total.text
    largest = ask("重点工程里总投资最大的是哪个项目？")
    assert largest.text.split("\n")[0].count("阳江市区第二污水处理厂扩建工程") and "38600" in largest.text


def test_the_tasks_of_the_progress_table_still_answer_status_questions(ask):
    answer = ask("重点工程项目里哪些进度滞后？")
    assert "漠阳江断面水质达标工程" in answer.text
    assert "海陵湾近岸海域综合治理" not in answer.text


def test_a_status_word_in_an_items_name_is_no_filter(ask):
    answer = ask("漠阳江断面水质达标这项工程由谁牵头？")  # the project lags: 「达标」 only names it
    assert "阳春市人民政府" in answer.text


def test_a_sheets_status_column_is_filtered_by_its_own_words(ask):
    not_started = ask("阳江2025年生态环境保护项目里哪些还没开工？")
    for name in ("阳西县饮用水水源地保护工程", "阳春市农村黑臭水体治理"):
        assert name in not_started.text
    assert "江城区雨污分流改造" not in not_started.text
    building = ask("在建项目中投资完成率不到50%的有哪些？")
    for name in ("江城区雨污分流改造", "阳东区入海排污口整治"):
        assert name in building.text
    assert "阳西县饮用水水源地保护工程" not in building.text  # 0.0%, but not under construction


def test_a_rate_is_printed_as_typed(ask):
    answer = ask("江城区雨污分流改造的投资完成率是多少？")
    assert "39.0%" in answer.text


def test_a_status_word_after_a_negation_asks_the_opposite(ask):
    answer = ask("阳春市有哪些任务没按进度完成？")
    assert "陶瓷企业脱硝改造" in answer.text and "行政村生活污水治理" not in answer.text


def test_a_fund_has_the_status_of_the_sub_item_that_states_it(documents):
    funds = build_tables(documents).frames["funds"]
    by_level = {row.level: row.status_raw for row in funds.itertuples() if row.region == "阳西县"}
    assert "滞后" in by_level["中央"] and "滞后" not in by_level["市级"]


def test_a_funds_answer_says_its_status(ask):
    answer = ask("阳西县中央资金执行率是多少，是什么状态？")
    assert "52.3%" in answer.text and "进度滞后" in answer.text


def test_a_sheets_scores_are_scores_an_assessment_gave(ask):
    answer = ask("2025年度考核阳西县得了多少分？")  # no task states a score: the sheet does
    assert "88" in answer.text


def test_a_remark_naming_a_pollutant_picks_no_rows(ask):
    answer = ask("PM2.5没完成考核目标的有哪些区县？")
    assert "阳东区" in answer.text and "阳春市" in answer.text
    assert "江城区" not in answer.text and "阳西县" not in answer.text


def test_a_value_in_two_columns_is_read_in_the_column_the_question_names(ask):
    actual = ask("实际水质是Ⅲ类的水源地有哪几个？")
    assert "西坑水库" in actual.text and "南山水库" in actual.text and "北河水库" not in actual.text
    target = ask("水质目标是Ⅲ类的水源地有哪几个？")
    assert "西坑水库" in target.text and "北河水库" in target.text and "南山水库" not in target.text


def test_a_figure_said_after_a_measure_picks_the_rows_that_have_it(ask):
    answer = ask("考核得分为88分的区县是哪个？")
    assert "阳西县" in answer.text and "江城区" not in answer.text and "阳春市" not in answer.text


def test_the_unit_stated_under_a_sheets_title_is_its_figures_unit(ask):
    answer = ask("阳东子站PM2.5哪个月最高？")
    assert "2月" in answer.text and "33微克/立方米" in answer.text


def test_a_word_no_row_says_is_not_dropped_because_the_place_is_named(ask):
    answer = ask("阳西县2025年受理了多少件环境信访投诉？")  # no sheet counts complaints
    assert isinstance(answer, Missing) or answer is None
    read = ask("阳西县PM2.5到底达标没有？")  # 「到底」 is no word of a row
    assert not isinstance(read, Missing) and read is not None and "阳西县" in read.text


def test_a_fall_is_read_in_the_documents_own_change_column(ask):
    answer = ask("跟2024年度比，哪几个区县的考核得分下降了？")
    assert "阳东区" in answer.text and "阳春市" in answer.text
    assert "江城区" not in answer.text and "阳西县" not in answer.text


def test_a_column_without_a_year_is_of_the_sheets_year_beside_one_with_a_year(ask):
    answer = ask("臭氧年均浓度比2024年上升的站点有哪些？")
    assert "江城子站" in answer.text and "阳东子站" not in answer.text


def test_a_year_asked_of_a_sheet_of_another_year_reads_its_column_for_that_year(ask):
    history = [{"role": "user", "content": "江城子站臭氧年均浓度是多少？"}, {"role": "assistant", "content": "146。"}]
    answer = ask("2024年呢？", history)
    assert "139" in answer.text.split("\n")[0]


def test_whether_a_status_holds_is_no_negation(ask):
    answer = ask("漠阳江断面水质达标工程有没有按进度推进？")  # it lags: 「有没有」 asks, it does not negate
    assert not answer.text.startswith("是")


def test_a_quarters_column_is_no_month(ask):
    answer = ask("江城区哪个月优良天数最多？")
    assert "3月" in answer.text.split("\n")[0] and "1-3月" not in answer.text.split("\n")[0]


def test_two_places_amounts_are_compared_by_their_totals(ask):
    answer = ask("江城区和阳东区完成投资哪个低？")  # 江城区 2106; 阳东区 2560 + 610 = 3170
    head = answer.text.split("\n")[0]
    assert "江城区" in head and "2106" in head and "阳东区入海排污口整治" not in head


def test_no_row_of_the_value_named_is_the_answer_not_another_tables_rows(ask):
    answer = ask("阳春市在建项目有几个？")  # its projects are 已完工 and 未开工
    assert "没有" in answer.text and "任务" not in answer.text.split("\n")[0]
