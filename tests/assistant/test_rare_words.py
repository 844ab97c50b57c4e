"""Words that say a question is about something no table row holds: a rare word the passages must say, a word only
the text writes, a plan's whole period, a half-year's reading asked of a plan's yearly indicators."""

from __future__ import annotations

from assistant.extractive import SentenceSelector
from assistant.planner import Missing
from retrieval.tokenizing import ChineseTokenizer
from retrieval.types import Chunk, Hit

AIR = Chunk.create(doc_id="r", title="上半年工作情况报告", section="一、环境质量",
                   text="上半年全市空气质量优良天数比例为86.2%。上半年各地达标情况总体良好，完成率为92%。")  # fmt: skip
NOISE = Chunk.create(doc_id="r", title="上半年工作情况报告", section="二、声环境",
                     text="上半年城市功能区噪声达标率为95.1%。")  # fmt: skip


def test_a_rare_word_asked_is_said_by_the_sentence_that_answers(understander):
    # 噪声 is in 1 of 1000 passages: a sentence saying only 上半年 and 达标 answers something else
    selector = SentenceSelector(1000, ChineseTokenizer(), lambda term: 1 if term == "噪声" else 50)
    question = understander.run("上半年噪声达标率是多少", [])
    assert selector.run(question, [Hit(AIR, 1.0)]) == []
    found = selector.run(question, [Hit(AIR, 1.0), Hit(NOISE, 0.9)])
    assert [s.sentence for s in found] == ["上半年城市功能区噪声达标率为95.1%。"]


def test_a_word_no_passage_writes_is_not_required(understander):
    # 「臭水沟」 is nobody's word in the passages (document frequency 0): the glossary and characters match it
    selector = SentenceSelector(1000, ChineseTokenizer(), lambda term: 0 if term == "臭水沟" else 50)
    assert selector._rarest(selector.query_terms(understander.run("臭水沟治理完成了多少", []))) == ""


def test_a_plans_whole_period_is_no_years_progress(ask_tables):
    # 003's text: 「十三五」 targets for the whole period; the 2020 task tables state one year's progress
    found = ask_tables("十三五期间全市要完成多少条黑臭水体整治")
    assert found is None or isinstance(found, Missing)


def test_a_half_years_reading_is_no_plans_yearly_indicator(ask_tables):
    found = ask_tables("2020年上半年海门市PM2.5浓度是多少")  # 002 附件1 states the year's target, 33, not a reading
    assert found is None or isinstance(found, Missing)
    assert "33" in ask_tables("海门市2020年PM2.5目标是多少").text  # the target is still the indicator's
