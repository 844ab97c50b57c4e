"""Documents: list and read (`GET /api/documents[/{doc_id}]`); add, replace, edit, delete and re-index
(`POST /api/documents`, `PUT|PATCH|DELETE /api/documents/{doc_id}`, `POST /api/ingest`, token required).

Every change goes through the assistant's document methods, that is the one document service with its
limits and lock. An upload's body is read here as a stream: each file goes to a temporary file and
stops at the size limit (413) before the rest is read, so no body is held in memory or spooled whole.
"""

from __future__ import annotations

import tempfile
import urllib.parse
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Request
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool

from assistant.documents import DocumentNotFound, Upload
from assistant.ingest import IngestReport
from corpus.safety import megabytes
from ui.api.deps import AssistantDep, SettingsDep, WriteAccess
from ui.api.errors import ApiError

router = APIRouter(prefix="/api", tags=["文件"])
MAX_FILES_PER_REQUEST = 20
MAX_FIELD_BYTES = 64 * 1024  # a form field that is not a file (none is read)
EDITABLE = {"title", "issuer", "region", "year", "period", "kind"}


@router.get("/documents", summary="已收录的文件")
def documents(assistant: AssistantDep) -> dict:
    return {"documents": [entry.to_dict() for entry in assistant.document_entries()]}


@router.get("/documents/{doc_id}", summary="一份文件的正文与表格")
def document(doc_id: str, assistant: AssistantDep) -> dict:
    found = assistant.document(doc_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"没有文档编号为「{doc_id}」的文件")
    return found.to_dict()


@router.post("/documents", summary="上传文件并导入（multipart，字段名 files，可多个）", dependencies=[WriteAccess])
async def add(request: Request, settings: SettingsDep, assistant: AssistantDep) -> dict:
    with tempfile.TemporaryDirectory(prefix="policy-upload-") as folder:
        uploads = await read_uploads(request, Path(folder), _max_bytes(settings))
        if not uploads:
            raise HTTPException(status_code=422, detail="没有收到文件（multipart/form-data，字段名 files）")
        report = await run_in_threadpool(assistant.add_documents, uploads)
    return report_body(report)


@router.put("/documents/{doc_id}", summary="用新文件替换一份已上传的文件", dependencies=[WriteAccess])
async def replace(doc_id: str, request: Request, settings: SettingsDep, assistant: AssistantDep) -> dict:
    with tempfile.TemporaryDirectory(prefix="policy-upload-") as folder:
        uploads = await read_uploads(request, Path(folder), _max_bytes(settings))
        if len(uploads) != 1:
            raise HTTPException(status_code=422, detail="替换时请只上传一个文件（字段名 files）")
        report = await run_in_threadpool(_run, assistant.replace_document, doc_id, uploads[0])
    return report_body(report)


@router.patch("/documents/{doc_id}", summary="修改文件信息（标题、发文机关、地区、年份、时期、类型）",
              dependencies=[WriteAccess])  # fmt: skip
def edit(
    doc_id: str,
    assistant: AssistantDep,
    changes: Annotated[
        dict, Body(examples=[{"title": "2024年示例市重点任务进度表", "region": "高要区", "year": 2024}])
    ],
) -> dict:
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise HTTPException(
            status_code=422, detail=f"不能修改「{'、'.join(unknown)}」，可修改：{'、'.join(sorted(EDITABLE))}"
        )
    try:
        return report_body(_run(assistant.edit_document, doc_id, changes))
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


@router.delete("/documents/{doc_id}", summary="删除一份已上传的文件（连同它的片段、表格行和词条）",
               dependencies=[WriteAccess])  # fmt: skip
def delete(doc_id: str, assistant: AssistantDep) -> dict:
    return report_body(_run(assistant.delete_document, doc_id))


@router.post("/ingest", summary="重新导入全部文件", dependencies=[WriteAccess])
def reingest(assistant: AssistantDep) -> dict:
    return report_body(assistant.reingest())


def _run(method, *args) -> IngestReport:
    try:
        return method(*args)
    except DocumentNotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc


