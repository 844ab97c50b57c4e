"""The document lifecycle — add, list, replace, edit, delete, re-ingest — as one service.

The API (`/api/documents`), the web page and the command line all go through `DocumentService`
(the first two by way of `PolicyAssistant`), so every file meets the same limits
(`corpus.safety`: name, size, type by content, zip bomb, huge sheets, time) and every change the
same lock: one writer per data directory, across threads and processes. A change builds a new
data version beside the current one (`assistant.ingest.VersionBuilder`) and swaps it in; when
anything fails, the index, the tables, the manifest and `uploads/` are exactly as they were,
and the error says in Chinese which file failed and why.

A file whose content is already in the corpus (same SHA-256) is not added twice; a file with
the name of one added before replaces it. Metadata a user edits is kept in `sources.json` and
survives re-ingests and `--rebuild`.

>>> service = DocumentService(Settings(data_dir="/tmp/d"))  # doctest: +SKIP
>>> report = service.add([Upload(Path("/tmp/x/进度表.docx"), "进度表.docx")])  # doctest: +SKIP
>>> [(d.doc_id, d.status) for d in report.documents if d.status != "未变化"]  # doctest: +SKIP
[('user-进度表', '新增')]
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.datadir import DataDir, acquire, file_sha256, retrieval_config, write_json_atomic
from assistant.ingest import (
    DUPLICATE,
    KEPT,
    DocumentReport,
    IngestReport,
    ProgressCallback,
    Source,
    StageClock,
    VersionBuilder,
    document_report,
)
from assistant.settings import Settings
from corpus import SUPPORTED_SUFFIXES
from corpus.errors import IngestError, PolicyAssistantError
from corpus.gazetteer import gazetteer
from corpus.manifest import BUNDLED, UPLOAD, UploadRecord, UserSources, bundled_documents
from corpus.metadata import doc_id_for, validate_edits
from corpus.model import DOCUMENT_KINDS
from corpus.safety import MB, FileRefused, ReadLimits, check_file, reading_budget, safe_file_name

logger = logging.getLogger(__name__)

ADDED, UPDATED, EDITED, DELETED = "新增", "已更新", "信息已修改", "已删除"
LOCK_WAIT_SECONDS = 600  # an upload waits this long for another one to finish
_process_locks: dict[Path, threading.Lock] = {}
_process_locks_guard = threading.Lock()


class DocumentNotFound(PolicyAssistantError):  # noqa: N818 (reads as what happened)
    """No document has this id (HTTP 404)."""


@dataclass(frozen=True)
class Upload:
    """A file a user gives: where its bytes are now, and the name they gave it (which may differ:
    a web upload sits in a temporary file)."""

    path: Path
    name: str

    @classmethod
    def of(cls, file: Upload | Path | str) -> Upload:
        return file if isinstance(file, Upload) else cls(Path(file), Path(file).name)


@dataclass(frozen=True)
class DocumentEntry:
    """One document of the current version, as lists show it."""

    doc_id: str
    title: str
    issuer: str
    region: str
    city: str  # the region's city (the region itself when it is a city)
    year: int | None
    period: str
    kind: str
    kind_name: str
    source_file: str
    origin: str  # bundled / upload
    edited: list[str] = field(default_factory=list)
    sha256: str = ""
    blocks: int = 0
    tables: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_record(cls, record: Mapping) -> DocumentEntry:
        region = record.get("region", "")
        kind = record.get("kind", "other")
        return cls(
            doc_id=record["doc_id"],
            title=record.get("title", ""),
            issuer=record.get("issuer", ""),
            region=region,
            city=_city_of(region),
            year=record.get("year"),
            period=record.get("period", ""),
            kind=kind,
            kind_name=DOCUMENT_KINDS.get(kind, kind),
            source_file=record.get("source_file", ""),
            origin=record.get("origin", UPLOAD),
            edited=list(record.get("edited", [])),
            sha256=record.get("sha256", ""),
            blocks=record.get("blocks", 0),
            tables=record.get("tables", 0),
        )


@dataclass(frozen=True)
class _Checked:
    upload: Upload
    name: str  # safe
    sha256: str


@dataclass
class _Change:
    """What one request changes: the new user sources, files to move into uploads/ and to remove."""

    sources: UserSources
    staged: dict[str, Path] = field(default_factory=dict)  # name in uploads/ → staged file
    removed_files: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)  # doc_id → status forced by the request
    extra_reports: list[DocumentReport] = field(default_factory=list)  # deleted or duplicate files


def read_limits(settings: Settings) -> ReadLimits:
    return ReadLimits(max_file_bytes=int(settings.max_upload_mb * MB), seconds=settings.file_read_seconds)


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


class DocumentService:
    """Adds, lists, replaces, edits and deletes documents; each change is one new data version."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.data = DataDir(settings.data_dir)
        self.limits = read_limits(settings)

    # -- reading ----------------------------------------------------------------------------------------

    def list(self) -> list[DocumentEntry]:
        snapshot = self.data.current()
        if snapshot is None:
            return []
        return [DocumentEntry.from_record(r) for r in snapshot.read_meta()["documents"]]

    # -- changing ---------------------------------------------------------------------------------------

    def ingest(self, paths: Sequence[Path | str] = (), progress: ProgressCallback | None = None,
               rebuild: bool = False) -> IngestReport:  # fmt: skip
        """`policy-assistant ingest [PATHS] [--rebuild]`: a new version from every source, with
        PATHS (files or folders) added. `rebuild` first throws away every cache, so nothing but
        the sources is trusted (a damaged embedded store is started afresh by any ingest)."""
        return self._add([Upload.of(p) for p in expand_paths(paths)], progress, rebuild=rebuild, always=True)

    def add(self, uploads: Sequence[Upload | Path | str], progress: ProgressCallback | None = None) -> IngestReport:
        """Add files; a new version only if one of them is new or changed."""
        return self._add([Upload.of(u) for u in uploads], progress, rebuild=False, always=False)

    def _add(self, uploads: list[Upload], progress: ProgressCallback | None, rebuild: bool,
             always: bool) -> IngestReport:  # fmt: skip
        clock = StageClock(progress)
        checked = self._check_all(uploads, clock)
        with self._writing(rebuild):
            change = self._plan_additions(checked)
            return self._apply(change, clock, always=always)

    def replace(self, doc_id: str, upload: Upload | Path | str, progress: ProgressCallback | None = None
                ) -> IngestReport:  # fmt: skip
        """Give an added document new content (and possibly a new file name); its id and edits stay."""
        clock = StageClock(progress)
        (checked,) = self._check_all([Upload.of(upload)], clock)
        with self._writing():
            sources = self._user_sources()
            old = self._upload_of(sources, doc_id)
            if checked.sha256 == old.sha256:
                return self._apply(_Change(sources), clock)
            holder = self._content_holder(sources, checked.sha256)
            if holder:
                raise IngestError(f"文件「{checked.name}」的内容与已收录的「{holder}」相同，未替换")
            clash = next((u for u in sources.uploads if u.file == checked.name and u.doc_id != doc_id), None)
            if clash:
                raise IngestError(f"文件名「{checked.name}」已被文档 {clash.doc_id} 使用，请改名后再替换")
            record = UploadRecord(doc_id, checked.name, checked.sha256, _now())
            sources.uploads = [record if u.doc_id == doc_id else u for u in sources.uploads]
            change = _Change(sources, statuses={doc_id: UPDATED})
            change.staged[checked.name] = self._stage(checked)
            if old.file != checked.name:
                change.removed_files.append(old.file)
            return self._apply(change, clock)

    def edit(self, doc_id: str, changes: Mapping[str, object], progress: ProgressCallback | None = None
             ) -> IngestReport:  # fmt: skip
        """Set metadata fields by hand (title, issuer, region, year, period, kind); ValueError for a bad value."""
        clean = validate_edits(dict(changes))
        clock = StageClock(progress)
        with self._writing():
            sources = self._user_sources()
            if doc_id not in self._known_ids(sources):
                raise DocumentNotFound(f"没有文档编号为「{doc_id}」的文件")
            edits = {**sources.edits.get(doc_id, {}), **clean}
            if edits == sources.edits.get(doc_id, {}):
                return self._apply(_Change(sources), clock)
            sources.edits = {**sources.edits, doc_id: edits}
            return self._apply(_Change(sources, statuses={doc_id: EDITED}), clock)

    def delete(self, doc_id: str, progress: ProgressCallback | None = None) -> IngestReport:
        """Remove an added document: its file, chunks, table rows and lexicon entries go with the new version."""
        clock = StageClock(progress)
        with self._writing():
            sources = self._user_sources()
            record = self._upload_of(sources, doc_id)
            sources.uploads = [u for u in sources.uploads if u.doc_id != doc_id]
            sources.edits = {k: v for k, v in sources.edits.items() if k != doc_id}
            gone = DocumentReport(doc_id, self._title_of(doc_id), record.file, DELETED, 0, 0, [])
            return self._apply(_Change(sources, removed_files=[record.file], extra_reports=[gone]), clock)

    # -- the steps ----------------------------------------------------------------------------------------

    def _check_all(self, uploads: list[Upload], clock: StageClock) -> list[_Checked]:
        """Every file against the limits before anything is locked, read or copied."""
        checked: list[_Checked] = []
        for n, upload in enumerate(uploads):
            clock("检查文件", n, len(uploads))
            checked.append(self._check(upload))
        clock("检查文件", len(uploads), len(uploads))
        names = [c.name for c in checked]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise IngestError(f"同一批文件中有重名文件「{'、'.join(repeated)}」，请改名后再导入")
        return checked

    def _check(self, upload: Upload) -> _Checked:
        shown = _shown_name(upload.name)
        try:
            name = safe_file_name(upload.name)
            if not upload.path.is_file():
                raise FileRefused("文件不存在")
            with reading_budget(self.limits):
                check_file(upload.path, self.limits, shown_suffix=Path(name).suffix)
        except FileRefused as exc:
            raise IngestError(f"无法读取文件「{shown}」：{exc}。本次导入已取消，原有索引保持不变。") from exc
        return _Checked(upload, name, file_sha256(upload.path))

    def _plan_additions(self, checked: list[_Checked]) -> _Change:
        sources = self._user_sources()
        change = _Change(sources)
        for item in checked:
            holder = self._content_holder(sources, item.sha256)
            if holder:
                change.extra_reports.append(DocumentReport(holder, self._title_of(holder), item.name, DUPLICATE, 0, 0,
                                                           [], [f"内容与已收录的文档 {holder} 相同，未重复导入"]))  # fmt: skip
                continue
            doc_id = doc_id_for(item.name)
            old = sources.upload(doc_id)
            record = UploadRecord(doc_id, item.name, item.sha256, _now())
            if old is None:
                sources.uploads = [*sources.uploads, record]
                change.statuses[doc_id] = ADDED
            else:
                sources.uploads = [record if u.doc_id == doc_id else u for u in sources.uploads]
                change.statuses[doc_id] = UPDATED
                if old.file != item.name:
                    change.removed_files.append(old.file)
            change.staged[item.name] = self._stage(item)
        return change

    def _apply(self, change: _Change, clock: StageClock, always: bool = False) -> IngestReport:
        """Build and swap in the version `change` describes — or nothing, if it changes nothing."""
        started = time.perf_counter()
        if not always and not change.staged and not change.removed_files and not change.statuses:
            return self._unchanged(change, clock, started)
        builder = VersionBuilder(self.settings, self.limits)
        previous = self._previous_records()
        try:
            build = builder.build(self._sources(change), clock)
            builder.commit(build, before_swap=lambda: self._keep(change))
        finally:
            self._clear_staged(change)
        self._remove_files(change.removed_files)
        reports = [document_report(d, self._status(d, previous, change)) for d in build.documents]
        details = {**build.details, "stages": clock.finish()}
        return IngestReport(build.snapshot.version, reports + change.extra_reports, time.perf_counter() - started,
                            details)  # fmt: skip

    def _unchanged(self, change: _Change, clock: StageClock, started: float) -> IngestReport:
        self._clear_staged(change)
        version = self.data.current_version() or ""
        kept = [DocumentReport(e.doc_id, e.title, e.source_file, KEPT, e.blocks, e.tables, []) for e in self.list()]
        return IngestReport(version, kept + change.extra_reports, time.perf_counter() - started,
                            {"stages": clock.finish()})  # fmt: skip

    def _sources(self, change: _Change) -> list[Source]:
        edits = change.sources.edits
        sources = [Source(path, info.doc_id, BUNDLED, info, edits.get(info.doc_id, {}))
                   for path, info in bundled_documents()]  # fmt: skip
        for record in change.sources.uploads:
            path = change.staged.get(record.file, self.data.uploads_dir / record.file)
            sources.append(Source(path, record.doc_id, UPLOAD, None, edits.get(record.doc_id, {}), record.file))
        return sources

    def _keep(self, change: _Change) -> None:
        """Just before CURRENT moves: the staged files into uploads/, then the user sources."""
        self.data.uploads_dir.mkdir(parents=True, exist_ok=True)
        for name, staged in change.staged.items():
            os.replace(staged, self.data.uploads_dir / name)
        write_json_atomic(self.data.sources_path, change.sources.to_dict())

    def _status(self, document, previous: dict[str, dict], change: _Change) -> str:
        if document.doc_id in change.statuses:
            return change.statuses[document.doc_id]
        before = previous.get(document.doc_id)
        if before is None:
            return ADDED
        if before.get("sha256") != document.sha256:
            return UPDATED
        return KEPT

    # -- state ------------------------------------------------------------------------------------------

    def _user_sources(self) -> UserSources:
        """sources.json; without one (a data dir from before it, or a damaged one), the files in uploads/."""
        try:
            return UserSources.load(self.data.sources_path)
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, KeyError):
            logger.warning("sources.json is unreadable: re-reading uploads/ (edited metadata is lost)")
        files = (
            sorted(p for p in self.data.uploads_dir.glob("*") if p.is_file()) if self.data.uploads_dir.exists() else []
        )
        return UserSources([UploadRecord(doc_id_for(p.name), p.name, file_sha256(p)) for p in files], {})

    def _previous_records(self) -> dict[str, dict]:
        """The current version's documents, or nothing when it is missing or damaged (a repair)."""
        try:
            snapshot = self.data.current()
            return {r["doc_id"]: r for r in snapshot.read_meta()["documents"]} if snapshot else {}
        except (PolicyAssistantError, OSError, ValueError, KeyError, TypeError):
            return {}

    def _known_ids(self, sources: UserSources) -> set[str]:
        return {info.doc_id for _, info in bundled_documents()} | {u.doc_id for u in sources.uploads}

    def _upload_of(self, sources: UserSources, doc_id: str) -> UploadRecord:
        record = sources.upload(doc_id)
        if record is not None:
            return record
        if doc_id in self._known_ids(sources):
            raise IngestError(f"「{doc_id}」是内置语料中的文件，不能删除或替换（可以修改它的信息）")
        raise DocumentNotFound(f"没有文档编号为「{doc_id}」的文件")

    def _content_holder(self, sources: UserSources, sha256: str) -> str:
        """The doc_id of a document whose file has exactly this content, or ""."""
        for upload in sources.uploads:
            if upload.sha256 == sha256:
                return upload.doc_id
        for path, info in bundled_documents():
            if file_sha256(path) == sha256:
                return info.doc_id
        return ""

    def _title_of(self, doc_id: str) -> str:
        return self._previous_records().get(doc_id, {}).get("title", "")

    # -- files and locks ---------------------------------------------------------------------------------

    def _stage(self, item: _Checked) -> Path:
        """A copy of the upload under data/incoming/ (the same file system as uploads/, so moving it is atomic)."""
        folder = self.data.incoming_dir / secrets.token_hex(6)
        folder.mkdir(parents=True)
        target = folder / item.name
        shutil.copyfile(item.upload.path, target)
        return target

    @staticmethod
    def _clear_staged(change: _Change) -> None:
        for staged in change.staged.values():
            shutil.rmtree(staged.parent, ignore_errors=True)

    def _remove_files(self, names: list[str]) -> None:
        for name in names:
            (self.data.uploads_dir / name).unlink(missing_ok=True)

    @contextmanager
    def _writing(self, rebuild: bool = False) -> Iterator[None]:
        """One change at a time per data directory: threads of this process wait their turn, another
        process is refused. Damaged caches are thrown away before anything reuses them."""
        lock = _process_lock(self.data.root)
        if not lock.acquire(timeout=LOCK_WAIT_SECONDS):
            raise IngestError("另一个导入仍在进行，请稍后再试")
        try:
            embedded = self.settings.chroma_mode == "embedded"
            if embedded and self.data.server_running():
                raise IngestError(
                    "服务正在使用这个数据目录（内嵌向量库只能有一个写入者）：请在网页「文件」页上传，"
                    "或调用 POST /api/documents、POST /api/ingest；也可以先停止服务再导入"
                )
            with acquire(self.data.writer_lock()):
                self._prepare(embedded, rebuild)
                yield
        finally:
            lock.release()

    def _prepare(self, embedded: bool, rebuild: bool) -> None:
        shutil.rmtree(self.data.incoming_dir, ignore_errors=True)  # files of a change that never finished
        serving = embedded and self.data.server_lock().is_locked  # this process is the server
        if rebuild:
            if serving:
                raise IngestError("服务运行时不能完全重建，请先停止服务，再运行 `policy-assistant ingest --rebuild`")
            self.data.clear_caches()
        else:
            self.data.repair_caches(retrieval_config(self.settings))
        if embedded and not self.data.chroma_ok():  # a sound store is kept: a failed rebuild then loses nothing
            if serving:
                raise IngestError("内嵌向量库已损坏，请先停止服务，再运行 `policy-assistant ingest --rebuild`")
            self.data.reset_embedded_store()


def _process_lock(root: Path) -> threading.Lock:
    with _process_locks_guard:
        return _process_locks.setdefault(Path(root).resolve(), threading.Lock())


def _shown_name(raw: str) -> str:
    """A name safe to put in a message, even when the name itself is what is refused."""
    text = str(raw or "未命名").replace("\x00", "�")
    return text.replace("/", "／").replace("\\", "＼")[:80] or "未命名"


def _city_of(region: str) -> str:
    if not region:
        return ""
    g = gazetteer()
    level = g.level_of(region)
    if level == "county":
        parent = g.parent_of(region)
        return parent if g.level_of(parent) == "city" else ""
    return region if level == "city" else ""


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
