"""Unbacked figures: a figure printed beside a region must come from a row or fact of that region."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.backing import unbacked_lines
from evals.runner import load_dataset, run_cases

PLACES = {"蓬江区": "蓬江区", "蓬江": "蓬江区", "江海区": "江海区", "江门市": "江门市"}
ROW = {
    "doc_id": "d",
    "section": "表 第3行（蓬江区）",
    "quote": "2022年度各级环保专项资金805.33万元，执行率9.25%",
    "title": "T",
}


def _answer(text: str, facts=(), citations=(ROW,)) -> dict:
    return {"route": "structured", "answer": text, "facts": list(facts), "citations": list(citations)}


def test_a_figure_under_another_regions_name_is_unbacked():
    assert unbacked_lines(_answer("- 江海区 执行率：9.25%；资金805.33万元"), PLACES, "") != []
    assert unbacked_lines(_answer("- 蓬江区 执行率：9.25%；资金805.33万元"), PLACES, "") == []


def test_a_pollutants_name_a_documents_number_and_an_average_state_no_figure_of_the_row():
    o3 = {"doc_id": "d", "section": "表 第2行（蓬江区）", "quote": "O3-8h-90per·1-10月浓度：162", "title": "T"}
    assert unbacked_lines(_answer("- 蓬江区 子站：O3-8h-90per·1-10月浓度 162", (), [o3]), PLACES, "") == []
    named = "据《中攻坚办〔2025〕27号通报》，蓬江区：执行率最低（9.25%）。"
    assert unbacked_lines(_answer(named), PLACES, "") == []  # 27 is the document's number
    assert unbacked_lines(_answer("蓬江区：3个子站PM10的算术平均为37.67："), PLACES, "") == []
    assert unbacked_lines(_answer("蓬江区：执行率37.67%"), PLACES, "") != []  # no row states it


def test_a_fact_backs_its_regions_computed_figure():
    fact = {"region": "江海区", "value": 6, "note": "超出目标6", "source": {"doc_id": "d", "locator": "表 第5行"}}
    assert unbacked_lines(_answer("江海区 富民子站：超出目标6微克/立方米", [fact], []), PLACES, "") == []


def test_a_row_is_its_facts_regions_even_when_its_text_names_none():
    fact = {"region": "江海区", "value": 85.49, "source": {"doc_id": "d", "locator": "表 第6行"}}
    row = {"doc_id": "d", "section": "表 第6行", "quote": "执行率达到85.49%，下达100万元", "title": "T"}
    assert unbacked_lines(_answer("- 江海区：85.49%，下达100万元", [fact], [row]), PLACES, "") == []


def test_years_dates_locators_names_and_the_questions_own_figures_are_not_figures():
    line = "- 蓬江区（2023年1-6月，表 第3行（1））PM10、NO2：执行率低于60%的，2023-09-30前，共3项"
    assert unbacked_lines(_answer(line), PLACES, "执行率低于60%的有哪些") == []


def test_a_locator_numbered_in_chinese_is_no_figure():
    # 「序号一-5」: the fifth 区县 under task 一, not the figure −5
    row = {"doc_id": "d", "section": "附件1 序号一-5", "quote": "责任地区：蓬江区；累计完成量：13", "title": "T"}
    line = "- 蓬江区（2024年，附件1 序号一-5）排污口整治（个）：明显滞后。累计完成量13个"
    assert unbacked_lines(_answer(line, citations=[row]), PLACES, "") == []


def test_lines_about_several_regions_and_text_answers_are_not_checked():
    assert unbacked_lines(_answer("共2个区县：蓬江区、江海区，合计99"), PLACES, "") == []
    assert unbacked_lines({**_answer("江海区 99"), "route": "retrieval"}, PLACES, "") == []


@pytest.mark.slow
@pytest.mark.parametrize("dataset", sorted(Path("evals/datasets").glob("*.jsonl")), ids=lambda p: p.stem)
def test_no_eval_set_answer_prints_an_unbacked_figure(assistant, dataset):
    results = run_cases(assistant.ask, load_dataset(dataset), places=assistant.place_names())
    assert [(r.case.id, line) for r in results for line in r.unbacked] == []


def test_a_total_under_a_region_none_of_whose_rows_is_cited_is_unbacked():
    assert unbacked_lines(_answer("江海区专项资金合计805.33万元（3项相加）"), PLACES, "") != []  # only 蓬江区's row


def test_a_citys_sum_of_its_counties_rows_is_backed_by_them():
    # 蓬江区 is 江门市's: a sum said of the city over its 区县's rows cited is theirs; of 海门市 it is not
    assert unbacked_lines(_answer("江门市：专项资金合计805.33万元（1项相加）"), PLACES, "") == []
    places = {**PLACES, "海门市": "海门市"}
    assert unbacked_lines(_answer("海门市：专项资金合计805.33万元（1项相加）"), places, "") != []


def test_figures_of_a_title_quoting_another_title_are_no_figures():
    line = "据《某市监测站 2039年7月15日（监测依据：《地表水环境质量标准》（GB 3838—2002））》，蓬江区：共5个断面：甲、乙。"
    assert unbacked_lines(_answer(line), PLACES, "") == []


def test_a_difference_of_the_lines_own_figures_is_checked_by_them():
    # 「超出…（由两数相减得出）」 is computed from the row's two figures, which are checked in its stead
    row = {"doc_id": "d", "section": "表 第3行（蓬江区）", "quote": "读数 25；目标 24", "title": "T"}
    line = "- 蓬江区 子站：读数 25，目标 24，超出1微克/立方米（由两数相减得出）"
    assert unbacked_lines(_answer(line, citations=[row]), PLACES, "") == []
    assert unbacked_lines(_answer(line.replace("25", "26"), citations=[row]), PLACES, "") != []  # an operand not held


def test_a_licence_number_of_letters_digits_and_hyphens_is_no_figure():
    row = {
        "doc_id": "d",
        "section": "表 第3行（蓬江区）",
        "quote": "许可证编号：GDJM0703OOB012-2；规模：42000吨/年",
        "title": "T",
    }
    assert unbacked_lines(_answer("- 某公司 蓬江区 GDJM0703OOB012-2：规模 42000吨/年", (), [row]), PLACES, "") == []
    assert unbacked_lines(_answer("- 某公司 蓬江区 GDJM0703OOB012-2：规模 42001吨/年", (), [row]), PLACES, "") != []


def test_digits_inside_a_cited_rows_name_are_no_figures():
    # 「年产3万吨锂电池正极材料项目」 is a row's name: its 3 is no figure of 蓬江区; a figure beside it still is
    row = {"doc_id": "d", "section": "表 第1行（SL-61 年产3万吨锂电池正极材料项目 蓬江区）", "quote": "总投资 68000",
           "title": "T"}  # fmt: skip
    assert (
        unbacked_lines(_answer("共1个项目：年产3万吨锂电池正极材料项目（蓬江区）。", citations=[row]), PLACES, "") == []
    )
    assert (
        unbacked_lines(_answer("- 年产3万吨锂电池正极材料项目（蓬江区）：总投资 68001", citations=[row]), PLACES, "")
        != []
    )


def test_a_row_against_the_whole_rows_figure_cited_beside_it():
    # 「蓬江区 子站为41，全市 全市平均为35，高6（由两行相减得出）」: the 全市平均 row cited backs its 35, not another 36
    rows = [{"doc_id": "d", "section": "表 第3行（蓬江区 东湖子站）", "quote": "PM10 41", "title": "T"},
            {"doc_id": "d", "section": "表 第9行（全市 全市平均）", "quote": "PM10 35", "title": "T"}]  # fmt: skip
    line = "蓬江区 东湖子站为41微克/立方米，全市 全市平均为35微克/立方米，蓬江区 东湖子站高6微克/立方米（由两行相减得出）。"
    assert unbacked_lines(_answer(line, citations=rows), PLACES, "") == []
    assert unbacked_lines(_answer(line.replace("35", "36"), citations=rows), PLACES, "") != []
    assert unbacked_lines(_answer(line, citations=rows[:1]), PLACES, "") != []  # (the whole's row not cited)
