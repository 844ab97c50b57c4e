"""Column roles from header words, as new documents write them."""

from __future__ import annotations

import pytest

from corpus.tables import role_of


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("目标完成率", "rate"),  # a rate, not a target
        ("完成率", "rate"),
        ("进度评价", "status"),
        ("2020年基准值", "baseline"),  # a plan's baseline, apart from a 现状值
        ("2020年现状值", "current"),
        ("2025年目标值", "target"),
        ("上半年推进情况", "progress"),
        ("考核内容及要求", "content"),  # its longest word, not 「内容」 of a task
        ("具体内容及目标要求", "requirement"),
        ("重点任务及目标要求", "task"),  # a task's name with its requirement
        ("整改目标及时限", "deadline"),  # a first part that is no task does not name the column
        ("进展状态", "status"),  # as long as 「进展」: the word it ends with
        ("具体进展", "progress"),
        ("县（区）", "region"),
        ("所在县（区）", "region"),
        ("得分", "score"),
        ("2025年评估值", "current"),
        ("落实情况", "progress"),  # a 工作要点 table's progress column
        ("具体措施", "requirement"),  # what a row of a 重点任务 named by its kind is to do
        ("辖市区", "region"),  # 镇江's 辖市 (丹阳市) and 区
        ("县（市）", "region"),
    ],
)
def test_header_words_give_a_columns_role(header, role):
    assert role_of(header)[0] == role


def test_a_row_of_units_under_the_header_is_part_of_it():
    from corpus.tables import header_rows

    rows = [
        ["县（区）", "PM2.5年均浓度", "优良天数比例", "排名"],
        ["县（区）", "μg/m³", "%", "排名"],
        ["甲区", "19", "97.8", "2"],
    ]
    headers, start = header_rows(rows)
    assert headers == ["县（区）", "PM2.5年均浓度（μg/m³）", "优良天数比例（%）", "排名"] and start == 2


def test_a_sub_column_takes_its_year_from_the_parent_header():
    from corpus.tables import _assign_roles

    columns = _assign_roles(["指标", "2024年现状", "2025年·目标值", "2025年·属性"])
    assert [(c.role, c.year) for c in columns[1:3]] == [("current", 2024), ("target", 2025)]
