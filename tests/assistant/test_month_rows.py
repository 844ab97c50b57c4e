"""Sheets whose rows are months, yes/no columns and bounds asked as questions (开封市 in 2029, all figures made
up here; expected answers are computed by hand from the rows below):

- complaints received per month, 1月…9月 with a 合计 row under them (a month is a row, not a period the
  tables lack; 「7-9月」 is three rows);
- funds by 区县 with a 「是否达到序时进度要求」 column of 是 / 否 and the rates beside it;
- assessment stations with PM2.5 and PM10 only and last year's readings, beside a task whose requirement names
  二氧化硫;
- plan indicators with their 属性 (约束性 / 预期性).
"""

from __future__ import annotations

import docx
import pytest

from assistant.planner import Missing
from corpus import load_document
from tests.support.documents import add_docx_table, workbook

MONTH_HEADER = ["月份", "大气（件）", "噪声（件）", "受理合计（件）", "按期办结率（%）"]
MONTHS = [("1月", "40", "22", "70", "96.1"), ("2月", "35", "18", "61", "97.4"), ("3月", "52", "30", "90", "95.2"),
          ("4月", "61", "41", "115", "96.0"), ("5月", "66", "57", "140", "94.8"), ("6月", "70", "63", "151", "95.9"),
          ("7月", "75", "81", "178", "93.6"), ("8月", "72", "88", "176", "96.3"), ("9月", "58", "69", "140", "97.0"),
          ("合计", "529", "469", "1121", "95.6")]  # fmt: skip
FUND_HEADER = ["序号", "县（市、区）", "省级以上资金执行率（%）", "市级资金执行率（%）", "是否达到序时进度要求"]
FUNDS = [("1", "龙亭区", "72.40", "81.25", "是"), ("2", "鼓楼区", "55.10", "76.30", "否"),
         ("3", "禹王台区", "63.80", "70.05", "否"), ("4", "兰考县", "48.90", "90.00", "否")]  # fmt: skip
STATION_HEADER = ["县（市、区）", "站点名称", "污染物", "考核目标（微克/立方米）", "1-9月浓度（微克/立方米）",
                  "2028年同期浓度（微克/立方米）", "评价"]  # fmt: skip
STATIONS = [("龙亭区", "龙亭子站", "PM2.5", "45", "43", "46", "达标"), ("龙亭区", "龙亭子站", "PM10", "75", "79", "77", "未达标"),
            ("兰考县", "兰考子站", "PM2.5", "48", "50", "47", "未达标"), ("兰考县", "兰考子站", "PM10", "80", "72", "75", "达标")]  # fmt: skip
INDICATOR_HEADER = ["序号", "指标", "单位", "2025年", "2030年目标", "属性"]
INDICATORS = [("1", "城市黑臭水体消除比例", "%", "90", "100", "约束性"), ("2", "森林覆盖率", "%", "24.1", "25.5", "预期性"),
              ("3", "细颗粒物（PM2.5）平均浓度", "微克/立方米", "47", "42", "约束性")]  # fmt: skip
TASK_HEADER = ["序号", "县（市、区）", "重点任务", "工作要求", "进展情况"]
TASKS = [("1", "兰考县", "燃煤锅炉超低排放改造", "9月底前完成3台锅炉改造，二氧化硫排放浓度不高于35毫克/立方米",
          "按进度推进，已完成2台"),
         ("2", "鼓楼区", "农村生活污水治理", "年底前新增治理自然村40个", "滞后，已完成18个"),
         ("3", "龙亭区", "城镇污水管网建设", "年底前新建污水管网12公里", "已完成，已建成13.5公里")]  # fmt: skip


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("kaifeng")
    sheets = folder / "开封市2029年1-9月信访投诉及专项资金执行情况.xlsx"
    workbook(sheets, {"信访投诉": [["2029年1-9月开封市生态环境信访投诉受理情况统计"], MONTH_HEADER, *MONTHS],
                      "专项资金": [["2029年1-9月开封市各县（市、区）生态环境专项资金执行情况"], FUND_HEADER, *FUNDS],
                      "考核站点": [["2029年1-9月开封市空气质量考核站点评价"], STATION_HEADER, *STATIONS],
                      "规划指标": [["开封市“十五五”生态环境保护规划主要指标"], INDICATOR_HEADER, *INDICATORS]})  # fmt: skip
    tasks = folder / "开封市2029年重点任务推进情况表（1-9月）.docx"
    word = docx.Document()
    word.add_paragraph("开封市2029年污染防治攻坚战重点任务推进情况表（1-9月）")
    add_docx_table(word, TASK_HEADER, TASKS)
    word.save(tasks)
    return table_asker([load_document(p) for p in (sheets, tasks)])


