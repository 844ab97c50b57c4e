"""A real `chroma run` server killed, SIGSTOPped and unreachable at start, under a served app on 127.0.0.1.

Passage search answers 503 in Chinese (with Retry-After) while Chroma is down or hung; table questions, the table
part of mixed answers and `/api/health` keep answering; the same server answers passages again once Chroma is
back — no restart.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from assistant.documents import DocumentService
from assistant.pipeline import PolicyAssistant
from tests.support.servers import chroma_server, free_port, running
from ui.app import create_app

pytestmark = pytest.mark.slow

TABLE_QUESTION = "哪些区县PM10未达标？"
# Questions naming no document, place or year: their passage search needs Chroma's index. (A search
# filtered to some documents scores the allowed rows exactly from the version's own vectors, so it
# keeps answering while Chroma is down: retrieval/retriever.py, `DenseRetriever.nearest`.)
TEXT_QUESTION = "黑臭水体整治有什么要求？"
MIXED_QUESTION = "哪些区县PM10未达标？要采取什么措施？"
HUNG_REQUESTS = 45  # more than the 40 worker threads that answer questions


@pytest.fixture(scope="module")
def served(tmp_path_factory, ingested_settings):
    """A data dir whose vectors live on a Chroma server at `port` (stopped again after the ingest)."""
    root = tmp_path_factory.mktemp("chroma-faults")
    shutil.copytree(ingested_settings.data_dir / "cache", root / "data" / "cache")  # no retraining
    port = free_port()
    settings = ingested_settings.model_copy(
        update={
            "data_dir": root / "data",
            "chroma_host": "127.0.0.1",
            "chroma_port": port,
            "chroma_timeout": 2.0,
            "retry_after": 1.0,
            "busy_wait": 1.0,
        }
    )
    with chroma_server(root / "chroma", port):
        DocumentService(settings).ingest()
    return settings, root / "chroma"


def ask(base: str, question: str, timeout: float = 30) -> httpx.Response:
    return httpx.post(f"{base}/api/ask", json={"question": question}, timeout=timeout)


def assert_unavailable(response: httpx.Response) -> str:
    assert response.status_code == 503, response.text
    error = response.json()["error"]
    assert error["type"] == "service_unavailable" and int(response.headers["retry-after"]) >= 1
    message = error["message"]
    assert "原文检索" in message and "表格类问题" in message
    assert "ingest" not in message and "导入" not in message and "127.0.0.1" not in message
    return message


def until(condition, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


def test_chroma_killed_then_back(served):
    settings, chroma_path = served
    assistant = PolicyAssistant(settings)
    with (
        chroma_server(chroma_path, settings.chroma_port) as (_, chroma),
        running(create_app(settings, assistant, with_web=False), "/api/health") as base,
    ):
        healthy = {q: ask(base, q).json() for q in (TABLE_QUESTION, TEXT_QUESTION, MIXED_QUESTION)}
        assert [a["route"] for a in healthy.values()] == ["structured", "retrieval", "mixed"]

        chroma.kill()
        chroma.wait(10)
        assert_unavailable(ask(base, TEXT_QUESTION))
        assert ask(base, TABLE_QUESTION).json()["answer"] == healthy[TABLE_QUESTION]["answer"]
        mixed = ask(base, MIXED_QUESTION).json()
        table_part = healthy[MIXED_QUESTION]["answer"].split("\n\n相关措施与要求")[0]
        assert mixed["route"] == "structured" and mixed["answer"].startswith(table_part)
        assert "原文检索暂时无法使用" in mixed["answer"] and mixed["facts"] == healthy[MIXED_QUESTION]["facts"]
        health = httpx.get(f"{base}/api/health", timeout=10).json()
        assert health["status"] == "degraded" and health["retrieval"] == "unavailable"
        assert_unavailable(httpx.get(f"{base}/api/search", params={"q": "黑臭水体"}, timeout=30))

    with (
        chroma_server(chroma_path, settings.chroma_port),
        running(create_app(settings, assistant, with_web=False), "/api/health") as base,
    ):  # the same assistant, no reload: Chroma is back on its port
        answer = until(lambda: (r := ask(base, TEXT_QUESTION)).status_code == 200 and r.json())
        assert answer["answer"] == healthy[TEXT_QUESTION]["answer"]
        assert httpx.get(f"{base}/api/health", timeout=10).json()["status"] == "ok"


def test_chroma_hung(served):
    """SIGSTOP: connections are accepted and never answered. 45 passage questions at once fill no more than a
    few threads for the client timeout; health and table questions go on meanwhile."""
    settings, chroma_path = served
    with (
        chroma_server(chroma_path, settings.chroma_port) as (_, chroma),
        running(create_app(settings, PolicyAssistant(settings), with_web=False), "/api/health") as base,
    ):
        assert ask(base, TEXT_QUESTION).status_code == 200
        os.kill(chroma.pid, signal.SIGSTOP)
        try:
            with ThreadPoolExecutor(HUNG_REQUESTS + 2) as pool:
                hung = [pool.submit(ask, base, TEXT_QUESTION, 60) for _ in range(HUNG_REQUESTS)]
                time.sleep(0.5)  # the passage questions are in
                health = pool.submit(httpx.get, f"{base}/api/health", timeout=15)
                table = pool.submit(ask, base, TABLE_QUESTION, 15)
                assert health.result().status_code == 200 and health.result().json()["data_version"]
                assert table.result().json()["route"] == "structured"
                statuses = [f.result().status_code for f in hung]
            assert set(statuses) == {503}, statuses
            assert httpx.get(f"{base}/api/health", timeout=10).json()["retrieval"] == "unavailable"
        finally:
            os.kill(chroma.pid, signal.SIGCONT)
        assert until(lambda: ask(base, TEXT_QUESTION).status_code == 200)


def test_start_with_chroma_unreachable(served, caplog):
    """The server starts, says Chroma is unreachable (not that the index is missing), answers tables, and picks
    Chroma up when it comes."""
    settings, chroma_path = served
    assistant = PolicyAssistant(settings)
    assistant.warm_up()  # nothing listens on the port
    assert "index" not in caplog.text.lower() and "unavailable" in caplog.text
    with running(create_app(settings, assistant, with_web=False), "/api/health") as base:
        assert httpx.get(f"{base}/api/health", timeout=10).json()["retrieval"] == "unavailable"
        assert ask(base, TABLE_QUESTION).json()["route"] == "structured"
        assert_unavailable(ask(base, TEXT_QUESTION))
        with chroma_server(chroma_path, settings.chroma_port):
            assert until(lambda: ask(base, TEXT_QUESTION).status_code == 200)