def _max_bytes(settings) -> int:
    from assistant.documents import read_limits

    return read_limits(settings).max_file_bytes


def report_body(report: IngestReport) -> dict:
    return {
        "version": report.version,
        "changed": report.changed,
        "seconds": round(report.seconds, 2),
        "documents": [d.__dict__ for d in report.documents],
        "tables": report.details.get("tables", {}),
        "table_warnings": report.details.get("table_warnings", []),
        "retrieval": {k: v for k, v in report.details.get("retrieval", {}).items() if k != "collection"},
        "stages": report.details.get("stages", {}),
    }


# -- reading an upload as a stream ------------------------------------------------------------------------------


class _Refused(Exception):  # noqa: N818
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def read_uploads(request: Request, folder: Path, max_bytes: int) -> list[Upload]:
    """The files of a multipart body, each written to `folder` as it arrives and refused (413) the moment
    it passes `max_bytes`. A declared Content-Length over what the request could carry is refused unread."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise ApiError(415, "请用 multipart/form-data 上传文件（字段名 files）")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FILES_PER_REQUEST * (max_bytes + MAX_FIELD_BYTES):
        raise ApiError(413, f"请求体太大：每个文件最多 {megabytes(max_bytes)}，每次最多 {MAX_FILES_PER_REQUEST} 个文件")
    reader = _PartWriter(folder, max_bytes)
    parser = MultipartParser(params[b"boundary"], reader.callbacks())
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except _Refused as exc:
        raise ApiError(exc.status, str(exc)) from None
    finally:
        reader.close()
    return reader.uploads


class _PartWriter:
    """python-multipart callbacks that write each file part to its own file under `folder`."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.uploads: list[Upload] = []
        self._headers: dict[bytes, bytes] = {}
        self._field, self._value = b"", b""
        self._file = None
        self._name = ""
        self._size = 0

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda data, start, end: self._add("_field", data[start:end]),
            "on_header_value": lambda data, start, end: self._add("_value", data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_part_end": self.close,
        }

    def _add(self, attribute: str, data: bytes) -> None:
        setattr(self, attribute, getattr(self, attribute) + data)
        if len(self._field) + len(self._value) > MAX_FIELD_BYTES:
            raise _Refused(413, "上传请求的头部太长")

    def _begin(self) -> None:
        self._headers, self._file, self._name, self._size = {}, None, "", 0

    def _header_end(self) -> None:
        self._headers[self._field.lower()] = self._value
        self._field, self._value = b"", b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = _file_name(self._headers.get(b"content-disposition", b""), options)
        if name is None:
            return  # a plain form field: counted, not kept
        if len(self.uploads) >= MAX_FILES_PER_REQUEST:
            raise _Refused(413, f"每次最多上传 {MAX_FILES_PER_REQUEST} 个文件")
        path = self.folder / f"{len(self.uploads):03d}.upload"  # never the client's name: it is checked later
        self._file, self._name = path.open("wb"), name
        self.uploads.append(Upload(path, name))

    def _data(self, data: bytes, start: int, end: int) -> None:
        self._size += end - start
        if self._file is None:
            if self._size > MAX_FIELD_BYTES:
                raise _Refused(413, "表单字段太长")
            return
        if self._size > self.max_bytes:
            shown = self._name.replace("/", "／").replace("\\", "＼")[:80]
            raise _Refused(413, f"无法读取文件「{shown}」：文件超过 {megabytes(self.max_bytes)} 的上限，未导入任何文件")
        self._file.write(data[start:end])

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _file_name(disposition: bytes, options: dict[bytes, bytes]) -> str | None:
    """The file name of a part (None for a plain field): RFC 5987 `filename*=UTF-8''…` first, then
    `filename="…"` as browsers send it (UTF-8 bytes)."""
    for part in disposition.split(b";"):
        key, _, value = part.strip().partition(b"=")
        if key.lower() == b"filename*":
            charset, _, encoded = value.strip(b'"').decode("latin-1").partition("''")
            return urllib.parse.unquote(encoded, encoding=charset or "utf-8", errors="replace")
    if b"filename" not in options:
        return None
    raw = options[b"filename"]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
