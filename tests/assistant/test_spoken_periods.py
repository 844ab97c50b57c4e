"""Running text says a span of months in words: 「下半年」 is what a question about 7-12月 finds."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.extractive import SentenceSelector


def test_second_half_of_the_year_is_said_as_xia_ban_nian(understander):
    question = understander.run("下半年的噪声专项整治行动叫什么名字？")
    chunk = SimpleNamespace(title="关于上半年信访投诉办理情况的通报", section="二、下一步工作")
    assert SentenceSelector._years_fit(question, "下半年，将组织开展噪声污染专项整治“夜静”行动。", chunk)
    assert not SentenceSelector._years_fit(question, "一季度，开展了噪声污染专项检查。", chunk)
