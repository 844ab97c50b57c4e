"""Errors of the HTTP API: one envelope, in Chinese, never a 500 for bad input, never a server path.

Most tests run against `create_app(..., with_web=False)` with a stand-in assistant (`Mock(spec=PolicyAssistant)`):
the assistant is not what is under test, only how the API words what goes wrong.
"""

from __future__ import annotations

import re
from unittest.mock import Mock

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Mount, Route

from assistant.answer import Answer, Citation
from assistant.ingest import DocumentReport, IngestReport
from assistant.pipeline import PolicyAssistant, QuestionError
from corpus.errors import DocumentLoadError, IndexNotReadyError, IngestError
from tests.support.servers import running
from ui.api import errors
from ui.api.deps import same_secret
from ui.app import create_app

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# what FastAPI, Starlette and pydantic say in English; none of it may reach a user
ENGLISH = re.compile(
    r"Not Found|Method Not Allowed|Expecting|Field required|Input should|JSON decode|value_error|detail"
)
# a row of jm-2023h1-lagging-tasks (corpus/documents/001_*.txt): 江海区's funds in 2022
FUNDS_QUOTE = "2022年度各级环保专项资金执行率达到85.49%。"


def funds_answer(question: str = "江海区2022年度环保专项资金执行率是多少？") -> Answer:
    return Answer(
        question=question,
        answer=f"江海区：{FUNDS_QUOTE}",
        route="structured",
        citations=[
            Citation("jm-2023h1-lagging-tasks", "2023年各县（市、区）…滞后情况表（1-6月）", "江海区", "c1", FUNDS_QUOTE)
        ],
    )


@pytest.fixture
def fake_assistant() -> Mock:
    assistant = Mock(spec=PolicyAssistant)
    assistant.ask.side_effect = lambda question, history=None: funds_answer(question)
    assistant.health.return_value = {"status": "ok"}
    return assistant


@pytest.fixture
def client(settings, fake_assistant):
    app = create_app(settings.model_copy(update={"api_token": "令牌-test"}), assistant=fake_assistant, with_web=False)
    return TestClient(app, raise_server_exceptions=False)  # no lifespan: the stand-in needs no warm-up


def project_error(response: httpx.Response, status: int, kind: str | None = None) -> str:
    """The message of a project envelope {"error": {"type", "message"}}, checked to be Chinese."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}
    if kind:
        assert body["error"]["type"] == kind
    message = body["error"]["message"]
    assert CHINESE.search(message) and not ENGLISH.search(message), message
    return message


class TestRoutes:
    @pytest.mark.parametrize("path", ["/api/nope", "/nope", "/api/tables/stations/extra"])
    def test_unknown_route_is_404_in_chinese(self, client, path):
        message = project_error(client.get(path), 404, "not_found")
        assert path in message

    def test_wrong_method_is_405_in_chinese_with_allow(self, client):
        response = client.get("/api/ask")
        message = project_error(response, 405, "method_not_allowed")
        assert "POST" in message and response.headers["allow"] == "POST"

    def test_route_404_of_a_route_keeps_its_message(self, client):
        assert "没有名为" in project_error(client.get("/api/tables/unknown"), 404, "not_found")

    def test_with_an_app_mounted_at_root(self, fake_assistant, settings):
        """The web app at `/` takes every path; `/api/` and `/v1/` paths still get the API's answers."""
        app = create_app(settings, assistant=fake_assistant, with_web=False)
        app.mount("/", Starlette(routes=[Route("/{path:path}", lambda r: PlainTextResponse("web"))]))
        client = TestClient(app)
        assert client.get("/some/page").text == "web"
        assert client.get("/api/health").json() == {"status": "ok"}
        project_error(client.get("/api/nope"), 404, "not_found")
        assert client.post("/api/health").status_code == 405
        assert client.get("/v1/nope").json()["error"]["type"] == "invalid_request_error"
        assert client.get("/api/health/").json() == {"status": "ok"}  # redirected, as Starlette does
        project_error(client.get("/docs/nope"), 404, "not_found")  # the API's own pages, not the web app's


