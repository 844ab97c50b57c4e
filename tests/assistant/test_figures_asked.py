"""A question that asks a figure is answered only by a sentence stating one it does not already give; a
question naming a pollutant, only by a sentence (or its heading) about that pollutant. Sentences below are
written like the corpus's (the 四会市 row like a new city's table)."""

from __future__ import annotations

import pytest

from assistant.extractive import _states_figure
from retrieval.types import Chunk


def _chunk(sentence: str, section: str = "一、总体工作目标") -> Chunk:
    return Chunk.create(doc_id="d", title="某市工作计划", section=section, text=sentence, context="")


@pytest.fixture(scope="module")
def read(understander):
    return lambda question: understander.run(question, [])


def test_criteria_that_state_no_figure_answer_no_figure(read):
    criteria = "站点NO2指标浓度高于目标值但不高于2022年年均值的为基本完成任务要求；（2）蓬江区考核站点PM10指标浓度达到或优于考核目标值的为完成任务要求。"
    assert not _states_figure(read("蓬江东湖站2022年NO2年均值是多少？"), criteria, _chunk(criteria))


def test_the_questions_own_figure_is_no_answer(read):
    target = "环境空气质量改善目标PM2.5年均浓度达33微克/立方米"
    assert not _states_figure(read("海门2020年PM2.5实际年均浓度最后是多少，完成33的目标了吗？"), target, _chunk(target))
    assert _states_figure(read("海门2020年PM2.5年均浓度目标是多少？"), target, _chunk(target))


def test_a_figure_of_another_pollutant_is_no_answer(read):
    sentence = "今年1-9月，全市PM2.5平均浓度37微克/立方米，同比下降2.6%，空气质量优良天数比例70.3%。"
    assert not _states_figure(read("今年1-9月全市臭氧浓度是多少？"), sentence, _chunk(sentence))
    assert _states_figure(read("今年1-9月全市PM2.5浓度是多少？"), sentence, _chunk(sentence))


def test_the_pollutant_may_be_named_by_the_heading(read):
    row = "区县：四会市；2023年实际值（微克/立方米）：30；2024年目标值：28"
    heading = "表1 2024年各县（市、区）PM2.5年均浓度控制目标"
    assert _states_figure(read("四会市2024年PM2.5目标值是多少？"), row, _chunk(row, heading))


@pytest.mark.parametrize(
    "sentence",
    ["投入专项资金2050万元用于管网建设。", "建成三个国控空气质量自动监测站。", "单位产值能耗下降百分之十八。"],
)
def test_amounts_and_figures_in_words_are_figures(read, sentence):
    assert _states_figure(read("海门在这方面投入了多少？"), sentence, _chunk(sentence))


def test_questions_asking_no_figure_are_not_checked(read):
    sentence = "持续开展农村黑臭河道治理工作。"
    assert _states_figure(read("海门在农村黑臭河道方面有哪些措施？"), sentence, _chunk(sentence))


def test_a_figure_under_a_footnote_mark_is_in_the_footnotes_unit(corpus_documents, table_asker):
    """十三五规划 表1: 「化学需氧量排放总量减少 (%) 9.96*」 … and 「*为 2015 年排放总量，单位为万吨。」: the 2015 figures
    are tonnes, not the row's %."""
    ask = table_asker(list(corpus_documents.values()))
    text = ask("十三五规划表里2015年主要污染物排放总量哪一项最大？").text
    assert "万吨" in text.splitlines()[0] and "%）" not in text.splitlines()[0]


def test_a_count_asked_with_ji_needs_a_count_in_its_unit_or_a_cases(read):
    """「办了几宗案件」 is answered only by a sentence counting cases (件 and 起 count them as 宗 does); 「哪几个」 asks which,
    no count."""
    from assistant.extractive import SentenceSelector

    no_count = "贯彻落实生态环境损害赔偿制度改革试点方案，完善损害鉴定评估机制。"
    counted = "全年办理生态环境损害赔偿案件6件。"
    question = read("横琴今年办了几宗生态环境损害赔偿案件？")
    assert not SentenceSelector._years_fit(question, no_count, _chunk(no_count))
    assert SentenceSelector._years_fit(question, counted, _chunk(counted))
    assert SentenceSelector._years_fit(question, "全年办理损害赔偿案件三件。", _chunk("全年办理损害赔偿案件三件。"))
    named = "加快恩平市的西门、北郊及沙湖空气监测子站的建设。"
    assert SentenceSelector._years_fit(read("规划要加快建设恩平哪几个空气监测子站？"), named, _chunk(named))