def test_a_month_is_a_row_of_a_sheet_of_months_with_a_total_row(ask):
    answer = ask("7月份噪声类投诉受理了多少件？")
    assert not isinstance(answer, Missing)
    assert "81" in answer.text and "88" not in answer.text


def test_a_span_of_months_sums_their_rows(ask):
    answer = ask("三季度（7-9月）噪声投诉加起来一共多少件？")
    assert not isinstance(answer, Missing)
    assert "238" in answer.text  # 81 + 88 + 69


def test_a_month_asked_again_replaces_the_month_before(ask):
    history = [{"role": "user", "content": "7月份噪声类投诉受理了多少件？"},
               {"role": "assistant", "content": "7月噪声类投诉81件。"}]  # fmt: skip
    text = ask("8月呢？", history).text
    assert "88" in text and "81件" not in text


def test_the_whole_year_asked_of_months_ranks_every_month(ask):
    answer = ask("全年按期办结率最低的是哪个月？")
    assert not isinstance(answer, Missing)
    assert answer.text.split("\n")[0].count("7月") == 1 and "93.6" in answer.text


def test_counted_by_a_yes_no_column_in_words(ask):
    text = ask("没达到序时进度要求的县（市、区）有几个？").text
    first = text.split("\n")[0]
    assert "3个县（市、区）" in first and "未达到序时进度要求" in first
    assert "鼓楼区" in first and "禹王台区" in first and "兰考县" in first and "龙亭区" not in first


def test_has_it_passed_is_a_question_not_a_negation(ask):
    text = ask("龙亭区省级以上资金执行率有没有超过60%？").text
    assert text.startswith("有") and "72.40" in text


def test_a_bound_not_reached_is_answered_no_with_the_figure(ask):
    text = ask("禹王台区市级资金执行率够不够75%？").text
    assert text.startswith("否") and "70.05" in text
    text = ask("鼓楼区省级以上资金执行率有没有超过60%？").text
    assert text.startswith("否") and "55.10" in text


def test_a_pollutant_no_station_reads_is_not_a_task_that_names_it(ask):
    answer = ask("各考核站点的二氧化硫浓度达标了吗？")
    assert isinstance(answer, Missing)
    assert "SO2" in answer.what and "燃煤锅炉" not in answer.what


def test_a_lead_asked_of_rows_without_one_is_left_to_the_text(ask):
    answer = ask("开封市农村生活污水治理是哪些部门牵头？")
    assert not isinstance(answer, Missing) and answer.mismatch == "牵头单位"


def test_higher_than_last_year_lists_the_rows_whose_reading_went_up(ask):
    text = ask("哪些考核站点的PM10浓度比去年同期还高？").text
    assert "龙亭子站" in text and "兰考子站" not in text  # 79 > 77; 72 < 75


def test_which_of_two_attributes_is_the_named_indicators_own(ask):
    text = ask("森林覆盖率2030年目标是怎么定的？属于约束性还是预期性？").text
    assert "25.5" in text and "预期性" in text
    assert "城市黑臭水体消除比例" not in text and "约束性" not in text


def test_finished_ahead_is_finished(ask):
    text = ask("哪些县（市、区）有任务超额完成？").text
    assert "龙亭区" in text and "鼓楼区" not in text and "兰考县" not in text


def test_that_part_of_the_funds_asked_again_is_no_word_to_match(ask):
    history = [{"role": "user", "content": "鼓楼区省级以上资金执行率是多少？"},
               {"role": "assistant", "content": "鼓楼区省级以上资金执行率55.10%。"}]  # fmt: skip
    answer = ask("市级资金那块呢？", history)
    assert not isinstance(answer, Missing) and "76.30" in answer.text


