"""The line of a measure that names who leads it, however a plan writes it (made-up text)."""

from __future__ import annotations

import pytest

from assistant.extractive import lead_line

POINT = "1．涉VOCs企业深度治理。对全市136家企业开展“一企一策”深度治理，9月30日前完成。{lead}\n2．加油站油气回收治理。"


@pytest.mark.parametrize(
    ("lead", "named"),
    [
        ("牵头单位：市生态环境局；责任单位：各县（市、区）政府。", "市生态环境局"),
        ("（市城市管理综合执法局牵头，市水利局参加，蓬江区政府落实）", "市城市管理综合执法局"),
        ("［市生态环境局牵头，市工业和信息化局配合，各县（市、区）政府落实］", "市生态环境局"),
        ("【市商务局牵头】", "市商务局"),
    ],
)
def test_the_lead_after_a_sentence_of_its_point(lead, named):
    text = POINT.format(lead=lead)
    assert named in lead_line(text, "对全市136家企业开展“一企一策”深度治理，9月30日前完成。")


def test_no_lead_of_the_next_point():
    text = POINT.format(lead="") + "［市商务局牵头］"
    assert lead_line(text, "对全市136家企业开展“一企一策”深度治理，9月30日前完成。") == ""
