"""Ingest: load every source file, build tables and indexes beside the current ones, swap.

Sources are the bundled corpus, the files users added earlier (`data/uploads/`) and the
paths given now. Loading is all-or-nothing: a file that cannot be read stops the ingest
with an error naming it, and the previous version keeps answering.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.datadir import DataDir, Snapshot, acquire, retrieval_config, write_json_atomic
from assistant.settings import Settings
from corpus import SUPPORTED_SUFFIXES, Document, DocumentInfo, bundled_documents, load_document
from corpus.errors import DocumentLoadError, IngestError
from corpus.lexicon import Lexicon, document_terms, glossary_terms
from retrieval import RetrievalIndexer
from structured import build_tables
from structured.vocabulary import table_terms

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]


@dataclass
class DocumentReport:
    doc_id: str
    title: str
    source: str
    status: str  # 新增 / 已更新 / 未变化
    blocks: int
    tables: int
    table_rows: list[int]
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    version: str
    documents: list[DocumentReport]
    seconds: float = 0.0
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class _Source:
    path: Path
    info: DocumentInfo | None
    is_new: bool  # given on this run (copied into uploads/ when the ingest succeeds)


def expand_paths(paths: Sequence[Path | str]) -> list[Path]:
    """Files as given; folders become the supported files inside them."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            files.append(path)
    return files


class Ingestor:
    """Builds a new data version from all sources and swaps it in.

    >>> report = Ingestor(Settings(data_dir="/tmp/d")).run()  # doctest: +SKIP
    >>> [d.doc_id for d in report.documents][:1]  # doctest: +SKIP
    ['jm-2020h1-key-tasks']
    """

    def __init__(self, settings: Settings, inside_server: bool = False) -> None:
        """`inside_server`: the ingest runs in the server process (an upload), which owns the store."""
        self.settings = settings
        self.data = DataDir(settings.data_dir)
        self.inside_server = inside_server
        self.retrieval = RetrievalIndexer(retrieval_config(settings))

    def run(self, paths: Sequence[Path | str] = (), progress: ProgressCallback | None = None) -> IngestReport:
        progress = progress or (lambda stage, done, total: None)
        started = time.perf_counter()
        if not self.inside_server and self.settings.chroma_mode == "embedded" and self.data.server_running():
            raise IngestError(
                "服务正在使用这个数据目录（内嵌向量库只能有一个写入者）：请在网页「文件」页上传，"
                "或调用 POST /api/documents、POST /api/ingest；也可以先停止服务再导入"
            )
        with acquire(self.data.writer_lock()):
            sources = self._sources(expand_paths(paths))
            previous = self._previous_hashes()
            documents = self._load(sources, progress)
            snapshot = self.data.stage()
            try:
                details = self._build(snapshot, documents, progress)
                snapshot.write_meta(
                    {
                        "documents": [
                            {
                                "doc_id": d.doc_id,
                                "title": d.info.title,
                                "sha256": d.sha256,
                                "source": d.info.source_file,
                            }
                            for d in documents
                        ],
                        **details,
                    }
                )
            except Exception:
                self.retrieval.discard(snapshot)  # the half-built Chroma collection
                self.data.discard(snapshot)
                raise
            self._keep_uploads(sources)
            self.data.commit(snapshot)
            self.retrieval.keep_only(snapshot)  # other versions' collections, stale models
        reports = [self._report(d, previous) for d in documents]
        return IngestReport(snapshot.version, reports, time.perf_counter() - started, details)

    # -- steps -------------------------------------------------------------------------------

    def _sources(self, new_paths: list[Path]) -> list[_Source]:
        sources = [_Source(path, info, False) for path, info in bundled_documents()]
        new_names = {p.name for p in new_paths}
        if self.data.uploads_dir.exists():
            sources += [
                _Source(p, None, False)
                for p in sorted(self.data.uploads_dir.iterdir())
                if p.is_file() and p.name not in new_names
            ]
        sources += [_Source(p, None, True) for p in new_paths]
        return sources

    def _load(self, sources: list[_Source], progress: ProgressCallback) -> list[Document]:
        documents: dict[str, Document] = {}
        for n, source in enumerate(sources, start=1):
            progress("读取文件", n - 1, len(sources))
            try:
                document = load_document(source.path, source.info)
            except DocumentLoadError as exc:
                raise IngestError(f"{exc}。本次导入已取消，原有索引保持不变。") from exc
            if document.doc_id in documents:
                raise IngestError(
                    f"文件「{source.path.name}」与「{documents[document.doc_id].info.source_file}」的文档编号相同"
                    f"（{document.doc_id}），请重命名后再导入。本次导入已取消，原有索引保持不变。"
                )
            documents[document.doc_id] = document
        progress("读取文件", len(sources), len(sources))
        return list(documents.values())

    def _build(self, snapshot: Snapshot, documents: list[Document], progress: ProgressCallback) -> dict:
        for document in documents:
            write_json_atomic(snapshot.documents_dir / f"{document.doc_id}.json", document.to_dict())
        progress("解析表格", 0, 1)
        tables = build_tables(documents)
        tables.save(snapshot.tables_dir)
        lexicon = Lexicon([*document_terms(documents), *table_terms(tables), *glossary_terms()])
        lexicon.save(snapshot.lexicon_path)
        progress("解析表格", 1, 1)
        details: dict = {"tables": tables.counts(), "table_warnings": tables.warnings}
        details["retrieval"] = self.retrieval.build(snapshot, documents, progress, lexicon=lexicon)
        return details

    def _keep_uploads(self, sources: list[_Source]) -> None:
        new = [s.path for s in sources if s.is_new]
        if new:
            self.data.uploads_dir.mkdir(parents=True, exist_ok=True)
        for path in new:
            if path.resolve().parent != self.data.uploads_dir.resolve():
                shutil.copy2(path, self.data.uploads_dir / path.name)

    def _previous_hashes(self) -> dict[str, str]:
        current = self.data.current()
        if current is None:
            return {}
        return {d["doc_id"]: d["sha256"] for d in current.read_meta()["documents"]}

    @staticmethod
    def _report(document: Document, previous: dict[str, str]) -> DocumentReport:
        if document.doc_id not in previous:
            status = "新增"
        elif previous[document.doc_id] != document.sha256:
            status = "已更新"
        else:
            status = "未变化"
        return DocumentReport(
            doc_id=document.doc_id,
            title=document.info.title,
            source=document.info.source_file,
            status=status,
            blocks=len(document.blocks),
            tables=len(document.tables),
            table_rows=[len(t.rows) for t in document.tables],
            warnings=document.warnings,
        )
