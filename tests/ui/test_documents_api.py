"""`/api/documents`: the upload is read as a stream and capped; every change goes to the assistant's
document methods. The route tests use a stand-in assistant; one test drives a real server end to end."""

from __future__ import annotations

import time
from pathlib import Path
from unittest.mock import Mock

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.documents import DocumentEntry, DocumentNotFound, DocumentService, Upload
from assistant.ingest import DocumentReport, IngestReport
from assistant.pipeline import PolicyAssistant
from tests.support import documents as fx
from tests.support.servers import running
from ui.app import create_app

TOKEN = "文件-token"
AUTH = {"Authorization": f"Bearer {TOKEN}".encode()}


def _report(status: str = "新增", doc_id: str = "user-x") -> IngestReport:
    return IngestReport("v2", [DocumentReport(doc_id, "标题", "x.txt", status, 1, 0, [])], 1.5,
                        {"stages": {"读取文件": 0.2}, "tables": {"tasks": 3}})  # fmt: skip


@pytest.fixture
def fake() -> Mock:
    assistant = Mock(spec=PolicyAssistant)
    seen: dict = {}

    def add_documents(uploads):
        seen["uploads"] = [(u.name, Path(u.path).read_bytes()) for u in uploads]  # read while the files exist
        return _report()

    assistant.add_documents.side_effect = add_documents
    assistant.seen = seen
    return assistant


@pytest.fixture
def client(settings, fake):
    app = create_app(settings.model_copy(update={"api_token": TOKEN, "max_upload_mb": 0.01}), assistant=fake,
                     with_web=False)  # fmt: skip
    return TestClient(app, raise_server_exceptions=False)


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    return response.json()["error"]["message"]


class TestUpload:
    def test_files_reach_the_assistant_with_their_names(self, client, fake):
        files = [("files", ("韶关市进度表.txt", "一、目标\n推进。".encode(), "text/plain")),
                 ("files", ("第二份.md", b"# t", "text/markdown"))]  # fmt: skip
        body = client.post("/api/documents", files=files, headers=AUTH).json()
        assert body["version"] == "v2" and body["changed"] and body["stages"] == {"读取文件": 0.2}
        assert fake.seen["uploads"] == [("韶关市进度表.txt", "一、目标\n推进。".encode()), ("第二份.md", b"# t")]

    def test_a_name_with_a_path_is_handed_on_for_the_service_to_refuse(self, client, fake):
        client.post("/api/documents", files=[("files", ("../../etc/passwd", b"x", "text/plain"))], headers=AUTH)
        assert fake.seen["uploads"][0][0] == "../../etc/passwd"  # stored as 000.upload, never under this name

    def test_a_file_over_the_limit_stops_the_read(self, client, fake):
        big = b"a" * 20_000  # over 0.01 MB
        message = _error(client.post("/api/documents", files=[("files", ("大.txt", big, "text/plain"))], headers=AUTH),
                         413)  # fmt: skip
        assert "大.txt" in message and "0.01 MB" in message
        fake.add_documents.assert_not_called()

    def test_a_declared_body_over_what_a_request_may_carry_is_refused_unread(self, client, fake):
        headers = {**AUTH, "content-type": "multipart/form-data; boundary=x", "content-length": str(10**9)}
        assert "请求体太大" in _error(client.post("/api/documents", content=b"--x--", headers=headers), 413)

    def test_no_file_and_not_multipart(self, client):
        only_a_field = {"a": (None, "b")}  # multipart without a file part
        assert "没有收到文件" in _error(client.post("/api/documents", files=only_a_field, headers=AUTH), 422)
        assert "multipart" in _error(client.post("/api/documents", json={"a": 1}, headers=AUTH), 415)

    def test_the_token_is_checked_before_the_body_is_read(self, client, fake):
        response = client.post("/api/documents", files=[("files", ("a.txt", b"x" * 50_000, "text/plain"))])
        assert response.status_code == 401
        fake.add_documents.assert_not_called()

    def test_rfc5987_file_names(self):
        from ui.api.routes.documents import _file_name

        disposition = b"form-data; name=\"files\"; filename*=UTF-8''%E8%BF%9B%E5%BA%A6%E8%A1%A8.docx"
        assert _file_name(disposition, {b"name": b"files"}) == "进度表.docx"