def test_rows_whose_one_column_is_above_another(ask):
    first = ask("噪声投诉比大气投诉多的月份有哪些？").text.split("\n")[0]
    assert all(m in first for m in ("7月", "8月", "9月")) and "6月" not in first and "1月" not in first


def test_some_months_of_the_whole_city_are_their_rows_not_the_total_row(ask):
    answer = ask("7到9月全市噪声投诉一共多少件？")
    assert not isinstance(answer, Missing)
    assert "238" in answer.text and "469" not in answer.text  # 81 + 88 + 69, not the 合计 row


def test_a_mean_of_some_months_is_no_sum(ask):
    text = ask("7-9月噪声投诉平均每月多少件？").text
    assert "79.3" in text and "238" not in text  # (81 + 88 + 69) / 3


def test_a_span_of_months_of_a_sheet_of_one_period_is_not_its_figure(ask):
    assert isinstance(ask("7-9月龙亭子站PM10浓度是多少？"), Missing)  # the sheet states 1-9月 only


def test_a_span_of_months_asked_again_replaces_the_month_row(ask):
    history = [{"role": "user", "content": "7月份噪声类投诉受理了多少件？"},
               {"role": "assistant", "content": "7月噪声类投诉81件。"}]  # fmt: skip
    assert "238" in ask("7-9月呢？", history).text


def test_a_unit_asked_is_no_lead_asked(ask):
    answer = ask("哪个县（市、区）的省级以上资金执行率最低？")
    assert not isinstance(answer, Missing) and answer.mismatch == "" and "兰考县" in answer.text.split("\n")[0]


def test_other_places_are_no_pronoun_for_the_place_before(ask):
    history = [{"role": "user", "content": "哪个县（市、区）的市级资金执行率最高？"},
               {"role": "assistant", "content": "兰考县，市级资金执行率90.00%。"}]  # fmt: skip
    answer = ask("其它县（市、区）的市级资金执行率是多少？", history)
    assert not isinstance(answer, Missing)  # 「其它」 is no 「它」: the answer is not narrowed to 兰考县's empty rest


def test_a_place_named_by_it_keeps_no_ranking_from_before(ask):
    history = [{"role": "user", "content": "哪个县（市、区）的市级资金执行率最低？"},
               {"role": "assistant", "content": "禹王台区，市级资金执行率70.05%。"}]  # fmt: skip
    text = ask("它的省级以上资金执行率是多少？", history).text
    assert "63.80" in text and "最低" not in text and "48.90" not in text


def test_yes_no_questions_answered_no_with_the_rows_own_figures(ask):
    assert ask("鼓楼区省级以上资金执行率达没达到60%？").text.startswith("否")  # 55.10
    assert ask("鼓楼区是否达到序时进度要求？").text.startswith("否")
    text = ask("兰考子站PM10浓度比去年同期高吗？").text
    assert text.startswith("否") and "72" in text  # 72 against 75


def test_a_bound_on_no_named_column_is_not_answered_no(ask):
    assert not ask("鼓楼区有没有超过60%？").text.startswith("否")  # 省级 55.10, 市级 76.30: which is not said


def test_a_yes_no_column_said_to_be_no(ask):
    first = ask("是否达到序时进度要求为否的有哪些？").text.split("\n")[0]
    assert "鼓楼区" in first and "龙亭区" not in first


def test_above_the_target_is_compared_once(ask):
    first = ask("哪些站点PM10浓度比考核目标还高？").text.split("\n")[0]
    assert "龙亭子站" in first and "兰考子站" not in first  # 79 > 75; 72 < 80
    assert "多于" not in first


def test_the_difference_of_two_rows_is_a_fact_of_the_result(ask):
    answer = ask("8月噪声投诉比7月多多少件？")
    assert "8月高7件" in answer.text  # 88 − 81
    assert any(f.value == 7 and f.note == "由两行相减得出" for f in answer.result.facts)
