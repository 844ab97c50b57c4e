"""The optional LLM planner: it may fill in a plan the rules leave unanswered, checked against the
lexicon and the question; it never sees a table's figures; any failure leaves the rule plan."""

from __future__ import annotations

import json

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.llm_planner import LLMPlanner
from assistant.table_answers import TableAnswerer

QUESTION = "2022年哪几个地方的钱花得最慢？"
SLOWEST = {"table": "funds", "filters": [{"field": "fund_year", "op": "eq", "value": 2022}], "measure": "rate",
           "group_by": "region", "ranking": {"direction": "min", "k": 1}, "shape": "rank"}  # fmt: skip


class FailingChatModel(FakeListChatModel):
    def _call(self, *args, **kwargs):
        raise TimeoutError("no answer in time")


@pytest.fixture
def answerer(planner, executor, corpus_lexicon):
    def make(*replies: str, model=None):
        llm = LLMPlanner(model or FakeListChatModel(responses=list(replies)), corpus_lexicon)
        return TableAnswerer(planner, executor, llm), llm

    return make


def test_the_rules_do_not_answer_it(planner, executor, understander):
    answer = TableAnswerer(planner, executor).run(understander.run(QUESTION))
    assert answer is None or not hasattr(answer, "text") or "9.25" not in answer.text


def test_a_checked_plan_from_the_model_answers_from_the_table(answerer, understander):
    table_answerer, _ = answerer(json.dumps(SLOWEST))
    answer = table_answerer.run(understander.run(QUESTION))
    # 001: 蓬江区's 2022 rate, 9.25%, is the lowest of the seven
    assert "蓬江区" in answer.text and "9.25" in answer.text
    assert answer.result.plan.notes == ("查询计划由大模型补全",)


@pytest.mark.parametrize(
    "proposal",
    [
        {**SLOWEST, "filters": [{"field": "region", "op": "eq", "value": "广州市"}]},  # not a place of the documents
        {**SLOWEST, "filters": [{"field": "rate", "op": "lt", "value": 50}]},  # 50 is not in the question
        {**SLOWEST, "table": "budgets"},
        {**SLOWEST, "measure": "profit"},
    ],
)
def test_a_proposal_outside_the_lexicon_or_the_question_is_refused(answerer, understander, proposal):
    _, llm = answerer(json.dumps(proposal, ensure_ascii=False))
    assert llm.propose(understander.run(QUESTION), None) is None


def test_no_json_or_no_answer_leaves_the_rule_plan(answerer, understander):
    _, llm = answerer("我认为是蓬江区。")
    assert llm.propose(understander.run(QUESTION), None) is None
    _, llm = answerer(model=FailingChatModel(responses=[""]))
    assert llm.propose(understander.run(QUESTION), None) is None


def test_the_model_is_told_no_figure_of_the_tables(answerer, understander):
    _, llm = answerer("{}")
    told = " ".join(m.content for m in llm.messages(understander.run(QUESTION), None))
    assert "蓬江区" in told  # names it may use
    for figure in ("9.25", "85.49", "805.33"):  # 001's rates and amounts
        assert figure not in told
