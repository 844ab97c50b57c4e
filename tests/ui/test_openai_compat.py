"""The OpenAI-compatible endpoint as an OpenAI client relies on it: usage, streaming usage, max_tokens, errors.

Token counts follow the rule the endpoint states (`ui/api/routes/openai.py`): a run of ASCII letters and
digits is one token, every other non-whitespace character one token, whitespace none. Expected counts below
are counted by hand from that rule. The fast tests use a stand-in assistant; the slow one serves the real
assistant with uvicorn and talks to it with the official `openai` client.
"""

from __future__ import annotations

import json
import re
from unittest.mock import Mock

import pytest
from fastapi.testclient import TestClient

from assistant.answer import Answer, Citation
from assistant.pipeline import PolicyAssistant
from tests.support.servers import running
from ui.api.routes.openai import TOKEN_RULE, count_tokens, truncate
from ui.app import create_app

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# a sentence of jm-2023h1-lagging-tasks (corpus/documents/001_*.txt), under 江海区
FUNDS_QUOTE = "2022年度各级环保专项资金执行率达到85.49%。"
QUESTION = "江海区2022年度环保专项资金执行率是多少？"
QUESTION_TOKENS = 19  # 江 海 区 | 2022 | 年 度 环 保 专 项 资 金 执 行 率 是 多 少 | ？  = 3 + 1 + 14 + 1


def rule_tokens(text: str) -> int:
    """The stated rule, written again here so the endpoint's counts are checked against the contract."""
    return len(re.findall(r"[A-Za-z0-9]+|\S", text))


def funds_answer(question: str) -> Answer:
    return Answer(
        question=question,
        answer=f"江海区：{FUNDS_QUOTE}",
        route="structured",
        citations=[Citation("jm-2023h1-lagging-tasks", "任务进度滞后情况表", "江海区", "c1", FUNDS_QUOTE)],
    )


@pytest.fixture
def fake_assistant() -> Mock:
    assistant = Mock(spec=PolicyAssistant)
    assistant.ask.side_effect = lambda question, history=None: funds_answer(question)
    return assistant


@pytest.fixture
def client(settings, fake_assistant):
    return TestClient(create_app(settings, assistant=fake_assistant, with_web=False), raise_server_exceptions=False)


def ask(question: str = QUESTION, **extra) -> dict:
    return {"model": "policy-assistant", "messages": [{"role": "user", "content": question}], **extra}