class TestValidation:
    def test_malformed_json_is_422_in_chinese(self, client):
        response = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
        assert "JSON" in project_error(response, 422, "invalid_request")

    @pytest.mark.parametrize(
        ("body", "where", "words"),
        [
            ({}, "question", "缺少"),
            ({"question": 5}, "question", "字符串"),
            ({"question": "  "}, "question", "不能为空"),
            ({"question": "你好", "history": "x"}, "history", "列表"),
            ({"question": "你好", "history": [{"role": "system", "content": "x"}]}, "history[0].role", "user"),
            ({"question": "你好", "history": [{"role": "user"}]}, "history[0].content", "缺少"),
            ([1, 2], "请求体", "JSON 对象"),
        ],
    )
    def test_every_validation_message_is_chinese_with_its_field(self, client, body, where, words):
        message = project_error(client.post("/api/ask", json=body), 422, "invalid_request")
        assert where in message and words in message

    def test_query_parameters(self, client, fake_assistant):
        fake_assistant.search.side_effect = QuestionError("top_k 最大为 50（收到 1000）")  # the assistant's limit
        message = project_error(client.get("/api/search", params={"q": "黑臭水体", "top_k": 1000}), 422)
        assert "top_k" in message and "50" in message
        assert "1" in project_error(client.get("/api/search", params={"q": "黑臭水体", "top_k": 0}), 422)
        assert "整数" in project_error(client.get("/api/search", params={"q": "黑臭水体", "top_k": "多"}), 422)

    def test_a_body_not_in_utf8_is_400_in_chinese(self, client):
        body = '{"question": "你好"}'.encode("gbk")
        response = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
        assert "UTF-8" in project_error(response, 400, "bad_request")

    def test_invalid_json_on_v1_names_no_field(self, client):
        response = client.post("/v1/chat/completions", content=b"nope", headers={"content-type": "application/json"})
        assert response.status_code == 400 and response.json()["error"]["param"] is None

    def test_a_body_that_is_not_json_content(self, client):
        response = client.post("/api/ask", content="question=你好".encode(), headers={"content-type": "text/plain"})
        assert "JSON" in project_error(response, 422)

    @pytest.mark.parametrize(
        "raw",
        [
            b'{"question": "\\ud800"}',
            b'{"question": "PM10\\udfff"}',
            b'{"question": "\\u4f60\\u597d", "history": [{"role": "user", "content": "\\ud83d"}]}',
        ],
    )
    def test_lone_surrogate_is_422_not_500(self, client, fake_assistant, raw):
        response = client.post("/api/ask", content=raw, headers={"content-type": "application/json"})
        assert "Unicode" in project_error(response, 422, "invalid_request")
        fake_assistant.ask.assert_not_called()

    @pytest.mark.parametrize(
        ("path", "body"),
        [
            ("/api/chat", {"question": "江海区资金执行率？"}),
            ("/v1/chat/completions", {"model": "policy-assistant", "messages": [{"role": "user", "content": "江海区？"}],
                                      "stream": True}),
        ],
    )  # fmt: skip
    def test_a_stream_never_aborts_after_its_200(self, client, fake_assistant, path, body):
        """Whatever reaches the answer text (here a lone surrogate), the stream ends as it should."""

        def broken(question, history=None):
            answer = funds_answer(question)
            answer.answer += "\ud800"
            return answer

        fake_assistant.ask.side_effect = broken
        response = client.post(path, json=body)
        assert response.status_code == 200 and "\ufffd" in response.text
        assert response.text.rstrip().endswith(("}", "[DONE]"))

    def test_a_question_error_of_the_assistant_is_422(self, client, fake_assistant):
        fake_assistant.ask.side_effect = QuestionError("问题太长（600 字），请控制在 500 字以内")
        assert "太长" in project_error(client.post("/api/ask", json={"question": "问" * 600}), 422, "invalid_question")


class TestBodySize:
    def test_a_declared_body_over_the_limit_is_413(self, client, fake_assistant):
        big = b'{"question": "' + b"a" * errors.MAX_JSON_BODY_BYTES + b'"}'
        response = client.post("/api/ask", content=big, headers={"content-type": "application/json"})
        assert "太大" in project_error(response, 413, "payload_too_large")
        fake_assistant.ask.assert_not_called()

    def test_a_chunked_body_is_read_only_to_the_limit(self):
        """Without Content-Length the body is counted as it arrives; the app never sees an oversized one."""
        seen: list[int] = []

        async def echo(request: Request) -> JSONResponse:
            seen.append(len(await request.body()))
            return JSONResponse({"bytes": seen[-1]})

        app = errors.BodySizeLimit(Starlette(routes=[Route("/api/echo", echo, methods=["POST"])]), max_bytes=1000)
        client = TestClient(app)
        chunks = (b"x" * 300 for _ in range(5))  # a generator: sent chunked, no Content-Length
        response = client.post("/api/echo", content=chunks, headers={"content-type": "application/json"})
        assert response.status_code == 413 and seen == []
        assert client.post("/api/echo", content=b"y" * 1000).json() == {"bytes": 1000}
        multipart = {"content-type": "multipart/form-data; boundary=b"}  # uploads have their own limit
        assert client.post("/api/echo", content=b"z" * 5000, headers=multipart).json() == {"bytes": 5000}

    def test_v1_gets_the_openai_envelope(self, client):
        big = b"x" * (errors.MAX_JSON_BODY_BYTES + 1)
        response = client.post("/v1/chat/completions", content=big, headers={"content-type": "application/json"})
        assert response.status_code == 413
        assert response.json()["error"]["type"] == "invalid_request_error"
        assert CHINESE.search(response.json()["error"]["message"])


_REPORT = IngestReport("v2", [DocumentReport("user-x", "标题", "x.txt", "新增", 1, 0, [])], 1.0, {})


