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
    ],
)
def test_header_words_give_a_columns_role(header, role):
    assert role_of(header)[0] == role
