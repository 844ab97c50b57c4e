"""Building one data version from a set of sources, beside the current one, and swapping it in.

`VersionBuilder` is the engine under the document service (`assistant.documents`): given every
source of the new version (the bundled corpus, the users' files, their edited metadata) it
loads the files within the read limits, builds the tables, the lexicon and the retrieval index
into a staged version, checksums it, and on `commit` points CURRENT at it. Loading is
all-or-nothing: a file that cannot be read stops the build with an error naming it, and the
previous version keeps answering.

Progress is reported by stage (`ProgressCallback(stage, done, total)`); the time of each stage
lands in the report (`details["stages"]`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.datadir import DataDir, Snapshot, retrieval_config, write_json_atomic
from assistant.settings import Settings
from corpus import Document, DocumentInfo, load_document
from corpus.errors import DocumentLoadError, IngestError
from corpus.lexicon import Lexicon, documents_lexicon
from corpus.manifest import version_record
from corpus.safety import ReadLimits
from structured import build_tables
from structured.vocabulary import table_terms

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
KEPT = "未变化"
DUPLICATE = "已存在"


@dataclass(frozen=True)
class Source:
    """One document of a version: its file, its id, the metadata the manifest gives (bundled)
    or None (inferred from the file), and the fields a user edited."""

    path: Path
    doc_id: str
    origin: str  # corpus.manifest.BUNDLED / UPLOAD
    info: DocumentInfo | None = None
    edits: Mapping[str, object] = field(default_factory=dict)
    file_name: str = ""  # the name it is kept under when it differs from the path's (a staged upload)


@dataclass
class DocumentReport:
    doc_id: str
    title: str
    source: str
    status: str  # 新增 / 已更新 / 未变化 / 信息已修改 / 已删除 / 已存在
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

    @property
    def changed(self) -> bool:
        """Whether the request changed any document (a duplicate that was not added changes none)."""
        return any(d.status not in (KEPT, DUPLICATE) for d in self.documents)


@dataclass
class Build:
    """A staged version, not yet answering."""

    snapshot: Snapshot
    documents: list[Document]
    details: dict


class StageClock:
    """Forwards progress and times each stage: a stage lasts from its first report to the next stage's."""

    def __init__(self, progress: ProgressCallback | None) -> None:
        self.progress = progress or (lambda stage, done, total: None)
        self.seconds: dict[str, float] = {}
        self._stage: str | None = None
        self._since = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self._close()
            self._stage = stage
        self.progress(stage, done, total)

    def _close(self) -> None:
        now = time.perf_counter()
        if self._stage is not None:
            self.seconds[self._stage] = round(self.seconds.get(self._stage, 0.0) + now - self._since, 3)
        self._since = now

    def finish(self) -> dict[str, float]:
        self._close()
        self._stage = None
        return dict(self.seconds)


class VersionBuilder:
    """Builds a data version from sources, and commits or discards it. The caller holds the writer lock.

    >>> builder = VersionBuilder(Settings(data_dir="/tmp/d"))  # doctest: +SKIP
    >>> build = builder.build([Source(path, info.doc_id, "bundled", info) for path, info in bundled_documents()])  # doctest: +SKIP
    >>> builder.commit(build)  # doctest: +SKIP
    """

    def __init__(self, settings: Settings, limits: ReadLimits) -> None:
        self.settings = settings
        self.limits = limits
        self.data = DataDir(settings.data_dir)
        from retrieval.indexer import RetrievalIndexer  # the embedders and Chroma's client: only an ingest needs them

        self.retrieval = RetrievalIndexer(retrieval_config(settings))

    def build(self, sources: Sequence[Source], progress: StageClock) -> Build:
        documents = self.load(sources, progress)
        snapshot = self.data.stage()
        try:
            details = self._build(snapshot, documents, sources, progress)
        except BaseException:
            self.discard(snapshot)
            raise
        return Build(snapshot, documents, details)

    def load(self, sources: Sequence[Source], progress: ProgressCallback) -> list[Document]:
        documents: dict[str, Document] = {}
        for n, source in enumerate(sources, start=1):
            progress("读取文件", n - 1, len(sources))
            try:
                document = load_document(source.path, source.info, self.limits)
            except DocumentLoadError as exc:
                raise IngestError(f"{exc}。本次导入已取消，原有索引保持不变。") from exc
            name = source.file_name or source.path.name
            document.info = replace(document.info, doc_id=source.doc_id, source_file=name, **source.edits)
            if document.doc_id in documents:
                raise IngestError(
                    f"文件「{name}」与「{documents[document.doc_id].info.source_file}」的文档编号相同"
                    f"（{document.doc_id}），请重命名后再导入。本次导入已取消，原有索引保持不变。"
                )
            documents[document.doc_id] = document
        progress("读取文件", len(sources), len(sources))
        return list(documents.values())

    def _build(self, snapshot: Snapshot, documents: list[Document], sources: Sequence[Source],
               progress: ProgressCallback) -> dict:  # fmt: skip
        for document in documents:
            write_json_atomic(snapshot.documents_dir / f"{document.doc_id}.json", document.to_dict())
        progress("解析表格", 0, 1)
        tables = build_tables(documents)
        tables.save(snapshot.tables_dir)
        progress("解析表格", 1, 1)
        progress("建立词表", 0, 1)
        lexicon = documents_lexicon(documents, table_terms(tables))
        lexicon.save(snapshot.lexicon_path)
        progress("建立词表", 1, 1)
        details: dict = {"tables": tables.counts(), "table_warnings": tables.warnings}
        details["retrieval"] = self.index_text(snapshot, documents, lexicon, progress)
        progress("校验新版本", 0, 1)
        origins = {s.doc_id: (s.origin, sorted(s.edits)) for s in sources}
        records = [version_record(d, *origins.get(d.doc_id, ("upload", []))) for d in documents]
        snapshot.write_meta({"documents": records, **details})
        snapshot.write_checksums()
        progress("校验新版本", 1, 1)
        return details

    def index_text(self, snapshot: Snapshot, documents: list[Document], lexicon: Lexicon,
                   progress: ProgressCallback) -> dict:  # fmt: skip
        """The retrieval index of the new version: the one call into retrieval, so an incremental
        build (embedding only new chunks) can replace it here. The current version, if any, is
        `self.data.current()`."""
        progress("建立检索索引", 0, 1)
        return self.retrieval.build(snapshot, documents, progress, lexicon=lexicon)

    def commit(self, build: Build, before_swap: Callable[[], None] = lambda: None) -> None:
        """`before_swap` (moving uploads into place) runs after everything is built and before
        CURRENT changes; if it fails, the build is discarded."""
        try:
            before_swap()
        except BaseException:
            self.discard(build.snapshot)
            raise
        self.data.commit(build.snapshot)
        self.retrieval.keep_only(build.snapshot)  # other versions' collections, stale models
        self.data.record_cached_models(self.retrieval.config)

    def discard(self, snapshot: Snapshot) -> None:
        self.retrieval.discard(snapshot)  # the half-built Chroma collection
        self.data.discard(snapshot)


def document_report(document: Document, status: str) -> DocumentReport:
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