class TestChanges:
    def test_edit(self, client, fake):
        fake.edit_document.return_value = _report("信息已修改")
        body = client.patch("/api/documents/user-x", json={"region": "翁源县", "year": 2029}, headers=AUTH).json()
        assert body["documents"][0]["status"] == "信息已修改"
        fake.edit_document.assert_called_once_with("user-x", {"region": "翁源县", "year": 2029})

    def test_edit_refusals_are_422_and_404(self, client, fake):
        assert "可修改" in _error(client.patch("/api/documents/user-x", json={"sha256": "x"}, headers=AUTH), 422)
        fake.edit_document.side_effect = ValueError("「火星市」不是中国的行政区划名称")
        assert "行政区划" in _error(client.patch("/api/documents/user-x", json={"region": "火星市"}, headers=AUTH), 422)
        fake.edit_document.side_effect = DocumentNotFound("没有文档编号为「user-y」的文件")
        assert "user-y" in _error(client.patch("/api/documents/user-y", json={"title": "t"}, headers=AUTH), 404)

    def test_delete_and_replace(self, client, fake):
        fake.delete_document.return_value = _report("已删除")
        assert client.delete("/api/documents/user-x", headers=AUTH).json()["documents"][0]["status"] == "已删除"
        fake.delete_document.side_effect = DocumentNotFound("没有文档编号为「user-z」的文件")
        assert "user-z" in _error(client.delete("/api/documents/user-z", headers=AUTH), 404)
        fake.replace_document.return_value = _report("已更新")
        response = client.put(
            "/api/documents/user-x", files=[("files", ("新.txt", b"abc", "text/plain"))], headers=AUTH
        )
        assert response.json()["documents"][0]["status"] == "已更新"
        (doc_id, upload), _ = fake.replace_document.call_args
        assert doc_id == "user-x" and isinstance(upload, Upload) and upload.name == "新.txt"

    def test_writes_need_the_token(self, client):
        assert client.delete("/api/documents/user-x").status_code == 401
        assert client.patch("/api/documents/user-x", json={"title": "t"}).status_code == 401

    def test_the_list_shows_metadata(self, client, fake):
        fake.document_entries.return_value = [DocumentEntry.from_record(
            {"doc_id": "user-a", "title": "翁源县要点", "region": "翁源县", "kind": "key_points", "origin": "upload",
             "edited": ["region"]})]  # fmt: skip
        entry = client.get("/api/documents").json()["documents"][0]
        assert (entry["city"], entry["kind_name"], entry["edited"]) == ("韶关市", "工作要点", ["region"])


# -- a real server, a real file ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_word_file_added_to_a_running_server_answers_at_once_and_can_be_deleted(tmp_path, settings):
    settings = settings.model_copy(update={"api_token": TOKEN})
    DocumentService(settings).ingest()
    path = fx.progress_docx(tmp_path)
    assistant = PolicyAssistant(settings)
    app = create_app(settings, assistant=assistant, with_web=False)
    question = {"question": "韶关市浈江区东岗子站2029年1-6月O3浓度是多少？"}
    with running(app, "/api/health") as base, httpx.Client(base_url=base, timeout=300) as http:
        started = time.perf_counter()
        with path.open("rb") as handle:
            response = http.post("/api/documents", files=[("files", (path.name, handle))], headers=AUTH)
        seconds = time.perf_counter() - started
        body = response.json()
        assert response.status_code == 200, body
        doc_id = next(d["doc_id"] for d in body["documents"] if d["status"] == "新增")
        assert set(body["stages"]) >= {"检查文件", "读取文件", "建立检索索引", "加载新版本"}
        print(f"\nadded {path.name} in {seconds:.1f} s: {body['stages']}")
        answer = http.post("/api/ask", json=question).json()
        assert "151" in answer["answer"] and answer["citations"][0]["doc_id"] == doc_id
        listed = {d["doc_id"]: d for d in http.get("/api/documents").json()["documents"]}
        assert listed[doc_id]["title"] == fx.PROGRESS_TITLE and listed[doc_id]["origin"] == "upload"
        again = http.post("/api/documents", files=[("files", (path.name, path.read_bytes()))], headers=AUTH).json()
        assert again["changed"] is False and again["version"] == body["version"]
        refused = http.post("/api/documents", files=[("files", ("../../etc/passwd", b"root:x:0:0"))], headers=AUTH)
        assert refused.status_code == 400 and "路径" in refused.json()["error"]["message"]
        assert http.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 200
        assert "151" not in http.post("/api/ask", json=question).json()["answer"]
        assert doc_id not in {d["doc_id"] for d in http.get("/api/documents").json()["documents"]}
