"""The web app's file handling against a served app on 127.0.0.1 (issue 13, findings 1 and 2).

- Gradio's upload route is closed to anonymous callers and bounded in size;
- no event copies a file the page names by path (`FileData`) from elsewhere on the host: neither into
  Gradio's cache (where `/gradio_api/file=` would serve it) nor into the documents;
- an ingest reads only the files this browser's upload session sent.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import httpx
import pytest

from tests.support.servers import running
from ui.app import create_app
from ui.web.uploads import COOKIE

pytestmark = pytest.mark.slow
TOKEN = "security-test-token"
MAX_UPLOAD_MB = 1  # small, so the oversized upload is quick to send
SECRET = "机密：不应被读取的服务器文件 7f3a9c"


@pytest.fixture(scope="module")
def gradio_dir(tmp_path_factory):
    """Gradio's upload and cache folder for these apps, watched for files that should not appear."""
    folder = tmp_path_factory.mktemp("gradio-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADIO_TEMP_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    path.write_text(f"{SECRET}\n示例区2024年工作要点\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(ingested_settings, assistant, gradio_dir):
    settings = ingested_settings.model_copy(update={"api_token": TOKEN, "max_upload_mb": MAX_UPLOAD_MB})
    with running(create_app(settings, assistant=assistant), "/api/health") as base:
        yield base


@pytest.fixture(scope="module")
def site_without_token(ingested_settings, assistant, gradio_dir):
    settings = ingested_settings.model_copy(update={"api_token": None})
    with running(create_app(settings, assistant=assistant), "/api/health") as base:
        yield base


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def holding(folder: Path, text: str) -> list[Path]:
    return [p for p in files_under(folder) if text.encode() in p.read_bytes()]


def upload(base: str, content: bytes, cookies: dict | None = None, name: str = "示例.txt") -> httpx.Response:
    files = {"files": (name, content, "text/plain")}
    return httpx.post(f"{base}/gradio_api/upload", files=files, cookies=cookies, timeout=60)


def upload_session(base: str, token: str) -> httpx.Response:
    return httpx.post(f"{base}/api/web-upload-session", headers={"Authorization": f"Bearer {token}"}, timeout=30)


def call_event(base: str, api_name: str, data: list, cookies: dict | None = None) -> dict:
    """Run one of the page's events the way the page does (queue/join, then the event stream)."""
    config = httpx.get(f"{base}/config", timeout=30).json()
    dependency = next(d for d in config["dependencies"] if d["api_name"] == api_name)
    session = uuid.uuid4().hex
    body = {"data": data, "fn_index": dependency["id"], "trigger_id": dependency["targets"][0][0],
            "session_hash": session, "event_data": None}  # fmt: skip
    joined = httpx.post(f"{base}/gradio_api/queue/join", json=body, cookies=cookies, timeout=30)
    assert joined.status_code == 200, joined.text
    with httpx.stream("GET", f"{base}/gradio_api/queue/data", params={"session_hash": session}, timeout=120) as events:
        for line in events.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return message
    raise AssertionError("the event stream ended without process_completed")


def test_anonymous_upload_is_refused_and_nothing_is_written(site, gradio_dir):
    before = files_under(gradio_dir)
    answer = upload(site, b"anonymous " * 1000)
    assert answer.status_code == 401
    assert "管理员令牌" in answer.json()["error"]["message"]
    forged = upload(site, b"forged", cookies={COOKIE: "guessed-session"})
    assert forged.status_code == 401
    assert files_under(gradio_dir) == before


def test_upload_is_refused_outright_when_uploads_are_disabled(site_without_token, gradio_dir):
    before = files_under(gradio_dir)
    answer = upload(site_without_token, b"x")
    assert answer.status_code == 403 and "POLICY_API_TOKEN" in answer.json()["error"]["message"]
    assert upload_session(site_without_token, "anything").status_code == 403
    assert files_under(gradio_dir) == before


def test_a_wrong_token_opens_no_session(site):
    answer = upload_session(site, "wrong-token")
    assert answer.status_code == 401 and COOKIE not in answer.cookies
    assert "令牌不正确" in answer.json()["error"]["message"]


def test_a_token_holders_upload_is_bounded_in_size(site, gradio_dir):
    opened = upload_session(site, TOKEN)
    assert opened.status_code == 200
    cookie = {COOKIE: opened.cookies[COOKIE]}
    assert (
        "httponly" in opened.headers["set-cookie"].lower() and "samesite=strict" in opened.headers["set-cookie"].lower()
    )
    accepted = upload(site, "示例区2024年工作要点\n".encode(), cookies=cookie)
    assert accepted.status_code == 200
    [stored] = accepted.json()
    assert Path(stored).is_file() and Path(stored).is_relative_to(gradio_dir)
    too_big = upload(site, b"0" * (MAX_UPLOAD_MB * 1024 * 1024 + 1024), cookies=cookie)
    assert too_big.status_code == 413


def test_an_event_given_a_host_path_copies_nothing(site, gradio_dir, secret_file):
    """Any event's input may be a FileData: Gradio must refuse a path it did not receive."""
    file_data = {"path": str(secret_file), "orig_name": "secret.txt", "meta": {"_type": "gradio.FileData"}}
    outcome = call_event(site, "respond", [file_data, "浏览器", None])
    assert outcome["success"] is False
    assert holding(gradio_dir, SECRET) == []


def test_ingest_reads_only_this_sessions_uploads(site, gradio_dir, secret_file):
    mine = {COOKIE: upload_session(site, TOKEN).cookies[COOKIE]}
    theirs = {COOKIE: upload_session(site, TOKEN).cookies[COOKIE]}
    assert upload(site, "别人的文件\n".encode(), cookies=theirs, name="别人.txt").status_code == 200
    file_data = {"path": str(secret_file), "orig_name": "secret.txt", "meta": {"_type": "gradio.FileData"}}
    outcome = call_event(site, "ingest", [file_data], cookies=mine)  # a path in the request is ignored
    assert outcome["success"] is True
    assert "请先选择文件" in json.dumps(outcome["output"], ensure_ascii=False)
    documents = httpx.get(f"{site}/api/documents", timeout=30).json()["documents"]
    assert not any(d["source_file"] in ("secret.txt", "别人.txt") for d in documents)
    assert holding(gradio_dir, SECRET) == []
    anonymous = call_event(site, "ingest", [])
    assert "请先输入管理员令牌" in json.dumps(anonymous["output"], ensure_ascii=False)
