"""Safe output: security headers on every response; links from documents never reach `/v1` clients as links."""

from __future__ import annotations

import json
from unittest.mock import Mock

import pytest
from fastapi.testclient import TestClient
from markdown_it import MarkdownIt
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from assistant.answer import Answer, Citation
from assistant.pipeline import PolicyAssistant
from ui.app import create_app

# A passage as an uploaded document could carry it: a link, an image that calls home, a bare URL, raw HTML.
POISONED = (
    "详见[整改通知](http://evil.example/phish)；![](http://evil.example/pixel.png?u=1) "
    "报名：https://evil.example/form <a href='http://evil.example'>点击</a>"
)
CHAT = {"model": "policy-assistant", "messages": [{"role": "user", "content": "整改通知在哪里？"}]}


@pytest.fixture
def fake_assistant() -> Mock:
    assistant = Mock(spec=PolicyAssistant)
    assistant.ask.side_effect = lambda question, history=None: Answer(
        question=question,
        answer=f"根据《示例通知》：{POISONED}",
        route="retrieval",
        citations=[Citation("doc-x", "示例通知", "一、", "doc-x#1", POISONED, 0.9)],
    )
    assistant.health.return_value = {"status": "ok"}
    return assistant


@pytest.fixture
def client(settings, fake_assistant):
    return TestClient(create_app(settings, assistant=fake_assistant, with_web=False), raise_server_exceptions=False)


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).render(markdown)


def assert_inert(content: str) -> None:
    html = rendered(content)
    assert "<a " not in html and "<img" not in html, html
    outside_code = html
    for piece in html.split("<code>")[1:]:
        outside_code = outside_code.replace(piece.split("</code>")[0], "")
    assert "evil.example" not in outside_code, html  # every URL is shown as code, for clients that linkify


class TestV1Links:
    def test_links_in_answers_and_sources_are_inert(self, client):
        content = client.post("/v1/chat/completions", json=CHAT).json()["choices"][0]["message"]["content"]
        assert "整改通知" in content and "evil.example/phish" in content  # shown, as text
        assert_inert(content)

    def test_streamed_answers_too(self, client):
        lines = client.post("/v1/chat/completions", json={**CHAT, "stream": True}).text.split("\n\n")
        pieces = [json.loads(line[6:]) for line in lines if line.startswith("data: {")]
        content = "".join(p["choices"][0]["delta"].get("content", "") for p in pieces if p["choices"])
        assert_inert(content)

    def test_citations_keep_the_document_text_as_data(self, client):
        body = client.post("/v1/chat/completions", json=CHAT).json()
        assert body["citations"][0]["quote"] == POISONED


class TestSecurityHeaders:
    @pytest.mark.parametrize(
        ("method", "path", "body"),
        [
            ("GET", "/api/health", None),
            ("GET", "/api/nope", None),
            ("POST", "/api/ask", {}),
            ("POST", "/api/chat", {"question": "整改通知在哪里？"}),
            ("POST", "/v1/chat/completions", CHAT),
            ("GET", "/openapi.json", None),
        ],
    )
    def test_every_api_response(self, client, method, path, body):
        headers = client.request(method, path, json=body).headers
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert headers["content-security-policy"].startswith("default-src 'none'")

    def test_a_server_error_too(self, client, fake_assistant):
        fake_assistant.ask.side_effect = RuntimeError("boom")
        response = client.post("/api/ask", json={"question": "你好"})
        assert response.status_code == 500 and response.headers["x-content-type-options"] == "nosniff"

    def test_the_docs_keep_their_own_policy(self, client):
        headers = client.get("/docs").headers
        assert "script-src 'self' 'unsafe-inline'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"

    def test_the_web_app_gets_the_web_policy(self, settings, fake_assistant):
        app = create_app(settings, assistant=fake_assistant, with_web=False)
        app.mount("/", Starlette(routes=[Route("/{path:path}", lambda r: HTMLResponse("<p>web</p>"))]))
        headers = TestClient(app).get("/some/page").headers
        policy = headers["content-security-policy"]
        assert "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
