"""Questions the round's new rules must not break (吕梁市, 2089; made-up sheets, the expected answers read off them):
a stacked sheet's 合计 row is no company; 「二季度」 reads a sheet named 「第2季度」; 「交城县」 is no 「交了」 of a
「是否已缴纳」 column; a 「执法检查次数」 column is summed, not its rows counted."""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from tests.support.answers import answer_text, first_line
from tests.support.documents import markdown_documents, workbook

EMISSIONS = {  # sheet → rows: 企业名称, 二氧化硫排放量（吨）
    "第1季度": [["鑫源焦化", "120"], ["永泰化工", "30"], ["合计", "150"]],
    "第2季度": [["鑫源焦化", "45"], ["永泰化工", "65"], ["合计", "110"]],
}
PAYMENTS = """# 吕梁市2089年环境违法案件罚款缴纳登记表

| 序号 | 所在县区 | 当事人 | 罚款金额（万元） | 是否已缴纳 |
|---|---|---|---|---|
| 1 | 交城县 | 交城永泰化工厂 | 12.0 | 是 |
| 2 | 交城县 | 交城华兴铸造厂 | 8.5 | 否 |
| 3 | 离石区 | 离石兴旺建材有限公司 | 20.0 | 是 |
"""
COMPLAINTS = """# 吕梁市2089年信访投诉办理台账

| 受理日期 | 区县 | 投诉内容 | 回访次数 | 办理状态 |
|---|---|---|---|---|
| 2089-03-02 | 离石区 | 夜间施工噪声 | 3 | 已办结 |
| 2089-03-15 | 离石区 | 餐饮油烟 | 1 | 办理中 |
| 2089-04-08 | 文水县 | 洗煤厂粉尘 | 2 | 已办结 |
"""
STATIONS = """# 吕梁市2089年1-6月空气质量监测站点统计表

| 站点名称 | 所属区县 | PM2.5浓度（微克/立方米） | 优良天数比例（%） |
|---|---|---|---|
| 离石子站 | 离石区 | 38 | 80.1 |
| 文水子站 | 文水县 | 41 | 77.5 |
"""
INSPECTIONS = """# 吕梁市2089年上半年各县区执法检查情况统计表

| 县区 | 执法检查次数 | 立案数 |
|---|---|---|
| 离石区 | 85 | 12 |
| 交城县 | 64 | 9 |
| 文水县 | 71 | 7 |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    from corpus import load_document

    folder = tmp_path_factory.mktemp("lvliang-guards")
    sheets = {sheet: [[f"吕梁市2089年{sheet}重点企业二氧化硫排放统计"], ["企业名称", "二氧化硫排放量（吨）"],
                      *([name, float(amount)] for name, amount in rows)]
              for sheet, rows in EMISSIONS.items()}  # fmt: skip
    workbook(folder / "吕梁市2089年重点企业二氧化硫排放统计.xlsx", sheets)
    texts = {
        "吕梁市2089年环境违法案件罚款缴纳登记表": PAYMENTS,
        "吕梁市2089年上半年各县区执法检查情况统计表": INSPECTIONS,
    }
    documents = [
        load_document(folder / "吕梁市2089年重点企业二氧化硫排放统计.xlsx"),
        *markdown_documents(folder, texts),
    ]
    return table_asker(documents)


def test_a_stacked_sheets_total_row_is_no_company(ask):
    """Highest in 第2季度: 永泰化工, 65 (its 合计 110 is no company); 「二季度」 is the sheet 「第2季度」."""
    line = first_line(ask("二季度哪家企业二氧化硫排放量最高？"))
    assert "永泰化工" in line and "65" in line and "合计" not in line and "120" not in line


def test_a_place_opening_with_a_verb_of_paying(ask):
    """交城县's cases: 永泰化工 and 华兴铸造 (paid or not: 「交城县」 says no 交了)."""
    text = answer_text(ask("交城县有哪些违法案件？"))
    assert "永泰化工" in text and "华兴铸造" in text and "兴旺建材" not in text


def test_a_count_of_times_in_a_column_is_summed(ask):
    """离石区 执法检查次数: 85 (not 1, its one row)."""
    assert "85" in first_line(ask("离石区执法检查了多少次？"))


def test_times_a_row_is_counted_not_another_count_column(tmp_path, table_asker):
    """A complaints register alone: 离石区被投诉了几次 — its 2 rows (回访次数 counts call-backs, not complaints)."""
    ask = table_asker(markdown_documents(tmp_path, {"吕梁市2089年信访投诉办理台账": COMPLAINTS}))
    assert "2次" in first_line(ask("离石区被投诉了几次？"))


def test_times_are_no_count_of_a_sheet_of_stations(ask):
    """「离石子站今年发生过几次沙尘天气」: a station's row is no event — no 「共1次」 of it."""
    answer = ask("离石子站今年发生过几次沙尘天气？")
    assert answer is None or isinstance(answer, Missing) or "共1次" not in answer.text
