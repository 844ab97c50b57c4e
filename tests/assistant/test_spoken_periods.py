"""Running text says a span of months in words: 「下半年」 is what a question about 7-12月 finds."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.extractive import SentenceSelector
from retrieval.tokenizing import ChineseTokenizer


def test_second_half_of_the_year_is_said_as_xia_ban_nian(understander):
    question = understander.run("下半年的噪声专项整治行动叫什么名字？")
    chunk = SimpleNamespace(title="关于上半年信访投诉办理情况的通报", section="二、下一步工作")
    assert SentenceSelector._years_fit(question, "下半年，将组织开展噪声污染专项整治“夜静”行动。", chunk)
    assert not SentenceSelector._years_fit(question, "一季度，开展了噪声污染专项检查。", chunk)


def test_a_date_within_the_months_asked_is_of_them(understander):
    question = understander.run("下半年资金执行率有什么硬性要求？")
    chunk = SimpleNamespace(title="关于1-6月重点任务进展情况的通报", section="三、下一步工作要求")
    assert SentenceSelector._years_fit(question, "确保9月底前资金执行率达到70%以上，12月10日前达到90%以上。", chunk)
    assert not SentenceSelector._years_fit(question, "确保5月底前资金执行率达到40%以上。", chunk)
    done = understander.run("7-12月各市重点任务完成情况如何？")  # their data, not what is due in them
    assert not SentenceSelector._years_fit(done, "目标要求：12月底前完成。完成情况：按进度推进。", chunk)


def test_the_months_asked_are_no_subject_words(understander):
    selector = SentenceSelector(100, ChineseTokenizer(), lambda term: 1)
    terms = selector.query_terms(understander.run("下半年资金执行率有什么硬性要求？"))
    assert "资金" in terms and "执行率" in terms
    assert not {"下半年", "半年", "硬性"} & set(terms)


def test_only_the_months_words_leave_the_terms(understander):
    selector = SentenceSelector(100, ChineseTokenizer(), lambda term: 1)
    history = [{"role": "user", "content": "资金执行率是多少？"}, {"role": "assistant", "content": "58.96%。"}]
    terms = selector.query_terms(understander.run("那下半年有什么要求？", history))  # the question before's words stay
    assert "资金" in terms and "执行率" in terms and "下半年" not in terms
    monthly = selector.query_terms(understander.run("咸安区每个月的空气质量怎么样？"))  # no months asked
    assert "空气质量" in monthly or "空气" in monthly


def test_a_reading_in_the_months_is_no_date_due_in_them(understander):
    question = understander.run("下半年资金执行率有什么硬性要求？")
    chunk = SimpleNamespace(title="关于1-6月重点任务进展情况的通报", section="二、工作进展")
    assert not SentenceSelector._years_fit(question, "9月底，全市资金执行率为35%。", chunk)
    assert SentenceSelector._years_fit(question, "12月上旬前资金执行率达到90%以上。", chunk)


def test_a_span_of_months_written_with_a_long_dash_is_the_span_asked(understander):
    """「6到8月」 asked, 「6—8月」 (or 「6–8月」) written: the same months."""
    question = understander.run("今年6到8月全市臭氧超标了多少天？")
    chunk = SimpleNamespace(title="关于夏季臭氧污染防控工作情况的通报", section="二、夏季臭氧污染防控情况")
    assert SentenceSelector._years_fit(question, "6—8月全市臭氧超标天数累计19天。", chunk)
    assert SentenceSelector._years_fit(question, "6–8月全市臭氧超标天数累计19天。", chunk)
    for written in ("6月—8月", "6月-8月", "6至8月", "6月至8月"):
        assert SentenceSelector._years_fit(question, f"{written}全市臭氧超标天数累计19天。", chunk)
    assert not SentenceSelector._years_fit(question, "4—5月全市臭氧超标天数累计7天。", chunk)