def stream_chunks(text: str) -> list[dict]:
    assert text.rstrip().endswith("data: [DONE]")
    return [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: {")]


def openai_error(response, status: int) -> dict:
    """OpenAI's error shape, with a Chinese message."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert CHINESE.search(error["message"])
    return error


class TestTokenRule:
    @pytest.mark.parametrize(
        ("text", "tokens"),
        [
            ("", 0),
            ("  \n\t", 0),
            (QUESTION, QUESTION_TOKENS),
            ("PM2.5", 3),  # PM2 . 5
            ("达33微克/立方米。", 9),  # 达 33 微 克 / 立 方 米 。
            ("NO2 and PM10", 3),
            ("２０２０年", 5),  # full-width digits are not ASCII: one each
        ],
    )
    def test_counts(self, text, tokens):
        assert count_tokens(text) == tokens == rule_tokens(text)

    def test_truncate_cuts_after_the_nth_token(self):
        assert truncate("达33微克/立方米。", 2) == ("达33", True)
        assert truncate("达33微克/立方米。", 9) == ("达33微克/立方米。", False)
        assert truncate("达33微克/立方米。", None) == ("达33微克/立方米。", False)
        assert truncate("PM10 未达标", 1) == ("PM10", True)

    def test_the_rule_is_stated_in_the_api_description(self, client):
        operation = client.get("/openapi.json").json()["paths"]["/v1/chat/completions"]["post"]
        assert operation["x-token-counting"] == TOKEN_RULE and TOKEN_RULE in operation["description"]


class TestCompletion:
    def test_usage_is_filled_by_the_rule(self, client):
        body = client.post("/v1/chat/completions", json=ask()).json()
        content = body["choices"][0]["message"]["content"]
        assert FUNDS_QUOTE in content and "来源" in content
        assert body["choices"][0]["finish_reason"] == "stop"
        assert body["usage"] == {
            "prompt_tokens": QUESTION_TOKENS,
            "completion_tokens": rule_tokens(content),
            "total_tokens": QUESTION_TOKENS + rule_tokens(content),
        }

    def test_prompt_tokens_count_every_message(self, client, fake_assistant):
        messages = [
            {"role": "system", "content": "用中文回答"},  # 用 中 文 回 答 = 5
            {"role": "user", "content": "江海区PM10达标了吗？"},  # 江 海 区 PM10 达 标 了 吗 ？ = 9
            {"role": "assistant", "content": "未达标。"},  # 4
            {"role": "user", "content": [{"type": "text", "text": "那 NO2 呢？"}]},  # 那 NO2 呢 ？ = 4
        ]
        body = client.post("/v1/chat/completions", json={"model": "policy-assistant", "messages": messages}).json()
        assert body["usage"]["prompt_tokens"] == 5 + 9 + 4 + 4
        question, history = fake_assistant.ask.call_args.args
        assert question == "那 NO2 呢？"
        assert history == [
            {"role": "user", "content": "江海区PM10达标了吗？"},
            {"role": "assistant", "content": "未达标。"},
        ]

    def test_max_tokens_cuts_the_content(self, client):
        full = client.post("/v1/chat/completions", json=ask()).json()["choices"][0]["message"]["content"]
        body = client.post("/v1/chat/completions", json=ask(max_tokens=5)).json()
        content = body["choices"][0]["message"]["content"]
        assert content == "江海区：2022"  # 江 海 区 ： 2022
        assert full.startswith(content) and body["choices"][0]["finish_reason"] == "length"
        assert body["usage"]["completion_tokens"] == 5
        newer = client.post("/v1/chat/completions", json=ask(max_completion_tokens=5)).json()
        assert newer["choices"][0]["message"]["content"] == content

    def test_max_tokens_above_the_length_changes_nothing(self, client):
        full = client.post("/v1/chat/completions", json=ask()).json()
        body = client.post("/v1/chat/completions", json=ask(max_tokens=10_000)).json()
        assert body["choices"][0]["message"]["content"] == full["choices"][0]["message"]["content"]
        assert body["choices"][0]["finish_reason"] == "stop"


class TestStreaming:
    def test_include_usage_adds_a_final_usage_chunk(self, client):
        plain = client.post("/v1/chat/completions", json=ask()).json()
        response = client.post("/v1/chat/completions", json=ask(stream=True, stream_options={"include_usage": True}))
        assert response.headers["content-type"].startswith("text/event-stream")
        chunks = stream_chunks(response.text)
        *content_chunks, last = chunks
        assert last["choices"] == [] and last["usage"] == plain["usage"]
        assert all(c["usage"] is None for c in content_chunks)
        text = "".join(c["choices"][0]["delta"].get("content", "") for c in content_chunks)
        assert text == plain["choices"][0]["message"]["content"]
        assert content_chunks[-1]["choices"][0]["finish_reason"] == "stop" and content_chunks[-1]["citations"]
        assert {c["id"] for c in chunks} == {chunks[0]["id"]}

    def test_without_include_usage_no_usage_field(self, client):
        chunks = stream_chunks(client.post("/v1/chat/completions", json=ask(stream=True)).text)
        assert all("usage" not in c and c["choices"] for c in chunks)

    def test_max_tokens_while_streaming(self, client):
        options = {"stream": True, "stream_options": {"include_usage": True}, "max_tokens": 5}
        chunks = stream_chunks(client.post("/v1/chat/completions", json=ask(**options)).text)
        text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
        assert text == "江海区：2022"
        assert [c["choices"][0]["finish_reason"] for c in chunks if c["choices"]][-1] == "length"
        assert chunks[-1]["usage"]["completion_tokens"] == 5


class TestModels:
    def test_models_lists_the_one_model(self, client):
        listing = client.get("/v1/models").json()
        assert listing["object"] == "list" and [m["id"] for m in listing["data"]] == ["policy-assistant"]
        assert client.get("/v1/models/policy-assistant").json()["id"] == "policy-assistant"

    @pytest.mark.parametrize("stream", [False, True])
    def test_unknown_model_is_404_model_not_found(self, client, fake_assistant, stream):
        response = client.post("/v1/chat/completions", json={**ask(stream=stream), "model": "gpt-4o"})
        error = openai_error(response, 404)
        assert error == {**error, "type": "invalid_request_error", "param": "model", "code": "model_not_found"}
        assert "gpt-4o" in error["message"]
        fake_assistant.ask.assert_not_called()

    def test_unknown_model_card_is_404(self, client):
        assert openai_error(client.get("/v1/models/gpt-4o"), 404)["code"] == "model_not_found"


class TestBadRequests:
    @pytest.mark.parametrize(
        "content",
        [
            [{"type": "text", "text": 123}],
            [{"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}],
            ["江海区"],
            123,
            {"text": "江海区"},
            "\ud800",
        ],
    )
    def test_bad_content_is_400_in_chinese(self, client, fake_assistant, content):
        request = {"model": "policy-assistant", "messages": [{"role": "user", "content": content}]}
        raw = json.dumps(request).encode()  # ASCII escapes: a lone surrogate travels as the six characters \ud800
        response = client.post("/v1/chat/completions", content=raw, headers={"content-type": "application/json"})
        error = openai_error(response, 400)
        assert error["type"] == "invalid_request_error" and error["param"] == "messages[0].content"
        fake_assistant.ask.assert_not_called()

    @pytest.mark.parametrize(
        ("request_body", "param"),
        [
            ({"model": "policy-assistant", "messages": []}, "messages"),
            ({"model": "policy-assistant"}, "messages"),
            ({"model": "policy-assistant", "messages": [{"role": "robot", "content": "你好"}]}, "messages[0].role"),
            ({**ask(), "max_tokens": 0}, "max_tokens"),
            ({**ask(), "max_tokens": "多"}, "max_tokens"),
            ({**ask(), "stream": "也许"}, "stream"),
            ({"model": "policy-assistant", "messages": [{"role": "assistant", "content": "你好"}]}, "messages"),
            ({"model": "policy-assistant", "messages": [{"role": "user", "content": "  "}]}, "messages"),
        ],
    )
    def test_invalid_requests_use_openai_error_shape(self, client, request_body, param):
        error = openai_error(client.post("/v1/chat/completions", json=request_body), 400)
        assert error["type"] == "invalid_request_error" and error["param"] == param

    def test_malformed_json(self, client):
        response = client.post("/v1/chat/completions", content=b"{", headers={"content-type": "application/json"})
        assert "JSON" in openai_error(response, 400)["message"]

    def test_unknown_route_and_method(self, client):
        assert openai_error(client.get("/v1/completions"), 404)["type"] == "invalid_request_error"
        assert openai_error(client.get("/v1/chat/completions"), 405)["code"] == "method_not_allowed"

    def test_server_error(self, client, fake_assistant):
        fake_assistant.ask.side_effect = RuntimeError("boom")
        error = openai_error(client.post("/v1/chat/completions", json=ask()), 500)
        assert error["type"] == "server_error" and "boom" not in error["message"]


@pytest.mark.slow
def test_the_official_openai_client(ingested_settings, assistant):
    """uvicorn on 127.0.0.1 and the `openai` package, as any OpenAI front-end would use the service."""
    import openai

    app = create_app(ingested_settings, assistant=assistant, with_web=False)
    with running(app, "/api/health") as base:
        client = openai.OpenAI(base_url=f"{base}/v1", api_key="unused", max_retries=0, timeout=60)
        assert [m.id for m in client.models.list()] == ["policy-assistant"]
        messages = [{"role": "user", "content": QUESTION}]

        completion = client.chat.completions.create(model="policy-assistant", messages=messages)
        content = completion.choices[0].message.content
        assert "85.49%" in content and "来源" in content  # the figure of the document, with its source
        assert completion.choices[0].finish_reason == "stop"
        assert completion.usage.prompt_tokens == QUESTION_TOKENS
        assert completion.usage.completion_tokens == rule_tokens(content)
        assert completion.usage.total_tokens == QUESTION_TOKENS + rule_tokens(content)

        chunks = list(
            client.chat.completions.create(
                model="policy-assistant", messages=messages, stream=True, stream_options={"include_usage": True}
            )
        )
        streamed = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert streamed == content
        assert chunks[-1].choices == [] and chunks[-1].usage.prompt_tokens == QUESTION_TOKENS
        assert chunks[-1].usage.completion_tokens == completion.usage.completion_tokens
        assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"

        short = client.chat.completions.create(model="policy-assistant", messages=messages, max_tokens=4)
        assert short.choices[0].finish_reason == "length" and short.usage.completion_tokens == 4
        assert content.startswith(short.choices[0].message.content)

        with pytest.raises(openai.NotFoundError) as raised:
            client.chat.completions.create(model="gpt-4o", messages=messages)
        assert raised.value.status_code == 404 and raised.value.code == "model_not_found"
        assert raised.value.param == "model" and CHINESE.search(raised.value.message)

        with pytest.raises(openai.BadRequestError) as raised:
            client.chat.completions.create(
                model="policy-assistant",
                messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:,"}}]}],
            )
        assert raised.value.param == "messages[0].content" and CHINESE.search(raised.value.message)
