"""Writing: `POST /api/documents` (upload and ingest) and `POST /api/ingest` (re-index). Token required."""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

from fastapi import APIRouter, HTTPException, UploadFile

from assistant.ingest import Ingestor, IngestReport
from corpus import SUPPORTED_SUFFIXES
from ui.api.deps import AssistantDep, SettingsDep, WriteAccess

router = APIRouter(prefix="/api", tags=["写入（需令牌）"], dependencies=[WriteAccess])
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_NAME_BYTES = 255
_ingest_lock = threading.Lock()  # one ingest at a time in this process


@router.post("/documents", summary="上传文件并导入")
def upload(files: list[UploadFile], settings: SettingsDep, assistant: AssistantDep) -> dict:
    if not files:
        raise HTTPException(status_code=422, detail="没有收到文件")
    with tempfile.TemporaryDirectory(prefix="policy-upload-") as tmp:
        paths = []
        for upload_file in files:
            name = Path(upload_file.filename or "").name
            if not name or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                raise HTTPException(
                    status_code=422, detail=f"不支持的文件「{name or '未命名'}」，支持 {' '.join(SUPPORTED_SUFFIXES)}"
                )
            if len(name.encode("utf-8")) > MAX_NAME_BYTES:  # no file system takes it: the copy would fail
                raise HTTPException(
                    status_code=422,
                    detail=f"文件名「{name[:20]}…」太长（{len(name.encode('utf-8'))} 字节），"
                    f"最多 {MAX_NAME_BYTES} 字节（约 85 个汉字），请改短后再上传",
                )
            target = Path(tmp) / name
            with target.open("wb") as out:
                shutil.copyfileobj(upload_file.file, out, length=1024 * 1024)
            if target.stat().st_size > MAX_UPLOAD_BYTES:
                raise HTTPException(status_code=413, detail=f"文件「{name}」超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
            paths.append(target)
        report = _ingest(settings, assistant, paths)
    return report_body(report)


@router.post("/ingest", summary="重新导入全部文件")
def reingest(settings: SettingsDep, assistant: AssistantDep) -> dict:
    return report_body(_ingest(settings, assistant, []))


def _ingest(settings, assistant, paths: list[Path]) -> IngestReport:
    with _ingest_lock:
        report = Ingestor(settings, inside_server=True).run(paths)
    assistant.reload_if_changed()
    return report


def report_body(report: IngestReport) -> dict:
    return {
        "version": report.version,
        "seconds": round(report.seconds, 2),
        "documents": [d.__dict__ for d in report.documents],
        "tables": report.details.get("tables", {}),
        "table_warnings": report.details.get("table_warnings", []),
        "retrieval": {k: v for k, v in report.details.get("retrieval", {}).items() if k != "collection"},
    }
