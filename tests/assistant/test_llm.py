"""The LLM backend: a fake chat model and a local OpenAI-compatible stub, with every failure falling back."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.pipeline import PolicyAssistant
from tests.support.servers import openai_stub, running

pytestmark = pytest.mark.slow
QUESTION = "江海区2022年度环保专项资金执行率是多少？"


class FailingChatModel(FakeListChatModel):
    def _call(self, *args, **kwargs):
        raise ConnectionError("endpoint unreachable")


def with_model(settings, chat_model, name="fake-llm"):
    assistant = PolicyAssistant(settings.model_copy(update={"llm_model": name}), chat_model=chat_model)
    assistant.warm_up()
    return assistant


def test_llm_words_the_answer_and_keeps_citations(ingested_settings):
    fake = FakeListChatModel(responses=["江海区2022年度各级环保专项资金执行率为85.49%，目标是100%。"])
    answer = with_model(ingested_settings, fake).ask(QUESTION)
    assert answer.backend == "fake-llm"
    assert answer.answer.startswith("江海区2022年度")
    assert answer.citations and answer.facts[0]["value"] == 85.49  # facts come from the table, not the model


def test_a_number_the_model_made_up_falls_back(ingested_settings):
    fake = FakeListChatModel(responses=["江海区执行率为91.3%。"])
    answer = with_model(ingested_settings, fake).ask(QUESTION)
    assert answer.backend.startswith("extractive (fallback from fake-llm") and "91.3" not in answer.answer
    assert "85.49%" in answer.answer


def test_a_failing_model_falls_back(ingested_settings):
    answer = with_model(ingested_settings, FailingChatModel(responses=["x"])).ask(QUESTION)
    assert "fallback" in answer.backend and "85.49%" in answer.answer and answer.citations


def test_refusals_never_reach_the_model(ingested_settings):
    fake = FakeListChatModel(responses=["我可以回答：广州的目标是30。"])
    answer = with_model(ingested_settings, fake).ask("广州市2020年PM2.5年均浓度目标是多少？")
    assert answer.route == "refusal" and answer.backend == "extractive"


def test_openai_compatible_stub_server(ingested_settings):
    stub = openai_stub(content="根据表格，江海区2022年度执行率为85.49%。")
    with running(stub) as base:
        settings = ingested_settings.model_copy(
            update={"llm_base_url": f"{base}/v1", "llm_model": "stub-model", "llm_api_key": "k", "llm_timeout": 5}
        )
        assistant = PolicyAssistant(settings)
        assistant.warm_up()
        answer = assistant.ask(QUESTION)
    assert answer.backend == "stub-model" and "85.49%" in answer.answer
    sent = stub.state.requests[0]
    assert sent["model"] == "stub-model"
    system, user = sent["messages"][0]["content"], sent["messages"][1]["content"]
    assert "只根据" in system and QUESTION.rstrip("？") in user and "85.49" in user  # the computed facts are given


@pytest.mark.parametrize(("delay", "status"), [(3.0, 200), (0.0, 500)])
def test_stub_timeout_or_error_falls_back(ingested_settings, delay, status):
    with running(openai_stub(content="85.49%", delay=delay, status=status)) as base:
        settings = ingested_settings.model_copy(
            update={"llm_base_url": f"{base}/v1", "llm_model": "slow-model", "llm_timeout": 1}
        )
        assistant = PolicyAssistant(settings)
        assistant.warm_up()
        answer = assistant.ask(QUESTION)
    assert answer.backend.startswith("extractive (fallback from slow-model")
    assert "85.49%" in answer.answer and answer.citations
