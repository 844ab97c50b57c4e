"""The HTTP API with FastAPI's TestClient, and once against a real uvicorn server."""

from __future__ import annotations

import json

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.datadir import DataDir
from tests.support.servers import running
from ui.app import create_app

pytestmark = pytest.mark.slow
ANSWER_KEYS = {"question", "answer", "route", "facts", "citations", "backend", "timings_ms"}


@pytest.fixture(scope="module")
def client(ingested_settings, assistant):
    settings = ingested_settings.model_copy(update={"api_token": "test-token"})
    with TestClient(create_app(settings, assistant=assistant, with_web=False)) as test_client:
        yield test_client


def test_ask(client):
    response = client.post("/api/ask", json={"question": "哪些区县PM10未达标？"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == ANSWER_KEYS and body["route"] == "structured" and body["citations"]


def test_ask_with_history(client):
    history = [{"role": "user", "content": "蓬江东湖子站PM10达标了吗？"}, {"role": "assistant", "content": "未达标。"}]
    body = client.post("/api/ask", json={"question": "那二氧化氮呢？", "history": history}).json()
    assert [f["item"] for f in body["facts"]] == ["东湖子站 NO2"]


@pytest.mark.parametrize("question", ["", "   ", "问" * 600])
def test_empty_or_oversized_question_is_422(client, question):
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 422
    assert response.json()["error"]["message"]


def test_chat_streams_server_sent_events(client):
    response = client.post("/api/chat", json={"question": "海门市2020年PM2.5目标是多少？"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = [block for block in response.text.split("\n\n") if block.strip()]
    names = [block.split("\n")[0].removeprefix("event: ") for block in events]
    assert names[0] == "meta" and names[-1] == "done" and "delta" in names
    text = "".join(json.loads(b.split("data: ", 1)[1])["text"] for b in events if b.startswith("event: delta"))
    done = json.loads(events[-1].split("data: ", 1)[1])
    assert text == done["answer"] and done["citations"]


def test_tables_with_filters(client):
    assert set(client.get("/api/tables").json()["tables"]) == {"tasks", "stations", "funds", "indicators"}
    rows = client.get("/api/tables/stations", params={"region": "鹤山"}).json()["rows"]
    assert {r["station"] for r in rows} == {"花果山", "南山"}
    rows = client.get("/api/tables/funds", params={"year": 2022}).json()["rows"]
    assert len(rows) == 7
    assert client.get("/api/tables/unknown").status_code == 404


def test_search(client):
    body = client.get("/api/search", params={"q": "黑臭水体", "top_k": 3, "doc": "hm-2020-work-plan"}).json()
    assert body["query"] == "黑臭水体" and 0 < len(body["hits"]) <= 3
    assert {h["doc_id"] for h in body["hits"]} == {"hm-2020-work-plan"}
    assert client.get("/api/search", params={"q": "你好"}).json()["hits"] == []


def test_health_and_documents(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["documents"] == 5 and health["backend"] == "extractive"
    listing = client.get("/api/documents").json()["documents"]
    assert {d["doc_id"] for d in listing} >= {"hm-2020-work-plan", "jm-13th-five-year-plan"}
    document = client.get("/api/documents/hm-2020-work-plan").json()
    assert len(document["tables"]) == 2
    assert client.get("/docs").status_code == 200


def test_openai_compatible_endpoint(client):
    request = {
        "model": "policy-assistant",
        "messages": [{"role": "user", "content": "江海区2022年度环保专项资金执行率是多少？"}],
    }
    body = client.post("/v1/chat/completions", json=request).json()
    content = body["choices"][0]["message"]["content"]
    assert "85.49%" in content and "来源" in content and body["citations"]
    streamed = client.post("/v1/chat/completions", json={**request, "stream": True}).text
    chunks = [json.loads(line[6:]) for line in streamed.splitlines() if line.startswith("data: {")]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert "85.49%" in text and chunks[-1]["citations"] and streamed.rstrip().endswith("data: [DONE]")
    assert client.get("/v1/models").json()["data"][0]["id"] == "policy-assistant"


def test_write_endpoints_need_the_token(client, ingested_settings):
    assert client.post("/api/ingest").status_code == 401
    wrong = client.post("/api/ingest", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "令牌" in wrong.json()["error"]["message"]
    configured = client.app.state.settings
    client.app.state.settings = configured.model_copy(update={"api_token": None})  # a server without a token
    try:
        refused = client.post("/api/ingest", headers={"Authorization": "Bearer anything"})
    finally:
        client.app.state.settings = configured
    assert refused.status_code == 403 and "POLICY_API_TOKEN" in refused.json()["error"]["message"]


def test_bad_upload_is_refused_and_loses_nothing(client, ingested_settings):
    before = DataDir(ingested_settings.data_dir).current_version()
    response = client.post(
        "/api/documents",
        files=[("files", ("坏文件.txt", bytes(range(0x80, 0x100)) * 4, "text/plain"))],
        headers={"Authorization": "Bearer test-token"},
    )
    assert response.status_code == 400
    assert "坏文件.txt" in response.json()["error"]["message"] and "编码" in response.json()["error"]["message"]
    assert DataDir(ingested_settings.data_dir).current_version() == before
    unsupported = client.post(
        "/api/documents",
        files=[("files", ("表.csv", b"a,b", "text/csv"))],
        headers={"Authorization": "Bearer test-token"},
    )
    assert unsupported.status_code == 400 and "不支持的文件类型「.csv」" in unsupported.json()["error"]["message"]


def test_real_uvicorn_server(ingested_settings, assistant):
    app = create_app(ingested_settings, assistant=assistant, with_web=False)
    with running(app, "/api/health") as base:
        body = httpx.post(f"{base}/api/ask", json={"question": "恩平市有哪些任务进度滞后？"}, timeout=30).json()
        assert body["route"] == "structured" and "排污口" in body["answer"]
        assert httpx.post(f"{base}/api/ask", json={"question": ""}, timeout=30).status_code == 422
