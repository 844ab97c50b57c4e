"""Ingest: what it reports, where it stores, and that a failure loses nothing."""

from __future__ import annotations

import pytest

from assistant.datadir import DataDir
from assistant.documents import DocumentService
from corpus.errors import IngestError

TASK_TABLE = "2024年示例区重点任务完成情况表\n\t序号\n\t区域\n\t任务\n\t完成情况\n\n\t1\n\t示例区\n\t建设污水管网。\n\t按进度推进。\n"


def test_ingest_reports_the_five_documents(settings):
    report = DocumentService(settings).ingest()
    by_id = {d.doc_id: d for d in report.documents}
    assert len(by_id) == 5
    assert by_id["jm-2020h1-key-tasks"].table_rows == [36]  # header + 35 tasks
    assert by_id["hm-2020-work-plan"].tables == 2
    assert all(d.status == "新增" for d in report.documents)
    snapshot = DataDir(settings.data_dir).current()
    assert snapshot is not None and (snapshot.documents_dir / "hm-2020-work-plan.json").exists()


def test_added_file_is_kept_for_later_ingests(settings, tmp_path):
    new = tmp_path / "示例区任务表.txt"
    new.write_text(TASK_TABLE, encoding="utf-8")
    first = DocumentService(settings).ingest([new])
    assert any(d.source == new.name and d.status == "新增" for d in first.documents)
    second = DocumentService(settings).ingest()
    statuses = {d.source: d.status for d in second.documents}
    assert statuses[new.name] == "未变化"
    new.write_text(TASK_TABLE.replace("按进度推进", "进度滞后"), encoding="utf-8")
    third = DocumentService(settings).ingest([new])
    assert {d.source: d.status for d in third.documents}[new.name] == "已更新"
    assert len(third.documents) == 6


@pytest.mark.parametrize("content", [b"", bytes(range(0x80, 0x100)) * 4])
def test_failed_ingest_keeps_previous_version(settings, tmp_path, content):
    DocumentService(settings).ingest()
    data = DataDir(settings.data_dir)
    before = data.current_version()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(IngestError, match="bad.txt.*原有索引保持不变"):
        DocumentService(settings).ingest([bad])
    assert data.current_version() == before
    assert [p.name for p in data.versions_dir.iterdir()] == [before]
    assert not (data.uploads_dir / "bad.txt").exists()


def test_missing_path_fails_clearly(settings, tmp_path):
    with pytest.raises(IngestError, match="missing.docx.*文件不存在"):
        DocumentService(settings).ingest([tmp_path / "missing.docx"])
    assert DataDir(settings.data_dir).current() is None
