"""Request limits: the question, each earlier message, the history's total and top_k, in Chinese."""

from __future__ import annotations

import pytest

from assistant.limits import QuestionError, RequestLimits


@pytest.fixture
def limits(settings) -> RequestLimits:
    return RequestLimits(
        settings.model_copy(
            update={"max_question_chars": 20, "max_history_message_chars": 50, "max_history_chars": 80,
                    "max_history_messages": 4, "max_top_k": 10}
        )
    )  # fmt: skip


def test_the_question_is_stripped_and_bounded(limits):
    assert limits.question("  恩平市有哪些任务进度滞后？ ") == "恩平市有哪些任务进度滞后？"
    with pytest.raises(QuestionError, match="不能为空"):
        limits.question(" \n ")
    with pytest.raises(QuestionError, match="21 字.*20 字以内"):
        limits.question("问" * 21)


def test_an_earlier_question_is_held_to_the_question_limit(limits):
    """The last user message is read again as the question a follow-up continues: it costs what a question does."""
    assert limits.history([{"role": "user", "content": "问" * 20}]) == [{"role": "user", "content": "问" * 20}]
    with pytest.raises(QuestionError, match="第 2 条消息（用户提问）太长（21 字），最多 20 字"):
        limits.history([{"role": "assistant", "content": "答"}, {"role": "user", "content": "问" * 21}])


def test_an_earlier_answer_may_be_longer_but_not_unbounded(limits):
    assert limits.history([{"role": "assistant", "content": "答" * 50}])
    with pytest.raises(QuestionError, match="第 1 条消息（回答）太长（51 字），最多 50 字"):
        limits.history([{"role": "assistant", "content": "答" * 51}])


def test_the_history_total_and_count_are_bounded(limits):
    with pytest.raises(QuestionError, match="共 100 字.*最多 80 字"):
        limits.history([{"role": "assistant", "content": "答" * 50}] * 2)
    with pytest.raises(QuestionError, match="5 条消息.*最多 4 条"):
        limits.history([{"role": "user", "content": "问"}] * 5)


@pytest.mark.parametrize("message", ["文本", {"role": "system", "content": "x"}, {"role": "user", "content": 5}])
def test_a_malformed_message_is_refused(limits, message):
    with pytest.raises(QuestionError, match="第 1 条消息应为"):
        limits.history([message])


def test_top_k(limits):
    assert limits.top_k(10) == 10
    with pytest.raises(QuestionError, match="top_k 最大为 10（收到 11）"):
        limits.top_k(11)
    with pytest.raises(QuestionError, match="至少为 1"):
        limits.top_k(0)


def test_the_assistant_checks_before_it_loads_anything(settings):
    """An empty data dir: the limits answer first, so an oversized request costs nothing."""
    from assistant.pipeline import PolicyAssistant

    assistant = PolicyAssistant(settings)
    with pytest.raises(QuestionError, match="查询内容太长"):
        assistant.search("黑" * 501)
    with pytest.raises(QuestionError, match="top_k"):
        assistant.search("黑臭水体", top_k=51)
    with pytest.raises(QuestionError, match="对话历史"):
        assistant.ask("那NO2呢？", [{"role": "assistant", "content": "答" * 20001}])


def test_long_questions_are_answered_one_at_a_time(settings, monkeypatch):
    """Reading costs more than linearly in length: a second long question waits, a short one does not."""
    import threading

    from assistant.availability import ServiceUnavailable
    from assistant.pipeline import PolicyAssistant

    assistant = PolicyAssistant(settings.model_copy(update={"long_question_chars": 30, "busy_wait": 0.1}))
    inside, release = threading.Event(), threading.Event()

    def answer(question, history):
        if len(question) > 10:
            inside.set()
            release.wait(5)
        return question

    monkeypatch.setattr(assistant, "_answer", answer)
    first = threading.Thread(target=assistant.ask, args=("恩平市有哪些任务进度滞后？" * 3,))
    first.start()
    assert inside.wait(5)
    try:
        with pytest.raises(ServiceUnavailable, match="繁忙"):
            assistant.ask("鹤山市有哪些任务进度滞后？" * 3)
        with pytest.raises(ServiceUnavailable):  # a short question following a long one reads both
            assistant.ask("那NO2呢？", [{"role": "user", "content": "鹤山市有哪些任务进度滞后？" * 3}])
        assert assistant.ask("那NO2呢？") == "那NO2呢？"
    finally:
        release.set()
        first.join(5)
    assert assistant.ask("鹤山市有哪些任务进度滞后？" * 3)  # its turn now