def test_a_quarter_is_one_term_not_its_pieces(read):
    """「第三季度」 once (季度), not 第三 / 三季 / 第三季 …, which would let a sentence on that quarter's other figures
    cover a question on 秸秆焚烧火点."""
    from assistant.extractive import SentenceSelector
    from retrieval.tokenizing import ChineseTokenizer

    selector = SentenceSelector(100, ChineseTokenizer(), lambda term: 1)
    terms = selector.query_terms(read("第三季度卫星遥感监测到全市有多少个秸秆焚烧火点？"))
    assert "季度" in terms and not {"第三", "三季", "第三季", "三季度", "第三季度"} & set(terms)
    assert {"秸秆", "焚烧"} <= set(terms)


def test_two_figures_asked_are_answered_by_a_sentence_giving_either(read):
    """「应急响应了多少天？A级企业有几家？」: a sentence giving the days (no 家) still answers; 「连着几个季度都滞后」 counts
    no 个."""
    from assistant.extractive import SentenceSelector

    days = "上半年累计应急响应17天。"
    assert SentenceSelector._years_fit(read("上半年一共应急响应了多少天？绩效A级企业有几家？"), days, _chunk(days))
    rule = "对连续两个季度进度滞后的县（市、区），由市生态环境保护委员会办公室约谈其政府分管负责同志。"
    assert SentenceSelector._years_fit(read("要是哪个县连着几个季度都滞后，会怎么处理？"), rule, _chunk(rule))


def test_a_question_asking_when_is_answered_by_the_sentence_giving_the_dates(read):
    """「攻坚行动从哪天开始、哪天结束」: the sentence 「自…10月15日起至…3月31日止」 (made up here), which says neither
    开始 nor 结束, before one that says the action's name with no date."""
    dated = "攻坚行动自2056年10月15日起至2057年3月31日止，分为动员、攻坚和总结三个阶段。"
    undated = "秋冬季大气攻坚行动要压实责任，各分局要细化工作方案。"
    title = "文山州生态环境局关于开展2056—2057年秋冬季大气污染综合治理攻坚行动的通知"
    chosen = _chosen(read("秋冬季大气攻坚行动从哪天开始、哪天结束？"), title,
                     ((undated, "四、工作要求", 0.5), (dated, "一、行动时间", 0.4)))  # fmt: skip
    assert chosen.startswith("攻坚行动自2056年10月15日起")


def _chosen(question, title: str, passages) -> str:
    """The first sentence the selector chooses from passages (text, section, score) of one made-up document."""
    from assistant.extractive import SentenceSelector
    from retrieval.tokenizing import ChineseTokenizer
    from retrieval.types import Hit

    hits = [Hit(Chunk.create(doc_id="d", title=title, section=section, text=text, context=""), score)
            for text, section, score in passages]  # fmt: skip
    chosen = SentenceSelector(100, ChineseTokenizer(), lambda term: 1).run(question, hits)
    return chosen[0].sentence if chosen else ""


def test_a_place_in_a_ranking_is_answered_only_by_a_sentence_that_gives_one(read):
    """「在全省13个设区市里排第几」: a sentence on the city's air that ranks nothing is no answer; 「排名全省第4位」 is."""
    from assistant.extractive import SentenceSelector

    question = read("前三季度文山空气质量在全省16个州市里排第几？")
    plain = "1—9月，全市10个站点中4个站点各项指标均达到考核目标。"
    ranked = "1—9月，全市环境空气质量综合指数3.1，排名全省第4位。"
    assert not SentenceSelector._years_fit(question, plain, _chunk(plain))
    assert SentenceSelector._years_fit(question, ranked, _chunk(ranked))


def test_the_latest_date_asked_is_answered_by_the_sentence_giving_the_deadline(read):
    """「问题工地最迟什么时候要整改完」: the sentence 「于…11月15日前完成全部问题整改」 (made up here), before the one
    that counts the sites found with the same words."""
    counted = "本次专项检查共抽查在建工地136个，发现存在扬尘污染问题的工地29个。"
    dated = "各县区要督促问题工地逐项整改，于2061年11月15日前完成全部问题整改。"
    title = "关于2061年第三季度建设工地扬尘污染专项检查情况的通报"
    chosen = _chosen(read("扬尘检查发现的问题工地最迟什么时候要整改完？"), title,
                     ((counted, "一、检查总体情况", 0.5), (dated, "四、下一步工作要求", 0.4)))  # fmt: skip
    assert chosen.startswith("各县区要督促问题工地逐项整改")