class TestUpload:
    def test_a_file_name_over_255_bytes_reaches_the_service_not_a_500(self, client, fake_assistant):
        """No file system takes a 262-byte name: the route writes the body under a name of its own and the
        document service shortens the user's name (tests/corpus/test_safety.py), so nothing fails here."""
        seen = []
        fake_assistant.add_documents.side_effect = lambda uploads: seen.extend(u.name for u in uploads) or _REPORT
        token = {"Authorization": "Bearer 令牌-test".encode()}
        name = "长" * 86 + ".txt"
        response = client.post("/api/documents", headers=token, files={"files": (name, "正文。".encode())})
        assert response.status_code == 200, response.text
        assert seen == [name]


class TestToken:
    def test_non_ascii_bearer_token_is_401_not_500(self, client):
        response = client.post("/api/ingest", headers={"Authorization": "Bearer 错误的令牌".encode()})
        assert "令牌" in project_error(response, 401, "unauthorized")
        response = client.post("/api/ingest", headers={"Authorization": b"Bearer \xff\xfe"})
        project_error(response, 401, "unauthorized")

    def test_tokens_compare_as_bytes(self):
        header_value = "令牌-test".encode().decode("latin-1")  # how Starlette hands over a UTF-8 header
        assert same_secret(header_value, "令牌-test")
        assert not same_secret("令牌-test", "令牌-tesT")
        assert not same_secret("", "令牌-test")


class TestServerErrors:
    def test_unexpected_error_is_500_in_chinese_without_details(self, client, fake_assistant):
        fake_assistant.ask.side_effect = RuntimeError("boom in /srv/policy/data/versions/x/tables.parquet")
        message = project_error(client.post("/api/ask", json={"question": "你好"}), 500, "internal_error")
        assert "/srv" not in message and "boom" not in message

    def test_index_not_ready_is_503_without_the_data_dir(self, client, fake_assistant):
        fake_assistant.ask.side_effect = IndexNotReadyError(
            "数据目录 /srv/policy/data 中还没有索引，请先运行 `policy-assistant ingest` 导入文件"
        )
        message = project_error(client.post("/api/ask", json={"question": "你好"}), 503, "index_not_ready")
        assert "/srv" not in message and "ingest" in message

    def test_a_document_error_names_the_file_not_its_path(self, client, fake_assistant):
        fake_assistant.ask.side_effect = DocumentLoadError("/tmp/policy-upload-x1/坏文件.txt", "不是 UTF-8 编码")
        message = project_error(client.post("/api/ask", json={"question": "你好"}), 400, "document_unreadable")
        assert "坏文件.txt" in message and "UTF-8" in message and "/tmp" not in message

    def test_an_ingest_error_keeps_the_api_paths_it_suggests(self, client, fake_assistant):
        cause = DocumentLoadError(r"C:\data\uploads\表.docx", "文件为空")
        fake_assistant.ask.side_effect = IngestError(f"{cause}。请改用 POST /api/documents 上传")
        message = project_error(client.post("/api/ask", json={"question": "你好"}), 400, "ingest_failed")
        assert "表.docx" in message and "POST /api/documents" in message and "uploads" not in message


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("数据目录 /srv/policy/data 中还没有索引", "数据目录 data 中还没有索引"),
        ("无法读取文件「a.txt」：文件为空（路径：/tmp/x/a.txt）", "无法读取文件「a.txt」：文件为空"),
        ("正在写入数据目录 /home/某人/数据，请稍后再试", "正在写入数据目录 数据，请稍后再试"),
        ("见 D:\\政策\\data\\CURRENT 文件", "见 CURRENT 文件"),
        ("请调用 POST /api/documents、POST /api/ingest", "请调用 POST /api/documents、POST /api/ingest"),
        ("PM2.5/PM10 与 微克/立方米", "PM2.5/PM10 与 微克/立方米"),
    ],
)
def test_message_without_paths(message, expected):
    assert errors.message_without_paths(message) == expected


@pytest.mark.slow
def test_the_served_app_with_the_web_app_mounted(ingested_settings, assistant):
    """The real server (Gradio at `/`, uvicorn): unknown API paths still answer in the API's Chinese envelope."""
    app = create_app(ingested_settings, assistant=assistant, with_web=True)
    assert isinstance(app, FastAPI) and any(isinstance(r, Mount) for r in app.router.routes)
    with running(app, "/api/health") as base:
        project_error(httpx.get(f"{base}/api/nope", timeout=30), 404, "not_found")
        project_error(httpx.get(f"{base}/api/ask", timeout=30), 405, "method_not_allowed")
        body = httpx.post(f"{base}/v1/chat/completions", json={"model": "gpt-4o", "messages": []}, timeout=30).json()
        assert body["error"]["type"] == "invalid_request_error" and CHINESE.search(body["error"]["message"])
        raw = b'{"question": "\\ud800"}'
        response = httpx.post(f"{base}/api/ask", content=raw, headers={"content-type": "application/json"})
        project_error(response, 422, "invalid_request")
